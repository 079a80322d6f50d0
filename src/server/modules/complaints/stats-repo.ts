/**
 * Queries of the complaints desk's statistics and yearly report (issue 19). Only clear facts are
 * read (days of each step, channel, unit, themes, decision, staff ids): never content, never a key.
 *
 * Every figure of a year counts the complaints received in that year, as they stand on `today`: a
 * complaint received in December and answered in January counts its January answer.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/pool.js';

/** The lead-time steps: from receipt to the acknowledgement, to the triage, to the answer. */
export const STEPS = ['acknowledge', 'triage', 'resolve'] as const;
export type Step = (typeof STEPS)[number];

export interface Targets { acknowledge: number; triage: number; resolve: number }

/** The organisation's lead-time targets (days): its settings, the desk's triage target, else the defaults. */
export async function targets(q: Queryable, orgId: string): Promise<Targets> {
  const r = await q.execute<{ a: number | null; t: number | null; r: number | null }>(sql`
    SELECT (o.settings->>'complaintAcknowledgeDays')::int AS a, (o.settings->>'complaintResolveDays')::int AS r,
           (SELECT s.triage_days FROM complaint_settings s WHERE s.organisation_id = o.id) AS t
      FROM organisation o WHERE o.id = ${orgId}`);
  const row = r.rows[0];
  return { acknowledge: row?.a ?? 7, triage: row?.t ?? 14, resolve: row?.r ?? 90 };
}

/**
 * One row per complaint of the organisation received up to `today`:
 * - `outcome`: `inadmissible`, `forwarded` (sent elsewhere), the decision, else `open`;
 * - `<step>_lead`: days from receipt to the step (triage and resolution also end when the complaint
 *   is found inadmissible or forwarded: it left the desk then);
 * - `<step>_missed`: done after the target, or not done, still due and the target passed (the
 *   deadlines' rule: overdue from the day after the due day). A step that no longer applies (a
 *   complaint triaged without a separate acknowledgement) is neither done nor missed.
 */
export function complaintFacts(orgId: string, today: string, t: Targets, year?: number): SQL {
  const left = sql`CASE WHEN c.status = 'inadmissible' THEN c.closed_on WHEN c.status = 'forwarded' THEN c.forwarded_on END`;
  return sql`
    SELECT d.*,
           coalesce(d.acknowledge_lead > ${t.acknowledge} OR (d.acknowledge_lead IS NULL AND d.status = 'received' AND d.received_on + ${t.acknowledge}::int < ${today}::date), false) AS acknowledge_missed,
           (d.acknowledge_lead IS NULL AND d.status = 'received') AS acknowledge_due,
           coalesce(d.triage_lead > ${t.triage} OR (d.triage_lead IS NULL AND d.status IN ('received', 'acknowledged') AND d.received_on + ${t.triage}::int < ${today}::date), false) AS triage_missed,
           (d.triage_lead IS NULL AND d.status IN ('received', 'acknowledged')) AS triage_due,
           coalesce(d.resolve_lead > ${t.resolve} OR (d.resolve_lead IS NULL AND d.status IN ('received', 'acknowledged', 'triaged') AND d.received_on + ${t.resolve}::int < ${today}::date), false) AS resolve_missed,
           (d.resolve_lead IS NULL AND d.status IN ('received', 'acknowledged', 'triaged')) AS resolve_due
      FROM (
        SELECT c.id, c.status, c.channel, c.unit_id, c.received_on,
               extract(year FROM c.received_on)::int AS received_year, extract(month FROM c.received_on)::int AS received_month,
               CASE WHEN c.status = 'inadmissible' THEN 'inadmissible' WHEN c.status = 'forwarded' THEN 'forwarded'
                    ELSE coalesce(c.decision, 'open') END AS outcome,
               (c.acknowledged_on - c.received_on) AS acknowledge_lead,
               (coalesce(c.triaged_on, ${left}) - c.received_on) AS triage_lead,
               (coalesce(c.answered_on, ${left}) - c.received_on) AS resolve_lead
          FROM complaint c
         WHERE c.organisation_id = ${orgId} AND c.received_on <= ${today}::date
               ${year === undefined ? sql`` : sql`AND c.received_on BETWEEN make_date(${year}, 1, 1) AND make_date(${year}, 12, 31)`}
      ) d`;
}

