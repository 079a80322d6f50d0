/**
 * Queries of the reporting channel's figures: the yearly figures of one organisation (the law's
 * yearly report) and the counts per organisation for oversight. Only clear metadata is read (years,
 * days between dates, channel, identity mode, category, outcome): never content, never a key.
 *
 * Every figure is counted from one set of per-report facts (`reportFacts`), in the shape of the
 * statistics stub that retention keeps of a deleted report (years, lead times in whole days, missed
 * deadlines): a report deleted at the end of its retention (retention.ts) counts through its stub,
 * so the figures of past years stay the same.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/pool.js';
import { ACK_DAYS, FEEDBACK_MONTHS } from './repo.js';

/**
 * One row per report, as the figures count it, on the day `today`:
 * - `ack_lead_days`: days from receipt to acknowledgement (0 for an automatic acknowledgement);
 * - `feedback_lead_days`: days from acknowledgement to the first feedback, or to the closure when
 *   the report was closed without a separate feedback (the reporter sees the outcome then: the same
 *   rule as the feedback deadline, which ends at closure);
 * - `ack_missed` / `feedback_missed`: done after the due day, or not done and the due day passed
 *   (the deadlines' rule: due `ack_days` after receipt and `feedback_months` after acknowledgement,
 *   with the organisation's current settings; overdue from the day after the due day).
 */
export function reportFacts(today: string, orgId?: string): SQL {
  return sql`
    SELECT d.organisation_id, d.received_year, d.closed_year, d.filed_via, d.identity_mode, d.category, d.outcome,
           (d.acknowledged_on - d.received_on) AS ack_lead_days,
           (d.answered_on - d.acknowledged_on) AS feedback_lead_days,
           (d.acknowledged_on > d.ack_due OR (d.acknowledged_on IS NULL AND d.ack_due < ${today}::date)) AS ack_missed,
           (d.answered_on > d.feedback_due OR (d.answered_on IS NULL AND d.feedback_due < ${today}::date)) AS feedback_missed
      FROM (
        SELECT r.organisation_id, extract(year FROM r.received_on)::int AS received_year, extract(year FROM r.closed_on)::int AS closed_year,
               r.filed_via, r.identity_mode, r.category, r.outcome, r.received_on, r.acknowledged_on,
               coalesce(r.feedback_on, r.closed_on) AS answered_on,
               r.received_on + ${ACK_DAYS} AS ack_due,
               (r.acknowledged_on + make_interval(months => ${FEEDBACK_MONTHS}))::date AS feedback_due
          FROM report r
         WHERE r.received_on <= ${today}::date ${orgId ? sql`AND r.organisation_id = ${orgId}` : sql``}
      ) d
    UNION ALL
    -- Reports deleted at the end of their retention: the stub retention.ts kept, measured on the day of deletion.
    SELECT s.organisation_id, s.received_year, s.closed_year, s.filed_via, s.identity_mode, s.category, s.outcome,
           s.ack_lead_days, s.feedback_lead_days, s.ack_missed, s.feedback_missed
      FROM report_statistic s ${orgId ? sql`WHERE s.organisation_id = ${orgId}` : sql``}`;
}

export type Dimension = 'channel' | 'identity' | 'category' | 'outcome';

export interface LeadTimes {
  /** Reports with the step done. */
  done: number;
  median: number | null;
  p90: number | null;
  /** Done on or before the due day. */
  onTime: number;
  /** Done late, or not done and overdue. */
  missed: number;
  /** Not done, not yet due. */
  pending: number;
}

export interface YearFacts {
  received: number;
  counts: { dimension: Dimension; key: string | null; n: number }[];
  acknowledgement: LeadTimes;
  feedback: LeadTimes;
  /** Reports received up to the year's end (or today) and not closed by then, whatever the year of receipt. */
  openAtEnd: number;
}

