import { Trans, useLingui } from '@lingui/react/macro';
import { Link } from '@tanstack/react-router';
import { useOrg } from '../../app/context';
import { EmptyState, ErrorAlert, Loading, PageHeader, useFormat } from '../../ui/components';
import { LineChart, RadarChart } from '../../ui/Charts';
import { ConsentForm } from './ConsentForm';
import { inLocale, KIND_LABELS } from './labels';
import { qs } from '../../app/api';
import { maturityBase } from './api';
import { PEER_GROUP_LABELS, usePeerComparison, type PeerComparison } from './oversight-api';
import { ChartAndTable, ComparisonDownloads, QuantileCells, QuantileHeads, TooSmallNotice, useLevelFormat, usePillarNames } from './OversightParts';

/** The organisation's pillar averages against the group's quantiles. */
function Pillars({ c }: { c: PeerComparison }) {
  const { t } = useLingui();
  const lv = useLevelFormat();
  const names = usePillarNames();
  const by = new Map(c.pillars.map((p) => [p.pillar, p]));
  const title = t`Per pillar`;
  return (
    <ChartAndTable id="peer-pillars" title={title} tableLabel={t`Our average agreed level and the peer group's quantiles per pillar`}
      chart={(
        <RadarChart label={c.tooSmall ? t`Radar chart of our average agreed level (0 to 4) per pillar; the values are in the table beside it.`
          : t`Radar chart of our average agreed level (0 to 4) per pillar and the peer group's median; the values are in the table beside it.`}
          axes={names.map((n) => n.name)} max={4}
          series={[
            { name: t`Our organisation`, values: names.map((n) => by.get(n.key)?.own ?? null) },
            ...(c.tooSmall ? [] : [{ name: t`Peer group: median`, values: names.map((n) => by.get(n.key)?.group.median ?? null) }]),
          ]} />
      )}>
      <thead><tr><th scope="col"><Trans>Pillar</Trans></th><th scope="col"><Trans>Our organisation</Trans></th><QuantileHeads /></tr></thead>
      <tbody>
        {names.map((n) => {
          const p = by.get(n.key);
          return (
            <tr key={n.key}>
              <th scope="row">{n.name}</th>
              <td>{lv(p?.own)}</td>
              <QuantileCells q={p?.group ?? { p25: null, median: null, p75: null }} tooSmall={c.tooSmall || !p} />
            </tr>
          );
        })}
      </tbody>
    </ChartAndTable>
  );
}

/** The organisation's agreed level per criterion against the group's quantiles. */
function Criteria({ c }: { c: PeerComparison }) {
  const { t, i18n } = useLingui();
  const lv = useLevelFormat();
  return (
    <ChartAndTable id="peer-criteria" title={t`Per criterion`} tableLabel={t`Our agreed level and the peer group's quantiles per criterion`}
      chart={(
        <LineChart label={c.tooSmall ? t`Line chart of our agreed level (0 to 4) per criterion; the values are in the table beside it.`
          : t`Line chart of our agreed level (0 to 4) per criterion with the peer group's quartiles; the values are in the table beside it.`}
          categories={c.criteria.map((x) => x.criterion.code)} min={0} max={4} ticks={[0, 1, 2, 3, 4]}
          series={[
            { name: t`Our organisation`, values: c.criteria.map((x) => x.own) },
            ...(c.tooSmall ? [] : [
              { name: t`25th percentile`, values: c.criteria.map((x) => x.group.p25) },
              { name: t`Median`, values: c.criteria.map((x) => x.group.median) },
              { name: t`75th percentile`, values: c.criteria.map((x) => x.group.p75) },
            ]),
          ]} />
      )}>
      <thead><tr><th scope="col"><Trans>Criterion</Trans></th><th scope="col"><Trans>Our organisation</Trans></th><QuantileHeads /></tr></thead>
      <tbody>
        {c.criteria.map((x) => (
          <tr key={x.criterion.id}>
            <th scope="row">{x.criterion.code} {inLocale(x.criterion.title, i18n.locale)}</th>
            <td>{lv(x.own)}</td>
            <QuantileCells q={x.group} tooSmall={c.tooSmall} />
          </tr>
        ))}
      </tbody>
    </ChartAndTable>
  );
}

/**
 * /maturity/peers — the integrity officer and the chief: the agreed levels of the organisation's latest
 * approved measurement against the quantiles of its peer group (zones by staff band, federal
 * directorates, federal units). A group of fewer than five organisations with a measurement gets no figure.
 */
export function PeerComparisonPage() {
  const { orgId, has } = useOrg();
  const { t, i18n } = useLingui();
  const f = useFormat();
  const q = usePeerComparison(orgId);
  const c = q.data;
  const groupName = c?.group ? i18n._(PEER_GROUP_LABELS[c.group]) : '';
  const staff = c ? f.number(c.staff) : '';
  const members = c ? f.number(c.groupOrganisations) : '';
  const m = c?.measurement;
  const kind = m ? i18n._(KIND_LABELS[m.kind as keyof typeof KIND_LABELS]) : '';
  const year = m ? String(m.year) : '';
  const fwTitle = m ? inLocale(m.framework.title, i18n.locale) : '';
  const fwVersion = m?.framework.version;
  return (
    <>
      <PageHeader title={t`Maturity compared with the peer group`}>
        <p><Link to={`/o/${orgId}/maturity`}><Trans>All measurements</Trans></Link></p>
        <p><Trans>Your latest approved measurement against the organisations of the same kind and size. The other organisations appear only as quantiles, and only when at least five of them have an approved measurement.</Trans></p>
      </PageHeader>
      <ErrorAlert error={q.error} />
      {q.isPending ? <Loading /> : !c ? null : (
        <>
          {c.group ? (
            <p><Trans>Peer group: <strong>{groupName}</strong> (current staff: {staff}). Organisations of the group with an approved measurement: {members}.</Trans></p>
          ) : <p><Trans>Your organisation belongs to no peer group.</Trans></p>}
          {!m ? <EmptyState><Trans>Your organisation has no approved measurement yet.</Trans></EmptyState> : (
            <>
              <p><Trans>Compared measurement: {kind} {year}, {fwTitle} version {fwVersion}.</Trans></p>
              <ComparisonDownloads url={(format) => `${maturityBase(orgId)}/peer-comparison.${format}${qs({ year: m.year, frameworkId: m.framework.id, lang: i18n.locale })}`}
                name={t`the comparison with the peer group`} />
              {c.tooSmall && <TooSmallNotice><Trans>Peer group figures:</Trans>{' '}</TooSmallNotice>}
              <Pillars c={c} />
              <Criteria c={c} />
            </>
          )}
        </>
      )}
      {has('chief') && <ConsentForm />}
    </>
  );
}
