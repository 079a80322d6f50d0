import type { ReactNode } from 'react';
import { Trans, useLingui } from '@lingui/react/macro';
import { Link, useNavigate } from '@tanstack/react-router';
import { api, post } from '../../app/api';
import { useOrg } from '../../app/context';
import { RecordTabs } from '../../app/RecordTabs';
import { WorkflowStepButton } from '../../app/WorkflowStep';
import { buttonClass, PageHeader, useFormat } from '../../ui/components';
import { keys, measurementUrl, type MeasurementStatus, type MeasurementSummary } from './api';
import { inLocale, KIND_LABELS, LEVEL_LABELS, STATUS_LABELS } from './labels';
import s from './maturity.module.css';

export function StatusBadge({ status }: { status: MeasurementStatus }) {
  const { i18n } = useLingui();
  return <span className={`${s.status} ${s[`st-${status}`]}`}>{i18n._(STATUS_LABELS[status])}</span>;
}

/** "2 – Developing": the number and its name (a level is never shown by colour alone). */
export function useLevelText() {
  const { i18n } = useLingui();
  return (level: number | null | undefined) => (level === null || level === undefined ? '–' : `${level} – ${i18n._(LEVEL_LABELS[level]!)}`);
}

/** "Baseline measurement 2026". */
export function useMeasurementTitle() {
  const { i18n } = useLingui();
  return (m: Pick<MeasurementSummary, 'kind' | 'year'>) => `${i18n._(KIND_LABELS[m.kind])} ${m.year}`;
}

type Tab = 'scoring' | 'consolidation' | 'matrix';

type Step = 'consolidate' | 'submit' | 'return' | 'approve' | 'delete';

/** A step of the measurement's workflow, asked first in a dialog that says what it does. */
function StepButton({ m, step, ...props }: { m: MeasurementSummary; step: Step; label: string; title: string; children: ReactNode; danger?: boolean }) {
  const { orgId } = useOrg();
  const navigate = useNavigate();
  return (
    <WorkflowStepButton {...props} secondary={step === 'return'} refresh={keys.all(orgId)}
      run={() => step === 'delete'
        ? api<void>('DELETE', measurementUrl(orgId, m.id))
        // Starting the consolidation ends the scoring: sent on the revision shown, so a change of assessors meanwhile is not overlooked.
        : post(`${measurementUrl(orgId, m.id)}/${step}`, {}, step === 'consolidate' ? { revision: m.revision } : {})}
      onDone={() => {
        if (step === 'delete') void navigate({ to: `/o/${orgId}/maturity` });
        else if (step === 'consolidate') void navigate({ to: `/o/${orgId}/maturity/${m.id}/consolidation` });
      }} />
  );
}

/**
 * The frame of one measurement's pages: title, framework and assessors, the workflow steps the
 * person may take now (from the server's permissions), the downloads, and the tabs.
 */
export function MeasurementFrame({ m, children }: { m: MeasurementSummary; children: ReactNode }) {
  const { orgId } = useOrg();
  const { t, i18n } = useLingui();
  const f = useFormat();
  const title = useMeasurementTitle()(m);
  const p = m.permissions;
  const file = (ext: string) => `${measurementUrl(orgId, m.id)}/export.${ext}?lang=${i18n.locale}`;
  const tabs: { id: Tab; to: string; label: string; show: boolean }[] = [
    { id: 'scoring', to: '', label: m.status === 'scoring' ? t`Scoring` : t`Criteria`, show: true },
    { id: 'consolidation', to: '/consolidation', label: t`Consolidation`, show: p.readConsolidation && m.status !== 'scoring' },
    { id: 'matrix', to: '/matrix', label: t`Matrix`, show: m.status !== 'scoring' },
  ];
  const actions = (
    <>
      {p.consolidate && (
        <StepButton m={m} step="consolidate" label={t`Start the consolidation`} title={t`Start the consolidation?`}>
          <p><Trans>The assessors can no longer change their scores. You then see their levels side by side and record the agreed level of every criterion.</Trans></p>
          {m.assessors.filter((a) => a.scored < m.criterionCount).map((a) => (
            <p key={a.userId}><Trans>{a.displayName} scored {a.scored} of {m.criterionCount} criteria.</Trans></p>
          ))}
        </StepButton>
      )}
      {p.submit && (
        <StepButton m={m} step="submit" label={t`Submit for approval`} title={t`Submit the measurement for approval?`}>
          <p><Trans>The chief of police reads the agreed levels and approves the measurement. Until then you can take it back to the consolidation.</Trans></p>
        </StepButton>
      )}
      {p.returnToConsolidation && (
        <StepButton m={m} step="return" label={t`Back to the consolidation`} title={t`Take the measurement back to the consolidation?`}>
          <p><Trans>The agreed levels can then be changed again; the measurement has to be submitted again for approval.</Trans></p>
        </StepButton>
      )}
      {p.approve && (
        <StepButton m={m} step="approve" label={t`Approve`} title={t`Approve the measurement?`}>
          <p><Trans>An approved measurement is locked: its scores and agreed levels can no longer be changed. Gaps can still be turned into entries of the policy plan.</Trans></p>
        </StepButton>
      )}
      {p.remove && (
        <StepButton m={m} step="delete" danger label={t`Delete the measurement`} title={t`Delete this measurement?`}>
          <p><Trans>The measurement and every score given in it are deleted. This cannot be undone.</Trans></p>
        </StepButton>
      )}
    </>
  );
  return (
    <>
      <PageHeader title={title} actions={actions}>
        <p><Link to={`/o/${orgId}/maturity`}><Trans>All measurements</Trans></Link></p>
      </PageHeader>
      <dl className={s.meta}>
        <div><dt><Trans>Status</Trans></dt><dd><StatusBadge status={m.status} /></dd></div>
        <div><dt><Trans>Framework</Trans></dt><dd>{t`${inLocale(m.framework.title, i18n.locale)}, version ${m.framework.version}`}</dd></div>
        <div><dt><Trans>Assessors</Trans></dt><dd>{m.assessors.map((a) => t`${a.displayName} (${a.scored}/${m.criterionCount})`).join(', ')}</dd></div>
        {m.approvedAt && <div><dt><Trans>Approved</Trans></dt><dd>{m.approvedBy ? t`${f.date(m.approvedAt)} by ${m.approvedBy.displayName}` : f.date(m.approvedAt)}</dd></div>}
      </dl>
      {m.status === 'approved' && <p className={s.muted}><Trans>This measurement is approved and locked: it is shown read-only.</Trans></p>}
      {p.export && (
        <div className={s.row} style={{ marginBottom: 'var(--space-4)' }} data-print="hide">
          <a className={buttonClass('secondary')} href={file('csv')} download aria-label={t`Download ${title} as CSV`}>CSV</a>
          <a className={buttonClass('secondary')} href={file('docx')} download aria-label={t`Download ${title} as Word`}>Word</a>
          <a className={buttonClass('secondary')} href={file('pdf')} download aria-label={t`Download ${title} as PDF`}>PDF</a>
        </div>
      )}
      <RecordTabs label={t`Parts of the measurement`} base={`/o/${orgId}/maturity/${m.id}`} tabs={tabs.filter((x) => x.show)} />
      {children}
    </>
  );
}
