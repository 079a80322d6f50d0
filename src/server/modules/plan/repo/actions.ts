import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../../platform/db/pool.js';
import type { ActionFilters, PlanStatus } from '../contract.js';
import { planAction } from '../schema.js';
import { unitSubtree } from './people.js';
import { effectiveStatus, naturalSortKey, objectiveOrder, OWNER_PERSON_COLUMNS, OWNER_PERSON_JOIN, ownerAccount, type OwnerPersonColumns } from './shared.js';

// Actions ------------------------------------------------------------------------------------

/** Actions of one objective: natural order of their codes (actions without one after), then their position. */
const ACTION_ORDER = sql`${naturalSortKey(sql`a.code`)} NULLS LAST, a.position, a.created_at, a.id`;

export type ActionRow = {
  id: string;
  plan_id: string;
  objective_id: string;
  source_action_id: string | null;
  code: string | null;
  title: string;
  description: string | null;
  owner_label: string | null;
  /** The owner's account: the staff member's when one owns it (see ownerAccount). */
  owner_user_id: string | null;
  owner_name: string | null;
  owner_unit_id: string | null;
  unit_name: string | null;
  co_actors: string[];
  start_date: string | null;
  due_date: string | null;
  timing_label: string | null;
  stored_status: 'planned' | 'in_progress' | 'done' | 'stopped';
  status: 'planned' | 'in_progress' | 'done' | 'late' | 'stopped';
  progress: number;
  imf_function: string | null;
  imf_layer: string | null;
  nature: string | null;
  means_time: string | null;
  means_budget_eur: number | null;
  means_people: string | null;
  means_note: string | null;
  notes: string | null;
  position: number;
  revision: number;
  updated_at: Date;
  evidence_count: number;
  last_update_at: Date | null;
} & OwnerPersonColumns;

const ACTION_SELECT = (today: string | null) => sql`
  SELECT a.id, a.plan_id, a.objective_id, a.source_action_id, a.code, a.title, a.description, a.owner_label, ${ownerAccount('a')} AS owner_user_id,
         u.display_name AS owner_name, a.owner_unit_id, ou.name AS unit_name, ${OWNER_PERSON_COLUMNS('a')}, a.co_actors, a.start_date, a.due_date, a.timing_label,
         a.status AS stored_status, ${effectiveStatus(today)} AS status, a.progress, a.imf_function, a.imf_layer, a.nature,
         a.means_time, a.means_budget_eur::float8 AS means_budget_eur, a.means_people, a.means_note, a.notes, a.position, a.revision, a.updated_at,
         (SELECT count(*)::int FROM plan_action_evidence e WHERE e.action_id = a.id) AS evidence_count,
         (SELECT max(x.at) FROM plan_action_update x WHERE x.action_id = a.id) AS last_update_at
    FROM plan_action a
    ${OWNER_PERSON_JOIN('a')}
    LEFT JOIN app_user u ON u.id = ${ownerAccount('a')}
    LEFT JOIN org_unit ou ON ou.id = a.owner_unit_id AND ou.organisation_id = a.organisation_id`;

function actionFilterSql(orgId: string, f: ActionFilters, today: string | null): SQL {
  const parts: SQL[] = [];
  // An owner is an account or a staff member (person): either id filters.
  if (f.owner) parts.push(sql`(${ownerAccount('a')} = ${f.owner} OR a.owner_person_id = ${f.owner})`);
  // A unit stands for itself and the units under it, as its head answers for them.
  if (f.unit) parts.push(sql`a.owner_unit_id IN ${unitSubtree(orgId, f.unit)}`);
  if (f.status) parts.push(sql`${effectiveStatus(today)} = ${f.status}`);
  if (f.imfFunction) parts.push(sql`a.imf_function = ${f.imfFunction}`);
  if (f.year) {
    parts.push(sql`(a.start_date IS NULL OR a.start_date <= make_date(${f.year}::int, 12, 31))`);
    parts.push(sql`(a.due_date IS NULL OR a.due_date >= make_date(${f.year}::int, 1, 1))`);
  }
  return parts.length ? sql`AND ${sql.join(parts, sql` AND `)}` : sql``;
}

export async function listActions(q: Queryable, orgId: string, planId: string, filters: ActionFilters = {}, today: string | null = null): Promise<ActionRow[]> {
  const r = await q.execute<ActionRow>(sql`
    ${ACTION_SELECT(today)}
     WHERE a.organisation_id = ${orgId} AND a.plan_id = ${planId} ${actionFilterSql(orgId, filters, today)}
     ORDER BY ${objectiveOrder(sql`a.objective_id`)}, ${ACTION_ORDER}`);
  return r.rows;
}

