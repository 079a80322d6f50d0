import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/pool.js';
import { withSystemTx } from '../db/tx.js';
import { isLocale } from '../i18n/index.js';
import type { Mailer } from '../mail/index.js';
import { DEFAULT_LOCALE } from '../../../shared/roles.js';
import {
  deadlineKind, deadlineKinds, defaultDeadlineMail, type DeadlineKind, type DeadlineRecord, type DeadlineStep, type DeadlineVia,
} from './registry.js';
import { isIsoDay, textArray, todayInBelgium, uuidArray } from './service.js';

export interface DeadlineRunDeps {
  db: Db;
  mailer: Mailer;
  /** PUBLIC_URL: the links in the mails are absolute. */
  publicUrl: string;
}

export interface DeadlineRunResult {
  /** Mails written to the outbox. */
  mails: number;
  /** Deadlines for which a step went out. */
  steps: number;
  /** Steps due but nobody reachable to send them to (tried again on the next run). */
  unaddressed: number;
}

type Candidate = {
  id: string; organisation_id: string; record_type: string; record_id: string; kind: string; due_on: string;
  assignee_user_id: string | null; assignee_unit_id: string | null; days_left: number; step: number;
};

const stepName = (step: number): DeadlineStep => (step < 0 ? 'reminder' : step === 0 ? 'due' : 'escalation');

/**
 * The daily deadline job, for any day: `today` is the job's clock (production passes nothing and
 * gets today in Belgium; tests and an operator replaying a missed day pass a date).
 *
 * A deadline's steps are days from its due date: -N for the reminder N days before, 0 for the
 * notice on the day, +E for the escalation E days after. A run sends, per open deadline, the latest
 * step whose day has come and that is later than the last step sent: a missed run catches up with
 * one mail, not a burst. Reminders and the notice go out only up to the due day (after it, only the
 * escalation is news). Each step goes out once: the step is claimed by a conditional update of the
 * deadline in the same transaction as the outbox rows, so a rerun, or a second run at the same time
 * (two instances), finds it claimed and sends nothing.
 */
export async function runDeadlineReminders(deps: DeadlineRunDeps, opts: { today?: string; kinds?: readonly string[] } = {}): Promise<DeadlineRunResult> {
  const today = opts.today ?? todayInBelgium();
  if (!isIsoDay(today)) throw new Error('today must read yyyy-mm-dd');
  const kinds = opts.kinds ? opts.kinds.map(deadlineKind) : deadlineKinds();
  const result: DeadlineRunResult = { mails: 0, steps: 0, unaddressed: 0 };
  if (kinds.length === 0) return result;

  for (const k of kinds) if (k.reconcile) await withSystemTx(deps.db, (tx) => k.reconcile!(tx, today));

  const candidates = await withSystemTx(deps.db, async (tx) => {
    const defaults = await organisationDefaults(tx, kinds);
    return (await tx.execute<Candidate>(sql`
      WITH k AS (
        SELECT * FROM jsonb_to_recordset(${JSON.stringify(defaults)}::jsonb) AS k(organisation_id uuid, kind text, remind int[], escalate int)
      )
      SELECT d.id, d.organisation_id, d.record_type, d.record_id, d.kind, d.due_on, d.assignee_user_id, d.assignee_unit_id,
             (d.due_on - ${today}::date) AS days_left, s.step
        FROM deadline d
        LEFT JOIN k ON k.organisation_id = d.organisation_id AND k.kind = d.kind
        CROSS JOIN LATERAL (
          SELECT max(x.step) AS step FROM (
            SELECT -n AS step FROM unnest(coalesce(d.remind_days_before, k.remind, '{}'::int[])) AS n
             WHERE d.due_on - ${today}::date BETWEEN 0 AND n
            UNION ALL
            SELECT e.days FROM (SELECT coalesce(d.escalate_after_days, k.escalate) AS days) e
             WHERE e.days IS NOT NULL AND ${today}::date - d.due_on >= e.days
          ) x
        ) s
       WHERE d.completed_at IS NULL AND d.kind = ANY(${textArray(kinds.map((x) => x.kind))}::text[])
         -- Lead times and escalation delays are at most 366 days: nothing outside this window has a step left.
         AND d.due_on BETWEEN ${today}::date - 732 AND ${today}::date + 366
         AND s.step IS NOT NULL AND (d.last_sent_step IS NULL OR s.step > d.last_sent_step)
       ORDER BY d.due_on, d.id`)).rows;
  });

  // One transaction per deadline: a failing callback of one kind holds up no other deadline.
  const failures: unknown[] = [];
  for (const c of candidates) {
    try {
      const sent = await withSystemTx(deps.db, (tx) => sendStep(tx, deps, deadlineKind(c.kind), c, today));
      if (sent === null) result.unaddressed++;
      else if (sent > 0) {
        result.steps++;
        result.mails += sent;
      }
    } catch (err) {
      failures.push(err);
    }
  }
  if (failures.length) {
    // Codes and names only (the callbacks' messages could carry record values); the rest went out.
    const first = failures[0] as { code?: string; name?: string };
    throw new Error(`deadline reminders: ${failures.length} of ${candidates.length} steps failed (first: ${first.code ?? first.name ?? 'error'})`);
  }
  return result;
}

