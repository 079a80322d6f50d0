/**
 * The arithmetic of the cross-organisation view, kept pure so tests check it against hand-computed
 * figures: quantiles by linear interpolation (type 7, like PostgreSQL's percentile_cont), the
 * small-group rule and the peer group of an organisation. See oversight-contract.ts for the rules.
 */
import type { OrganisationKind } from '../../../shared/roles.js';
import { MIN_GROUP, ZONE_BANDS, type PeerGroup, type Quantiles } from './oversight-contract.js';

const round2 = (n: number) => Math.round(n * 100) / 100;

/** The p-quantile (0-1) of values sorted ascending: h = (n - 1) p, interpolated between neighbours. */
export function quantileSorted(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new Error('quantile of nothing');
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** Whether a group of n organisations may be shown at all. */
export const groupShown = (n: number) => n >= MIN_GROUP;

const NONE: Quantiles = { p25: null, median: null, p75: null };

/** p25, median and p75 of one value per organisation, rounded to two decimals; all null below MIN_GROUP. */
export function groupQuantiles(values: readonly number[]): Quantiles {
  if (!groupShown(values.length)) return { ...NONE };
  const s = [...values].sort((a, b) => a - b);
  return { p25: round2(quantileSorted(s, 0.25)), median: round2(quantileSorted(s, 0.5)), p75: round2(quantileSorted(s, 0.75)) };
}

/** The mean, two decimals; null below MIN_GROUP (or for nothing). */
export function groupMean(values: readonly number[]): number | null {
  if (!groupShown(values.length)) return null;
  return round2(values.reduce((a, b) => a + b, 0) / values.length);
}

/** Organisations per level 0-4; null below MIN_GROUP. */
export function levelCounts(levels: readonly number[]): number[] | null {
  if (!groupShown(levels.length)) return null;
  const c = [0, 0, 0, 0, 0];
  for (const l of levels) c[l]++;
  return c;
}

/** A zone's band by its current staff; federal directorates and units by kind; others in no group. */
export function peerGroupOf(kind: OrganisationKind | string, staff: number): PeerGroup | null {
  if (kind === 'federal_directorate' || kind === 'federal_unit') return kind;
  if (kind !== 'local_police_zone') return null;
  let band = ZONE_BANDS[0].group;
  for (const b of ZONE_BANDS) if (staff >= b.from) band = b.group;
  return band;
}
