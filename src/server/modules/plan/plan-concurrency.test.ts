import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ifMatch, ownerQuery, type TestApp } from '../../../test/app.js';
import type { PlanTree } from './contract.js';
import { planWorld, YEAR, type PlanWorld } from './plan.testkit.js';
import { completeForSubmission } from './plan-workflow.testkit.js';
import { makePlanService } from './service.js';

/** Lost edits and plans in force (issue 15; ADR 0011), on real PostgreSQL with truly concurrent requests. */

let t: TestApp;
let w: PlanWorld;
beforeAll(async () => {
  t = await createTestApp();
  w = await planWorld(t);
});
afterAll(async () => { await t.close(); });

const base = () => `/api/orgs/${w.org}/plans`;

async function draft(periodFrom = YEAR, periodTo = YEAR + 4) {
  const plan = (await w.s.officer.post(base(), { title: 'Plan', periodFrom, periodTo })).json() as PlanTree;
  const p = `${base()}/${plan.plan.id}`;
  const sd = (await w.s.officer.post(`${p}/objectives`, { code: 'SD 1', title: 'SD' })).json();
  const action = (await w.s.officer.post(`${p}/actions`, { objectiveId: sd.id, title: 'Dilemmatraining' })).json();
  const indicator = (await w.s.officer.post(`${p}/objectives/${sd.id}/indicators`, { name: 'Deelname', target: 90 })).json();
  return { planId: plan.plan.id, p, plan: plan.plan, sd, action, indicator };
}

const statuses = (rs: { statusCode: number }[]) => rs.map((r) => r.statusCode).sort();

