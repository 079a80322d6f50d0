import { sql } from 'drizzle-orm';
import type { Queryable } from '../../../platform/db/pool.js';

// Evaluations --------------------------------------------------------------------------------

export type EvaluationRow = {
  id: string; plan_id: string; year: number; done_text: string; indicators_text: string; changes_text: string;
  indicators_snapshot: unknown; status: 'draft' | 'approved'; approved_at: Date | null; approved_by: string | null; approver_name: string | null;
  created_at: Date; updated_at: Date; revision: number; submitted_at: Date | null;
}

const EVALUATION_SELECT = sql`
  SELECT v.id, v.plan_id, v.year, v.done_text, v.indicators_text, v.changes_text, v.indicators_snapshot, v.status, v.approved_at, v.approved_by,
         u.display_name AS approver_name, v.created_at, v.updated_at, v.revision, v.submitted_at
    FROM plan_evaluation v LEFT JOIN app_user u ON u.id = v.approved_by`;

export async function listEvaluations(q: Queryable, orgId: string, planId: string): Promise<EvaluationRow[]> {
  const r = await q.execute<EvaluationRow>(sql`${EVALUATION_SELECT} WHERE v.organisation_id = ${orgId} AND v.plan_id = ${planId} ORDER BY v.year`);
  return r.rows;
}

export async function findEvaluation(q: Queryable, orgId: string, planId: string, year: number, opts: { forUpdate?: boolean } = {}): Promise<EvaluationRow | undefined> {
  if (opts.forUpdate) await q.execute(sql`SELECT 1 FROM plan_evaluation WHERE organisation_id = ${orgId} AND plan_id = ${planId} AND year = ${year} FOR UPDATE`);
  const r = await q.execute<EvaluationRow>(sql`${EVALUATION_SELECT} WHERE v.organisation_id = ${orgId} AND v.plan_id = ${planId} AND v.year = ${year}`);
  return r.rows[0];
}

/** The approved evaluation of a year in the lineage that was in force then, for the yearly report. */
export async function approvedEvaluationOfYear(q: Queryable, orgId: string, year: number): Promise<EvaluationRow | undefined> {
  const r = await q.execute<EvaluationRow>(sql`
    ${EVALUATION_SELECT} WHERE v.organisation_id = ${orgId} AND v.year = ${year} AND v.status = 'approved'
    ORDER BY v.approved_at DESC LIMIT 1`);
  return r.rows[0];
}

export async function insertEvaluation(q: Queryable, v: { orgId: string; planId: string; year: number; doneText: string; indicatorsText: string; changesText: string; snapshot: unknown; by: string }): Promise<void> {
  await q.execute(sql`
    INSERT INTO plan_evaluation (organisation_id, plan_id, year, done_text, indicators_text, changes_text, indicators_snapshot, created_by)
    VALUES (${v.orgId}, ${v.planId}, ${v.year}, ${v.doneText}, ${v.indicatorsText}, ${v.changesText}, ${JSON.stringify(v.snapshot)}::jsonb, ${v.by})`);
}

export async function updateEvaluation(q: Queryable, orgId: string, id: string, v: { doneText?: string; indicatorsText?: string; changesText?: string; snapshot?: unknown; approvedBy?: string }): Promise<void> {
  await q.execute(sql`
    UPDATE plan_evaluation SET
      done_text = coalesce(${v.doneText ?? null}, done_text),
      indicators_text = coalesce(${v.indicatorsText ?? null}, indicators_text),
      changes_text = coalesce(${v.changesText ?? null}, changes_text),
      indicators_snapshot = coalesce(${v.snapshot === undefined ? null : JSON.stringify(v.snapshot)}::jsonb, indicators_snapshot),
      status = CASE WHEN ${v.approvedBy ?? null}::uuid IS NULL THEN status ELSE 'approved' END,
      approved_by = coalesce(${v.approvedBy ?? null}::uuid, approved_by),
      approved_at = CASE WHEN ${v.approvedBy ?? null}::uuid IS NULL THEN approved_at ELSE now() END,
      updated_at = now(), revision = revision + 1
     WHERE organisation_id = ${orgId} AND id = ${id}`);
}

