import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoData } from '../../../../scripts/demo/load.js';
import { createTestApp, ownerQuery, sessionFor, type TestApp } from '../../../test/app.js';
import { loadDemoPlans } from '../plan/demo.js';
import { loadDemoMaturity } from './demo.js';
import type { EvidenceList } from './evidence-contract.js';

let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t?.close(); });

describe('demo of a score\'s evidence', () => {
  it('the yearly measurement in consolidation shows the officer\'s link to an action of the demo plan, with its title', async () => {
    expect(await loadDemoData(t.db.url, [{ name: 'plan', demo: loadDemoPlans }, { name: 'maturity', demo: loadDemoMaturity }])).toBe(true);
    const [m] = await ownerQuery<{ id: string; organisation_id: string }>(t, `SELECT id, organisation_id FROM maturity_measurement WHERE kind = 'yearly' AND year = 2025`);
    const [officer] = await ownerQuery<{ id: string }>(t, `SELECT id FROM app_user WHERE email = 'integriteit@demo.kompas.be'`);
    const s = await sessionFor(t, officer.id);
    const list = (await s.get(`/api/orgs/${m.organisation_id}/maturity/measurements/${m.id}/evidence`)).json() as EvidenceList;
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ kind: 'link', link: { kind: 'plan.action', record: { title: expect.any(String) } } });
  }, 180_000);
});
