/**
 * Requests and responses of the complaints desk's statistics and yearly report (issue 19), for the
 * coordinator and the chief. The web app may import these schemas.
 *
 * GET  /api/orgs/:orgId/complaints/stats/:year                       the figures of a year (+ the repeated-complaints signal)
 * PUT  /api/orgs/:orgId/complaints/stats-settings                    the signal's window (coordinator; If-Match)
 * GET  /api/orgs/:orgId/complaints/yearly-report/:year               the recommendations of the year
 * PUT  /api/orgs/:orgId/complaints/yearly-report/:year               write them (coordinator; If-Match, 409 when stale)
 * GET  /api/orgs/:orgId/complaints/yearly-report/:year/report.{docx,pdf}          the yearly report (internal)
 * GET  /api/orgs/:orgId/complaints/yearly-report/:year/public.{docx,pdf}          the anonymised public version
 * GET  /api/orgs/:orgId/complaints/yearly-report/:year/oversight.csv              the anonymised CSV for oversight
 * GET  /api/orgs/:orgId/complaints/listing.{csv,docx,pdf}?from=&to=               the listing for the authorities (listing.ts)
 */
import { z } from 'zod';
import { LOCALES } from '../../../shared/roles.js';
import { text } from '../../../shared/text.js';
import { orgParamsWith } from '../../platform/http/params.js';
import { CHANNELS, DECISIONS } from './contract.js';

/** The rows of the outcome table: the decisions, then the complaints that left the desk, then those still open. */
export const OUTCOME_KEYS = [...DECISIONS, 'inadmissible', 'forwarded', 'open'] as const;
export const STAT_STEPS = ['acknowledge', 'triage', 'resolve'] as const;
/** A peer group smaller than this gives no comparison (too few colleagues to say what is usual). */
export const PEER_MINIMUM = 5;
export const REPEAT_LIMITS = { count: { min: 2, max: 20 }, months: { min: 1, max: 60 } } as const;
export const RECOMMENDATIONS_MAX = 20_000;

const count = z.number().int();
const texts = z.partialRecord(z.enum(LOCALES), z.string());

export const leadTimesView = z.object({
  /** The target in days (organisation settings; triage: the desk's settings). */
  target: count,
  done: count,
  /** Days from receipt; median and 90th percentile interpolated between complaints. */
  median: z.number().nullable(),
  p90: z.number().nullable(),
  onTime: count,
  missed: count,
  pending: count,
  /** Of the steps done or overdue, the share done within the target (one decimal). */
  withinTargetPercent: z.number().nullable(),
});
export type LeadTimesView = z.infer<typeof leadTimesView>;

export const repeatedStaffView = z.object({
  personId: z.uuid(),
  name: z.string(),
  personnelNumber: z.string(),
  unit: z.string().nullable(),
  staffCategory: z.string(),
  /** The most complaints naming them within one window ending in the year. */
  most: count,
  inYear: count,
  /** Of those of the year: found well-founded or partly founded. */
  foundedInYear: count,
  lastOn: z.string(),
  /** Colleagues of the same unit and staff category (the peer group, without them). */
  peers: count,
  /** Complaints per colleague in the year; null when the peer group is smaller than PEER_MINIMUM. */
  peerMean: z.number().nullable(),
  /** Their complaints of the year divided by the peer mean; null without a comparison (or when peers had none). */
  ratio: z.number().nullable(),
});
export type RepeatedStaffView = z.infer<typeof repeatedStaffView>;

export const repeatWindowView = z.object({ count, months: count, revision: count });

export const statsView = z.object({
  year: count,
  /** The day the figures stand on, and the period's end (31 December, or today in the current year). */
  asOf: z.string(),
  periodEnd: z.string(),
  received: count,
  /** People of the organisation employed at the period's end. */
  staff: count,
  /** Complaints received per 1,000 staff (one decimal); null without staff. */
  per1000Staff: z.number().nullable(),
  byChannel: z.record(z.enum(CHANNELS), count),
  byOutcome: z.record(z.enum(OUTCOME_KEYS), count),
  /** January to December. */
  byMonth: z.array(count).length(12),
  /** A complaint with several themes counts once under each; `none`: not triaged yet. */
  byTheme: z.array(z.object({ key: z.string(), label: texts, n: count })),
  /** `none`: no unit given. */
  byUnit: z.array(z.object({ key: z.string(), label: z.string(), n: count })),
  lead: z.object({ acknowledge: leadTimesView, triage: leadTimesView, resolve: leadTimesView }),
  years: z.array(count),
  repeated: z.object({ window: repeatWindowView, peerMinimum: count, staff: z.array(repeatedStaffView) }),
});
export type StatsView = z.infer<typeof statsView>;

const year = z.coerce.number().int().min(2000).max(2100);
export const yearParams = orgParamsWith({ year });
export const exportQuery = z.strictObject({ lang: z.enum(LOCALES).optional() });
/** The period of the listing for the authorities; its days are checked by the service (listing.ts) for a clear error naming the field. */
export const listingQuery = z.strictObject({ from: z.string().max(10), to: z.string().max(10), lang: z.enum(LOCALES).optional() });

export const repeatWindowBody = z.strictObject({
  count: z.number().int().min(REPEAT_LIMITS.count.min).max(REPEAT_LIMITS.count.max),
  months: z.number().int().min(REPEAT_LIMITS.months.min).max(REPEAT_LIMITS.months.max),
});

export const recommendationsView = z.object({ year: count, text: z.string(), updatedOn: z.string().nullable(), revision: count });
export type RecommendationsView = z.infer<typeof recommendationsView>;
export const recommendationsBody = z.strictObject({ text: text({ max: RECOMMENDATIONS_MAX, multiline: true, trim: true }) });