export async function findAction(q: Queryable, orgId: string, planId: string, actionId: string, opts: { forUpdate?: boolean } = {}): Promise<ActionRow | undefined> {
  if (opts.forUpdate) await q.execute(sql`SELECT 1 FROM plan_action WHERE organisation_id = ${orgId} AND id = ${actionId} FOR UPDATE`);
  const r = await q.execute<ActionRow>(sql`
    ${ACTION_SELECT(null)} WHERE a.organisation_id = ${orgId} AND a.plan_id = ${planId} AND a.id = ${actionId}`);
  return r.rows[0];
}

/** Counts per objective and effective status over all actions of the plan (the flags ignore filters). */
export async function actionCounts(q: Queryable, orgId: string, planId: string, today: string | null = null): Promise<{ objective_id: string; status: string; n: number }[]> {
  const r = await q.execute<{ objective_id: string; status: string; n: number }>(sql`
    SELECT a.objective_id, ${effectiveStatus(today)} AS status, count(*)::int AS n
      FROM plan_action a WHERE a.organisation_id = ${orgId} AND a.plan_id = ${planId}
     GROUP BY 1, 2`);
  return r.rows;
}

export async function insertActions(q: Queryable, rows: (typeof planAction.$inferInsert)[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) await q.insert(planAction).values(rows.slice(i, i + 500));
}

export async function updateAction(q: Queryable, orgId: string, actionId: string, set: Partial<typeof planAction.$inferInsert>): Promise<void> {
  // Progress reports are not form edits but still change the row: the revision moves (ADR 0011).
  await q.update(planAction).set({ ...set, updatedAt: new Date(), revision: sql`${planAction.revision} + 1` }).where(and(eq(planAction.organisationId, orgId), eq(planAction.id, actionId)));
}

export async function deleteAction(q: Queryable, orgId: string, actionId: string): Promise<void> {
  await q.execute(sql`DELETE FROM plan_action WHERE organisation_id = ${orgId} AND id = ${actionId}`);
}

export async function insertActionUpdate(q: Queryable, v: { orgId: string; planId: string; actionId: string; by: string; status: string; progress: number; note: string | null }): Promise<void> {
  await q.execute(sql`
    INSERT INTO plan_action_update (organisation_id, plan_id, action_id, by, status, progress, note)
    VALUES (${v.orgId}, ${v.planId}, ${v.actionId}, ${v.by}, ${v.status}, ${v.progress}, ${v.note})`);
}

export type ActionUpdateRow = { id: number; at: Date; by: string | null; by_name: string | null; status: string; progress: number; note: string | null }

export async function listActionUpdates(q: Queryable, orgId: string, actionId: string): Promise<ActionUpdateRow[]> {
  const r = await q.execute<ActionUpdateRow>(sql`
    SELECT x.id, x.at, x.by, u.display_name AS by_name, x.status, x.progress, x.note
      FROM plan_action_update x LEFT JOIN app_user u ON u.id = x.by
     WHERE x.organisation_id = ${orgId} AND x.action_id = ${actionId}
     ORDER BY x.at DESC, x.id DESC LIMIT 500`);
  return r.rows;
}

// My actions ---------------------------------------------------------------------------------

/**
 * The actions a person answers for in the approved and running plans: those they own and, for a
 * head of service, those owned by their units (`via_unit`).
 */
export async function myActions(q: Queryable, orgId: string, userId: string, unitIds: readonly string[] = []): Promise<(ActionRow & { plan_title: string; plan_status: PlanStatus; objective_code: string; objective_title: string; via_unit: boolean })[]> {
  const ofUnits = unitIds.length ? sql`OR a.owner_unit_id IN (${sql.join(unitIds.map((u) => sql`${u}::uuid`), sql`, `)})` : sql``;
  const r = await q.execute<ActionRow & { plan_title: string; plan_status: PlanStatus; objective_code: string; objective_title: string; via_unit: boolean }>(sql`
    SELECT x.*, p.title AS plan_title, p.status AS plan_status, o.code AS objective_code, o.title AS objective_title,
           x.owner_user_id IS DISTINCT FROM ${userId}::uuid AS via_unit FROM (
      ${ACTION_SELECT(null)}
       WHERE a.organisation_id = ${orgId} AND (${ownerAccount('a')} = ${userId} ${ofUnits})
    ) x
    JOIN plan p ON p.id = x.plan_id AND p.organisation_id = ${orgId} AND p.status IN ('approved', 'in_force')
    JOIN plan_objective o ON o.id = x.objective_id AND o.organisation_id = ${orgId}
    ORDER BY x.due_date NULLS LAST, ${naturalSortKey(sql`o.code`)} NULLS LAST, ${naturalSortKey(sql`x.code`)} NULLS LAST, x.title, x.id`);
  return r.rows;
}
