import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ifMatch, ownerQuery, type TestApp } from '../../../test/app.js';
import type { PlanTree } from '../plan/contract.js';
import { completeForSubmission } from '../plan/plan-workflow.testkit.js';
import type { AnalysisDetail, CatalogueList, CompareView, HeatmapView, RecommendationView, RegisterView } from './contract.js';
import { addProcesses, agreeAll, hrPerson, newAnalysis, rBase, riskWorld, type RiskWorld } from './risk.testkit.js';

/** Inventory from the catalogue, recommendation → plan (atomic), register figures, heat map, comparison, permissions. */

let t: TestApp;
let w: RiskWorld;
beforeAll(async () => {
  t = await createTestApp();
  w = await riskWorld(t);
});
afterAll(async () => { await t.close(); });

const an = (id: string) => `${rBase(w)}/analyses/${id}`;
const plans = () => `/api/orgs/${w.org}/plans`;

async function draftPlan() {
  const plan = (await w.s.officer.post(plans(), { title: 'Integriteitsbeleidsplan', periodFrom: 2025, periodTo: 2029 })).json() as PlanTree;
  const sd = (await w.s.officer.post(`${plans()}/${plan.plan.id}/objectives`, { code: 'SD 1', title: 'Integriteitsrisico\'s beheersen' })).json();
  return { planId: plan.plan.id as string, sdId: sd.id as string };
}

async function completed(processIds: string[], agreed: (i: number) => [number, number], title: string) {
  const a = await newAnalysis(w, processIds, { title });
  await agreeAll(w, a, agreed);
  return a;
}

describe('inventory', () => {
  it('adds several catalogue entries at once in the organisation\'s language, skips those already there, and edits with If-Match', async () => {
    const cat = (await w.s.officer.get(`${rBase(w)}/catalogue`)).json() as CatalogueList;
    expect(cat.items.length).toBeGreaterThanOrEqual(2);
    const codes = cat.items.slice(0, 2).map((x) => x.code);
    const r = await w.s.officer.post(`${rBase(w)}/processes/from-catalogue`, { codes });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().items.map((x: { catalogueCode: string }) => x.catalogueCode).sort()).toEqual([...codes].sort());
    expect(r.json().items[0].name).toBe(cat.items.find((x) => x.code === r.json().items[0].catalogueCode)!.name.nl);
    const again = await w.s.officer.post(`${rBase(w)}/processes/from-catalogue`, { codes });
    expect(again.json().items).toEqual([]);
    expect((await w.s.officer.get(`${rBase(w)}/catalogue`)).json().items.filter((x: { inInventory: boolean }) => x.inInventory)).toHaveLength(2);
    expect((await w.s.officer.post(`${rBase(w)}/processes/from-catalogue`, { codes: ['nope.unknown'] })).json().code).toBe('risk_catalogue_unknown');

    const owner = await hrPerson(w, 'Els', 'Peeters');
    const p = r.json().items[0];
    const upd = await w.s.officer.patch(`${rBase(w)}/processes/${p.id}`, { ownerPersonId: owner, reviewDate: '2020-06-30' }, ifMatch(p.revision));
    expect(upd.statusCode, upd.body).toBe(200);
    expect(upd.json()).toMatchObject({ owner: { personId: owner, displayName: 'Els Peeters' }, reviewDate: '2020-06-30', reviewOverdue: true });
    expect((await w.s.officer.patch(`${rBase(w)}/processes/${p.id}`, { name: 'x' }, ifMatch(p.revision))).statusCode).toBe(409);
    const foreign = await hrPerson(w, 'Vreemd', 'Persoon', w.other);
    expect((await w.s.officer.patch(`${rBase(w)}/processes/${p.id}`, { ownerPersonId: foreign }, ifMatch(p.revision + 1))).json().code).toBe('risk_owner_unknown');
    // The chief and heads of service read the inventory; they do not change it.
    expect((await w.s.head.get(`${rBase(w)}/processes`)).statusCode).toBe(200);
    expect((await w.s.chief.post(`${rBase(w)}/processes`, { kind: 'function', name: 'x' })).statusCode).toBe(403);
    expect((await w.s.staff.get(`${rBase(w)}/processes`)).statusCode).toBe(404);
  });
});

