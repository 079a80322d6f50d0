import { useState } from 'react';
import { Trans, useLingui } from '@lingui/react/macro';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { Form } from 'react-aria-components';
import { ApiError } from '../../app/api';
import { useOrg } from '../../app/context';
import { Button, ErrorAlert, Field, Loading, Notice, PageHeader, useFormat } from '../../ui/components';
import { NotFoundPage } from '../../pages/NotFoundPage';
import { fetchFile, keys, multipart, postForm, readReport, reportUrl, saveBlob } from './api';
import { CASE_DIALOGS, type CaseAction } from './CaseDialogs';
import { Answers, CategoryName, DeadlineClocks, FileList, FilePicker, MessageThread, StatusBadge, UnreadBadge } from './components';
import { HISTORY_LABELS, IDENTITY_RECIPIENT_LABELS, OUTCOME_LABELS } from './labels';
import type { FileView, ReportView } from './types';
import { isVaultLocked, LockedNotice, useVault, useVaultWaiting, VaultProvider } from '../../app/vault';
import { RedactionNote, RedactionTools, RetentionPanel } from './Redaction';
import { AdviceSection, AdviserPanel } from './AdviceSection';
import { ProtectionSection } from './ProtectionSection';
import s from './styles';

/** /reports/$reportId — one report as a recipient reads it, with the steps of the procedure. */
export function CasePage() {
  return <VaultProvider><Case /></VaultProvider>;
}

/** The steps the reader may take now, as the server says (their part in the report and its status). */
function stepsFor(r: ReportView): CaseAction[] {
  const order: CaseAction[] = ['acknowledge', 'admissibility', 'investigator', 'feedback', 'close'];
  return order.filter((a) => r.can[a]);
}

function Case() {
  const { orgId } = useOrg();
  const { reportId } = useParams({ strict: false }) as { reportId: string };
  const { t, i18n } = useLingui();
  const f = useFormat();
  const withVault = useVault();
  const waiting = useVaultWaiting();
  const q = useQuery({ queryKey: keys.report(orgId, reportId), queryFn: () => withVault(() => readReport(orgId, reportId)), retry: false });
  const [dialog, setDialog] = useState<CaseAction | null>(null);
  const [done, setDone] = useState('');
  if (q.error instanceof ApiError && q.error.status === 404) return <NotFoundPage />;
  const r = q.data;
  const download = async (file: FileView) => {
    const got = await withVault(() => fetchFile(`${reportUrl(orgId, reportId)}/files/${file.id}`));
    saveBlob(got.blob, got.filename ?? file.name);
  };
  const labels: Record<CaseAction, string> = {
    acknowledge: t`Confirm receipt`,
    admissibility: t`Assess admissibility`,
    investigator: r?.investigator ? t`Change the investigator` : t`Appoint an investigator`,
    feedback: t`Give feedback`,
    close: t`Close the report`,
  };
  const steps = r ? stepsFor(r) : [];
  const reference = r?.reference;
  const Dialog = dialog && r ? CASE_DIALOGS[dialog] : null;
  return (
    <>
      <PageHeader title={reference ? t`Report ${reference}` : t`Report`} actions={steps.map((a) => (
        <Button key={a} variant={a === 'close' ? 'secondary' : a === steps[0] ? 'primary' : 'secondary'} onPress={() => { setDone(''); setDialog(a); }}>{labels[a]}</Button>
      ))}>
        <p><Link to={`/o/${orgId}/reports`}><Trans>Back to the reports</Trans></Link></p>
      </PageHeader>
      <p role="status">{done}</p>
      {isVaultLocked(q.error) ? <LockedNotice onUnlock={() => void q.refetch()} /> : <ErrorAlert error={q.error} />}
      {q.isPending ? (waiting ? <LockedNotice /> : <Loading />) : r && (
        <>
          <dl className={s.summary}>
            <dt><Trans>Status</Trans></dt>
            <dd><StatusBadge status={r.status} /></dd>
            {r.status !== 'closed' && <><dt><Trans>Deadlines</Trans></dt><dd><DeadlineClocks deadlines={r.deadlines} /></dd></>}
            <dt><Trans>Received</Trans></dt>
            <dd>{f.date(r.receivedOn)} · {r.filedVia === 'counsellor' ? t`filed by a confidential counsellor` : t`through the reporting page`}</dd>
            <dt><Trans>Category</Trans></dt>
            <dd><CategoryName category={r.category} /></dd>
            <dt><Trans>Reporter</Trans></dt>
            <dd><Reporter report={r} /></dd>
            <dt><Trans>Receipt confirmed</Trans></dt>
            <dd>{r.acknowledgedOn ? f.date(r.acknowledgedOn) : <Trans>Not yet</Trans>}</dd>
            <dt><Trans>Admissibility</Trans></dt>
            <dd>
              {r.admissibility === null ? <Trans>Not assessed yet</Trans> : r.admissibility === 'admissible' ? <Trans>Admissible</Trans> : <Trans>Inadmissible</Trans>}
              {r.admissibilityReason && <span className={`${s.prose} ${s.small}`} style={{ display: 'block' }}>{r.admissibilityReason}</span>}
            </dd>
            {r.excluded.length > 0 && (
              <>
                <dt><Trans>Excluded by the reporter</Trans></dt>
                <dd>
                  {r.excluded.map((x) => x.displayName || '—').join(', ')}
                  <span className={`${s.small} ${s.muted}`} style={{ display: 'block' }}><Trans>The report concerns them: never give them access, nor tell them it exists.</Trans></span>
                </dd>
              </>
            )}
            <dt><Trans>Retention</Trans></dt>
            <dd><RetentionPanel report={r} /></dd>
            <dt><Trans>Investigator</Trans></dt>
            <dd>{r.investigator?.displayName ?? <Trans>None appointed</Trans>}</dd>
            <dt><Trans>Feedback given</Trans></dt>
            <dd>{r.feedbackOn ? f.date(r.feedbackOn) : <Trans>Not yet</Trans>}</dd>
            {r.closedOn && (
              <>
                <dt><Trans>Closed</Trans></dt>
                <dd>{f.date(r.closedOn)}{r.outcome && <> · {i18n._(OUTCOME_LABELS[r.outcome])}</>}</dd>
              </>
            )}
          </dl>
          <AdviserPanel report={r} />

          <section aria-labelledby="case-report" className={s.section}>
            <h2 id="case-report"><Trans>The report</Trans></h2>
            <Answers answers={r.answers} extra={(a) => (a.kind === 'text' || a.kind === 'longtext') && (
              <><RedactionNote redaction={a.redaction} viewer="recipient" /><RedactionTools report={r} item={{ target: 'answer', targetId: a.questionId, text: a.value ?? '', redaction: a.redaction }} /></>
            )} />
            <h3><Trans>Files</Trans></h3>
            {r.files.filter((x) => !x.messageId).length === 0 ? <p className={s.muted}><Trans>No files.</Trans></p>
              : <FileList files={r.files.filter((x) => !x.messageId)} onDownload={download} />}
          </section>

          <section aria-labelledby="case-messages" className={s.section}>
            <h2 id="case-messages"><Trans>Messages with the reporter</Trans> <UnreadBadge count={r.unreadMessages} /></h2>
            <MessageThread messages={r.messages} viewer="recipient" onDownload={download} extra={(m) => m.body !== '' && (
              <><RedactionNote redaction={m.redaction} viewer="recipient" /><RedactionTools report={r} item={{ target: 'message', targetId: m.id, text: m.body, redaction: m.redaction }} /></>
            )} />
            {r.can.message && <MessageForm report={r} />}
          </section>

          <AdviceSection report={r} />
          <ProtectionSection report={r} />

          {r.history && r.history.length > 0 && (
            <section aria-labelledby="case-history" className={s.section}>
              <h2 id="case-history"><Trans>History</Trans></h2>
              <ul className={s.story}>
                {r.history.map((h) => (
                  <li key={h.seq}>
                    {f.date(h.on)}: {HISTORY_LABELS[h.action] ? i18n._(HISTORY_LABELS[h.action]) : h.action}
                    {h.details?.automatic === true && <> ({t`automatic`})</>}
                    {h.by && <> · {h.by}</>}
                  </li>
                ))}
              </ul>
            </section>
          )}
        </>
      )}
      {Dialog && r && <Dialog report={r} onClose={() => setDialog(null)} onDone={(m) => { setDialog(null); setDone(m); }} />}
    </>
  );
}

