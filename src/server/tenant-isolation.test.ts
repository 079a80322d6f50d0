import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation, createTestApp, createUser, ownerQuery, sessionFor, type Session, type TestApp } from '../test/app.js';
import { sql } from 'drizzle-orm';
import { ROLES } from '../shared/roles.js';
import { withOrgTx } from './platform/db/tx.js';
import { modules } from './modules/index.js';
import { PLATFORM_TABLES } from './platform/tables.js';

/**
 * Walks every registered organisation-scoped route as a person who holds every role in zone A
 * and calls it for zone B: each must refuse (403/404) and nothing of zone B may change.
 * Modules test their own ids; this catches a route that forgets the organisation check at all.
 */
let t: TestApp;
let zoneA: string;
let zoneB: string;
let caller: Session;

/**
 * Every tenant table: a table of the public schema with an `organisation_id` column, read from
 * the catalogue (partitions are covered by their parent). A new module's tables join by themselves.
 */
const tenantTables = async () => (await ownerQuery<{ name: string; rls: boolean; forced: boolean; policies: number }>(t, `
  SELECT c.relname AS name, c.relrowsecurity AS rls, c.relforcerowsecurity AS forced,
         (SELECT count(*)::int FROM pg_policy p WHERE p.polrelid = c.oid) AS policies
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'organisation_id' AND a.attnum > 0 AND NOT a.attisdropped
   WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
   ORDER BY c.relname`));

beforeAll(async () => {
  t = await createTestApp();
  zoneA = await createOrganisation(t);
  zoneB = await createOrganisation(t);
  const user = await createUser(t, { roles: ROLES.filter((r) => r !== 'oversight').map((role) => ({ orgId: zoneA, role })) });
  caller = await sessionFor(t, user.id);
  // Zone B has data of its own, made through its own routes, so the snapshot is not of empty tables.
  const adminB = await createUser(t, { roles: [{ orgId: zoneB, role: 'administrator' }, { orgId: zoneB, role: 'integrity_officer' }] });
  const b = await sessionFor(t, adminB.id);
  const unit = await b.post(`/api/orgs/${zoneB}/units`, { code: 'B-RECH', name: 'Recherche B' });
  expect(unit.statusCode, unit.body).toBe(201);
  const person = await b.post(`/api/orgs/${zoneB}/people`, { personnelNumber: 'B-1', firstName: 'Bea', lastName: 'Bezet', staffCategory: 'operational', startDate: '2020-01-01', unitId: unit.json().id });
  expect(person.statusCode, person.body).toBe(201);
  const invited = await b.post(`/api/orgs/${zoneB}/users`, { email: `b-member-${zoneB}@test.kompas`, displayName: 'Bart Lid', locale: 'nl' });
  expect(invited.statusCode, invited.body).toBe(201);
  const role = await b.post(`/api/orgs/${zoneB}/roles`, { userId: invited.json().id, role: 'staff_member', validFrom: '2020-01-01' });
  expect(role.statusCode, role.body).toBe(201);
  const plan = await b.post(`/api/orgs/${zoneB}/plans`, { title: 'Integriteitsplan B', periodFrom: 2025, periodTo: 2028 });
  expect(plan.statusCode, plan.body).toBe(201);
  const planUrl = `/api/orgs/${zoneB}/plans/${plan.json().plan.id}`;
  const objective = await b.post(`${planUrl}/objectives`, { title: 'Integriteit bewaken' });
  expect(objective.statusCode, objective.body).toBe(201);
  const action = await b.post(`${planUrl}/actions`, { objectiveId: objective.json().id, title: 'Dilemmatraining', ownerUnitId: unit.json().id });
  expect(action.statusCode, action.body).toBe(201);
});
afterAll(async () => { await t.close(); });

/** One hash per tenant table over zone B's rows (their whole text), plus zone B's organisation row. */
const snapshot = async (): Promise<Record<string, string>> => {
  const out: Record<string, string> = {};
  out.organisation = (await ownerQuery<{ h: string }>(t, `SELECT md5(o::text) AS h FROM organisation o WHERE id = $1`, [zoneB]))[0].h;
  for (const { name } of await tenantTables()) {
    const [r] = await ownerQuery<{ n: number; h: string }>(t,
      `SELECT count(*)::int AS n, md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS h FROM "${name.replace(/"/g, '""')}" x WHERE organisation_id = $1`, [zoneB]);
    out[name] = `${r.n}:${r.h}`;
  }
  return out;
};

