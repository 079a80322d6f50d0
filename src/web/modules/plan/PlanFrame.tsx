import { useState, type ReactNode } from 'react';
import { Trans, useLingui } from '@lingui/react/macro';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from '@tanstack/react-router';
import { ApiError, patch, post } from '../../app/api';
import { useOrg } from '../../app/context';
import { LANGUAGE_LABELS } from '../../app/labels';
import { RecordTabs } from '../../app/RecordTabs';
import { buttonClass, Button, Checkbox, ConfirmDialog, ErrorAlert, Loading, Notice, PageHeader, useFormat } from '../../ui/components';
import { del, keys, planBase, useOutlook, usePlan, type InForceOutlook, type PlanRef, type PlanTree } from './api';
import { PlanStatusBadge } from './components';
import u from '../../ui/ui.module.css';
import s from './plan.module.css';

export type PlanTab = 'sections' | 'actions' | 'timeline' | 'versions' | 'evaluations';

type Step = 'submit' | 'return-to-draft' | 'approve' | 'put-in-force' | 'new-version' | 'delete';

/** "Title (version 2, 2024–2027)": how a dialog names another plan. */
function PlanName({ p }: { p: PlanRef }) {
  return <Trans><strong>{p.title}</strong> (version {p.version}, {p.periodFrom}–{p.periodTo})</Trans>;
}

/**
 * What approving or putting in force will do, said before the chief confirms (decision 0011,
 * addendum): when the plan goes in force, which plan in force it ends, which approved plan it
 * withdraws and which version it supersedes.
 */
function InForceEffect({ outlook, step }: { outlook: InForceOutlook; step: 'approve' | 'put-in-force' }) {
  const year = Number(outlook.startsOn.slice(0, 4));
  const earlier = year - 1;
  return (
    <>
      {step === 'approve' && <p><Trans>As chief of police you approve this plan. The integrity officer is told by mail.</Trans></p>}
      {outlook.timing === 'now'
        ? <p><strong>{step === 'approve' ? <Trans>Its period has started: the plan goes in force at once.</Trans> : <Trans>The plan goes in force today, before its period starts on 1 January {year}.</Trans>}</strong></p>
        : <p><strong><Trans>Its period starts on 1 January {year}: the plan stays approved until then and goes in force automatically that day. From {earlier} on, you can also put it in force earlier.</Trans></strong></p>}
      {outlook.ends.length > 0 && (
        <>
          <p><Trans>Only one plan can be in force for a year. This plan replaces the plan in force, which ends today:</Trans></p>
          <ul>{outlook.ends.map((p) => <li key={p.id}><PlanName p={p} /></li>)}</ul>
        </>
      )}
      {outlook.endsOnStart.length > 0 && (
        <>
          <p><Trans>Only one plan can be in force for a year. This plan stays in force until 31 December {earlier} and is then replaced:</Trans></p>
          <ul>{outlook.endsOnStart.map((p) => <li key={p.id}><PlanName p={p} /></li>)}</ul>
        </>
      )}
      {outlook.withdraws.length > 0 && (
        <>
          <p><Trans>This approved plan for some of the same years is withdrawn; it will not go in force:</Trans></p>
          <ul>{outlook.withdraws.map((p) => <li key={p.id}><PlanName p={p} /></li>)}</ul>
        </>
      )}
      {outlook.versions.length > 0 && (
        <>
          <p><Trans>The earlier version of this plan is superseded:</Trans></p>
          <ul>{outlook.versions.map((p) => <li key={p.id}><PlanName p={p} /></li>)}</ul>
        </>
      )}
    </>
  );
}

/** A refused submission names everything still missing, one line each, as the server listed them. */
function MissingList({ error }: { error: ApiError }) {
  return (
    <div role="alert" className={u.alert}>
      <p><strong>{error.message}</strong></p>
      <ul>{error.fields.map((f, i) => <li key={`${f.field}-${i}`}>{f.message}</li>)}</ul>
      <p><Trans>Complete these parts of the plan, then submit it again.</Trans></p>
    </div>
  );
}