describe('recommendation to plan', () => {
  it('creates an action in a draft plan in one step, keeps the link and shows the plan entry\'s status', async () => {
    const { planId, sdId } = await draftPlan();
    const [p] = await addProcesses(w, ['Gebruik van tankkaarten']);
    const a = await completed([p], () => [4, 4], 'Tankkaarten');
    const owner = await hrPerson(w, 'Jan', 'Janssens');
    const rec = (await w.s.officer.post(`${an(a.id)}/processes/${p}/recommendations`, { text: 'Maandelijkse controle van tankkaartverbruik', ownerPersonId: owner, dueDate: '2027-06-30' })).json() as RecommendationView;

    const r = await w.s.officer.post(`${an(a.id)}/recommendations/${rec.id}/plan-entry`, { planId, kind: 'action', objectiveId: sdId });
    expect(r.statusCode, r.body).toBe(201);
    const linked = r.json() as RecommendationView;
    expect(linked.planLink).toMatchObject({ kind: 'action', planId, objectiveId: sdId, title: 'Maandelijkse controle van tankkaartverbruik', status: 'planned', late: false });
    const tree = (await w.s.officer.get(`${plans()}/${planId}`)).json() as PlanTree;
    const action = tree.objectives[0].actions.find((x) => x.id === linked.planLink!.actionId)!;
    expect(action).toMatchObject({ dueDate: '2027-06-30' });
    const [stored] = await ownerQuery<{ owner_person_id: string }>(t, `SELECT owner_person_id FROM plan_action WHERE id = $1`, [linked.planLink!.actionId]);
    expect(stored.owner_person_id).toBe(owner);
    // Once linked, not twice; not deleted; only the officer links.
    expect((await w.s.officer.post(`${an(a.id)}/recommendations/${rec.id}/plan-entry`, { planId, kind: 'action', objectiveId: sdId })).json().code).toBe('risk_already_linked');
    const rec2 = (await w.s.officer.post(`${an(a.id)}/processes/${p}/recommendations`, { text: 'Tweede' })).json() as RecommendationView;
    expect((await w.s.chief.post(`${an(a.id)}/recommendations/${rec2.id}/plan-entry`, { planId, kind: 'objective', objectiveId: sdId })).statusCode).toBe(403);
    const od = await w.s.officer.post(`${an(a.id)}/recommendations/${rec2.id}/plan-entry`, { planId, kind: 'objective', objectiveId: sdId, title: 'OD tankkaarten' });
    expect(od.statusCode, od.body).toBe(201);
    expect(od.json().planLink).toMatchObject({ kind: 'objective', actionId: null, title: 'OD tankkaarten', status: null });

    // The action runs late in the plan: the recommendation and the register say so.
    await ownerQuery(t, `UPDATE plan_action SET due_date = '2020-01-01' WHERE id = $1`, [linked.planLink!.actionId]);
    const detail = (await w.s.officer.get(an(a.id))).json() as AnalysisDetail;
    expect(detail.processes[0].recommendations.find((x) => x.id === rec.id)!.planLink).toMatchObject({ status: 'late', late: true });
    const reg = (await w.s.officer.get(`${rBase(w)}/register`)).json() as RegisterView;
    expect(reg.rows.find((x) => x.process.id === p)).toMatchObject({ lateActions: 1, highRiskWithoutAction: false, openRecommendations: 2 });
  });

  it('the entry and its link are one transaction: when the link cannot be stored, the plan has no new action', async () => {
    const { planId, sdId } = await draftPlan();
    const [p] = await addProcesses(w, ['Gebruik van simkaarten']);
    const a = await completed([p], () => [2, 2], 'Simkaarten');
    const recR = await w.s.officer.post(`${an(a.id)}/processes/${p}/recommendations`, { text: 'Simkaarten inventariseren (atomair)' });
    expect(recR.statusCode, recR.body).toBe(201);
    const rec = recR.json() as RecommendationView;
    await ownerQuery(t, `CREATE FUNCTION test_refuse_risk_link() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.plan_kind IS NOT NULL THEN RAISE EXCEPTION 'link refused by the test'; END IF; RETURN NEW; END $$`);
    await ownerQuery(t, `CREATE TRIGGER test_refuse_risk_link BEFORE UPDATE ON risk_recommendation FOR EACH ROW EXECUTE FUNCTION test_refuse_risk_link()`);
    try {
      const r = await w.s.officer.post(`${an(a.id)}/recommendations/${rec.id}/plan-entry`, { planId, kind: 'action', objectiveId: sdId });
      expect(r.statusCode, r.body).toBe(500);
    } finally {
      await ownerQuery(t, `DROP TRIGGER test_refuse_risk_link ON risk_recommendation`);
      await ownerQuery(t, `DROP FUNCTION test_refuse_risk_link()`);
    }
    const count = async () => (await ownerQuery<{ n: number }>(t, `SELECT count(*)::int AS n FROM plan_action WHERE plan_id = $1 AND title = 'Simkaarten inventariseren (atomair)'`, [planId]))[0].n;
    expect(await count()).toBe(0);
    expect((await w.s.officer.get(an(a.id))).json().processes[0].recommendations[0].planLink).toBeNull();
    const ok = await w.s.officer.post(`${an(a.id)}/recommendations/${rec.id}/plan-entry`, { planId, kind: 'action', objectiveId: sdId });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(await count()).toBe(1);
  });

  it('a plan that is no longer a draft refuses the entry and the recommendation stays unlinked', async () => {
    const { planId, sdId } = await draftPlan();
    const [p] = await addProcesses(w, ['Overuren']);
    const a = await completed([p], () => [2, 2], 'Overuren');
    const rec = (await w.s.officer.post(`${an(a.id)}/processes/${p}/recommendations`, { text: 'Overuren vooraf laten goedkeuren' })).json() as RecommendationView;
    await completeForSubmission(w.s.officer, w.org, planId);
    expect((await w.s.officer.post(`${plans()}/${planId}/submit`)).statusCode).toBe(200);
    const r = await w.s.officer.post(`${an(a.id)}/recommendations/${rec.id}/plan-entry`, { planId, kind: 'action', objectiveId: sdId });
    expect(r.statusCode, r.body).toBe(409);
    expect(r.json().code).toBe('plan_not_draft');
    expect((await w.s.officer.get(an(a.id))).json().processes[0].recommendations[0].planLink).toBeNull();
  });
});

