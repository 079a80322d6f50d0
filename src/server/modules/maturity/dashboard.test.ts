import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation, createTestApp, createUser, ownerQuery, sessionFor, type Session, type TestApp } from '../../../test/app.js';
import type { DashboardView } from '../../platform/dashboard/contract.js';
import { tileTable } from '../../platform/dashboard/table.js';
import type { MatrixView, TrendView } from './contract.js';

/** The dashboard's maturity tiles read the trend and the matrix's averages in one query: the same figures as the pages. */
describe('maturity tiles on the organisation dashboard', () => {
  let t: TestApp;
  let org: string;
  let chief: Session;
  let approved: string;

  beforeAll(async () => {
    t = await createTestApp();
    org = await createOrganisation(t, { name: 'Zone Tegels' });
    chief = await sessionFor(t, (await createUser(t, { roles: [{ orgId: org, role: 'chief' }] })).id);
    const framework = (await ownerQuery<{ id: string }>(t, `SELECT id FROM maturity_framework WHERE code = 'imf' AND status = 'published' ORDER BY version DESC LIMIT 1`))[0].id;
    const measurement = async (year: number, status: string, approvedAt: string | null, shift: number, kind = 'yearly') => {
      const [m] = await ownerQuery<{ id: string }>(t, `
        INSERT INTO maturity_measurement (organisation_id, framework_id, kind, year, status, consolidation_started_at, submitted_at, approved_at)
        VALUES ($1, $2, $3, $4, $5, now(), now(), $6::timestamptz) RETURNING id`, [org, framework, kind, year, status, approvedAt]);
      // Levels differ per criterion (and from pillar to pillar and function to function).
      await ownerQuery(t, `
        INSERT INTO maturity_agreement (organisation_id, measurement_id, criterion_id, agreed_level, target_level, reason)
        SELECT $1, $2, id, (row_number() OVER (ORDER BY code) * 7 + $3) % 5, LEAST(4, (row_number() OVER (ORDER BY code) * 3 + $3) % 5), 'Samen.'
          FROM maturity_criterion WHERE framework_id = $4`, [org, m.id, shift, framework]);
      return m.id;
    };
    await measurement(2023, 'approved', '2023-11-01T10:00:00Z', 0, 'baseline');
    approved = await measurement(2024, 'approved', '2024-11-01T10:00:00Z', 1);
    await measurement(2025, 'consolidating', null, 2);
  }, 120_000);
  afterAll(async () => t?.close());

  it('the radar holds the latest approved measurement\'s matrix averages; the line holds the trend; both reads audited', async () => {
    const matrix = (await chief.get(`/api/orgs/${org}/maturity/measurements/${approved}/matrix`)).json() as MatrixView;
    const trend = (await chief.get(`/api/orgs/${org}/maturity/trend`)).json() as TrendView;
    const r = await chief.get(`/api/orgs/${org}/dashboard?lang=en`);
    expect(r.statusCode, r.body).toBe(200);
    const tiles = (r.json() as DashboardView).tiles;

    const radar = tileTable(tiles.find((x) => x.id === 'maturity.levels')!, 'Value');
    const expected = matrix.pillars.flatMap((p) => (p.pillar === 'instruments'
      ? p.groups.map((g) => [g.average, g.targetAverage])
      : [[p.average, p.targetAverage]]));
    expect(radar.rows.map((x) => x.values)).toEqual(expected);
    expect(new Set(expected.map((x) => x.join())).size).toBeGreaterThan(1);
    expect((tiles.find((x) => x.id === 'maturity.levels')!.note)).toContain('2024');

    const line = tiles.find((x) => x.id === 'maturity.trend')!;
    expect(line.kind === 'series' && line.categories).toEqual(['Baseline 2023', 'Yearly 2024', 'Yearly 2025 (not approved)']);
    expect(line.kind === 'series' && line.series.map((s) => s.values)).toEqual(
      (['instruments', 'processes', 'structures'] as const).map((p) => trend.items.map((x) => x.pillars[p])));

    const events = await ownerQuery<{ action: string; record_id: string | null }>(t,
      `SELECT action, record_id FROM audit_event WHERE organisation_id = $1 AND action IN ('maturity.trend_read', 'maturity.matrix_read') ORDER BY id`, [org]);
    // The page's matrix and trend reads, then the dashboard's two.
    expect(events.map((e) => [e.action, e.record_id])).toEqual([
      ['maturity.matrix_read', approved], ['maturity.trend_read', null], ['maturity.trend_read', null], ['maturity.matrix_read', approved],
    ]);
  });
});
