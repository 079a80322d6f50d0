import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createOrganisation, createTestApp, createUser, ownerQuery, type TestApp } from '../../../test/app.js';
import { withOrgTx, withSystemTx } from '../db/tx.js';
import { jobDefinitions } from '../jobs/index.js';
import { registerMailTemplate, renderMail } from '../mail/index.js';
import type { Locale } from '../../../shared/roles.js';
import {
  completeDeadline, deadlinesOf, listDue, registerDeadlineJobs, registerDeadlineKind, removeDeadlinesOf, runDeadlineReminders, setDeadline,
  syncDeadlines, type DeadlineInput, type DeadlineMailContext,
} from './index.js';

/**
 * The deadline service on the real database, with stand-in kinds of a confidential case file (the
 * platform's own mails: a day and a link) and of a task that may name itself in its mail.
 */
let t: TestApp;
let org: string;
let other: string;
const u: Record<'nl' | 'fr' | 'de' | 'chief' | 'head' | 'disabled' | 'outsider' | 'otherOrg', { id: string; email: string }> = {} as never;
const unit = '00000000-0000-4000-8000-00000000a001';
/** Who the stand-in kinds name: the heads of a unit, the people told of a missed deadline. */
const heads = new Map<string, string[]>();
let escalateTo: string[] = [];
let orgDefaults: { remindDaysBefore?: number[]; escalateAfterDays?: number | null } = {};
const seenMail: DeadlineMailContext[] = [];