export type Dimension = 'channel' | 'unit' | 'outcome' | 'month' | 'theme';

export interface LeadTimes {
  /** Complaints with the step done. */
  done: number;
  /** Days; interpolated between complaints (PostgreSQL `percentile_cont`). */
  median: number | null;
  p90: number | null;
  onTime: number;
  /** Done late, or not done and overdue. */
  missed: number;
  /** Not done, not yet due. */
  pending: number;
}

export interface YearFacts {
  received: number;
  counts: { dimension: Dimension; key: string | null; n: number }[];
  lead: Record<Step, LeadTimes>;
  /** Staff at the period's end (people of the organisation employed that day). */
  staff: number;
}

function leadColumns(step: Step): SQL {
  const lead = sql.raw(`${step}_lead`);
  const missed = sql.raw(`${step}_missed`);
  const due = sql.raw(`${step}_due`);
  const col = (name: string) => sql.raw(`${step}_${name}`);
  return sql`
    count(*) FILTER (WHERE ${lead} IS NOT NULL)::int AS ${col('done')},
    percentile_cont(0.5) WITHIN GROUP (ORDER BY ${lead}) FILTER (WHERE ${lead} IS NOT NULL) AS ${col('median')},
    percentile_cont(0.9) WITHIN GROUP (ORDER BY ${lead}) FILTER (WHERE ${lead} IS NOT NULL) AS ${col('p90')},
    count(*) FILTER (WHERE ${lead} IS NOT NULL AND NOT ${missed})::int AS ${col('on_time')},
    count(*) FILTER (WHERE ${missed})::int AS ${col('late')},
    count(*) FILTER (WHERE ${due} AND NOT ${missed})::int AS ${col('pending')}`;
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/** The people of the organisation employed on `day` (started on or before, not left before). */
export const staffOn = (orgId: string, day: string): SQL =>
  sql`SELECT p.id, p.unit_id, p.staff_category FROM person p
       WHERE p.organisation_id = ${orgId} AND p.start_date <= ${day}::date AND (p.end_date IS NULL OR p.end_date >= ${day}::date)`;

/** The figures of the complaints an organisation received in `year`, as they stand on `today`; staff counted on `periodEnd`. */
export async function yearFacts(q: Queryable, orgId: string, year: number, today: string, periodEnd: string, t: Targets): Promise<YearFacts> {
  // The year as a range of days, so the index on (organisation, received day) serves it.
  const facts = complaintFacts(orgId, today, t, year);
  const counts = await q.execute<{ dimension: Dimension; key: string | null; n: number }>(sql`
    WITH y AS (SELECT * FROM (${facts}) f WHERE f.received_year = ${year})
    SELECT 'channel' AS dimension, channel AS key, count(*)::int AS n FROM y GROUP BY channel
    UNION ALL SELECT 'unit', unit_id::text, count(*)::int FROM y GROUP BY unit_id
    UNION ALL SELECT 'outcome', outcome, count(*)::int FROM y GROUP BY outcome
    UNION ALL SELECT 'month', received_month::text, count(*)::int FROM y GROUP BY received_month
    UNION ALL SELECT 'theme', coalesce(ct.theme, 'none'), count(*)::int
                FROM y LEFT JOIN complaint_theme ct ON ct.organisation_id = ${orgId} AND ct.complaint_id = y.id GROUP BY ct.theme`);
  const r = await q.execute<Record<string, unknown>>(sql`
    SELECT count(*)::int AS received, ${leadColumns('acknowledge')}, ${leadColumns('triage')}, ${leadColumns('resolve')},
           (SELECT count(*)::int FROM (${staffOn(orgId, periodEnd)}) s) AS staff
      FROM (${facts}) f WHERE f.received_year = ${year}`);
  const row = r.rows[0];
  const lead = (s: Step): LeadTimes => ({
    done: Number(row[`${s}_done`]), median: num(row[`${s}_median`]), p90: num(row[`${s}_p90`]),
    onTime: Number(row[`${s}_on_time`]), missed: Number(row[`${s}_late`]), pending: Number(row[`${s}_pending`]),
  });
  return {
    received: Number(row.received), counts: counts.rows, staff: Number(row.staff),
    lead: { acknowledge: lead('acknowledge'), triage: lead('triage'), resolve: lead('resolve') },
  };
}

/** The years with complaints (for the year picker). */
export async function yearsWithComplaints(q: Queryable, orgId: string, today: string): Promise<number[]> {
  const r = await q.execute<{ y: number }>(sql`
    SELECT DISTINCT extract(year FROM received_on)::int AS y FROM complaint
     WHERE organisation_id = ${orgId} AND received_on <= ${today}::date ORDER BY y DESC`);
  return r.rows.map((x) => Number(x.y));
}

/** The names of the organisation's units and the desk's themes (labels per language). */
export async function labels(q: Queryable, orgId: string) {
  const units = await q.execute<{ id: string; name: string; code: string }>(sql`SELECT id, name, code FROM org_unit WHERE organisation_id = ${orgId}`);
  const s = await q.execute<{ themes: { id: string; label: Record<string, string> }[] }>(sql`SELECT themes FROM complaint_settings WHERE organisation_id = ${orgId}`);
  return { units: units.rows, themes: s.rows[0]?.themes ?? [] };
}

export interface RepeatWindow { count: number; months: number }

export type RepeatedRow = {
  person_id: string; first_name: string; last_name: string; personnel_number: string;
  unit_id: string | null; staff_category: string;
  /** The most complaints within one window that ends in the year. */
  most: number;
  in_year: number;
  founded_in_year: number;
  last_on: string;
  /** Colleagues of the same unit and staff category employed at the period's end (without the person). */
  peers: number;
  /** Complaints naming those colleagues, received in the year. */
  peer_complaints: number;
};

/**
 * Staff members named in at least `count` complaints within `months` months, for a window ending on
 * a complaint received in `year` (up to `periodEnd`): the window reaches back into the previous year.
 * Inadmissible complaints do not count (they were not about anyone's conduct, or not for this desk).
 * Within M months: the earliest complaint on or after the day M months before the latest.
 * With the peer group's complaints of the year (same unit and staff category, today's assignment).
 */
export async function repeatedStaff(q: Queryable, orgId: string, year: number, periodEnd: string, w: RepeatWindow): Promise<RepeatedRow[]> {
  const r = await q.execute<RepeatedRow>(sql`
    WITH pc AS (
      SELECT s.person_id, c.received_on, c.decision
        FROM complaint_staff s JOIN complaint c ON c.organisation_id = s.organisation_id AND c.id = s.complaint_id
       WHERE s.organisation_id = ${orgId} AND c.status <> 'inadmissible' AND c.received_on <= ${periodEnd}::date
         -- Only what a window ending in the year can reach.
         AND c.received_on >= make_date(${year}, 1, 1) - make_interval(months => ${w.months})
    ), win AS (
      SELECT person_id, received_on, decision,
             count(*) OVER (PARTITION BY person_id ORDER BY received_on RANGE BETWEEN ${`${w.months} months`}::interval PRECEDING AND CURRENT ROW) AS in_window
        FROM pc
    ), flagged AS (
      SELECT person_id, max(in_window)::int AS most, count(*)::int AS in_year,
             count(*) FILTER (WHERE decision IN ('well_founded', 'partly_founded'))::int AS founded_in_year,
             max(received_on)::text AS last_on
        FROM win WHERE extract(year FROM received_on)::int = ${year}
       GROUP BY person_id HAVING max(in_window) >= ${w.count}
    ), staff AS (${staffOn(orgId, periodEnd)}),
    per_person AS (
      SELECT person_id, count(*)::int AS n FROM pc WHERE extract(year FROM received_on)::int = ${year} GROUP BY person_id
    ),
    -- The peer groups (unit and staff category at the period's end) with their complaints of the year, counted once.
    peer_groups AS (
      SELECT s.unit_id, s.staff_category, count(*)::int AS members, coalesce(sum(pp.n), 0)::int AS complaints
        FROM staff s LEFT JOIN per_person pp ON pp.person_id = s.id GROUP BY s.unit_id, s.staff_category
    )
    SELECT f.person_id, p.first_name, p.last_name, p.personnel_number, p.unit_id, p.staff_category,
           f.most, f.in_year, f.founded_in_year, f.last_on,
           -- Without the person themselves, when they are in the group.
           (coalesce(g.members, 0) - CASE WHEN me.id IS NULL THEN 0 ELSE 1 END)::int AS peers,
           (coalesce(g.complaints, 0) - CASE WHEN me.id IS NULL THEN 0 ELSE coalesce(own.n, 0) END)::int AS peer_complaints
      FROM flagged f JOIN person p ON p.organisation_id = ${orgId} AND p.id = f.person_id
      LEFT JOIN staff me ON me.id = p.id
      LEFT JOIN per_person own ON own.person_id = p.id
      LEFT JOIN peer_groups g ON g.unit_id IS NOT DISTINCT FROM p.unit_id AND g.staff_category = p.staff_category
     ORDER BY f.most DESC, f.in_year DESC, p.last_name, p.first_name`);
  return r.rows.map((x) => ({ ...x, last_on: String(x.last_on).slice(0, 10) }));
}

// Settings and recommendations --------------------------------------------------------------------

export async function repeatWindow(q: Queryable, orgId: string): Promise<RepeatWindow & { revision: number }> {
  const r = await q.execute<{ repeat_count: number; repeat_months: number; revision: number }>(sql`
    SELECT repeat_count, repeat_months, revision FROM complaint_stats_settings WHERE organisation_id = ${orgId}`);
  const s = r.rows[0];
  return s ? { count: s.repeat_count, months: s.repeat_months, revision: s.revision } : { count: 3, months: 12, revision: 0 };
}

/** Writes the window if the stored revision is `expected` (0: none stored yet); the new revision, or null when stale. */
export async function saveRepeatWindow(q: Queryable, orgId: string, expected: number, w: RepeatWindow): Promise<number | null> {
  const r = expected === 0
    ? await q.execute<{ revision: number }>(sql`
        INSERT INTO complaint_stats_settings (organisation_id, repeat_count, repeat_months) VALUES (${orgId}, ${w.count}, ${w.months})
        ON CONFLICT (organisation_id) DO NOTHING RETURNING revision`)
    : await q.execute<{ revision: number }>(sql`
        UPDATE complaint_stats_settings SET repeat_count = ${w.count}, repeat_months = ${w.months}, revision = revision + 1
         WHERE organisation_id = ${orgId} AND revision = ${expected} RETURNING revision`);
  return r.rows[0]?.revision ?? null;
}

export interface Recommendations { text: string; updatedOn: string | null; revision: number }

export async function recommendations(q: Queryable, orgId: string, year: number): Promise<Recommendations> {
  const r = await q.execute<{ recommendations: string; updated_on: string; revision: number }>(sql`
    SELECT recommendations, updated_on::text, revision FROM complaint_year_report WHERE organisation_id = ${orgId} AND year = ${year}`);
  const s = r.rows[0];
  return s ? { text: s.recommendations, updatedOn: String(s.updated_on).slice(0, 10), revision: s.revision } : { text: '', updatedOn: null, revision: 0 };
}

/** Writes the year's recommendations if the stored revision is `expected` (0: none yet); the new revision, or null when stale. */
export async function saveRecommendations(q: Queryable, orgId: string, year: number, expected: number, text: string, userId: string, today: string): Promise<number | null> {
  const r = expected === 0
    ? await q.execute<{ revision: number }>(sql`
        INSERT INTO complaint_year_report (organisation_id, year, recommendations, updated_by, updated_on)
        VALUES (${orgId}, ${year}, ${text}, ${userId}, ${today}::date)
        ON CONFLICT (organisation_id, year) DO NOTHING RETURNING revision`)
    : await q.execute<{ revision: number }>(sql`
        UPDATE complaint_year_report SET recommendations = ${text}, updated_by = ${userId}, updated_on = ${today}::date, revision = revision + 1
         WHERE organisation_id = ${orgId} AND year = ${year} AND revision = ${expected} RETURNING revision`);
  return r.rows[0]?.revision ?? null;
}
