import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation, createUser, ifMatch, ownerQuery, sessionFor, type TestApp, createTestApp } from '../../../test/app.js';
import type { PlanTree } from './contract.js';
import { planWorld, YEAR, type PlanWorld } from './plan.testkit.js';
import { completeForSubmission } from './plan-workflow.testkit.js';
import { makePlanService } from './service.js';

let t: TestApp;
let w: PlanWorld;
let planId: string;
let sd: string;
let od: string;
let action: string;
let indicator: string;
let foreignPlan: string;
let foreignObjective: string;
beforeAll(async () => {
  t = await createTestApp();
  w = await planWorld(t);
  const p = (await w.s.officer.post(`/api/orgs/${w.org}/plans`, { title: 'Plan', periodFrom: YEAR, periodTo: YEAR + 4 })).json() as PlanTree;
  planId = p.plan.id;
  sd = (await w.s.officer.post(`${base()}/objectives`, { code: 'SD 1', title: 'SD' })).json().id;
  od = (await w.s.officer.post(`${base()}/objectives`, { parentId: sd, code: 'OD 1.1', title: 'OD' })).json().id;
  action = (await w.s.officer.post(`${base()}/actions`, { objectiveId: od, title: 'Actie', ownerUserId: w.users.owner.id, notes: 'NOTA-VERTROUWELIJK' })).json().id;
  indicator = (await w.s.officer.post(`${base()}/objectives/${od}/indicators`, { name: 'Indicator' })).json().id;
  await w.s.officer.patch(base(), { confidentialNotes: 'PLAN-GEHEIM' }, ifMatch(p.plan.revision));
  const f = (await w.s.otherOfficer.post(`/api/orgs/${w.other}/plans`, { title: 'Ander plan', periodFrom: YEAR, periodTo: YEAR + 1 })).json() as PlanTree;
  foreignPlan = f.plan.id;
  foreignObjective = (await w.s.otherOfficer.post(`/api/orgs/${w.other}/plans/${foreignPlan}/objectives`, { code: 'SD 9', title: 'Vreemd' })).json().id;
});
afterAll(async () => { await t.close(); });

const base = () => `/api/orgs/${w.org}/plans/${planId}`;
const counts = async () => (await ownerQuery<{ p: number; o: number; a: number; i: number; e: number }>(t, `
  SELECT (SELECT count(*) FROM plan)::int AS p, (SELECT count(*) FROM plan_objective)::int AS o, (SELECT count(*) FROM plan_action)::int AS a,
         (SELECT count(*) FROM plan_indicator)::int AS i, (SELECT count(*) FROM plan_evaluation)::int AS e`))[0];
const snapshot = async () => JSON.stringify((await ownerQuery(t, `SELECT title, sections, confidential_notes FROM plan WHERE id = $1`, [planId]))[0]) +
  JSON.stringify(await ownerQuery(t, `SELECT title, notes, progress FROM plan_action WHERE plan_id = $1 ORDER BY id`, [planId]));

