import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation, createTestApp, createUser, ownerQuery, sessionFor, type Session, type TestApp } from '../../../test/app.js';
import type { Role } from '../../../shared/roles.js';
import { riskCatalogue } from './catalogue.js';
import type { HighRiskOverview } from './oversight-contract.js';
import { defaultMatrix } from './scoring.js';

/**
 * The oversight view of the risk analyses against a hand-computed fixture: per catalogue process, the
 * organisations whose latest completed analysis rated it high or very high; a count below the strictest
 * threshold of the organisations it counts is withheld; only the oversight role reads; the read is audited.
 *
 * Fixture (default threshold 5; zone Z5's own threshold 6):
 *   A: high in Z1..Z6 (very high in Z2, Z4), low in Z7 → 6 shown
 *   B: high in Z1..Z5 earlier, but Z1's later analysis rated it medium → 4 < 5, withheld
 *   C: high in Z1..Z5, Z5 counts and asks 6 → 5 < 6, withheld (5 would show under the default)
 *   D: high in units U1..U5 → 5 shown; 0 (withheld) for zones only
 *   E: high in Z1..Z6 in analyses still in consolidation → not completed, withheld
 *   a freely entered process (no catalogue code) rated very high everywhere: never listed
 */

let t: TestApp;
let inspector: Session;
let officer: Session;
let aig: string;
const zones: string[] = [];
const units: string[] = [];
const [A, B, C, D, E] = riskCatalogue.slice(0, 5).map((e) => e.code);
const matrix = JSON.stringify(defaultMatrix(5, 5));

let seq = 0;
/** One analysis of `orgId` (completed `daysAgo` days ago, or still consolidating) with agreed bands per catalogue code (null: free entry). */
async function analysed(orgId: string, bands: [code: string | null, band: string][], opts: { daysAgo?: number; status?: 'completed' | 'consolidating' } = {}) {
  const status = opts.status ?? 'completed';
  const [m] = await ownerQuery<{ id: string }>(t, `INSERT INTO risk_analysis (organisation_id, title, status, likelihood_levels, impact_levels, matrix, completed_at)
    VALUES ($1, 'Analyse', $2, 5, 5, $3::jsonb, CASE WHEN $2 = 'completed' THEN now() - make_interval(days => $4::int) END) RETURNING id`, [orgId, status, matrix, opts.daysAgo ?? 0]);
  for (const [code, band] of bands) {
    const [p] = code
      ? await ownerQuery<{ id: string }>(t, `INSERT INTO risk_process (organisation_id, kind, name, catalogue_code) VALUES ($1, 'process', $2, $2)
          ON CONFLICT (organisation_id, catalogue_code) DO UPDATE SET name = EXCLUDED.name RETURNING id`, [orgId, code])
      : await ownerQuery<{ id: string }>(t, `INSERT INTO risk_process (organisation_id, kind, name) VALUES ($1, 'process', $2) RETURNING id`, [orgId, `Eigen proces ${++seq}`]);
    await ownerQuery(t, `INSERT INTO risk_analysis_process (organisation_id, analysis_id, process_id) VALUES ($1, $2, $3)`, [orgId, m.id, p.id]);
    await ownerQuery(t, `INSERT INTO risk_agreement (organisation_id, analysis_id, process_id, inherent, aggravating, likelihood, impact, risk_score, band, vulnerability)
      VALUES ($1, $2, $3, '{}', '{}', 4, 4, 16, $4, 'medium')`, [orgId, m.id, p.id, band]);
  }
}

const events = (action: string) => ownerQuery<{ organisation_id: string; details: Record<string, unknown> }>(t,
  `SELECT organisation_id, details FROM audit_event WHERE action = $1 ORDER BY id`, [action]);

