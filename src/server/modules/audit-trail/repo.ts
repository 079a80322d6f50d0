import { sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/pool.js';
import { executeNamed } from '../../platform/db/prepared.js';

/** Filters after normalisation by the service: instants as ISO strings, the end either inclusive or exclusive. */
export interface AuditWhere {
  actorUserId?: string;
  action?: string;
  recordType?: string;
  recordId?: string;
  fromTs?: string;
  toTs?: string;
  toExclusive?: boolean;
}

/** Position after the last row of a page: keyset on (occurred_at, id), both descending. */
export interface AuditCursor {
  occurredAt: string;
  id: number;
}

export interface AuditRow extends Record<string, unknown> {
  id: number;
  occurred_at: string;
  actor_user_id: string | null;
  actor_display_name: string | null;
  action: string;
  record_type: string | null;
  record_id: string | null;
  ip: string | null;
  details: Record<string, unknown>;
}

function conditions(orgId: string, w: AuditWhere, cursor?: AuditCursor): SQL {
  // The explicit organisation filter uses the index; row-level security is the second wall.
  const c: SQL[] = [sql`e.organisation_id = ${orgId}::uuid`];
  if (w.actorUserId) c.push(sql`e.actor_user_id = ${w.actorUserId}::uuid`);
  if (w.action) c.push(sql`e.action = ${w.action}`);
  if (w.recordType) c.push(sql`e.record_type = ${w.recordType}`);
  if (w.recordId) c.push(sql`e.record_id = ${w.recordId}`);
  if (w.fromTs) c.push(sql`e.occurred_at >= ${w.fromTs}::timestamptz`);
  if (w.toTs) c.push(w.toExclusive ? sql`e.occurred_at < ${w.toTs}::timestamptz` : sql`e.occurred_at <= ${w.toTs}::timestamptz`);
  if (cursor) c.push(sql`(e.occurred_at, e.id) < (${cursor.occurredAt}::timestamptz, ${cursor.id}::bigint)`);
  return sql.join(c, sql` AND `);
}

/**
 * One page of an organisation's events, newest first, with the actor's display name (nothing else
 * of the user). A named statement (one per combination of filters and cursor): the screen and the
 * CSV export page through the log with it, and planning it over the monthly partitions cost as
 * much as running it.
 */
export async function listAuditEvents(q: Queryable, orgId: string, w: AuditWhere, limit: number, cursor?: AuditCursor): Promise<AuditRow[]> {
  const r = await executeNamed<AuditRow>(q, sql`
    SELECT e.id,
           to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS occurred_at,
           e.actor_user_id::text AS actor_user_id, u.display_name AS actor_display_name,
           e.action, e.record_type, e.record_id, host(e.ip) AS ip, e.details
      FROM audit_event e
      LEFT JOIN app_user u ON u.id = e.actor_user_id
     WHERE ${conditions(orgId, w, cursor)}
     ORDER BY e.occurred_at DESC, e.id DESC
     LIMIT ${limit}`);
  return r.rows;
}

/** The action names used in this organisation's log, for a filter drop-down. */
export async function distinctAuditActions(q: Queryable, orgId: string, max: number): Promise<string[]> {
  const r = await q.execute<{ action: string }>(sql`
    SELECT DISTINCT action FROM audit_event WHERE organisation_id = ${orgId}::uuid ORDER BY action LIMIT ${max}`);
  return r.rows.map((x) => x.action);
}
