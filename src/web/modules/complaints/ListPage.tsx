import { Trans, useLingui } from '@lingui/react/macro';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useOrg } from '../../app/context';
import { buttonClass, DataTable, EmptyState, ErrorAlert, layout, Loading, PageHeader, SelectField, useFormat } from '../../ui/components';
import { keys, listComplaints, readOptions, type ListFilters } from './api';
import { DeadlineClocks, StatusBadge, useThemeName } from './components';
import { CHANNEL_LABELS, STATUS_LABELS, STATUSES } from './labels';
import { COORDINATOR } from './roles';
import s from './styles';

/**
 * /complaints — the coordinator sees every complaint of the organisation, a handler only those
 * assigned to them (the server lists only those); filters by status, theme and lateness, and the
 * deadline clock of each.
 */
export function ListPage() {
  const { orgId, has } = useOrg();
  const { t, i18n } = useLingui();
  const f = useFormat();
  const navigate = useNavigate();
  const search = useSearch({ strict: false }) as ListFilters;
  const filters: ListFilters = { status: search.status, theme: search.theme, late: search.late };
  const coordinator = has(COORDINATOR);
  const q = useQuery({ queryKey: keys.list(orgId, filters), queryFn: () => listComplaints(orgId, filters) });
  const options = useQuery({ queryKey: keys.options(orgId), queryFn: () => readOptions(orgId) });
  const themeName = useThemeName(options.data?.themes);
  const setFilter = (p: Partial<ListFilters>) => {
    const next = Object.fromEntries(Object.entries({ ...filters, ...p }).filter(([, v]) => v));
    void navigate({ to: '.', search: next as never, replace: true });
  };
  const cap = (x: string) => x.charAt(0).toUpperCase() + x.slice(1);
  const items = q.data ?? [];
  const filtered = !!(filters.status || filters.theme || filters.late);
  return (
    <>
      <PageHeader title={t`Complaints`} actions={coordinator && (
        <>
          <Link className={buttonClass()} to={`/o/${orgId}/complaints/new`}><Trans>Register a complaint</Trans></Link>
          <Link className={buttonClass('secondary')} to={`/o/${orgId}/complaints/settings`}><Trans>Settings of the desk</Trans></Link>
        </>
      )}>
        <p>{coordinator
          ? <Trans>Every complaint of the organisation. Names and texts are encrypted and open with your personal key.</Trans>
          : <Trans>The complaints assigned to you. Names and texts are encrypted and open with your personal key.</Trans>}</p>
      </PageHeader>
      <div className={layout.filters}>
        <SelectField label={t`Status`} value={filters.status ?? ''} onChange={(v) => setFilter({ status: v || undefined })}
          options={[{ id: '', label: t`All statuses` }, ...STATUSES.map((st) => ({ id: st, label: cap(i18n._(STATUS_LABELS[st])) }))]} />
        <SelectField label={t`Theme`} value={filters.theme ?? ''} onChange={(v) => setFilter({ theme: v || undefined })}
          options={[{ id: '', label: t`All themes` }, ...(options.data?.themes ?? []).map((th) => ({ id: th.id, label: themeName(th.id) }))]} />
        <SelectField label={t`Deadlines`} value={filters.late ?? ''} onChange={(v) => setFilter({ late: v === 'true' ? 'true' : undefined })}
          options={[{ id: '', label: t`All complaints` }, { id: 'true', label: t`Late only` }]} />
      </div>
      <ErrorAlert error={q.error} />
      {q.isPending ? <Loading /> : items.length === 0 && !filtered ? (
        <EmptyState><p>{coordinator ? <Trans>There are no complaints yet.</Trans> : <Trans>No complaint is assigned to you.</Trans>}</p></EmptyState>
      ) : (
        <DataTable
          label={t`Complaints`}
          columns={[
            { id: 'reference', name: t`Reference`, isRowHeader: true },
            { id: 'received', name: t`Received` },
            { id: 'channel', name: t`Channel` },
            { id: 'themes', name: t`Themes` },
            { id: 'handler', name: t`Handler` },
            { id: 'status', name: t`Status` },
            { id: 'deadline', name: t`Deadline` },
          ]}
          rows={items}
          empty={<p className={s.muted}><Trans>No complaints match these filters.</Trans></p>}
          cells={(c) => [
            <Link key="r" to={`/o/${orgId}/complaints/${c.id}`}>{c.reference}</Link>,
            f.date(c.receivedOn),
            i18n._(CHANNEL_LABELS[c.channel]),
            c.themes.length ? c.themes.map(themeName).join(', ') : <span key="t" className={s.muted}>—</span>,
            c.handler?.displayName ?? <span key="h" className={s.muted}><Trans>Not assigned</Trans></span>,
            <StatusBadge key="s" status={c.status} />,
            c.closedOn ? <ClosedOn key="d" day={c.closedOn} /> : <DeadlineClocks key="d" deadlines={c.deadlines} />,
          ]}
        />
      )}
    </>
  );
}

function ClosedOn({ day }: { day: string }) {
  const f = useFormat();
  const on = f.date(day);
  return <span className={s.muted}><Trans>Closed on {on}</Trans></span>;
}
