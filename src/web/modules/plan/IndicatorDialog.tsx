import { useState, type FormEvent } from 'react';
import { Trans, useLingui } from '@lingui/react/macro';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Form, FormContext } from 'react-aria-components';
import { ApiError, patch, post } from '../../app/api';
import { useOrg } from '../../app/context';
import { Button, ConfirmDialog, DialogActions, Field, layout, ModalDialog, useFormat } from '../../ui/components';
import { SaveError } from '../../ui/EditConflict';
import { del, keys, planBase, type IndicatorView } from './api';
import e from './entry.module.css';
import s from './plan.module.css';

/** An indicator as entered with a new objective or action, before either exists. */
export interface DraftIndicator { name: string; unit: string | null; baseline: number | null; target: number | null }

/** Where a new indicator goes: an objective's own, or one action's (it then sits with the action's objective). */
export type IndicatorTarget = { objectiveId: string } | { actionId: string };

const num = (v: string) => (v.trim() === '' ? null : Number(v.replace(',', '.')));

/**
 * Adds or edits one indicator. Saved at once for an existing indicator or target; for a draft (a new
 * objective or action) `onDraft` takes the values and the parent's Save sends them along.
 */
export function IndicatorDialog({ planId, target, indicator, draft, onDraft, onClose }: {
  planId: string; target?: IndicatorTarget; indicator?: IndicatorView; draft?: DraftIndicator; onDraft?: (d: DraftIndicator) => void; onClose: () => void;
}) {
  const { orgId } = useOrg();
  const { t } = useLingui();
  const qc = useQueryClient();
  const start = indicator ?? draft;
  const [name, setName] = useState(start?.name ?? '');
  const [unit, setUnit] = useState(start?.unit ?? '');
  const [baseline, setBaseline] = useState(start?.baseline?.toString() ?? '');
  const [target_, setTarget] = useState(start?.target?.toString() ?? '');
  const values = (): DraftIndicator => ({ name: name.trim(), unit: unit.trim() || null, baseline: num(baseline), target: num(target_) });
  const save = useMutation({
    mutationFn: (rev: number | undefined = indicator?.revision) => {
      if (indicator) return patch(`${planBase(orgId, planId)}/indicators/${indicator.id}`, values(), { revision: rev });
      const url = target && 'actionId' in target ? `actions/${target.actionId}/indicators` : `objectives/${(target as { objectiveId: string }).objectiveId}/indicators`;
      return post(`${planBase(orgId, planId)}/${url}`, values());
    },
    onSuccess: () => { void qc.invalidateQueries({ queryKey: keys.plan(orgId, planId) }); onClose(); },
  });
  const err = save.error instanceof ApiError ? save.error : undefined;
  // Checked here too: a draft reaches the server only with its objective or action, and "abc" is no number.
  const [local, setLocal] = useState<Record<string, string>>({});
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    ev.stopPropagation();
    const v = values();
    const problems: Record<string, string> = {};
    if (!v.name) problems.name = t`Give the indicator a name.`;
    if (v.baseline !== null && !Number.isFinite(v.baseline)) problems.baseline = t`Enter a number.`;
    if (v.target !== null && !Number.isFinite(v.target)) problems.target = t`Enter a number.`;
    setLocal(problems);
    if (Object.keys(problems).length > 0) return;
    if (!onDraft) return save.mutate(undefined);
    onDraft(v);
    onClose();
  };
  const fieldError = (k: string) => local[k] ?? err?.fieldMessage(k);
  return (
    <ModalDialog isOpen onOpenChange={(o) => !o && onClose()} title={indicator || draft ? t`Edit indicator` : t`Add an indicator`}>
      {(close) => (
        // Opened from inside another dialog's form: React Aria's Form would hand this form that one's
        // props (its onSubmit among them) through FormContext; this form is its own.
        <FormContext.Provider value={null}>
          <Form onSubmit={submit}>
            <SaveError error={save.error} pending={save.isPending} onKeepMine={(r) => save.mutate(r)}
              onTakeTheirs={() => { void qc.invalidateQueries({ queryKey: keys.plan(orgId, planId) }); close(); }} />
            <Field label={t`Indicator`} value={name} onChange={setName} isRequired maxLength={500} error={fieldError('name')} autoFocus />
            <div className={layout.grid2}>
              <Field label={t`Unit of measure`} value={unit} onChange={setUnit} maxLength={50} error={fieldError('unit')} description={t`For example %, number or days.`} />
              <Field label={t`Baseline`} inputMode="numeric" value={baseline} onChange={setBaseline} error={fieldError('baseline')} />
              <Field label={t`Target`} inputMode="numeric" value={target_} onChange={setTarget} error={fieldError('target')} />
            </div>
            <DialogActions>
              <Button variant="secondary" onPress={close}><Trans>Cancel</Trans></Button>
              <Button type="submit" isDisabled={save.isPending}>{onDraft ? <Trans>Add to the list</Trans> : <Trans>Save</Trans>}</Button>
            </DialogActions>
          </Form>
        </FormContext.Provider>
      )}
    </ModalDialog>
  );
}