describe('tenant isolation on every organisation-scoped route', () => {
  it('refuses every route of another organisation, whatever the method, and changes nothing', async () => {
    const routes = t.app.routePolicies.filter((r) => r.url.includes(':orgId') && r.method !== 'HEAD' && !r.policy.public);
    expect(routes.length).toBeGreaterThan(40);
    const before = await snapshot();
    const answers: string[] = [];
    for (const r of routes) {
      // Other path parameters get an id that exists nowhere: the organisation check must answer first.
      const url = r.url.replace(':orgId', zoneB).replace(/:year\b/g, '2025').replace(/:[A-Za-z]+/g, '00000000-0000-4000-8000-000000000000');
      const res = await caller.request(r.method as 'GET', url, r.method === 'GET' || r.method === 'DELETE' ? undefined : {});
      answers.push(`${r.method} ${r.url} → ${res.statusCode}`);
      expect([403, 404], `${r.method} ${r.url} answered ${res.statusCode}`).toContain(res.statusCode);
    }
    expect(await snapshot()).toEqual(before);
    expect(answers.length).toBe(routes.length);
  });

  it('snapshots every table with organisation_id, and zone B has rows in several of them', async () => {
    const before = await snapshot();
    for (const table of ['org_unit', 'role_assignment', 'organisation_member', 'person', 'plan', 'plan_objective', 'plan_action', 'mail_outbox', 'audit_event']) {
      expect(before[table], table).toBeDefined();
      expect(before[table], `zone B has no row in ${table}`).not.toMatch(/^0:/);
    }
    // Any change of a row's content shows, not only a change of the count.
    await ownerQuery(t, `UPDATE org_unit SET name = name || ' (x)' WHERE organisation_id = $1`, [zoneB]);
    const changed = await snapshot();
    await ownerQuery(t, `UPDATE org_unit SET name = left(name, -4) WHERE organisation_id = $1`, [zoneB]);
    expect(changed.org_unit).not.toBe(before.org_unit);
    expect(await snapshot()).toEqual(before);
  });

  it('the same caller is let through in their own organisation (the walk above is not vacuous)', async () => {
    expect((await caller.get(`/api/orgs/${zoneA}`)).statusCode).toBe(200);
    expect((await caller.get(`/api/orgs/${zoneA}/people`)).statusCode).toBe(200);
    expect((await caller.get(`/api/orgs/${zoneA}/audit`)).statusCode).toBe(200);
  });
});

describe('row-level security on every tenant table', () => {
  it('every table with organisation_id has row-level security enabled and forced, with a policy', async () => {
    const tables = await tenantTables();
    expect(tables.length).toBeGreaterThan(10);
    const lacking = tables.filter((x) => !x.rls || !x.forced || x.policies === 0)
      .map((x) => `${x.name}:${x.rls ? '' : ' not enabled'}${x.forced ? '' : ' not forced'}${x.policies ? '' : ' no policy'}`);
    expect(lacking, 'add ENABLE + FORCE ROW LEVEL SECURITY and a policy on kompas_row_visible(organisation_id) (docs/development.md)').toEqual([]);
  });

  it('every tenant table is declared by the platform or by exactly one module (ServerModule.tables)', async () => {
    const declared = new Set([...PLATFORM_TABLES, ...modules.flatMap((m) => m.tables ?? [])]);
    const undeclared = (await tenantTables()).map((x) => x.name).filter((name) => !declared.has(name));
    expect(undeclared, 'list the table in its module\'s `tables` (tablesOf(schema)) or in platform/tables.ts').toEqual([]);
  });

  it('the application role sees no tenant row outside a scope, and only its organisation\'s inside one', async () => {
    for (const { name } of await tenantTables()) {
      const table = `"${name.replace(/"/g, '""')}"`;
      const outside = await t.db.db.execute<{ n: number }>(sql.raw(`SELECT count(*)::int AS n FROM ${table}`));
      expect(outside.rows[0].n, `${name} outside a scope`).toBe(0);
      const inA = await withOrgTx(t.db.db, zoneA, (tx) => tx.execute<{ n: number }>(sql.raw(`SELECT count(*)::int AS n FROM ${table} WHERE organisation_id IS DISTINCT FROM '${zoneA}'`)));
      expect(inA.rows[0].n, `${name} in zone A's scope`).toBe(0);
    }
  });
});