const D = '2031-05-20';
const day = (n: number, from = D) => new Date(Date.parse(`${from}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const run = (today: string, kinds = ['test.case_due', 'test.task_due']) =>
  runDeadlineReminders({ db: t.db.db, mailer: t.deps.mailer, publicUrl: 'https://kompas.test' }, { today, kinds });
const outbox = () => ownerQuery<{ to_address: string; locale: string; template: string; subject: string; body_text: string; organisation_id: string }>(t,
  `SELECT to_address, locale, template, subject, body_text, organisation_id FROM mail_outbox WHERE template LIKE 'deadline.%' OR template LIKE 'test.%' ORDER BY created_at, to_address`);
const state = async (recordId: string) => (await ownerQuery<{ last_sent_step: number | null; completed_at: Date | null; due_on: string }>(t,
  `SELECT last_sent_step, completed_at, due_on FROM deadline WHERE record_id = $1`, [recordId]))[0];
let seq = 0;
const rid = () => `00000000-0000-4000-8000-${String(++seq).padStart(12, '0')}`;
const caseDeadline = (over: Partial<DeadlineInput> = {}): DeadlineInput => ({
  organisationId: org, recordType: 'test_case', recordId: rid(), kind: 'test.case_due', dueOn: D, assigneeUserId: u.nl.id, ...over,
});
const set = (d: DeadlineInput) => withOrgTx(t.db.db, d.organisationId, (tx) => setDeadline(tx, d));

registerDeadlineKind({
  kind: 'test.case_due',
  recordType: 'test_case',
  link: (_tx, d) => `/o/${d.organisationId}/cases/${d.recordId}`,
  unitRecipients: async (_tx, d) => heads.get(d.assigneeUnitId!) ?? [],
  escalateTo: async () => escalateTo,
});
registerMailTemplate('test.task_due', {
  subject: { id: 'test.task_due.subject', message: 'Task {title} ({via}, {step})' },
  body: { id: 'test.task_due.body', message: '{title}: {daysLeft} days left. {link}' },
});
registerDeadlineKind({
  kind: 'test.task_due',
  recordType: 'test_task',
  link: (_tx, d) => `/o/${d.organisationId}/tasks/${d.recordId}`,
  defaults: async () => orgDefaults,
  escalateTo: async () => escalateTo,
  unitRecipients: async (_tx, d) => heads.get(d.assigneeUnitId!) ?? [],
  // A kind whose records are not confidential may name them; it reads its own table for that.
  mail: async (tx, m) => {
    seenMail.push(m);
    const r = await tx.execute<{ title: string }>(sql`SELECT title FROM test_task WHERE id = ${m.deadline.recordId}`);
    return { template: 'test.task_due', params: { title: r.rows[0]?.title ?? '?', via: m.via, step: m.step, daysLeft: m.daysLeft, link: m.link } };
  },
  // The module's rule, as a query over its own table: open tasks with a due date have a deadline.
  reconcile: (tx) => syncDeadlines(tx, { kind: 'test.task_due', source: taskSource }).then(() => {}),
});
const taskSource = sql`
  SELECT organisation_id, id AS record_id, due_on, owner_id AS assignee_user_id, NULL::uuid AS assignee_unit_id,
         NULL::int[] AS remind_days_before, NULL::int AS escalate_after_days
    FROM test_task WHERE NOT done AND due_on IS NOT NULL`;

beforeAll(async () => {
  t = await createTestApp();
  org = await createOrganisation(t);
  other = await createOrganisation(t);
  u.nl = await createUser(t, { roles: [{ orgId: org, role: 'staff_member' }], locale: 'nl' });
  u.fr = await createUser(t, { roles: [{ orgId: org, role: 'staff_member' }], locale: 'fr' });
  u.de = await createUser(t, { roles: [{ orgId: org, role: 'staff_member' }], locale: 'de' });
  u.chief = await createUser(t, { roles: [{ orgId: org, role: 'chief' }], locale: 'fr' });
  u.head = await createUser(t, { roles: [{ orgId: org, role: 'head_of_service' }], locale: 'nl' });
  u.disabled = await createUser(t, { roles: [{ orgId: org, role: 'staff_member' }] });
  await ownerQuery(t, `UPDATE app_user SET disabled_at = now() WHERE id = $1`, [u.disabled.id]);
  u.outsider = await createUser(t, { locale: 'nl' }); // an account, but no member of the organisation
  u.otherOrg = await createUser(t, { roles: [{ orgId: other, role: 'staff_member' }], locale: 'de' });
  await ownerQuery(t, `CREATE TABLE test_task (id uuid PRIMARY KEY, organisation_id uuid NOT NULL, title text NOT NULL, due_on date, owner_id uuid, done boolean NOT NULL DEFAULT false)`);
  await ownerQuery(t, `GRANT SELECT ON test_task TO kompas_app`);
});
afterAll(async () => {
  await t?.close();
});
beforeEach(async () => {
  await ownerQuery(t, `DELETE FROM mail_outbox`);
  await ownerQuery(t, `DELETE FROM deadline`);
  await ownerQuery(t, `DELETE FROM test_task`);
  heads.clear();
  escalateTo = [];
  orgDefaults = {};
  seenMail.length = 0;
});

describe('the daily steps of a deadline', () => {
  it('reminds N days before, gives notice on the day and escalates after, each once, with the platform mail (a day and a link)', async () => {
    const d = caseDeadline({ remindDaysBefore: [7, 2, 0], escalateAfterDays: 3 });
    await set(d);
    escalateTo = [u.chief.id];
    const expected: Record<number, string | undefined> = { [-7]: 'deadline.reminder', [-2]: 'deadline.reminder', 0: 'deadline.due', 3: 'deadline.escalation' };
    for (let n = -9; n <= 6; n++) {
      const before = (await outbox()).length;
      const r = await run(day(n));
      const mails = (await outbox()).slice(before);
      expect(mails.map((m) => m.template), `day ${n}`).toEqual(expected[n] ? [expected[n]] : []);
      expect(r.mails).toBe(mails.length);
    }
    const mails = await outbox();
    expect(mails.map((m) => m.to_address)).toEqual([u.nl.email, u.nl.email, u.nl.email, u.chief.email]);
    const link = `https://kompas.test/o/${org}/cases/${d.recordId}`;
    for (const m of mails) {
      expect(m.organisation_id).toBe(org);
      // Exactly the platform's template: the due date and the link, nothing of the record.
      expect({ subject: m.subject, text: m.body_text }).toEqual(renderMail({ locale: m.locale as Locale, template: m.template, params: { dueDate: D, link } }));
    }
    expect(mails[3].locale).toBe('fr');
    expect(await state(d.recordId)).toMatchObject({ last_sent_step: 3 });
  });

  it('catches up a missed run with the latest step only, and sends reminders no later than the due day', async () => {
    const late = caseDeadline({ remindDaysBefore: [14, 7, 2] });
    const past = caseDeadline({ remindDaysBefore: [14, 7, 2, 0] });
    await set(late);
    await set({ ...past, dueOn: day(-2) });
    const r = await run(day(-1));
    expect(r).toEqual({ mails: 1, steps: 1, unaddressed: 0 });
    expect(await state(late.recordId)).toMatchObject({ last_sent_step: -2 });
    // The deadline that passed yesterday got nothing: its reminders are no news any more, and it has no escalation.
    expect(await state(past.recordId)).toMatchObject({ last_sent_step: null });
    expect((await run(day(0))).mails).toBe(0);
  });

  it('is idempotent: a rerun of the same day, or of an earlier day, sends nothing again', async () => {
    const ds = [caseDeadline({ remindDaysBefore: [3] }), caseDeadline({ remindDaysBefore: [3], assigneeUserId: u.fr.id })];
    for (const d of ds) await set(d);
    expect((await run(day(-3))).mails).toBe(2);
    expect((await run(day(-3))).mails).toBe(0);
    expect((await run(day(-4))).mails).toBe(0);
    expect((await run(day(-1))).mails).toBe(0);
    expect(await outbox()).toHaveLength(2);
  });

  it('sends each step once when two runs go at the same time (two server instances)', async () => {
    const ds = Array.from({ length: 25 }, (_, i) => caseDeadline({ remindDaysBefore: [5], assigneeUserId: [u.nl, u.fr, u.de][i % 3].id }));
    for (const d of ds) await set(d);
    const [a, b] = await Promise.all([run(day(-5)), run(day(-5))]);
    expect(a.mails + b.mails).toBe(25);
    expect(a.steps + b.steps).toBe(25);
    expect(await outbox()).toHaveLength(25);
    const steps = await ownerQuery<{ n: number }>(t, `SELECT count(*)::int AS n FROM deadline WHERE last_sent_step = -5`);
    expect(steps[0].n).toBe(25);
  });

  it('keeps a completed deadline silent, and a deadline set again is open again without repeating what was sent', async () => {
    const d = caseDeadline({ remindDaysBefore: [5, 1] });
    await set(d);
    expect((await run(day(-5))).mails).toBe(1);
    expect(await withOrgTx(t.db.db, org, (tx) => completeDeadline(tx, d))).toBe(1);
    expect(await withOrgTx(t.db.db, org, (tx) => completeDeadline(tx, d))).toBe(0);
    expect((await run(day(-1))).mails).toBe(0);
    expect((await run(day(0))).mails).toBe(0);
    await set(d);
    expect((await state(d.recordId)).completed_at).toBeNull();
    expect((await run(day(-5))).mails).toBe(0);
    expect((await run(day(-1))).mails).toBe(1);
  });

  it('starts afresh when the due date moves, not when anything else changes', async () => {
    const d = caseDeadline({ remindDaysBefore: [7, 2] });
    await set(d);
    expect((await run(day(-2))).mails).toBe(1);
    // Same due date, another assignee: what was sent stays sent.
    await set({ ...d, assigneeUserId: u.fr.id });
    expect((await run(day(-2))).mails).toBe(0);
    // A week later: the reminder 7 days before the new date is owed again, today.
    await set({ ...d, assigneeUserId: u.fr.id, dueOn: day(5) });
    expect(await state(d.recordId)).toMatchObject({ last_sent_step: null, due_on: day(5) });
    expect((await run(day(-2))).mails).toBe(1);
    expect((await run(day(3))).mails).toBe(1);
    expect((await outbox()).map((m) => [m.to_address, m.subject.includes(day(5))])).toEqual([[u.nl.email, false], [u.fr.email, true], [u.fr.email, true]]);
  });
});

