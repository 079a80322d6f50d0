/** Queries of the risk analysis; every query filters on the organisation of the route (and runs under its row-level security). */
import { and, eq, sql } from 'drizzle-orm';
import { currentRoleCondition } from '../../platform/authz/current-role.js';
import type { Queryable } from '../../platform/db/pool.js';
import { updateAtRevision } from '../../platform/db/revision.js';
import { uuidList } from '../../platform/db/uuid-list.js';
import { effectiveStatus } from '../plan/repo.js';
import type { AnalysisStatus, ControlType, Effectiveness, ProcessKind, RecommendationStatus } from './contract.js';
import { riskAgreement, riskAnalysis, riskControl, riskProcess, riskRecommendation, riskScore, riskSettings, type RiskBand, type RiskFactors } from './schema.js';

export const iso = (d: Date | string | null | undefined) => (d == null ? null : (d instanceof Date ? d : new Date(d)).toISOString());
/** A `date` column as YYYY-MM-DD. */
export const day = (d: Date | string | null | undefined) => (d == null ? null : typeof d === 'string' ? d.slice(0, 10) : d.toISOString().slice(0, 10));
const PERSON_NAME = (alias: string) => sql.raw(`(${alias}.first_name || ' ' || ${alias}.last_name)`);

// Settings --------------------------------------------------------------------------------------

export type SettingsRow = { likelihood_levels: number; impact_levels: number; matrix: RiskBand[][]; revision: number };

export async function findSettings(q: Queryable, orgId: string): Promise<SettingsRow | undefined> {
  const r = await q.execute<SettingsRow>(sql`SELECT likelihood_levels, impact_levels, matrix, revision FROM risk_settings WHERE organisation_id = ${orgId}`);
  return r.rows[0];
}

export async function insertSettings(q: Queryable, v: { orgId: string; likelihood: number; impact: number; matrix: RiskBand[][]; userId: string }): Promise<boolean> {
  const r = await q.execute(sql`INSERT INTO risk_settings (organisation_id, likelihood_levels, impact_levels, matrix, updated_by)
    VALUES (${v.orgId}, ${v.likelihood}, ${v.impact}, ${JSON.stringify(v.matrix)}::jsonb, ${v.userId}) ON CONFLICT (organisation_id) DO NOTHING`);
  return (r.rowCount ?? 0) === 1;
}

export async function updateSettings(q: Queryable, v: { orgId: string; likelihood: number; impact: number; matrix: RiskBand[][]; userId: string }, expected: number, current: () => Promise<unknown>) {
  return updateAtRevision(q, riskSettings, eq(riskSettings.organisationId, v.orgId), expected,
    { likelihoodLevels: v.likelihood, impactLevels: v.impact, matrix: v.matrix, updatedBy: v.userId, updatedAt: new Date() }, current, 'risk_settings');
}

// Inventory -------------------------------------------------------------------------------------

export type ProcessRow = {
  id: string; kind: ProcessKind; name: string; description: string; catalogue_code: string | null;
  owner_person_id: string | null; owner_name: string | null; review_date: string | null; review_overdue: boolean;
  archived: boolean; created_at: Date; revision: number;
};

const PROCESS_SELECT = sql`SELECT p.id, p.kind, p.name, p.description, p.catalogue_code, p.owner_person_id, ${PERSON_NAME('o')} AS owner_name,
    to_char(p.review_date, 'YYYY-MM-DD') AS review_date, coalesce(p.review_date < current_date, false) AS review_overdue, p.archived, p.created_at, p.revision
  FROM risk_process p LEFT JOIN person o ON o.id = p.owner_person_id AND o.organisation_id = p.organisation_id`;

export async function listProcesses(q: Queryable, orgId: string, withArchived: boolean): Promise<ProcessRow[]> {
  const r = await q.execute<ProcessRow>(sql`${PROCESS_SELECT} WHERE p.organisation_id = ${orgId} AND (${withArchived} OR NOT p.archived) ORDER BY p.archived, lower(p.name), p.id`);
  return r.rows;
}

