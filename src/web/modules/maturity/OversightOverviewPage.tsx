import { useState } from 'react';
import { Trans, useLingui } from '@lingui/react/macro';
import { orgName } from '../../app/auth';
import { KIND_LABELS as ORG_KIND_LABELS } from '../../app/labels';
import { EmptyState, ErrorAlert, layout, Loading, PageHeader, SelectField, useFormat } from '../../ui/components';
import { LineChart, RadarChart } from '../../ui/Charts';
import { useFrameworks } from './api';
import { inLocale } from './labels';
import { PEER_GROUP_LABELS, PEER_GROUPS, useOversightOverview, type OversightOverview, type PeerGroup, type PillarFigure } from './oversight-api';
import { qs } from '../../app/api';
import { ChartAndTable, ComparisonDownloads, QuantileCells, QuantileHeads, TooSmallNotice, TooSmallText, useLevelFormat, usePillarNames } from './OversightParts';
import u from '../../ui/ui.module.css';

const QUANTILE_KEYS = ['p25', 'median', 'p75'] as const;

/** A column of a pillar's median. */
function useMedianOf() {
  const { t } = useLingui();
  return (name: string) => t`${name}: median`;
}

function useQuantileNames() {
  const { t } = useLingui();
  return { p25: t`25th percentile`, median: t`Median`, p75: t`75th percentile` };
}