describe('who gets the mail', () => {
  it('writes to every recipient in their own language', async () => {
    for (const p of [u.nl, u.fr, u.de]) await set(caseDeadline({ remindDaysBefore: [1], assigneeUserId: p.id }));
    expect((await run(day(-1))).mails).toBe(3);
    const mails = await outbox();
    expect(Object.fromEntries(mails.map((m) => [m.to_address, m.locale]))).toEqual({ [u.nl.email]: 'nl', [u.fr.email]: 'fr', [u.de.email]: 'de' });
    for (const m of mails) expect(m.subject).toBe(renderMail({ locale: m.locale as Locale, template: 'deadline.reminder', params: { dueDate: D, link: '' } }).subject);
  });

  it('skips disabled accounts and people who are not members of the organisation, and tries again when someone can be reached', async () => {
    const disabled = caseDeadline({ remindDaysBefore: [3], assigneeUserId: u.disabled.id });
    const outsider = caseDeadline({ remindDaysBefore: [3], assigneeUserId: u.outsider.id });
    await set(disabled);
    await set(outsider);
    expect(await run(day(-3))).toEqual({ mails: 0, steps: 0, unaddressed: 2 });
    expect(await state(disabled.recordId)).toMatchObject({ last_sent_step: null });
    await ownerQuery(t, `UPDATE app_user SET disabled_at = NULL WHERE id = $1`, [u.disabled.id]);
    try {
      expect(await run(day(-2))).toEqual({ mails: 1, steps: 1, unaddressed: 1 });
      expect((await outbox()).map((m) => m.to_address)).toEqual([u.disabled.email]);
    } finally {
      await ownerQuery(t, `UPDATE app_user SET disabled_at = now() WHERE id = $1`, [u.disabled.id]);
    }
  });

  it('writes to the people of an assigned unit, and escalates to the kind\'s target, reachable ones only, each once', async () => {
    heads.set(unit, [u.head.id, u.disabled.id]);
    escalateTo = [u.chief.id, u.fr.id, u.chief.id, u.outsider.id, u.otherOrg.id];
    const d = caseDeadline({ assigneeUserId: null, assigneeUnitId: unit, remindDaysBefore: [2], escalateAfterDays: 1 });
    await set(d);
    expect((await run(day(-2))).mails).toBe(1);
    expect((await run(day(1))).mails).toBe(2);
    const mails = await outbox();
    expect(mails.map((m) => [m.template, m.to_address])).toEqual([
      ['deadline.reminder', u.head.email],
      ...[u.chief.email, u.fr.email].sort().map((e) => ['deadline.escalation', e]),
    ]);
  });

  it('lets a kind write its own mail, told the step, the reason and the link', async () => {
    await ownerQuery(t, `INSERT INTO test_task (id, organisation_id, title, due_on, owner_id) VALUES ($1, $2, 'Deontology training', $3, $4)`, [rid(), org, D, u.fr.id]);
    orgDefaults = { remindDaysBefore: [4] };
    expect((await run(day(-4))).mails).toBe(1);
    const [m] = await outbox();
    expect(m).toMatchObject({ template: 'test.task_due', locale: 'fr', to_address: u.fr.email });
    expect(m.subject).toBe('Task Deontology training (assignee, reminder)');
    expect(m.body_text).toMatch(/^Deontology training: 4 days left\. https:\/\/kompas\.test\/o\/[0-9a-f-]+\/tasks\/[0-9a-f-]+$/);
    expect(seenMail[0]).toMatchObject({ step: 'reminder', via: 'assignee', today: day(-4), daysLeft: 4 });
  });
});