/**
 * The actions of a year by their status at `asOf` (the end of the year, or today in the running year).
 * An action belongs to the year when its start–due span touches it, and also when it was still open
 * at the start of the year although due before it: work carried over from an earlier year, late.
 * Its status on a day is the one its owner last reported on or before that day (following copies
 * into newer versions back to their source), 'planned' before a first report, the stored status
 * when nobody ever reported on it; planned or in progress past its due date is late.
 */
export async function yearActionCounts(q: Queryable, orgId: string, planId: string, year: number, asOf: string): Promise<{ status: string; n: number }[]> {
  const r = await q.execute<{ status: string; n: number }>(sql`
    WITH RECURSIVE origin(action_id, source_id) AS (
      SELECT a.id, a.id FROM plan_action a WHERE a.organisation_id = ${orgId} AND a.plan_id = ${planId}
      UNION ALL
      SELECT o.action_id, s.source_action_id FROM origin o JOIN plan_action s ON s.id = o.source_id AND s.organisation_id = ${orgId}
       WHERE s.source_action_id IS NOT NULL
    ), reported AS (
      SELECT a.id, a.status AS stored, a.start_date, a.due_date,
             EXISTS (SELECT 1 FROM origin o JOIN plan_action_update x ON x.action_id = o.source_id WHERE o.action_id = a.id) AS ever,
             (SELECT x.status FROM origin o JOIN plan_action_update x ON x.action_id = o.source_id
               WHERE o.action_id = a.id AND x.at < make_date(${year}::int, 1, 1) ORDER BY x.at DESC, x.id DESC LIMIT 1) AS at_start,
             (SELECT x.status FROM origin o JOIN plan_action_update x ON x.action_id = o.source_id
               WHERE o.action_id = a.id AND x.at < ${asOf}::date + 1 ORDER BY x.at DESC, x.id DESC LIMIT 1) AS at_end
        FROM plan_action a WHERE a.organisation_id = ${orgId} AND a.plan_id = ${planId}
    ), dated AS (
      SELECT r.*, CASE WHEN r.ever THEN coalesce(r.at_start, 'planned') ELSE r.stored END AS status_start,
                  CASE WHEN r.ever THEN coalesce(r.at_end, 'planned') ELSE r.stored END AS status_end
        FROM reported r
    )
    SELECT CASE WHEN d.status_end IN ('planned', 'in_progress') AND d.due_date < ${asOf}::date THEN 'late' ELSE d.status_end END AS status,
           count(*)::int AS n
      FROM dated d
     WHERE (d.start_date IS NULL OR d.start_date <= make_date(${year}::int, 12, 31))
       AND (d.due_date IS NULL OR d.due_date >= make_date(${year}::int, 1, 1) OR d.status_start IN ('planned', 'in_progress'))
     GROUP BY 1`);
  return r.rows;
}

export async function markEvaluationSubmitted(q: Queryable, orgId: string, evaluationId: string, by: string): Promise<void> {
  await q.execute(sql`
    UPDATE plan_evaluation SET submitted_at = now(), submitted_by = ${by}, updated_at = now(), revision = revision + 1
     WHERE organisation_id = ${orgId} AND id = ${evaluationId}`);
}

/** The most recent approved evaluation of a plan or of an earlier version of it (the plan's section 6). */
export async function latestApprovedEvaluation(q: Queryable, orgId: string, p: { lineage_id: string; version: number }): Promise<EvaluationRow | undefined> {
  const r = await q.execute<EvaluationRow>(sql`
    ${EVALUATION_SELECT} JOIN plan p ON p.id = v.plan_id AND p.organisation_id = ${orgId}
     WHERE v.organisation_id = ${orgId} AND v.status = 'approved' AND p.lineage_id = ${p.lineage_id} AND p.version <= ${p.version}
     ORDER BY v.year DESC, p.version DESC LIMIT 1`);
  return r.rows[0];
}
