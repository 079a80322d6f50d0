/** Queries of the maturity module; every organisation-scoped query filters on the organisation of the route. */
import { and, eq, sql } from 'drizzle-orm';
import { currentRoleCondition } from '../../platform/authz/current-role.js';
import type { Queryable } from '../../platform/db/pool.js';
import { updateAtRevision } from '../../platform/db/revision.js';
import { uuidList } from '../../platform/db/uuid-list.js';
import type { CriterionInput, FrameworkImportBody, ImfFunction, MeasurementKind, MeasurementStatus, Pillar } from './contract.js';
import { maturityAgreement, maturityMeasurement, maturityScore, type LocalizedText } from './schema.js';

export const iso = (d: Date | string | null | undefined) => (d == null ? null : (d instanceof Date ? d : new Date(d)).toISOString());

// Frameworks ------------------------------------------------------------------------------------

export type FrameworkRow = {
  id: string; code: string; version: number; status: 'draft' | 'published'; title: LocalizedText; description: LocalizedText | null;
  created_at: Date; published_at: Date | null; criterion_count: number; current: boolean;
};
export type CriterionRow = {
  id: string; framework_id: string; pillar: Pillar; function: ImfFunction | null; code: string; position: number;
  title: LocalizedText; description: LocalizedText; levels: LocalizedText[];
};

const FRAMEWORK_COLUMNS = sql`f.id, f.code, f.version, f.status, f.title, f.description, f.created_at, f.published_at,
  (SELECT count(*)::int FROM maturity_criterion c WHERE c.framework_id = f.id) AS criterion_count,
  (f.status = 'published' AND f.version = (SELECT max(g.version) FROM maturity_framework g WHERE g.code = f.code AND g.status = 'published')) AS current`;

export async function listFrameworks(q: Queryable, withDrafts: boolean): Promise<FrameworkRow[]> {
  const r = await q.execute<FrameworkRow>(sql`SELECT ${FRAMEWORK_COLUMNS} FROM maturity_framework f
    WHERE ${withDrafts} OR f.status = 'published' ORDER BY f.code, f.version DESC`);
  return r.rows;
}

export async function findFramework(q: Queryable, id: string): Promise<FrameworkRow | undefined> {
  const r = await q.execute<FrameworkRow>(sql`SELECT ${FRAMEWORK_COLUMNS} FROM maturity_framework f WHERE f.id = ${id}`);
  return r.rows[0];
}

/** The newest published version of a code: what a new measurement uses unless told otherwise. */
export async function currentFramework(q: Queryable, code: string): Promise<FrameworkRow | undefined> {
  const r = await q.execute<FrameworkRow>(sql`SELECT ${FRAMEWORK_COLUMNS} FROM maturity_framework f
    WHERE f.code = ${code} AND f.status = 'published' ORDER BY f.version DESC LIMIT 1`);
  return r.rows[0];
}

export async function criteriaOf(q: Queryable, frameworkId: string): Promise<CriterionRow[]> {
  const r = await q.execute<CriterionRow>(sql`SELECT id, framework_id, pillar, function, code, position, title, description, levels
    FROM maturity_criterion WHERE framework_id = ${frameworkId}
    ORDER BY array_position(ARRAY['instruments','processes','structures'], pillar),
             array_position(ARRAY['define','guide','monitor','enforce'], function) NULLS LAST, position, code`);
  return r.rows;
}

/** A framework import as the next version of its code, with its criteria; returns the new id. */
export async function insertFramework(q: Queryable, body: FrameworkImportBody, userId: string | null): Promise<string> {
  const r = await q.execute<{ id: string }>(sql`
    INSERT INTO maturity_framework (code, version, status, title, description, created_by)
    SELECT ${body.code}, coalesce(max(version), 0) + 1, 'draft', ${JSON.stringify(body.title)}::jsonb, ${body.description ? JSON.stringify(body.description) : null}::jsonb, ${userId}
      FROM maturity_framework WHERE code = ${body.code}
    RETURNING id`);
  const id = r.rows[0].id;
  await insertCriteria(q, id, body.criteria);
  return id;
}