export async function processesById(q: Queryable, orgId: string, ids: readonly string[]): Promise<ProcessRow[]> {
  if (ids.length === 0) return [];
  const r = await q.execute<ProcessRow>(sql`${PROCESS_SELECT} WHERE p.organisation_id = ${orgId} AND p.id = ANY(${uuidList(ids)}) ORDER BY lower(p.name), p.id`);
  return r.rows;
}

export async function insertProcess(q: Queryable, v: { orgId: string; kind: ProcessKind; name: string; description: string; catalogueCode: string | null; ownerPersonId: string | null; reviewDate: string | null; userId: string }): Promise<string | null> {
  const r = await q.execute<{ id: string }>(sql`INSERT INTO risk_process (organisation_id, kind, name, description, catalogue_code, owner_person_id, review_date, created_by)
    VALUES (${v.orgId}, ${v.kind}, ${v.name}, ${v.description}, ${v.catalogueCode}, ${v.ownerPersonId}, ${v.reviewDate}, ${v.userId})
    ON CONFLICT (organisation_id, catalogue_code) DO NOTHING RETURNING id`);
  return r.rows[0]?.id ?? null;
}

export async function updateProcess(q: Queryable, orgId: string, id: string, set: Record<string, unknown>, expected: number, current: () => Promise<unknown>) {
  return updateAtRevision(q, riskProcess, and(eq(riskProcess.organisationId, orgId), eq(riskProcess.id, id))!, expected, set, current, 'risk_process');
}

export async function catalogueCodesOf(q: Queryable, orgId: string): Promise<Set<string>> {
  const r = await q.execute<{ code: string }>(sql`SELECT catalogue_code AS code FROM risk_process WHERE organisation_id = ${orgId} AND catalogue_code IS NOT NULL`);
  return new Set(r.rows.map((x) => x.code));
}

/** Current staff of the HR list (no end date in the past): the owners one may choose. */
export async function ownerCandidates(q: Queryable, orgId: string): Promise<{ person_id: string; display_name: string }[]> {
  const r = await q.execute<{ person_id: string; display_name: string }>(sql`
    SELECT p.id AS person_id, ${PERSON_NAME('p')} AS display_name FROM person p
     WHERE p.organisation_id = ${orgId} AND (p.end_date IS NULL OR p.end_date >= current_date)
     ORDER BY p.last_name, p.first_name, p.id`);
  return r.rows;
}

export async function personExists(q: Queryable, orgId: string, personId: string): Promise<boolean> {
  const r = await q.execute(sql`SELECT 1 FROM person WHERE organisation_id = ${orgId} AND id = ${personId}`);
  return (r.rowCount ?? r.rows.length) > 0;
}

/** People who may take part: an enabled account with a current role in the organisation. */
export async function participantCandidates(q: Queryable, orgId: string): Promise<{ user_id: string; display_name: string }[]> {
  const r = await q.execute<{ user_id: string; display_name: string }>(sql`
    SELECT DISTINCT u.id AS user_id, u.display_name FROM role_assignment ra JOIN app_user u ON u.id = ra.user_id
     WHERE ra.organisation_id = ${orgId} AND ${currentRoleCondition('ra')} AND u.disabled_at IS NULL
     ORDER BY u.display_name, u.id`);
  return r.rows;
}

// Analyses --------------------------------------------------------------------------------------

export type AnalysisRow = {
  id: string; title: string; scope_note: string; status: AnalysisStatus; moderator_user_id: string | null; moderator_name: string | null;
  likelihood_levels: number; impact_levels: number; matrix: RiskBand[][];
  created_at: Date; started_at: Date | null; consolidation_started_at: Date | null; completed_at: Date | null; revision: number;
  process_count: number; agreed_count: number;
};

