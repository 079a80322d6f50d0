import { sql } from 'drizzle-orm';
import type { Queryable } from '../db/pool.js';
import { preparedStatement, runPrepared } from '../db/prepared.js';

/** Where an audited action came from; filled by the request context. */
export interface AuditContext {
  actorUserId: string | null;
  ip: string | null;
}

export interface AuditEntry {
  organisationId: string | null;
  action: string; // '<module>.<verb>', e.g. 'person.read', 'role.assign'
  recordType?: string;
  recordId?: string;
  /** Non-personal facts only (ids, field names, counts); never content of a confidential file. */
  details?: Record<string, unknown>;
}

/** Every audited request appends with this statement: named, planned once per connection (db/prepared.ts). */
const AUDIT_APPEND = preparedStatement(sql`
    INSERT INTO audit_event (organisation_id, actor_user_id, action, record_type, record_id, ip, details)
    VALUES (${sql.placeholder('organisationId')}, ${sql.placeholder('actorUserId')}, ${sql.placeholder('action')},
            ${sql.placeholder('recordType')}, ${sql.placeholder('recordId')}, ${sql.placeholder('ip')}::inet, ${sql.placeholder('details')}::jsonb)`);

/**
 * Appends one event in the caller's transaction, so the event exists if and only if the
 * change (or confidential read) it describes committed. The event is appended unchained and
 * takes no lock shared with other writers; the sequencer (sequencer.ts) chains it within seconds.
 */
export async function recordAudit(q: Queryable, ctx: AuditContext, e: AuditEntry): Promise<void> {
  await runPrepared(q, AUDIT_APPEND, {
    organisationId: e.organisationId, actorUserId: ctx.actorUserId, action: e.action,
    recordType: e.recordType ?? null, recordId: e.recordId ?? null, ip: ctx.ip, details: JSON.stringify(e.details ?? {}),
  });
}

/** Many events in one statement (bulk imports). */
export async function recordAuditMany(q: Queryable, ctx: AuditContext, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const rows = entries.map(
    (e) => sql`(${e.organisationId}::uuid, ${ctx.actorUserId}::uuid, ${e.action}, ${e.recordType ?? null}, ${e.recordId ?? null}, ${ctx.ip}::inet, ${JSON.stringify(e.details ?? {})}::jsonb)`,
  );
  await q.execute(sql`
    INSERT INTO audit_event (organisation_id, actor_user_id, action, record_type, record_id, ip, details)
    VALUES ${sql.join(rows, sql`, `)}`);
}
