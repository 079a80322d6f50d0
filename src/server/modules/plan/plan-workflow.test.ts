import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUser, ifMatch, ownerQuery, sessionFor, type Session, type TestApp } from '../../../test/app.js';
import { compareCodes } from '../../../shared/natural-sort.js';
import type { ObjectiveNode, PlanTree } from './contract.js';
import { planWorld, YEAR, type PlanWorld } from './plan.testkit.js';
import { completeForSubmission } from './plan-workflow.testkit.js';
import { makePlanService } from './service.js';

/*
 * The plan's workflow (issue 17): what a submission needs, whom each step tells (mail in their
 * language, home page), which plan is in force after an approval, dates inside the period, the
 * yearly evaluation's action counts across a year boundary, and the natural order of codes.
 */

let t: TestApp;
let w: PlanWorld;
let chiefDe: { id: string; email: string };
let chiefDeSession: Session;
beforeAll(async () => {
  t = await createTestApp();
  w = await planWorld(t);
  // A second chief, who reads German: every chief is told, each in their own language.
  chiefDe = await createUser(t, { roles: [{ orgId: w.org, role: 'chief' }], locale: 'de' });
  chiefDeSession = await sessionFor(t, chiefDe.id);
});
afterAll(async () => { await t.close(); });

const base = () => `/api/orgs/${w.org}/plans`;
const flat = (nodes: ObjectiveNode[]): ObjectiveNode[] => nodes.flatMap((n) => [n, ...flat(n.children)]);
const service = () => makePlanService({ db: t.db.db, mailer: t.deps.mailer, publicUrl: 'http://kompas.test', dataDir: t.deps.config.dataDir });

async function newPlan(periodFrom = YEAR, periodTo = YEAR + 3, title = 'Integriteitsbeleidsplan'): Promise<PlanTree> {
  const r = await w.s.officer.post(base(), { title, periodFrom, periodTo });
  expect(r.statusCode, r.body).toBe(201);
  return r.json();
}

/** Plans of earlier tests stop counting: only this test's plans are approved or in force afterwards. */
async function clearStage() {
  await ownerQuery(t, `UPDATE plan SET status = 'superseded', superseded_at = now() WHERE organisation_id = $1 AND status <> 'superseded'`, [w.org]);
  await ownerQuery(t, `UPDATE plan_evaluation SET status = 'approved' WHERE organisation_id = $1`, [w.org]);
}

const mails = async (template: string, planId?: string) => ownerQuery<{ to_address: string; locale: string; subject: string; body_text: string }>(t,
  `SELECT to_address, locale, subject, body_text FROM mail_outbox WHERE organisation_id = $1 AND template = $2 ${planId ? `AND body_text LIKE '%' || $3 || '%'` : ''} ORDER BY to_address`,
  planId ? [w.org, template, planId] : [w.org, template]);

const figures = async (s: Session) => Object.fromEntries(((await s.get(`/api/orgs/${w.org}/home`)).json().figures as { id: string; count: number }[]).map((f) => [f.id, f.count]));