const ANALYSIS_SELECT = sql`SELECT m.id, m.title, m.scope_note, m.status, m.moderator_user_id, mu.display_name AS moderator_name,
    m.likelihood_levels, m.impact_levels, m.matrix, m.created_at, m.started_at, m.consolidation_started_at, m.completed_at, m.revision,
    (SELECT count(*)::int FROM risk_analysis_process s WHERE s.organisation_id = m.organisation_id AND s.analysis_id = m.id) AS process_count,
    (SELECT count(*)::int FROM risk_agreement a WHERE a.organisation_id = m.organisation_id AND a.analysis_id = m.id) AS agreed_count
  FROM risk_analysis m LEFT JOIN app_user mu ON mu.id = m.moderator_user_id`;

/** The organisation's analyses, newest first; `participantUserId` keeps only those naming that person. */
export async function listAnalyses(q: Queryable, orgId: string, participantUserId: string | null): Promise<AnalysisRow[]> {
  const r = await q.execute<AnalysisRow>(sql`${ANALYSIS_SELECT}
    WHERE m.organisation_id = ${orgId}
      AND (${participantUserId}::uuid IS NULL OR EXISTS (SELECT 1 FROM risk_participant x WHERE x.organisation_id = m.organisation_id AND x.analysis_id = m.id AND x.user_id = ${participantUserId}))
    ORDER BY m.created_at DESC, m.id`);
  return r.rows;
}

export async function findAnalysis(q: Queryable, orgId: string, id: string, opts: { lock?: 'update' | 'share' } = {}): Promise<AnalysisRow | undefined> {
  if (opts.lock) await q.execute(sql`SELECT 1 FROM risk_analysis WHERE organisation_id = ${orgId} AND id = ${id} ${opts.lock === 'update' ? sql`FOR UPDATE` : sql`FOR SHARE`}`);
  const r = await q.execute<AnalysisRow>(sql`${ANALYSIS_SELECT} WHERE m.organisation_id = ${orgId} AND m.id = ${id}`);
  return r.rows[0];
}

/** The latest completed analysis of the organisation. */
export async function latestCompleted(q: Queryable, orgId: string): Promise<AnalysisRow | undefined> {
  const r = await q.execute<AnalysisRow>(sql`${ANALYSIS_SELECT} WHERE m.organisation_id = ${orgId} AND m.status = 'completed' ORDER BY m.completed_at DESC, m.id LIMIT 1`);
  return r.rows[0];
}

export async function insertAnalysis(q: Queryable, v: { orgId: string; title: string; scopeNote: string; moderator: string; likelihood: number; impact: number; matrix: RiskBand[][] }): Promise<string> {
  const r = await q.execute<{ id: string }>(sql`INSERT INTO risk_analysis (organisation_id, title, scope_note, moderator_user_id, likelihood_levels, impact_levels, matrix)
    VALUES (${v.orgId}, ${v.title}, ${v.scopeNote}, ${v.moderator}, ${v.likelihood}, ${v.impact}, ${JSON.stringify(v.matrix)}::jsonb) RETURNING id`);
  return r.rows[0].id;
}

/** A step or an edit of the analysis: the revision moves; `expected` must match, else 409 with the record now. */
export async function stepAnalysis(q: Queryable, orgId: string, id: string, expected: number, set: Record<string, unknown>, current: () => Promise<unknown>) {
  return updateAtRevision(q, riskAnalysis, and(eq(riskAnalysis.organisationId, orgId), eq(riskAnalysis.id, id))!, expected, set, current, 'risk_analysis');
}

export async function deleteAnalysis(q: Queryable, orgId: string, id: string) {
  await q.execute(sql`DELETE FROM risk_analysis WHERE organisation_id = ${orgId} AND id = ${id}`);
}

export async function setScope(q: Queryable, orgId: string, analysisId: string, processIds: readonly string[]) {
  await q.execute(sql`DELETE FROM risk_analysis_process WHERE organisation_id = ${orgId} AND analysis_id = ${analysisId} AND NOT (process_id = ANY(${uuidList(processIds)}))`);
  await q.execute(sql`INSERT INTO risk_analysis_process (organisation_id, analysis_id, process_id)
    SELECT ${orgId}, ${analysisId}, p FROM unnest(${uuidList(processIds)}) AS p ON CONFLICT DO NOTHING`);
}

