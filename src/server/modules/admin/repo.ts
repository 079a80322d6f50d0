import { and, count, desc, eq, isNull, type SQL } from 'drizzle-orm';
import type pg from 'pg';
import type { Queryable } from '../../platform/db/pool.js';
import { mailOutbox } from '../../platform/mail/schema.js';

export type MailRow = typeof mailOutbox.$inferSelect;

/** `organisationId` undefined: every mail (platform view); null: mails without organisation. */
export interface MailScope {
  organisationId?: string | null;
  status?: string;
}

function where(s: MailScope): SQL | undefined {
  const c: SQL[] = [];
  if (s.organisationId === null) c.push(isNull(mailOutbox.organisationId));
  else if (s.organisationId !== undefined) c.push(eq(mailOutbox.organisationId, s.organisationId));
  if (s.status) c.push(eq(mailOutbox.status, s.status));
  return c.length ? and(...c) : undefined;
}

export async function listMails(q: Queryable, s: MailScope, limit: number, offset: number): Promise<{ rows: MailRow[]; total: number }> {
  const rows = await q.select().from(mailOutbox).where(where(s)).orderBy(desc(mailOutbox.createdAt), desc(mailOutbox.id)).limit(limit).offset(offset);
  const [{ n }] = await q.select({ n: count() }).from(mailOutbox).where(where(s));
  return { rows, total: n };
}

/** By id, within the organisation when one is given: a mail of another organisation is simply not found. */
export async function getMail(q: Queryable, id: string, organisationId?: string): Promise<MailRow | undefined> {
  const [row] = await q.select().from(mailOutbox)
    .where(organisationId === undefined ? eq(mailOutbox.id, id) : and(eq(mailOutbox.id, id), eq(mailOutbox.organisationId, organisationId)));
  return row;
}

/** Back to the queue with a fresh attempt budget; only from `failed`, checked in the same statement. */
export async function requeueFailedMail(q: Queryable, id: string): Promise<boolean> {
  const r = await q.update(mailOutbox).set({ status: 'queued', attempts: 0, lastError: null })
    .where(and(eq(mailOutbox.id, id), eq(mailOutbox.status, 'failed'))).returning({ id: mailOutbox.id });
  return r.length === 1;
}

// pg-boss 10 keeps its state in its own schema (tables job, archive, queue, schedule, version;
// see node_modules/pg-boss/src/plans.js). Read with the owner connection: the application role
// has no rights on that schema.

export async function pgbossInstalled(c: pg.Pool): Promise<boolean> {
  const r = await c.query<{ ok: boolean }>(`SELECT to_regclass('pgboss.job') IS NOT NULL AND to_regclass('pgboss.version') IS NOT NULL AS ok`);
  return r.rows[0]?.ok ?? false;
}

export async function pgbossState(c: pg.Pool) {
  const [version, queues, counts, completed, schedules, failed] = await Promise.all([
    c.query<{ maintained_on: Date | null }>(`SELECT maintained_on FROM pgboss.version LIMIT 1`),
    c.query<{ name: string; policy: string | null }>(`SELECT name, policy FROM pgboss.queue ORDER BY name`),
    c.query<{ name: string; state: string; n: number }>(`SELECT name, state::text AS state, count(*)::int AS n FROM pgboss.job GROUP BY name, state`),
    c.query<{ name: string; last: Date }>(`
      SELECT name, max(last) AS last FROM (
        SELECT name, max(completed_on) AS last FROM pgboss.job WHERE state = 'completed' GROUP BY name
        UNION ALL
        SELECT name, max(completed_on) AS last FROM pgboss.archive WHERE state = 'completed' GROUP BY name
      ) x GROUP BY name`),
    c.query<{ name: string; cron: string; timezone: string | null; updated_on: Date }>(`SELECT name, cron, timezone, updated_on FROM pgboss.schedule ORDER BY name`),
    // The error text only (no stack, no job data), cut to 500 characters.
    c.query<{ id: string; name: string; created_on: Date; completed_on: Date | null; retry_count: number; error: string | null }>(`
      SELECT id::text, name, created_on, completed_on, retry_count,
             left(coalesce(output->>'message', output #>> '{value,message}', output::text), 500) AS error
        FROM (SELECT id, name, created_on, completed_on, retry_count, output FROM pgboss.job WHERE state = 'failed'
              UNION ALL
              SELECT id, name, created_on, completed_on, retry_count, output FROM pgboss.archive WHERE state = 'failed') f
       ORDER BY completed_on DESC NULLS LAST, created_on DESC
       LIMIT 20`),
  ]);
  return { version: version.rows[0], queues: queues.rows, counts: counts.rows, completed: completed.rows, schedules: schedules.rows, failed: failed.rows };
}