/** Lead time, percentiles and deadline counts of one step (`ack` or `feedback`), as columns `<p>_done`, `<p>_median`… */
function leadTimes(p: 'ack' | 'feedback', year: number): SQL {
  const lead = sql.raw(`${p}_lead_days`);
  const missed = sql.raw(`${p}_missed`);
  const col = (name: string) => sql.raw(`${p}_${name}`);
  const inYear = sql`received_year = ${year}`;
  return sql`
    count(*) FILTER (WHERE ${inYear} AND ${lead} IS NOT NULL)::int AS ${col('done')},
    percentile_cont(0.5) WITHIN GROUP (ORDER BY ${lead}) FILTER (WHERE ${inYear} AND ${lead} IS NOT NULL) AS ${col('median')},
    percentile_cont(0.9) WITHIN GROUP (ORDER BY ${lead}) FILTER (WHERE ${inYear} AND ${lead} IS NOT NULL) AS ${col('p90')},
    count(*) FILTER (WHERE ${inYear} AND ${lead} IS NOT NULL AND NOT ${missed})::int AS ${col('on_time')},
    count(*) FILTER (WHERE ${inYear} AND ${missed})::int AS ${col('late')},
    count(*) FILTER (WHERE ${inYear} AND ${lead} IS NULL AND NOT coalesce(${missed}, false))::int AS ${col('pending')}`;
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const toLead = (row: Record<string, unknown>, p: 'ack' | 'feedback'): LeadTimes => ({
  done: Number(row[`${p}_done`]), median: num(row[`${p}_median`]), p90: num(row[`${p}_p90`]),
  onTime: Number(row[`${p}_on_time`]), missed: Number(row[`${p}_late`]), pending: Number(row[`${p}_pending`]),
});

/**
 * The figures of the reports an organisation received in `year`, as they stand on `today` (a
 * report received in December and acknowledged in January counts its January acknowledgement).
 * Open at the end: on 31 December, or today for the current year.
 */
export async function yearFacts(q: Queryable, orgId: string, year: number, today: string): Promise<YearFacts> {
  const facts = reportFacts(today, orgId);
  const counts = await q.execute<{ dimension: Dimension; key: string | null; n: number }>(sql`
    WITH f AS (${facts}), y AS (SELECT * FROM f WHERE received_year = ${year})
    SELECT 'channel' AS dimension, filed_via AS key, count(*)::int AS n FROM y GROUP BY filed_via
    UNION ALL SELECT 'identity', identity_mode, count(*)::int FROM y GROUP BY identity_mode
    UNION ALL SELECT 'category', category, count(*)::int FROM y GROUP BY category
    UNION ALL SELECT 'outcome', outcome, count(*)::int FROM y GROUP BY outcome`);
  const r = await q.execute<Record<string, unknown>>(sql`
    WITH f AS (${facts})
    SELECT count(*) FILTER (WHERE received_year = ${year})::int AS received,
           count(*) FILTER (WHERE received_year <= ${year} AND (closed_year IS NULL OR closed_year > ${year}))::int AS open_at_end,
           ${leadTimes('ack', year)},
           ${leadTimes('feedback', year)}
      FROM f`);
  const row = r.rows[0];
  return {
    received: Number(row.received),
    openAtEnd: Number(row.open_at_end),
    acknowledgement: toLead(row, 'ack'),
    feedback: toLead(row, 'feedback'),
    counts: counts.rows,
  };
}

/** The years in which the organisation received reports (for the year picker). */
export async function yearsWithReports(q: Queryable, orgId: string, today: string): Promise<number[]> {
  const r = await q.execute<{ y: number }>(sql`SELECT DISTINCT received_year AS y FROM (${reportFacts(today, orgId)}) f ORDER BY y DESC`);
  return r.rows.map((x) => x.y);
}

/**
 * Counts per organisation for oversight, for the year of `today` (system scope: every organisation
 * with a channel or a report): received this year, of those acknowledged late and given feedback
 * late, and the reports open today.
 */
export async function oversightCounts(q: Queryable, today: string) {
  const year = Number(today.slice(0, 4));
  const r = await q.execute<{ organisation_id: string; received: number; ack_late: number; feedback_late: number; open: number }>(sql`
    WITH f AS (${reportFacts(today)}),
         orgs AS (SELECT organisation_id FROM report_settings UNION SELECT organisation_id FROM f)
    SELECT o.organisation_id,
           count(f.organisation_id) FILTER (WHERE f.received_year = ${year})::int AS received,
           count(f.organisation_id) FILTER (WHERE f.received_year = ${year} AND f.ack_missed)::int AS ack_late,
           count(f.organisation_id) FILTER (WHERE f.received_year = ${year} AND f.feedback_missed)::int AS feedback_late,
           count(f.organisation_id) FILTER (WHERE f.closed_year IS NULL)::int AS open
      FROM orgs o LEFT JOIN f ON f.organisation_id = o.organisation_id
     GROUP BY o.organisation_id
     ORDER BY o.organisation_id`);
  return r.rows;
}
