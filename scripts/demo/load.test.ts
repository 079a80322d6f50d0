import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ownerQuery, type TestApp } from '../../src/test/app.js';
import { loadDemoData } from './load.js';

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
});