describe('stale writes', () => {
  it('a stale action edit gets 409 with the current action, and changes nothing', async () => {
    const { planId, p, action } = await draft();
    expect(action.revision).toBe(1);
    const first = await w.s.officer.patch(`${p}/actions/${action.id}`, { title: 'Versie van Anna' }, ifMatch(action.revision));
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().revision).toBe(2);
    // The chief edited the same form, opened before Anna saved.
    const stale = await w.s.chief.patch(`${p}/actions/${action.id}`, { title: 'Versie van Bart', meansTime: '3 dagen' }, ifMatch(action.revision));
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'edit_conflict', current: { id: action.id, title: 'Versie van Anna', revision: 2, meansTime: null } });
    expect(stale.json().message).toMatch(/meantime/);
    const [row] = await ownerQuery<{ title: string; means_time: string | null; revision: number }>(t, `SELECT title, means_time, revision FROM plan_action WHERE id = $1`, [action.id]);
    expect(row).toEqual({ title: 'Versie van Anna', means_time: null, revision: 2 });
    const audits = await ownerQuery<{ n: number }>(t, `SELECT count(*)::int AS n FROM audit_event WHERE record_id = $1 AND action = 'plan.action_update_definition'`, [planId]);
    expect(audits[0].n).toBe(1);
    // With the revision it now knows, the second person saves what they meant ("keep mine").
    expect((await w.s.chief.patch(`${p}/actions/${action.id}`, { title: 'Versie van Bart' }, ifMatch(2))).json()).toMatchObject({ title: 'Versie van Bart', revision: 3 });
  });

  it('a stale plan section, objective, indicator, measurement or evaluation gets 409 with the current record', async () => {
    const { p, planId, plan, sd, indicator } = await draft();
    expect((await w.s.officer.patch(p, { sections: { ambition: 'A' } }, ifMatch(plan.revision))).statusCode).toBe(200);
    const planConflict = await w.s.chief.patch(p, { sections: { ambition: 'B' } }, ifMatch(plan.revision));
    expect(planConflict.statusCode).toBe(409);
    expect(planConflict.json().current.plan).toMatchObject({ revision: plan.revision + 1, sections: { ambition: 'A' } });

    expect((await w.s.officer.patch(`${p}/objectives/${sd.id}`, { title: 'SD nieuw' }, ifMatch(sd.revision))).statusCode).toBe(200);
    expect((await w.s.officer.patch(`${p}/objectives/${sd.id}`, { title: 'SD ander' }, ifMatch(sd.revision))).json()).toMatchObject({ code: 'edit_conflict', current: { title: 'SD nieuw' } });

    expect((await w.s.officer.patch(`${p}/indicators/${indicator.id}`, { target: 80 }, ifMatch(indicator.revision))).statusCode).toBe(200);
    expect((await w.s.officer.patch(`${p}/indicators/${indicator.id}`, { target: 70 }, ifMatch(indicator.revision))).json()).toMatchObject({ code: 'edit_conflict', current: { target: 80 } });

    // Measurements and evaluations belong to a plan in force.
    await ownerQuery(t, `UPDATE plan SET status = 'superseded' WHERE organisation_id = $1 AND status = 'in_force'`, [w.org]);
    await completeForSubmission(w.s.officer, w.org, planId);
    expect((await w.s.officer.post(`${p}/submit`)).statusCode).toBe(200);
    expect((await w.s.chief.post(`${p}/approve`)).json().plan.status).toBe('in_force');
    const m = `${p}/indicators/${indicator.id}/measurements/${YEAR}`;
    expect((await w.s.officer.put(m, { value: 41 }, ifMatch(0))).json().measurements).toEqual([{ year: YEAR, value: 41, note: null, revision: 1 }]);
    // Two people record the same year, both believing it empty.
    expect((await w.s.chief.put(m, { value: 12 }, ifMatch(0))).json()).toMatchObject({ code: 'edit_conflict', current: { measurements: [{ year: YEAR, value: 41 }] } });
    expect((await w.s.chief.put(m, { value: 45 }, ifMatch(1))).json().measurements[0]).toMatchObject({ value: 45, revision: 2 });

    const ev = (await w.s.officer.post(`${p}/evaluations`, { year: YEAR, doneText: 'Eerste tekst' })).json();
    expect((await w.s.officer.patch(`${p}/evaluations/${YEAR}`, { doneText: 'Tekst van Anna' }, ifMatch(ev.revision))).statusCode).toBe(200);
    expect((await w.s.chief.patch(`${p}/evaluations/${YEAR}`, { doneText: 'Tekst van Bart' }, ifMatch(ev.revision))).json()).toMatchObject({ code: 'edit_conflict', current: { doneText: 'Tekst van Anna' } });
    // The chief approving the text they read: a newer text is a conflict, not a blind approval.
    const approve = await w.s.chief.post(`${p}/evaluations/${YEAR}/approve`, {}, ifMatch(ev.revision));
    expect(approve.json()).toMatchObject({ code: 'edit_conflict', current: { status: 'draft' } });
    expect((await w.s.chief.post(`${p}/evaluations/${YEAR}/approve`, {}, ifMatch(ev.revision + 1))).json().status).toBe('approved');
  });

  it('two concurrent PATCHes with the same revision: exactly one 200, one 409', async () => {
    const { p, plan, sd, action, indicator } = await draft();
    const pairs = [
      [(n: string) => w.s.officer.patch(`${p}/actions/${action.id}`, { title: n }, ifMatch(action.revision)), `SELECT title AS v, revision FROM plan_action WHERE id = '${action.id}'`],
      [(n: string) => w.s.officer.patch(p, { sections: { monitoring: n } }, ifMatch(plan.revision)), `SELECT sections->>'monitoring' AS v, revision FROM plan WHERE id = '${plan.id}'`],
      [(n: string) => w.s.officer.patch(`${p}/objectives/${sd.id}`, { title: n }, ifMatch(sd.revision)), `SELECT title AS v, revision FROM plan_objective WHERE id = '${sd.id}'`],
      [(n: string) => w.s.officer.patch(`${p}/indicators/${indicator.id}`, { name: n }, ifMatch(indicator.revision)), `SELECT name AS v, revision FROM plan_indicator WHERE id = '${indicator.id}'`],
    ] as const;
    for (const [write, query] of pairs) {
      const rs = await Promise.all([write('eerste'), write('tweede')]);
      expect(statuses(rs)).toEqual([200, 409]);
      const winner = rs.find((r) => r.statusCode === 200)!.json();
      const [row] = await ownerQuery<{ v: string; revision: number }>(t, query);
      expect(row.revision).toBe(2);
      // The stored value is the winner's, and the loser was shown exactly that.
      const loser = rs.find((r) => r.statusCode === 409)!.json();
      expect(loser.current.revision ?? loser.current.plan.revision).toBe(2);
      expect([winner.title, winner.name, winner.plan?.sections.monitoring].filter(Boolean)).toEqual([row.v]);
    }
  });

  it('a write without If-Match gets 428, a malformed one 400; nothing changes', async () => {
    const { p, action } = await draft();
    const url = `${p}/actions/${action.id}`;
    expect((await w.s.officer.patch(url, { title: 'x' })).json()).toMatchObject({ code: 'if_match_required' });
    expect((await w.s.officer.patch(url, { title: 'x' })).statusCode).toBe(428);
    for (const bad of ['"bogus"', '*', 'W/"1"', '1', '"1", "2"', '"-1"', '"99999999999"']) {
      const r = await w.s.officer.patch(url, { title: 'x' }, { 'if-match': bad });
      expect(r.statusCode, bad).toBe(400);
      expect(r.json()).toMatchObject({ code: 'if_match_invalid', field: 'If-Match' });
    }
    const [row] = await ownerQuery<{ title: string; revision: number }>(t, `SELECT title, revision FROM plan_action WHERE id = $1`, [action.id]);
    expect(row).toEqual({ title: 'Dilemmatraining', revision: 1 });
  });

  it('lifecycle steps and progress reports move the revision, so an editor holding the old one is told', async () => {
    const { p, planId } = await draft();
    // Completing the plan for submission (issue 17) moves the revision too: the step is measured from there.
    const { plan } = await completeForSubmission(w.s.officer, w.org, planId);
    const submitted = (await w.s.officer.post(`${p}/submit`)).json() as PlanTree;
    expect(submitted.plan.revision).toBe(plan.revision + 1);
    expect((await w.s.chief.post(`${p}/return-to-draft`, {}, ifMatch(plan.revision))).json().code).toBe('edit_conflict');
    expect((await w.s.chief.post(`${p}/return-to-draft`, {}, ifMatch(submitted.plan.revision))).json().plan.status).toBe('draft');
    expect((await w.s.officer.patch(p, { title: 'Oud scherm' }, ifMatch(submitted.plan.revision))).json().code).toBe('edit_conflict');
  });
});

