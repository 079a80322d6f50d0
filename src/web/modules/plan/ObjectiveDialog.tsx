import { useState } from 'react';
import { Trans, useLingui } from '@lingui/react/macro';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Form } from 'react-aria-components';
import { ApiError, patch, post } from '../../app/api';
import { useOrg } from '../../app/context';
import { Button, ConfirmDialog, DialogActions, Field, ModalDialog } from '../../ui/components';
import { SaveError } from '../../ui/EditConflict';
import { suggestCode } from '../../../shared/plan-codes';
import { del, keys, planBase, usePlan, type ObjectiveNode } from './api';
import { LinesField } from './components';
import { IndicatorsEditor, type DraftIndicator } from './IndicatorDialog';
import { OwnerField, ownerBody, ownerOf, sameOwner } from './OwnerField';
import e from './entry.module.css';

/**
 * Adds or edits a strategic objective (no parent) or an operational one (under `parent`): the code is
 * suggested from the plan's numbering, the owner is one choice, and indicators are entered here too.
 * `onAdded` gets the confirmation to announce once a new objective is saved.
 */
export function ObjectiveDialog({ planId, parent, objective, onClose, onAdded }: {
  planId: string; parent: ObjectiveNode | null; objective: ObjectiveNode | null; onClose: () => void; onAdded?: (message: string) => void;
}) {
  const { orgId } = useOrg();
  const { t } = useLingui();
  const qc = useQueryClient();
  const tree = usePlan(orgId, planId).data;
  const isOd = objective ? objective.parentId !== null : parent !== null;
  // Indicators are saved one by one while the dialog is open: show them as the plan has them now.
  const fresh = objective && (tree?.objectives.flatMap((sd) => [sd, ...sd.children]).find((o) => o.id === objective.id) ?? objective);
  const [code, setCode] = useState(() => objective?.code
    ?? (tree ? suggestCode(tree.objectives, tree.plan.language, parent ? { level: 'od', parentId: parent.id } : { level: 'sd' }) : ''));
  const [title, setTitle] = useState(objective?.title ?? '');
  const [description, setDescription] = useState(objective?.description ?? '');
  const initialOwner = ownerOf(objective);
  const [owner, setOwner] = useState(initialOwner);
  const [coActors, setCoActors] = useState(objective?.coActors ?? []);
  const [drafts, setDrafts] = useState<DraftIndicator[]>([]);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const save = useMutation({
    mutationFn: (rev: number | undefined = objective?.revision) => {
      // The owner only when it changed: an imported objective with a unit and a description keeps both until someone chooses.
      const body = { code: code.trim(), title, description: description || null, coActors, ...(sameOwner(owner, initialOwner) ? {} : ownerBody(owner)) };
      return objective
        ? patch(`${planBase(orgId, planId)}/objectives/${objective.id}`, body, { revision: rev })
        : post(`${planBase(orgId, planId)}/objectives`, { ...body, parentId: parent?.id ?? null, ...(drafts.length ? { indicators: drafts } : {}) });
    },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: keys.plan(orgId, planId) });
      if (!objective) {
        const label = [code.trim(), title.trim()].filter(Boolean).join(' ');
        onAdded?.(isOd ? t`Operational objective ${label} added.` : t`Strategic objective ${label} added.`);
      }
      onClose();
    },
  });
  const remove = useMutation({
    mutationFn: () => del(`${planBase(orgId, planId)}/objectives/${objective!.id}`),
    onSuccess: () => { void qc.invalidateQueries({ queryKey: keys.plan(orgId, planId) }); onClose(); },
  });
  const err = save.error instanceof ApiError ? save.error : undefined;
  const heading = objective
    ? (isOd ? t`Edit operational objective` : t`Edit strategic objective`)
    : isOd ? t`Add an operational objective to ${parent!.code}` : t`Add a strategic objective`;
  return (
    <ModalDialog isOpen onOpenChange={(o) => !o && onClose()} title={heading}>
      {(close) => (
        <Form onSubmit={(ev) => { ev.preventDefault(); save.mutate(undefined); }}>
          <SaveError error={save.error} pending={save.isPending} onKeepMine={(r) => save.mutate(r)}
            rows={((c) => c ? [{ label: t`Code`, mine: code, theirs: c.code }, { label: t`Title`, mine: title, theirs: c.title }, { label: t`Description`, mine: description, theirs: c.description ?? '' }] : [])(err?.current as { code: string; title: string; description: string | null } | undefined)}
            onTakeTheirs={() => { void qc.invalidateQueries({ queryKey: keys.plan(orgId, planId) }); close(); }} />
          <Field label={t`Code`} value={code} onChange={setCode} maxLength={30} error={err?.fieldMessage('code')}
            description={objective ? (isOd ? t`For example OD 1.2.` : t`For example SD 1.`) : t`Suggested from the plan's numbering; you can change it.`} />
          <Field className={e.shortText} label={t`Title`} value={title} onChange={setTitle} isRequired maxLength={1000} error={err?.fieldMessage('title')} multiline autoFocus />
          <Field className={e.shortText} label={t`Description`} value={description} onChange={setDescription} maxLength={20_000} error={err?.fieldMessage('description')} multiline />
          <OwnerField orgId={orgId} value={owner} onChange={setOwner} errors={(k) => err?.fieldMessage(k)} />
          <div className={e.shortText}>
            <LinesField label={t`Co-actors`} value={coActors} onChange={setCoActors} error={err?.fieldMessage('coActors')} />
          </div>
          <IndicatorsEditor planId={planId} heading={t`Indicators of this objective`} target={objective ? { objectiveId: objective.id } : null}
            saved={(fresh?.indicators ?? []).filter((i) => i.actionId === null)} drafts={drafts} onDrafts={setDrafts} />
          <div className={e.footer}>
            <DialogActions>
              {objective && <Button variant="danger" onPress={() => setConfirmDelete(true)}><Trans>Delete objective</Trans></Button>}
              <Button variant="secondary" onPress={close}><Trans>Cancel</Trans></Button>
              <Button type="submit" isDisabled={save.isPending}><Trans>Save</Trans></Button>
            </DialogActions>
          </div>
          {confirmDelete && (
            <ConfirmDialog isOpen onOpenChange={setConfirmDelete} title={t`Delete this objective?`} confirmLabel={t`Delete objective`} danger
              onConfirm={() => remove.mutate()} pending={remove.isPending} error={remove.error}>
              <p><Trans>Only an objective without operational objectives, actions or indicators can be deleted.</Trans></p>
            </ConfirmDialog>
          )}
        </Form>
      )}
    </ModalDialog>
  );
}
