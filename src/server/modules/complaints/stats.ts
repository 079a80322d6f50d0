/**
 * The complaints desk's statistics (issue 19), for the coordinator and the chief: complaints of a
 * year by channel, outcome, theme, unit and month, lead times against the targets, complaints per
 * 1,000 staff, and the staff members named in repeated complaints within a window (a signal to look
 * at, beside their peer group's rate). Counted from clear facts only (stats-repo).
 */
import type { AuditContext } from '../../platform/audit/service.js';
import { recordAudit } from '../../platform/audit/service.js';
import type { Actor } from '../../platform/authz/actor.js';
import type { Db, Queryable } from '../../platform/db/pool.js';
import { EditConflict } from '../../platform/db/revision.js';
import { withOrgTx } from '../../platform/db/tx.js';
import { todayInBelgium } from '../../platform/deadlines/index.js';
import type { Role } from '../../../shared/roles.js';
import { CHANNELS } from './contract.js';
import * as repo from './stats-repo.js';
import {
  OUTCOME_KEYS, PEER_MINIMUM, type LeadTimesView, type RecommendationsView, type RepeatedStaffView, type StatsView,
} from './stats-contract.js';

/** Who reads the statistics, the repeated-complaints signal and the yearly report. */
export const STATS_ROLES: readonly Role[] = ['complaints_coordinator', 'chief'];
/** Who sets the signal's window and writes the recommendations. */
export const STATS_WRITER_ROLES: readonly Role[] = ['complaints_coordinator'];

export interface StatsCtx { actor: Actor; audit: AuditContext }

const round1 = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);
const round2 = (n: number | null) => (n === null ? null : Math.round(n * 100) / 100);

function leadView(l: repo.LeadTimes, target: number): LeadTimesView {
  const judged = l.onTime + l.missed;
  return { target, ...l, median: round1(l.median), p90: round1(l.p90), withinTargetPercent: judged === 0 ? null : round1((100 * l.onTime) / judged) };
}

function tally<K extends string>(keys: readonly K[], rows: { key: string | null; n: number }[]): Record<K, number> {
  const out = Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  for (const r of rows) if (r.key !== null && r.key in out) out[r.key as K] += r.n;
  return out;
}

/** The last day the year's figures cover: 31 December, or today during the year. */
export const periodEndOf = (year: number, today: string) => (`${year}-12-31` < today ? `${year}-12-31` : today);

/** The peer comparison: colleagues' complaints per person, and the person's complaints against it. */
export function peerComparison(inYear: number, peers: number, peerComplaints: number): { peerMean: number | null; ratio: number | null } {
  if (peers < PEER_MINIMUM) return { peerMean: null, ratio: null };
  const mean = peerComplaints / peers;
  return { peerMean: round2(mean), ratio: mean === 0 ? null : round1(inYear / mean) };
}

