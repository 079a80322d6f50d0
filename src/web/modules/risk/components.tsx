import type { ReactNode } from 'react';
import { Plural, Trans, useLingui } from '@lingui/react/macro';
import { Link, useNavigate } from '@tanstack/react-router';
import { ApiError, api, post } from '../../app/api';
import { useOrg } from '../../app/context';
import { RecordTabs, tabsClass } from '../../app/RecordTabs';
import { WorkflowStepButton } from '../../app/WorkflowStep';
import { NotForYou } from '../../app/NotForYou';
import type { Role } from '../../../shared/roles';
import { Notice, PageHeader, useFormat } from '../../ui/components';
import { analysisUrl, keys, useAnalysis, type AnalysisStatus, type AnalysisSummary, type Band } from './api';
import { BAND_LABELS, STATUS_LABELS, STEP_LABELS } from './labels';
import s from './risk.module.css';

export function StatusBadge({ status }: { status: AnalysisStatus }) {
  const { i18n } = useLingui();
  return <span className={`${s.status} ${s[`st-${status}`]}`}>{i18n._(STATUS_LABELS[status])}</span>;
}

/** A band as a word in a badge (the colour only repeats the word). */
export function BandBadge({ band }: { band: Band | null | undefined }) {
  const { i18n } = useLingui();
  if (!band) return <>–</>;
  return <span className={`${s.band} ${s[`b-${band}`]}`}>{i18n._(BAND_LABELS[band])}</span>;
}

/** The step of the method an analysis is at (0-based), or 6 when completed. */
export const currentStep = (status: AnalysisStatus): number => ({ draft: 1, scoring: 3, consolidating: 4, completed: 6 })[status];

/** The six steps of the method (Schoten's policy plan, 2.1): done, now, to come, in words. */
export function StepIndicator({ status, recorded }: { status: AnalysisStatus; recorded?: { controls: number; recommendations: number } }) {
  const { t, i18n } = useLingui();
  const { orgId, has } = useOrg();
  const now = currentStep(status);
  // Step 3 is the dilemma inventory, kept apart from any one analysis: the officer and the chief reach it from here.
  const dilemmas = has('integrity_officer', 'chief');
  // Steps 5 and 6 are not "done" when the analysis holds no control or no recommendation at all.
  const empty = (i: number) => (i === 4 && recorded?.controls === 0) || (i === 5 && recorded?.recommendations === 0);
  return (
    <ol className={s.steps} aria-label={t`The six steps of the risk analysis`}>
      {STEP_LABELS.map((label, i) => {
        const state = i < now ? 'done' : i === now || (now === 4 && i === 5) ? 'now' : 'later';
        return (
          <li key={i} data-state={state === 'done' && empty(i) ? 'none' : state} aria-current={state === 'now' && i === now ? 'step' : undefined}>
            {i === 2 && dilemmas ? <Link to={`/o/${orgId}/risk/dilemmas`}>{i18n._(label)}</Link> : i18n._(label)}
            <span className={s.stepState}>{state === 'done' && empty(i) ? t`none recorded` : state === 'done' ? t`done` : state === 'now' ? t`now` : t`to come`}</span>
          </li>
        );
      })}
    </ol>
  );
}

type Step = 'start' | 'consolidate' | 'complete' | 'delete';

/** A step of the analysis's workflow, asked first in a dialog that says what it does. */
function StepButton({ a, step, ...props }: { a: AnalysisSummary; step: Step; label: string; title: string; children: ReactNode; danger?: boolean }) {
  const { orgId } = useOrg();
  const navigate = useNavigate();
  return (
    <WorkflowStepButton {...props} refresh={keys.all(orgId)}
      run={() => step === 'delete'
        ? api<void>('DELETE', analysisUrl(orgId, a.id))
        : post(`${analysisUrl(orgId, a.id)}/${step}`, {}, step === 'complete' ? {} : { revision: a.revision })}
      onDone={() => {
        if (step === 'delete') void navigate({ to: `/o/${orgId}/risk` });
        else if (step === 'consolidate') void navigate({ to: `/o/${orgId}/risk/analyses/${a.id}/consolidation` });
      }}
      refusal={(e) => e instanceof ApiError && e.code === 'risk_not_complete' && (
        <>
          <ul>{e.fields.map((f) => <li key={f.field}>{f.message}</li>)}</ul>
        </>
      )} />
  );
}

/**
 * In the completion dialog: the processes rated high or very high without any recommendation. The
 * completion stays possible (the officer decides), but they see what they leave open.
 */
function HighWithoutRecommendation({ a }: { a: AnalysisSummary }) {
  const { orgId } = useOrg();
  const detail = useAnalysis(orgId, a.id);
  const open = (detail.data?.processes ?? []).filter((x) => (x.agreed?.derived.band === 'high' || x.agreed?.derived.band === 'very_high') && x.recommendations.length === 0);
  if (open.length === 0) return null;
  return (
    <Notice kind="warning">
      <p><strong><Plural value={open.length} one="# process rated high or very high has no recommendation:" other="# processes rated high or very high have no recommendation:" /></strong></p>
      <ul>{open.map((x) => <li key={x.process.id}>{x.process.name} (<BandBadge band={x.agreed?.derived.band} />)</li>)}</ul>
      <p><Trans>You may complete the analysis anyway; add a recommendation first if the risk calls for one.</Trans></p>
    </Notice>
  );
}

/**
 * The frame of one analysis's pages: title, the six steps, moderator and participants, the workflow
 * steps the person may take now (from the server's permissions), and the tabs.
 */