async function insertCriteria(q: Queryable, frameworkId: string, criteria: readonly CriterionInput[]) {
  const rows = criteria.map((c, i) => sql`(${frameworkId}::uuid, ${c.pillar}, ${c.function ?? null}, ${c.code}, ${c.position ?? (i + 1) * 10},
    ${JSON.stringify(c.title)}::jsonb, ${JSON.stringify(c.description)}::jsonb, ${JSON.stringify(c.levels)}::jsonb)`);
  await q.execute(sql`INSERT INTO maturity_criterion (framework_id, pillar, function, code, position, title, description, levels) VALUES ${sql.join(rows, sql`, `)}`);
}

export async function publishFramework(q: Queryable, id: string, userId: string | null): Promise<boolean> {
  const r = await q.execute(sql`UPDATE maturity_framework SET status = 'published', published_at = now(), published_by = ${userId}
    WHERE id = ${id} AND status = 'draft'`);
  return (r.rowCount ?? 0) === 1;
}

export async function deleteDraftFramework(q: Queryable, id: string): Promise<boolean> {
  const r = await q.execute(sql`DELETE FROM maturity_framework WHERE id = ${id} AND status = 'draft'`);
  return (r.rowCount ?? 0) === 1;
}

/** Measurements per framework version over every organisation (system scope: the inspectorate's framework list). */
export async function measurementsPerFramework(q: Queryable): Promise<Map<string, number>> {
  const r = await q.execute<{ framework_id: string; n: number }>(sql`SELECT framework_id, count(*)::int AS n FROM maturity_measurement GROUP BY framework_id`);
  return new Map(r.rows.map((x) => [x.framework_id, x.n]));
}

