import { useState } from 'react';
import { Trans, useLingui } from '@lingui/react/macro';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { Form } from 'react-aria-components';
import { ApiError } from '../../app/api';
import { useOrg } from '../../app/context';
import { LOCALE_NAMES } from '../../app/i18n';
import { isVaultLocked, LockedNotice, useVault, useVaultWaiting, VaultProvider } from '../../app/vault';
import { NotFoundPage } from '../../pages/NotFoundPage';
import { Button, ErrorAlert, Loading, PageHeader, useFormat } from '../../ui/components';
import { FilePicker } from '../../ui/FilePicker';
import { complaintUrl, fetchFile, keys, multipart, postForm, readComplaint, readOptions, saveBlob } from './api';
import { DIALOGS, isConflict, type DialogAction } from './ComplaintDialogs';
import { DeadlineClocks, FileList, StatusBadge, useThemeName } from './components';
import {
  CHANNEL_LABELS, DECISION_LABELS, ENTRY_LABELS, FORWARD_TARGET_LABELS, FORWARDING_SOURCE_LABELS, HISTORY_LABELS, SERIOUSNESS_LABELS,
} from './labels';
import type { ComplaintView, FileView } from './types';
import s from './styles';

/** /complaints/$complaintId — one complaint as the coordinator or its handler reads it, with the steps they may take. */
export function ComplaintPage() {
  return <VaultProvider><Complaint /></VaultProvider>;
}

const ORDER: DialogAction[] = ['acknowledge', 'triage', 'answer', 'note', 'assign', 'forward', 'close'];

