import { useState } from 'react';
import { Trans, useLingui } from '@lingui/react/macro';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useSearch } from '@tanstack/react-router';
import { Form } from 'react-aria-components';
import { ApiError } from '../../app/api';
import { CodeForm, tokenGone as tokenGoneFor, usePublicRecordToken, useTokenQuery } from '../../app/public/CodeGate';
import { usePublicOrg } from '../../app/public/context';
import { Button, ErrorAlert, Field, Loading, PageHeader, useFormat } from '../../ui/components';
import { saveBlob } from './api';
import { todayIso } from '../../ui/format';
import { Answers, CategoryName, FileList, FilePicker, MessageThread, PrivateDeviceAdvice, StatusBadge } from './components';
import { HashCheck, RedactionNote } from './Redaction';
import { addDays, addMonths } from './dates';
import { IDENTITY_LABELS, OUTCOME_LABELS, STATUS_EXPLAINED } from './labels';
import { downloadPortalFile, openWithReceipt, readChannel, readPortal, sendPortalMessage } from './public-api';
import { receiptDigits } from './receipt';
import type { FileView, PortalView } from './types';
import { ReprisalPanel } from './ReprisalPanel';
import s from './styles';

const tokenGone = tokenGoneFor('reporting_session_expired');
const PORTAL_KEY = ['public', 'reporting', 'portal'] as const;

/**
 * /p/$orgCode/report/follow-up — the reporter comes back with the receipt code (CodeGate: typed
 * into a form, never in the address), then reads the status, the messages and the report as
 * filed, and answers.
 */
export function PublicFollowUpPage() {
  const org = usePublicOrg();
  const { t, i18n } = useLingui();
  const { lang } = useSearch({ strict: false }) as { lang?: string };
  const session = usePublicRecordToken(PORTAL_KEY);
  if (!session.token) {
    return (
      <CodeForm title={t`Follow up your report`} ended={session.ended} onOpened={session.opened}
        intro={<Trans>Enter the receipt code you received when you made your report.</Trans>}
        before={<PrivateDeviceAdvice />}
        endedNotice={<Trans>You left your report, or it was closed after 30 minutes without activity. Enter your receipt code again to continue.</Trans>}
        label={t`Receipt code`} description={t`16 digits; spaces do not matter.`} inputMode="numeric" maxLength={40}
        normalise={receiptDigits} invalidMessage={t`A receipt code has 16 digits.`}
        open={(digits) => openWithReceipt(org.code, i18n.locale, digits)} submitLabel={<Trans>Open my report</Trans>}
        footer={<>
          <Trans>Lost your code? It cannot be given again. You can make a new report and mention your earlier one in it.</Trans>{' '}
          <Link to="/p/$orgCode/report" params={{ orgCode: org.code }} search={lang ? { lang } : {}}><Trans>Make a report</Trans></Link>
        </>} />
    );
  }
  return <Portal orgCode={org.code} locale={i18n.locale} token={session.token} onClose={session.close} />;
}

function Portal({ orgCode, locale, token, onClose }: { orgCode: string; locale: string; token: string; onClose: (expired: boolean) => void }) {
  const { t } = useLingui();
  const { query: portal, gone } = useTokenQuery({
    queryKey: [...PORTAL_KEY, orgCode, locale],
    queryFn: () => readPortal(orgCode, locale, token),
    gone: tokenGone, onClose,
  });
  const channel = useQuery({ queryKey: ['public', 'reporting', orgCode, locale], queryFn: () => readChannel(orgCode, locale) });
  if (gone) return null;
  const download = async (f: FileView) => {
    const r = await downloadPortalFile(orgCode, token, f.id);
    saveBlob(r.blob, r.filename ?? f.name);
  };
  const p = portal.data;
  const reference = p?.reference;
  return (
    <>
      <PageHeader title={reference ? t`Your report ${reference}` : t`Your report`}
        actions={<Button variant="secondary" onPress={() => onClose(false)}><Trans>Leave my report</Trans></Button>}>
        <p><Trans>When you are done, leave your report, so that nobody else at this device can read it.</Trans></p>
      </PageHeader>
      <ErrorAlert error={portal.error} />
      {portal.isPending ? <Loading /> : p && (
        <>
          <StatusSection portal={p} ackDays={channel.data?.ackDays} feedbackMonths={channel.data?.feedbackMonths} />
          <section aria-labelledby="portal-messages" className={s.section}>
            <h2 id="portal-messages"><Trans>Messages</Trans></h2>
            <MessageThread messages={p.messages} viewer="reporter" onDownload={download} extra={(m) => m.redaction && (
              <><RedactionNote redaction={m.redaction} viewer="reporter" /><HashCheck sha256={m.redaction.sha256} /></>
            )} />
            <Reply orgCode={orgCode} locale={locale} token={token} onGone={() => onClose(true)} />
          </section>
          <ReprisalPanel orgCode={orgCode} locale={locale} token={token} onGone={() => onClose(true)} />
          <section aria-labelledby="portal-report" className={s.section}>
            <h2 id="portal-report"><Trans>Your report as filed</Trans></h2>
            <dl className={s.summary}>
              <dt><Trans>How</Trans></dt>
              <dd><IdentityName mode={p.identityMode} /></dd>
              {p.category !== undefined && <><dt><Trans>Category</Trans></dt><dd><CategoryName category={p.category} /></dd></>}
            </dl>
            <Answers answers={p.answers} extra={(a) => a.redaction && (
              <><RedactionNote redaction={a.redaction} viewer="reporter" /><HashCheck sha256={a.redaction.sha256} /></>
            )} />
            <h3><Trans>Files</Trans></h3>
            {p.files.length === 0 ? <p className={s.muted}><Trans>No files.</Trans></p> : <FileList files={p.files} onDownload={download} />}
          </section>
        </>
      )}
    </>
  );
}

