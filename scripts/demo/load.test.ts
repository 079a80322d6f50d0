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
    expect(await loadDemoData(t.db.url)).toBe(false);
  });
});