export async function scopeOf(q: Queryable, orgId: string, analysisId: string): Promise<ProcessRow[]> {
  const r = await q.execute<ProcessRow>(sql`${PROCESS_SELECT}
    JOIN risk_analysis_process s ON s.organisation_id = p.organisation_id AND s.process_id = p.id AND s.analysis_id = ${analysisId}
    WHERE p.organisation_id = ${orgId} ORDER BY lower(p.name), p.id`);
  return r.rows;
}

export type ParticipantRow = { user_id: string; display_name: string; scored: number };

export async function participantsOf(q: Queryable, orgId: string, analysisIds: readonly string[]): Promise<Map<string, ParticipantRow[]>> {
  const out = new Map<string, ParticipantRow[]>();
  if (analysisIds.length === 0) return out;
  const r = await q.execute<ParticipantRow & { analysis_id: string }>(sql`
    SELECT x.analysis_id, x.user_id, u.display_name,
           (SELECT count(*)::int FROM risk_score s WHERE s.organisation_id = x.organisation_id AND s.analysis_id = x.analysis_id AND s.participant_user_id = x.user_id) AS scored
      FROM risk_participant x JOIN app_user u ON u.id = x.user_id
     WHERE x.organisation_id = ${orgId} AND x.analysis_id = ANY(${uuidList(analysisIds)})
     ORDER BY u.display_name, x.user_id`);
  for (const row of r.rows) {
    const list = out.get(row.analysis_id) ?? [];
    list.push({ user_id: row.user_id, display_name: row.display_name, scored: row.scored });
    out.set(row.analysis_id, list);
  }
  return out;
}

export async function setParticipants(q: Queryable, orgId: string, analysisId: string, userIds: readonly string[]) {
  await q.execute(sql`DELETE FROM risk_participant WHERE organisation_id = ${orgId} AND analysis_id = ${analysisId} AND NOT (user_id = ANY(${uuidList(userIds)}))`);
  // Scores of someone no longer a participant go with them: only participants' scores count.
  await q.execute(sql`DELETE FROM risk_score WHERE organisation_id = ${orgId} AND analysis_id = ${analysisId} AND NOT (participant_user_id = ANY(${uuidList(userIds)}))`);
  await q.execute(sql`INSERT INTO risk_participant (organisation_id, analysis_id, user_id)
    SELECT ${orgId}, ${analysisId}, u FROM unnest(${uuidList(userIds)}) AS u ON CONFLICT DO NOTHING`);
}

// Scores and agreements -------------------------------------------------------------------------

export type ScoreRow = {
  process_id: string; participant_user_id: string; inherent: RiskFactors; aggravating: RiskFactors; likelihood: number; impact: number;
  comment: string; revision: number; updated_at: Date;
};

/** Scores of an analysis; `userId` keeps one participant's (the only ones readable before consolidation). */
export async function scoresOf(q: Queryable, orgId: string, analysisId: string, userId: string | null): Promise<ScoreRow[]> {
  const r = await q.execute<ScoreRow>(sql`
    SELECT s.process_id, s.participant_user_id, s.inherent, s.aggravating, s.likelihood, s.impact, s.comment, s.revision, s.updated_at
      FROM risk_score s WHERE s.organisation_id = ${orgId} AND s.analysis_id = ${analysisId}
       AND (${userId}::uuid IS NULL OR s.participant_user_id = ${userId})`);
  return r.rows;
}

export type ScoreValues = { inherent: RiskFactors; aggravating: RiskFactors; likelihood: number; impact: number; comment: string };