describe('organisation defaults and the module\'s own records', () => {
  it('uses the kind\'s defaults for the organisation where a deadline stores none, read at every run', async () => {
    await ownerQuery(t, `INSERT INTO test_task (id, organisation_id, title, due_on, owner_id) VALUES ($1, $2, 'T', $3, $4)`, [rid(), org, D, u.nl.id]);
    orgDefaults = { remindDaysBefore: [3] };
    expect((await run(day(-10))).mails).toBe(0);
    orgDefaults = { remindDaysBefore: [10], escalateAfterDays: 2 };
    escalateTo = [u.chief.id];
    expect((await run(day(-10))).mails).toBe(1);
    expect((await run(day(2))).mails).toBe(1);
    expect((await outbox()).map((m) => m.subject)).toEqual(['Task T (assignee, reminder)', 'Task T (escalation, escalation)']);
  });

  it('reconciles a kind with its records before sending: new, moved, done and deleted records', async () => {
    const [a, b, c] = [rid(), rid(), rid()];
    await ownerQuery(t, `INSERT INTO test_task (id, organisation_id, title, due_on, owner_id) VALUES ($1, $4, 'A', $5, $6), ($2, $4, 'B', $5, $6), ($3, $4, 'C', NULL, $6)`, [a, b, c, org, D, u.nl.id]);
    orgDefaults = { remindDaysBefore: [1] };
    expect((await run(day(-1))).mails).toBe(2);
    // Changed behind the module's back (an administrator in SQL): the next run follows the records.
    await ownerQuery(t, `UPDATE test_task SET due_on = $2 WHERE id = $1`, [a, day(1)]);
    await ownerQuery(t, `UPDATE test_task SET done = true WHERE id = $1`, [b]);
    await ownerQuery(t, `UPDATE test_task SET due_on = $2 WHERE id = $1`, [c, D]);
    expect((await run(day(-1))).mails).toBe(1); // c, new; a moved but not yet within a day
    expect((await run(day(0))).mails).toBe(1); // a
    expect((await state(b)).completed_at).not.toBeNull();
    await ownerQuery(t, `DELETE FROM test_task WHERE id = $1`, [c]);
    await run(day(0));
    expect((await state(c)).completed_at).not.toBeNull();
    // An unchanged record is not rewritten by the daily reconciliation.
    const before = await ownerQuery<{ updated_at: Date }>(t, `SELECT updated_at FROM deadline WHERE record_id = $1`, [a]);
    await run(day(0));
    expect(await ownerQuery(t, `SELECT updated_at FROM deadline WHERE record_id = $1`, [a])).toEqual(before);
  });

  it('syncs only the records a write path names', async () => {
    const [a, b] = [rid(), rid()];
    await ownerQuery(t, `INSERT INTO test_task (id, organisation_id, title, due_on, owner_id) VALUES ($1, $3, 'A', $4, $5), ($2, $3, 'B', $4, $5)`, [a, b, org, D, u.nl.id]);
    const r = await withOrgTx(t.db.db, org, (tx) => syncDeadlines(tx, { kind: 'test.task_due', source: taskSource, organisationId: org, recordIds: [a] }));
    expect(r).toEqual({ set: 1, completed: 0 });
    expect(await state(b)).toBeUndefined();
    await ownerQuery(t, `UPDATE test_task SET done = true WHERE id = $1`, [a]);
    expect(await withOrgTx(t.db.db, org, (tx) => syncDeadlines(tx, { kind: 'test.task_due', source: taskSource, organisationId: org, recordIds: [a] })))
      .toEqual({ set: 0, completed: 1 });
  });
});

