import { sql } from 'drizzle-orm';
import type { Queryable } from '../../../platform/db/pool.js';
import { planObjective } from '../schema.js';
import { naturalSortKey, OWNER_PERSON_COLUMNS, OWNER_PERSON_JOIN, ownerAccount, type OwnerPersonColumns } from './shared.js';

// Objectives ---------------------------------------------------------------------------------

export type ObjectiveRow = {
  id: string;
  plan_id: string;
  parent_id: string | null;
  code: string;
  title: string;
  description: string | null;
  owner_label: string | null;
  /** The owner's account: the staff member's when one owns it (see OWNER_ACCOUNT). */
  owner_user_id: string | null;
  owner_name: string | null;
  owner_unit_id: string | null;
  unit_name: string | null;
  co_actors: string[];
  position: number;
  revision: number;
} & OwnerPersonColumns;

export async function listObjectives(q: Queryable, orgId: string, planId: string): Promise<ObjectiveRow[]> {
  const r = await q.execute<ObjectiveRow>(sql`
    SELECT o.id, o.plan_id, o.parent_id, o.code, o.title, o.description, o.owner_label, ${ownerAccount('o')} AS owner_user_id, u.display_name AS owner_name,
           o.owner_unit_id, ou.name AS unit_name, o.co_actors, o.position, o.revision, ${OWNER_PERSON_COLUMNS('o')}
      FROM plan_objective o
      ${OWNER_PERSON_JOIN('o')}
      LEFT JOIN app_user u ON u.id = ${ownerAccount('o')}
      LEFT JOIN org_unit ou ON ou.id = o.owner_unit_id AND ou.organisation_id = o.organisation_id
     WHERE o.organisation_id = ${orgId} AND o.plan_id = ${planId}
     ORDER BY ${naturalSortKey(sql`o.code`)} NULLS LAST, o.position, o.title, o.id`);
  return r.rows;
}

export async function findObjective(q: Queryable, orgId: string, planId: string, objectiveId: string): Promise<ObjectiveRow | undefined> {
  const r = await q.execute<ObjectiveRow>(sql`
    SELECT o.id, o.plan_id, o.parent_id, o.code, o.title, o.description, o.owner_label, ${ownerAccount('o')} AS owner_user_id, NULL AS owner_name,
           o.owner_unit_id, NULL AS unit_name, o.co_actors, o.position, o.revision, ${OWNER_PERSON_COLUMNS('o')}
      FROM plan_objective o ${OWNER_PERSON_JOIN('o')} WHERE o.organisation_id = ${orgId} AND o.plan_id = ${planId} AND o.id = ${objectiveId}`);
  return r.rows[0];
}

export async function insertObjectives(q: Queryable, rows: (typeof planObjective.$inferInsert)[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) await q.insert(planObjective).values(rows.slice(i, i + 500));
}

export async function objectiveDependents(q: Queryable, orgId: string, objectiveId: string): Promise<number> {
  const r = await q.execute<{ n: number }>(sql`
    SELECT (SELECT count(*) FROM plan_objective WHERE organisation_id = ${orgId} AND parent_id = ${objectiveId})
         + (SELECT count(*) FROM plan_action WHERE organisation_id = ${orgId} AND objective_id = ${objectiveId})
         + (SELECT count(*) FROM plan_indicator WHERE organisation_id = ${orgId} AND objective_id = ${objectiveId}) AS n`);
  return Number(r.rows[0].n);
}

export async function deleteObjective(q: Queryable, orgId: string, objectiveId: string): Promise<void> {
  await q.execute(sql`DELETE FROM plan_objective WHERE organisation_id = ${orgId} AND id = ${objectiveId}`);
}