describe('tenant isolation', () => {
  it('an id of another organisation is not found, and another organisation\'s member is refused', async () => {
    // The other organisation's officer through their own org path: not found.
    expect((await w.s.otherOfficer.get(`/api/orgs/${w.other}/plans/${planId}`)).statusCode).toBe(404);
    expect((await w.s.otherOfficer.patch(`/api/orgs/${w.other}/plans/${planId}`, { title: 'x' }, ifMatch(1))).statusCode).toBe(404);
    expect((await w.s.otherOfficer.post(`/api/orgs/${w.other}/plans/${planId}/submit`)).statusCode).toBe(404);
    expect((await w.s.otherOfficer.post(`/api/orgs/${w.other}/plans/${planId}/actions/${action}/updates`, { progress: 1 })).statusCode).toBe(404);
    expect((await w.s.otherOfficer.get(`/api/orgs/${w.other}/plans/${planId}/export.docx`)).statusCode).toBe(404);
    // Through this organisation's path: no role here.
    expect((await w.s.otherOfficer.get(base())).statusCode).toBe(403);
    expect((await w.s.otherOfficer.get(`/api/orgs/${w.org}/my-actions`)).statusCode).toBe(403);
    // Ids of the other organisation inside this organisation's requests.
    expect((await w.s.officer.get(`/api/orgs/${w.org}/plans/${foreignPlan}`)).statusCode).toBe(404);
    expect((await w.s.officer.get(`${base()}/compare?with=${foreignPlan}`)).statusCode).toBe(404);
    const before = await counts();
    expect((await w.s.officer.post(`${base()}/actions`, { objectiveId: foreignObjective, title: 'x' })).statusCode).toBe(400);
    expect((await w.s.officer.post(`${base()}/objectives`, { parentId: foreignObjective, title: 'x' })).statusCode).toBe(400);
    expect((await w.s.officer.post(`${base()}/actions`, { objectiveId: od, title: 'x', ownerUserId: w.users.otherOfficer.id })).json()).toMatchObject({ code: 'plan_owner_not_member', field: 'ownerUserId' });
    const [foreignUnit] = await ownerQuery<{ id: string }>(t, `INSERT INTO org_unit (organisation_id, code, name) VALUES ($1, 'X', 'X') RETURNING id`, [w.other]);
    expect((await w.s.officer.post(`${base()}/actions`, { objectiveId: od, title: 'x', ownerUnitId: foreignUnit.id })).json()).toMatchObject({ code: 'plan_unit_not_found', field: 'ownerUnitId' });
    expect((await w.s.officer.patch(`${base()}/objectives/${foreignObjective}`, { title: 'x' }, ifMatch(1))).statusCode).toBe(404);
    expect((await w.s.officer.delete(`/api/orgs/${w.org}/plans/${foreignPlan}/objectives/${foreignObjective}`)).statusCode).toBe(404);
    expect(await counts()).toEqual(before);
  });

  it('row-level security hides plan rows of another organisation even from a raw query', async () => {
    const { withOrgTx } = await import('../../../server/platform/db/tx.js');
    const { sql } = await import('drizzle-orm');
    const seen = await withOrgTx(t.db.db, w.org, (tx) => tx.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM plan_action WHERE plan_id = ${foreignPlan}`));
    expect(seen.rows[0].n).toBe(0);
    const own = await withOrgTx(t.db.db, w.other, (tx) => tx.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM plan_objective WHERE plan_id = ${foreignPlan}`));
    expect(own.rows[0].n).toBe(1);
  });
});