function IdentityName({ mode }: { mode: PortalView['identityMode'] }) {
  const { i18n } = useLingui();
  return <>{i18n._(IDENTITY_LABELS[mode])}</>;
}

/** Where the report stands, and the legal deadlines in plain words. */
function StatusSection({ portal: p, ackDays, feedbackMonths }: { portal: PortalView; ackDays?: number; feedbackMonths?: number }) {
  const { t, i18n } = useLingui();
  const f = useFormat();
  // The same rule as the server's deadlines: receipt + ack days; confirmation + feedback months.
  const ackDue = ackDays !== undefined ? addDays(p.receivedOn, ackDays) : null;
  const fbDue = p.acknowledgedOn && feedbackMonths !== undefined ? addMonths(p.acknowledgedOn, feedbackMonths) : null;
  const today = todayIso();
  const received = f.date(p.receivedOn);
  const story: string[] = [t`You made your report on ${received}.`];
  if (p.acknowledgedOn) {
    const on = f.date(p.acknowledgedOn);
    story.push(t`The recipient confirmed receipt on ${on}.`);
  } else if (ackDue) {
    const due = f.date(ackDue);
    story.push(ackDays !== undefined
      ? t`The recipient must confirm receipt by ${due} at the latest (${ackDays} days after your report).`
      : t`The recipient must confirm receipt by ${due} at the latest.`);
    if (ackDue < today) story.push(t`That day has passed without a confirmation. You may also turn to an external reporting channel, such as those named on the reporting page.`);
  }
  if (p.feedbackOn) {
    const on = f.date(p.feedbackOn);
    story.push(t`You received feedback on the follow-up of your report on ${on}.`);
  } else if (fbDue && !p.closedOn) {
    const due = f.date(fbDue);
    story.push(feedbackMonths !== undefined
      ? t`You receive feedback on what is done with your report by ${due} at the latest (${feedbackMonths} months after the confirmation of receipt).`
      : t`You receive feedback on what is done with your report by ${due} at the latest.`);
  } else if (!p.acknowledgedOn && feedbackMonths !== undefined) {
    story.push(t`Within ${feedbackMonths} months of the confirmation of receipt, you receive feedback on what is done with your report.`);
  }
  if (p.closedOn) {
    const on = f.date(p.closedOn);
    story.push(t`The handling of your report was closed on ${on}.`);
  }
  return (
    <section aria-labelledby="portal-status">
      <h2 id="portal-status"><Trans>Status</Trans></h2>
      <p><StatusBadge status={p.status} /> {i18n._(STATUS_EXPLAINED[p.status])}</p>
      {p.outcome && <p><strong><Trans>Outcome:</Trans></strong> {i18n._(OUTCOME_LABELS[p.outcome])}</p>}
      <ul className={s.story}>{story.map((x, i) => <li key={i}>{x}</li>)}</ul>
    </section>
  );
}

function Reply({ orgCode, locale, token, onGone }: { orgCode: string; locale: string; token: string; onGone: () => void }) {
  const { t } = useLingui();
  const qc = useQueryClient();
  const [body, setBody] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [sent, setSent] = useState(false);
  const send = useMutation({
    mutationFn: () => sendPortalMessage(orgCode, locale, token, body, files),
    onSuccess: () => {
      setBody('');
      setFiles([]);
      setSent(true);
      void qc.invalidateQueries({ queryKey: ['public', 'reporting', 'portal'] });
    },
    onError: (e) => { if (tokenGone(e)) onGone(); },
  });
  const err = send.error instanceof ApiError ? send.error : undefined;
  return (
    <Form onSubmit={(e) => { e.preventDefault(); setSent(false); send.mutate(); }} className={s.narrow}>
      <h3><Trans>Write to the recipient</Trans></h3>
      {err && !err.field && <ErrorAlert error={err} />}
      <Field className={s.textarea} label={t`Your message`} value={body} onChange={(v) => { setBody(v); setSent(false); }} multiline isRequired maxLength={20_000}
        description={t`Answer a question, add information, or tell about reprisals.`} error={err?.fieldMessage('body')} />
      <FilePicker files={files} onChange={setFiles} />
      <Button type="submit" isDisabled={send.isPending || body.trim() === ''}><Trans>Send the message</Trans></Button>
      <p role="status">{sent && <Trans>Your message has been sent.</Trans>}</p>
    </Form>
  );
}