async function submitted(planId: string) {
  await completeForSubmission(w.s.officer, w.org, planId);
  const r = await w.s.officer.post(`${base()}/${planId}/submit`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as PlanTree;
}

describe('submission checks that the plan can be judged', () => {
  it('refuses an empty plan with 422 naming every missing part, in the reader\'s language', async () => {
    const plan = await newPlan();
    const r = await w.s.officer.post(`${base()}/${plan.plan.id}/submit`, {}, { 'accept-language': 'en' });
    expect(r.statusCode).toBe(422);
    const body = r.json() as { code: string; message: string; fields: { field: string; code: string; message: string }[] };
    expect(body.code).toBe('plan_incomplete');
    expect(body.fields.map((f) => f.field)).toEqual([
      'sections.identification.responsible', 'sections.ambition', 'sections.values', 'sections.needs', 'objectives', 'actions',
      'sections.actors', 'sections.monitoring', 'sections.evaluationPlanning', 'sections.communication',
    ]);
    expect(body.fields.every((f) => f.code === 'missing' && f.message.startsWith('Section '))).toBe(true);
    // Nothing changed: still a draft, nobody told.
    expect((await w.s.officer.get(`${base()}/${plan.plan.id}`)).json().plan.status).toBe('draft');
    expect(await mails('plan.submitted', plan.plan.id)).toEqual([]);
  });

  it('names the operational objectives and actions without an owner and dates outside the period', async () => {
    const plan = await newPlan();
    const id = plan.plan.id;
    const sd = (await w.s.officer.post(`${base()}/${id}/objectives`, { code: 'SD 1', title: 'Integriteit bepalen' })).json();
    const od = (await w.s.officer.post(`${base()}/${id}/objectives`, { parentId: sd.id, code: 'OD 1.1', title: 'Risicoanalyse' })).json();
    const a = (await w.s.officer.post(`${base()}/${id}/actions`, { objectiveId: od.id, title: 'Kwetsbare processen in kaart brengen' })).json();
    const owned = (await w.s.officer.post(`${base()}/${id}/actions`, { objectiveId: od.id, title: 'Nulmeting', ownerUnitId: w.unitA, dueDate: `${YEAR}-06-30` })).json();
    // The period moved after the action was dated (a draft may do that): its date now lies outside.
    const tree = (await w.s.officer.get(`${base()}/${id}`)).json() as PlanTree;
    expect((await w.s.officer.patch(`${base()}/${id}`, { periodFrom: YEAR + 1, periodTo: YEAR + 4 }, ifMatch(tree.plan.revision))).statusCode).toBe(200);
    const r = await w.s.officer.post(`${base()}/${id}/submit`, {}, { 'accept-language': 'en' });
    expect(r.statusCode).toBe(422);
    const fields = (r.json().fields as { field: string; code: string; message: string }[]);
    expect(fields).toContainEqual({ field: `objectives.${od.id}.owner`, code: 'owner_missing', message: 'Operational objective OD 1.1 Risicoanalyse: who is responsible for it.' });
    expect(fields).toContainEqual(expect.objectContaining({ field: `actions.${a.id}.owner`, code: 'owner_missing' }));
    expect(fields).toContainEqual({ field: `actions.${owned.id}.dates`, code: 'date_outside_period',
      message: `Action "Nulmeting" (OD 1.1): its dates lie outside the period ${YEAR + 1}–${YEAR + 4}.` });
    expect(fields.some((f) => f.field === 'objectives')).toBe(false);
    // Completed, it goes through.
    const fixed = (await w.s.officer.get(`${base()}/${id}`)).json() as PlanTree;
    const ownedNow = flat(fixed.objectives).flatMap((o) => o.actions).find((x) => x.id === owned.id)!;
    expect((await w.s.officer.patch(`${base()}/${id}/actions/${owned.id}`, { dueDate: `${YEAR + 1}-06-30` }, ifMatch(ownedNow.revision))).statusCode).toBe(200);
    await completeForSubmission(w.s.officer, w.org, id);
    expect((await w.s.officer.post(`${base()}/${id}/submit`)).statusCode).toBe(200);
  });

  it('lists at most ten of one kind and says how many more', async () => {
    const plan = await newPlan();
    const id = plan.plan.id;
    const sd = (await w.s.officer.post(`${base()}/${id}/objectives`, { code: 'SD 1', title: 'SD' })).json();
    const od = (await w.s.officer.post(`${base()}/${id}/objectives`, { parentId: sd.id, code: 'OD 1.1', title: 'OD', ownerLabel: 'Officier' })).json();
    for (let i = 0; i < 13; i++) await w.s.officer.post(`${base()}/${id}/actions`, { objectiveId: od.id, title: `Actie ${i}` });
    const r = await w.s.officer.post(`${base()}/${id}/submit`, {}, { 'accept-language': 'en' });
    const owners = (r.json().fields as { code: string; message: string }[]).filter((f) => f.code === 'owner_missing');
    expect(owners).toHaveLength(11);
    expect(owners[10].message).toBe('And 3 more of the same kind.');
  });
});

describe('who is told, and whose home page shows it', () => {
  it('submitted → every chief in their language; approved → the officer; returned and withdrawn both ways', async () => {
    await clearStage();
    const plan = await newPlan(YEAR, YEAR + 3, 'Plan om te melden');
    const id = plan.plan.id;
    expect(await figures(w.s.chief)).toMatchObject({ 'plan.awaiting_approval': 0 });
    await submitted(id);
    const sent = await mails('plan.submitted', id);
    expect(sent.map((m) => `${m.to_address} ${m.locale}`).sort()).toEqual([`${w.users.chief.email} en`, `${chiefDe.email} de`].sort());
    const one = sent.find((m) => m.to_address === w.users.chief.email)!;
    expect(one.subject).toBe('Kompas: a policy plan awaits your approval');
    expect(one.body_text).toContain(`"Plan om te melden" (version 1, ${YEAR}–${YEAR + 3})`);
    expect(one.body_text).toContain(`${t.deps.config.publicUrl}/o/${w.org}/plans/${id}`);
    // A link and the title only: nothing of the plan's texts.
    expect(one.body_text).not.toContain('dilemma');
    // The officer who submitted is not mailed about their own step.
    expect(sent.some((m) => m.to_address === w.users.officer.email)).toBe(false);

    // Home page: the chiefs see it waiting; the officer, the head and staff do not get the chief's figure.
    expect(await figures(w.s.chief)).toMatchObject({ 'plan.awaiting_approval': 1, 'plan.evaluations_awaiting_approval': 0 });
    expect(await figures(chiefDeSession)).toMatchObject({ 'plan.awaiting_approval': 1 });
    expect(await figures(w.s.officer)).not.toHaveProperty('plan.awaiting_approval');
    expect(await figures(w.s.staff)).toEqual({ 'plan.my_actions': 0 });
    const waiting = (await w.s.chief.get(`${base()}/waiting`)).json().items as { kind: string; plan: { id: string } }[];
    expect(waiting).toContainEqual(expect.objectContaining({ kind: 'approve_plan', plan: expect.objectContaining({ id, title: 'Plan om te melden' }) }));
    expect((await w.s.staff.get(`${base()}/waiting`)).json().items).toEqual([]);

    // The chief sends it back: the officer is told; the officer withdraws a new submission: the chiefs are.
    const rev = (await w.s.chief.get(`${base()}/${id}`)).json().plan.revision;
    expect((await w.s.chief.post(`${base()}/${id}/return-to-draft`, {}, ifMatch(rev))).statusCode).toBe(200);
    expect((await mails('plan.returned', id)).map((m) => m.to_address)).toEqual([w.users.officer.email]);
    expect(await figures(w.s.officer)).toMatchObject({ 'plan.drafts': expect.any(Number) });
    expect((await w.s.officer.post(`${base()}/${id}/submit`)).statusCode).toBe(200);
    expect((await w.s.officer.post(`${base()}/${id}/return-to-draft`)).statusCode).toBe(200);
    expect((await mails('plan.withdrawn', id)).map((m) => m.to_address).sort()).toEqual([w.users.chief.email, chiefDe.email].sort());
    expect(await figures(w.s.chief)).toMatchObject({ 'plan.awaiting_approval': 0 });

    // Approved while its period runs: in force at once, the officer is told.
    expect((await w.s.officer.post(`${base()}/${id}/submit`)).statusCode).toBe(200);
    const approved = await w.s.chief.post(`${base()}/${id}/approve`, { replacing: [] });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().plan.status).toBe('in_force');
    const inForce = await mails('plan.in_force', id);
    expect(inForce.map((m) => m.to_address).sort()).toEqual([w.users.officer.email, chiefDe.email].sort());
    expect(await figures(w.s.chief)).toMatchObject({ 'plan.awaiting_approval': 0 });
  });

  it('approved before its period: the officer is told it starts on 1 January, and sees it waiting', async () => {
    await clearStage();
    const plan = await newPlan(YEAR + 1, YEAR + 4, 'Volgend plan');
    await submitted(plan.plan.id);
    const r = await w.s.chief.post(`${base()}/${plan.plan.id}/approve`);
    expect(r.json().plan.status).toBe('approved');
    const [mail] = await mails('plan.approved_waiting', plan.plan.id);
    expect(mail.to_address).toBe(w.users.officer.email);
    expect(mail.body_text).toContain(`it goes in force automatically on 1 January ${YEAR + 1}`);
    expect(await figures(w.s.officer)).toMatchObject({ 'plan.awaiting_in_force': 1 });
    expect((await w.s.officer.get(`${base()}/waiting`)).json().items).toContainEqual(expect.objectContaining({ kind: 'start_plan' }));
    // The daily job puts it in force on its first day and tells the officer and the chiefs.
    expect(await service().activateDuePlans(`${YEAR + 1}-01-01`)).toBe(1);
    expect((await mails('plan.in_force', plan.plan.id)).map((m) => m.to_address).sort()).toEqual([w.users.chief.email, chiefDe.email, w.users.officer.email].sort());
    expect(await figures(w.s.officer)).toMatchObject({ 'plan.awaiting_in_force': 0 });
  });

  it('an evaluation sent for approval waits on the chief\'s home page; approved, the officer is told', async () => {
    await clearStage();
    const plan = await newPlan(YEAR - 1, YEAR + 2);
    await submitted(plan.plan.id);
    expect((await w.s.chief.post(`${base()}/${plan.plan.id}/approve`)).statusCode).toBe(200);
    const ev = (await w.s.officer.post(`${base()}/${plan.plan.id}/evaluations`, { year: YEAR - 1, doneText: 'Trainingen gegeven.' })).json();
    expect(ev.submittedAt).toBeNull();
    expect(await figures(w.s.chief)).toMatchObject({ 'plan.evaluations_awaiting_approval': 0 });
    expect((await w.s.chief.post(`${base()}/${plan.plan.id}/evaluations/${YEAR - 1}/submit`)).statusCode).toBe(403);
    const sent = await w.s.officer.post(`${base()}/${plan.plan.id}/evaluations/${YEAR - 1}/submit`);
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json().submittedAt).not.toBeNull();
    expect((await w.s.officer.post(`${base()}/${plan.plan.id}/evaluations/${YEAR - 1}/submit`)).json().code).toBe('plan_evaluation_submitted');
    const mailed = await mails('plan.evaluation_submitted', plan.plan.id);
    expect(mailed.map((m) => m.to_address).sort()).toEqual([w.users.chief.email, chiefDe.email].sort());
    expect(mailed.find((m) => m.locale === 'de')).toBeDefined();
    expect(mailed[0].body_text).toContain(`/plans/${plan.plan.id}/evaluations`);
    expect(mailed[0].body_text).not.toContain('Trainingen gegeven');
    expect(await figures(w.s.chief)).toMatchObject({ 'plan.evaluations_awaiting_approval': 1 });
    expect((await w.s.chief.get(`${base()}/waiting`)).json().items).toContainEqual(expect.objectContaining({ kind: 'approve_evaluation', year: YEAR - 1 }));
    expect((await w.s.chief.post(`${base()}/${plan.plan.id}/evaluations/${YEAR - 1}/approve`, {}, ifMatch(sent.json().revision))).statusCode).toBe(200);
    expect(await figures(w.s.chief)).toMatchObject({ 'plan.evaluations_awaiting_approval': 0 });
    expect((await mails('plan.evaluation_approved', plan.plan.id)).map((m) => m.to_address)).toEqual([w.users.officer.email]);
  });
});

