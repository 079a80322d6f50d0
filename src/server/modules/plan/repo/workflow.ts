import { sql } from 'drizzle-orm';
import { currentRoleCondition } from '../../../platform/authz/current-role.js';
import type { Queryable } from '../../../platform/db/pool.js';
import type { PlanStatus } from '../contract.js';
import { pgArray } from './shared.js';

// Workflow: who is told, what waits, which plans a plan in force replaces ---------------------------

/** The users holding one of `roles` in the organisation today, with an enabled account: whom a step concerns. */
export async function planRecipients(q: Queryable, orgId: string, roles: readonly string[], exceptUserId: string | null = null): Promise<{ id: string; email: string; locale: string }[]> {
  const r = await q.execute<{ id: string; email: string; locale: string }>(sql`
    SELECT DISTINCT u.id, u.email, u.locale
      FROM role_assignment ra JOIN app_user u ON u.id = ra.user_id AND u.disabled_at IS NULL
     WHERE ra.organisation_id = ${orgId} AND ra.role = ANY(${pgArray([...roles])}::text[]) AND ${currentRoleCondition('ra')}
       AND u.id IS DISTINCT FROM ${exceptUserId}::uuid
     ORDER BY u.id`);
  return r.rows;
}

export type PlanRef = { id: string; lineage_id: string; title: string; version: number; status: PlanStatus; period_from: number; period_to: number };

/**
 * Plans a plan going in force (or approved to go in force) replaces: those of other lineages approved
 * or in force for any of its years; and the other approved or in-force versions of its own lineage.
 */
export async function replaceablePlans(q: Queryable, orgId: string, p: { id: string; lineage_id: string; period_from: number; period_to: number }): Promise<PlanRef[]> {
  const r = await q.execute<PlanRef>(sql`
    SELECT id, lineage_id, title, version, status, period_from, period_to FROM plan
     WHERE organisation_id = ${orgId} AND id <> ${p.id} AND status IN ('approved', 'in_force')
       AND (lineage_id = ${p.lineage_id}
            OR int4range(period_from, period_to, '[]') && int4range(${p.period_from}::int, ${p.period_to}::int, '[]'))
     ORDER BY period_from, title, version`);
  return r.rows;
}

/** One plan retired by another: superseded from now (its end date), the revision moved. */
export async function supersedePlan(q: Queryable, orgId: string, planId: string): Promise<boolean> {
  const r = await q.execute(sql`
    UPDATE plan SET status = 'superseded', superseded_at = now(), updated_at = now(), revision = revision + 1
     WHERE organisation_id = ${orgId} AND id = ${planId} AND status IN ('approved', 'in_force')`);
  return (r.rowCount ?? 0) > 0;
}

export type WaitingRow = {
  kind: 'approve_plan' | 'start_plan' | 'submit_plan' | 'approve_evaluation';
  plan_id: string; title: string; version: number; period_from: number; period_to: number; year: number | null; since: Date | null;
};

/** What waits for a step in the organisation: submitted, approved and draft plans, and evaluations sent for approval. */
export async function waitingSteps(q: Queryable, orgId: string): Promise<WaitingRow[]> {
  const r = await q.execute<WaitingRow>(sql`
    SELECT CASE p.status WHEN 'submitted' THEN 'approve_plan' WHEN 'approved' THEN 'start_plan' ELSE 'submit_plan' END AS kind,
           p.id AS plan_id, p.title, p.version, p.period_from, p.period_to, NULL::int AS year,
           CASE p.status WHEN 'submitted' THEN p.submitted_at WHEN 'approved' THEN p.approved_at ELSE p.updated_at END AS since
      FROM plan p WHERE p.organisation_id = ${orgId} AND p.status IN ('submitted', 'approved', 'draft')
    UNION ALL
    SELECT 'approve_evaluation', p.id, p.title, p.version, p.period_from, p.period_to, v.year, v.submitted_at
      FROM plan_evaluation v JOIN plan p ON p.id = v.plan_id AND p.organisation_id = ${orgId}
     WHERE v.organisation_id = ${orgId} AND v.status = 'draft' AND v.submitted_at IS NOT NULL
     ORDER BY since NULLS LAST, title, year`);
  return r.rows;
}

// Exports ------------------------------------------------------------------------------------

export type PlanSignatories = {
  submitted_at: Date | null; submitted_by_name: string | null; approved_at: Date | null; approved_by_name: string | null;
};

/** Who sent the plan for approval and who approved it, by name, for the approval block of the exports. */
export async function planSignatories(q: Queryable, orgId: string, planId: string): Promise<PlanSignatories | undefined> {
  const r = await q.execute<PlanSignatories>(sql`
    SELECT p.submitted_at, s.display_name AS submitted_by_name, p.approved_at, a.display_name AS approved_by_name
      FROM plan p LEFT JOIN app_user s ON s.id = p.submitted_by LEFT JOIN app_user a ON a.id = p.approved_by
     WHERE p.organisation_id = ${orgId} AND p.id = ${planId}`);
  return r.rows[0];
}
