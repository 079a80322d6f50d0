import { sql } from 'drizzle-orm';
import type { Queryable } from '../db/pool.js';

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

/**
 * Appends one event in the caller's transaction, so the event exists if and only if the
 * change (or confidential read) it describes committed. The event is appended unchained and
 * takes no lock shared with other writers; the sequencer (sequencer.ts) chains it within seconds.
 */
export async function recordAudit(q: Queryable, ctx: AuditContext, e: AuditEntry): Promise<void> {
  await q.execute(sql`
    INSERT INTO audit_event (organisation_id, actor_user_id, action, record_type, record_id, ip, details)
    VALUES (${e.organisationId}, ${ctx.actorUserId}, ${e.action},
            ${e.recordType ?? null}, ${e.recordId ?? null}, ${ctx.ip}::inet, ${JSON.stringify(e.details ?? {})}::jsonb)`);
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
