import type { MessageDescriptor } from '@lingui/core';
import { Trans, useLingui } from '@lingui/react/macro';
import { Link } from '@tanstack/react-router';
import { useOrg } from '../../app/context';
import { EmptyState, ErrorAlert, Loading, PageHeader, useFormat } from '../../ui/components';
import { LineChart } from '../../ui/Charts';
import { useTrend, type Trend } from './api';
import { StatusBadge, useMeasurementTitle } from './components';
import { FUNCTION_LABELS, FUNCTIONS, KIND_SHORT, PILLAR_LABELS, PILLARS } from './labels';
import u from '../../ui/ui.module.css';
import s from './maturity.module.css';

/** A line chart of averages over the measurements, and the same values as a table beside it. */
function TrendBlock<K extends string>({ id, title, items, series, valueOf }: {
  id: string; title: string; items: Trend; series: { key: K; label: MessageDescriptor }[]; valueOf: (p: Trend[number], k: K) => number | null;
}) {
  const { t, i18n } = useLingui();
  const f = useFormat();
  const { orgId } = useOrg();
  const name = useMeasurementTitle();
  const avg = (v: number | null) => (v === null ? '–' : f.number(Math.round(v * 10) / 10));
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <div className={s.chartAndTable}>
        <LineChart label={t`${title}: line chart of the average agreed level (0 to 4) per measurement; the values are in the table beside it.`}
          categories={items.map((p) => `${p.year}\n${i18n._(KIND_SHORT[p.kind])}`)}
          min={0} max={4} ticks={[0, 1, 2, 3, 4]}
          series={series.map((x) => ({ name: i18n._(x.label), values: items.map((p) => valueOf(p, x.key)) }))} />
        <div className={u.tableWrap} tabIndex={0} role="region" aria-label={t`${title}: average agreed level per measurement`}>
          <table className={u.table}>
            <caption className="visually-hidden">{t`${title}: average agreed level per measurement`}</caption>
            <thead>
              <tr><th scope="col"><Trans>Measurement</Trans></th>{series.map((x) => <th key={x.key} scope="col">{i18n._(x.label)}</th>)}</tr>
            </thead>
            <tbody>
              {items.map((p) => (
                <tr key={p.measurementId}>
                  <th scope="row"><Link to={`/o/${orgId}/maturity/${p.measurementId}/matrix`}>{name(p)}</Link></th>
                  {series.map((x) => <td key={x.key}>{avg(valueOf(p, x.key))}</td>)}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </section>
  );
}

/**
 * /maturity/trend — from the baseline through the yearly measurements to the final one: the average
 * agreed level per pillar and per IMF function (measurements past the scoring, oldest first).
 */
export function TrendPage() {
  const { orgId } = useOrg();
  const { t } = useLingui();
  const f = useFormat();
  const name = useMeasurementTitle();
  const q = useTrend(orgId);
  const items = q.data ?? [];
  return (
    <>
      <PageHeader title={t`Maturity trend`}>
        <p><Link to={`/o/${orgId}/maturity`}><Trans>All measurements</Trans></Link></p>
        <p><Trans>The average agreed level per pillar and function, from the baseline measurement through the yearly measurements to the final one. Measurements not yet approved are included and marked as such in the table below.</Trans></p>
      </PageHeader>
      <ErrorAlert error={q.error} />
      {q.isPending ? <Loading /> : items.length === 0 ? (
        <EmptyState><Trans>No measurement has reached the consolidation yet.</Trans></EmptyState>
      ) : (
        <>
          <TrendBlock id="trend-pillars" title={t`Per pillar`} items={items} series={PILLARS.map((k) => ({ key: k, label: PILLAR_LABELS[k] }))} valueOf={(p, k) => p.pillars[k]} />
          <TrendBlock id="trend-functions" title={t`Per function of the instruments`} items={items} series={FUNCTIONS.map((k) => ({ key: k, label: FUNCTION_LABELS[k] }))} valueOf={(p, k) => p.functions[k]} />
          <section aria-labelledby="trend-list">
            <h2 id="trend-list"><Trans>The measurements</Trans></h2>
            <div className={u.tableWrap} tabIndex={0} role="region" aria-label={t`The measurements in the trend`}>
              <table className={u.table}>
                <caption className="visually-hidden"><Trans>The measurements in the trend</Trans></caption>
                <thead><tr><th scope="col"><Trans>Measurement</Trans></th><th scope="col"><Trans>Framework version</Trans></th><th scope="col"><Trans>Status</Trans></th><th scope="col"><Trans>Approved</Trans></th></tr></thead>
                <tbody>
                  {items.map((p) => (
                    <tr key={p.measurementId}>
                      <th scope="row">{name(p)}</th>
                      <td>{f.number(p.frameworkVersion)}</td>
                      <td><StatusBadge status={p.status} /></td>
                      <td>{p.approvedAt ? f.date(p.approvedAt) : '–'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        </>
      )}
    </>
  );
}