describe('hostile input', () => {
  const bodies = (): [string, string, Record<string, unknown>][] => [
    ['POST', `/api/orgs/${w.org}/plans`, { title: 'T', periodFrom: YEAR, periodTo: YEAR + 1 }],
    ['PATCH', base(), { title: 'T' }],
    ['POST', `${base()}/objectives`, { code: 'SD 5', title: 'T' }],
    ['PATCH', `${base()}/objectives/${od}`, { title: 'T' }],
    ['POST', `${base()}/objectives/${od}/indicators`, { name: 'T' }],
    ['PATCH', `${base()}/indicators/${indicator}`, { name: 'T' }],
    ['PUT', `${base()}/indicators/${indicator}/measurements/${YEAR}`, { value: 1 }],
    ['POST', `${base()}/actions`, { objectiveId: od, title: 'T' }],
    ['PATCH', `${base()}/actions/${action}`, { title: 'T' }],
    ['POST', `${base()}/evaluations`, { year: YEAR }],
  ];

  it('refuses malformed JSON, wrong types, unknown fields and oversized values, storing nothing', async () => {
    const before = await counts();
    const snap = await snapshot();
    for (const [method, url, valid] of bodies()) {
      const m = method as 'POST';
      const raw = await w.s.officer.request(m, url, '{"title": ', { 'content-type': 'application/json' });
      expect(raw.statusCode, `${method} ${url} malformed`).toBe(400);
      expect(raw.json().code).toBe('invalid_json');
      const key = Object.keys(valid)[0];
      const wrong = await w.s.officer.request(m, url, { ...valid, [key]: { $ne: null } });
      expect(wrong.statusCode, `${method} ${url} wrong type`).toBe(400);
      expect(wrong.json().fields[0].field).toBe(key);
      const unknown = await w.s.officer.request(m, url, { ...valid, isAdmin: true });
      expect(unknown.statusCode, `${method} ${url} unknown`).toBe(400);
      expect(unknown.json().fields[0].field).toContain('isAdmin');
      const huge = await w.s.officer.request(m, url, { ...valid, [key]: typeof valid[key] === 'number' ? 1e15 : 'x'.repeat(60_000) });
      expect(huge.statusCode, `${method} ${url} oversized`).toBe(400);
    }
    expect(await counts()).toEqual(before);
    expect(await snapshot()).toEqual(snap);
  });

  it('refuses bad params, bad enums, a body over the limit and crossed dates', async () => {
    expect((await w.s.officer.get(`/api/orgs/${w.org}/plans/not-a-uuid`)).statusCode).toBe(400);
    expect((await w.s.officer.get(`${base()}?status=gone`)).statusCode).toBe(400);
    expect((await w.s.officer.get(`${base()}?year=1'%20OR%201=1`)).statusCode).toBe(400);
    expect((await w.s.officer.get(`${base()}?evil=1`)).statusCode).toBe(400);
    expect((await w.s.officer.get(`${base()}/export.pdf?lang=xx`)).statusCode).toBe(400);
    expect((await w.s.officer.post(`/api/orgs/${w.org}/plans`, { title: 'T', periodFrom: YEAR, periodTo: YEAR - 1 })).json().fields[0]).toMatchObject({ field: 'periodTo', code: 'custom' });
    expect((await w.s.officer.post(`/api/orgs/${w.org}/plans`, { title: 'T', periodFrom: YEAR, periodTo: YEAR + 1, templateKey: 'nope' })).statusCode).toBe(400);
    const crossed = await w.s.officer.post(`${base()}/actions`, { objectiveId: od, title: 'T', startDate: '2026-05-01', dueDate: '2026-01-01' });
    expect(crossed.json().fields[0].field).toBe('dueDate');
    expect((await w.s.officer.patch(`${base()}/actions/${action}`, { progress: 101 })).statusCode).toBe(400);
    expect((await w.s.officer.patch(`${base()}/actions/${action}`, { status: 'late' })).statusCode).toBe(400);
    expect((await w.s.officer.post(`${base()}/actions/${action}/updates`, {})).statusCode).toBe(400);
    expect((await w.s.officer.request('POST', `${base()}/objectives`, JSON.stringify({ title: 'x'.repeat(2 * 1024 * 1024) }), { 'content-type': 'application/json' })).statusCode).toBe(413);
    expect((await w.s.officer.patch(base(), {})).statusCode).toBe(400);
  });

  it('stores SQL and script payloads verbatim and never renders them as HTML', async () => {
    const payload = `'); DROP TABLE plan; -- <script>alert(1)</script>`;
    const r = await w.s.officer.post(`${base()}/actions`, { objectiveId: od, title: payload, coActors: [payload] });
    expect(r.statusCode).toBe(201);
    expect(r.json().title).toBe(payload);
    expect((await ownerQuery<{ title: string }>(t, `SELECT title FROM plan_action WHERE id = $1`, [r.json().id]))[0].title).toBe(payload);
    const csv = await w.s.officer.get(`${base()}/actions.csv`);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('DROP TABLE plan');
    await w.s.officer.delete(`${base()}/actions/${r.json().id}`);
  });

  it('CSRF and sign-in are required', async () => {
    expect((await t.app.inject({ method: 'POST', url: `/api/orgs/${w.org}/plans`, payload: {} })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: base() })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/oversight/plans' })).statusCode).toBe(401);
  });
});