describe('one plan in force per organisation and period: approval replaces the plan in force', () => {
  it('says beforehand what approving will do, ends the plan in force for the same years, and refuses a stale view', async () => {
    await clearStage();
    const a = await newPlan(YEAR - 2, YEAR + 1, 'Plan A');
    await submitted(a.plan.id);
    expect((await w.s.chief.post(`${base()}/${a.plan.id}/approve`)).json().plan.status).toBe('in_force');
    const b = await newPlan(YEAR, YEAR + 3, 'Plan B');
    await submitted(b.plan.id);
    // Only the chief learns what approving does; others get nothing to decide.
    expect((await w.s.officer.get(`${base()}/${b.plan.id}/outlook`)).json()).toEqual({ approve: null, putInForce: null });
    const outlook = (await w.s.chief.get(`${base()}/${b.plan.id}/outlook`)).json();
    expect(outlook.approve).toMatchObject({ timing: 'now', startsOn: `${YEAR}-01-01`, withdraws: [], versions: [] });
    expect(outlook.approve.ends).toEqual([{ id: a.plan.id, title: 'Plan A', version: 1, status: 'in_force', periodFrom: YEAR - 2, periodTo: YEAR + 1 }]);
    // A chief who was shown no replacement (another plan came in force meanwhile) is stopped, nothing changes.
    const stale = await w.s.chief.post(`${base()}/${b.plan.id}/approve`, { replacing: [] });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('plan_replacement_changed');
    expect((await w.s.chief.get(`${base()}/${a.plan.id}`)).json().plan.status).toBe('in_force');
    const r = await w.s.chief.post(`${base()}/${b.plan.id}/approve`, { replacing: [a.plan.id] });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().plan.status).toBe('in_force');
    const old = (await w.s.chief.get(`${base()}/${a.plan.id}`)).json() as PlanTree;
    expect(old.plan.status).toBe('superseded');
    expect(old.plan.supersededAt).not.toBeNull();
    const rows = await ownerQuery<{ status: string; n: number }>(t, `SELECT status, count(*)::int AS n FROM plan WHERE organisation_id = $1 AND status = 'in_force' GROUP BY 1`, [w.org]);
    expect(rows).toEqual([{ status: 'in_force', n: 1 }]);
    const audit = await ownerQuery<{ details: Record<string, unknown> }>(t, `SELECT details FROM audit_event WHERE record_id = $1 AND action = 'plan.supersede'`, [a.plan.id]);
    expect(audit[0].details).toMatchObject({ by: b.plan.id, replaced: true, wasInForce: true });
    const [mail] = (await mails('plan.in_force_replacing', b.plan.id)).filter((m) => m.to_address === w.users.officer.email);
    expect(mail.body_text).toContain('It replaces "Plan A"');
  });

  it('a plan approved for later years leaves the plan in force running until it starts; the latest approval wins', async () => {
    await clearStage();
    const running = await newPlan(YEAR - 1, YEAR + 2, 'Lopend plan');
    await submitted(running.plan.id);
    await w.s.chief.post(`${base()}/${running.plan.id}/approve`);
    const next = await newPlan(YEAR + 1, YEAR + 4, 'Volgend plan 1');
    await submitted(next.plan.id);
    const o1 = (await w.s.chief.get(`${base()}/${next.plan.id}/outlook`)).json();
    expect(o1.approve).toMatchObject({ timing: 'on_start', startsOn: `${YEAR + 1}-01-01`, ends: [], withdraws: [], endsOnStart: [expect.objectContaining({ id: running.plan.id })] });
    // The chief may put it in force early (from the year before its period): that would end the running plan now.
    expect(o1.putInForce).toBeNull(); // not approved yet
    expect((await w.s.chief.post(`${base()}/${next.plan.id}/approve`)).json().plan.status).toBe('approved');
    expect((await w.s.chief.get(`${base()}/${running.plan.id}`)).json().plan.status).toBe('in_force');
    const o2 = (await w.s.chief.get(`${base()}/${next.plan.id}/outlook`)).json();
    expect(o2.putInForce).toMatchObject({ timing: 'now', ends: [expect.objectContaining({ id: running.plan.id })] });
    // A second plan for some of the same years, approved later, withdraws the first one waiting.
    const other = await newPlan(YEAR + 2, YEAR + 5, 'Volgend plan 2');
    await submitted(other.plan.id);
    const o3 = (await w.s.chief.get(`${base()}/${other.plan.id}/outlook`)).json();
    expect(o3.approve.withdraws.map((p: { id: string }) => p.id)).toEqual([next.plan.id]);
    expect((await w.s.chief.post(`${base()}/${other.plan.id}/approve`, { replacing: [next.plan.id] })).json().plan.status).toBe('approved');
    expect((await w.s.chief.get(`${base()}/${next.plan.id}`)).json().plan.status).toBe('superseded');
    // On its first day the daily job puts it in force and ends the running plan.
    expect(await service().activateDuePlans(`${YEAR + 1}-06-01`)).toBe(0);
    expect(await service().activateDuePlans(`${YEAR + 2}-01-01`)).toBe(1);
    expect((await w.s.chief.get(`${base()}/${other.plan.id}`)).json().plan.status).toBe('in_force');
    expect((await w.s.chief.get(`${base()}/${running.plan.id}`)).json().plan.status).toBe('superseded');
    const audit = await ownerQuery<{ details: Record<string, unknown> }>(t, `SELECT details FROM audit_event WHERE record_id = $1 AND action = 'plan.supersede'`, [running.plan.id]);
    expect(audit[0].details).toMatchObject({ by: other.plan.id, replaced: true, automatic: true });
  });
});

