import { sql } from 'drizzle-orm';
import { currentRoleCondition } from '../authz/current-role.js';
import type { Queryable } from '../db/pool.js';

/**
 * The units a head of service answers for on a day (today when `on` is omitted): the unit of
 * each of their staff records in service that day, and every unit under it, in this
 * organisation only, and only while they hold a current head_of_service role here (withdrawn or
 * expired: nothing). One query for every module that scopes by "their units" (plan, people,
 * and what comes after), so the answer cannot differ between modules. It reads the person,
 * role_assignment and org_unit tables by name: the platform imports no module.
 */
export async function unitsHeadedBy(q: Queryable, orgId: string, userId: string, on?: string): Promise<string[]> {
  const day = on === undefined ? sql`current_date` : sql`${on}::date`;
  const r = await q.execute<{ id: string }>(sql`
    WITH RECURSIVE own AS (
      SELECT DISTINCT p.unit_id AS id FROM person p
       WHERE p.organisation_id = ${orgId} AND p.user_id = ${userId} AND p.unit_id IS NOT NULL
         AND p.start_date <= ${day} AND (p.end_date IS NULL OR p.end_date >= ${day})
         AND EXISTS (SELECT 1 FROM role_assignment ra
                      WHERE ra.organisation_id = ${orgId} AND ra.user_id = ${userId} AND ra.role = 'head_of_service'
                        AND ${currentRoleCondition('ra', day)})
    ), tree AS (
      SELECT u.id FROM org_unit u JOIN own ON own.id = u.id WHERE u.organisation_id = ${orgId}
      UNION
      SELECT c.id FROM org_unit c JOIN tree ON c.parent_id = tree.id WHERE c.organisation_id = ${orgId}
    )
    SELECT id FROM tree`);
  return r.rows.map((x) => x.id);
}
