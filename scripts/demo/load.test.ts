import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from 'otplib';
import { anonymous, createTestApp, ownerQuery, type TestApp } from '../../src/test/app.js';
import { MFA_ROLES } from '../../src/shared/roles.js';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, demoLogins, loadDemoData } from './load.js';

let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t.close(); });

describe('demo data', () => {
  it('loads a realistic zone once, and never into a database that has data', async () => {
    expect(await loadDemoData(t.db.url)).toBe(true);
    const [counts] = await ownerQuery<{ orgs: number; staff: number; users: number; mfa: number }>(t, `
      SELECT (SELECT count(*)::int FROM organisation) AS orgs,
             (SELECT count(*)::int FROM person p JOIN organisation o ON o.id = p.organisation_id WHERE o.code = 'PZ-5999') AS staff,
             (SELECT count(*)::int FROM app_user) AS users,
             (SELECT count(*)::int FROM app_user WHERE totp_enabled_at IS NOT NULL) AS mfa`);
    expect(counts.orgs).toBe(5);
    expect(counts.staff).toBeGreaterThanOrEqual(300);
    expect(counts.users).toBe(11);
    expect(counts.mfa).toBeGreaterThan(0);
    const plans = await ownerQuery<{ title: string; status: string; actions: number; done: number; evaluations: number }>(t, `
      SELECT p.title, p.status,
             (SELECT count(*)::int FROM plan_action a WHERE a.plan_id = p.id) AS actions,
             (SELECT count(*)::int FROM plan_action a WHERE a.plan_id = p.id AND a.status = 'done') AS done,
             (SELECT count(*)::int FROM plan_evaluation e WHERE e.plan_id = p.id AND e.status = 'approved') AS evaluations
        FROM plan p ORDER BY p.title`);
    expect(plans.map((p) => [p.title, p.status])).toEqual([
      ['Integriteitsbeleid DAS 2026–2030', 'draft'],
      ['Integriteitsbeleidsplan 2024–2029', 'in_force'],
    ]);
    expect(plans[1].actions).toBe(46);
    expect(plans[1].done).toBe(18);
    expect(plans[1].evaluations).toBe(1);
    const [ident] = await ownerQuery<{ entity: string; responsible: number }>(t, `
      SELECT sections->'identification'->>'entityName' AS entity, jsonb_array_length(sections->'identification'->'responsible') AS responsible
        FROM plan WHERE title = 'Integriteitsbeleidsplan 2024–2029'`);
    expect(ident).toEqual({ entity: 'Politiezone Heide en Polder', responsible: 2 });
    const [{ n }] = await ownerQuery<{ n: number }>(t, `SELECT count(*)::int AS n FROM audit_event WHERE action LIKE 'plan.%'`);
    expect(n).toBeGreaterThan(100);
    expect(await loadDemoData(t.db.url)).toBe(false);
  });

  it('gives every account with a role of MFA_ROLES a TOTP secret, and prints exactly those as (TOTP)', async () => {
    await loadDemoData(t.db.url); // loaded by the test above, or now when run alone
    const users = await ownerQuery<{ email: string; needs: boolean; totp: boolean }>(t, `
      SELECT u.email,
             u.is_platform_admin OR EXISTS (SELECT 1 FROM role_assignment ra WHERE ra.user_id = u.id AND ra.role = ANY($1::text[])
                                              AND ra.withdrawn_at IS NULL AND ra.valid_from <= current_date
                                              AND (ra.valid_to IS NULL OR ra.valid_to >= current_date)) AS needs,
             u.totp_secret = $2 AND u.totp_enabled_at IS NOT NULL AS totp
        FROM app_user u ORDER BY u.email`, [[...MFA_ROLES], DEMO_TOTP_SECRET]);
    expect(users.filter((u) => u.needs && !u.totp).map((u) => u.email)).toEqual([]);
    // The chief and the head of service read confidential notes: they are among them.
    expect(users.filter((u) => u.needs).map((u) => u.email)).toEqual(expect.arrayContaining(['korpschef@demo.kompas.be', 'diensthoofd@demo.kompas.be']));
    const printed = Object.fromEntries(demoLogins().map((l) => [l.email, l.totp]));
    expect(Object.fromEntries(users.map((u) => [u.email, u.needs]))).toEqual(printed);
    expect(demoLogins().filter((l) => l.roles.endsWith(' (TOTP)')).map((l) => l.email).sort()).toEqual(users.filter((u) => u.needs).map((u) => u.email).sort());

    // The chief signs in with the demo password and is asked for a code (not to set up an app), which the demo secret gives.
    const s = anonymous(t);
    expect((await s.post('/api/auth/login', { email: 'korpschef@demo.kompas.be', password: DEMO_PASSWORD })).json()).toMatchObject({ next: 'totp' });
    expect((await s.post('/api/auth/totp/verify', { code: await generate({ secret: DEMO_TOTP_SECRET }) })).statusCode).toBe(200);
  });
});