describe('dates against the plan period, the same way everywhere', () => {
  it('refuses measurements, evaluations and action dates outside the period', async () => {
    await clearStage();
    const plan = await newPlan(YEAR, YEAR + 3);
    const id = plan.plan.id;
    const done = await completeForSubmission(w.s.officer, w.org, id);
    const od = flat(done.objectives).find((o) => o.parentId)!;
    // Actions: start and due date in the period, named field otherwise.
    const late = await w.s.officer.post(`${base()}/${id}/actions`, { objectiveId: od.id, title: 'Te laat', dueDate: `${YEAR + 8}-01-31` }, { 'accept-language': 'en' });
    expect(late.statusCode).toBe(400);
    expect(late.json()).toMatchObject({ code: 'plan_action_date_period', field: 'dueDate' });
    const early = await w.s.officer.post(`${base()}/${id}/actions`, { objectiveId: od.id, title: 'Te vroeg', startDate: `${YEAR - 1}-12-31` });
    expect(early.json()).toMatchObject({ code: 'plan_action_date_period', field: 'startDate' });
    const ok = await w.s.officer.post(`${base()}/${id}/actions`, { objectiveId: od.id, title: 'Binnen', startDate: `${YEAR}-01-01`, dueDate: `${YEAR + 3}-12-31`, ownerLabel: 'x' });
    expect(ok.statusCode, ok.body).toBe(201);
    expect((await w.s.officer.patch(`${base()}/${id}/actions/${ok.json().id}`, { dueDate: `${YEAR + 4}-01-01` }, ifMatch(ok.json().revision))).json().code).toBe('plan_action_date_period');
    const ind = (await w.s.officer.post(`${base()}/${id}/objectives/${od.id}/indicators`, { name: 'Klachten', target: 5 })).json();
    await submitted(id);
    await w.s.chief.post(`${base()}/${id}/approve`);
    // Measurements: refused like evaluations, with the same field and nothing stored.
    const m = await w.s.officer.put(`${base()}/${id}/indicators/${ind.id}/measurements/${YEAR + 8}`, { value: 3 }, ifMatch(0));
    expect(m.statusCode).toBe(400);
    expect(m.json()).toMatchObject({ code: 'plan_measurement_year', field: 'year' });
    expect((await w.s.officer.post(`${base()}/${id}/evaluations`, { year: YEAR + 8 })).json()).toMatchObject({ code: 'plan_evaluation_year', field: 'year' });
    expect((await w.s.officer.put(`${base()}/${id}/indicators/${ind.id}/measurements/${YEAR - 1}`, { value: 3 }, ifMatch(0))).statusCode).toBe(400);
    expect((await w.s.officer.put(`${base()}/${id}/indicators/${ind.id}/measurements/${YEAR + 3}`, { value: 3 }, ifMatch(0))).statusCode).toBe(200);
    const stored = await ownerQuery<{ year: number }>(t, `SELECT year FROM plan_indicator_measurement WHERE indicator_id = $1`, [ind.id]);
    expect(stored).toEqual([{ year: YEAR + 3 }]);
  });
});

