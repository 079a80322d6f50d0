import { useState } from 'react';
import { Trans, useLingui } from '@lingui/react/macro';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { Form } from 'react-aria-components';
import { ApiError, post } from '../../app/api';
import { useOrg } from '../../app/context';
import { Button, buttonClass, Checkbox, DataTable, EmptyState, ErrorAlert, Field, Loading, PageHeader, useFormat } from '../../ui/components';
import { keys, riskBase, useAnalyses, useParticipantCandidates, useProcesses, type AnalysisDetail } from './api';
import { ForRoles, RiskLinks, RISK_OFFICER, StatusBadge } from './components';
import { KIND_LABELS } from './labels';
import s from './risk.module.css';

/** /risk — the organisation's risk analyses (a participant sees the ones naming them). */
export function AnalysesPage() {
  const { orgId } = useOrg();
  const { t } = useLingui();
  const f = useFormat();
  const q = useAnalyses(orgId);
  const items = q.data?.items ?? [];
  const canCreate = q.data?.canCreate ?? false;
  return (
    <>
      <PageHeader title={t`Risk analyses`} actions={canCreate && <Link className={buttonClass()} to={`/o/${orgId}/risk/new`}><Trans>New risk analysis</Trans></Link>}>
        <p><Trans>Which processes and functions are vulnerable to integrity violations, and how well they are protected. A team scores each process on its own; the integrity officer agrees the scores, records the existing controls and writes recommendations that can become actions of the policy plan.</Trans></p>
      </PageHeader>
      <RiskLinks current="analyses" />
      <ErrorAlert error={q.error} />
      {q.isPending ? <Loading /> : items.length === 0 ? (
        <EmptyState>
          <p>{canCreate ? <Trans>There is no risk analysis yet. Fill in the processes and functions first, then start an analysis.</Trans> : <Trans>There is no risk analysis for you.</Trans>}</p>
        </EmptyState>
      ) : (
        <DataTable
          label={t`Risk analyses`}
          columns={[
            { id: 'title', name: t`Analysis`, isRowHeader: true },
            { id: 'status', name: t`Status` },
            { id: 'processes', name: t`Processes` },
            { id: 'progress', name: t`Progress` },
            { id: 'created', name: t`Started` },
          ]}
          rows={items}
          cells={(a) => [
            <Link key="t" to={`/o/${orgId}/risk/analyses/${a.id}`}>{a.title}</Link>,
            <StatusBadge key="s" status={a.status} />,
            f.number(a.processCount),
            a.status === 'scoring'
              ? (a.myScored !== null ? t`You scored ${a.myScored} of ${a.processCount} processes` : t`${a.participants.length} participants`)
              : a.status === 'draft' ? '–' : t`${a.agreedCount} of ${a.processCount} processes agreed`,
            f.date(a.createdAt),
          ]}
        />
      )}
    </>
  );
}

/** /risk/new — the integrity officer starts an analysis: title, scope (step 1), the processes (step 2) and the participants. */
export function NewAnalysisPage() {
  const { t } = useLingui();
  return <ForRoles roles={RISK_OFFICER} title={t`New risk analysis`}><NewAnalysis /></ForRoles>;
}

function NewAnalysis() {
  const { orgId } = useOrg();
  const { t, i18n } = useLingui();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const processes = useProcesses(orgId);
  const candidates = useParticipantCandidates(orgId);
  const [title, setTitle] = useState('');
  const [scopeNote, setScopeNote] = useState('');
  const [processIds, setProcessIds] = useState<string[]>([]);
  const [participants, setParticipants] = useState<string[]>([]);
  const save = useMutation({
    mutationFn: () => post<AnalysisDetail>(`${riskBase(orgId)}/analyses`, { title, scopeNote, processIds, participantUserIds: participants }),
    onSuccess: (a) => {
      void qc.invalidateQueries({ queryKey: keys.all(orgId) });
      void navigate({ to: `/o/${orgId}/risk/analyses/${a.id}` });
    },
  });
  const err = save.error instanceof ApiError ? save.error : undefined;
  const toggle = (set: (f: (x: string[]) => string[]) => void) => (id: string, on: boolean) => set((a) => (on ? [...a, id] : a.filter((x) => x !== id)));
  const live = (processes.data?.items ?? []).filter((p) => !p.archived);
  return (
    <>
      <PageHeader title={t`New risk analysis`}>
        <p><Link to={`/o/${orgId}/risk`}><Trans>All risk analyses</Trans></Link></p>
      </PageHeader>
      <Form onSubmit={(e) => { e.preventDefault(); save.mutate(); }}>
        <ErrorAlert error={save.error && !err?.fields.length ? save.error : null} />
        <Field label={t`Title`} isRequired value={title} onChange={setTitle} maxLength={300} error={err?.fieldMessage('title')} />
        <Field label={t`Scope (step 1)`} multiline value={scopeNote} onChange={setScopeNote} maxLength={10000} error={err?.fieldMessage('scopeNote')}
          description={t`What is analysed and why, what is left out, the team that takes part.`} />
        <fieldset className={s.process} aria-describedby="processes-help">
          <legend><strong><Trans>Processes and functions (step 2)</Trans></strong></legend>
          <p id="processes-help" className={`${s.muted} ${s.small}`}><Trans>The processes and functions of the inventory this analysis covers.</Trans></p>
          <ErrorAlert error={processes.error} />
          {processes.isPending ? <Loading /> : live.length === 0 ? (
            <p><Link to={`/o/${orgId}/risk/inventory`}><Trans>The inventory is empty: add processes and functions first.</Trans></Link></p>
          ) : live.map((p) => (
            <Checkbox key={p.id} isSelected={processIds.includes(p.id)} onChange={(on) => toggle(setProcessIds)(p.id, on)}>
              {p.name} <span className={s.muted}>({i18n._(KIND_LABELS[p.kind])})</span>
            </Checkbox>
          ))}
          {err?.fieldMessage('processIds') && <p className={s.small} role="alert">{err.fieldMessage('processIds')}</p>}
        </fieldset>
        <fieldset className={s.process} aria-describedby="participants-help">
          <legend><strong><Trans>Participants</Trans></strong></legend>
          <p id="participants-help" className={`${s.muted} ${s.small}`}>
            <Trans>People of the organisation with an account, from different services and functions. Each scores every process on their own; you may name yourself. You moderate the workshop.</Trans>
          </p>
          <ErrorAlert error={candidates.error} />
          {candidates.isPending ? <Loading /> : (candidates.data ?? []).map((c) => (
            <Checkbox key={c.userId} isSelected={participants.includes(c.userId)} onChange={(on) => toggle(setParticipants)(c.userId, on)}>{c.displayName}</Checkbox>
          ))}
          {err?.fieldMessage('participantUserIds') && <p className={s.small} role="alert">{err.fieldMessage('participantUserIds')}</p>}
        </fieldset>
        <Button type="submit" isDisabled={save.isPending}><Trans>Create the analysis</Trans></Button>
      </Form>
    </>
  );
}
