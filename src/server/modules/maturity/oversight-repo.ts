/**
 * Queries of the cross-organisation view. They read across organisations, so they run only in a
 * system-scope transaction (platform/oversight's readOversight, or the comparison's own); they
 * return agreed levels per organisation, which the service turns into counts and quantiles.
 */
import { sql } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/pool.js';
import type { LocalizedText } from './schema.js';

export type FrameworkRef = { id: string; code: string; version: number; title: LocalizedText };

/** A published framework version by id, or the newest published version of `code`. */
export async function publishedFramework(q: Queryable, frameworkId: string | undefined, code: string): Promise<FrameworkRef | undefined> {
  const r = await q.execute<FrameworkRef>(frameworkId
    ? sql`SELECT id, code, version, title FROM maturity_framework WHERE id = ${frameworkId} AND status = 'published'`
    : sql`SELECT id, code, version, title FROM maturity_framework WHERE code = ${code} AND status = 'published' ORDER BY version DESC LIMIT 1`);
  return r.rows[0];
}

export type CriterionRef = { id: string; pillar: 'instruments' | 'processes' | 'structures'; function: string | null; code: string; position: number; title: LocalizedText };

/** The criteria of a version without their descriptions and level texts (not shown here), in the framework's order. */
export async function criterionRefs(q: Queryable, frameworkId: string): Promise<CriterionRef[]> {
  const r = await q.execute<CriterionRef>(sql`SELECT id, pillar, function, code, position, title
    FROM maturity_criterion WHERE framework_id = ${frameworkId}
    ORDER BY array_position(ARRAY['instruments','processes','structures'], pillar),
             array_position(ARRAY['define','guide','monitor','enforce'], function) NULLS LAST, position, code`);
  return r.rows;
}

export type OrgFact = { id: string; kind: string; code: string; names: Record<string, string>; staff: number; consented: boolean };

/**
 * Every organisation with its current staff (persons started and not ended today) and naming consent.
 * The staff is the sum of person_staff_delta up to today (a few rows per organisation, kept by a
 * trigger on person), not a count over every person on each request.
 */
export async function organisationFacts(q: Queryable): Promise<OrgFact[]> {
  const r = await q.execute<OrgFact>(sql`
    SELECT o.id, o.kind, o.code, o.names, COALESCE(p.n, 0)::int AS staff, COALESCE(c.consented, false) AS consented
      FROM organisation o
      LEFT JOIN (SELECT organisation_id, sum(delta) AS n FROM person_staff_delta WHERE day <= current_date
                  GROUP BY organisation_id) p ON p.organisation_id = o.id
      LEFT JOIN maturity_oversight_consent c ON c.organisation_id = o.id
     ORDER BY o.code`);
  return r.rows;
}

export type LevelRow = { organisation_id: string; criterion_id: string; level: number };

/** Agreed levels of each organisation's latest approved measurement of `year` on the framework version. */
export async function approvedLevels(q: Queryable, frameworkId: string, year: number, orgIds?: readonly string[]): Promise<LevelRow[]> {
  const r = await q.execute<LevelRow>(sql`
    WITH latest AS (
      SELECT DISTINCT ON (organisation_id) id, organisation_id FROM maturity_measurement
       WHERE framework_id = ${frameworkId} AND year = ${year} AND status = 'approved'
         ${orgIds === undefined ? sql`` : sql`AND organisation_id = ANY(ARRAY[${sql.join(orgIds.map((i) => sql`${i}`), sql`, `)}]::uuid[])`}
       ORDER BY organisation_id, approved_at DESC, id)
    SELECT l.organisation_id, a.criterion_id, a.level
      FROM latest l CROSS JOIN LATERAL (
        -- OFFSET 0 keeps this a lookup by the agreement's primary key per measurement; the planner
        -- otherwise hashes every agreement of every year (15 ms against 4 ms on the bench's data).
        SELECT criterion_id, agreed_level AS level FROM maturity_agreement WHERE measurement_id = l.id OFFSET 0) a`);
  return r.rows;
}

export type PillarYearRow = { organisation_id: string; year: number; pillar: string; average: number };

/**
 * Per organisation, year and pillar: the mean agreed level of its latest approved measurement of that
 * year, from the per-pillar sums kept beside the agreements (maturity_pillar_sum) rather than ten years of levels.
 */
export async function pillarAveragesByYear(q: Queryable, frameworkId: string): Promise<PillarYearRow[]> {
  const r = await q.execute<PillarYearRow>(sql`
    WITH latest AS (
      SELECT DISTINCT ON (organisation_id, year) id, organisation_id, year FROM maturity_measurement
       WHERE framework_id = ${frameworkId} AND status = 'approved'
       ORDER BY organisation_id, year, approved_at DESC, id)
    SELECT l.organisation_id, l.year, s.pillar, s.level_sum::float8 / s.criteria AS average
      FROM latest l JOIN maturity_pillar_sum s ON s.measurement_id = l.id`);
  return r.rows;
}

export type OwnMeasurement = { id: string; kind: string; year: number; framework_id: string };

/** The organisation's latest approved measurement (of `year`, on `frameworkId` when given). */
export async function latestApproved(q: Queryable, orgId: string, year?: number, frameworkId?: string): Promise<OwnMeasurement | undefined> {
  const r = await q.execute<OwnMeasurement>(sql`
    SELECT id, kind, year, framework_id FROM maturity_measurement
     WHERE organisation_id = ${orgId} AND status = 'approved'
       ${year === undefined ? sql`` : sql`AND year = ${year}`}
       ${frameworkId === undefined ? sql`` : sql`AND framework_id = ${frameworkId}`}
     ORDER BY year DESC, approved_at DESC, id LIMIT 1`);
  return r.rows[0];
}

export type ConsentRow = { organisation_id: string; consented: boolean; updated_at: Date | string; updated_by: string | null; updated_by_name: string | null; revision: number };

export async function consentOf(q: Queryable, orgId: string): Promise<ConsentRow | undefined> {
  const r = await q.execute<ConsentRow>(sql`
    SELECT c.organisation_id, c.consented, c.updated_at, c.updated_by, u.display_name AS updated_by_name, c.revision
      FROM maturity_oversight_consent c LEFT JOIN app_user u ON u.id = c.updated_by
     WHERE c.organisation_id = ${orgId}`);
  return r.rows[0];
}

/** The first choice (If-Match "0"): inserted unless someone chose first (then nothing, and the caller answers 409). */
export async function insertConsent(q: Queryable, orgId: string, consented: boolean, userId: string): Promise<boolean> {
  const r = await q.execute(sql`
    INSERT INTO maturity_oversight_consent (organisation_id, consented, updated_by) VALUES (${orgId}, ${consented}, ${userId})
    ON CONFLICT (organisation_id) DO NOTHING RETURNING organisation_id`);
  return r.rows.length === 1;
}
