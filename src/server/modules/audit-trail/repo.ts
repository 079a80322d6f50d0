import { sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/pool.js';
import { preparedShapes, runPrepared } from '../../platform/db/prepared.js';

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

/** Which of the optional conditions a listing has: its shape, which alone decides the statement's text. */
const CONDITIONS = ['actorUserId', 'action', 'recordType', 'recordId', 'fromTs', 'toTs', 'toExclusive', 'cursor'] as const;

function shapeOf(w: AuditWhere, cursor?: AuditCursor): string {
  return CONDITIONS.map((k) => ((k === 'cursor' ? cursor : w[k]) ? '1' : '0')).join('');
}

function conditions(shape: string): SQL {
  const has = (k: (typeof CONDITIONS)[number]) => shape[CONDITIONS.indexOf(k)] === '1';
  const p = sql.placeholder;
  // The explicit organisation filter uses the index; row-level security is the second wall.
  const c: SQL[] = [sql`e.organisation_id = ${p('orgId')}::uuid`];
  if (has('actorUserId')) c.push(sql`e.actor_user_id = ${p('actorUserId')}::uuid`);
  if (has('action')) c.push(sql`e.action = ${p('action')}`);
  if (has('recordType')) c.push(sql`e.record_type = ${p('recordType')}`);
  if (has('recordId')) c.push(sql`e.record_id = ${p('recordId')}`);
  if (has('fromTs')) c.push(sql`e.occurred_at >= ${p('fromTs')}::timestamptz`);
  if (has('toTs')) c.push(has('toExclusive') ? sql`e.occurred_at < ${p('toTs')}::timestamptz` : sql`e.occurred_at <= ${p('toTs')}::timestamptz`);
  if (has('cursor')) c.push(sql`(e.occurred_at, e.id) < (${p('cursorAt')}::timestamptz, ${p('cursorId')}::bigint)`);
  return sql.join(c, sql` AND `);
}

/** The listing's statement for each shape of filters and cursor, built on first use (at most 2^8). */
const LISTING = preparedShapes((shape) => sql`
    SELECT e.id,
           to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS occurred_at,
           e.actor_user_id::text AS actor_user_id, u.display_name AS actor_display_name,
           e.action, e.record_type, e.record_id, host(e.ip) AS ip, e.details
      FROM audit_event e
      LEFT JOIN app_user u ON u.id = e.actor_user_id
     WHERE ${conditions(shape)}
     ORDER BY e.occurred_at DESC, e.id DESC
     LIMIT ${sql.placeholder('limit')}`);

/**
 * One page of an organisation's events, newest first, with the actor's display name (nothing else
 * of the user). A named statement (one per combination of filters and cursor): the screen and the
 * CSV export page through the log with it, and planning it over the monthly partitions cost as
 * much as running it. Each shape's text is built once, not on every request.
 */
export async function listAuditEvents(q: Queryable, orgId: string, w: AuditWhere, limit: number, cursor?: AuditCursor): Promise<AuditRow[]> {
  const r = await runPrepared<AuditRow>(q, LISTING(shapeOf(w, cursor)), {
    orgId, actorUserId: w.actorUserId, action: w.action, recordType: w.recordType, recordId: w.recordId,
    fromTs: w.fromTs, toTs: w.toTs, cursorAt: cursor?.occurredAt, cursorId: cursor?.id, limit,
  });
  return r.rows;
}

/** The action names used in this organisation's log, for a filter drop-down. */
export async function distinctAuditActions(q: Queryable, orgId: string, max: number): Promise<string[]> {
  const r = await q.execute<{ action: string }>(sql`
    SELECT DISTINCT action FROM audit_event WHERE organisation_id = ${orgId}::uuid ORDER BY action LIMIT ${max}`);
  return r.rows.map((x) => x.action);
}