describe('oversight', () => {
  it('sees per organisation whether a plan is in force and its progress, never notes; content only when shared', async () => {
    const aig = await createOrganisation(t, { kind: 'inspectorate' });
    const inspector = await createUser(t, { roles: [{ orgId: aig, role: 'oversight' }] });
    const s = await sessionFor(t, inspector.id);
    // 'oversight' held in a police zone is no oversight.
    const fake = await createUser(t, { roles: [{ orgId: w.org, role: 'oversight' }] });
    expect((await (await sessionFor(t, fake.id)).get('/api/oversight/plans')).statusCode).toBe(403);
    expect((await w.s.chief.get('/api/oversight/plans')).statusCode).toBe(403);
    expect((await s.get(base())).statusCode).toBe(403);

    let r = await s.get('/api/oversight/plans');
    expect(r.statusCode).toBe(200);
    let mine = r.json().items.find((i: { organisation: { id: string } }) => i.organisation.id === w.org);
    expect(mine).toMatchObject({ planInForce: false, plan: null, actions: null, content: null });
    // The read is in the inspectorate's own trail (platform oversight helper), not in the zone's.
    expect(await ownerQuery(t, `SELECT organisation_id, actor_user_id, record_type FROM audit_event WHERE action = 'plan.oversight_read'`))
      .toEqual([{ organisation_id: aig, actor_user_id: inspector.id, record_type: 'plan' }]);

    await completeForSubmission(w.s.officer, w.org, planId);
    expect((await w.s.officer.post(`${base()}/submit`)).statusCode).toBe(200);
    await w.s.chief.post(`${base()}/approve`);
    await w.s.owner.post(`${base()}/actions/${action}/updates`, { status: 'done' });
    r = await s.get('/api/oversight/plans');
    mine = r.json().items.find((i: { organisation: { id: string } }) => i.organisation.id === w.org);
    expect(mine.planInForce).toBe(true);
    expect(mine.plan).toMatchObject({ id: planId, periodFrom: YEAR, periodTo: YEAR + 4 });
    expect(mine.actions).toMatchObject({ total: 1, percentDone: 100, byStatus: { done: 1 } });
    expect(mine.content).toBeNull();
    expect(r.body).not.toContain('NOTA-VERTROUWELIJK');
    expect(r.body).not.toContain('PLAN-GEHEIM');
    expect(r.json().items.some((i: { organisation: { id: string } }) => i.organisation.id === aig)).toBe(false);

    const revision = ((await w.s.chief.get(base())).json() as PlanTree).plan.revision;
    expect((await w.s.officer.patch(base(), { sharedWithOversight: true }, ifMatch(revision))).statusCode).toBe(403);
    expect((await w.s.chief.patch(base(), { sharedWithOversight: true }, ifMatch(revision))).statusCode).toBe(200);
    r = await s.get('/api/oversight/plans');
    mine = r.json().items.find((i: { organisation: { id: string } }) => i.organisation.id === w.org);
    expect(mine.content.objectives).toEqual([{ code: 'SD 1', title: 'SD', children: [{ code: 'OD 1.1', title: 'OD' }] }]);
    expect(r.body).not.toContain('NOTA-VERTROUWELIJK');
    expect(r.body).not.toContain('PLAN-GEHEIM');
  });
});