describe('recommendation to another organisation\'s plan', () => {
  it('is not found, and the recommendation keeps no link', async () => {
    const other = (await w.s.otherOfficer.post(`/api/orgs/${w.other}/plans`, { title: 'Ander plan', periodFrom: 2025, periodTo: 2029 })).json() as PlanTree;
    const sd = (await w.s.otherOfficer.post(`/api/orgs/${w.other}/plans/${other.plan.id}/objectives`, { title: 'SD' })).json();
    const [p] = await addProcesses(w, ['Schadegevallen']);
    const a = await completed([p], () => [2, 2], 'Schade');
    const rec = (await w.s.officer.post(`${an(a.id)}/processes/${p}/recommendations`, { text: 'Schadedossiers tweejaarlijks nakijken' })).json() as RecommendationView;
    const r = await w.s.officer.post(`${an(a.id)}/recommendations/${rec.id}/plan-entry`, { planId: other.plan.id, kind: 'action', objectiveId: sd.id });
    expect(r.statusCode).toBe(404);
    expect((await w.s.officer.get(an(a.id))).json().processes[0].recommendations[0].planLink).toBeNull();
    const [{ n }] = await ownerQuery<{ n: number }>(t, `SELECT count(*)::int AS n FROM plan_action WHERE plan_id = $1`, [other.plan.id]);
    expect(n).toBe(0);
  });
});