describe('plans in force', () => {
  // Approval replaces the plan in force for the same years (ADR 0011, addendum), but only the one the
  // chief was shown: each of these chiefs saw nothing to replace, so after the first only 409s remain.
  it('two plans approved at the same time: one goes in force, the other gets 409', async () => {
    await ownerQuery(t, `UPDATE plan SET status = 'superseded' WHERE organisation_id = $1 AND status IN ('approved', 'in_force')`, [w.org]);
    const plans = [await draft(), await draft(YEAR - 1, YEAR + 3), await draft()];
    for (const x of plans) {
      await completeForSubmission(w.s.officer, w.org, x.planId);
      expect((await w.s.officer.post(`${x.p}/submit`)).statusCode).toBe(200);
    }
    const rs = await Promise.all(plans.map((x) => w.s.chief.post(`${x.p}/approve`, { replacing: [] })));
    expect(statuses(rs)).toEqual([200, 409, 409]);
    for (const r of rs.filter((x) => x.statusCode === 409)) expect(r.json()).toMatchObject({ code: 'plan_replacement_changed' });
    const inForce = await ownerQuery<{ n: number }>(t, `SELECT count(*)::int AS n FROM plan WHERE organisation_id = $1 AND status = 'in_force'`, [w.org]);
    expect(inForce[0].n).toBe(1);
    // The refused ones are still submitted, nothing half-done.
    const losers = plans.filter((_, i) => rs[i].statusCode === 409).map((x) => x.planId);
    const rows = await ownerQuery<{ status: string; approved_at: Date | null }>(t, `SELECT status, approved_at FROM plan WHERE id = ANY($1::uuid[])`, [losers]);
    expect(rows).toEqual([{ status: 'submitted', approved_at: null }, { status: 'submitted', approved_at: null }]);
  });

  it('the database itself refuses a second plan in force for the same years; later years are fine', async () => {
    const { planId } = await draft(YEAR + 1, YEAR + 2);
    await expect(ownerQuery(t, `UPDATE plan SET status = 'in_force' WHERE id = $1`, [planId])).rejects.toMatchObject({ code: '23P01' });
    const later = await draft(YEAR + 6, YEAR + 8);
    await ownerQuery(t, `UPDATE plan SET status = 'in_force' WHERE id = $1`, [later.planId]);
    await ownerQuery(t, `UPDATE plan SET status = 'draft' WHERE id = $1`, [later.planId]);
  });

  // Changed on purpose (issue 17, ADR 0011 addendum): the plan approved for later years replaces the plan in
  // force on its first day instead of waiting forever; by hand, a stale view of what it replaces is refused.
  it('the daily job puts an approved plan in force on its first day, ending the plan in force for those years', async () => {
    const [running] = await ownerQuery<{ id: string }>(t, `SELECT id FROM plan WHERE organisation_id = $1 AND status = 'in_force'`, [w.org]);
    const { p, planId } = await draft(YEAR + 1, YEAR + 5);
    await completeForSubmission(w.s.officer, w.org, planId);
    expect((await w.s.officer.post(`${p}/submit`)).statusCode).toBe(200);
    expect((await w.s.chief.post(`${p}/approve`)).json().plan.status).toBe('approved');
    expect((await w.s.chief.post(`${p}/put-in-force`, { replacing: [] })).json().code).toBe('plan_replacement_changed');
    const svc = makePlanService({ db: t.db.db, mailer: t.deps.mailer, publicUrl: 'http://x', dataDir: t.deps.config.dataDir });
    expect(await svc.activateDuePlans(`${YEAR + 1}-01-01`)).toBe(1);
    const rows = await ownerQuery<{ id: string; status: string }>(t, `SELECT id, status FROM plan WHERE id = ANY($1::uuid[])`, [[planId, running.id]]);
    expect(Object.fromEntries(rows.map((r) => [r.id, r.status]))).toEqual({ [planId]: 'in_force', [running.id]: 'superseded' });
  });
});