export async function insertScore(q: Queryable, v: { orgId: string; analysisId: string; processId: string; userId: string } & ScoreValues): Promise<boolean> {
  const r = await q.execute(sql`INSERT INTO risk_score (organisation_id, analysis_id, process_id, participant_user_id, inherent, aggravating, likelihood, impact, comment)
    VALUES (${v.orgId}, ${v.analysisId}, ${v.processId}, ${v.userId}, ${JSON.stringify(v.inherent)}::jsonb, ${JSON.stringify(v.aggravating)}::jsonb, ${v.likelihood}, ${v.impact}, ${v.comment})
    ON CONFLICT (analysis_id, process_id, participant_user_id) DO NOTHING`);
  return (r.rowCount ?? 0) === 1;
}

export async function updateScore(q: Queryable, v: { orgId: string; analysisId: string; processId: string; userId: string } & ScoreValues, expected: number, current: () => Promise<unknown>) {
  const s = riskScore;
  return updateAtRevision(q, s, and(eq(s.organisationId, v.orgId), eq(s.analysisId, v.analysisId), eq(s.processId, v.processId), eq(s.participantUserId, v.userId))!, expected,
    { inherent: v.inherent, aggravating: v.aggravating, likelihood: v.likelihood, impact: v.impact, comment: v.comment, updatedAt: new Date() }, current, 'risk_score');
}

export type AgreementRow = ScoreRow & {
  analysis_id: string; risk_score: number; band: RiskBand; vulnerability: RiskBand; reason: string; decided_by: string | null; decided_by_name: string | null;
};

export async function agreementsOf(q: Queryable, orgId: string, analysisIds: readonly string[]): Promise<AgreementRow[]> {
  if (analysisIds.length === 0) return [];
  const r = await q.execute<AgreementRow>(sql`
    SELECT a.analysis_id, a.process_id, NULL AS participant_user_id, a.inherent, a.aggravating, a.likelihood, a.impact, a.risk_score, a.band, a.vulnerability,
           a.comment, a.reason, a.decided_by, u.display_name AS decided_by_name, a.updated_at, a.revision
      FROM risk_agreement a LEFT JOIN app_user u ON u.id = a.decided_by
     WHERE a.organisation_id = ${orgId} AND a.analysis_id = ANY(${uuidList(analysisIds)})`);
  return r.rows;
}

export type AgreementValues = ScoreValues & { riskScore: number; band: RiskBand; vulnerability: RiskBand; reason: string };

export async function insertAgreement(q: Queryable, v: { orgId: string; analysisId: string; processId: string; userId: string } & AgreementValues): Promise<boolean> {
  const r = await q.execute(sql`INSERT INTO risk_agreement (organisation_id, analysis_id, process_id, inherent, aggravating, likelihood, impact, risk_score, band, vulnerability, comment, reason, decided_by)
    VALUES (${v.orgId}, ${v.analysisId}, ${v.processId}, ${JSON.stringify(v.inherent)}::jsonb, ${JSON.stringify(v.aggravating)}::jsonb, ${v.likelihood}, ${v.impact},
            ${v.riskScore}, ${v.band}, ${v.vulnerability}, ${v.comment}, ${v.reason}, ${v.userId})
    ON CONFLICT (analysis_id, process_id) DO NOTHING`);
  return (r.rowCount ?? 0) === 1;
}

export async function updateAgreement(q: Queryable, v: { orgId: string; analysisId: string; processId: string; userId: string } & AgreementValues, expected: number, current: () => Promise<unknown>) {
  const a = riskAgreement;
  return updateAtRevision(q, a, and(eq(a.organisationId, v.orgId), eq(a.analysisId, v.analysisId), eq(a.processId, v.processId))!, expected,
    { inherent: v.inherent, aggravating: v.aggravating, likelihood: v.likelihood, impact: v.impact, riskScore: v.riskScore, band: v.band, vulnerability: v.vulnerability,
      comment: v.comment, reason: v.reason, decidedBy: v.userId, updatedAt: new Date() }, current, 'risk_agreement');
}

// Controls and recommendations ------------------------------------------------------------------

export type ControlRow = { id: string; analysis_id: string; process_id: string; description: string; type: ControlType; effectiveness: Effectiveness; revision: number };

