import { Trans, useLingui } from '@lingui/react/macro';
import { useQuery } from '@tanstack/react-query';
import { get } from '../../app/api';
import { useOrg } from '../../app/context';
import { RadarChart, LineChart } from '../../ui/Charts';
import { buttonClass, DataTable, EmptyState, ErrorAlert, Loading, PageHeader, useFormat } from '../../ui/components';
import f from '../../ui/Figures.module.css';
import type { DashboardTileView, DashboardView } from '../../../server/platform/dashboard/contract';
import { formatTileValue, tileTable } from '../../../server/platform/dashboard/table';
import s from './dashboard.module.css';

/** The tile's data table: what a screen reader reads, and what the picture beside it shows. */
function TileTable({ tile, withBars }: { tile: DashboardTileView; withBars?: boolean }) {
  const { t, i18n } = useLingui();
  const table = tileTable(tile, t`Value`);
  const title = tile.title;
  const max = Math.max(1, ...table.rows.flatMap((r) => r.values.map((v) => v ?? 0)));
  const columns = [
    { id: 'label', name: table.header[0] ?? t`Figure`, isRowHeader: true },
    ...table.header.slice(1).map((h, i) => ({ id: `c${i}`, name: h ?? '' })),
    ...(withBars ? [{ id: 'bar', name: t`Share` }] : []),
  ];
  return (
    <DataTable
      label={t`${title}: data table`}
      columns={columns}
      rows={table.rows.map((r, i) => ({ ...r, id: String(i) }))}
      cells={(r) => [
        r.label, ...r.values.map((v) => formatTileValue(v, r.unit, i18n.locale)),
        ...(withBars ? [<span key="bar" className={f.bar} aria-hidden="true"><span style={{ width: `${(100 * (r.values[0] ?? 0)) / max}%` }} /></span>] : []),
      ]}
    />
  );
}

/** A tile drawn by its kind only: the dashboard never knows which module published it. */
function Tile({ tile }: { tile: DashboardTileView }) {
  const { t, i18n } = useLingui();
  const headingId = `tile-${tile.id.replace(/[^\w-]/g, '-')}`;
  const series = tile.kind === 'series' ? tile.series.map((x) => ({ name: x.label, values: x.values })) : [];
  const top = tile.kind === 'series' ? tile.max ?? Math.max(1, ...tile.series.flatMap((x) => x.values.map((v) => v ?? 0))) : 0;
  const title = tile.title;
  const chartLabel = t`${title}: chart; the table beside it holds the values.`;
  return (
    <section className={s.tile} aria-labelledby={headingId} data-tile={tile.id}>
      <h2 id={headingId}>{tile.title}</h2>
      {tile.note && <p className={f.muted}>{tile.note}</p>}
      {tile.kind === 'figures' && tile.figures.length > 0 && (
        <dl className={f.counts}>
          {tile.figures.map((x, i) => <div key={i}><dt>{x.label}</dt><dd>{formatTileValue(x.value, x.unit ?? tile.unit, i18n.locale)}</dd></div>)}
        </dl>
      )}
      {tile.kind === 'series' && tile.chart === 'bar' && <TileTable tile={tile} withBars={tile.series.length === 1} />}
      {tile.kind === 'series' && tile.chart !== 'bar' && (
        <div className={s.body}>
          {tile.chart === 'radar' && tile.categories.length >= 3
            ? <RadarChart label={chartLabel} axes={tile.categories} series={series} max={Math.ceil(top)} />
            : <LineChart label={chartLabel} categories={tile.categories} series={series} min={0} max={top} ticks={Array.from({ length: Math.floor(top) + 1 }, (_x, i) => i)} />}
          <TileTable tile={tile} />
        </div>
      )}
      {tile.kind === 'table' && <TileTable tile={tile} />}
    </section>
  );
}

/**
 * /dashboard — the organisation's integrity dashboard: the tiles the server's modules publish for
 * the person (plan progress, reports and complaints with their lead times, maturity per pillar and
 * function and its trend…), each chart with its data table beside it, and the whole as a PDF.
 */
export function DashboardPage() {
  const { orgId } = useOrg();
  const { t, i18n } = useLingui();
  const fmt = useFormat();
  const locale = i18n.locale;
  const q = useQuery({ queryKey: ['dashboard', orgId, locale], queryFn: () => get<DashboardView>(`/api/orgs/${orgId}/dashboard?lang=${locale}`) });
  const asOf = q.data ? fmt.date(q.data.asOf) : '';
  return (
    <>
      <PageHeader
        title={t`Integrity dashboard`}
        actions={<a className={buttonClass('secondary')} href={`/api/orgs/${orgId}/dashboard.pdf?lang=${locale}`} download><Trans>Download as PDF</Trans></a>}
      >
        <p><Trans>The figures of the organisation that you may see: the plan's progress, reports and complaints with their lead times, maturity per pillar and function. Every chart has its data table beside it.</Trans></p>
      </PageHeader>
      <ErrorAlert error={q.error} />
      {q.isPending ? <Loading /> : q.data && (
        <>
          <p className={f.muted}><Trans>Figures as they stand on {asOf}.</Trans></p>
          {q.data.tiles.length === 0
            ? <EmptyState><Trans>There are no figures for you on this dashboard.</Trans></EmptyState>
            : <div className={s.tiles}>{q.data.tiles.map((tile) => <Tile key={tile.id} tile={tile} />)}</div>}
        </>
      )}
    </>
  );
}