/** The organisation defaults of the kinds that have them, for the organisations that have deadlines relying on them. */
async function organisationDefaults(tx: Tx, kinds: DeadlineKind[]) {
  const out: { organisation_id: string; kind: string; remind: number[] | null; escalate: number | null }[] = [];
  for (const k of kinds) {
    if (!k.defaults) continue;
    const orgs = await tx.execute<{ organisation_id: string }>(sql`
      SELECT DISTINCT organisation_id FROM deadline
       WHERE kind = ${k.kind} AND completed_at IS NULL AND (remind_days_before IS NULL OR escalate_after_days IS NULL)`);
    for (const { organisation_id } of orgs.rows) {
      const d = await k.defaults(tx, organisation_id);
      const remind = (d.remindDaysBefore ?? []).filter((n) => Number.isInteger(n) && n >= 0 && n <= 366);
      const escalate = k.escalateTo && Number.isInteger(d.escalateAfterDays) && d.escalateAfterDays! >= 1 ? d.escalateAfterDays! : null;
      out.push({ organisation_id, kind: k.kind, remind, escalate });
    }
  }
  return out;
}

/**
 * One step of one deadline: who gets it, the claim, the mails. Returns the number of mails, 0 when
 * another run claimed the step first, null when nobody is reachable (the step stays unclaimed).
 */
async function sendStep(tx: Tx, deps: DeadlineRunDeps, k: DeadlineKind, c: Candidate, today: string): Promise<number | null> {
  const d: DeadlineRecord = {
    id: c.id, organisationId: c.organisation_id, recordType: c.record_type, recordId: c.record_id, kind: c.kind,
    dueOn: c.due_on, assigneeUserId: c.assignee_user_id, assigneeUnitId: c.assignee_unit_id,
  };
  const step = stepName(c.step);
  let ids: string[] = [];
  let via: DeadlineVia;
  if (step === 'escalation') {
    via = 'escalation';
    ids = k.escalateTo ? await k.escalateTo(tx, d, today) : [];
  } else if (d.assigneeUserId) {
    via = 'assignee';
    ids = [d.assigneeUserId];
  } else if (d.assigneeUnitId) {
    via = 'unit';
    ids = k.unitRecipients ? await k.unitRecipients(tx, d, today) : [];
  } else {
    via = 'assignee';
    ids = k.recipients ? await k.recipients(tx, d, today) : [];
  }
  // Only people who can act on it: an enabled account that is still a member of the organisation.
  const people = ids.length === 0 ? [] : (await tx.execute<{ id: string; email: string; locale: string }>(sql`
    SELECT u.id, u.email, u.locale FROM app_user u
      JOIN organisation_member m ON m.user_id = u.id AND m.organisation_id = ${d.organisationId}
     WHERE u.id = ANY(${uuidArray([...new Set(ids)])}::uuid[]) AND u.disabled_at IS NULL
     ORDER BY u.email`)).rows;
  if (people.length === 0) return null;

  const claim = await tx.execute(sql`
    UPDATE deadline SET last_sent_step = ${c.step}, last_sent_on = ${today}::date, updated_at = now()
     WHERE id = ${d.id} AND due_on = ${d.dueOn}::date AND completed_at IS NULL
       AND (last_sent_step IS NULL OR last_sent_step < ${c.step})`);
  if ((claim.rowCount ?? 0) === 0) return 0;

  const link = `${deps.publicUrl}${await k.link(tx, d)}`;
  for (const p of people) {
    const ctx = { deadline: d, step, via, today, daysLeft: Number(c.days_left), link };
    const mail = k.mail ? await k.mail(tx, ctx) : defaultDeadlineMail(ctx);
    await deps.mailer.enqueue(tx, {
      organisationId: d.organisationId, to: p.email, locale: isLocale(p.locale) ? p.locale : DEFAULT_LOCALE,
      template: mail.template, params: mail.params,
    });
  }
  return people.length;
}
