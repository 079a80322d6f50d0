import { sql, type SQL } from 'drizzle-orm';
import { currentRoleCondition } from '../../../platform/authz/current-role.js';
import type { Queryable } from '../../../platform/db/pool.js';

// People around the plan -----------------------------------------------------------------------

/** True when the user holds a current role in the organisation (owners must belong to it). */
export async function isMember(q: Queryable, orgId: string, userId: string): Promise<boolean> {
  const r = await q.execute<{ ok: boolean }>(sql`
    SELECT EXISTS (SELECT 1 FROM role_assignment WHERE organisation_id = ${orgId} AND user_id = ${userId} AND ${currentRoleCondition('')}) AS ok`);
  return r.rows[0].ok;
}

/** A staff member of the organisation (HR list), leavers included: the owner field may keep a past owner. */
export async function findPerson(q: Queryable, orgId: string, personId: string): Promise<{ id: string; user_id: string | null; unit_id: string | null } | undefined> {
  const r = await q.execute<{ id: string; user_id: string | null; unit_id: string | null }>(sql`
    SELECT id, user_id, unit_id FROM person WHERE organisation_id = ${orgId} AND id = ${personId}`);
  return r.rows[0];
}

/** The staff member an account belongs to in the organisation (the current record first), if any. */
export async function personOfUser(q: Queryable, orgId: string, userId: string): Promise<{ id: string; user_id: string | null; unit_id: string | null } | undefined> {
  const r = await q.execute<{ id: string; user_id: string | null; unit_id: string | null }>(sql`
    SELECT id, user_id, unit_id FROM person WHERE organisation_id = ${orgId} AND user_id = ${userId}
     ORDER BY end_date DESC NULLS FIRST, start_date DESC, id LIMIT 1`);
  return r.rows[0];
}

export async function unitExists(q: Queryable, orgId: string, unitId: string): Promise<boolean> {
  const r = await q.execute<{ ok: boolean }>(sql`SELECT EXISTS (SELECT 1 FROM org_unit WHERE organisation_id = ${orgId} AND id = ${unitId}) AS ok`);
  return r.rows[0].ok;
}

/** SQL: the unit and every unit under it, as a subquery for `IN (...)`. */
export function unitSubtree(orgId: string, unitId: string | SQL): SQL {
  return sql`(WITH RECURSIVE sub AS (
      SELECT id FROM org_unit WHERE organisation_id = ${orgId} AND id = ${unitId}
      UNION
      SELECT u.id FROM org_unit u JOIN sub ON u.parent_id = sub.id WHERE u.organisation_id = ${orgId})
    SELECT id FROM sub)`;
}
