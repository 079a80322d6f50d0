import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ownerQuery, type TestApp } from '../../../test/app.js';
import type { PlanTree } from './contract.js';
import { planWorld, YEAR, type PlanWorld } from './plan.testkit.js';

/**
 * A plan read is audited with what it actually handed out: the plan's confidential notes (only
 * the officer and the chief get them) and the number of actions whose notes came with it. A head
 * of service never gets the plan's notes, so their read must not say it did.
 */
let t: TestApp;
let w: PlanWorld;
let planId: string;
let bare: string;
beforeAll(async () => {
  t = await createTestApp();
  w = await planWorld(t);
  const p = (await w.s.officer.post(`/api/orgs/${w.org}/plans`, { title: 'Plan', periodFrom: YEAR, periodTo: YEAR + 4 })).json() as PlanTree;
  planId = p.plan.id;
  const base = `/api/orgs/${w.org}/plans/${planId}`;
  const sd = (await w.s.officer.post(`${base}/objectives`, { code: 'SD 1', title: 'SD' })).json().id;
  const od = (await w.s.officer.post(`${base}/objectives`, { parentId: sd, code: 'OD 1.1', title: 'OD' })).json().id;
  // unitA is the head's unit (planWorld); unitB is not.
  await w.s.officer.post(`${base}/actions`, { objectiveId: od, title: 'Van de eenheid', ownerUnitId: w.unitA, notes: 'NOTA-A' });
  await w.s.officer.post(`${base}/actions`, { objectiveId: od, title: 'Andere eenheid', ownerUnitId: w.unitB, notes: 'NOTA-B' });
  await w.s.officer.post(`${base}/actions`, { objectiveId: od, title: 'Zonder nota', ownerUnitId: w.unitA });
  await w.s.officer.post(`${base}/actions`, { objectiveId: od, title: 'Van de eigenaar', ownerUserId: w.users.owner.id, notes: 'NOTA-O' });
  const current = (await w.s.officer.get(base)).json() as { plan: { revision?: number } };
  const r = await w.s.officer.request('PATCH', base, { confidentialNotes: 'PLAN-GEHEIM' }, { 'if-match': `"${current.plan.revision ?? 0}"` });
  expect(r.statusCode).toBe(200);
  bare = ((await w.s.officer.post(`/api/orgs/${w.org}/plans`, { title: 'Leeg plan', periodFrom: YEAR, periodTo: YEAR + 1 })).json() as PlanTree).plan.id;
});
afterAll(async () => { await t?.close(); });

const lastRead = async (userId: string, id: string) => (await ownerQuery<{ details: Record<string, unknown> }>(t,
  `SELECT details FROM audit_event WHERE action = 'plan.read' AND actor_user_id = $1 AND record_id = $2 ORDER BY id DESC LIMIT 1`, [userId, id]))[0]?.details;

describe('plan.read audit details', () => {
  it("a head of service's read says no plan notes, and counts the notes of their unit's actions only", async () => {
    const r = (await w.s.head.get(`/api/orgs/${w.org}/plans/${planId}`)).json() as PlanTree;
    expect(r.plan.confidentialNotes).toBeNull();
    expect(await lastRead(w.users.head.id, planId)).toEqual({ notes: false, actionNotes: 1 });
  });

  it("the chief's read says the plan's notes and every action's notes were returned", async () => {
    const r = (await w.s.chief.get(`/api/orgs/${w.org}/plans/${planId}`)).json() as PlanTree;
    expect(r.plan.confidentialNotes).toBe('PLAN-GEHEIM');
    expect(await lastRead(w.users.chief.id, planId)).toEqual({ notes: true, actionNotes: 3 });
  });

  it('counts only the actions the filters returned', async () => {
    await w.s.chief.get(`/api/orgs/${w.org}/plans/${planId}?unit=${w.unitB}`);
    expect(await lastRead(w.users.chief.id, planId)).toEqual({ notes: true, actionNotes: 1 });
  });

  it('a plan without notes is still logged for those who may see notes, saying none were returned', async () => {
    await w.s.chief.get(`/api/orgs/${w.org}/plans/${bare}`);
    expect(await lastRead(w.users.chief.id, bare)).toEqual({ notes: false, actionNotes: 0 });
  });
});