/** The figures of a year, as they stand on `today`; `withStaff`: with the named repeated-complaints signal. */
export async function yearStats(q: Queryable, orgId: string, year: number, today: string, withStaff = true): Promise<StatsView> {
  const periodEnd = periodEndOf(year, today);
  const targets = await repo.targets(q, orgId);
  const f = await repo.yearFacts(q, orgId, year, today, periodEnd, targets);
  const of = (d: repo.Dimension) => f.counts.filter((c) => c.dimension === d);
  const names = await repo.labels(q, orgId);
  const unitName = new Map(names.units.map((u) => [u.id, u.name]));
  const themeLabel = new Map(names.themes.map((t) => [t.id, t.label]));
  const months = Array.from({ length: 12 }, () => 0);
  for (const m of of('month')) months[Number(m.key) - 1] += m.n;
  // Themes in the desk's order, then any no longer listed, then "none"; units by name, "none" last.
  const themeOrder = new Map(names.themes.map((t, i) => [t.id, i]));
  const byTheme = of('theme')
    .map((r) => ({ key: r.key ?? 'none', label: themeLabel.get(r.key ?? '') ?? {}, n: r.n }))
    .sort((a, b) => (a.key === 'none' ? 1 : 0) - (b.key === 'none' ? 1 : 0) || (themeOrder.get(a.key) ?? 999) - (themeOrder.get(b.key) ?? 999) || a.key.localeCompare(b.key));
  const byUnit = of('unit')
    .map((r) => ({ key: r.key ?? 'none', label: r.key ? unitName.get(r.key) ?? '' : '', n: r.n }))
    .sort((a, b) => (a.key === 'none' ? 1 : 0) - (b.key === 'none' ? 1 : 0) || a.label.localeCompare(b.label));
  const window = await repo.repeatWindow(q, orgId);
  const staff: RepeatedStaffView[] = withStaff
    ? (await repo.repeatedStaff(q, orgId, year, periodEnd, window)).map((r) => ({
        personId: r.person_id, name: `${r.first_name} ${r.last_name}`, personnelNumber: r.personnel_number,
        unit: r.unit_id ? unitName.get(r.unit_id) ?? null : null, staffCategory: r.staff_category,
        most: r.most, inYear: r.in_year, foundedInYear: r.founded_in_year, lastOn: r.last_on, peers: r.peers,
        ...peerComparison(r.in_year, r.peers, r.peer_complaints),
      }))
    : [];
  const years = [...new Set([Number(today.slice(0, 4)), ...(await repo.yearsWithComplaints(q, orgId, today))])].sort((a, b) => b - a);
  return {
    year, asOf: today, periodEnd,
    received: f.received, staff: f.staff, per1000Staff: f.staff === 0 ? null : round1((1000 * f.received) / f.staff),
    byChannel: tally(CHANNELS, of('channel')),
    byOutcome: tally(OUTCOME_KEYS, of('outcome')),
    byMonth: months, byTheme, byUnit,
    lead: {
      acknowledge: leadView(f.lead.acknowledge, targets.acknowledge),
      triage: leadView(f.lead.triage, targets.triage),
      resolve: leadView(f.lead.resolve, targets.resolve),
    },
    years,
    repeated: { window, peerMinimum: PEER_MINIMUM, staff },
  };
}

export function makeStats(deps: { db: Db; today?: () => string }) {
  const today = () => (deps.today ? deps.today() : todayInBelgium());
  return {
    today,
    /**
     * The figures of a year. They name no complainant, but the signal names staff members: the read
     * is audited with how many were named (never who), like every read of confidential data.
     */
    read: (ctx: StatsCtx, orgId: string, year: number) => withOrgTx(deps.db, orgId, async (tx) => {
      const view = await yearStats(tx, orgId, year, today());
      await recordAudit(tx, ctx.audit, {
        organisationId: orgId, action: 'complaints.stats_read', recordType: 'complaint_stats',
        details: { year, signalled: view.repeated.staff.length },
      });
      return view;
    }),
    setWindow: (ctx: StatsCtx, orgId: string, expected: number, w: repo.RepeatWindow) => withOrgTx(deps.db, orgId, async (tx) => {
      const revision = await repo.saveRepeatWindow(tx, orgId, expected, w);
      if (revision === null) throw new EditConflict(await repo.repeatWindow(tx, orgId));
      await recordAudit(tx, ctx.audit, { organisationId: orgId, action: 'complaints.stats_settings', recordType: 'complaint_stats', details: { ...w } });
      return { ...w, revision };
    }),
    recommendations: (orgId: string, year: number) => withOrgTx(deps.db, orgId, async (tx): Promise<RecommendationsView> => ({ year, ...(await repo.recommendations(tx, orgId, year)) })),
    saveRecommendations: (ctx: StatsCtx, orgId: string, year: number, expected: number, text: string) => withOrgTx(deps.db, orgId, async (tx): Promise<RecommendationsView> => {
      const revision = await repo.saveRecommendations(tx, orgId, year, expected, text, ctx.actor.userId, today());
      if (revision === null) throw new EditConflict({ year, ...(await repo.recommendations(tx, orgId, year)) });
      await recordAudit(tx, ctx.audit, { organisationId: orgId, action: 'complaints.recommendations', recordType: 'complaint_year_report', details: { year, length: text.length } });
      return { year, text, updatedOn: today(), revision };
    }),
  };
}