export async function controlsOf(q: Queryable, orgId: string, analysisId: string): Promise<ControlRow[]> {
  const r = await q.execute<ControlRow>(sql`SELECT id, analysis_id, process_id, description, type, effectiveness, revision FROM risk_control
    WHERE organisation_id = ${orgId} AND analysis_id = ${analysisId} ORDER BY created_at, id`);
  return r.rows;
}

export async function insertControl(q: Queryable, v: { orgId: string; analysisId: string; processId: string; description: string; type: ControlType; effectiveness: Effectiveness }): Promise<string> {
  const r = await q.execute<{ id: string }>(sql`INSERT INTO risk_control (organisation_id, analysis_id, process_id, description, type, effectiveness)
    VALUES (${v.orgId}, ${v.analysisId}, ${v.processId}, ${v.description}, ${v.type}, ${v.effectiveness}) RETURNING id`);
  return r.rows[0].id;
}

export async function updateControl(q: Queryable, orgId: string, analysisId: string, id: string, set: Record<string, unknown>, expected: number, current: () => Promise<unknown>) {
  const c = riskControl;
  return updateAtRevision(q, c, and(eq(c.organisationId, orgId), eq(c.analysisId, analysisId), eq(c.id, id))!, expected, set, current, 'risk_control');
}

export async function deleteControl(q: Queryable, orgId: string, analysisId: string, id: string): Promise<boolean> {
  const r = await q.execute(sql`DELETE FROM risk_control WHERE organisation_id = ${orgId} AND analysis_id = ${analysisId} AND id = ${id}`);
  return (r.rowCount ?? 0) === 1;
}

export type RecommendationRow = {
  id: string; analysis_id: string; process_id: string; text: string; owner_person_id: string | null; owner_name: string | null;
  due_date: string | null; status: RecommendationStatus; late: boolean;
  plan_kind: 'action' | 'objective' | null; plan_id: string | null; plan_objective_id: string | null; plan_action_id: string | null;
  entry_code: string | null; entry_title: string | null; entry_status: string | null; entry_progress: number | null;
  created_at: Date; revision: number;
};

const RECOMMENDATION_SELECT = sql`SELECT r.id, r.analysis_id, r.process_id, r.text, r.owner_person_id, ${PERSON_NAME('o')} AS owner_name,
    to_char(r.due_date, 'YYYY-MM-DD') AS due_date, r.status, coalesce(r.status IN ('open', 'in_progress') AND r.due_date < current_date, false) AS late,
    r.plan_kind, r.plan_id, r.plan_objective_id, r.plan_action_id,
    CASE WHEN r.plan_kind = 'action' THEN a.code ELSE po.code END AS entry_code,
    CASE WHEN r.plan_kind = 'action' THEN a.title ELSE po.title END AS entry_title,
    CASE WHEN r.plan_kind = 'action' AND a.id IS NOT NULL THEN ${effectiveStatus()} END AS entry_status,
    CASE WHEN r.plan_kind = 'action' THEN a.progress END AS entry_progress,
    r.created_at, r.revision
  FROM risk_recommendation r
  LEFT JOIN person o ON o.id = r.owner_person_id AND o.organisation_id = r.organisation_id
  LEFT JOIN plan_action a ON a.id = r.plan_action_id AND a.organisation_id = r.organisation_id
  LEFT JOIN plan_objective po ON po.id = r.plan_objective_id AND po.organisation_id = r.organisation_id`;

export async function recommendationsOf(q: Queryable, orgId: string, analysisIds: readonly string[]): Promise<RecommendationRow[]> {
  if (analysisIds.length === 0) return [];
  const r = await q.execute<RecommendationRow>(sql`${RECOMMENDATION_SELECT} WHERE r.organisation_id = ${orgId} AND r.analysis_id = ANY(${uuidList(analysisIds)}) ORDER BY r.created_at, r.id`);
  return r.rows;
}

