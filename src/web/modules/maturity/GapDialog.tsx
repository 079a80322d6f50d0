import { useState } from 'react';
import { Trans, useLingui } from '@lingui/react/macro';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { Form } from 'react-aria-components';
import { ApiError, post } from '../../app/api';
import { useOrg } from '../../app/context';
import { Button, DialogActions, ErrorAlert, Field, Loading, ModalDialog, Notice, SelectField } from '../../ui/components';
import { DateField } from '../../ui/DateField';
import { keys, measurementUrl, usePlans, usePlanTree, type CriterionView, type PlanLinkView, type PlanTree } from './api';
import { inLocale } from './labels';

type Objective = PlanTree['objectives'][number];

/** Every objective of the plan tree, strategic ones first with their operational ones after each. */
const flatten = (list: Objective[]): Objective[] => list.flatMap((o) => [o, ...flatten(o.children)]);

/**
 * "Create a plan action from this gap": an action under an objective (or a new objective) of a draft
 * policy plan, in one step. The link is kept, so the next measurement shows whether it moved the level.
 */
export function GapButton({ measurementId, criterion, onCreated }: { measurementId: string; criterion: CriterionView; onCreated?: (l: PlanLinkView) => void }) {
  const { orgId } = useOrg();
  const { t, i18n } = useLingui();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [created, setCreated] = useState<PlanLinkView | null>(null);
  const plans = usePlans(orgId, open);
  const drafts = (plans.data ?? []).filter((p) => p.status === 'draft');
  const [planId, setPlanId] = useState('');
  const chosenPlan = planId || drafts[0]?.id || '';
  const tree = usePlanTree(orgId, open ? chosenPlan : '');
  const [kind, setKind] = useState<'action' | 'objective'>('action');
  const [objectiveId, setObjectiveId] = useState('');
  const [title, setTitle] = useState('');
  const [dueDate, setDueDate] = useState('');
  const defaultTitle = t`Raise the maturity of ${criterion.code} ${inLocale(criterion.title, i18n.locale)}`;
  const save = useMutation({
    mutationFn: () => post<PlanLinkView>(`${measurementUrl(orgId, measurementId)}/gaps/${criterion.id}/plan-entry`, {
      planId: chosenPlan, kind, objectiveId: objectiveId || undefined, title: title || defaultTitle, dueDate: kind === 'action' && dueDate ? dueDate : null,
    }),
    onSuccess: (l) => {
      setCreated(l);
      setOpen(false);
      onCreated?.(l);
      void qc.invalidateQueries({ queryKey: keys.measurement(orgId, measurementId) });
      void qc.invalidateQueries({ queryKey: ['org', orgId, 'plan', l.planId] });
    },
  });
  const err = save.error instanceof ApiError ? save.error : undefined;
  const objectives = flatten(tree.data?.objectives ?? []);
  return (
    <>
      <Button variant="secondary" onPress={() => { save.reset(); setTitle(defaultTitle); setOpen(true); }}>
        <Trans>Create a plan action from this gap</Trans>
      </Button>
      {created && (
        <Notice kind="success" live>
          <Trans>Added to the policy plan:</Trans>{' '}
          <Link to={`/o/${orgId}/plans/${created.planId}/actions`} search={created.actionId ? { action: created.actionId } : {}}>{created.title}</Link>
        </Notice>
      )}
      <ModalDialog isOpen={open} onOpenChange={setOpen} title={t`Plan entry for ${criterion.code}`}>
        {(close) => (
          <Form onSubmit={(e) => { e.preventDefault(); save.mutate(); }}>
            <ErrorAlert error={plans.error} />
            {plans.isPending ? <Loading /> : drafts.length === 0 ? (
              <Notice kind="warning"><Trans>There is no draft policy plan. New entries go into a draft plan: create one (or a new version of the plan in force) first.</Trans></Notice>
            ) : (
              <>
                <SelectField label={t`Policy plan (draft)`} isRequired value={chosenPlan} onChange={(v) => { setPlanId(v); setObjectiveId(''); }}
                  options={drafts.map((p) => ({ id: p.id, label: `${p.title} (${p.periodFrom}–${p.periodTo})` }))} error={err?.fieldMessage('planId')} />
                <SelectField label={t`Entry`} isRequired value={kind} onChange={(v) => { setKind(v as 'action' | 'objective'); setObjectiveId(''); }}
                  options={[{ id: 'action', label: t`An action under an objective` }, { id: 'objective', label: t`A new objective` }]} />
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
