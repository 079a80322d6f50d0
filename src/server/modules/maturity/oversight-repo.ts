/**
 * Queries of the cross-organisation view. They read across organisations, so they run only in a
 * system-scope transaction (platform/oversight's readOversight, or the comparison's own); they
 * return agreed levels per organisation, which the service turns into counts and quantiles (and
 * keeps per process while the approved measurements stay the same: oversight.ts).
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/pool.js';
import type { LocalizedText } from './schema.js';

export type FrameworkRef = { id: string; code: string; version: number; title: LocalizedText };

/** A published framework version by id, or the newest published version of `code`; with the digest of its approved measurements (below). */
export async function publishedFramework(q: Queryable, frameworkId: string | undefined, code: string): Promise<(FrameworkRef & { digest: string }) | undefined> {
  const r = await q.execute<FrameworkRef & { digest: string }>(frameworkId
    ? sql`SELECT f.id, f.code, f.version, f.title, ${digestOf(sql`f.id`)} AS digest FROM maturity_framework f WHERE f.id = ${frameworkId} AND f.status = 'published'`
    : sql`SELECT f.id, f.code, f.version, f.title, ${digestOf(sql`f.id`)} AS digest FROM maturity_framework f WHERE f.code = ${code} AND f.status = 'published' ORDER BY f.version DESC LIMIT 1`);
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

/**
 * What the approved measurements of a framework version are, in one value: how many, the latest
 * approval, and the sum of a 64-bit hash of each one's id and approval time. An approved measurement
 * is locked (its agreed levels never change) and ids are never reused, so an unchanged digest means
 * unchanged figures: the key of the service's cache. An approval adds one (count), a removal takes
 * one away (count); both at once change the hash sum. About 1 ms on the bench's 2,250 measurements,
 * where an md5 of the sorted ids took 2-8 ms.
 */
const APPROVED = (frameworkId: string) => sql`
  SELECT id, organisation_id, year, approved_at FROM maturity_measurement WHERE framework_id = ${frameworkId} AND status = 'approved'`;
const DIGEST = sql`count(*) || '/' || coalesce(extract(epoch FROM max(approved_at))::text, '') || '/'
  || coalesce(sum(hashtextextended(id::text || '@' || extract(epoch FROM approved_at)::text, 0)::numeric)::text, '')`;

/** The digest as a scalar subquery, for the framework version `frameworkIdSql` names (a column of the outer query). */
const digestOf = (frameworkIdSql: SQL) => sql`(SELECT ${DIGEST} FROM maturity_measurement a WHERE a.framework_id = ${frameworkIdSql} AND a.status = 'approved')`;

export async function approvedDigest(q: Queryable, frameworkId: string): Promise<string> {
  const r = await q.execute<{ digest: string }>(sql`SELECT ${DIGEST} AS digest FROM (${APPROVED(frameworkId)}) m`);
  return r.rows[0].digest;
}

export type ApprovedLevels = { digest: string; measurements: { organisation_id: string; year: number; criteria: string[]; levels: number[] }[] };

/**
 * Per organisation and year, the agreed levels of its latest approved measurement on the framework
 * version (criterion ids and levels side by side), with the digest of the same snapshot (one statement).
 * Read once per change of the digest, not per request: about 2,250 rows for 225 organisations × 10 years.
 */
export async function approvedLevelsAllYears(q: Queryable, frameworkId: string): Promise<ApprovedLevels> {
  const r = await q.execute<{ digest: string; organisation_id: string | null; year: number | null; criteria: string[] | null; levels: number[] | null }>(sql`
    WITH approved AS (${APPROVED(frameworkId)}),
    latest AS (SELECT DISTINCT ON (organisation_id, year) id, organisation_id, year FROM approved ORDER BY organisation_id, year, approved_at DESC, id)
    SELECT d.digest, x.organisation_id, x.year, x.criteria, x.levels
      FROM (SELECT ${DIGEST} AS digest FROM approved) d
      LEFT JOIN (SELECT l.organisation_id, l.year, array_agg(a.criterion_id) AS criteria, array_agg(a.agreed_level) AS levels
                   FROM latest l JOIN maturity_agreement a ON a.measurement_id = l.id GROUP BY l.id, l.organisation_id, l.year) x ON true`);
  const measurements = r.rows.flatMap((x) => (x.organisation_id === null ? [] : [{ organisation_id: x.organisation_id, year: x.year!, criteria: x.criteria!, levels: x.levels! }]));
  return { digest: r.rows[0].digest, measurements };
}

export type OwnMeasurement = { id: string; kind: string; year: number; framework_id: string; digest: string };

/** The organisation's latest approved measurement (of `year`, on `frameworkId` when given), with the digest of its framework version's approved measurements. */
export async function latestApproved(q: Queryable, orgId: string, year?: number, frameworkId?: string): Promise<OwnMeasurement | undefined> {
  const r = await q.execute<OwnMeasurement>(sql`
    SELECT m.id, m.kind, m.year, m.framework_id, ${digestOf(sql`m.framework_id`)} AS digest FROM maturity_measurement m
     WHERE m.organisation_id = ${orgId} AND m.status = 'approved'
       ${year === undefined ? sql`` : sql`AND m.year = ${year}`}
       ${frameworkId === undefined ? sql`` : sql`AND m.framework_id = ${frameworkId}`}
     ORDER BY m.year DESC, m.approved_at DESC, m.id LIMIT 1`);
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
