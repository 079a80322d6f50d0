import { useState } from 'react';
import { Trans, useLingui } from '@lingui/react/macro';
import { DataTable, EmptyState, ErrorAlert, Loading, PageHeader, SelectField, useFormat } from '../../ui/components';
import { KIND_LABELS } from './labels';
import { highRiskUrl, useHighRisk, type HighRiskOverview, type KindFilter } from './oversight-api';
import { RiskDownloads } from './RiskDownloads';

type Row = HighRiskOverview['rows'][number];
const nameIn = (n: Row['name'], locale: string) => n[locale as keyof Row['name']] || n.en || n.nl;

/**
 * For the inspectorate and Comité P: which processes of the catalogue organisations most often rate high
 * or very high risk, as counts of organisations only. A count below the suppression threshold of the
 * organisations it counts is withheld by the server; processes an organisation entered itself are not comparable.
 */
export function OversightPage() {
  const { t, i18n } = useLingui();
  const f = useFormat();
  const [kind, setKind] = useState<KindFilter | ''>('');
  const q = useHighRisk(kind || undefined);
  const o = q.data;
  const tooFew = t`too few to show`;
  const count = (c: { value: number | null; suppressed: boolean }) => (c.suppressed || c.value === null ? tooFew : f.number(c.value));
  const organisations = o ? count(o.organisations) : '';
  return (
    <>
      <PageHeader title={t`Processes most often rated high risk`}>
        <p><Trans>Per process of the catalogue: how many organisations rated it high or very high in the latest completed risk analysis that covered it. Only processes taken from the catalogue are compared; no organisation is named, and a count below the organisations' suppression threshold is not shown.</Trans></p>
      </PageHeader>
      <SelectField label={t`Organisations`} value={kind} onChange={(v) => setKind(v as KindFilter | '')}
        options={[{ id: '', label: t`All organisations` }, { id: 'zones', label: t`Local police zones` }, { id: 'federal', label: t`Federal police` }]} />
      <ErrorAlert error={q.error} />
      {q.isPending && <Loading />}
      {o && (
        <>
          <p><Trans>Organisations with a completed analysis of catalogue processes: {organisations}</Trans></p>
          <RiskDownloads name={t`the processes most often rated high risk`} url={(format) => highRiskUrl(kind || undefined, format, i18n.locale)} />
          {o.rows.every((r) => r.high.suppressed || r.high.value === null) ? (
            // Every count withheld: one explanation instead of a table of "too few to show".
            <EmptyState><p><Trans>Too few organisations have rated these processes to show any figure: a count below the organisations' suppression threshold is withheld, so that no organisation can be recognised. The figures appear once more organisations have completed a risk analysis of catalogue processes.</Trans></p></EmptyState>
          ) : (
          <DataTable<Row & { id: string }>
            label={t`Processes most often rated high risk`}
            columns={[
              { id: 'process', name: t`Process or function`, isRowHeader: true },
              { id: 'kind', name: t`Kind` },
              { id: 'high', name: t`Organisations that rated it high or very high` },
            ]}
            rows={o.rows.map((r) => ({ ...r, id: r.code }))}
            // The catalogue code stays in the CSV, for whoever works on with the figures.
            cells={(r) => [nameIn(r.name, i18n.locale), i18n._(KIND_LABELS[r.kind]), count(r.high)]}
          />
          )}
        </>
      )}
    </>
  );
}
