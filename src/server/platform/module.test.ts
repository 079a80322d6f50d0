import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation, createTestApp, createUser, ownerQuery, sessionFor, type TestApp } from '../../test/app.js';
import { planWorld, YEAR, type PlanWorld } from '../modules/plan/plan.testkit.js';
import { completeForSubmission } from '../modules/plan/plan-workflow.testkit.js';
import { buildApp } from '../app.js';
import { modules } from '../modules/index.js';
import { checkModules, tablesOf, type ServerModule } from './module.js';
import * as tenancy from './tenancy/schema.js';

describe('the module registry', () => {
  it('names the tables of a drizzle schema', () => {
    expect(tablesOf(tenancy)).toEqual(['organisation']);
    expect(tablesOf({ notATable: 1, alsoNot: { name: 'x' } })).toEqual([]);
  });

  it('refuses a module registered twice or a table claimed by two modules', () => {
    expect(() => checkModules([{ name: 'a' }, { name: 'a' }])).toThrow(/registered twice/);
    expect(() => checkModules([{ name: 'a', tables: ['x'] }, { name: 'b', tables: ['y', 'x'] }])).toThrow(/"x" is declared by modules "a" and "b"/);
    expect(() => checkModules(modules)).not.toThrow();
  });

  it('the plan module declares its tables, jobs, demo data and home figures in its one entry', () => {
    const plan = modules.find((m) => m.name === 'plan')!;
    expect(plan.tables).toContain('plan_action');
    expect(typeof plan.jobs).toBe('function');
    expect(typeof plan.demo).toBe('function');
    expect(typeof plan.homeFigures).toBe('function');
  });
});

describe('GET /api/orgs/:orgId/home', () => {
  let t: TestApp;
  let w: PlanWorld;
  beforeAll(async () => {
    t = await createTestApp();
    w = await planWorld(t);
  });
  afterAll(async () => t?.close());

  it('gives each module\'s figures for the person: the plan counts open and late actions they own', async () => {
    const base = `/api/orgs/${w.org}/plans`;
    const plan = (await w.s.officer.post(base, { title: 'Plan', periodFrom: YEAR - 1, periodTo: YEAR + 3 })).json();
    const sd = (await w.s.officer.post(`${base}/${plan.plan.id}/objectives`, { code: 'SD 1', title: 'SD' })).json().id;
    const od = (await w.s.officer.post(`${base}/${plan.plan.id}/objectives`, { parentId: sd, code: 'OD 1.1', title: 'OD' })).json().id;
    for (const [title, dueDate] of [['Open', `${YEAR + 2}-06-30`], ['Late', `${YEAR - 1}-01-31`]]) {
      const r = await w.s.officer.post(`${base}/${plan.plan.id}/actions`, { objectiveId: od, title, ownerUserId: w.users.owner.id, startDate: `${YEAR - 1}-01-01`, dueDate });
      expect(r.statusCode, r.body).toBe(201);
    }
    await completeForSubmission(w.s.officer, w.org, plan.plan.id);
    expect((await w.s.officer.post(`${base}/${plan.plan.id}/submit`)).statusCode).toBe(200);
    expect((await w.s.chief.post(`${base}/${plan.plan.id}/approve`)).statusCode).toBe(200);

    const owner = await w.s.owner.get(`/api/orgs/${w.org}/home`);
    expect(owner.statusCode, owner.body).toBe(200);
    expect(owner.json().figures).toEqual([{ id: 'plan.my_actions', count: 2, values: { late: 1 } }]);
    // Someone who owns nothing sees zero, not someone else's work.
    expect((await w.s.staff.get(`/api/orgs/${w.org}/home`)).json().figures).toEqual([{ id: 'plan.my_actions', count: 0, values: { late: 0 } }]);
    // A role outside the plan gets no plan figure; another organisation's member is refused.
    expect((await w.s.dpo.get(`/api/orgs/${w.org}/home`)).json().figures).toEqual([]);
    expect((await w.s.otherOfficer.get(`/api/orgs/${w.org}/home`)).statusCode).toBe(403);
  });

  it('a registered module\'s figures appear without any change to the platform', async () => {
    const probe: ServerModule = { name: 'probe', homeFigures: async (_deps, actor, orgId) => [{ id: 'probe.count', count: orgId === w.org && actor.userId === w.users.staff.id ? 7 : 0 }] };
    const app = await buildApp(t.deps, { logger: false, modules: [...modules, probe] });
    try {
      const r = await app.inject({ method: 'GET', url: `/api/orgs/${w.org}/home`, cookies: w.s.staff.cookies });
      expect(r.json().figures).toContainEqual({ id: 'probe.count', count: 7 });
    } finally {
      await app.close();
    }
  });

  it('oversight figures: every module\'s, in one audited read, small counts hidden by the organisation\'s threshold', async () => {
    // The plan of the test above, in force (approval may or may not put it in force at once).
    await ownerQuery(t, `UPDATE plan SET status = 'in_force', in_force_at = coalesce(in_force_at, now()) WHERE organisation_id = $1 AND status = 'approved'`, [w.org]);
    const aig = await createOrganisation(t, { kind: 'inspectorate' });
    const inspector = await sessionFor(t, (await createUser(t, { roles: [{ orgId: aig, role: 'oversight' }] })).id);
    const probe: ServerModule = {
      name: 'probe',
      oversightFigures: async (scope) => [{ id: 'probe.people', organisationId: w.org, value: scope.count(w.org, 2) }],
    };
    const app = await buildApp(t.deps, { logger: false, modules: [...modules, probe] });
    try {
      const r = await app.inject({ method: 'GET', url: '/api/oversight/figures', cookies: inspector.cookies });
      expect(r.statusCode, r.body).toBe(200);
      const mine = (r.json().figures as { id: string; organisationId: string; value: number | null; suppressed: boolean }[]).filter((f) => f.organisationId === w.org);
      expect(mine).toContainEqual({ id: 'probe.people', organisationId: w.org, value: null, suppressed: true });
      expect(mine).toContainEqual({ id: 'plan.in_force', organisationId: w.org, value: 1, suppressed: false });
      expect(mine).toContainEqual({ id: 'plan.actions_total', organisationId: w.org, value: 2, suppressed: false });
      expect(mine).toContainEqual({ id: 'plan.actions_late', organisationId: w.org, value: 1, suppressed: false });
      const events = await ownerQuery<{ details: { figures: number; suppressedCells: number } }>(t,
        `SELECT details FROM audit_event WHERE organisation_id = $1 AND action = 'oversight.figures_read'`, [aig]);
      expect(events).toHaveLength(1);
      expect(events[0].details.suppressedCells).toBe(1);
      // A zone's officer is not oversight.
      expect((await app.inject({ method: 'GET', url: '/api/oversight/figures', cookies: w.s.officer.cookies })).statusCode).toBe(403);
    } finally {
      await app.close();
    }
  });
});
