import { sql, type SQL } from 'drizzle-orm';
import { currentRoleCondition } from '../../platform/authz/current-role.js';
import type { Queryable } from '../../platform/db/pool.js';
import type { ListRolesQuery } from './contract.js';

export type AssignmentRow = {
  id: string;
  user_id: string;
  user_display_name: string;
  user_email: string;
  role: string;
  valid_from: string;
  valid_to: string | null;
  assigned_by: string | null;
  withdrawn_at: string | null;
  withdrawn_by: string | null;
  status: 'current' | 'future' | 'past' | 'withdrawn';
};

const CURRENT = currentRoleCondition('ra');
const FUTURE = sql`ra.withdrawn_at IS NULL AND ra.valid_from > current_date`;
const PAST = sql`(ra.withdrawn_at IS NOT NULL OR ra.valid_to < current_date)`;

const SELECT = sql`
  SELECT ra.id, ra.user_id, coalesce(m.display_name, u.display_name) AS user_display_name, u.email AS user_email, ra.role, ra.valid_from, ra.valid_to,
         ra.assigned_by, to_char(ra.withdrawn_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS withdrawn_at, ra.withdrawn_by,
         CASE WHEN ra.withdrawn_at IS NOT NULL THEN 'withdrawn' WHEN ra.valid_from > current_date THEN 'future'
              WHEN ra.valid_to < current_date THEN 'past' ELSE 'current' END AS status
    FROM role_assignment ra JOIN app_user u ON u.id = ra.user_id
    -- The name this organisation gave the person (see organisation_member), not the account's own.
    LEFT JOIN organisation_member m ON m.organisation_id = ra.organisation_id AND m.user_id = ra.user_id`;

export async function listAssignments(q: Queryable, orgId: string, f: ListRolesQuery): Promise<AssignmentRow[]> {
  const conds: SQL[] = [sql`ra.organisation_id = ${orgId}`];
  if (f.role) conds.push(sql`ra.role = ${f.role}`);
  if (f.userId) conds.push(sql`ra.user_id = ${f.userId}`);
  if (f.status === 'current') conds.push(CURRENT);
  if (f.status === 'future') conds.push(FUTURE);
  if (f.status === 'past') conds.push(PAST);
  const r = await q.execute<AssignmentRow>(sql`${SELECT} WHERE ${sql.join(conds, sql` AND `)} ORDER BY ra.role, user_display_name, ra.valid_from`);
  return r.rows;
}

export async function findAssignment(q: Queryable, orgId: string, id: string): Promise<AssignmentRow | undefined> {
  const r = await q.execute<AssignmentRow>(sql`${SELECT} WHERE ra.organisation_id = ${orgId} AND ra.id = ${id}`);
  return r.rows[0];
}

/** One writer of an organisation's roles at a time: overlap and last-administrator checks stay true at commit. */
export async function lockRoles(q: Queryable, orgId: string): Promise<void> {
  await q.execute(sql`SELECT pg_advisory_xact_lock(hashtext('role_assignment'), hashtext(${orgId}))`);
}

/**
 * Roles go only to the organisation's members (added on its Users page). A disabled account is
 * refused only once the person joined: before that, the organisation must not learn its state.
 */
export async function memberMayHoldRole(q: Queryable, orgId: string, userId: string): Promise<boolean> {
  const r = await q.execute<{ ok: boolean }>(sql`
    SELECT EXISTS (SELECT 1 FROM organisation_member m JOIN app_user u ON u.id = m.user_id
                    WHERE m.organisation_id = ${orgId} AND m.user_id = ${userId} AND (m.joined_at IS NULL OR u.disabled_at IS NULL)) AS ok`);
  return r.rows[0].ok;
}

/** A live (not withdrawn) assignment of the same role to the same user whose period meets [from, to]. */
export async function overlaps(q: Queryable, orgId: string, userId: string, role: string, from: string, to: string | null): Promise<boolean> {
  const r = await q.execute<{ hit: boolean }>(sql`
    SELECT EXISTS (
      SELECT 1 FROM role_assignment ra
       WHERE ra.organisation_id = ${orgId} AND ra.user_id = ${userId} AND ra.role = ${role} AND ra.withdrawn_at IS NULL
         AND daterange(ra.valid_from, ra.valid_to, '[]') && daterange(${from}::date, ${to}::date, '[]')) AS hit`);
  return r.rows[0].hit;
}

export async function insertAssignment(q: Queryable, v: { orgId: string; userId: string; role: string; validFrom: string; validTo: string | null; assignedBy: string | null }): Promise<string> {
  const r = await q.execute<{ id: string }>(sql`
    INSERT INTO role_assignment (organisation_id, user_id, role, valid_from, valid_to, assigned_by)
    VALUES (${v.orgId}, ${v.userId}, ${v.role}, ${v.validFrom}, ${v.validTo}, ${v.assignedBy}) RETURNING id`);
  return r.rows[0].id;
}

export async function withdraw(q: Queryable, orgId: string, id: string, by: string | null): Promise<void> {
  await q.execute(sql`UPDATE role_assignment SET withdrawn_at = now(), withdrawn_by = ${by} WHERE organisation_id = ${orgId} AND id = ${id}`);
}

/** Current administrators other than the given assignment. */
export async function otherCurrentAdministrators(q: Queryable, orgId: string, exceptId: string): Promise<number> {
  const r = await q.execute<{ n: number }>(sql`
    SELECT count(*)::int AS n FROM role_assignment ra
     WHERE ra.organisation_id = ${orgId} AND ra.role = 'administrator' AND ra.id <> ${exceptId} AND ${CURRENT}`);
  return r.rows[0].n;
}