/** Who has an approved measurement this year, per kind of organisation, and who agreed to be named. */
function Participation({ o }: { o: OversightOverview }) {
  const { t, i18n } = useLingui();
  const f = useFormat();
  const pct = (v: number) => new Intl.NumberFormat(i18n.locale, { style: 'percent', maximumFractionDigits: 0 }).format(v);
  const year = String(o.year);
  const label = t`Organisations with an approved measurement in ${year}, per kind`;
  return (
    <section aria-labelledby="ov-participation">
      <h2 id="ov-participation"><Trans>Who has measured</Trans></h2>
      <div className={u.tableWrap} tabIndex={0} role="region" aria-label={label}>
        <table className={u.table}>
          <caption className="visually-hidden">{label}</caption>
          <thead><tr><th scope="col"><Trans>Kind of organisation</Trans></th><th scope="col"><Trans>Organisations</Trans></th><th scope="col"><Trans>With an approved measurement</Trans></th><th scope="col"><Trans>Share</Trans></th></tr></thead>
          <tbody>
            {o.participation.map((p) => (
              <tr key={p.kind}>
                <th scope="row">{i18n._(ORG_KIND_LABELS[p.kind])}</th>
                {p.tooSmall || p.organisations === null || p.measured === null
                  ? <td colSpan={3}><TooSmallText /></td>
                  : <><td>{f.number(p.organisations)}</td><td>{f.number(p.measured)}</td><td>{p.share === null ? '–' : pct(p.share)}</td></>}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3><Trans>Organisations that agreed to be named</Trans></h3>
      {o.namedOrganisations.length === 0 ? <p><Trans>None of the organisations with an approved measurement agreed to be named.</Trans></p> : (
        <ul>{o.namedOrganisations.map((n) => <li key={n.id}>{orgName(n.names, i18n.locale) || n.code} ({i18n._(ORG_KIND_LABELS[n.kind])})</li>)}</ul>
      )}
      <p><Trans>Names only: the levels of a named organisation are never shown, only counts and quantiles of groups of at least five organisations.</Trans></p>
    </section>
  );
}

/** Quantiles per pillar: a radar of the three quantiles and the table. */
function Pillars({ id, title, pillars }: { id: string; title: string; pillars: PillarFigure[] }) {
  const { t } = useLingui();
  const lv = useLevelFormat();
  const names = usePillarNames();
  const qn = useQuantileNames();
  const by = new Map(pillars.map((p) => [p.pillar, p]));
  const shown = pillars.some((p) => !p.tooSmall);
  return (
    <ChartAndTable id={id} title={title} tableLabel={t`${title}: average agreed level and quantiles per pillar`}
      chart={shown ? (
        <RadarChart label={t`${title}: radar chart of the quantiles of the organisations' average level (0 to 4) per pillar; the values are in the table beside it.`}
          axes={names.map((n) => n.name)} max={4}
          series={QUANTILE_KEYS.map((k) => ({ name: qn[k], values: names.map((n) => by.get(n.key)?.quantiles[k] ?? null) }))} />
      ) : <TooSmallNotice />}>
      <thead><tr><th scope="col"><Trans>Pillar</Trans></th><th scope="col"><Trans>Organisations</Trans></th><th scope="col"><Trans>Average</Trans></th><QuantileHeads /></tr></thead>
      <tbody>
        {names.map((n) => {
          const p = by.get(n.key);
          return (
            <tr key={n.key}>
              <th scope="row">{n.name}</th>
              <td>{p ? p.organisations : '–'}</td>
              {!p || p.tooSmall ? <td colSpan={4}><TooSmallText /></td> : <><td>{lv(p.average)}</td><QuantileCells q={p.quantiles} tooSmall={false} /></>}
            </tr>
          );
        })}
      </tbody>
    </ChartAndTable>
  );
}

/** Per criterion: how many organisations are at each level, and the quantiles. */
function Criteria({ o }: { o: OversightOverview }) {
  const { t, i18n } = useLingui();
  const qn = useQuantileNames();
  const title = t`Per criterion`;
  const shown = o.criteria.some((c) => !c.tooSmall);
  return (
    <ChartAndTable id="ov-criteria" title={title} tableLabel={t`Organisations per agreed level and quantiles per criterion`}
      chart={shown ? (
        <LineChart label={t`Quantiles of the agreed level (0 to 4) per criterion; the values are in the table beside it.`}
          categories={o.criteria.map((c) => c.criterion.code)} min={0} max={4} ticks={[0, 1, 2, 3, 4]}
          series={QUANTILE_KEYS.map((k) => ({ name: qn[k], values: o.criteria.map((c) => c.quantiles[k]) }))} />
      ) : <TooSmallNotice />}>
      <thead>
        <tr>
          <th scope="col"><Trans>Criterion</Trans></th><th scope="col"><Trans>Organisations</Trans></th>
          {[0, 1, 2, 3, 4].map((l) => <th key={l} scope="col">{t`Level ${l}`}</th>)}
          <QuantileHeads />
        </tr>
      </thead>
      <tbody>
        {o.criteria.map((c) => (
          <tr key={c.criterion.id}>
            <th scope="row">{c.criterion.code} {inLocale(c.criterion.title, i18n.locale)}</th>
            <td>{c.organisations}</td>
            {c.tooSmall || !c.levels ? <td colSpan={8}><TooSmallText /></td> : (
              <>{c.levels.map((n, l) => <td key={l}>{n}</td>)}<QuantileCells q={c.quantiles} tooSmall={false} /></>
            )}
          </tr>
        ))}
      </tbody>
    </ChartAndTable>
  );
}

/** The median of each pillar per peer group. */
function PeerGroups({ o }: { o: OversightOverview }) {
  const { t, i18n } = useLingui();
  const lv = useLevelFormat();
  const names = usePillarNames();
  const medianOf = useMedianOf();
  const label = t`Median of the organisations' average level per pillar, per peer group`;
  return (
    <section aria-labelledby="ov-groups">
      <h2 id="ov-groups"><Trans>Peer groups</Trans></h2>
      <div className={u.tableWrap} tabIndex={0} role="region" aria-label={label}>
        <table className={u.table}>
          <caption className="visually-hidden">{label}</caption>
          <thead>
            <tr>
              <th scope="col"><Trans>Peer group</Trans></th><th scope="col"><Trans>Organisations</Trans></th><th scope="col"><Trans>With an approved measurement</Trans></th>
              {names.map((n) => <th key={n.key} scope="col">{medianOf(n.name)}</th>)}
            </tr>
          </thead>
          <tbody>
            {o.peerGroups.map((g) => (
              <tr key={g.group}>
                <th scope="row">{i18n._(PEER_GROUP_LABELS[g.group])}</th>
                <td>{g.organisations}</td><td>{g.measured}</td>
                {g.tooSmall ? <td colSpan={names.length}><TooSmallText /></td>
                  : names.map((n) => <td key={n.key}>{lv(g.pillars.find((p) => p.pillar === n.key)?.quantiles.median)}</td>)}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** The median per pillar per year, over every year with approved measurements on this version. */
function Trend({ o }: { o: OversightOverview }) {
  const { t } = useLingui();
  const lv = useLevelFormat();
  const names = usePillarNames();
  const medianOf = useMedianOf();
  const title = t`Trend of the medians per pillar`;
  const of = (y: OversightOverview['trend'][number], k: string) => y.pillars.find((p) => p.pillar === k);
  return (
    <ChartAndTable id="ov-trend" title={title} tableLabel={t`Median of the organisations' average level per pillar, per year`}
      chart={o.trend.some((y) => y.pillars.some((p) => !p.tooSmall)) ? (
        <LineChart label={t`Line chart of the median of the organisations' average level (0 to 4) per pillar, per year; the values are in the table beside it.`}
          categories={o.trend.map((y) => String(y.year))} min={0} max={4} ticks={[0, 1, 2, 3, 4]}
          series={names.map((n) => ({ name: n.name, values: o.trend.map((y) => of(y, n.key)?.quantiles.median ?? null) }))} />
      ) : <TooSmallNotice />}>
      <thead><tr><th scope="col"><Trans>Year</Trans></th>{names.map((n) => <th key={n.key} scope="col">{medianOf(n.name)}</th>)}</tr></thead>
      <tbody>
        {o.trend.map((y) => (
          <tr key={y.year}>
            <th scope="row">{y.year}</th>
            {names.map((n) => {
              const p = of(y, n.key);
              return <td key={n.key}>{!p || p.tooSmall ? <TooSmallText /> : lv(p.quantiles.median)}</td>;
            })}
          </tr>
        ))}
      </tbody>
    </ChartAndTable>
  );
}

/**
 * /oversight/maturity — for the inspectorate and Comité P: the maturity of the organisations in one
 * year on one framework version, as counts and quantiles only. A group of fewer than five
 * organisations gets no figure (the server withholds it; the page says so, never shows a zero).
 */
export function OversightOverviewPage() {
  const { t, i18n } = useLingui();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(String(thisYear));
  const [frameworkId, setFrameworkId] = useState('');
  const [group, setGroup] = useState<PeerGroup | ''>('');
  const frameworks = useFrameworks();
  const q = useOversightOverview({ year: Number(year), frameworkId: frameworkId || undefined, group: group || undefined });
  const o = q.data;
  const years = [...new Set([thisYear, Number(year), ...(o?.trend ?? []).map((y) => y.year)])].sort((a, b) => b - a);
  const published = (frameworks.data ?? []).filter((x) => x.status === 'published');
  const groupName = group ? i18n._(PEER_GROUP_LABELS[group]) : '';
  const shownYear = o ? String(o.year) : '';
  const fwTitle = o ? inLocale(o.framework.title, i18n.locale) : '';
  const fwVersion = o?.framework.version;
  return (
    <>
      <PageHeader title={t`Maturity of the organisations`}>
        <p><Trans>The agreed levels of the organisations' latest approved measurement in a year, as counts and quantiles. Another organisation's levels are never shown; a group of fewer than five organisations gets no figure.</Trans></p>
      </PageHeader>
      <div className={layout.filters}>
        <SelectField label={t`Year`} value={year} onChange={(v) => setYear(v || String(thisYear))} options={years.map((y) => ({ id: String(y), label: String(y) }))} />
        <SelectField label={t`Framework version`} value={frameworkId || o?.framework.id || ''} onChange={setFrameworkId}
          options={published.map((x) => ({ id: x.id, label: t`${inLocale(x.title, i18n.locale)}, version ${x.version}` }))} />
        <SelectField label={t`Peer group`} value={group} onChange={(v) => setGroup(v as PeerGroup | '')}
          options={[{ id: '', label: t`All organisations` }, ...PEER_GROUPS.map((g) => ({ id: g, label: i18n._(PEER_GROUP_LABELS[g]) }))]}
          description={t`Limits the criteria, pillars and trend to the group.`} />
      </div>
      <ErrorAlert error={q.error ?? frameworks.error} />
      {q.isPending ? <Loading /> : !o ? <EmptyState><Trans>No figures.</Trans></EmptyState> : (
        <>
          <p aria-live="polite">
            {groupName ? <Trans>{shownYear}, {fwTitle} version {fwVersion}, {groupName}.</Trans>
              : <Trans>{shownYear}, {fwTitle} version {fwVersion}, all organisations.</Trans>}
          </p>
          <ComparisonDownloads name={t`the overview`}
            url={(format) => `/api/maturity/oversight/overview.${format}${qs({ year: o.year, frameworkId: o.framework.id, group: o.group ?? undefined, lang: i18n.locale })}`} />
          <Participation o={o} />
          <Pillars id="ov-pillars" title={t`Per pillar`} pillars={o.pillars} />
          <Criteria o={o} />
          <PeerGroups o={o} />
          <Trend o={o} />
        </>
      )}
    </>
  );
}
