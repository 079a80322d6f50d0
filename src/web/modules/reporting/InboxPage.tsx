import { Trans, useLingui } from '@lingui/react/macro';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useOrg } from '../../app/context';
import { buttonClass, DataTable, EmptyState, ErrorAlert, layout, Loading, Notice, PageHeader, SelectField, useFormat } from '../../ui/components';
import { keys, listReports } from './api';
import { CategoryName, DeadlineClocks, StatusBadge, UnreadBadge } from './components';
import { IDENTITY_RECIPIENT_LABELS, STATUS_LABELS, STATUSES } from './labels';
import { useVault, VaultProvider } from '../../app/vault';
import s from './styles';

/**
 * /reports — the reports the person holds a key to (the server lists only those), with the
 * deadline clock of each and the messages of the reporter not read yet.
 */
export function InboxPage() {
  return <VaultProvider><Inbox /></VaultProvider>;
}

function Inbox() {
  const { orgId, has } = useOrg();
  const { t, i18n } = useLingui();
  const f = useFormat();
  const withVault = useVault();
  const navigate = useNavigate();
  const search = useSearch({ strict: false }) as { status?: string };
  const status = search.status ?? '';
  // "Not closed" is every status but closed: asked as all reports, filtered here.
  const q = useQuery({ queryKey: keys.list(orgId, status === 'open' ? '' : status), queryFn: () => withVault(() => listReports(orgId, status === 'open' ? '' : status)) });
  const items = (q.data?.items ?? []).filter((r) => status !== 'open' || r.status !== 'closed');
  const waiting = q.data?.waitingForAccess ?? 0;
  const cap = (x: string) => x.charAt(0).toUpperCase() + x.slice(1);
  return (
    <>
      <PageHeader title={t`Reports of integrity violations`} actions={
        <>
          {has('confidential_counsellor') && <Link className={buttonClass()} to={`/o/${orgId}/reports/new`}><Trans>File a report for someone</Trans></Link>}
          {has('integrity_officer') && <Link className={buttonClass('secondary')} to={`/o/${orgId}/reporting/settings`}><Trans>Settings of the channel</Trans></Link>}
        </>
      }>
        <p><Trans>The reports you are a recipient of. Their content is encrypted and opens with your personal key.</Trans></p>
      </PageHeader>
      <div className={layout.filters}>
        <SelectField label={t`Status`} value={status}
          onChange={(v) => void navigate({ to: '.', search: (v ? { status: v } : {}) as never, replace: true })}
          options={[{ id: '', label: t`All reports` }, { id: 'open', label: t`Not closed` }, ...STATUSES.map((st) => ({ id: st, label: cap(i18n._(STATUS_LABELS[st])) }))]} />
      </div>
      <ErrorAlert error={q.error} />
      {waiting > 0 && (
        // Reports filed before the person had a personal key: sealed to the escrow key only until the officer grants them.
        <Notice>
          {waiting === 1
            ? <Trans>1 report sent to you cannot be opened yet: it was filed before you had a personal key. The integrity officer gives you access with the escrow key, in the settings of the channel.</Trans>
            : <Trans>{waiting} reports sent to you cannot be opened yet: they were filed before you had a personal key. The integrity officer gives you access with the escrow key, in the settings of the channel.</Trans>}
        </Notice>
      )}
      {q.isPending ? <Loading /> : items.length === 0 && !status ? (
        <EmptyState><p><Trans>There are no reports for you.</Trans></p></EmptyState>
      ) : (
        <DataTable
          label={t`Reports`}
          columns={[
            { id: 'reference', name: t`Reference`, isRowHeader: true },
            { id: 'received', name: t`Received` },
            { id: 'category', name: t`Category` },
            { id: 'identity', name: t`Reporter` },
            { id: 'status', name: t`Status` },
            { id: 'deadline', name: t`Deadline` },
            { id: 'messages', name: t`Messages` },
          ]}
          rows={items}
          empty={<p className={s.muted}><Trans>No reports with this status.</Trans></p>}
          cells={(r) => [
            <Link key="r" to={`/o/${orgId}/reports/${r.id}`}>{r.reference}</Link>,
            f.date(r.receivedOn),
            <CategoryName key="c" category={r.category} />,
            i18n._(IDENTITY_RECIPIENT_LABELS[r.identityMode]),
            <StatusBadge key="s" status={r.status} />,
            r.status === 'closed' ? <ClosedOn key="d" day={r.closedOn} /> : <DeadlineClocks key="d" deadlines={r.deadlines} />,
            <UnreadBadge key="u" count={r.unreadMessages} />,
          ]}
        />
      )}
    </>
  );
}

function ClosedOn({ day }: { day: string | null }) {
  const f = useFormat();
  const on = f.date(day);
  return <span className={s.muted}><Trans>Closed on {on}</Trans></span>;
}
