import { useEffect, useState } from 'react';
import { Trans, useLingui } from '@lingui/react/macro';
import { useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { Form } from 'react-aria-components';
import { get, post, qs } from '../../app/api';
import { useOrg } from '../../app/context';
import { validateAuditSearch, type AuditSearch } from './audit-search';
import { Button, buttonClass, Card, DataTable, ErrorAlert, Field, layout, Loading, Notice, PageHeader, SelectField, useFormat } from '../../ui/components';
import { DateField } from '../../ui/DateField';

interface AuditItem {
  id: number;
  occurredAt: string;
  actor: { id: string; displayName: string | null } | null;
  action: string;
  recordType: string | null;
  recordId: string | null;
  ip: string | null;
  details: Record<string, unknown>;
}

interface Filters {
  actorUserId: string;
  action: string;
  recordType: string;
  recordId: string;
  from: string;
  to: string;
}

/** The actions that occurred, plus one asked for by a link that this organisation has none of (yet). */
const actionNames = (known: string[], asked: string) => (asked && !known.includes(asked) ? [...known, asked] : known);

const EMPTY: Filters = { actorUserId: '', action: '', recordType: '', recordId: '', from: '', to: '' };
const PAGE = 50;

export function AuditPage() {
  const { orgId } = useOrg();
  const { t } = useLingui();
  const f = useFormat();
  const navigate = useNavigate();
  // Applied filters are the page's URL search; the form edits a draft of them.
  const filters = useSearch({ strict: false }) as AuditSearch;
  const applied = JSON.stringify(filters);
  const [draft, setDraft] = useState<Filters>({ ...EMPTY, ...filters });
  useEffect(() => { setDraft({ ...EMPTY, ...(JSON.parse(applied) as AuditSearch) }); }, [applied]); // back button, a followed link
  const setFilters = (next: Filters) => void navigate({ to: `/o/${orgId}/audit`, search: validateAuditSearch({ ...next }) });
  const set = (k: keyof Filters) => (v: string) => setDraft({ ...draft, [k]: v });

  const users = useQuery({ queryKey: ['org', orgId, 'users'], queryFn: () => get<{ users: { id: string; displayName: string }[] }>(`/api/orgs/${orgId}/users`).then((r) => r.users) });
  const actions = useQuery({ queryKey: ['org', orgId, 'audit', 'actions'], queryFn: () => get<{ actions: string[] }>(`/api/orgs/${orgId}/audit/actions`).then((r) => r.actions) });
  const list = useInfiniteQuery({
    queryKey: ['org', orgId, 'audit', filters],
    initialPageParam: '' as string,
    queryFn: ({ pageParam }) => get<{ items: AuditItem[]; nextCursor: string | null }>(`/api/orgs/${orgId}/audit${qs({ ...filters, limit: PAGE, before: pageParam })}`),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const verify = useMutation({ mutationFn: () => post<{ intact: boolean; events: number; firstBreak?: { chainSeq: number; eventId: number; reason: string } }>(`/api/orgs/${orgId}/audit/verify`) });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const reasons: Record<string, string> = {
    hash_mismatch: t`the content of the row does not match its fingerprint`,
    link_mismatch: t`the row does not point to the row before it`,
    sequence_gap: t`a row is missing`,
    head_mismatch: t`the last row does not match the recorded end of the chain`,
  };

  return (
    <>
      <PageHeader title={t`Audit trail`} actions={<>
        <a className={buttonClass('secondary')} href={`/api/orgs/${orgId}/audit/export.csv${qs({ ...filters })}`} download><Trans>Export CSV</Trans></a>
        <Button onPress={() => verify.mutate()} isDisabled={verify.isPending}><Trans>Check integrity</Trans></Button>
      </>}>
        <p><Trans>Who did what, with which record, and when. Each event is chained to the previous one, so a change afterwards is detected.</Trans></p>
      </PageHeader>
      <div aria-live="polite">
        {verify.isPending && <Loading label={<Trans>Checking the chain…</Trans>} />}
        {verify.data && (verify.data.intact
          ? <Notice kind="success"><Trans>The audit trail is intact ({f.number(verify.data.events)} events checked).</Trans></Notice>
          : <div role="alert"><Notice kind="warning">
              <Trans>The audit trail is broken at event {verify.data.firstBreak?.eventId} (position {verify.data.firstBreak?.chainSeq} in the chain): {reasons[verify.data.firstBreak?.reason ?? ''] ?? verify.data.firstBreak?.reason}.</Trans>
            </Notice></div>)}
      </div>
      <ErrorAlert error={verify.error} />
      <Card title={t`Filters`}>
        <Form onSubmit={(e) => { e.preventDefault(); setFilters(draft); }}>
          <div className={layout.filters}>
            <SelectField label={t`Person`} value={draft.actorUserId} onChange={set('actorUserId')}
              options={[{ id: '', label: t`Everyone` }, ...(users.data ?? []).map((u) => ({ id: u.id, label: u.displayName }))]} />
            <SelectField label={t`Action`} value={draft.action} onChange={set('action')}
              options={[{ id: '', label: t`All actions` }, ...actionNames(actions.data ?? [], draft.action).map((a) => ({ id: a, label: a }))]} />
            <Field label={t`Record type`} value={draft.recordType} onChange={set('recordType')} maxLength={100} />
            <Field label={t`Record id`} value={draft.recordId} onChange={set('recordId')} maxLength={200} />
            <DateField label={t`From`} value={draft.from} onChange={set('from')} />
            <DateField label={t`Until`} value={draft.to} onChange={set('to')} min={draft.from || undefined} />
          </div>
          <div className={layout.actions}>
            <Button type="submit"><Trans>Apply filters</Trans></Button>
            <Button variant="secondary" onPress={() => { setDraft(EMPTY); setFilters(EMPTY); }}><Trans>Clear filters</Trans></Button>
          </div>
        </Form>
      </Card>
      <ErrorAlert error={list.error} />
      {list.isPending ? <Loading /> : (
        <>
          <p role="status">{t`${f.number(items.length)} events shown`}</p>
          <DataTable
            label={t`Audit events`}
            columns={[
              { id: 'when', name: t`When`, isRowHeader: true },
              { id: 'who', name: t`Who` },
              { id: 'action', name: t`Action` },
              { id: 'record', name: t`Record` },
              { id: 'ip', name: t`IP address` },
              { id: 'details', name: t`Details` },
            ]}
            rows={items.map((i) => ({ ...i, id: String(i.id) }))}
            cells={(i) => [
              f.dateTime(i.occurredAt),
              i.actor ? (i.actor.displayName ?? i.actor.id) : t`system`,
              <code key="a">{i.action}</code>,
              i.recordType ? <span key="r">{i.recordType} <code>{i.recordId}</code></span> : '—',
              i.ip ?? '—',
              Object.keys(i.details).length ? <code key="d">{JSON.stringify(i.details)}</code> : '—',
            ]}
            empty={<Trans>No events match these filters.</Trans>}
          />
          {list.hasNextPage && (
            <Button variant="secondary" onPress={() => void list.fetchNextPage()} isDisabled={list.isFetchingNextPage}><Trans>Show more</Trans></Button>
          )}
        </>
      )}
    </>
  );
}