describe('reminders and monthly listings', () => {
  it('reminds owners (for a unit: its heads) once per action and due date, within the lead time; lists a unit and its sub-units to their head', async () => {
    const svc = makePlanService({ db: t.db.db, mailer: t.deps.mailer, publicUrl: 'https://kompas.test', dataDir: t.deps.config.dataDir });
    const p = (await w.s.officer.post(`/api/orgs/${w.org}/plans`, { title: 'Jobs', periodFrom: YEAR, periodTo: YEAR + 1 })).json() as PlanTree;
    const url = `/api/orgs/${w.org}/plans/${p.plan.id}`;
    const o = (await w.s.officer.post(`${url}/objectives`, { code: 'SD 1', title: 'SD' })).json().id;
    const mk = async (title: string, dueDate: string, extra: Record<string, unknown> = {}) =>
      (await w.s.officer.post(`${url}/actions`, { objectiveId: o, title, dueDate, ...extra })).json().id as string;
    const soon = await mk('Deontologie-opleiding', `${YEAR}-03-20`, { ownerUserId: w.users.owner.id });
    await mk('Later', `${YEAR}-05-20`, { ownerUserId: w.users.owner.id });
    await mk('Afgerond', `${YEAR}-03-15`, { ownerUserId: w.users.owner.id, status: 'done' });
    await mk('Dienst due', `${YEAR}-03-25`, { ownerUnitId: w.unitA });
    await mk('Dienst late', `${YEAR}-02-10`, { ownerUnitId: w.unitA });
    await mk('Andere dienst', `${YEAR}-03-25`, { ownerUnitId: w.unitB });
    // A sub-unit of unit A without a head of its own: in the listing of unit A's head, no reminder.
    const [sub] = await ownerQuery<{ id: string }>(t, `INSERT INTO org_unit (organisation_id, parent_id, code, name) VALUES ($1, $2, 'RECH-L', 'Lokale recherche') RETURNING id`, [w.org, w.unitA]);
    await mk('Subdienst due', `${YEAR}-03-28`, { ownerUnitId: sub.id });
    const today = `${YEAR}-03-10`;
    // The jobs judge role validity on their "today": the fixture's roles start yesterday.
    await ownerQuery(t, `UPDATE role_assignment SET valid_from = '2000-01-01' WHERE organisation_id = $1`, [w.org]);
    // Not in force yet: nothing.
    expect(await svc.sendDueReminders(today)).toBe(0);
    await completeForSubmission(w.s.officer, w.org, p.plan.id);
    expect((await w.s.officer.post(`${url}/submit`)).statusCode).toBe(200);
    // One plan in force per organisation and year (ADR 0011): the plan of the earlier tests makes way.
    await ownerQuery(t, `UPDATE plan SET status = 'superseded' WHERE organisation_id = $1 AND status = 'in_force'`, [w.org]);
    expect((await w.s.chief.post(`${url}/approve`)).json().plan.status).toBe('in_force');
    const outbox = () => ownerQuery<{ to_address: string; locale: string; subject: string; body_text: string; template: string }>(t,
      `SELECT to_address, locale, subject, body_text, template FROM mail_outbox WHERE template LIKE 'plan.%' ORDER BY created_at`);
    const before = (await outbox()).length;
    expect(await svc.sendDueReminders(today)).toBe(1);
    expect(await svc.sendDueReminders(today)).toBe(0);
    const mails = (await outbox()).slice(before);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ to_address: w.users.owner.email, locale: 'nl', template: 'plan.reminder' });
    expect(mails[0].body_text).toContain('Deontologie-opleiding');
    expect(mails[0].body_text).toContain(`https://kompas.test/o/${w.org}/plans/${p.plan.id}/actions?action=${soon}`);
    expect(mails[0].subject).toContain(`${YEAR}-03-20`);
    // A later due date earns a new reminder; a longer lead time reaches the May action.
    await ownerQuery(t, `UPDATE plan_action SET due_date = $2 WHERE id = $1`, [soon, `${YEAR}-03-21`]);
    expect(await svc.sendDueReminders(today)).toBe(1);
    await ownerQuery(t, `UPDATE organisation SET settings = settings || '{"reminderDaysBeforeDue": 90}' WHERE id = $1`, [w.org]);
    const beforeLong = (await outbox()).length;
    expect(await svc.sendDueReminders(today)).toBe(2);
    const long = (await outbox()).slice(beforeLong);
    expect(long.map((m) => m.to_address).sort()).toEqual([w.users.head.email, w.users.owner.email].sort());
    const unitMail = long.find((m) => m.to_address === w.users.head.email)!;
    expect(unitMail).toMatchObject({ locale: 'fr', template: 'plan.unit_reminder' });
    expect(unitMail.body_text).toContain('« Dienst due »');
    expect(unitMail.body_text).toContain('votre service');

    const mark = (await outbox()).length;
    expect(await svc.sendMonthlyListings(`${YEAR}-03-01`)).toBe(1);
    expect(await svc.sendMonthlyListings(`${YEAR}-03-02`)).toBe(0);
    const listing = (await outbox()).slice(mark);
    expect(listing).toHaveLength(1);
    expect(listing[0]).toMatchObject({ to_address: w.users.head.email, locale: 'fr', template: 'plan.monthly_listing' });
    expect(listing[0].body_text).toContain('Dienst due');
    expect(listing[0].body_text).toContain('Dienst late');
    expect(listing[0].body_text).toContain('Subdienst due');
    expect(listing[0].body_text).not.toContain('Andere dienst');
    expect(listing[0].body_text).not.toContain('Deontologie');
    expect(listing[0].body_text).toContain('2 à réaliser ce mois-ci, 1 en retard');
    expect(listing[0].body_text).toContain(`https://kompas.test/o/${w.org}/plans/${p.plan.id}/actions?unit=${w.unitA}`);
    // Before the organisation's listing day nothing goes out.
    await ownerQuery(t, `UPDATE organisation SET settings = settings || '{"monthlyListingDay": 15}' WHERE id = $1`, [w.org]);
    expect(await svc.sendMonthlyListings(`${YEAR}-04-10`)).toBe(0);
    expect(await svc.sendMonthlyListings(`${YEAR}-04-15`)).toBe(1);
  });
});