describe('register, heat map and comparison', () => {
  it('shows per process the latest agreed band, late recommendations, high risks without action; heat map counts; comparison movements', async () => {
    const [x, y, z] = await addProcesses(w, ['R-Aankoop', 'R-Databank', 'R-Giften']);
    // First analysis: x high, y low. Second: x very high (up), z new, y not covered (removed).
    const first = await completed([x, y], (i) => (i === 0 ? [4, 4] : [1, 2]), 'Eerste');
    expect((await w.s.officer.post(`${an(first.id)}/complete`)).statusCode).toBe(200);
    await new Promise((r) => setTimeout(r, 5));
    const second = await completed([x, z], (i) => (i === 0 ? [5, 5] : [2, 3]), 'Tweede');
    // While the second is only consolidating, the register still shows the first's result for x.
    let reg = (await w.s.head.get(`${rBase(w)}/register`)).json() as RegisterView;
    expect(reg.rows.find((r) => r.process.id === x)!.latest).toMatchObject({ analysisId: first.id, band: 'high', riskScore: 16 });
    const rec = (await w.s.officer.post(`${an(second.id)}/processes/${x}/recommendations`, { text: 'Aankoopprocedure met scheiding van functies', dueDate: '2020-01-01' })).json();
    expect(rec.late).toBe(true);
    expect((await w.s.officer.post(`${an(second.id)}/complete`)).statusCode).toBe(200);

    reg = (await w.s.chief.get(`${rBase(w)}/register`)).json() as RegisterView;
    const rx = reg.rows.find((r) => r.process.id === x)!;
    expect(rx).toMatchObject({ latest: { analysisId: second.id, band: 'very_high', riskScore: 25 }, openRecommendations: 1, lateRecommendations: 1, highRiskWithoutAction: true, inPlan: false });
    expect(reg.rows.find((r) => r.process.id === y)!.latest).toMatchObject({ analysisId: first.id, band: 'low' });
    expect(reg.rows.find((r) => r.process.id === z)!.latest).toMatchObject({ band: 'medium' });
    expect(reg.rows[0].latest?.band).toBe('very_high'); // highest risk first
    expect(reg.totals.highRiskWithoutAction).toBeGreaterThanOrEqual(1);
    expect(reg.totals.lateRecommendations).toBeGreaterThanOrEqual(1);

    // Heat map: the latest completed analysis by default, or a chosen one.
    const heat = (await w.s.officer.get(`${rBase(w)}/heatmap`)).json() as HeatmapView;
    expect(heat.analysis?.id).toBe(second.id);
    expect(heat.cells).toHaveLength(25);
    expect(heat.cells.find((c) => c.likelihood === 5 && c.impact === 5)).toMatchObject({ band: 'very_high', count: 1, processes: [expect.objectContaining({ id: x })] });
    expect(heat.cells.reduce((n, c) => n + c.count, 0)).toBe(2);
    const heatFirst = (await w.s.officer.get(`${rBase(w)}/heatmap?analysisId=${first.id}`)).json() as HeatmapView;
    expect(heatFirst.cells.find((c) => c.likelihood === 1 && c.impact === 2)!.count).toBe(1);

    const cmp = (await w.s.officer.get(`${rBase(w)}/compare?from=${first.id}&to=${second.id}`)).json() as CompareView;
    expect(cmp.rows.map((r) => [r.process.name, r.movement])).toEqual([['R-Aankoop', 'up'], ['R-Giften', 'new'], ['R-Databank', 'removed']]);
    expect(cmp.counts).toMatchObject({ up: 1, new: 1, removed: 1, down: 0, same: 0 });
    const back = (await w.s.chief.get(`${rBase(w)}/compare?from=${second.id}&to=${first.id}`)).json() as CompareView;
    expect(back.rows.find((r) => r.process.id === x)!.movement).toBe('down');

    // Who may read what: heads of service the register and heat map, not the analyses or the comparison; participants their analysis's heat map.
    expect((await w.s.head.get(`${rBase(w)}/heatmap`)).statusCode).toBe(200);
    expect((await w.s.head.get(`${rBase(w)}/heatmap?analysisId=${first.id}`)).statusCode).toBe(200);
    const running = await newAnalysis(w, [x], { title: 'Lopend' });
    expect((await w.s.head.get(`${rBase(w)}/heatmap?analysisId=${running.id}`)).statusCode).toBe(404);
    expect((await w.s.anna.get(`${rBase(w)}/heatmap?analysisId=${running.id}`)).json().code).toBe('risk_not_consolidating');
    expect((await w.s.staff.get(`${rBase(w)}/heatmap?analysisId=${first.id}`)).statusCode).toBe(404);
    expect((await w.s.head.get(`${rBase(w)}/compare?from=${first.id}&to=${second.id}`)).statusCode).toBe(404);
    expect((await w.s.anna.get(`${rBase(w)}/register`)).statusCode).toBe(404);
    expect((await w.s.anna.get(`${rBase(w)}/heatmap?analysisId=${first.id}`)).statusCode).toBe(200);
    expect((await w.s.staff.get(`${rBase(w)}/register`)).statusCode).toBe(404);
    expect((await w.s.staff.get(`${rBase(w)}/heatmap`)).statusCode).toBe(404);
    const audited = await ownerQuery<{ n: number }>(t, `SELECT count(*)::int AS n FROM audit_event WHERE action = 'risk.register_read' AND organisation_id = $1`, [w.org]);
    expect(audited[0].n).toBeGreaterThanOrEqual(3);
  });

  it('counts the follow-up per process: a link of an older analysis or a dropped recommendation leaves a high risk without action; done actions are not late; archived processes leave', async () => {
    const { planId, sdId } = await draftPlan();
    const [q, gone] = await addProcesses(w, ['R-Opvolging', 'R-Gearchiveerd']);
    const older = await completed([q, gone], () => [4, 4], 'Opvolging 1');
    const r1 = (await w.s.officer.post(`${an(older.id)}/processes/${q}/recommendations`, { text: 'Eerste aanbeveling' })).json() as RecommendationView;
    expect((await w.s.officer.post(`${an(older.id)}/complete`)).statusCode).toBe(200);
    const l1 = (await w.s.officer.post(`${an(older.id)}/recommendations/${r1.id}/plan-entry`, { planId, kind: 'action', objectiveId: sdId })).json() as RecommendationView;
    await ownerQuery(t, `UPDATE plan_action SET due_date = '2020-01-01' WHERE id = $1`, [l1.planLink!.actionId]);
    await new Promise((r) => setTimeout(r, 5));
    const newer = await completed([q], () => [4, 4], 'Opvolging 2');
    const r2 = (await w.s.officer.post(`${an(newer.id)}/processes/${q}/recommendations`, { text: 'Tweede aanbeveling', dueDate: '2020-01-01' })).json() as RecommendationView;
    expect((await w.s.officer.post(`${an(newer.id)}/complete`)).statusCode).toBe(200);
    const row = async () => {
      const reg = (await w.s.officer.get(`${rBase(w)}/register`)).json() as RegisterView;
      return { row: reg.rows.find((x) => x.process.id === q)!, reg };
    };

    // The plan holds the older analysis's recommendation only: the latest high risk is still without action.
    let { row: rq, reg } = await row();
    expect(rq).toMatchObject({ latest: { analysisId: newer.id, band: 'high' }, openRecommendations: 2, lateRecommendations: 1, lateActions: 1, highRiskWithoutAction: true });
    const l2 = (await w.s.officer.post(`${an(newer.id)}/recommendations/${r2.id}/plan-entry`, { planId, kind: 'objective', objectiveId: sdId, title: 'OD opvolging' })).json() as RecommendationView;
    ({ row: rq } = await row());
    expect(rq.highRiskWithoutAction).toBe(false);
    expect(rq.inPlan).toBe(true);
    // Dropped: no longer open nor late, and its link no longer counts.
    expect((await w.s.officer.patch(`${an(newer.id)}/recommendations/${r2.id}`, { status: 'dropped' }, ifMatch(l2.revision))).statusCode).toBe(200);
    ({ row: rq } = await row());
    expect(rq).toMatchObject({ openRecommendations: 1, lateRecommendations: 0, lateActions: 1, highRiskWithoutAction: true });
    // The late action is done: no late action left.
    await ownerQuery(t, `UPDATE plan_action SET status = 'done', progress = 100 WHERE id = $1`, [l1.planLink!.actionId]);
    ({ row: rq } = await row());
    expect(rq.lateActions).toBe(0);
    // An archived process leaves the register and its totals.
    const before = reg.totals.processes;
    const p = (await w.s.officer.get(`${rBase(w)}/processes`)).json().items.find((x: { id: string }) => x.id === gone);
    expect((await w.s.officer.patch(`${rBase(w)}/processes/${gone}`, { archived: true }, ifMatch(p.revision))).statusCode).toBe(200);
    ({ reg } = await row());
    expect(reg.rows.some((x) => x.process.id === gone)).toBe(false);
    expect(reg.totals.processes).toBe(before - 1);
  });

  it('keeps other organisations out: their officer gets 403 on these routes, their records are not found here', async () => {
    const [p] = await addProcesses(w, ['R-Isolatie']);
    const a = await newAnalysis(w, [p], { title: 'Isolatie' });
    for (const path of ['/register', '/heatmap', '/processes', '/analyses', `/analyses/${a.id}`, `/analyses/${a.id}/consolidation`]) {
      expect((await w.s.otherOfficer.get(`${rBase(w)}${path}`)).statusCode, path).toBe(403);
    }
    // Their own organisation does not know this analysis.
    expect((await w.s.otherOfficer.get(`${rBase(w, w.other)}/analyses/${a.id}`)).statusCode).toBe(404);
    expect((await w.s.otherOfficer.post(`${rBase(w, w.other)}/analyses`, { title: 'x', processIds: [p], participantUserIds: [w.users.otherOfficer.id] })).json().code).toBe('risk_process_unknown');
  });
});
