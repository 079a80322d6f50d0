import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoData } from '../../../../scripts/demo/load.js';
import { createTestApp, ownerQuery, sessionFor, type TestApp } from '../../../test/app.js';
import type { OversightOverview } from './oversight-contract.js';
import { loadDemoMaturityPeers } from './oversight-demo.js';

let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t?.close(); });

describe('demo of the inspectorate\'s comparison', () => {
  it('six zones of the demo zone\'s band with figures, four federal units without; through the service (audited)', async () => {
    let ms = 0;
    const timed = async (url: string) => { const s = Date.now(); const notes = await loadDemoMaturityPeers(url); ms = Date.now() - s; return notes; };
    expect(await loadDemoData(t.db.url, [{ name: 'maturity-peers', demo: timed }])).toBe(true);
    console.log(`maturity comparison demo: ${ms} ms`);
    const [aig] = await ownerQuery<{ id: string }>(t, `SELECT id FROM app_user WHERE email = 'aig@demo.kompas.be'`);
    const inspector = await sessionFor(t, aig.id);
    const year = new Date().getFullYear();
    const o = (await inspector.get(`/api/maturity/oversight/overview?year=${year}`)).json() as OversightOverview;
    const band = o.peerGroups.find((g) => g.group === 'zone_300_599')!;
    expect(band).toMatchObject({ measured: 6, tooSmall: false });
    expect(band.pillars.every((p) => p.quantiles.median !== null)).toBe(true);
    expect(o.peerGroups.find((g) => g.group === 'federal_unit')).toMatchObject({ organisations: 4, measured: 4, tooSmall: true });
    expect(o.namedOrganisations.map((n) => n.code).sort()).toEqual(['PZ-5901', 'PZ-5903', 'PZ-5905']);
    expect(o.trend.length).toBeGreaterThanOrEqual(3);
    const [{ n }] = await ownerQuery<{ n: number }>(t, `SELECT count(*)::int AS n FROM audit_event WHERE action = 'maturity.approve'`);
    expect(n).toBe(6 * o.trend.length + 4);
  }, 120_000);
});