/** The buttons of the plan's life: each asks before it acts, says what will happen, and shows only to whoever may take that step. */
function Lifecycle({ data }: { data: PlanTree }) {
  const { orgId, has } = useOrg();
  const { t } = useLingui();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [step, setStep] = useState<Step | null>(null);
  const p = data.permissions;
  const plan = data.plan;
  const base = planBase(orgId, plan.id);
  const outlookQuery = useOutlook(orgId, plan.id, step === 'approve' || step === 'put-in-force');
  const outlook = step === 'approve' ? outlookQuery.data?.approve : step === 'put-in-force' ? outlookQuery.data?.putInForce : undefined;
  const run = useMutation({
    mutationFn: async (st: Step): Promise<PlanTree | null> => {
      if (st === 'delete') { await del(base); return null; }
      // Approving names the plans the chief was shown to replace: a different set now is a conflict (decision 0011, addendum).
      const body = (st === 'approve' || st === 'put-in-force') && outlook ? { replacing: [...outlook.ends, ...outlook.withdraws].map((x) => x.id) } : undefined;
      // Lifecycle steps name the revision the person saw (ADR 0011): approving a plan changed meanwhile is a conflict.
      return post<PlanTree>(`${base}/${st}`, body, st === 'new-version' ? {} : { revision: plan.revision });
    },
    onSuccess: (res, st) => {
      setStep(null);
      void qc.invalidateQueries({ queryKey: keys.plans(orgId) });
      void qc.invalidateQueries({ queryKey: keys.myActions(orgId) });
      void qc.invalidateQueries({ queryKey: keys.waiting(orgId) });
      void qc.invalidateQueries({ queryKey: ['org', orgId, 'home'] });
      if (st === 'delete') void navigate({ to: `/o/${orgId}/plans` });
      else if (st === 'new-version' && res) void navigate({ to: `/o/${orgId}/plans/${res.plan.id}` });
      else void qc.invalidateQueries({ queryKey: keys.plan(orgId, plan.id) });
    },
    // What the step would replace changed since the dialog opened: show what is true now.
    onError: (e) => { if (e instanceof ApiError && e.code === 'plan_replacement_changed') void outlookQuery.refetch(); },
  });
  const byOfficer = has('integrity_officer');
  const texts: Record<Step, { button: string; title: string; body: ReactNode; danger?: boolean }> = {
    submit: { button: t`Submit for approval`, title: t`Submit the plan for approval?`, body: t`The chief of police is told by mail and finds the plan on their home page. It can no longer be changed unless it is returned to draft.` },
    'return-to-draft': {
      button: t`Return to draft`, title: t`Return the plan to draft?`,
      body: byOfficer
        ? t`You withdraw the plan to change it. The chief of police is told that it no longer awaits approval; submit it again when it is ready.`
        : t`The plan goes back to the integrity officer, who is told by mail, to be changed and submitted again.`,
    },
    approve: { button: t`Approve`, title: t`Approve the plan?`, body: null },
    'put-in-force': { button: t`Put in force`, title: t`Put the plan in force now?`, body: null },
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
  const incomplete = run.error instanceof ApiError && run.error.code === 'plan_incomplete' && run.error.fields.length > 0 ? run.error : undefined;
  const inForceStep = step === 'approve' || step === 'put-in-force';
  // Putting in force is offered from the year before the period; earlier the server says why not.
  const notYet = step === 'put-in-force' && outlookQuery.isSuccess && !outlook;
  return (
    <>
      {visible.map((st) => (
        <Button key={st} variant={st === 'delete' ? 'danger' : st === 'return-to-draft' || st === 'new-version' ? 'secondary' : 'primary'} onPress={() => { run.reset(); setStep(st); }}>
          {texts[st].button}
        </Button>
      ))}
      {step && (
        <ConfirmDialog isOpen onOpenChange={(o) => !o && setStep(null)} title={texts[step].title} confirmLabel={texts[step].button}
          onConfirm={() => run.mutate(step)} pending={run.isPending || (inForceStep && !outlook && !notYet)} error={incomplete ? undefined : run.error ?? (inForceStep ? outlookQuery.error : undefined)} danger={texts[step].danger}>
          {inForceStep
            ? outlook ? <InForceEffect outlook={outlook} step={step} /> : notYet ? <p><Trans>The period of this plan has not started yet: it can be put in force from the year before it.</Trans></p> : <Loading />
            : <p>{texts[step].body}</p>}
          {incomplete && <MissingList error={incomplete} />}
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
  const f = useFormat();
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
      {plan.status === 'superseded' && <Notice kind="warning"><Trans>This plan is no longer in force since {f.date(plan.supersededAt)}: a newer version or another plan for the same years replaced it. It is kept for the record.</Trans></Notice>}
      {plan.status === 'submitted' && <Notice><Trans>This plan waits for the approval of the chief of police.</Trans></Notice>}
      {plan.status === 'approved' && <Notice><Trans>This plan is approved. It goes in force automatically on 1 January {plan.periodFrom}, unless the chief of police puts it in force earlier.</Trans></Notice>}
      {has('chief') && <ShareWithOversight data={data} />}
      <RecordTabs label={t`Parts of the plan`} base={`/o/${orgId}/plans/${plan.id}`} tabs={tabs} printHide />
      {children(data)}
    </>
  );
}
