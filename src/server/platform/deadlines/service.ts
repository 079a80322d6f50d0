import { sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../db/pool.js';
import { deadlineKind } from './registry.js';

/** What a module sets on one of its records. */
export interface DeadlineInput {
  organisationId: string;
  recordType: string;
  recordId: string;
  kind: string;
  /** yyyy-mm-dd */
  dueOn: string;
  assigneeUserId?: string | null;
  assigneeUnitId?: string | null;
  /** Days before the due date that earn a reminder (0: a notice on the day). Omitted or null: the kind's default for the organisation. */
  remindDaysBefore?: number[] | null;
  /** Days after the due date when the kind's escalation target is told. Omitted or null: the kind's default. */
  escalateAfterDays?: number | null;
}

export interface DueItem {
  id: string;
  kind: string;
  recordType: string;
  recordId: string;
  dueOn: string;
  assigneeUserId: string | null;
  assigneeUnitId: string | null;
  /** Days from `today` to the due date; negative when it passed. */
  daysLeft: number;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isIsoDay(v: unknown): v is string {
  return typeof v === 'string' && ISO_DAY.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);
}

/** Today's calendar day in Belgium (a reminder job at 06:00 UTC and a person in Brussels agree on the day). */
export function todayInBelgium(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** A PostgreSQL array literal of whole numbers or uuids (drizzle would spread a JS array into a list). */
export function intArray(values: readonly number[]): string {
  for (const v of values) if (!Number.isInteger(v)) throw new Error('not a whole number');
  return `{${values.join(',')}}`;
}
export function uuidArray(values: readonly string[]): string {
  for (const v of values) if (!UUID.test(v)) throw new Error('not a uuid');
  return `{${values.join(',')}}`;
}

export function textArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}

/** Programming errors of a module (a wrong kind, a day that is not a day): thrown, never stored. */
function checkInput(d: DeadlineInput): void {
  const k = deadlineKind(d.kind);
  if (k.recordType !== d.recordType) throw new Error(`deadline kind "${d.kind}" is for ${k.recordType}, not ${d.recordType}`);
  if (!isIsoDay(d.dueOn)) throw new Error('dueOn must be a day (yyyy-mm-dd)');
  if (d.assigneeUnitId && !d.assigneeUserId && !k.unitRecipients) throw new Error(`deadline kind "${d.kind}" cannot be assigned to a unit: it names nobody for units`);
  if (d.remindDaysBefore) for (const n of d.remindDaysBefore) if (!Number.isInteger(n) || n < 0 || n > 366) throw new Error('remindDaysBefore: whole days from 0 to 366');
  if (d.escalateAfterDays !== undefined && d.escalateAfterDays !== null) {
    if (!Number.isInteger(d.escalateAfterDays) || d.escalateAfterDays < 1 || d.escalateAfterDays > 366) throw new Error('escalateAfterDays: whole days from 1 to 366');
    if (!k.escalateTo) throw new Error(`deadline kind "${d.kind}" has nobody to escalate to`);
  }
}

/**
 * The upsert's rule in one place: moving the due date starts its reminders afresh; a deadline set
 * again is open again; an unchanged row is not written (no churn from the daily reconciliation).
 */
const UPSERT_TAIL = sql`
  ON CONFLICT (organisation_id, record_type, record_id, kind) DO UPDATE SET
    due_on = EXCLUDED.due_on,
    assignee_user_id = EXCLUDED.assignee_user_id,
    assignee_unit_id = EXCLUDED.assignee_unit_id,
    remind_days_before = EXCLUDED.remind_days_before,
    escalate_after_days = EXCLUDED.escalate_after_days,
    completed_at = NULL,
    last_sent_step = CASE WHEN deadline.due_on = EXCLUDED.due_on THEN deadline.last_sent_step END,
    last_sent_on = CASE WHEN deadline.due_on = EXCLUDED.due_on THEN deadline.last_sent_on END,
    updated_at = now()
  WHERE deadline.completed_at IS NOT NULL
     OR (deadline.due_on, deadline.assignee_user_id, deadline.assignee_unit_id, deadline.remind_days_before, deadline.escalate_after_days)
        IS DISTINCT FROM (EXCLUDED.due_on, EXCLUDED.assignee_user_id, EXCLUDED.assignee_unit_id, EXCLUDED.remind_days_before, EXCLUDED.escalate_after_days)`;

/**
 * Sets (or changes) the deadline of a record, in the caller's transaction (withOrgTx of the
 * organisation, or system scope). Changing the due date resets what was sent for it; a completed
 * deadline set again is open again.
 */
export async function setDeadline(tx: Queryable, d: DeadlineInput): Promise<void> {
  checkInput(d);
  const remind = d.remindDaysBefore ? intArray([...new Set(d.remindDaysBefore)].sort((a, b) => b - a)) : null;
  await tx.execute(sql`
    INSERT INTO deadline (organisation_id, record_type, record_id, kind, due_on, assignee_user_id, assignee_unit_id, remind_days_before, escalate_after_days)
    VALUES (${d.organisationId}, ${d.recordType}, ${d.recordId}, ${d.kind}, ${d.dueOn}::date, ${d.assigneeUserId ?? null}, ${d.assigneeUnitId ?? null},
            ${remind}::int[], ${d.escalateAfterDays ?? null}::int)
    ${UPSERT_TAIL}`);
}

/** The record's obligation is met: no more reminders or escalation. One kind, or every kind of the record. */
export async function completeDeadline(tx: Queryable, d: { organisationId: string; recordType: string; recordId: string; kind?: string }): Promise<number> {
  const r = await tx.execute(sql`
    UPDATE deadline SET completed_at = now(), updated_at = now()
     WHERE organisation_id = ${d.organisationId} AND record_type = ${d.recordType} AND record_id = ${d.recordId}
       ${d.kind ? sql`AND kind = ${d.kind}` : sql``} AND completed_at IS NULL`);
  return r.rowCount ?? 0;
}

/** The record is gone (deleted with its module's data): its deadlines go with it. */
export async function removeDeadlinesOf(tx: Queryable, organisationId: string, recordType: string, recordId: string): Promise<number> {
  const r = await tx.execute(sql`
    DELETE FROM deadline WHERE organisation_id = ${organisationId} AND record_type = ${recordType} AND record_id = ${recordId}`);
  return r.rowCount ?? 0;
}

/** The deadlines of one record (open and completed), for a deadline clock on its page. */
export async function deadlinesOf(tx: Queryable, organisationId: string, recordType: string, recordId: string, today = todayInBelgium()) {
  const r = await tx.execute<DueRow & { completed_at: Date | null }>(sql`
    SELECT ${DUE_COLUMNS(today)}, completed_at FROM deadline
     WHERE organisation_id = ${organisationId} AND record_type = ${recordType} AND record_id = ${recordId}
     ORDER BY due_on, kind`);
  return r.rows.map((x) => ({ ...dueItem(x), completedAt: x.completed_at === null ? null : new Date(x.completed_at).toISOString() }));
}

type DueRow = { id: string; kind: string; record_type: string; record_id: string; due_on: string; assignee_user_id: string | null; assignee_unit_id: string | null; days_left: number };
const DUE_COLUMNS = (today: string) => sql`id, kind, record_type, record_id, due_on, assignee_user_id, assignee_unit_id, (due_on - ${today}::date) AS days_left`;
const dueItem = (x: DueRow): DueItem => ({
  id: x.id, kind: x.kind, recordType: x.record_type, recordId: x.record_id, dueOn: x.due_on,
  assigneeUserId: x.assignee_user_id, assigneeUnitId: x.assignee_unit_id, daysLeft: Number(x.days_left),
});

/**
 * "What waits for me": the open deadlines of an organisation assigned to a person or to one of
 * the given units (a head of service passes the units they answer for), soonest first, overdue
 * included. It lists by assignment only: a module showing confidential records also applies its
 * access rule to what it shows.
 */
export async function listDue(
  tx: Queryable,
  organisationId: string,
  who: { userId?: string; unitIds?: readonly string[]; kinds?: readonly string[]; until?: string; today?: string; limit?: number },
): Promise<DueItem[]> {
  const today = who.today ?? todayInBelgium();
  if (!isIsoDay(today) || (who.until !== undefined && !isIsoDay(who.until))) throw new Error('days must read yyyy-mm-dd');
  const units = who.unitIds ?? [];
  if (!who.userId && units.length === 0) return [];
  const mine: SQL[] = [];
  if (who.userId) mine.push(sql`assignee_user_id = ${who.userId}`);
  if (units.length) mine.push(sql`assignee_unit_id = ANY(${uuidArray(units)}::uuid[])`);
  const r = await tx.execute<DueRow>(sql`
    SELECT ${DUE_COLUMNS(today)} FROM deadline
     WHERE organisation_id = ${organisationId} AND completed_at IS NULL AND (${sql.join(mine, sql` OR `)})
       ${who.kinds ? sql`AND kind = ANY(${textArray(who.kinds)}::text[])` : sql``}
       ${who.until ? sql`AND due_on <= ${who.until}::date` : sql``}
     ORDER BY due_on, kind, id
     LIMIT ${Math.min(Math.max(who.limit ?? 200, 1), 1000)}`);
  return r.rows.map(dueItem);
}

/**
 * Brings the deadlines of one kind in step with what the module says they should be, set-based:
 * `source` is the module's query over its own tables yielding (organisation_id uuid, record_id
 * uuid, due_on date, assignee_user_id uuid, assignee_unit_id uuid, remind_days_before int[],
 * escalate_after_days int). Rows in it are set (as `setDeadline` would); open deadlines of the kind
 * not in it are completed. `organisationId` and `recordIds` narrow both halves (a write path syncs
 * the records it touched; the daily job syncs them all).
 */
export async function syncDeadlines(
  tx: Queryable,
  opts: { kind: string; source: SQL; organisationId?: string; recordIds?: readonly string[] },
): Promise<{ set: number; completed: number }> {
  const k = deadlineKind(opts.kind);
  const scope = (alias: string) => sql.join([
    opts.organisationId ? sql`AND ${sql.raw(alias)}.organisation_id = ${opts.organisationId}` : sql``,
    opts.recordIds ? sql`AND ${sql.raw(alias)}.record_id = ANY(${uuidArray(opts.recordIds)}::uuid[])` : sql``,
  ], sql` `);
  if (opts.recordIds && opts.recordIds.length === 0) return { set: 0, completed: 0 };
  const r = await tx.execute<{ set: number; completed: number }>(sql`
    WITH s AS MATERIALIZED (
      SELECT src.* FROM (${opts.source}) src WHERE true ${scope('src')}
    ), up AS (
      INSERT INTO deadline (organisation_id, record_type, record_id, kind, due_on, assignee_user_id, assignee_unit_id, remind_days_before, escalate_after_days)
      SELECT s.organisation_id, ${k.recordType}, s.record_id, ${k.kind}, s.due_on, s.assignee_user_id, s.assignee_unit_id, s.remind_days_before, s.escalate_after_days FROM s
      ${UPSERT_TAIL}
      RETURNING 1
    ), done AS (
      UPDATE deadline d SET completed_at = now(), updated_at = now()
       WHERE d.kind = ${k.kind} AND d.record_type = ${k.recordType} AND d.completed_at IS NULL ${scope('d')}
         AND NOT EXISTS (SELECT 1 FROM s WHERE s.organisation_id = d.organisation_id AND s.record_id = d.record_id)
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM up)::int AS set, (SELECT count(*) FROM done)::int AS completed`);
  return r.rows[0];
}
