import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation, createTestApp, createUser, ownerQuery, sessionFor, type Session, type TestApp } from '../test/app.js';
import { ROLES } from '../shared/roles.js';

/**
 * Walks every registered organisation-scoped route as a person who holds every role in zone A
 * and calls it for zone B: each must refuse (403/404) and nothing of zone B may change.
 * Modules test their own ids; this catches a route that forgets the organisation check at all.
 */
let t: TestApp;
let zoneA: string;
let zoneB: string;
let caller: Session;

beforeAll(async () => {
  t = await createTestApp();
  zoneA = await createOrganisation(t);
  zoneB = await createOrganisation(t);
  const user = await createUser(t, { roles: ROLES.filter((r) => r !== 'oversight').map((role) => ({ orgId: zoneA, role })) });
  caller = await sessionFor(t, user.id);
});
afterAll(async () => { await t.close(); });

const snapshot = async () => (await ownerQuery<{ n: string }>(t, `
  SELECT md5(string_agg(x, '|' ORDER BY x)) AS n FROM (
    SELECT 'org:' || o::text AS x FROM organisation o WHERE id = $1
    UNION ALL SELECT 'audit:' || count(*)::text FROM audit_event WHERE organisation_id = $1
    UNION ALL SELECT 'roles:' || count(*)::text FROM role_assignment WHERE organisation_id = $1
    UNION ALL SELECT 'units:' || count(*)::text FROM org_unit WHERE organisation_id = $1
    UNION ALL SELECT 'mail:' || count(*)::text FROM mail_outbox WHERE organisation_id = $1) s`, [zoneB]))[0].n;

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
    expect(await snapshot()).toBe(before);
    expect(answers.length).toBe(routes.length);
  });

  it('the same caller is let through in their own organisation (the walk above is not vacuous)', async () => {
    expect((await caller.get(`/api/orgs/${zoneA}`)).statusCode).toBe(200);
    expect((await caller.get(`/api/orgs/${zoneA}/people`)).statusCode).toBe(200);
    expect((await caller.get(`/api/orgs/${zoneA}/audit`)).statusCode).toBe(200);
  });
});