export async function findRecommendation(q: Queryable, orgId: string, analysisId: string, id: string): Promise<RecommendationRow | undefined> {
  const r = await q.execute<RecommendationRow>(sql`${RECOMMENDATION_SELECT} WHERE r.organisation_id = ${orgId} AND r.analysis_id = ${analysisId} AND r.id = ${id}`);
  return r.rows[0];
}

export async function insertRecommendation(q: Queryable, v: { orgId: string; analysisId: string; processId: string; text: string; ownerPersonId: string | null; dueDate: string | null; userId: string }): Promise<string> {
  const r = await q.execute<{ id: string }>(sql`INSERT INTO risk_recommendation (organisation_id, analysis_id, process_id, text, owner_person_id, due_date, created_by)
    VALUES (${v.orgId}, ${v.analysisId}, ${v.processId}, ${v.text}, ${v.ownerPersonId}, ${v.dueDate}, ${v.userId}) RETURNING id`);
  return r.rows[0].id;
}

export async function updateRecommendation(q: Queryable, orgId: string, analysisId: string, id: string, set: Record<string, unknown>, expected: number, current: () => Promise<unknown>) {
  const x = riskRecommendation;
  return updateAtRevision(q, x, and(eq(x.organisationId, orgId), eq(x.analysisId, analysisId), eq(x.id, id))!, expected, set, current, 'risk_recommendation');
}

export async function deleteRecommendation(q: Queryable, orgId: string, analysisId: string, id: string): Promise<boolean> {
  const r = await q.execute(sql`DELETE FROM risk_recommendation WHERE organisation_id = ${orgId} AND analysis_id = ${analysisId} AND id = ${id}`);
  return (r.rowCount ?? 0) === 1;
}

/** Links a recommendation to the plan entry it became; false when it was linked in the meantime. */
export async function linkRecommendation(q: Queryable, orgId: string, id: string, v: { kind: 'action' | 'objective'; planId: string; objectiveId: string | null; actionId: string | null }): Promise<boolean> {
  const r = await q.execute(sql`UPDATE risk_recommendation SET plan_kind = ${v.kind}, plan_id = ${v.planId}, plan_objective_id = ${v.objectiveId}, plan_action_id = ${v.actionId},
      linked_at = now(), revision = revision + 1
    WHERE organisation_id = ${orgId} AND id = ${id} AND plan_kind IS NULL`);
  return (r.rowCount ?? 0) === 1;
}

// Register and home -----------------------------------------------------------------------------

export type RegisterRow = ProcessRow & {
  /** The agreed assessment of the latest completed analysis that covered the process; all null: never analysed. */
  analysis_id: string | null; analysis_title: string | null; completed_at: Date | null;
  likelihood: number | null; impact: number | null; risk_score: number | null; band: RiskBand | null; vulnerability: RiskBand | null;
  open_recommendations: number; late_recommendations: number; late_actions: number;
  /** A recommendation of that latest analysis is in the plan (and not dropped). */
  latest_linked: boolean;
};

/**
 * The register in one statement: every process of the inventory (not archived) with the agreed
 * assessment of the latest completed analysis that covered it and the follow-up of its
 * recommendations over all analyses (open and in progress, late, late plan actions), counted in the
 * database rather than every recommendation sent to the server.
 */
