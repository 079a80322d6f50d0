import { useState } from 'react';
import { Trans, useLingui } from '@lingui/react/macro';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Form } from 'react-aria-components';
import { ApiError, get, patch, post } from '../../app/api';
import { useOrg } from '../../app/context';
import { Button, buttonClass, ConfirmDialog, EmptyState, ErrorAlert, Field, layout, Loading, Notice, SelectField, useFormat } from '../../ui/components';
import { SaveError } from '../../ui/EditConflict';
import { sortByCode } from '../../../shared/natural-sort';
import { keys, planBase, type EvaluationView, type Evaluations, type PlanTree } from './api';
import { Counts } from './components';
import { ACTION_STATUS_LABELS } from './labels';
import { PlanFrame } from './PlanFrame';
import s from './plan.module.css';

function Evaluation({ data, ev }: { data: PlanTree; ev: EvaluationView }) {
  const { orgId, has } = useOrg();
  const { t, i18n } = useLingui();
  const f = useFormat();
  const qc = useQueryClient();
  const base = `${planBase(orgId, data.plan.id)}/evaluations/${ev.year}`;
  const [done, setDone] = useState(ev.doneText);
  const [ind, setInd] = useState(ev.indicatorsText);
  const [changes, setChanges] = useState(ev.changesText);
  const [saved, setSaved] = useState(false);
  const [approving, setApproving] = useState(false);
  const refresh = () => void qc.invalidateQueries({ queryKey: [...keys.plan(orgId, data.plan.id), 'evaluations'] });
  // Saves name the revision they were made on; the chief approves the revision they read (ADR 0011).
  const save = useMutation({ mutationFn: (rev: number | undefined = ev.revision) => patch(base, { doneText: done, indicatorsText: ind, changesText: changes }, { revision: rev }), onSuccess: () => { setSaved(true); refresh(); } });
  const approve = useMutation({ mutationFn: () => post(`${base}/approve`, {}, { revision: ev.revision }), onSuccess: () => { setApproving(false); refresh(); } });
  // The officer sends the written evaluation to the chief, who is told by mail and sees it on the home page.
  const [sending, setSending] = useState(false);
  const send = useMutation({ mutationFn: () => post(`${base}/submit`, {}), onSuccess: () => { setSending(false); refresh(); void qc.invalidateQueries({ queryKey: keys.waiting(orgId) }); } });
  const editable = ev.status === 'draft' && data.permissions.evaluate;
  const err = save.error instanceof ApiError ? save.error : undefined;
  const n = (v: number | null) => (v === null ? '—' : f.number(v));
  return (
    <section className={s.section} aria-labelledby={`ev-${ev.year}`}>
      <div className={s.sectionHead}>
        <h2 id={`ev-${ev.year}`}>{t`Evaluation of ${ev.year}`}</h2>
        <span className={layout.actions} data-print="hide">
          <a className={buttonClass('secondary')} href={`${base}/export.docx`} download aria-label={t`Download the evaluation of ${ev.year} as Word`}><Trans>Word</Trans></a>
          <a className={buttonClass('secondary')} href={`${base}/export.pdf`} download aria-label={t`Download the evaluation of ${ev.year} as PDF`}><Trans>PDF</Trans></a>
          {ev.status === 'draft' && !ev.submittedAt && has('integrity_officer') && data.permissions.evaluate && (
            <Button variant="secondary" onPress={() => { send.reset(); setSending(true); }}><Trans>Send to the chief for approval</Trans></Button>
          )}
          {ev.status === 'draft' && has('chief') && <Button onPress={() => setApproving(true)}><Trans>Approve the evaluation</Trans></Button>}
        </span>
      </div>
      <p>{ev.status === 'approved' ? t`Approved on ${f.date(ev.approvedAt)} by ${ev.approvedBy?.displayName ?? '—'}.`
        : ev.submittedAt ? t`Sent to the chief of police for approval on ${f.date(ev.submittedAt)}; last changed on ${f.date(ev.updatedAt)}.`
          : t`Draft, last changed on ${f.date(ev.updatedAt)}.`}</p>
      {ev.actionCounts && (
        <Counts items={(['planned', 'in_progress', 'done', 'late', 'stopped'] as const).map((st) => ({ label: i18n._(ACTION_STATUS_LABELS[st]), value: ev.actionCounts![st] }))} />
      )}
      {ev.indicators.length > 0 && (
        <div className={s.scroll} tabIndex={0} role="region" aria-label={t`Indicators against targets`}>
          <table className={s.gantt}>
            <caption><Trans>Indicators against targets</Trans></caption>
            <thead><tr><th scope="col"><Trans>Indicator</Trans></th><th scope="col"><Trans>Baseline</Trans></th><th scope="col"><Trans>Target</Trans></th><th scope="col">{ev.year}</th><th scope="col"><Trans>Target met</Trans></th></tr></thead>
            <tbody>
              {sortByCode(ev.indicators, (i) => i.objectiveCode).map((i) => (
                <tr key={i.indicatorId}>
                  <th scope="row"><span className={s.muted}>{i.objectiveCode}</span> {i.name}{i.unit ? ` (${i.unit})` : ''}</th>
                  <td>{n(i.baseline)}</td><td>{n(i.target)}</td><td>{n(i.value)}</td>
                  <td>{i.met === null ? '—' : i.met ? t`Yes` : t`No`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editable ? (
        <Form onSubmit={(e) => { e.preventDefault(); setSaved(false); save.mutate(undefined); }}>
          <SaveError error={save.error} pending={save.isPending} onKeepMine={(r) => save.mutate(r)}
            rows={((c) => c ? [{ label: t`What was done`, mine: done, theirs: c.doneText }, { label: t`Indicators against targets`, mine: ind, theirs: c.indicatorsText }, { label: t`What changes for the next year`, mine: changes, theirs: c.changesText }] : [])(err?.current as EvaluationView | undefined)}
            onTakeTheirs={() => { const c = err?.current as EvaluationView; setDone(c.doneText); setInd(c.indicatorsText); setChanges(c.changesText); save.reset(); refresh(); }} />
          <Field label={t`What was done`} multiline value={done} onChange={setDone} maxLength={50_000} error={err?.fieldMessage('doneText')} />
          <Field label={t`Indicators against targets`} multiline value={ind} onChange={setInd} maxLength={50_000} error={err?.fieldMessage('indicatorsText')} />
          <Field label={t`What changes for the next year`} multiline value={changes} onChange={setChanges} maxLength={50_000} error={err?.fieldMessage('changesText')} />
          <div aria-live="polite">{saved && <Notice kind="success"><Trans>The evaluation has been saved.</Trans></Notice>}</div>
          <Button type="submit" isDisabled={save.isPending}><Trans>Save the evaluation</Trans></Button>
        </Form>
      ) : (
        <dl className={layout.dl}>
          <dt><Trans>What was done</Trans></dt><dd className={s.prose}>{ev.doneText || '—'}</dd>
          <dt><Trans>Indicators against targets</Trans></dt><dd className={s.prose}>{ev.indicatorsText || '—'}</dd>
          <dt><Trans>What changes for the next year</Trans></dt><dd className={s.prose}>{ev.changesText || '—'}</dd>
        </dl>
      )}
      {sending && (
        <ConfirmDialog isOpen onOpenChange={setSending} title={t`Send the evaluation of ${ev.year} for approval?`} confirmLabel={t`Send to the chief for approval`}
          onConfirm={() => send.mutate()} pending={send.isPending} error={send.error}>
          <p><Trans>The chief of police is told by mail and finds the evaluation on their home page. You can still change it until it is approved; the chief approves the text as it is then.</Trans></p>
        </ConfirmDialog>
      )}
      {approving && (
        <ConfirmDialog isOpen onOpenChange={setApproving} title={t`Approve the evaluation of ${ev.year}?`} confirmLabel={t`Approve the evaluation`}
          onConfirm={() => approve.mutate()} pending={approve.isPending} error={approve.error}>
          <p><Trans>An approved evaluation can no longer be changed.</Trans></p>
        </ConfirmDialog>
      )}
    </section>
  );
}

function EvaluationsBody({ data }: { data: PlanTree }) {
  const { orgId } = useOrg();
  const { t } = useLingui();
  const qc = useQueryClient();
  const key = [...keys.plan(orgId, data.plan.id), 'evaluations'];
  const q = useQuery({ queryKey: key, queryFn: () => get<{ items: Evaluations }>(`${planBase(orgId, data.plan.id)}/evaluations`).then((r) => r.items) });
  const taken = new Set((q.data ?? []).map((e) => e.year));
  const years = Array.from({ length: data.plan.periodTo - data.plan.periodFrom + 1 }, (_x, i) => data.plan.periodFrom + i).filter((y) => !taken.has(y));
  const [year, setYear] = useState('');
  const create = useMutation({
    mutationFn: () => post(`${planBase(orgId, data.plan.id)}/evaluations`, { year: Number(year) }),
    onSuccess: () => { setYear(''); void qc.invalidateQueries({ queryKey: key }); },
  });
  const err = create.error instanceof ApiError ? create.error : undefined;
  return (
    <>
      <p><Trans>Each year the integrity officer evaluates the plan: what was done, how the indicators compare with their targets and what changes. The chief of police approves it.</Trans></p>
      {data.permissions.evaluate ? (years.length > 0 && (
        <Form className={layout.filters} onSubmit={(e) => { e.preventDefault(); create.mutate(); }}>
          <SelectField label={t`Year to evaluate`} value={year} onChange={setYear} options={years.map((y) => ({ id: String(y), label: String(y) }))} error={err?.fieldMessage('year')} />
          <div style={{ marginBottom: 'var(--space-4)' }}><Button type="submit" isDisabled={!year || create.isPending}><Trans>Start the evaluation</Trans></Button></div>
        </Form>
      )) : data.plan.status === 'draft' || data.plan.status === 'submitted' ? <Notice><Trans>A plan is evaluated once it has been approved.</Trans></Notice> : null}
      <ErrorAlert error={create.error && !err?.field ? create.error : q.error} />
      {q.isPending ? <Loading /> : (q.data ?? []).length === 0 ? <EmptyState><Trans>No yearly evaluation yet.</Trans></EmptyState>
        : (q.data ?? []).map((ev) => <Evaluation key={ev.year} data={data} ev={ev} />)}
    </>
  );
}

export function PlanEvaluationsPage() {
  return <PlanFrame tab="evaluations">{(data) => <EvaluationsBody data={data} />}</PlanFrame>;
}
