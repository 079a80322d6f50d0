import { useState, type ReactNode } from 'react';
import { Trans, useLingui } from '@lingui/react/macro';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from '@tanstack/react-router';
import { patch, post } from '../../app/api';
import { useOrg } from '../../app/context';
import { LANGUAGE_LABELS } from '../../app/labels';
import { buttonClass, Button, Checkbox, ConfirmDialog, ErrorAlert, Loading, Notice, PageHeader } from '../../ui/components';
import { del, keys, planBase, usePlan, type PlanTree } from './api';
import { PlanStatusBadge } from './components';
import s from './plan.module.css';

export type PlanTab = 'sections' | 'actions' | 'timeline' | 'versions' | 'evaluations';

type Step = 'submit' | 'return-to-draft' | 'approve' | 'put-in-force' | 'new-version' | 'delete';

/** The buttons of the plan's life: each asks before it acts, and each shows only to whoever may take that step. */
function Lifecycle({ data }: { data: PlanTree }) {
  const { orgId, has } = useOrg();
  const { t } = useLingui();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [step, setStep] = useState<Step | null>(null);
  const p = data.permissions;
  const plan = data.plan;
  const base = planBase(orgId, plan.id);
  const run = useMutation({
    mutationFn: async (st: Step): Promise<PlanTree | null> => {
      if (st === 'delete') { await del(base); return null; }
      // Lifecycle steps name the revision the person saw (ADR 0011): approving a plan changed meanwhile is a conflict.
      return post<PlanTree>(`${base}/${st}`, undefined, st === 'new-version' ? {} : { revision: plan.revision });
    },
    onSuccess: (res, st) => {
      setStep(null);
      void qc.invalidateQueries({ queryKey: keys.plans(orgId) });
      void qc.invalidateQueries({ queryKey: keys.myActions(orgId) });
      if (st === 'delete') void navigate({ to: `/o/${orgId}/plans` });
      else if (st === 'new-version' && res) void navigate({ to: `/o/${orgId}/plans/${res.plan.id}` });
      else void qc.invalidateQueries({ queryKey: keys.plan(orgId, plan.id) });
    },
  });
  const texts: Record<Step, { button: string; title: string; body: string; danger?: boolean }> = {
    submit: { button: t`Submit for approval`, title: t`Submit the plan for approval?`, body: t`The chief of police receives the plan for approval. It can no longer be changed unless it is returned to draft.` },
    'return-to-draft': { button: t`Return to draft`, title: t`Return the plan to draft?`, body: t`The plan becomes editable again and must be submitted anew.` },
    approve: { button: t`Approve`, title: t`Approve the plan?`, body: t`As chief of police you approve this plan. When its period has started, it goes in force at once.` },
    'put-in-force': { button: t`Put in force`, title: t`Put the plan in force?`, body: t`The plan becomes the plan in force of the organisation; an earlier version in force is superseded.` },
    'new-version': { button: t`New version`, title: t`Make a new version?`, body: t`A draft copy of this plan is made, with its objectives, actions and indicators. This version stays as it is until the new one is approved.` },
    delete: { button: t`Delete draft`, title: t`Delete this draft?`, body: t`The draft plan and everything in it are deleted. This cannot be undone.`, danger: true },
  };
  const visible: Step[] = [
    ...(p.submit ? ['submit' as const] : []),
    ...(p.approve ? ['approve' as const] : []),
    ...(p.putInForce ? ['put-in-force' as const] : []),
    ...(p.returnToDraft ? ['return-to-draft' as const] : []),
    ...(p.newVersion ? ['new-version' as const] : []),
    ...(p.edit && has('integrity_officer', 'chief') ? ['delete' as const] : []),
  ];
  return (
    <>
      {visible.map((st) => (
        <Button key={st} variant={st === 'delete' ? 'danger' : st === 'return-to-draft' || st === 'new-version' ? 'secondary' : 'primary'} onPress={() => { run.reset(); setStep(st); }}>
          {texts[st].button}
        </Button>
      ))}
      {step && (
        <ConfirmDialog isOpen onOpenChange={(o) => !o && setStep(null)} title={texts[step].title} confirmLabel={texts[step].button}
          onConfirm={() => run.mutate(step)} pending={run.isPending} error={run.error} danger={texts[step].danger}>
          <p>{texts[step].body}</p>
        </ConfirmDialog>
      )}
    </>
  );
}