beforeAll(async () => {
  t = await createTestApp();
  aig = await createOrganisation(t, { kind: 'inspectorate', code: 'AIG-RISK' });
  for (let i = 1; i <= 7; i++) zones.push(await createOrganisation(t, { code: `RZ${i}` }));
  for (let i = 1; i <= 5; i++) units.push(await createOrganisation(t, { kind: 'federal_unit', code: `RU${i}` }));
  await ownerQuery(t, `UPDATE organisation SET settings = settings || '{"statisticsSuppressBelow": 6}'::jsonb WHERE id = $1`, [zones[4]]);
  const [z1, z2, z3, z4, z5, z6, z7] = zones;
  // Z1: an earlier analysis with B high, the latest one with B medium.
  await analysed(z1, [[B, 'high']], { daysAgo: 400 });
  await analysed(z1, [[A, 'high'], [B, 'medium'], [C, 'high'], [null, 'very_high']], { daysAgo: 10 });
  await analysed(z2, [[A, 'very_high'], [B, 'high'], [C, 'very_high'], [null, 'very_high']]);
  await analysed(z3, [[A, 'high'], [B, 'high'], [C, 'high']]);
  await analysed(z4, [[A, 'very_high'], [B, 'very_high'], [C, 'high']]);
  await analysed(z5, [[A, 'high'], [B, 'high'], [C, 'high']]);
  await analysed(z6, [[A, 'high']]);
  await analysed(z7, [[A, 'low']]);
  for (const z of [z1, z2, z3, z4, z5, z6]) await analysed(z, [[E, 'very_high']], { status: 'consolidating' });
  for (const u of units) await analysed(u, [[D, 'high'], [null, 'very_high']]);

  const u = async (orgId: string, role: Role) => sessionFor(t, (await createUser(t, { roles: [{ orgId, role }] })).id);
  inspector = await u(aig, 'oversight');
  officer = await u(zones[0], 'integrity_officer');
}, 120_000);
afterAll(async () => { await t?.close(); });