describe('the module API', () => {
  it('lists what waits for a person and their units, soonest first, and the deadlines of one record', async () => {
    const mine = caseDeadline({ dueOn: day(3) });
    const overdue = caseDeadline({ dueOn: day(-2) });
    const unitOne = caseDeadline({ dueOn: day(1), assigneeUserId: null, assigneeUnitId: unit });
    const notMine = caseDeadline({ assigneeUserId: u.fr.id });
    const done = caseDeadline();
    for (const d of [mine, overdue, unitOne, notMine, done]) await set(d);
    await withOrgTx(t.db.db, org, (tx) => completeDeadline(tx, done));
    const list = await withOrgTx(t.db.db, org, (tx) => listDue(tx, org, { userId: u.nl.id, unitIds: [unit], today: D }));
    expect(list.map((x) => [x.recordId, x.daysLeft])).toEqual([[overdue.recordId, -2], [unitOne.recordId, 1], [mine.recordId, 3]]);
    expect(await withOrgTx(t.db.db, org, (tx) => listDue(tx, org, { userId: u.nl.id, today: D, until: day(0) }))).toHaveLength(1);
    expect(await withOrgTx(t.db.db, org, (tx) => listDue(tx, org, { userId: u.nl.id, kinds: ['test.task_due'] }))).toEqual([]);
    const clock = await withOrgTx(t.db.db, org, (tx) => deadlinesOf(tx, org, 'test_case', done.recordId, D));
    expect(clock).toMatchObject([{ kind: 'test.case_due', dueOn: D, daysLeft: 0 }]);
    expect(clock[0].completedAt).not.toBeNull();
    expect(await withOrgTx(t.db.db, org, (tx) => removeDeadlinesOf(tx, org, 'test_case', done.recordId))).toBe(1);
    expect(await withOrgTx(t.db.db, org, (tx) => deadlinesOf(tx, org, 'test_case', done.recordId))).toEqual([]);
  });

  it('refuses what a module gets wrong: an unknown kind, another record type, a day that is none, an escalation nobody receives', async () => {
    await expect(set(caseDeadline({ kind: 'test.nothing' }))).rejects.toThrow(/unknown deadline kind/);
    await expect(set(caseDeadline({ recordType: 'test_task' }))).rejects.toThrow(/is for test_case/);
    await expect(set(caseDeadline({ dueOn: '2031-02-30' }))).rejects.toThrow(/dueOn/);
    await expect(set(caseDeadline({ remindDaysBefore: [-1] }))).rejects.toThrow(/remindDaysBefore/);
    await expect(set(caseDeadline({ escalateAfterDays: 0 }))).rejects.toThrow(/escalateAfterDays/);
    registerDeadlineKind({ kind: 'test.plain', recordType: 'test_case', link: () => '/' });
    await expect(set(caseDeadline({ kind: 'test.plain', escalateAfterDays: 3 }))).rejects.toThrow(/nobody to escalate/);
    await expect(set(caseDeadline({ kind: 'test.plain', assigneeUserId: null, assigneeUnitId: unit }))).rejects.toThrow(/cannot be assigned to a unit/);
    expect(() => registerDeadlineKind({ kind: 'test.case_due', recordType: 'other', link: () => '/' })).toThrow(/two record types/);
    expect(await ownerQuery(t, `SELECT 1 FROM deadline`)).toEqual([]);
  });

  it('runs as the daily job "deadline-reminders" for the day it is given', async () => {
    registerDeadlineJobs({ database: t.db, mailer: t.deps.mailer, publicUrl: 'https://kompas.test' });
    const job = jobDefinitions().find((j) => j.name === 'deadline-reminders')!;
    expect(job.cron).toBe('0 6 * * *');
    const d = caseDeadline({ remindDaysBefore: [2] });
    await set(d);
    await job.handler({ today: day(-2) });
    await job.handler({ today: day(-2) });
    expect((await outbox()).map((m) => m.body_text.includes(`https://kompas.test/o/${org}/cases/${d.recordId}`))).toEqual([true]);
  });
});

