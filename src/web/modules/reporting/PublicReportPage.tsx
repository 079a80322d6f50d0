import { useEffect, useState, type ReactNode } from 'react';
import { Trans, useLingui } from '@lingui/react/macro';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { isLocale } from '../../app/i18n';
import { usePublicOrg } from '../../app/public/context';
import { ErrorAlert, Loading, Notice, PageHeader } from '../../ui/components';
import { LocalText, PrivateDeviceAdvice } from './components';
import { ReceiptPanel } from './ReceiptPanel';
import { ReportForm } from './ReportForm';
import { fileReport, readChannel } from './public-api';
import s from './styles';

/** The link to the follow-up page, keeping the language of the address. */
export function FollowUpLink({ children }: { children: ReactNode }) {
  const org = usePublicOrg();
  const { lang } = useSearch({ strict: false }) as { lang?: string };
  return <Link to="/p/$orgCode/report/follow-up" params={{ orgCode: org.code }} search={lang ? { lang } : {}}>{children}</Link>;
}

/**
 * /p/$orgCode/report — the organisation's reporting channel (law of 8 December 2022), without
 * sign-in: who receives the report and how the reporter is protected (the organisation's text),
 * the questionnaire, a review step, and then the receipt code, shown once.
 */
export function PublicReportPage() {
  const org = usePublicOrg();
  const { t, i18n } = useLingui();
  const navigate = useNavigate();
  const { lang } = useSearch({ strict: false }) as { lang?: string };
  const channel = useQuery({ queryKey: ['public', 'reporting', org.code, i18n.locale], queryFn: () => readChannel(org.code, i18n.locale) });
  const [filed, setFiled] = useState<{ reference: string; receipt: string } | null>(null);
  const submit = useMutation({
    mutationFn: (v: { report: Parameters<typeof fileReport>[2]; files: File[] }) =>
      fileReport(org.code, i18n.locale, { ...v.report, language: isLocale(i18n.locale) ? i18n.locale : undefined }, v.files),
    // The receipt lives in this component's memory only: not in the address, not in storage.
    onSuccess: (r) => setFiled(r),
  });
  useEffect(() => { if (filed) window.scrollTo(0, 0); }, [filed]);

  if (filed) {
    const address = `${window.location.origin}/p/${org.code}/report/follow-up`;
    return (
      <ReceiptPanel reference={filed.reference} receipt={filed.receipt} ackDays={channel.data?.ackDays} feedbackMonths={channel.data?.feedbackMonths}
        followUp={<Trans>Go to the follow-up page, <strong className={s.prose}>{address}</strong>, and enter your receipt code there. The code is never part of the address.</Trans>}
        onDone={() => { setFiled(null); void navigate({ to: '/p/$orgCode/report/follow-up', params: { orgCode: org.code }, search: lang ? { lang } : {} }); }} />
    );
  }

  return (
    <>
      <PageHeader title={t`Report an integrity violation`}>
        <p><Trans>Report a suspected integrity violation within the organisation: with your name, confidentially or anonymously.</Trans></p>
      </PageHeader>
      <p><FollowUpLink><Trans>You already made a report? Follow it up with your receipt code.</Trans></FollowUpLink></p>
      <PrivateDeviceAdvice />
      <ErrorAlert error={channel.error} />
      {channel.isPending ? <Loading /> : channel.data && (
        <>
          <section aria-labelledby="report-intro" className={s.narrow}>
            <h2 id="report-intro"><Trans>Who receives your report, and how you are protected</Trans></h2>
            <LocalText as="div" className={`${s.prose} ${s.intro}`} texts={channel.data.intro} />
            <p>
              <Deadlines ackDays={channel.data.ackDays} feedbackMonths={channel.data.feedbackMonths} />
            </p>
            <p className={`${s.small} ${s.muted}`}>
              <Trans>This page keeps no trace of you: no cookies, no IP address, and no time of day with your report (only the date). What you write and the files you add are encrypted: only the recipients can read them.</Trans>
            </p>
          </section>
          {!channel.data.open ? (
            <Notice kind="warning">
              <Trans>This organisation does not accept reports through this page at the moment. Use one of the other channels named above.</Trans>
            </Notice>
          ) : (
            <div className={s.section}>
              <ReportForm questionnaire={channel.data} pending={submit.isPending} error={submit.error}
                onSubmit={(report, files) => submit.mutate({ report, files })} />
            </div>
          )}
        </>
      )}
    </>
  );
}

function Deadlines({ ackDays, feedbackMonths }: { ackDays: number; feedbackMonths: number }) {
  return <Trans>The recipients confirm receipt within {ackDays} days and tell you within {feedbackMonths} months what is done with your report.</Trans>;
}
