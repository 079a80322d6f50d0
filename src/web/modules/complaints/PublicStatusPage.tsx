import { Trans, useLingui } from '@lingui/react/macro';
import { Link, useSearch } from '@tanstack/react-router';
import { CodeForm, tokenGone, usePublicRecordToken, useTokenQuery } from '../../app/public/CodeGate';
import { usePublicOrg } from '../../app/public/context';
import { Button, ErrorAlert, Loading, PageHeader, useFormat } from '../../ui/components';
import { compactCode, StatusBadge } from './components';
import { DECISION_LABELS, FORWARD_TARGET_LABELS, STATUS_EXPLAINED } from './labels';
import { leaveStatus, openWithCode, readStatus } from './public-api';
import type { StatusView } from './types';
import s from './styles';

const gone = tokenGone('complaints_session_expired');
const STATUS_KEY = ['public', 'complaints', 'status'] as const;

/**
 * /p/$orgCode/complaint/status — the citizen comes back with the status code (CodeGate: typed into
 * a form, never in the address), then reads the status in plain words, the dates and the
 * organisation's answer.
 */
export function PublicStatusPage() {
  const org = usePublicOrg();
  const { t, i18n } = useLingui();
  const { lang } = useSearch({ strict: false }) as { lang?: string };
  const session = usePublicRecordToken(STATUS_KEY);
  if (!session.token) {
    return (
      <CodeForm title={t`The status of your complaint`} ended={session.ended} onOpened={session.opened}
        intro={<Trans>Enter the status code you received when you filed your complaint.</Trans>}
        endedNotice={<Trans>You left your complaint, or it was closed after a while without activity. Enter your status code again to continue.</Trans>}
        label={t`Status code`} description={t`Spaces do not matter.`} maxLength={64}
        normalise={(typed) => compactCode(typed) || null} invalidMessage={t`Enter your status code.`}
        open={(c) => openWithCode(org.code, i18n.locale, c)} submitLabel={<Trans>Show the status</Trans>}
        footer={<>
          <Trans>Lost your code? It cannot be given again. You can file a new complaint and mention your earlier one in it.</Trans>{' '}
          <Link to="/p/$orgCode/complaint" params={{ orgCode: org.code }} search={lang ? { lang } : {}}><Trans>File a complaint</Trans></Link>
        </>} />
    );
  }
  return <Status orgCode={org.code} locale={i18n.locale} token={session.token} onClose={session.close} />;
}

function Status({ orgCode, locale, token, onClose }: { orgCode: string; locale: string; token: string; onClose: (expired: boolean) => void }) {
  const { t } = useLingui();
  const { query: q, gone: isGone } = useTokenQuery({
    queryKey: [...STATUS_KEY, orgCode, locale],
    queryFn: () => readStatus(orgCode, locale, token),
    gone, onClose,
  });
  if (isGone) return null;
  const leave = () => {
    // Ends the token on the server too; the page forgets it whatever the answer.
    void leaveStatus(orgCode, locale, token).catch(() => undefined);
    onClose(false);
  };
  const reference = q.data?.reference;
  return (
    <>
      <PageHeader title={reference ? t`Your complaint ${reference}` : t`Your complaint`}
        actions={<Button variant="secondary" onPress={leave}><Trans>Leave my complaint</Trans></Button>}>
        <p><Trans>When you are done, leave your complaint, so that nobody else at this device can read it.</Trans></p>
      </PageHeader>
      <ErrorAlert error={q.error} />
      {q.isPending ? <Loading /> : q.data && <StatusSection status={q.data} />}
    </>
  );
}

function StatusSection({ status: v }: { status: StatusView }) {
  const { t, i18n } = useLingui();
  const f = useFormat();
  const story: string[] = [];
  const received = f.date(v.receivedOn);
  story.push(t`Your complaint was received on ${received}.`);
  if (v.acknowledgedOn) {
    const on = f.date(v.acknowledgedOn);
    story.push(t`The organisation confirmed receipt on ${on}.`);
  }
  if (v.forwardedOn) {
    const on = f.date(v.forwardedOn);
    const to = v.forwardedTo ? i18n._(FORWARD_TARGET_LABELS[v.forwardedTo]!) : t`another authority`;
    story.push(t`It was sent on to ${to} on ${on}. That authority now handles it and will contact you if needed.`);
  }
  if (v.answeredOn) {
    const on = f.date(v.answeredOn);
    story.push(t`The organisation answered on ${on}.`);
  } else if (v.expectedBy) {
    const by = f.date(v.expectedBy);
    story.push(t`The organisation aims to answer by ${by}.`);
  }
  if (v.closedOn) {
    const on = f.date(v.closedOn);
    story.push(t`The handling of your complaint was closed on ${on}.`);
  }
  return (
    <>
      <section aria-labelledby="status-now">
        <h2 id="status-now"><Trans>Status</Trans></h2>
        <p><StatusBadge status={v.status} /> {i18n._(STATUS_EXPLAINED[v.status])}</p>
        <ul className={s.story}>{story.map((x, i) => <li key={i}>{x}</li>)}</ul>
      </section>
      <section aria-labelledby="status-answer" className={s.section}>
        <h2 id="status-answer"><Trans>The organisation's answer</Trans></h2>
        {v.decision && <p><strong><Trans>Decision:</Trans></strong> {i18n._(DECISION_LABELS[v.decision])}</p>}
        {v.answer ? <div className={s.answer} data-testid="answer">{v.answer}</div>
          : <p className={s.muted}><Trans>There is no answer yet. Come back later.</Trans></p>}
      </section>
    </>
  );
}
