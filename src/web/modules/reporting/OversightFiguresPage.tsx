import type { MessageDescriptor } from '@lingui/core';
import { msg } from '@lingui/core/macro';
import { Trans, useLingui } from '@lingui/react/macro';
import { useQuery } from '@tanstack/react-query';
import { get } from '../../app/api';
import { orgName, type LocalisedText } from '../../app/auth';
import { DataTable, ErrorAlert, Loading, PageHeader, useFormat } from '../../ui/components';

/** The reporting channel's figures in `GET /api/oversight/figures` (server: reporting/figures.ts), in column order. */
export const REPORTING_OVERSIGHT_FIGURES: { id: string; label: MessageDescriptor }[] = [
  { id: 'reporting.received', label: msg`Reports received this year` },
  { id: 'reporting.ack_late', label: msg`Of which acknowledged late` },
  { id: 'reporting.feedback_late', label: msg`Of which feedback late` },
  { id: 'reporting.open', label: msg`Reports open today` },
];

interface Figure { id: string; organisationId: string; value: number | null; suppressed: boolean }
interface OversightOrganisation { id: string; code: string; names: LocalisedText }

/**
 * /oversight/reporting — for the inspectorate and Comité P: per organisation with a reporting
 * channel, how many reports it received this year, how many were acknowledged or answered late,
 * and how many are open. Counts only; a count under the organisation's threshold shows as "< n".
 */
export function OversightReportingPage() {
  const { t, i18n } = useLingui();
  const f = useFormat();
  const figures = useQuery({ queryKey: ['oversight', 'figures'], queryFn: () => get<{ figures: Figure[] }>('/api/oversight/figures').then((r) => r.figures) });
  const orgs = useQuery({
    queryKey: ['oversight', 'organisations'],
    queryFn: () => get<{ items: OversightOrganisation[]; suppressBelow: Record<string, number> }>('/api/oversight/organisations'),
  });
  const ours = (figures.data ?? []).filter((x) => x.id.startsWith('reporting.'));
  const byOrg = new Map<string, Map<string, Figure>>();
  for (const x of ours) byOrg.set(x.organisationId, (byOrg.get(x.organisationId) ?? new Map()).set(x.id, x));
  const names = new Map((orgs.data?.items ?? []).map((o) => [o.id, orgName(o.names, i18n.locale) || o.code]));
  const rows = [...byOrg.keys()].map((id) => ({ id, name: names.get(id) ?? id })).sort((a, b) => a.name.localeCompare(b.name));
  const cell = (orgId: string, figureId: string) => {
    const x = byOrg.get(orgId)?.get(figureId);
    if (!x) return '–';
    if (x.suppressed) {
      const below = orgs.data?.suppressBelow[orgId];
      return below ? <span key={figureId} title={t`Hidden: fewer than ${below}`}>{`< ${below}`}</span> : t`hidden`;
    }
    return f.number(x.value ?? 0);
  };
  const title = t`Reporting channels of the organisations`;
  return (
    <>
      <PageHeader title={title}>
        <p><Trans>Figures only, for the current year. A count below the organisation's threshold is not shown, so that no reporter can be recognised.</Trans></p>
      </PageHeader>
      <ErrorAlert error={figures.error ?? orgs.error} />
      {figures.isPending || orgs.isPending ? <Loading /> : (
        <DataTable
          label={title}
          columns={[{ id: 'org', name: t`Organisation`, isRowHeader: true }, ...REPORTING_OVERSIGHT_FIGURES.map((x) => ({ id: x.id, name: i18n._(x.label) }))]}
          rows={rows}
          cells={(r) => [r.name, ...REPORTING_OVERSIGHT_FIGURES.map((x) => cell(r.id, x.id))]}
        />
      )}
    </>
  );
}