/** "Name (unit): baseline → target", the way the lists show an indicator. */
function useIndicatorLine() {
  const f = useFormat();
  const n = (v: number | null) => (v === null ? '—' : f.number(v));
  return (i: DraftIndicator) => `${i.name}${i.unit ? ` (${i.unit})` : ''}: ${n(i.baseline)} → ${n(i.target)}`;
}

/**
 * The indicators of an objective or action inside its dialog. For a saved one, each change is saved
 * at once; for a new one (`drafts`), the list is sent with the objective or action when it is saved.
 */
export function IndicatorsEditor({ planId, target, saved, drafts, onDrafts, heading }: {
  planId: string; target: IndicatorTarget | null; saved: IndicatorView[]; drafts: DraftIndicator[]; onDrafts: (d: DraftIndicator[]) => void; heading: string;
}) {
  const { orgId } = useOrg();
  const { t } = useLingui();
  const qc = useQueryClient();
  const line = useIndicatorLine();
  const [open, setOpen] = useState<{ indicator?: IndicatorView; draft?: number } | null>(null);
  const [removing, setRemoving] = useState<IndicatorView | null>(null);
  const remove = useMutation({
    mutationFn: (id: string) => del(`${planBase(orgId, planId)}/indicators/${id}`),
    onSuccess: () => { setRemoving(null); void qc.invalidateQueries({ queryKey: keys.plan(orgId, planId) }); },
  });
  const rows = target ? saved : drafts;
  return (
    <fieldset className={e.group}>
      <legend><h3>{heading}</h3></legend>
      {rows.length === 0 ? <p className={s.muted}><Trans>No indicators yet.</Trans></p> : (
        <ul className={e.indicators}>
          {target ? saved.map((i) => (
            <li key={i.id}>
              <span className={e.indicatorName}>{line(i)}</span>
              <span className={e.rowActions}>
                <Button variant="quiet" onPress={() => setOpen({ indicator: i })} aria-label={t`Edit indicator ${i.name}`}><Trans>Edit</Trans></Button>
                <Button variant="quiet" onPress={() => setRemoving(i)} aria-label={t`Delete indicator ${i.name}`}><Trans>Delete</Trans></Button>
              </span>
            </li>
          )) : drafts.map((d, k) => (
            <li key={k}>
              <span className={e.indicatorName}>{line(d)}</span>
              <span className={e.rowActions}>
                <Button variant="quiet" onPress={() => setOpen({ draft: k })} aria-label={t`Edit indicator ${d.name}`}><Trans>Edit</Trans></Button>
                <Button variant="quiet" onPress={() => onDrafts(drafts.filter((_x, j) => j !== k))} aria-label={t`Remove indicator ${d.name}`}><Trans>Remove</Trans></Button>
              </span>
            </li>
          ))}
        </ul>
      )}
      <Button variant="secondary" onPress={() => setOpen({})}><Trans>Add an indicator</Trans></Button>
      {open && (target
        ? <IndicatorDialog planId={planId} target={target} indicator={open.indicator} onClose={() => setOpen(null)} />
        : <IndicatorDialog planId={planId} draft={open.draft === undefined ? undefined : drafts[open.draft]} onClose={() => setOpen(null)}
            onDraft={(d) => onDrafts(open.draft === undefined ? [...drafts, d] : drafts.map((x, j) => (j === open.draft ? d : x)))} />)}
      {removing && (
        <ConfirmDialog isOpen onOpenChange={(o) => !o && setRemoving(null)} title={t`Delete this indicator?`} confirmLabel={t`Delete`} danger
          onConfirm={() => remove.mutate(removing.id)} pending={remove.isPending} error={remove.error}>
          <p>{removing.name}</p>
          <p><Trans>Its measurements are deleted with it.</Trans></p>
        </ConfirmDialog>
      )}
    </fieldset>
  );
}