/** Who reported, as far as the mode allows: a name for named and confidential reports, nothing for anonymous ones. */
function Reporter({ report: r }: { report: ReportView }) {
  const { i18n } = useLingui();
  const mode = i18n._(IDENTITY_RECIPIENT_LABELS[r.identityMode]);
  if (r.identityMode === 'anonymous') {
    return <>{mode}: <Trans>the identity of the reporter is not known. Reach them through the messages only.</Trans></>;
  }
  return (
    <>
      <strong>{r.reporter?.name ?? '—'}</strong>
      {r.reporter?.contact && <> · {r.reporter.contact}</>}
      <span className={`${s.small} ${s.muted}`} style={{ display: 'block' }}>
        {r.identityMode === 'confidential'
          ? <Trans>Confidential: do not pass the reporter's name on to anyone without their explicit consent.</Trans>
          : <Trans>Named report.</Trans>}
      </span>
    </>
  );
}

function MessageForm({ report }: { report: ReportView }) {
  const { orgId } = useOrg();
  const { t } = useLingui();
  const qc = useQueryClient();
  const withVault = useVault();
  const [body, setBody] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [sent, setSent] = useState(false);
  const send = useMutation({
    mutationFn: () => withVault(() => postForm(`${reportUrl(orgId, report.id)}/messages`, multipart('message', { body }, files), { revision: report.revision })),
    onSuccess: () => {
      setBody('');
      setFiles([]);
      setSent(true);
      void qc.invalidateQueries({ queryKey: keys.all(orgId) });
    },
    onError: (e) => { if (e instanceof ApiError && e.isEditConflict) void qc.invalidateQueries({ queryKey: keys.report(orgId, report.id) }); },
  });
  const err = send.error instanceof ApiError ? send.error : undefined;
  return (
    <Form onSubmit={(e) => { e.preventDefault(); setSent(false); send.mutate(); }} className={s.narrow}>
      <h3><Trans>Write to the reporter</Trans></h3>
      {err?.isEditConflict ? (
        <Notice kind="warning"><Trans>The report changed in the meantime (a new message or step). Read what is new above, then send your message again.</Trans></Notice>
      ) : err && !err.field && <ErrorAlert error={err} />}
      <Field className={s.textarea} label={t`Message`} value={body} onChange={(v) => { setBody(v); setSent(false); }} multiline isRequired maxLength={20_000}
        description={t`The reporter reads it with the receipt code. Ask questions here; never reveal who reported to anyone else.`} error={err?.fieldMessage('body')} />
      <FilePicker files={files} onChange={setFiles} />
      <Button type="submit" isDisabled={send.isPending || body.trim() === ''}><Trans>Send the message</Trans></Button>
      <p role="status">{sent && <Trans>Your message has been sent.</Trans>}</p>
    </Form>
  );
}