describe('isolation between organisations', () => {
  it('has row-level security enabled and forced, and scopes every read and write to the transaction\'s organisation', async () => {
    const [rls] = await ownerQuery<{ rls: boolean; forced: boolean }>(t, `SELECT relrowsecurity AS rls, relforcerowsecurity AS forced FROM pg_class WHERE relname = 'deadline'`);
    expect(rls).toEqual({ rls: true, forced: true });
    const a = caseDeadline();
    const b = caseDeadline({ organisationId: other, assigneeUserId: u.otherOrg.id });
    await set(a);
    await set(b);
    // Organisation A's transaction cannot see, list, complete, remove or write B's deadline.
    await withOrgTx(t.db.db, org, async (tx) => {
      expect(await listDue(tx, other, { userId: u.otherOrg.id, today: D })).toEqual([]);
      expect(await deadlinesOf(tx, other, 'test_case', b.recordId)).toEqual([]);
      expect(await completeDeadline(tx, b)).toBe(0);
      expect(await removeDeadlinesOf(tx, other, 'test_case', b.recordId)).toBe(0);
    });
    await expect(withOrgTx(t.db.db, org, (tx) => setDeadline(tx, { ...b, recordId: rid() }))).rejects.toThrow();
    // Without any scope (a query outside withOrgTx/withSystemTx) nothing is visible at all.
    expect((await t.db.db.execute(sql`SELECT count(*)::int AS n FROM deadline`)).rows[0]).toEqual({ n: 0 });
    expect((await withSystemTx(t.db.db, (tx) => tx.execute(sql`SELECT count(*)::int AS n FROM deadline`))).rows[0]).toEqual({ n: 2 });
    expect(await state(b.recordId)).toMatchObject({ completed_at: null });
    // The job sends each organisation's mail under that organisation.
    const ra = { ...a, recordId: rid(), remindDaysBefore: [1] };
    const rb = { ...b, recordId: rid(), remindDaysBefore: [1] };
    await set(ra);
    await set(rb);
    await run(day(-1));
    expect((await outbox()).map((m) => [m.organisation_id, m.to_address]).sort()).toEqual([[org, u.nl.email], [other, u.otherOrg.email]].sort());
  });
});
