import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoData } from '../../../../scripts/demo/load.js';
import { createTestApp, ownerQuery, sessionFor, type TestApp } from '../../../test/app.js';
import { planModule } from '../plan/module.js';
import type { AnalysisList, HeatmapView, RegisterView } from './contract.js';
import { loadDemoRisk } from './demo.js';

let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t?.close(); });

describe('demo of the risk analysis', () => {
  it('16 processes with owners and review dates, one completed workshop of three, two recommendations in the plan; through the service (audited)', async () => {
    expect(await loadDemoData(t.db.url, [planModule, { name: 'risk', demo: loadDemoRisk }])).toBe(true);
    const session = async (email: string) => sessionFor(t, (await ownerQuery<{ id: string }>(t, `SELECT id FROM app_user WHERE email = $1`, [email]))[0].id);
    const [{ id: zone }] = await ownerQuery<{ id: string }>(t, `SELECT id FROM organisation WHERE code = 'PZ-5999'`);
    const officer = await session('integriteit@demo.kompas.be');
    const reg = (await officer.get(`/api/orgs/${zone}/risk/register`)).json() as RegisterView;
    expect(reg.totals).toMatchObject({ processes: 16, analysed: 16, reviewsOverdue: 2 });
    expect(reg.rows.every((r) => r.process.owner !== null)).toBe(true);
    expect(reg.rows.filter((r) => r.highRiskWithoutAction).length).toBeGreaterThan(0);
    expect(reg.totals.lateRecommendations).toBe(1);
    const list = (await officer.get(`/api/orgs/${zone}/risk/analyses`)).json() as AnalysisList;
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ status: 'completed', processCount: 16, agreedCount: 16 });
    expect(list.items[0].participants).toHaveLength(3);
    const detail = (await officer.get(`/api/orgs/${zone}/risk/analyses/${list.items[0].id}`)).json();
    const linked = detail.processes.flatMap((p: { recommendations: { planLink: unknown }[] }) => p.recommendations).filter((r: { planLink: unknown }) => r.planLink);
    expect(linked).toHaveLength(2);
    const heat = (await (await session('korpschef@demo.kompas.be')).get(`/api/orgs/${zone}/risk/heatmap`)).json() as HeatmapView;
    expect(heat.cells.reduce((n, c) => n + c.count, 0)).toBe(16);
    const cons = await (await session('kerngroep@demo.kompas.be')).get(`/api/orgs/${zone}/risk/analyses/${list.items[0].id}/consolidation`);
    expect(cons.json().disagreements).toBeGreaterThan(0);
    expect((await (await session('diensthoofd@demo.kompas.be')).get(`/api/orgs/${zone}/risk/register`)).statusCode).toBe(200);
    expect((await (await session('medewerker@demo.kompas.be')).get(`/api/orgs/${zone}/risk/register`)).statusCode).toBe(404);
    const [{ n }] = await ownerQuery<{ n: number }>(t, `SELECT count(*)::int AS n FROM audit_event WHERE action = 'risk.score'`);
    expect(n).toBe(48);
  }, 120_000);
});
