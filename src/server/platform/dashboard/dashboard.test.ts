import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ownerQuery, type Session, type TestApp } from '../../../test/app.js';
import { buildApp } from '../../app.js';
import { modules } from '../../modules/index.js';
import { pdfPages } from '../export/export.testkit.js';
import type { ServerModule } from '../module.js';
import type { DashboardView } from './contract.js';
import { dashboardWorld, inflatePdf, type DashboardWorld } from '../../../test/dashboard-world.js';
import { tileTable } from './table.js';

describe('GET /api/orgs/:orgId/dashboard', () => {
  let t: TestApp;
  let w: DashboardWorld;
  let coordinator: Session;
  const url = () => `/api/orgs/${w.org}/dashboard`;
  const tiles = async (s: Session) => {
    const r = await s.get(`${url()}?lang=en`);
    expect(r.statusCode, r.body).toBe(200);
    return (r.json() as DashboardView).tiles;
  };

  beforeAll(async () => {
    t = await createTestApp();
    w = await dashboardWorld(t);
    coordinator = w.coordinator;
  }, 120_000);
  afterAll(async () => t?.close());

  it('gives the chief the tiles of every module, each readable as a data table', async () => {
    const all = await tiles(w.s.chief);
    expect(all.map((x) => x.id)).toEqual(expect.arrayContaining([
      'plan.progress', 'plan.by_status', 'reporting.year', 'complaints.received', 'complaints.lead_times', 'maturity.levels', 'maturity.trend',
    ]));
    const progress = all.find((x) => x.id === 'plan.progress')!;
    expect(progress).toMatchObject({ kind: 'figures', title: 'Progress of the plan in force' });
    expect(progress.kind === 'figures' && progress.figures.map((f) => f.value)).toEqual([2, 0, 1]);
    const levels = all.find((x) => x.id === 'maturity.levels')!;
    expect(levels).toMatchObject({ kind: 'series', chart: 'radar', max: 4 });
    const table = tileTable(levels, 'Value');
    expect(table.header).toEqual([null, 'Agreed level', 'Target level']);
    expect(table.rows.length).toBeGreaterThanOrEqual(3);
    for (const r of table.rows) expect(r.values).toEqual([2, 3]);
    const trend = all.find((x) => x.id === 'maturity.trend')!;
    expect(trend.kind === 'series' && trend.categories).toEqual(['Baseline 2025']);
    // Reading the maturity tiles is audited as the module's own trend and matrix reads are.
    const events = await ownerQuery<{ action: string }>(t, `SELECT action FROM audit_event WHERE organisation_id = $1 AND actor_user_id = $2 AND action LIKE 'maturity.%read'`, [w.org, w.users.chief.id]);
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(['maturity.trend_read', 'maturity.matrix_read']));
  });

  it('shows each role only what it may see, nothing to a staff member, and 404 to another organisation', async () => {
    expect((await tiles(w.s.officer)).map((x) => x.id)).toEqual(expect.arrayContaining(['plan.progress', 'reporting.year', 'maturity.levels']));
    expect((await tiles(w.s.officer)).map((x) => x.id)).not.toContain('complaints.received');
    expect((await tiles(coordinator)).map((x) => x.id).sort()).toEqual(['complaints.lead_times', 'complaints.received']);
    expect((await tiles(w.s.anna)).map((x) => x.id).sort()).toEqual(['plan.by_status', 'plan.progress']);
    expect(await tiles(w.s.staff)).toEqual([]);
    expect((await w.s.otherOfficer.get(url())).statusCode).toBe(404);
    expect((await w.s.otherOfficer.get(`${url()}.pdf`)).statusCode).toBe(404);
  });

  it('translates the tiles into the language asked for', async () => {
    const r = await w.s.chief.get(`${url()}?lang=nl`);
    const nl = (r.json() as DashboardView).tiles;
    expect(nl.find((x) => x.id === 'plan.progress')!.title).toBe('Voortgang van het plan dat van kracht is');
    expect(nl.find((x) => x.id === 'maturity.trend')).toMatchObject({ categories: ['Nulmeting 2025'] });
  });

  it('exports the tiles as a PDF, a data table per tile, and audits the export', async () => {
    const r = await w.s.chief.get(`${url()}.pdf?lang=en`);
    expect(r.statusCode, r.body.slice(0, 200)).toBe(200);
    expect(r.headers['content-type']).toBe('application/pdf');
    expect(r.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfPages(inflatePdf(r.rawPayload)).join('\n');
    for (const s of ['Integrity dashboard', 'Progress of the plan in force', 'Maturity per pillar and function', 'Agreed level', 'Complaints received', 'Reports of integrity violations', 'Baseline 2025']) {
      expect(text).toContain(s);
    }
    const events = await ownerQuery<{ details: { format: string; tiles: string[] } }>(t, `SELECT details FROM audit_event WHERE organisation_id = $1 AND action = 'dashboard.export'`, [w.org]);
    expect(events).toHaveLength(1);
    expect(events[0].details).toMatchObject({ format: 'pdf', tiles: expect.arrayContaining(['plan.progress', 'maturity.levels']) });
  });

  it('a registered module\'s tiles appear without any change to the platform', async () => {
    const probe: ServerModule = {
      name: 'probe',
      dashboardTiles: async (_deps, actor) => (actor.userId === w.users.staff.id
        ? [{ id: 'probe.count', title: { text: 'Probe' }, unit: 'count', kind: 'figures', figures: [{ label: { text: 'Things' }, value: 7 }] }]
        : []),
    };
    const app = await buildApp(t.deps, { logger: false, modules: [...modules, probe] });
    try {
      const r = await app.inject({ method: 'GET', url: url(), cookies: w.s.staff.cookies });
      expect(r.json().tiles).toEqual([{ id: 'probe.count', title: 'Probe', unit: 'count', kind: 'figures', figures: [{ label: 'Things', value: 7 }] }]);
    } finally {
      await app.close();
    }
  });
});
