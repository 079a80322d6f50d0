import { Trans, useLingui } from '@lingui/react/macro';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { get } from '../../app/api';
import { useOrg } from '../../app/context';
import { Badge, Card, DataTable, ErrorAlert, layout, Loading, Notice, PageHeader, useFormat } from '../../ui/components';
import type { JobsState, OutboxMail } from './types';
import s from './admin.module.css';

function useStatusLabel() {
  const { t } = useLingui();
  return (st: string) => ({ queued: t`waiting`, sent: t`sent`, failed: t`failed`, outbox: t`kept in the outbox` } as Record<string, string>)[st] ?? st;
}

export function OutboxPage() {
  const { orgId } = useOrg();
  const { t } = useLingui();
  const f = useFormat();
  const label = useStatusLabel();
  const q = useQuery({ queryKey: ['org', orgId, 'outbox'], queryFn: () => get<{ items: OutboxMail[]; total: number }>(`/api/orgs/${orgId}/outbox`).then((r) => r.items) });
  return (
    <>
      <PageHeader title={t`Outbox`}>
        <p><Trans>E-mails that Kompas sent or keeps for this organisation. Without a mail server they stay here, readable by the administrator.</Trans></p>
      </PageHeader>
      <ErrorAlert error={q.error} />
      {q.isPending ? <Loading /> : (
        <DataTable
          label={t`Outbox`}
          columns={[
            { id: 'subject', name: t`Subject`, isRowHeader: true },
            { id: 'to', name: t`To` },
            { id: 'created', name: t`Created` },
            { id: 'status', name: t`Status` },
          ]}
          rows={q.data ?? []}
          cells={(m) => [<Link key="l" to={`/o/${orgId}/outbox/${m.id}`}>{m.subject}</Link>, m.to, f.dateTime(m.createdAt), <Badge key="b">{label(m.status)}</Badge>]}
          empty={<Trans>No e-mails yet.</Trans>}
        />
      )}
    </>
  );
}

export function MailPage() {
  const { orgId } = useOrg();
  const { mailId } = useParams({ strict: false }) as { mailId: string };
  const { t } = useLingui();
  const f = useFormat();
  const label = useStatusLabel();
  const q = useQuery({ queryKey: ['org', orgId, 'outbox', mailId], queryFn: () => get<OutboxMail>(`/api/orgs/${orgId}/outbox/${mailId}`) });
  const m = q.data;
  return (
    <>
      <PageHeader title={m?.subject ?? t`E-mail`} />
      <p><Link to={`/o/${orgId}/outbox`}><Trans>Back to the outbox</Trans></Link></p>
      <ErrorAlert error={q.error} />
      {q.isPending && <Loading />}
      {m && (
        <Card>
          <dl className={layout.dl}>
            <dt><Trans>To</Trans></dt><dd>{m.to}</dd>
            <dt><Trans>Created</Trans></dt><dd>{f.dateTime(m.createdAt)}</dd>
            <dt><Trans>Sent</Trans></dt><dd>{f.dateTime(m.sentAt)}</dd>
            <dt><Trans>Status</Trans></dt><dd>{label(m.status)}</dd>
            <dt><Trans>Language</Trans></dt><dd>{m.locale}</dd>
            {m.error && <><dt><Trans>Last error</Trans></dt><dd>{m.error}</dd></>}
          </dl>
          <h2><Trans>Message</Trans></h2>
          {/* Plain text only: never rendered as HTML. */}
          <div className={s.mailBody}>{m.body}</div>
        </Card>
      )}
    </>
  );
}

export function JobsPage() {
  const { t } = useLingui();
  const f = useFormat();
  const q = useQuery({ queryKey: ['admin', 'jobs'], queryFn: () => get<JobsState>('/api/admin/jobs'), refetchInterval: 10_000 });
  const states = ['created', 'retry', 'active', 'completed', 'failed', 'cancelled'] as const;
  const stateNames: Record<(typeof states)[number], string> = {
    created: t`waiting`, retry: t`to retry`, active: t`running`, completed: t`completed`, failed: t`failed`, cancelled: t`cancelled`,
  };
  return (
    <>
      <PageHeader title={t`Background jobs`}>
        <p><Trans>Queues of work that Kompas does in the background (e-mails, reminders, imports), with the number of jobs in each state. Refreshed every 10 seconds.</Trans></p>
      </PageHeader>
      <ErrorAlert error={q.error} />
      {q.data && !q.data.running && <Notice kind="warning"><Trans>The job runner is not running in this process.</Trans></Notice>}
      {q.isPending ? <Loading /> : (
        <>
          <DataTable
            label={t`Background jobs`}
            columns={[{ id: 'name', name: t`Queue`, isRowHeader: true }, ...states.map((st) => ({ id: st, name: stateNames[st] })), { id: 'last', name: t`Last completed` }, { id: 'cron', name: t`Schedule` }]}
            rows={(q.data?.queues ?? []).map((x) => ({ ...x, id: x.name }))}
            cells={(x) => [x.name, ...states.map((st) => f.number(x.counts[st])), f.dateTime(x.lastCompletedAt), x.cron ? <code key="c">{x.cron}</code> : '—']}
            empty={<Trans>No queues.</Trans>}
          />
          {(q.data?.failed.length ?? 0) > 0 && (
            <>
              <h2><Trans>Recently failed jobs</Trans></h2>
              <DataTable
                label={t`Recently failed jobs`}
                columns={[{ id: 'queue', name: t`Queue`, isRowHeader: true }, { id: 'failed', name: t`Failed at` }, { id: 'retries', name: t`Attempts` }, { id: 'error', name: t`Error` }]}
                rows={q.data!.failed}
                cells={(j) => [j.queue, f.dateTime(j.failedAt), f.number(j.retryCount), j.error ?? '—']}
              />
            </>
          )}
        </>
      )}
    </>
  );
}