describe('the yearly evaluation counts the year\'s actions by their status at its end', () => {
  it('counts actions in every state across a year boundary', async () => {
    await clearStage();
    const plan = await newPlan(YEAR - 1, YEAR + 1, 'Plan over de jaargrens');
    const id = plan.plan.id;
    const sd = (await w.s.officer.post(`${base()}/${id}/objectives`, { code: 'SD 1', title: 'SD' })).json();
    const od = (await w.s.officer.post(`${base()}/${id}/objectives`, { parentId: sd.id, code: 'OD 1.1', title: 'OD', ownerLabel: 'Officier' })).json();
    const add = async (title: string, dates: { startDate?: string; dueDate?: string }) => {
      const r = await w.s.officer.post(`${base()}/${id}/actions`, { objectiveId: od.id, title, ownerUserId: w.users.owner.id, ...dates });
      expect(r.statusCode, r.body).toBe(201);
      return r.json().id as string;
    };
    const lateFromLastYear = await add('Open sinds vorig jaar', { dueDate: `${YEAR - 1}-12-15` });
    const doneLastYear = await add('Vorig jaar afgerond', { dueDate: `${YEAR - 1}-12-15` });
    const doneThisYear = await add('Dit jaar ingehaald', { dueDate: `${YEAR - 1}-11-30` });
    const running = await add('Loopt', { startDate: `${YEAR}-01-01`, dueDate: `${YEAR + 1}-06-30` });
    const stopped = await add('Gestopt', { dueDate: `${YEAR}-12-31` });
    await add('Zonder data', {});
    await add('Volgend jaar', { startDate: `${YEAR + 1}-01-01`, dueDate: `${YEAR + 1}-12-31` });
    await submitted(id);
    expect((await w.s.chief.post(`${base()}/${id}/approve`)).json().plan.status).toBe('in_force');
    const report = async (actionId: string, body: Record<string, unknown>) => expect((await w.s.owner.post(`${base()}/${id}/actions/${actionId}/updates`, body)).statusCode).toBe(201);
    await report(doneLastYear, { status: 'done' });
    await ownerQuery(t, `UPDATE plan_action_update SET at = $2 WHERE action_id = $1`, [doneLastYear, `${YEAR - 1}-12-10T12:00:00Z`]);
    await report(doneThisYear, { status: 'done' });
    await report(running, { status: 'in_progress', progress: 30 });
    await report(stopped, { status: 'stopped' });
    void lateFromLastYear;

    const thisYear = await w.s.officer.post(`${base()}/${id}/evaluations`, { year: YEAR });
    expect(thisYear.statusCode, thisYear.body).toBe(201);
    // Late from last year, caught up this year, running, stopped, without dates; not the one of next year nor last year's finished one.
    expect(thisYear.json().actionCounts).toEqual({ planned: 1, in_progress: 1, done: 1, late: 1, stopped: 1 });
    const lastYear = await w.s.officer.post(`${base()}/${id}/evaluations`, { year: YEAR - 1 });
    // At the end of last year: two late (one finished only this year), one done, the stopped one was still planned then.
    expect(lastYear.json().actionCounts).toEqual({ planned: 2, in_progress: 0, done: 1, late: 2, stopped: 0 });
    // The counts stay what they were at the end of the year when the evaluation is saved or approved later.
    const saved = await w.s.officer.patch(`${base()}/${id}/evaluations/${YEAR - 1}`, { changesText: 'Bijsturen' }, ifMatch(lastYear.json().revision));
    expect(saved.json().actionCounts).toEqual(lastYear.json().actionCounts);
  });

  it('follows a copied action back to the reports made on the version it came from', async () => {
    await clearStage();
    const plan = await newPlan(YEAR - 1, YEAR + 1, 'Plan met versies');
    const done = await completeForSubmission(w.s.officer, w.org, plan.plan.id);
    const action = flat(done.objectives).flatMap((o) => o.actions)[0];
    await ownerQuery(t, `UPDATE plan_action SET due_date = $2 WHERE id = $1`, [action.id, `${YEAR - 1}-10-31`]);
    await w.s.officer.post(`${base()}/${plan.plan.id}/submit`);
    await w.s.chief.post(`${base()}/${plan.plan.id}/approve`);
    expect((await w.s.officer.post(`${base()}/${plan.plan.id}/actions/${action.id}/updates`, { status: 'done' })).statusCode).toBe(201);
    await ownerQuery(t, `UPDATE plan_action_update SET at = $2 WHERE action_id = $1`, [action.id, `${YEAR - 1}-09-30T12:00:00Z`]);
    const v2 = (await w.s.officer.post(`${base()}/${plan.plan.id}/new-version`)).json() as PlanTree;
    await w.s.officer.post(`${base()}/${v2.plan.id}/submit`);
    await w.s.chief.post(`${base()}/${v2.plan.id}/approve`);
    const ev = await w.s.officer.post(`${base()}/${v2.plan.id}/evaluations`, { year: YEAR - 1 });
    expect(ev.json().actionCounts).toMatchObject({ done: 1, late: 0 });
  });
});