const read = async (q = '') => {
  const r = await inspector.get(`/api/risk/oversight/high-risk${q}`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as HighRiskOverview;
};
const row = (o: HighRiskOverview, code: string) => o.rows.find((x) => x.code === code)!;
const hidden = { value: null, suppressed: true };

describe('processes most often rated high risk', () => {
  it('counts each organisation\'s latest completed rating per catalogue process and withholds small counts', async () => {
    const o = await read();
    expect(o.kind).toBeNull();
    // Every catalogue entry, nothing else (the free entries are not comparable).
    expect(o.rows.map((x) => x.code).sort()).toEqual(riskCatalogue.map((e) => e.code).sort());
    expect(row(o, A).high).toEqual({ value: 6, suppressed: false });
    expect(row(o, D).high).toEqual({ value: 5, suppressed: false });
    expect(row(o, B).high).toEqual(hidden);
    expect(row(o, C).high).toEqual(hidden);
    expect(row(o, E).high).toEqual(hidden);
    // Most often rated high first, withheld last.
    expect(o.rows.slice(0, 2).map((x) => x.code)).toEqual([A, D]);
    expect(o.rows.slice(2).every((x) => x.high.suppressed)).toBe(true);
    // Z1..Z7 and U1..U5 rated a catalogue process; Z5 in the count asks 6: 12 is shown.
    expect(o.organisations).toEqual({ value: 12, suppressed: false });
  });

  it('filters by kind of organisation', async () => {
    const z = await read('?kind=zones');
    expect(z.kind).toBe('zones');
    expect(row(z, A).high.value).toBe(6);
    expect(row(z, D).high).toEqual(hidden);
    expect(z.organisations.value).toBe(7);
    const f = await read('?kind=federal');
    expect(row(f, D).high.value).toBe(5);
    expect(row(f, A).high).toEqual(hidden);
    expect(f.organisations).toEqual({ value: 5, suppressed: false });
    expect((await inspector.get('/api/risk/oversight/high-risk?kind=inspectorate')).statusCode).toBe(400);
  });

  it('follows each organisation\'s threshold: raising Z6\'s hides A, lowering Z5\'s shows C', async () => {
    await ownerQuery(t, `UPDATE organisation SET settings = settings || '{"statisticsSuppressBelow": 7}'::jsonb WHERE id = $1`, [zones[5]]);
    await ownerQuery(t, `UPDATE organisation SET settings = settings || '{"statisticsSuppressBelow": 5}'::jsonb WHERE id = $1`, [zones[4]]);
    try {
      const o = await read();
      expect(row(o, A).high).toEqual(hidden);
      expect(row(o, C).high).toEqual({ value: 5, suppressed: false });
    } finally {
      await ownerQuery(t, `UPDATE organisation SET settings = settings - 'statisticsSuppressBelow' WHERE id = $1`, [zones[5]]);
      await ownerQuery(t, `UPDATE organisation SET settings = settings || '{"statisticsSuppressBelow": 6}'::jsonb WHERE id = $1`, [zones[4]]);
    }
  });

  it('is for the oversight role only, and audited in the reader\'s trail with the hidden cells', async () => {
    expect((await officer.get('/api/risk/oversight/high-risk')).statusCode).toBe(403);
    expect((await officer.get('/api/risk/oversight/high-risk.csv')).statusCode).toBe(403);
    const before = (await events('risk.oversight_read')).length;
    await read();
    const e = await events('risk.oversight_read');
    expect(e).toHaveLength(before + 1);
    // Hidden with organisations behind them: B (4) and C (5 < 6); E and the unrated entries count nobody.
    expect(e.at(-1)).toMatchObject({ organisation_id: aig, details: { kind: null, processes: riskCatalogue.length, shown: 2, suppressedCells: 2 } });
  });

  it('CSV: the same figures, withheld cells empty with a note; audited as an export', async () => {
    const r = await inspector.get('/api/risk/oversight/high-risk.csv?lang=en');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['cache-control']).toBe('no-store');
    expect(r.headers['content-disposition']).toMatch(/^attachment; filename="Processes_rated_high_risk_\d{4}-\d{2}-\d{2}\.csv"/);
    const rows = parse(r.body.replace(/^\uFEFF/, ''), { delimiter: ';' }) as string[][];
    const head = rows[0];
    const col = (h: string) => head.indexOf(h);
    expect(head).toEqual(['Catalogue code', 'Process or function', 'Kind', 'Organisations that rated it high or very high', 'Comment', 'Organisations']);
    const byCode = (code: string) => rows.find((x) => x[0] === code)!;
    expect(byCode(A)[col('Organisations that rated it high or very high')]).toBe('6');
    expect(byCode(A)[col('Process or function')]).toBe(riskCatalogue[0].name.en);
    expect(byCode(B)[col('Organisations that rated it high or very high')]).toBe('');
    expect(byCode(B)[col('Comment')]).toBe('too few to show');
    expect(rows).toHaveLength(riskCatalogue.length + 1);
    const e = await events('risk.oversight_export');
    expect(e.at(-1)).toMatchObject({ organisation_id: aig, details: { format: 'csv', locale: 'en', suppressedCells: 2 } });

    for (const format of ['docx', 'pdf']) {
      const f = await inspector.get(`/api/risk/oversight/high-risk.${format}?kind=zones`);
      expect(f.statusCode, format).toBe(200);
    }
  });

  it('gives each organisation\'s number of completed analyses to the platform\'s oversight figures', async () => {
    const r = await inspector.get('/api/oversight/figures');
    expect(r.statusCode, r.body).toBe(200);
    const mine = (r.json().figures as { id: string; organisationId: string; value: number }[]).filter((f) => f.id === 'risk.analyses_completed');
    expect(mine.find((f) => f.organisationId === zones[0])?.value).toBe(2);
    expect(mine.find((f) => f.organisationId === units[0])?.value).toBe(1);
  });
});
