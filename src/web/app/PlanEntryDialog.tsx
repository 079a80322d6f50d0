import { useState, type ReactNode } from 'react';
import { Trans, useLingui } from '@lingui/react/macro';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { Form } from 'react-aria-components';
import { ApiError } from './api';
import { useOrg } from './context';
import { usePlans, usePlanTree, type PlanObjective } from './plans';
import { Button, DialogActions, ErrorAlert, Field, Loading, ModalDialog, Notice, SelectField } from '../ui/components';
import { DateField } from '../ui/DateField';

type Objective = PlanObjective;

/** What the person chose in the dialog: the body of every "make a plan entry from this" route. */
export interface PlanEntryInput {
  planId: string;
  kind: 'action' | 'objective';
  /** For an action: the objective it goes under; for an objective: its strategic parent, or none for a new strategic one. */
  objectiveId?: string;
  title: string;
  dueDate: string | null;
}

/** What such a route answers: the plan and, for an action, the action the entry became. */
export interface PlanEntryCreated {
  planId: string;
  actionId: string | null;
  title: string | null;
}


/** Every objective of the plan tree, strategic ones first with their operational ones after each. */
const flatten = (list: Objective[]): Objective[] => list.flatMap((o) => [o, ...flatten(o.children)]);

/**
 * "Make a plan entry from this" in one step, for any module whose finding feeds the policy plan (a
 * maturity gap, a risk's recommendation): the button, the dialog (draft plan, action under an
 * objective or a new objective, title, due date) and, once made, a link to the entry. The module's
 * own route makes the entry and keeps the link (`create`); the dialog shows its refusals at the fields.
 */
export function PlanEntryButton<T extends PlanEntryCreated>({ label, dialogTitle, defaultTitle, create, onCreated, kinds = ['action', 'objective'] }: {
  label: ReactNode;
  dialogTitle: string;
  defaultTitle: string;
  create: (input: PlanEntryInput) => Promise<T>;
  onCreated?: (created: T) => void;
  kinds?: ('action' | 'objective')[];
}) {
  const { orgId } = useOrg();
  const { t } = useLingui();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [created, setCreated] = useState<T | null>(null);
  const plans = usePlans(orgId, open);
  const drafts = (plans.data ?? []).filter((p) => p.status === 'draft');
  const [planId, setPlanId] = useState('');
  const chosenPlan = planId || drafts[0]?.id || '';
  const tree = usePlanTree(orgId, open ? chosenPlan : '');
  const [kind, setKind] = useState<'action' | 'objective'>(kinds[0] ?? 'action');
  const [objectiveId, setObjectiveId] = useState('');
  const [title, setTitle] = useState('');
  const [dueDate, setDueDate] = useState('');
  const save = useMutation({
    mutationFn: () => create({
      planId: chosenPlan, kind, objectiveId: objectiveId || undefined, title: title || defaultTitle, dueDate: kind === 'action' && dueDate ? dueDate : null,
    }),
    onSuccess: (l) => {
      setCreated(l);
      setOpen(false);
      onCreated?.(l);
      void qc.invalidateQueries({ queryKey: ['org', orgId, 'plan', l.planId] });
    },
  });
  const err = save.error instanceof ApiError ? save.error : undefined;
  const objectives = flatten(tree.data?.objectives ?? []);
  return (
    <>
      <Button variant="secondary" onPress={() => { save.reset(); setTitle(defaultTitle); setOpen(true); }}>{label}</Button>
      {created && (
        <Notice kind="success" live>
          <Trans>Added to the policy plan:</Trans>{' '}
          <Link to={`/o/${orgId}/plans/${created.planId}/actions`} search={created.actionId ? { action: created.actionId } : {}}>{created.title}</Link>
        </Notice>
      )}
      <ModalDialog isOpen={open} onOpenChange={setOpen} title={dialogTitle}>
        {(close) => (
          <Form onSubmit={(e) => { e.preventDefault(); save.mutate(); }}>
            <ErrorAlert error={plans.error} />
            {plans.isPending ? <Loading /> : drafts.length === 0 ? (
              <Notice kind="warning"><Trans>There is no draft policy plan. New entries go into a draft plan: create one (or a new version of the plan in force) first.</Trans></Notice>
            ) : (
              <>
                <SelectField label={t`Policy plan (draft)`} isRequired value={chosenPlan} onChange={(v) => { setPlanId(v); setObjectiveId(''); }}
                  options={drafts.map((p) => ({ id: p.id, label: `${p.title} (${p.periodFrom}–${p.periodTo})` }))} error={err?.fieldMessage('planId')} />
                {kinds.length > 1 && (
                  <SelectField label={t`Entry`} isRequired value={kind} onChange={(v) => { setKind(v as 'action' | 'objective'); setObjectiveId(''); }}
                    options={[{ id: 'action', label: t`An action under an objective` }, { id: 'objective', label: t`A new objective` }].filter((o) => kinds.includes(o.id as 'action'))} />
                )}
                {tree.isPending ? <Loading /> : (
                  <SelectField
                    label={kind === 'action' ? t`Objective` : t`Strategic objective`}
                    isRequired={kind === 'action'} value={objectiveId} onChange={setObjectiveId} error={err?.fieldMessage('objectiveId')}
                    description={kind === 'objective' ? t`Leave empty for a new strategic objective.` : undefined}
                    options={[
                      ...(kind === 'objective' ? [{ id: '', label: t`None: a new strategic objective` }] : []),
                      ...objectives.filter((o) => kind === 'action' || o.parentId === null).map((o) => ({ id: o.id, label: `${o.code} ${o.title}` })),
                    ]} />
                )}
                <Field label={t`Title`} isRequired value={title} onChange={setTitle} maxLength={1000} error={err?.fieldMessage('title')} />
                {kind === 'action' && <DateField label={t`Due`} value={dueDate} onChange={setDueDate} error={err?.fieldMessage('dueDate')} />}
              </>
            )}
            <ErrorAlert error={save.error && !err?.fields.length ? save.error : null} />
            <DialogActions>
              <Button variant="secondary" onPress={close}><Trans>Cancel</Trans></Button>
              <Button type="submit" isDisabled={save.isPending || drafts.length === 0}><Trans>Create in the plan</Trans></Button>
            </DialogActions>
          </Form>
        )}
      </ModalDialog>
    </>
  );
}
