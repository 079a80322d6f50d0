import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ifMatch, ownerQuery, type TestApp } from '../../../test/app.js';
import type { PlanTree } from '../plan/contract.js';
import { completeForSubmission } from '../plan/plan-workflow.testkit.js';
import type { ConsolidationView, MeasurementDetail, PlanLinkView } from './contract.js';
import { consolidateAll, maturityWorld, mBase, newMeasurement, scoreAll, type MaturityWorld } from './maturity.testkit.js';

/** From a gap to the policy plan in one step, through the plan's own service; the next measurement shows it. */

let t: TestApp;
let w: MaturityWorld;
beforeAll(async () => {
  t = await createTestApp();
  w = await maturityWorld(t);
});
afterAll(async () => { await t.close(); });

const plans = () => `/api/orgs/${w.org}/plans`;

async function draftPlan() {
  const plan = (await w.s.officer.post(plans(), { title: 'Integriteitsbeleidsplan', periodFrom: 2025, periodTo: 2029 })).json() as PlanTree;
  const sd = (await w.s.officer.post(`${plans()}/${plan.plan.id}/objectives`, { code: 'SD 1', title: 'Integriteit omschrijven' })).json();
  return { planId: plan.plan.id as string, sdId: sd.id as string };
}

/** An approved measurement whose first criterion (risk analysis) is agreed at 1 with target 3; the others without gap. */
async function approvedWithGap(kind: 'baseline' | 'yearly', year: number, level: (i: number) => number) {
  const m = await newMeasurement(w, { kind, year });
  await scoreAll(w.s.anna, w, m, level);
  await scoreAll(w.s.bart, w, m, level);
  await consolidateAll(w, m.id, (i) => (i === 0 ? 2 : 0));
  expect((await w.s.officer.post(`${mBase(w)}/${m.id}/submit`)).statusCode).toBe(200);
  expect((await w.s.chief.post(`${mBase(w)}/${m.id}/approve`)).statusCode).toBe(200);
  return m;
}

