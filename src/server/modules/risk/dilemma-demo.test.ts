import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoData } from '../../../../scripts/demo/load.js';
import { createTestApp, ownerQuery, sessionFor, type TestApp } from '../../../test/app.js';
import type { DilemmaList } from './dilemma-contract.js';
import { loadDemoDilemmas } from './dilemma-demo.js';

let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
const dataDirBefore = process.env.KOMPAS_DATA_DIR;
afterAll(async () => {
  if (dataDirBefore === undefined) delete process.env.KOMPAS_DATA_DIR; else process.env.KOMPAS_DATA_DIR = dataDirBefore;
  await t?.close();
});

describe('demo dilemmas', () => {
  it('the demo zone holds named and anonymous dilemmas, some reviewed or used in training, readable by the officer', async () => {
    // The demo seals with the key of the configured data directory, as the test app does ('.tmp').
    process.env.KOMPAS_DATA_DIR = t.deps.config.dataDir;
    expect(await loadDemoData(t.db.url, [{ name: 'risk-dilemmas', demo: loadDemoDilemmas }])).toBe(true);
    const [zone] = await ownerQuery<{ id: string }>(t, `SELECT id FROM organisation WHERE code = 'PZ-5999'`);
    const [officer] = await ownerQuery<{ id: string }>(t, `SELECT id FROM app_user WHERE email = 'integriteit@demo.kompas.be'`);
    const res = await (await sessionFor(t, officer.id, { mfa: true })).get(`/api/orgs/${zone.id}/risk/dilemmas`);
    expect(res.statusCode, res.body).toBe(200);
    const l = res.json() as DilemmaList;
    expect(l.dilemmas.length).toBeGreaterThanOrEqual(6);
    expect(l.dilemmas.filter((d) => d.anonymous).length).toBeGreaterThanOrEqual(3);
    expect(l.dilemmas.filter((d) => !d.anonymous).length).toBeGreaterThanOrEqual(2);
    expect(l.dilemmas.some((d) => d.status === 'used_in_training')).toBe(true);
    expect(new Set(l.dilemmas.map((d) => d.submittedOn)).size).toBeGreaterThan(3);
    // Anonymous ones left no trace of who shared them.
    const [{ n }] = await ownerQuery<{ n: number }>(t, `SELECT count(*)::int AS n FROM risk_dilemma WHERE submitted_by IS NULL`);
    expect(n).toBe(l.dilemmas.filter((d) => d.anonymous).length);
  }, 120_000);
});
