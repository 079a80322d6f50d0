import { useState } from 'react';
import { Trans, useLingui } from '@lingui/react/macro';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Form } from 'react-aria-components';
import { ApiError, patch } from '../../app/api';
import { useOrg } from '../../app/context';
import { Button, Checkbox, DialogActions, ErrorAlert, Loading, ModalDialog, Notice } from '../../ui/components';
import { conflictOf, EditConflictPanel } from '../../ui/EditConflict';
import { keys, measurementUrl, useCandidates, type MeasurementDetail } from './api';
import s from './maturity.module.css';

/**
 * The officer changes the assessors while the measurement is being scored (PATCH on the measurement's
 * revision; 409 shows the list saved meanwhile). Taking off someone who already scored deletes their
 * scores, files and links: the dialog says so and asks to confirm before saving.
 */
function AssessorsForm({ m, close }: { m: MeasurementDetail; close: () => void }) {
  const { orgId } = useOrg();
  const { t } = useLingui();
  const qc = useQueryClient();
  const candidates = useCandidates(orgId);
  const [chosen, setChosen] = useState<string[]>(m.assessors.map((a) => a.userId));
  const [revision, setRevision] = useState(m.revision);
  const [base, setBase] = useState(m.assessors);
  const [confirming, setConfirming] = useState(false);
  const save = useMutation({
    mutationFn: (rev: number) => patch<MeasurementDetail>(measurementUrl(orgId, m.id), { assessorUserIds: chosen }, { revision: rev }),
    onSuccess: () => { void qc.invalidateQueries({ queryKey: keys.all(orgId) }); close(); },
  });
  const theirs = conflictOf<MeasurementDetail>(save.error);
  const err = save.error instanceof ApiError ? save.error : undefined;
  // Who would lose their scores: taken off the list after scoring at least one criterion.
  const losing = base.filter((a) => a.scored > 0 && !chosen.includes(a.userId));
  const names = (ids: string[]) => (candidates.data ?? []).filter((c) => ids.includes(c.userId)).map((c) => c.displayName).join(', ');
  const submit = (rev: number) => {
    if (losing.length > 0 && !confirming) { setConfirming(true); return; }
    save.mutate(rev);
  };
  const toggle = (id: string, on: boolean) => { setChosen((a) => (on ? [...a, id] : a.filter((x) => x !== id))); setConfirming(false); save.reset(); };
  return (
    <Form onSubmit={(e) => { e.preventDefault(); submit(revision); }}>
      <fieldset className={s.criterion} aria-describedby="assessors-edit-help">
        <legend><strong><Trans>Assessors</Trans></strong></legend>
        <p id="assessors-edit-help" className={`${s.muted} ${s.small}`}>
          <Trans>People of the organisation with an account. Each scores every criterion independently.</Trans>
        </p>
        <ErrorAlert error={candidates.error} />
        {candidates.isPending ? <Loading /> : (candidates.data ?? []).map((c) => {
          const scored = base.find((a) => a.userId === c.userId)?.scored ?? 0;
          return (
            <Checkbox key={c.userId} isSelected={chosen.includes(c.userId)} onChange={(on) => toggle(c.userId, on)}>
              {scored > 0 ? t`${c.displayName} (scored ${scored} of ${m.criterionCount})` : c.displayName}
            </Checkbox>
          );
        })}
        {err?.fieldMessage('assessorUserIds') && <p className={s.small} role="alert">{err.fieldMessage('assessorUserIds')}</p>}
      </fieldset>
      {confirming && losing.length > 0 && (
        <div role="alert">
          <Notice kind="warning">
            {losing.map((a) => (
              <p key={a.userId}><Trans>{a.displayName} already scored {a.scored} of {m.criterionCount} criteria. Taking them off deletes their scores, files and links; this cannot be undone.</Trans></p>
            ))}
          </Notice>
        </div>
      )}
      {theirs && err ? (
        <EditConflictPanel error={err} pending={save.isPending}
          rows={[{ label: t`Assessors`, mine: names(chosen), theirs: theirs.assessors.map((a) => a.displayName).join(', ') }]}
          onKeepMine={() => { setRevision(theirs.revision); setBase(theirs.assessors); submit(theirs.revision); }}
          onTakeTheirs={() => {
            setChosen(theirs.assessors.map((a) => a.userId)); setBase(theirs.assessors); setRevision(theirs.revision); setConfirming(false); save.reset();
            void qc.invalidateQueries({ queryKey: keys.all(orgId) });
          }} />
      ) : <ErrorAlert error={err && !err.fieldMessage('assessorUserIds') ? err : undefined} />}
      <DialogActions>
        <Button type="submit" variant={confirming ? 'danger' : 'primary'} isDisabled={save.isPending || chosen.length === 0}>
          {confirming ? <Trans>Delete their scores and save</Trans> : <Trans>Save the assessors</Trans>}
        </Button>
        <Button variant="secondary" onPress={close}><Trans>Cancel</Trans></Button>
      </DialogActions>
    </Form>
  );
}

/** "Change the assessors", for the officer while the measurement is being scored. */
export function AssessorsEditor({ m }: { m: MeasurementDetail }) {
  const { t } = useLingui();
  const [open, setOpen] = useState(false);
  if (!m.permissions.editAssessors) return null;
  return (
    <>
      <Button variant="secondary" onPress={() => setOpen(true)}><Trans>Change the assessors</Trans></Button>
      <ModalDialog isOpen={open} onOpenChange={setOpen} title={t`Change the assessors`}>
        {(close) => <AssessorsForm key={m.revision} m={m} close={close} />}
      </ModalDialog>
    </>
  );
}
