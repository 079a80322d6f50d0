import { useState } from 'react';
import { Trans, useLingui } from '@lingui/react/macro';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useOrg } from '../../app/context';
import { ErrorAlert, Loading, Notice, PageHeader } from '../../ui/components';
import { keys, multipart, postForm, reportingBase } from './api';
import { ReceiptPanel } from './ReceiptPanel';
import { ReportForm } from './ReportForm';
import { readChannel } from './public-api';
import type { NewReport } from './types';
import { useVault, VaultProvider } from '../../app/vault';
import s from './styles';

/**
 * /reports/new — the confidential counsellor files a report for a person who came to them, with
 * the organisation's questionnaire. The receipt code is shown once, to hand to the person: with it
 * they follow the report themselves on the public follow-up page.
 */
export function CounsellorReportPage() {
  return <VaultProvider><CounsellorReport /></VaultProvider>;
}

function CounsellorReport() {
  const { orgId, org } = useOrg();
  const { t, i18n } = useLingui();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const withVault = useVault();
  // The same questionnaire the public page shows.
  const channel = useQuery({ queryKey: ['public', 'reporting', org.code, i18n.locale], queryFn: () => readChannel(org.code, i18n.locale) });
  const [filed, setFiled] = useState<{ reference: string; receipt: string; id?: string } | null>(null);
  const submit = useMutation({
    mutationFn: (v: { report: NewReport; files: File[] }) =>
      withVault(() => postForm<{ reference: string; receipt: string; id?: string }>(`${reportingBase(orgId)}/reports`, multipart('report', v.report, v.files))),
    onSuccess: (r) => {
      setFiled(r);
      window.scrollTo(0, 0);
      void qc.invalidateQueries({ queryKey: keys.all(orgId) });
    },
  });
  if (filed) {
    const address = `${window.location.origin}/p/${org.code}/report/follow-up`;
    return (
      <ReceiptPanel reference={filed.reference} receipt={filed.receipt} onBehalf ackDays={channel.data?.ackDays} feedbackMonths={channel.data?.feedbackMonths}
        followUp={<Trans>The person goes to <strong className={s.prose}>{address}</strong> and enters the receipt code there.</Trans>}
        onDone={() => void navigate({ to: filed.id ? `/o/${orgId}/reports/${filed.id}` : `/o/${orgId}/reports` })} />
    );
  }
  return (
    <>
      <PageHeader title={t`File a report for someone`}>
        <p><Link to={`/o/${orgId}/reports`}><Trans>Back to the reports</Trans></Link></p>
      </PageHeader>
      <Notice kind="info">
        <Trans>Fill in the report with the person who came to you, in their words. They choose how they want to be known. At the end you receive a receipt code to give them: only with it can they follow up the report themselves.</Trans>
      </Notice>
      <ErrorAlert error={channel.error} />
      {channel.isPending ? <Loading /> : channel.data && (
        <ReportForm questionnaire={channel.data} onBehalf pending={submit.isPending} error={submit.error}
          onSubmit={(report, files) => submit.mutate({ report, files })} />
      )}
    </>
  );
}