export async function registerRows(q: Queryable, orgId: string): Promise<RegisterRow[]> {
  const r = await q.execute<RegisterRow>(sql`
    WITH proc AS (${PROCESS_SELECT} WHERE p.organisation_id = ${orgId} AND NOT p.archived),
    latest AS (
      SELECT DISTINCT ON (a.process_id) a.process_id, m.id AS analysis_id, m.title AS analysis_title, m.completed_at,
             a.likelihood, a.impact, a.risk_score, a.band, a.vulnerability
        FROM risk_agreement a JOIN risk_analysis m ON m.organisation_id = a.organisation_id AND m.id = a.analysis_id
       WHERE a.organisation_id = ${orgId} AND m.status = 'completed'
       ORDER BY a.process_id, m.completed_at DESC, m.id),
    -- The organisation's late plan actions, once: a set the recommendations are looked up in (joining
    -- plan_action per recommendation made the planner loop over every pair under row-level security).
    late_action AS (SELECT a.id FROM plan_action a WHERE a.organisation_id = ${orgId} AND ${effectiveStatus()} = 'late'),
    follow AS (
      SELECT r.process_id,
             count(*) FILTER (WHERE r.status IN ('open', 'in_progress'))::int AS open_recommendations,
             count(*) FILTER (WHERE r.status IN ('open', 'in_progress') AND r.due_date < current_date)::int AS late_recommendations,
             count(*) FILTER (WHERE r.status <> 'dropped' AND r.plan_kind = 'action' AND r.plan_action_id IN (SELECT id FROM late_action))::int AS late_actions,
             array_agg(DISTINCT r.analysis_id) FILTER (WHERE r.plan_kind IS NOT NULL AND r.status <> 'dropped') AS linked
        FROM risk_recommendation r
       WHERE r.organisation_id = ${orgId}
       GROUP BY r.process_id)
    SELECT proc.*, l.analysis_id, l.analysis_title, l.completed_at, l.likelihood, l.impact, l.risk_score, l.band, l.vulnerability,
           coalesce(f.open_recommendations, 0) AS open_recommendations, coalesce(f.late_recommendations, 0) AS late_recommendations,
           coalesce(f.late_actions, 0) AS late_actions, coalesce(l.analysis_id = ANY(f.linked), false) AS latest_linked
      FROM proc LEFT JOIN latest l ON l.process_id = proc.id LEFT JOIN follow f ON f.process_id = proc.id
     ORDER BY lower(proc.name), proc.id`);
  return r.rows;
}

/** The heat map's placements: every agreed process of the analysis on its cell, by name. */
export async function heatmapPlacements(q: Queryable, orgId: string, analysisId: string): Promise<(Pick<ProcessRow, 'id' | 'kind' | 'name' | 'catalogue_code'> & { likelihood: number; impact: number })[]> {
  const r = await q.execute<Pick<ProcessRow, 'id' | 'kind' | 'name' | 'catalogue_code'> & { likelihood: number; impact: number }>(sql`
    SELECT p.id, p.kind, p.name, p.catalogue_code, a.likelihood, a.impact
      FROM risk_agreement a JOIN risk_process p ON p.organisation_id = a.organisation_id AND p.id = a.process_id
     WHERE a.organisation_id = ${orgId} AND a.analysis_id = ${analysisId}
     ORDER BY lower(p.name), p.id`);
  return r.rows;
}

/** Processes of analyses in scoring naming the user that the user has not scored yet (home figure). */
export async function myUnscored(q: Queryable, orgId: string, userId: string): Promise<number> {
  const r = await q.execute<{ n: number }>(sql`
    SELECT count(*)::int AS n FROM risk_analysis m
      JOIN risk_participant x ON x.organisation_id = m.organisation_id AND x.analysis_id = m.id AND x.user_id = ${userId}
      JOIN risk_analysis_process s ON s.organisation_id = m.organisation_id AND s.analysis_id = m.id
     WHERE m.organisation_id = ${orgId} AND m.status = 'scoring'
       AND NOT EXISTS (SELECT 1 FROM risk_score sc WHERE sc.organisation_id = m.organisation_id AND sc.analysis_id = m.id AND sc.process_id = s.process_id AND sc.participant_user_id = ${userId})`);
  return r.rows[0].n;
}

export async function reviewsDue(q: Queryable, orgId: string): Promise<number> {
  const r = await q.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM risk_process WHERE organisation_id = ${orgId} AND NOT archived AND review_date <= current_date`);
  return r.rows[0].n;
}

export async function countByStatus(q: Queryable, orgId: string, status: AnalysisStatus): Promise<number> {
  const r = await q.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM risk_analysis WHERE organisation_id = ${orgId} AND status = ${status}`);
  return r.rows[0].n;
}
