import { useState } from 'react';
import { Trans, useLingui } from '@lingui/react/macro';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { Form } from 'react-aria-components';
import { ApiError } from '../../app/api';
import { useOrg } from '../../app/context';
import { Button, ErrorAlert, Field, Loading, Notice, useFormat } from '../../ui/components';
import { AdviceDialog } from './AdviceDialog';
import { adviceKeys, giveAdvice, readAdvice, withdrawAdvice, type AdviceRequestView, type AdviceStatus } from './advice-api';
import { keys } from './api';
import type { ReportView } from './types';
import { useVault } from '../../app/vault';
import s from './styles';

/** Whether the reader reads the report only as a core-group member asked for advice. */
export const isAdviserOnly = (r: ReportView) => r.roles.includes('adviser') && !r.roles.some((k) => k === 'recipient' || k === 'investigator' || k === 'counsellor');

/** The recipients' section: the advice asked of the core group, each member's advice with its date. */
export function AdviceSection({ report }: { report: ReportView }) {
  const { orgId } = useOrg();
  const { t } = useLingui();
  const withVault = useVault();
  const [asking, setAsking] = useState(false);
  const [done, setDone] = useState('');
  const q = useQuery({ queryKey: adviceKeys.advice(orgId, report.id), queryFn: () => withVault(() => readAdvice(orgId, report.id)), enabled: report.roles.includes('recipient') });
  if (!report.roles.includes('recipient')) return null;
  const v = q.data;
  return (
    <section aria-labelledby="case-advice" className={s.section}>
      <h2 id="case-advice"><Trans>Advice of the core group</Trans></h2>
      <p role="status">{done}</p>
      <ErrorAlert error={q.error} />
      {q.isPending ? <Loading /> : v && (
        <>
          {v.requests.length === 0 ? <p className={s.muted}><Trans>No advice asked yet.</Trans></p>
            : <ol className={s.thread}>{v.requests.map((rq) => <AdviceRequest key={rq.id} request={rq} reportId={report.id} onDone={setDone} />)}</ol>}
          {v.canAsk && <Button variant="secondary" onPress={() => { setDone(''); setAsking(true); }}>{t`Ask the core group for advice`}</Button>}
          {asking && <AdviceDialog report={report} advice={v} onClose={() => setAsking(false)} onDone={(m) => { setAsking(false); setDone(m); }} />}
        </>
      )}
    </section>
  );
}

function useStatusLabel() {
  const { t } = useLingui();
  return (st: AdviceStatus) => ({ waiting: t`waiting for advice`, given: t`advice given`, withdrawn: t`request withdrawn`, expired: t`end date passed without advice` })[st];
}

function AdviceRequest({ request: rq, reportId, onDone }: { request: AdviceRequestView; reportId: string; onDone: (m: string) => void }) {
  const { orgId } = useOrg();
  const { t } = useLingui();
  const f = useFormat();
  const qc = useQueryClient();
  const withVault = useVault();
  const label = useStatusLabel();
  const withdraw = useMutation({
    mutationFn: () => withVault(() => withdrawAdvice(orgId, reportId, rq.id)),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: keys.report(orgId, reportId) });
      onDone(t`The request is withdrawn. The members who had not answered can no longer read the report.`);
    },
  });
  const asked = f.date(rq.askedOn);
  const until = f.date(rq.until);
  const by = rq.askedBy?.displayName ?? '—';
  return (
    <li className={s.message}>
      <div className={s.messageHead}>
        <span><strong><Trans>Question of {by}</Trans></strong></span>
        <span><Trans>asked on {asked}, until {until}</Trans></span>
      </div>
      <div className={s.prose}>{rq.question}</div>
      <ul className={s.story}>
        {rq.members.map((m) => {
          const on = m.givenOn ? f.date(m.givenOn) : '';
          return (
            <li key={m.userId}>
              <strong>{m.displayName || '—'}</strong>: {label(m.status)}{m.givenOn && <> ({on})</>}
              {m.advice && <div className={s.prose}>{m.advice}</div>}
            </li>
          );
        })}
      </ul>
      {rq.open && !rq.withdrawnOn && (
        <Button variant="quiet" onPress={() => withdraw.mutate()} isDisabled={withdraw.isPending}><Trans>Withdraw the request</Trans></Button>
      )}
      <ErrorAlert error={withdraw.error} />
    </li>
  );
}

/** The member's panel: the question put to them, until when, and the form to give their advice. */
export function AdviserPanel({ report }: { report: ReportView }) {
  const { orgId } = useOrg();
  const { t } = useLingui();
  const f = useFormat();
  const qc = useQueryClient();
  const withVault = useVault();
  const [text, setText] = useState('');
  const [given, setGiven] = useState(false);
  const adviser = isAdviserOnly(report) || report.roles.includes('adviser');
  const q = useQuery({ queryKey: adviceKeys.advice(orgId, report.id), queryFn: () => withVault(() => readAdvice(orgId, report.id)), enabled: adviser && !report.roles.includes('recipient') });
  const rq = q.data?.requests[0];
  const give = useMutation({
    mutationFn: () => withVault(() => giveAdvice(orgId, report.id, rq!.id, text)),
    // The report is no longer readable: its list goes stale, the page keeps what it shows until left.
    onSuccess: () => { setGiven(true); void qc.invalidateQueries({ queryKey: ['org', orgId, 'reporting', 'list'] }); void qc.invalidateQueries({ queryKey: ['org', orgId, 'home'] }); },
  });
  if (!adviser || report.roles.includes('recipient')) return null;
  if (given) {
    return (
      <Notice kind="success" live>
        <Trans>Your advice is recorded. You can no longer read this report.</Trans>{' '}
        <Link to={`/o/${orgId}/reports`}><Trans>Back to the reports</Trans></Link>
      </Notice>
    );
  }
  const err = give.error instanceof ApiError ? give.error : undefined;
  const until = rq ? f.date(rq.until) : '';
  return (
    <section aria-labelledby="case-your-advice" className={s.section}>
      <h2 id="case-your-advice"><Trans>Your advice is asked</Trans></h2>
      <ErrorAlert error={q.error} />
      {q.isPending ? <Loading /> : !rq ? <p className={s.muted}><Trans>No request for advice waits for you on this report.</Trans></p> : (
        <>
          <p><Trans>As a member of the core group you can read this report until {until}, or until you give your advice. The decision stays with the integrity officer. Do not pass on anything of it.</Trans></p>
          <div className={s.prose}>{rq.question}</div>
          <Form onSubmit={(e) => { e.preventDefault(); give.mutate(); }} className={s.narrow}>
            {err && !err.field && <ErrorAlert error={err} />}
            <Field className={s.textarea} label={t`Your advice`} value={text} onChange={setText} multiline isRequired maxLength={20_000}
              description={t`Only the recipients of the report read it. Once given, your access to the report ends.`} error={err?.fieldMessage('advice')} />
            <Button type="submit" isDisabled={give.isPending || text.trim() === ''}><Trans>Give my advice</Trans></Button>
          </Form>
        </>
      )}
    </section>
  );
}