/** True when the actor administers an inspectorate (a current 'administrator' grant there). */
export async function administersInspectorate(q: Queryable, orgIds: readonly string[]): Promise<boolean> {
  if (orgIds.length === 0) return false;
  const r = await q.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM organisation WHERE id = ANY(${uuidList(orgIds)}) AND kind = 'inspectorate'`);
  return r.rows[0].n > 0;
}

// Measurements ----------------------------------------------------------------------------------

export type MeasurementRow = {
  id: string; organisation_id: string; framework_id: string; kind: MeasurementKind; year: number; status: MeasurementStatus;
  created_by: string | null; created_by_name: string | null; created_at: Date; consolidation_started_at: Date | null;
  submitted_at: Date | null; approved_at: Date | null; approved_by: string | null; approved_by_name: string | null; revision: number;
  framework_code: string; framework_version: number; framework_title: LocalizedText; criterion_count: number; agreed_count: number;
};

const MEASUREMENT_SELECT = sql`SELECT m.id, m.organisation_id, m.framework_id, m.kind, m.year, m.status, m.created_by, cu.display_name AS created_by_name,
    m.created_at, m.consolidation_started_at, m.submitted_at, m.approved_at, m.approved_by, au.display_name AS approved_by_name, m.revision,
    f.code AS framework_code, f.version AS framework_version, f.title AS framework_title,
    (SELECT count(*)::int FROM maturity_criterion c WHERE c.framework_id = m.framework_id) AS criterion_count,
    (SELECT count(*)::int FROM maturity_agreement a WHERE a.organisation_id = m.organisation_id AND a.measurement_id = m.id) AS agreed_count
  FROM maturity_measurement m
  JOIN maturity_framework f ON f.id = m.framework_id
  LEFT JOIN app_user cu ON cu.id = m.created_by
  LEFT JOIN app_user au ON au.id = m.approved_by`;

const KIND_ORDER = sql`array_position(ARRAY['baseline','yearly','final'], m.kind)`;

/** The organisation's measurements, newest first; `assessorUserId` keeps only those naming that person. */
export async function listMeasurements(q: Queryable, orgId: string, assessorUserId: string | null): Promise<MeasurementRow[]> {
  const r = await q.execute<MeasurementRow>(sql`${MEASUREMENT_SELECT}
    WHERE m.organisation_id = ${orgId}
      AND (${assessorUserId}::uuid IS NULL OR EXISTS (SELECT 1 FROM maturity_assessor x WHERE x.organisation_id = m.organisation_id AND x.measurement_id = m.id AND x.user_id = ${assessorUserId}))
    ORDER BY m.year DESC, ${KIND_ORDER} DESC, m.created_at DESC`);
  return r.rows;
}

/** `lock`: 'update' for steps that change the measurement, 'share' for writes that depend on its status (scores). */
export async function findMeasurement(q: Queryable, orgId: string, id: string, opts: { lock?: 'update' | 'share' } = {}): Promise<MeasurementRow | undefined> {
  if (opts.lock) await q.execute(sql`SELECT 1 FROM maturity_measurement WHERE organisation_id = ${orgId} AND id = ${id} ${opts.lock === 'update' ? sql`FOR UPDATE` : sql`FOR SHARE`}`);
  const r = await q.execute<MeasurementRow>(sql`${MEASUREMENT_SELECT} WHERE m.organisation_id = ${orgId} AND m.id = ${id}`);
  return r.rows[0];
}

export async function insertMeasurement(q: Queryable, v: { orgId: string; frameworkId: string; kind: MeasurementKind; year: number; createdBy: string }): Promise<string> {
  const r = await q.execute<{ id: string }>(sql`INSERT INTO maturity_measurement (organisation_id, framework_id, kind, year, created_by)
    VALUES (${v.orgId}, ${v.frameworkId}, ${v.kind}, ${v.year}, ${v.createdBy}) RETURNING id`);
  return r.rows[0].id;
}

/** A lifecycle step or the assessor list: the revision moves; `expected` (when given) must match, else 409 with the record now. */
export async function stepMeasurement(q: Queryable, orgId: string, id: string, expected: number, set: Record<string, unknown>, current: () => Promise<unknown>) {
  return updateAtRevision(q, maturityMeasurement, and(eq(maturityMeasurement.organisationId, orgId), eq(maturityMeasurement.id, id))!, expected, set, current, 'maturity_measurement');
}

export async function deleteMeasurement(q: Queryable, orgId: string, id: string) {
  await q.execute(sql`DELETE FROM maturity_measurement WHERE organisation_id = ${orgId} AND id = ${id}`);
}

export type AssessorRow = { user_id: string; display_name: string; scored: number }

export async function assessorsOf(q: Queryable, orgId: string, measurementIds: readonly string[]): Promise<Map<string, AssessorRow[]>> {
  const out = new Map<string, AssessorRow[]>();
  if (measurementIds.length === 0) return out;
  const r = await q.execute<AssessorRow & { measurement_id: string }>(sql`
    SELECT x.measurement_id, x.user_id, u.display_name,
           (SELECT count(*)::int FROM maturity_score s WHERE s.organisation_id = x.organisation_id AND s.measurement_id = x.measurement_id AND s.assessor_user_id = x.user_id) AS scored
      FROM maturity_assessor x JOIN app_user u ON u.id = x.user_id
     WHERE x.organisation_id = ${orgId} AND x.measurement_id = ANY(${uuidList(measurementIds)})
     ORDER BY u.display_name, x.user_id`);
  for (const row of r.rows) {
    const list = out.get(row.measurement_id) ?? [];
    list.push({ user_id: row.user_id, display_name: row.display_name, scored: row.scored });
    out.set(row.measurement_id, list);
  }
  return out;
};

export async function setAssessors(q: Queryable, orgId: string, measurementId: string, userIds: readonly string[]) {
  await q.execute(sql`DELETE FROM maturity_assessor WHERE organisation_id = ${orgId} AND measurement_id = ${measurementId} AND NOT (user_id = ANY(${uuidList(userIds)}))`);
  // Scores of someone no longer an assessor go with them: only named assessors' scores count.
  await q.execute(sql`DELETE FROM maturity_score WHERE organisation_id = ${orgId} AND measurement_id = ${measurementId} AND NOT (assessor_user_id = ANY(${uuidList(userIds)}))`);
  await q.execute(sql`INSERT INTO maturity_assessor (organisation_id, measurement_id, user_id)
    SELECT ${orgId}, ${measurementId}, u FROM unnest(${uuidList(userIds)}) AS u ON CONFLICT DO NOTHING`);
}

/** People who may be named assessor: an enabled account with a current role in the organisation. */
export async function candidates(q: Queryable, orgId: string): Promise<{ user_id: string; display_name: string }[]> {
  const r = await q.execute<{ user_id: string; display_name: string }>(sql`
    SELECT DISTINCT u.id AS user_id, u.display_name FROM role_assignment ra JOIN app_user u ON u.id = ra.user_id
     WHERE ra.organisation_id = ${orgId} AND ${currentRoleCondition('ra')} AND u.disabled_at IS NULL
     ORDER BY u.display_name, u.id`);
  return r.rows;
}

// Scores and agreements -------------------------------------------------------------------------

export type ScoreRow = {
  criterion_id: string; assessor_user_id: string; display_name: string; level: number; evidence: string; revision: number; updated_at: Date;
};

/** Scores of a measurement; `assessorUserId` keeps one assessor's (the only ones readable while scoring). */
export async function scoresOf(q: Queryable, orgId: string, measurementId: string, assessorUserId: string | null): Promise<ScoreRow[]> {
  const r = await q.execute<ScoreRow>(sql`
    SELECT s.criterion_id, s.assessor_user_id, u.display_name, s.level, s.evidence, s.revision, s.updated_at
      FROM maturity_score s JOIN app_user u ON u.id = s.assessor_user_id
     WHERE s.organisation_id = ${orgId} AND s.measurement_id = ${measurementId}
       AND (${assessorUserId}::uuid IS NULL OR s.assessor_user_id = ${assessorUserId})`);
  return r.rows;
}

/** A first score: inserted only when none exists (else false: the caller answers 409 with the stored one). */
export async function insertScore(q: Queryable, v: { orgId: string; measurementId: string; criterionId: string; userId: string; level: number; evidence: string }): Promise<boolean> {
  const r = await q.execute(sql`INSERT INTO maturity_score (organisation_id, measurement_id, criterion_id, assessor_user_id, level, evidence)
    VALUES (${v.orgId}, ${v.measurementId}, ${v.criterionId}, ${v.userId}, ${v.level}, ${v.evidence})
    ON CONFLICT (measurement_id, criterion_id, assessor_user_id) DO NOTHING`);
  return (r.rowCount ?? 0) === 1;
}

export async function updateScore(q: Queryable, v: { orgId: string; measurementId: string; criterionId: string; userId: string; level: number; evidence: string }, expected: number, current: () => Promise<unknown>) {
  const s = maturityScore;
  return updateAtRevision(q, s, and(eq(s.organisationId, v.orgId), eq(s.measurementId, v.measurementId), eq(s.criterionId, v.criterionId), eq(s.assessorUserId, v.userId))!, expected,
    { level: v.level, evidence: v.evidence, updatedAt: new Date() }, current, 'maturity_score');
}

export type AgreementRow = {
  criterion_id: string; agreed_level: number; target_level: number; reason: string; decided_by: string | null; decided_by_name: string | null; updated_at: Date; revision: number;
};

export async function agreementsOf(q: Queryable, orgId: string, measurementIds: readonly string[]): Promise<(AgreementRow & { measurement_id: string })[]> {
  if (measurementIds.length === 0) return [];
  const r = await q.execute<AgreementRow & { measurement_id: string }>(sql`
    SELECT a.measurement_id, a.criterion_id, a.agreed_level, a.target_level, a.reason, a.decided_by, u.display_name AS decided_by_name, a.updated_at, a.revision
      FROM maturity_agreement a LEFT JOIN app_user u ON u.id = a.decided_by
     WHERE a.organisation_id = ${orgId} AND a.measurement_id = ANY(${uuidList(measurementIds)})`);
  return r.rows;
}

export async function insertAgreement(q: Queryable, v: { orgId: string; measurementId: string; criterionId: string; agreedLevel: number; targetLevel: number; reason: string; userId: string }): Promise<boolean> {
  const r = await q.execute(sql`INSERT INTO maturity_agreement (organisation_id, measurement_id, criterion_id, agreed_level, target_level, reason, decided_by)
    VALUES (${v.orgId}, ${v.measurementId}, ${v.criterionId}, ${v.agreedLevel}, ${v.targetLevel}, ${v.reason}, ${v.userId})
    ON CONFLICT (measurement_id, criterion_id) DO NOTHING`);
  return (r.rowCount ?? 0) === 1;
}

export async function updateAgreement(q: Queryable, v: { orgId: string; measurementId: string; criterionId: string; agreedLevel: number; targetLevel: number; reason: string; userId: string }, expected: number, current: () => Promise<unknown>) {
  const a = maturityAgreement;
  return updateAtRevision(q, a, and(eq(a.organisationId, v.orgId), eq(a.measurementId, v.measurementId), eq(a.criterionId, v.criterionId))!, expected,
    { agreedLevel: v.agreedLevel, targetLevel: v.targetLevel, reason: v.reason, decidedBy: v.userId, updatedAt: new Date() }, current, 'maturity_agreement');
}

// Plan links and earlier measurements -----------------------------------------------------------

export type LinkRow = {
  id: string; measurement_id: string; measurement_kind: MeasurementKind; measurement_year: number; criterion_id: string; criterion_code: string;
  kind: 'action' | 'objective'; plan_id: string; objective_id: string | null; action_id: string | null; created_at: Date;
};

export async function linksOf(q: Queryable, orgId: string, measurementIds: readonly string[]): Promise<LinkRow[]> {
  if (measurementIds.length === 0) return [];
  const r = await q.execute<LinkRow>(sql`
    SELECT l.id, l.measurement_id, m.kind AS measurement_kind, m.year AS measurement_year, l.criterion_id, c.code AS criterion_code,
           l.kind, l.plan_id, l.objective_id, l.action_id, l.created_at
      FROM maturity_plan_link l JOIN maturity_measurement m ON m.id = l.measurement_id AND m.organisation_id = l.organisation_id
      JOIN maturity_criterion c ON c.id = l.criterion_id
     WHERE l.organisation_id = ${orgId} AND l.measurement_id = ANY(${uuidList(measurementIds)})
     ORDER BY l.created_at, l.id`);
  return r.rows;
}

export async function insertLink(q: Queryable, v: { orgId: string; measurementId: string; criterionId: string; kind: 'action' | 'objective'; planId: string; objectiveId: string | null; actionId: string | null; userId: string }): Promise<string> {
  const r = await q.execute<{ id: string }>(sql`INSERT INTO maturity_plan_link (organisation_id, measurement_id, criterion_id, kind, plan_id, objective_id, action_id, created_by)
    VALUES (${v.orgId}, ${v.measurementId}, ${v.criterionId}, ${v.kind}, ${v.planId}, ${v.objectiveId}, ${v.actionId}, ${v.userId}) RETURNING id`);
  return r.rows[0].id;
}

/**
 * The measurement before this one: the organisation's latest other measurement past scoring that comes
 * earlier (by year, then baseline → yearly → final, then creation). Criteria are matched by code, so a
 * later framework version still compares with the earlier one.
 */
export async function previousMeasurement(q: Queryable, orgId: string, m: MeasurementRow): Promise<{ id: string; kind: MeasurementKind; year: number } | undefined> {
  const r = await q.execute<{ id: string; kind: MeasurementKind; year: number }>(sql`
    SELECT m.id, m.kind, m.year FROM maturity_measurement m
     WHERE m.organisation_id = ${orgId} AND m.id <> ${m.id} AND m.status <> 'scoring'
       AND (m.year, ${KIND_ORDER}, m.created_at) < (${m.year}::int, array_position(ARRAY['baseline','yearly','final'], ${m.kind}::text), ${iso(m.created_at)}::timestamptz)
     ORDER BY m.year DESC, ${KIND_ORDER} DESC, m.created_at DESC LIMIT 1`);
  return r.rows[0];
}

/** Agreed levels of a measurement by criterion code. */
export async function agreedByCode(q: Queryable, orgId: string, measurementId: string): Promise<Map<string, { agreed: number; target: number }>> {
  const r = await q.execute<{ code: string; agreed_level: number; target_level: number }>(sql`
    SELECT c.code, a.agreed_level, a.target_level FROM maturity_agreement a JOIN maturity_criterion c ON c.id = a.criterion_id
     WHERE a.organisation_id = ${orgId} AND a.measurement_id = ${measurementId}`);
  return new Map(r.rows.map((x) => [x.code, { agreed: x.agreed_level, target: x.target_level }]));
}

export type TrendRow = {
  id: string; kind: MeasurementKind; year: number; status: MeasurementStatus; framework_version: number; approved_at: Date | null;
  pillar: Pillar | null; function: ImfFunction | null; average: number | null; target_average: number | null;
};

/**
 * Per measurement past scoring: the average agreed and target level per pillar and per function
 * (grouping sets), over the criteria of its framework version: a pillar or function without an
 * agreed level yet has a row with null averages, as the matrix has an empty group.
 */
export async function trendRows(q: Queryable, orgId: string): Promise<TrendRow[]> {
  const r = await q.execute<TrendRow>(sql`
    SELECT m.id, m.kind, m.year, m.status, f.version AS framework_version, m.approved_at, c.pillar, c.function,
           avg(a.agreed_level)::float8 AS average, avg(a.target_level)::float8 AS target_average
      FROM maturity_measurement m
      JOIN maturity_framework f ON f.id = m.framework_id
      LEFT JOIN maturity_criterion c ON c.framework_id = m.framework_id
      LEFT JOIN maturity_agreement a ON a.organisation_id = m.organisation_id AND a.measurement_id = m.id AND a.criterion_id = c.id
     WHERE m.organisation_id = ${orgId} AND m.status <> 'scoring'
     GROUP BY GROUPING SETS ((m.id, m.kind, m.year, m.status, f.version, m.approved_at, m.created_at, c.pillar), (m.id, m.kind, m.year, m.status, f.version, m.approved_at, m.created_at, c.pillar, c.function))
     ORDER BY m.year, array_position(ARRAY['baseline','yearly','final'], m.kind), m.created_at`);
  return r.rows;
}

/** Measurements in scoring naming the user who has criteria left to score (home figure). */
export async function waitingScores(q: Queryable, orgId: string, userId: string): Promise<number> {
  const r = await q.execute<{ n: number }>(sql`
    SELECT count(*)::int AS n FROM maturity_measurement m JOIN maturity_assessor x ON x.organisation_id = m.organisation_id AND x.measurement_id = m.id AND x.user_id = ${userId}
     WHERE m.organisation_id = ${orgId} AND m.status = 'scoring'
       AND (SELECT count(*) FROM maturity_score s WHERE s.organisation_id = m.organisation_id AND s.measurement_id = m.id AND s.assessor_user_id = ${userId})
         < (SELECT count(*) FROM maturity_criterion c WHERE c.framework_id = m.framework_id)`);
  return r.rows[0].n;
}

export async function countByStatus(q: Queryable, orgId: string, status: MeasurementStatus): Promise<number> {
  const r = await q.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM maturity_measurement WHERE organisation_id = ${orgId} AND status = ${status}`);
  return r.rows[0].n;
}