describe('gap to plan', () => {
  it('creates an action in a draft plan from a gap, keeps the link, and the next measurement shows the action and the level moving', async () => {
    const { planId, sdId } = await draftPlan();
    const base = await approvedWithGap('baseline', 2025, () => 1);
    const crit = base.criteria[0].criterion;
    expect(crit.code).toBe('D1');

    const r = await w.s.officer.post(`${mBase(w)}/${base.id}/gaps/${crit.id}/plan-entry`, { planId, kind: 'action', objectiveId: sdId, title: 'Risicoanalyse kwetsbare functies', dueDate: '2029-06-30' });
    expect(r.statusCode, r.body).toBe(201);
    const link = r.json() as PlanLinkView;
    expect(link).toMatchObject({ kind: 'action', planId, objectiveId: sdId, criterionCode: 'D1', title: 'Risicoanalyse kwetsbare functies', status: 'planned', progress: 0 });

    // The action is the plan's, made by its service: in the plan's tree, with the criterion's IMF function.
    const tree = (await w.s.officer.get(`${plans()}/${planId}`)).json() as PlanTree;
    const action = tree.objectives[0].actions.find((a) => a.id === link.actionId)!;
    expect(action).toMatchObject({ title: 'Risicoanalyse kwetsbare functies', dueDate: '2029-06-30', imfFunction: 'define' });

    // The same measurement shows its link; a criterion without gap refuses; only the officer may.
    const detail = (await w.s.chief.get(`${mBase(w)}/${base.id}`)).json() as MeasurementDetail;
    expect(detail.criteria[0].links.map((l) => l.actionId)).toEqual([link.actionId]);
    const noGap = await w.s.officer.post(`${mBase(w)}/${base.id}/gaps/${base.criteria[1].criterion.id}/plan-entry`, { planId, kind: 'action', objectiveId: sdId, title: 'x' });
    expect(noGap.statusCode).toBe(409);
    expect(noGap.json().code).toBe('maturity_no_gap');
    expect((await w.s.chief.post(`${mBase(w)}/${base.id}/gaps/${crit.id}/plan-entry`, { planId, kind: 'action', objectiveId: sdId, title: 'x' })).statusCode).toBe(403);
    const noObjective = await w.s.officer.post(`${mBase(w)}/${base.id}/gaps/${crit.id}/plan-entry`, { planId, kind: 'action', title: 'x' });
    expect(noObjective.statusCode).toBe(400);

    // An objective from the same gap, under the strategic objective.
    const od = await w.s.officer.post(`${mBase(w)}/${base.id}/gaps/${crit.id}/plan-entry`, { planId, kind: 'objective', objectiveId: sdId, title: 'OD: risicoanalyse jaarlijks herhalen' });
    expect(od.statusCode, od.body).toBe(201);
    expect(od.json()).toMatchObject({ kind: 'objective', actionId: null, title: 'OD: risicoanalyse jaarlijks herhalen' });

    // The action progresses in the plan; an assessor links it as evidence of their score in the next measurement.
    const progress = await w.s.officer.patch(`${plans()}/${planId}/actions/${link.actionId}`, { status: 'in_progress', progress: 60 }, ifMatch(action.revision));
    expect(progress.statusCode, progress.body).toBe(200);
    const next = await newMeasurement(w, { kind: 'yearly', year: 2026 });
    const scoreUrl = (i: number) => `${mBase(w)}/${next.id}/scores/${next.criteria[i].criterion.id}`;
    const scored = await w.s.anna.put(scoreUrl(0), { level: 2, evidence: 'Analyse loopt' }, ifMatch(0));
    expect(scored.statusCode, scored.body).toBe(200);
    expect(scored.json()).not.toHaveProperty('actions');
    const withAction = await w.s.anna.post(`${scoreUrl(0)}/links`, { kind: 'plan.action', recordId: link.actionId });
    expect(withAction.statusCode, withAction.body).toBe(201);
    expect(withAction.json().link).toEqual({ kind: 'plan.action', recordId: link.actionId, record: { title: 'Risicoanalyse kwetsbare functies', url: `/o/${w.org}/plans/${planId}/actions?action=${link.actionId}` } });
    // An objective is no action; and the score itself no longer names actions (its old actionIds field is refused).
    const unknown = await w.s.anna.post(`${scoreUrl(1)}/links`, { kind: 'plan.action', recordId: sdId });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().code).toBe('maturity_link_unknown');
    const old = await w.s.anna.put(scoreUrl(1), { level: 2, evidence: '', actionIds: [link.actionId] }, ifMatch(0));
    expect(old.statusCode).toBe(400);
    expect(old.json().code).toBe('validation_failed');

    const nextDetail = (await w.s.officer.get(`${mBase(w)}/${next.id}`)).json() as MeasurementDetail;
    const prev = nextDetail.criteria[0].previous!;
    expect(prev).toMatchObject({ measurementId: base.id, kind: 'baseline', year: 2025, agreedLevel: 1, targetLevel: 3, moved: null });
    expect(prev.links.map((l) => [l.kind, l.title, l.status, l.progress])).toEqual([
      ['action', 'Risicoanalyse kwetsbare functies', 'in_progress', 60],
      ['objective', 'OD: risicoanalyse jaarlijks herhalen', null, null],
    ]);
    // Once the yearly measurement agrees a level, it says whether it moved.
    await scoreAll(w.s.bart, w, { ...next, criteria: next.criteria.slice(1) } as MeasurementDetail, () => 1);
    await w.s.anna.put(`${mBase(w)}/${next.id}/scores/${next.criteria[1].criterion.id}`, { level: 1, evidence: '' }, ifMatch(0));
    const cons = await consolidateAll(w, next.id, () => 0);
    const row = cons.rows[0] as ConsolidationView['rows'][number];
    expect(row.agreed?.agreedLevel).toBe(2);
    expect(row.previous).toMatchObject({ agreedLevel: 1, moved: 'up' });
  });

  it('a plan that is no longer a draft refuses the entry (the plan\'s own rule) and no link is kept', async () => {
    const { planId, sdId } = await draftPlan();
    const base = await approvedWithGap('baseline', 2024, () => 0);
    // Submitted for approval: the plan takes no new entries.
    await completeForSubmission(w.s.officer, w.org, planId);
    const submitted = await w.s.officer.post(`${plans()}/${planId}/submit`);
    expect(submitted.statusCode, submitted.body).toBe(200);
    const r = await w.s.officer.post(`${mBase(w)}/${base.id}/gaps/${base.criteria[0].criterion.id}/plan-entry`, { planId, kind: 'action', objectiveId: sdId, title: 'x' });
    expect(r.statusCode).toBe(409);
    expect(r.json().code).toBe('plan_not_draft');
    const detail = (await w.s.officer.get(`${mBase(w)}/${base.id}`)).json() as MeasurementDetail;
    expect(detail.criteria[0].links).toEqual([]);
  });

  it('the entry and its link are one transaction: when the link cannot be stored, the plan has no new action', async () => {
    const { planId, sdId } = await draftPlan();
    const base = await approvedWithGap('yearly', 2027, () => 0);
    // A fault at the link's insert (a trigger that raises), after the plan has written its action.
    await ownerQuery(t, `CREATE FUNCTION test_refuse_link() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'link refused by the test'; END $$`);
    await ownerQuery(t, `CREATE TRIGGER test_refuse_link BEFORE INSERT ON maturity_plan_link FOR EACH ROW EXECUTE FUNCTION test_refuse_link()`);
    try {
      const r = await w.s.officer.post(`${mBase(w)}/${base.id}/gaps/${base.criteria[0].criterion.id}/plan-entry`, { planId, kind: 'action', objectiveId: sdId, title: 'Risicoanalyse uitvoeren (atomair)' });
      expect(r.statusCode).toBe(500);
    } finally {
      await ownerQuery(t, `DROP TRIGGER test_refuse_link ON maturity_plan_link`);
      await ownerQuery(t, `DROP FUNCTION test_refuse_link()`);
    }
    const [{ n }] = await ownerQuery<{ n: number }>(t, `SELECT count(*)::int AS n FROM plan_action WHERE plan_id = $1 AND title = 'Risicoanalyse uitvoeren (atomair)'`, [planId]);
    expect(n).toBe(0);
    // Without the fault the same step works.
    const ok = await w.s.officer.post(`${mBase(w)}/${base.id}/gaps/${base.criteria[0].criterion.id}/plan-entry`, { planId, kind: 'action', objectiveId: sdId, title: 'Risicoanalyse uitvoeren (atomair)' });
    expect(ok.statusCode, ok.body).toBe(201);
    const [{ n: after }] = await ownerQuery<{ n: number }>(t, `SELECT count(*)::int AS n FROM plan_action WHERE plan_id = $1 AND title = 'Risicoanalyse uitvoeren (atomair)'`, [planId]);
    expect(after).toBe(1);
  });

  it('a plan of another organisation is not found, and the measurement keeps no link', async () => {
    const other = (await w.s.otherOfficer.post(`/api/orgs/${w.other}/plans`, { title: 'Ander plan', periodFrom: 2025, periodTo: 2029 })).json() as PlanTree;
    const sd = (await w.s.otherOfficer.post(`/api/orgs/${w.other}/plans/${other.plan.id}/objectives`, { title: 'SD' })).json();
    const base = await approvedWithGap('yearly', 2028, () => 0);
    const r = await w.s.officer.post(`${mBase(w)}/${base.id}/gaps/${base.criteria[0].criterion.id}/plan-entry`, { planId: other.plan.id, kind: 'action', objectiveId: sd.id, title: 'x' });
    expect(r.statusCode).toBe(404);
    const detail = (await w.s.officer.get(`${mBase(w)}/${base.id}`)).json() as MeasurementDetail;
    expect(detail.criteria[0].links).toEqual([]);
  });
});