describe('codes sort naturally', () => {
  it('orders the tree, the indicators, the timeline and my actions as the shared comparator does', async () => {
    await clearStage();
    const plan = await newPlan(YEAR, YEAR + 2, 'Plan met codes');
    const id = plan.plan.id;
    const sds: Record<string, string> = {};
    for (const code of ['SD 10', 'SD 2', 'SD 1']) sds[code] = (await w.s.officer.post(`${base()}/${id}/objectives`, { code, title: `Doel ${code}` })).json().id;
    const ods: Record<string, string> = {};
    for (const code of ['O.D. 1.10', 'O.D. 1.2', 'O.D. 1.1']) {
      ods[code] = (await w.s.officer.post(`${base()}/${id}/objectives`, { parentId: sds['SD 1'], code, title: `Doel ${code}`, ownerLabel: 'Officier' })).json().id;
      await w.s.officer.post(`${base()}/${id}/objectives/${ods[code]}/indicators`, { name: `Indicator ${code}` });
    }
    for (const [od, code] of [['O.D. 1.10', 'A 1.10.1'], ['O.D. 1.2', 'A 1.2.10'], ['O.D. 1.2', 'A 1.2.9'], ['O.D. 1.1', 'A 1.1.1']]) {
      const r = await w.s.officer.post(`${base()}/${id}/actions`, { objectiveId: ods[od], code, title: `Actie ${code}`, ownerUserId: w.users.owner.id, dueDate: `${YEAR + 1}-03-31` });
      expect(r.statusCode, r.body).toBe(201);
    }
    const sorted = (xs: string[]) => [...xs].sort(compareCodes);
    const tree = (await w.s.officer.get(`${base()}/${id}`)).json() as PlanTree;
    expect(tree.objectives.map((o) => o.code)).toEqual(['SD 1', 'SD 2', 'SD 10']);
    expect(tree.objectives.map((o) => o.code)).toEqual(sorted(tree.objectives.map((o) => o.code)));
    const sd1 = tree.objectives[0];
    expect(sd1.children.map((o) => o.code)).toEqual(['O.D. 1.1', 'O.D. 1.2', 'O.D. 1.10']);
    expect(sd1.children[1].actions.map((a) => a.code)).toEqual(['A 1.2.9', 'A 1.2.10']);
    const timeline = (await w.s.officer.get(`${base()}/${id}/timeline`)).json();
    expect(timeline.groups[0].actions.map((a: { objectiveCode: string }) => a.objectiveCode)).toEqual(['O.D. 1.1', 'O.D. 1.2', 'O.D. 1.2', 'O.D. 1.10']);
    await submitted(id);
    await w.s.chief.post(`${base()}/${id}/approve`);
    const ev = (await w.s.officer.post(`${base()}/${id}/evaluations`, { year: YEAR })).json();
    expect(ev.indicators.map((i: { objectiveCode: string }) => i.objectiveCode)).toEqual(['O.D. 1.1', 'O.D. 1.2', 'O.D. 1.10']);
    const mine = (await w.s.owner.get(`/api/orgs/${w.org}/my-actions`)).json().items as { plan: { id: string }; code: string }[];
    expect(mine.filter((a) => a.plan.id === id).map((a) => a.code)).toEqual(['A 1.1.1', 'A 1.2.9', 'A 1.2.10', 'A 1.10.1']);
  });
});
