import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withOrgTx } from '../../platform/db/tx.js';
import { MIGRATIONS_DIR } from '../../platform/db/migrate.js';
import { listDue } from '../../platform/deadlines/index.js';
import { createTestApp, ownerQuery, type TestApp } from '../../../test/app.js';
import { planWorld, YEAR, type PlanWorld } from './plan.testkit.js';
import { makePlanService } from './service.js';

/**
 * The plan on the platform's deadlines: which actions have one (open, dated, owned, in a plan in
 * force), kept in step by the write paths and by the daily job's reconciliation.
 */
let t: TestApp;
let w: PlanWorld;
beforeAll(async () => {
  t = await createTestApp();
  w = await planWorld(t);
});
afterAll(async () => {
  await t?.close();
});

const deadlines = () => ownerQuery<{ record_id: string; kind: string; due_on: string; assignee_user_id: string | null; assignee_unit_id: string | null; completed_at: Date | null; last_sent_step: number | null }>(t,
  `SELECT record_id, kind, due_on, assignee_user_id, assignee_unit_id, completed_at, last_sent_step FROM deadline WHERE organisation_id = $1 ORDER BY due_on`, [w.org]);

describe('deadlines of plan actions', () => {
  it('exist for the open, dated and owned actions of a plan in force; follow progress reports at once and status changes at the daily run', async () => {
    const svc = makePlanService({ db: t.db.db, mailer: t.deps.mailer, publicUrl: 'https://kompas.test', dataDir: t.deps.config.dataDir });
    const p = (await w.s.officer.post(`/api/orgs/${w.org}/plans`, { title: 'Deadlines', periodFrom: YEAR, periodTo: YEAR + 1 })).json();
    const url = `/api/orgs/${w.org}/plans/${p.plan.id}`;
    const o = (await w.s.officer.post(`${url}/objectives`, { code: 'SD 1', title: 'SD' })).json().id;
    const mk = async (title: string, extra: Record<string, unknown>) => (await w.s.officer.post(`${url}/actions`, { objectiveId: o, title, ...extra })).json().id as string;
    const mine = await mk('Mine', { dueDate: `${YEAR}-06-30`, ownerUserId: w.users.owner.id });
    const unit = await mk('Unit', { dueDate: `${YEAR}-07-15`, ownerUnitId: w.unitA });
    await mk('Nobody', { dueDate: `${YEAR}-06-30` });
    await mk('Undated', { ownerUserId: w.users.owner.id });
    const gone = await mk('Gone', { dueDate: `${YEAR}-08-01`, ownerUserId: w.users.owner.id });
    await w.s.officer.delete(`${url}/actions/${gone}`);
    // A draft's dates are proposals: no deadlines yet.
    expect(await deadlines()).toEqual([]);

    await ownerQuery(t, `UPDATE plan SET status = 'in_force', in_force_at = now() WHERE id = $1`, [p.plan.id]);
    expect(await svc.sendDueReminders(`${YEAR}-01-02`)).toBe(0);
    expect((await deadlines()).map((d) => [d.record_id, d.kind, d.due_on, d.assignee_user_id, d.assignee_unit_id, d.completed_at])).toEqual([
      [mine, 'plan.action_due', `${YEAR}-06-30`, w.users.owner.id, null, null],
      [unit, 'plan.action_due', `${YEAR}-07-15`, null, w.unitA, null],
    ]);
    const waiting = (who: { userId?: string; unitIds?: string[] }) =>
      withOrgTx(t.db.db, w.org, (tx) => listDue(tx, w.org, { ...who, today: `${YEAR}-06-01` })).then((l) => l.map((x) => [x.recordId, x.daysLeft]));
    expect(await waiting({ userId: w.users.owner.id })).toEqual([[mine, 29]]);
    expect(await waiting({ unitIds: [w.unitA] })).toEqual([[unit, 44]]);

    // The owner's progress report changes the deadline in the same transaction, without waiting for the job.
    const report = (status: string) => w.s.owner.post(`${url}/actions/${mine}/updates`, { status, progress: status === 'done' ? 100 : 50 });
    expect((await report('done')).statusCode).toBe(201);
    expect(await waiting({ userId: w.users.owner.id })).toEqual([]);
    expect((await report('in_progress')).statusCode).toBe(201);
    expect(await waiting({ userId: w.users.owner.id })).toEqual([[mine, 29]]);

    // A superseded plan's deadlines are completed by the next run, before anything is sent.
    await ownerQuery(t, `UPDATE plan SET status = 'superseded' WHERE id = $1`, [p.plan.id]);
    expect(await svc.sendDueReminders(`${YEAR}-06-29`)).toBe(0);
    expect((await deadlines()).every((d) => d.completed_at !== null)).toBe(true);
  });

  it('migration 0018 carries the reminders plan_reminder_sent remembers, so the upgrade reminds nobody twice', async () => {
    const svc = makePlanService({ db: t.db.db, mailer: t.deps.mailer, publicUrl: 'https://kompas.test', dataDir: t.deps.config.dataDir });
    await ownerQuery(t, `UPDATE plan SET status = 'superseded' WHERE organisation_id = $1 AND status = 'in_force'`, [w.org]);
    const p = (await w.s.officer.post(`/api/orgs/${w.org}/plans`, { title: 'Upgrade', periodFrom: YEAR, periodTo: YEAR + 1 })).json();
    const url = `/api/orgs/${w.org}/plans/${p.plan.id}`;
    const o = (await w.s.officer.post(`${url}/objectives`, { code: 'SD 1', title: 'SD' })).json().id;
    const mk = async (title: string) => (await w.s.officer.post(`${url}/actions`, { objectiveId: o, title, dueDate: `${YEAR}-03-20`, ownerUserId: w.users.owner.id })).json().id as string;
    const [reminded, notYet] = [await mk('Reminded'), await mk('Not yet')];
    await ownerQuery(t, `UPDATE plan SET status = 'in_force', in_force_at = now() WHERE id = $1`, [p.plan.id]);
    // The state before the upgrade: no deadlines, one reminder remembered by the plan's own table.
    await ownerQuery(t, `DELETE FROM deadline`);
    await ownerQuery(t, `INSERT INTO plan_reminder_sent (action_id, due_date, organisation_id) VALUES ($1, $2, $3)`, [reminded, `${YEAR}-03-20`, w.org]);
    const migration = fs.readFileSync(path.join(MIGRATIONS_DIR, '0018_plan_action_deadlines.sql'), 'utf8');
    await ownerQuery(t, `BEGIN; ${migration.split('--> statement-breakpoint').join('\n')}; COMMIT;`);
    expect((await deadlines()).map((d) => [d.record_id, d.last_sent_step]).sort()).toEqual([[notYet, null], [reminded, -14]].sort());
    const before = await ownerQuery<{ n: number }>(t, `SELECT count(*)::int AS n FROM mail_outbox WHERE to_address = $1`, [w.users.owner.email]);
    expect(await svc.sendDueReminders(`${YEAR}-03-10`)).toBe(1);
    const after = await ownerQuery<{ body_text: string }>(t, `SELECT body_text FROM mail_outbox WHERE to_address = $1 ORDER BY created_at DESC LIMIT 1`, [w.users.owner.email]);
    expect(after[0].body_text).toContain('Not yet');
    expect((await ownerQuery<{ n: number }>(t, `SELECT count(*)::int AS n FROM mail_outbox WHERE to_address = $1`, [w.users.owner.email]))[0].n).toBe(before[0].n + 1);
  });
});