function Exports({ data }: { data: PlanTree }) {
  const { orgId } = useOrg();
  const { t } = useLingui();
  const base = planBase(orgId, data.plan.id);
  return (
    <>
      <a className={buttonClass('secondary')} href={`${base}/export.docx`} download aria-label={t`Download the plan as Word`}><Trans>Word</Trans></a>
      <a className={buttonClass('secondary')} href={`${base}/export.pdf`} download aria-label={t`Download the plan as PDF`}><Trans>PDF</Trans></a>
      <a className={buttonClass('secondary')} href={`${base}/actions.csv`} download aria-label={t`Download the actions as CSV`}><Trans>Actions (CSV)</Trans></a>
    </>
  );
}

/** The chief decides whether the inspectorate may read the plan's texts (never notes or personal data). */
function ShareWithOversight({ data }: { data: PlanTree }) {
  const { orgId } = useOrg();
  const qc = useQueryClient();
  const m = useMutation({
    mutationFn: (v: boolean) => patch(`${planBase(orgId, data.plan.id)}`, { sharedWithOversight: v }, { revision: data.plan.revision }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: keys.plan(orgId, data.plan.id) }),
  });
  return (
    <div data-print="hide">
      <Checkbox isSelected={data.plan.sharedWithOversight} onChange={(v) => m.mutate(v)}>
        <Trans>Share the texts and objectives of this plan with the police inspectorate</Trans>
      </Checkbox>
      <ErrorAlert error={m.error} />
    </div>
  );
}

/** Header, status, exports, lifecycle and the plan's own navigation around every plan screen. */
export function PlanFrame({ tab, children }: { tab: PlanTab; children: (data: PlanTree) => ReactNode }) {
  const { orgId, has } = useOrg();
  const { planId } = useParams({ strict: false }) as { planId: string };
  const { t, i18n } = useLingui();
  const q = usePlan(orgId, planId);
  const data = q.data;
  const tabs: { id: PlanTab; to: string; label: string }[] = [
    { id: 'sections', to: '', label: t`Plan` },
    { id: 'actions', to: '/actions', label: t`Objectives and actions` },
    { id: 'timeline', to: '/timeline', label: t`Timeline` },
    { id: 'versions', to: '/versions', label: t`Versions` },
    { id: 'evaluations', to: '/evaluations', label: t`Yearly evaluations` },
  ];
  const tabName = tabs.find((x) => x.id === tab)!.label;
  if (q.isPending) return <><PageHeader title={t`Integrity policy plan`} /><Loading /></>;
  if (!data) return <><PageHeader title={t`Integrity policy plan`} /><ErrorAlert error={q.error} /><p><Link to={`/o/${orgId}/plans`}><Trans>Back to the plans</Trans></Link></p></>;
  const plan = data.plan;
  return (
    <>
      <PageHeader title={tab === 'sections' ? plan.title : t`${tabName}: ${plan.title}`} actions={<><Exports data={data} /><Lifecycle data={data} /></>}>
        <dl className={s.meta}>
          <div><dt><Trans>Status</Trans></dt><dd><PlanStatusBadge status={plan.status} /></dd></div>
          <div><dt><Trans>Period</Trans></dt><dd>{plan.periodFrom}–{plan.periodTo}</dd></div>
          <div><dt><Trans>Version</Trans></dt><dd>{plan.version}</dd></div>
          <div><dt><Trans>Language of the plan</Trans></dt><dd>{i18n._(LANGUAGE_LABELS[plan.language])}</dd></div>
        </dl>
      </PageHeader>
      {plan.status === 'superseded' && <Notice kind="warning"><Trans>This version has been superseded by a newer one. It is kept for the record.</Trans></Notice>}
      {plan.status === 'submitted' && <Notice><Trans>This plan waits for the approval of the chief of police.</Trans></Notice>}
      {has('chief') && <ShareWithOversight data={data} />}
      <nav aria-label={t`Parts of the plan`} data-print="hide">
        <ul className={s.tabs}>
          {tabs.map((x) => (
            <li key={x.id}>
              <Link to={`/o/${orgId}/plans/${plan.id}${x.to}`} activeOptions={{ exact: true, includeSearch: false }}>{x.label}</Link>
            </li>
          ))}
        </ul>
      </nav>
      {children(data)}
    </>
  );
}