function Complaint() {
  const { orgId } = useOrg();
  const { complaintId } = useParams({ strict: false }) as { complaintId: string };
  const { t, i18n } = useLingui();
  const f = useFormat();
  const withVault = useVault();
  const waiting = useVaultWaiting();
  const q = useQuery({ queryKey: keys.complaint(orgId, complaintId), queryFn: () => withVault(() => readComplaint(orgId, complaintId)), retry: false });
  const options = useQuery({ queryKey: keys.options(orgId), queryFn: () => readOptions(orgId) });
  const themeName = useThemeName(options.data?.themes);
  const [dialog, setDialog] = useState<DialogAction | null>(null);
  const [done, setDone] = useState('');
  if (q.error instanceof ApiError && q.error.status === 404) return <NotFoundPage />;
  const c = q.data;
  const download = async (file: FileView) => {
    const got = await withVault(() => fetchFile(`${complaintUrl(orgId, complaintId)}/files/${file.id}`));
    saveBlob(got.blob, got.filename ?? file.name);
  };
  const letter = async (ext: 'docx' | 'pdf') => {
    const got = await withVault(() => fetchFile(`${complaintUrl(orgId, complaintId)}/answer.${ext}`));
    saveBlob(got.blob, got.filename ?? `${c?.reference ?? 'answer'}.${ext}`);
  };
  const labels: Record<DialogAction, string> = {
    acknowledge: t`Acknowledge receipt`,
    triage: t`Triage`,
    assign: t`Change the handler`,
    forward: t`Forward`,
    note: t`Add a note or hearing`,
    answer: c?.answer ? t`Change the answer` : t`Answer`,
    close: t`Close`,
  };
  const steps = c ? ORDER.filter((a) => c.can[a]) : [];
  const reference = c?.reference;
  const Dialog = dialog && c ? DIALOGS[dialog] : null;
  return (
    <>
      <PageHeader title={reference ? t`Complaint ${reference}` : t`Complaint`} actions={steps.map((a) => (
        <Button key={a} variant={a === steps[0] ? 'primary' : 'secondary'} onPress={() => { setDone(''); setDialog(a); }}>{labels[a]}</Button>
      ))}>
        <p><Link to={`/o/${orgId}/complaints`}><Trans>Back to the complaints</Trans></Link></p>
      </PageHeader>
      <p role="status">{done}</p>
      {isVaultLocked(q.error) ? <LockedNotice onUnlock={() => void q.refetch()} /> : <ErrorAlert error={q.error} />}
      {q.isPending ? (waiting ? <LockedNotice /> : <Loading />) : c && (
        <>
          <dl className={s.summary}>
            <dt><Trans>Status</Trans></dt>
            <dd><StatusBadge status={c.status} /></dd>
            {c.deadlines.length > 0 && <><dt><Trans>Deadlines</Trans></dt><dd><DeadlineClocks deadlines={c.deadlines} /></dd></>}
            <dt><Trans>Received</Trans></dt>
            <dd>
              {f.date(c.receivedOn)} · {i18n._(CHANNEL_LABELS[c.channel])}
              {c.forwardedBy && <> · {i18n._(FORWARDING_SOURCE_LABELS[c.forwardedBy]!)}</>}
              {c.forwardingReference && <> · <Trans>their reference {c.forwardingReference}</Trans></>}
              {c.registeredBy && <span className={`${s.small} ${s.muted} ${s.block}`}><Trans>Registered by {c.registeredBy}</Trans></span>}
            </dd>
            <dt><Trans>Complainant</Trans></dt>
            <dd><Complainant complaint={c} /></dd>
            <dt><Trans>Language</Trans></dt>
            <dd>{LOCALE_NAMES[c.language]}</dd>
            <dt><Trans>Acknowledged</Trans></dt>
            <dd>{c.acknowledgedOn ? f.date(c.acknowledgedOn) : <Trans>Not yet</Trans>}</dd>
            <dt><Trans>Admissibility</Trans></dt>
            <dd>{c.admissible === null ? <Trans>Not triaged yet</Trans> : c.admissible ? <Trans>Admissible</Trans> : <Trans>Inadmissible</Trans>}</dd>
            <dt><Trans>Themes</Trans></dt>
            <dd>{c.themes.length ? c.themes.map(themeName).join(', ') : '—'}</dd>
            <dt><Trans>Seriousness</Trans></dt>
            <dd>{c.seriousness ? i18n._(SERIOUSNESS_LABELS[c.seriousness]!) : '—'}</dd>
            <dt><Trans>Unit concerned</Trans></dt>
            <dd>{c.unit?.name ?? '—'}</dd>
            <dt><Trans>Staff members involved</Trans></dt>
            <dd>{c.staff.length ? c.staff.map((p) => `${p.displayName} (${p.personnelNumber})`).join(', ') : '—'}</dd>
            <dt><Trans>Handler</Trans></dt>
            <dd>{c.handler?.displayName ?? <Trans>Not assigned</Trans>}</dd>
            {c.forwardedTo && (
              <>
                <dt><Trans>Forwarded</Trans></dt>
                <dd>{i18n._(FORWARD_TARGET_LABELS[c.forwardedTo]!)}{c.forwardedOn && <> · {f.date(c.forwardedOn)}</>}</dd>
              </>
            )}
            {c.decision && <><dt><Trans>Decision</Trans></dt><dd>{i18n._(DECISION_LABELS[c.decision])}{c.decidedOn && <> · {f.date(c.decidedOn)}</>}</dd></>}
            {c.closedOn && <><dt><Trans>Closed</Trans></dt><dd>{f.date(c.closedOn)}</dd></>}
          </dl>

          <section aria-labelledby="complaint-facts" className={s.section}>
            <h2 id="complaint-facts"><Trans>The complaint</Trans></h2>
            <dl className={s.summary}>
              <dt><Trans>What happened</Trans></dt>
              <dd className={s.prose}>{c.facts.what}</dd>
              <dt><Trans>When</Trans></dt>
              <dd>{c.facts.occurredOn ? f.date(c.facts.occurredOn) : <Trans>Not given</Trans>}</dd>
              <dt><Trans>Where</Trans></dt>
              <dd>{c.facts.where ?? <Trans>Not given</Trans>}</dd>
              <dt><Trans>Who was involved</Trans></dt>
              <dd className={s.prose}>{c.facts.involved ?? <Trans>Not given</Trans>}</dd>
            </dl>
          </section>

          <section aria-labelledby="complaint-files" className={s.section}>
            <h2 id="complaint-files"><Trans>Documents</Trans></h2>
            <FileList files={c.files} onDownload={download} />
            {c.can.document && <DocumentsForm complaint={c} />}
          </section>

          <section aria-labelledby="complaint-entries" className={s.section}>
            <h2 id="complaint-entries"><Trans>Notes and hearing records</Trans></h2>
            {c.entries.length === 0 ? <p className={s.muted}><Trans>Nothing recorded yet.</Trans></p> : (
              <ol className={s.entries}>
                {[...c.entries].sort((a, b) => a.seq - b.seq).map((e) => (
                  <li key={e.id} className={s.entry}>
                    <div className={s.entryHead}>
                      <strong>{i18n._(ENTRY_LABELS[e.kind])}</strong>
                      <span>{f.date(e.on)}{e.by && <> · {e.by}</>}</span>
                    </div>
                    <div className={s.prose}>{e.body}</div>
                  </li>
                ))}
              </ol>
            )}
          </section>

          <section aria-labelledby="complaint-answer" className={s.section}>
            <h2 id="complaint-answer"><Trans>Answer to the complainant</Trans></h2>
            {c.answer ? (
              <>
                <p>{c.answeredOn && <Trans>Sent on {f.date(c.answeredOn)}.</Trans>}</p>
                <div className={s.answer}>{c.answer}</div>
                <div className={s.tools}>
                  <Button variant="secondary" onPress={() => void letter('docx')}><Trans>Download as Word</Trans></Button>
                  <Button variant="secondary" onPress={() => void letter('pdf')}><Trans>Download as PDF</Trans></Button>
                </div>
              </>
            ) : <p className={s.muted}><Trans>Not answered yet.</Trans></p>}
          </section>

          {c.history.length > 0 && (
            <section aria-labelledby="complaint-history" className={s.section}>
              <h2 id="complaint-history"><Trans>History</Trans></h2>
              <ul className={s.story}>
                {c.history.map((h) => (
                  <li key={h.seq}>
                    {f.date(h.on)}: {HISTORY_LABELS[h.action] ? i18n._(HISTORY_LABELS[h.action]!) : h.action}
                    {h.by && <> · {h.by}</>}
                    {h.note && <span className={`${s.prose} ${s.small} ${s.block}`}>{h.note}</span>}
                  </li>
                ))}
              </ul>
            </section>
          )}
        </>
      )}
      {Dialog && c && <Dialog complaint={c} onClose={() => setDialog(null)} onDone={(m) => { setDialog(null); setDone(m); }} />}
    </>
  );
}