export function AnalysisFrame({ a, children }: { a: AnalysisSummary; children: ReactNode }) {
  const { orgId } = useOrg();
  const { t } = useLingui();
  const f = useFormat();
  const p = a.permissions;
  // What steps 5 and 6 recorded, read only once they would show as done.
  const detail = useAnalysis(orgId, a.id, a.status === 'completed');
  const recorded = detail.data && {
    controls: detail.data.processes.reduce((n, x) => n + x.controls.length, 0),
    recommendations: detail.data.processes.reduce((n, x) => n + x.recommendations.length, 0),
  };
  const tabs = [
    { id: 'overview', to: '', label: a.status === 'scoring' && p.score ? t`Scoring` : t`Processes`, show: true },
    { id: 'consolidation', to: '/consolidation', label: t`Consolidation`, show: p.readConsolidation && (a.status === 'consolidating' || a.status === 'completed') },
  ];
  const actions = (
    <>
      {p.start && (
        <StepButton a={a} step="start" label={t`Start the scoring`} title={t`Start the scoring?`}>
          <p><Trans>Each participant then scores every process of the scope on their own. The processes of the scope can no longer be changed.</Trans></p>
        </StepButton>
      )}
      {p.consolidate && (
        <StepButton a={a} step="consolidate" label={t`Start the consolidation`} title={t`Start the consolidation?`}>
          <p><Trans>The participants can no longer change their scores. You then see their scores side by side and record the agreed scores of every process.</Trans></p>
          {a.participants.filter((x) => x.scored < a.processCount).map((x) => (
            <p key={x.userId}><Trans>{x.displayName} scored {x.scored} of {a.processCount} processes.</Trans></p>
          ))}
        </StepButton>
      )}
      {p.complete && (
        <StepButton a={a} step="complete" label={t`Complete the analysis`} title={t`Complete the analysis?`}>
          <p><Trans>A completed analysis is locked and goes into the register. Only the follow-up of its recommendations can still change; recommendations can still become entries of the policy plan.</Trans></p>
          <HighWithoutRecommendation a={a} />
        </StepButton>
      )}
      {p.remove && (
        <StepButton a={a} step="delete" danger label={t`Delete the analysis`} title={t`Delete this analysis?`}>
          <p><Trans>The analysis and every score given in it are deleted. This cannot be undone.</Trans></p>
        </StepButton>
      )}
    </>
  );
  return (
    <>
      <PageHeader title={a.title} actions={actions}>
        <p><Link to={`/o/${orgId}/risk`}><Trans>All risk analyses</Trans></Link></p>
      </PageHeader>
      <StepIndicator status={a.status} recorded={recorded} />
      <dl className={s.meta}>
        <div><dt><Trans>Status</Trans></dt><dd><StatusBadge status={a.status} /></dd></div>
        {a.moderator && <div><dt><Trans>Moderator</Trans></dt><dd>{a.moderator.displayName}</dd></div>}
        <div><dt><Trans>Participants</Trans></dt><dd>{a.participants.map((x) => t`${x.displayName} (${x.scored}/${a.processCount})`).join(', ')}</dd></div>
        <div><dt><Trans>Matrix</Trans></dt><dd>{t`${a.matrix.likelihoodLevels} likelihood levels × ${a.matrix.impactLevels} impact levels`}</dd></div>
        {a.completedAt && <div><dt><Trans>Completed</Trans></dt><dd>{f.date(a.completedAt)}</dd></div>}
      </dl>
      {a.status === 'completed' && <p className={s.muted}><Trans>This analysis is completed and locked: only the follow-up of its recommendations can change.</Trans></p>}
      <RecordTabs label={t`Parts of the analysis`} base={`/o/${orgId}/risk/analyses/${a.id}`} tabs={tabs.filter((x) => x.show)} />
      {children}
    </>
  );
}

/** Links between the module's pages, under a page's title. */
export function RiskLinks({ current }: { current: 'analyses' | 'inventory' | 'register' | 'compare' | 'settings' }) {
  const { orgId, has } = useOrg();
  const { t } = useLingui();
  const readers = has('integrity_officer', 'chief', 'head_of_service');
  const links = [
    { id: 'analyses', to: '', label: t`Risk analyses`, show: true },
    { id: 'inventory', to: '/inventory', label: t`Processes and functions`, show: readers },
    { id: 'register', to: '/register', label: t`Risk register`, show: readers },
    { id: 'compare', to: '/compare', label: t`Compare two analyses`, show: has('integrity_officer', 'chief') },
    { id: 'settings', to: '/settings', label: t`Risk matrix`, show: readers },
  ].filter((l) => l.show);
  return (
    <nav aria-label={t`Risk analysis`}>
      <ul className={tabsClass}>
        {links.map((l) => (
          <li key={l.id}><Link to={`/o/${orgId}/risk${l.to}`} aria-current={l.id === current ? 'page' : undefined} activeOptions={{ exact: true }}>{l.label}</Link></li>
        ))}
      </ul>
    </nav>
  );
}

/** Who reads the inventory, the register and the matrix (as the server's canReadRegister); who compares analyses; who starts one. */
export const RISK_READERS: Role[] = ['integrity_officer', 'chief', 'head_of_service'];
export const RISK_MANAGERS: Role[] = ['integrity_officer', 'chief'];
export const RISK_OFFICER: Role[] = ['integrity_officer'];

/** A page of the module for some roles only: anybody else opening it by its address reads one message instead. */
export function ForRoles({ roles, title, children }: { roles: Role[]; title: string; children: ReactNode }) {
  const { has } = useOrg();
  const { t } = useLingui();
  if (has(...roles)) return <>{children}</>;
  const who = roles.length === 1
    ? t`It is for the integrity officer.`
    : roles.includes('head_of_service') ? t`It is for the integrity officer, the chief and the heads of service.` : t`It is for the integrity officer and the chief.`;
  return <NotForYou title={title} who={who} />;
}