/** Who complained, as far as they said: nothing for an anonymous complaint. */
function Complainant({ complaint: c }: { complaint: ComplaintView }) {
  if (c.anonymous || !c.complainant) return <><Trans>Anonymous</Trans>: <Trans>the complainant reads the answer on the status page with their code.</Trans></>;
  const p = c.complainant;
  return (
    <>
      <strong>{p.name ?? '—'}</strong>
      {p.email && <span className={s.block}>{p.email}</span>}
      {p.phone && <span className={s.block}>{p.phone}</span>}
      {p.address && <span className={`${s.block} ${s.prose}`}>{p.address}</span>}
    </>
  );
}

function DocumentsForm({ complaint }: { complaint: ComplaintView }) {
  const { orgId } = useOrg();
  const qc = useQueryClient();
  const withVault = useVault();
  const [files, setFiles] = useState<File[]>([]);
  const [sent, setSent] = useState(false);
  const send = useMutation({
    mutationFn: () => withVault(() => postForm(`${complaintUrl(orgId, complaint.id)}/documents`, multipart('document', {}, files), { revision: complaint.revision })),
    onSuccess: () => {
      setFiles([]);
      setSent(true);
      void qc.invalidateQueries({ queryKey: keys.complaint(orgId, complaint.id) });
    },
    onError: (e) => { if (isConflict(e)) void qc.invalidateQueries({ queryKey: keys.complaint(orgId, complaint.id) }); },
  });
  return (
    <Form onSubmit={(e) => { e.preventDefault(); setSent(false); send.mutate(); }} className={s.narrow}>
      <ErrorAlert error={send.error} />
      <FilePicker files={files} onChange={(x) => { setFiles(x); setSent(false); }} label={<Trans>Add documents</Trans>}
        description={<Trans>Reports, statements, photos: stored encrypted with the complaint.</Trans>} />
      <Button type="submit" variant="secondary" isDisabled={send.isPending || files.length === 0}><Trans>Add the documents</Trans></Button>
      <p role="status">{sent && <Trans>The documents are added.</Trans>}</p>
    </Form>
  );
}

