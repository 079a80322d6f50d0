import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation, createUser, createTestApp, ifMatch, ownerQuery, sessionFor, type Session, type TestApp } from '../../../test/app.js';
import type { Role } from '../../../shared/roles.js';
import type { OversightOverview, PeerComparison } from './oversight-contract.js';
import { groupMean, groupQuantiles, levelCounts, peerGroupOf, quantileSorted } from './oversight-stats.js';

describe('oversight arithmetic (hand-computed)', () => {
  it('quantiles by linear interpolation, h = (n - 1) p: an odd count', () => {
    // Sorted 0 1 1 2 4: p25 at h = 1 → 1; median at h = 2 → 1; p75 at h = 3 → 2.
    expect(groupQuantiles([4, 1, 0, 2, 1])).toEqual({ p25: 1, median: 1, p75: 2 });
    expect(quantileSorted([0, 1, 1, 2, 4], 1)).toBe(4);
    expect(quantileSorted([0, 1, 1, 2, 4], 0)).toBe(0);
  });

  it('quantiles by linear interpolation: an even count lands between two values', () => {
    // Sorted 0 1 2 3 3 4: p25 at h = 1.25 → 1 + 0.25 (2 - 1) = 1.25; median at h = 2.5 → 2.5; p75 at h = 3.75 → 3 + 0.75 (3 - 3) = 3.
    expect(groupQuantiles([4, 0, 3, 1, 3, 2])).toEqual({ p25: 1.25, median: 2.5, p75: 3 });
    // Sorted 1 2 3 4: p25 at h = 0.75 → 1.75; median at h = 1.5 → 2.5; p75 at h = 2.25 → 3.25.
    expect([0.25, 0.5, 0.75].map((p) => quantileSorted([1, 2, 3, 4], p))).toEqual([1.75, 2.5, 3.25]);
  });

  it('a group of four gets no figure at all (null, not zero); a group of five does', () => {
    expect(groupQuantiles([1, 2, 3, 4])).toEqual({ p25: null, median: null, p75: null });
    expect(groupMean([1, 2, 3, 4])).toBeNull();
    expect(levelCounts([1, 2, 3, 4])).toBeNull();
    expect(groupQuantiles([1, 2, 3, 4, 0])).toEqual({ p25: 1, median: 2, p75: 3 });
    expect(groupMean([1, 2, 3, 4, 0])).toBe(2);
    expect(levelCounts([1, 2, 3, 4, 0])).toEqual([1, 1, 1, 1, 1]);
    expect(levelCounts([0, 0, 4, 4, 4, 2])).toEqual([2, 0, 1, 0, 3]);
  });

  it('peer bands at their boundaries; federal directorates and units by kind; oversight bodies in none', () => {
    const zone = (n: number) => peerGroupOf('local_police_zone', n);
    expect([0, 149, 150, 299, 300, 599, 600, 2500].map(zone)).toEqual([
      'zone_lt150', 'zone_lt150', 'zone_150_299', 'zone_150_299', 'zone_300_599', 'zone_300_599', 'zone_600_plus', 'zone_600_plus',
    ]);
    expect(peerGroupOf('federal_unit', 900)).toBe('federal_unit');
    expect(peerGroupOf('federal_directorate', 10)).toBe('federal_directorate');
    expect(peerGroupOf('inspectorate', 200)).toBeNull();
    expect(peerGroupOf('oversight_body', 200)).toBeNull();
  });
});

let t: TestApp;
let framework: string;
let aig: string;
/** Five zones of 150 current staff (band 150-299) with approved measurements, one of 299 with a submitted one only, one of 149. */
const zones: string[] = [];
let bigZone: string;
let smallZone: string;
const units: string[] = [];
let inspector: Session;
let officer: Session;
let chief: Session;
let admin: Session;
let staff: Session;
let unitOfficer: Session;
let smallOfficer: Session;
let zoneOversight: Session;

const staffOf = (orgId: string, current: number, ended = 0) => ownerQuery(t, `
  INSERT INTO person (organisation_id, personnel_number, first_name, last_name, staff_category, start_date, end_date)
  SELECT $1, 'P' || g, 'Voornaam', 'Naam', 'operational', '2010-01-01', CASE WHEN g > $2 THEN DATE '2020-01-01' END
    FROM generate_series(1, $2::int + $3::int) g`, [orgId, current, ended]);

/** A measurement with every criterion of the framework at one agreed level. */
async function measured(orgId: string, year: number, level: number, opts: { status?: string; approvedAt?: string; kind?: string } = {}) {
  const status = opts.status ?? 'approved';
  const [m] = await ownerQuery<{ id: string }>(t, `
    INSERT INTO maturity_measurement (organisation_id, framework_id, kind, year, status, consolidation_started_at, submitted_at, approved_at)
    VALUES ($1, $2, $3, $4, $5, now(), now(), CASE WHEN $5 = 'approved' THEN COALESCE($6::timestamptz, now()) END) RETURNING id`,
  [orgId, framework, opts.kind ?? 'yearly', year, status, opts.approvedAt ?? null]);
  await ownerQuery(t, `
    INSERT INTO maturity_agreement (organisation_id, measurement_id, criterion_id, agreed_level, target_level, reason)
    SELECT $1, $2, id, $3, LEAST(4, $3 + 1), 'Samen besproken.' FROM maturity_criterion WHERE framework_id = $4`, [orgId, m.id, level, framework]);
  return m.id;
}

const events = (action: string) => ownerQuery<{ organisation_id: string; actor_user_id: string; details: Record<string, unknown> }>(t,
  `SELECT organisation_id, actor_user_id, details FROM audit_event WHERE action = $1 ORDER BY id`, [action]);

beforeAll(async () => {
  t = await createTestApp();
  framework = (await ownerQuery<{ id: string }>(t, `SELECT id FROM maturity_framework WHERE code = 'imf' AND status = 'published' ORDER BY version DESC LIMIT 1`))[0].id;
  aig = await createOrganisation(t, { kind: 'inspectorate', code: 'AIG-OV' });
  for (let i = 0; i < 5; i++) {
    const z = await createOrganisation(t, { name: `Zone ${i}` });
    await staffOf(z, 150, i === 0 ? 5 : 0);
    zones.push(z);
  }
  bigZone = await createOrganisation(t, { name: 'Zone groot' });
  await staffOf(bigZone, 299);
  smallZone = await createOrganisation(t, { name: 'Zone klein' });
  await staffOf(smallZone, 149);
  for (let i = 0; i < 4; i++) units.push(await createOrganisation(t, { kind: 'federal_unit', name: `Eenheid ${i}` }));

  // 2025: levels 0 1 1 2 4 in the band; zone 0 first had a 3 that an approval later that year replaced.
  await measured(zones[0], 2025, 3, { approvedAt: '2025-03-01T10:00:00Z', kind: 'baseline' });
  for (const [i, level] of [0, 1, 1, 2, 4].entries()) await measured(zones[i], 2025, level, { approvedAt: '2025-11-01T10:00:00Z' });
  // 2024: 0 0 0 1 1 → median 0. Not approved, or in another band: not counted.
  for (const [i, level] of [0, 0, 0, 1, 1].entries()) await measured(zones[i], 2024, level, { approvedAt: '2024-11-01T10:00:00Z' });
  await measured(bigZone, 2025, 4, { status: 'submitted' });
  await measured(smallZone, 2025, 4);
  for (const [i, level] of [1, 2, 3, 4].entries()) await measured(units[i], 2025, level);

  const u = async (orgId: string, role: Role) =>
    sessionFor(t, (await createUser(t, { roles: [{ orgId, role }] })).id);
  inspector = await u(aig, 'oversight');
  officer = await u(zones[1], 'integrity_officer');
  chief = await u(zones[1], 'chief');
  admin = await u(zones[2], 'administrator');
  staff = await u(zones[1], 'staff_member');
  unitOfficer = await u(units[0], 'integrity_officer');
  smallOfficer = await u(smallZone, 'integrity_officer');
  // Planted: 'oversight' in a zone gives no oversight (the organisation kind is checked).
  zoneOversight = await u(zones[3], 'oversight');
}, 120_000);
afterAll(async () => { await t?.close(); });

const overview = async (s: Session, query = 'year=2025') => s.get(`/api/maturity/oversight/overview?${query}`);

describe('the inspectorate\'s overview', () => {
  it('shows the distribution, pillars and trend of the band of five, and nothing for the four federal units', async () => {
    const r = await overview(inspector, 'year=2025&group=zone_150_299');
    expect(r.statusCode, r.body).toBe(200);
    const o = r.json() as OversightOverview;
    expect(o.framework.id).toBe(framework);
    expect(o.criteria).toHaveLength(28);
    for (const c of o.criteria) {
      expect(c).toMatchObject({ organisations: 5, tooSmall: false, levels: [1, 2, 1, 0, 1], quantiles: { p25: 1, median: 1, p75: 2 } });
    }
    expect(o.pillars.map((p) => [p.pillar, p.average, p.quantiles.median])).toEqual([['instruments', 1.6, 1], ['processes', 1.6, 1], ['structures', 1.6, 1]]);
    expect(o.trend.map((y) => [y.year, y.pillars[0].quantiles.median])).toEqual([[2024, 0], [2025, 1]]);

    const band = o.peerGroups.find((g) => g.group === 'zone_150_299')!;
    expect(band).toMatchObject({ organisations: 6, measured: 5, tooSmall: false });
    expect(band.pillars[0]).toMatchObject({ average: 1.6, quantiles: { p25: 1, median: 1, p75: 2 } });
    const fed = o.peerGroups.find((g) => g.group === 'federal_unit')!;
    expect(fed).toMatchObject({ organisations: 4, measured: 4, tooSmall: true });
    for (const p of fed.pillars) expect(p).toEqual({ pillar: p.pillar, organisations: 4, tooSmall: true, average: null, quantiles: { p25: null, median: null, p75: null } });
  });

  it('a group of exactly four: every criterion, pillar and year says too small and carries no figure', async () => {
    const o = (await overview(inspector, 'year=2025&group=federal_unit')).json() as OversightOverview;
    for (const c of o.criteria) expect(c).toMatchObject({ organisations: 4, tooSmall: true, levels: null, quantiles: { p25: null, median: null, p75: null } });
    for (const p of o.pillars) expect(p).toMatchObject({ tooSmall: true, average: null });
    expect(o.trend).toHaveLength(1);
    expect(o.trend[0].pillars.every((p) => p.tooSmall && p.quantiles.median === null)).toBe(true);
  });

  it('participation per kind: counts and share where the kind has five organisations or more', async () => {
    const o = (await overview(inspector)).json() as OversightOverview;
    // Zones: 5 band + 1 big + 1 small = 7, of which 6 approved in 2025 (the band and the small one).
    expect(o.participation.find((p) => p.kind === 'local_police_zone')).toEqual({ kind: 'local_police_zone', tooSmall: false, organisations: 7, measured: 6, share: 0.86 });
    expect(o.participation.find((p) => p.kind === 'federal_unit')).toEqual({ kind: 'federal_unit', tooSmall: true, organisations: null, measured: null, share: null });
    expect(o.participation.find((p) => p.kind === 'inspectorate')).toMatchObject({ tooSmall: true, organisations: null });
    // Over all six zones and four units (ten): levels 0 1 1 2 4 4 1 2 3 4 → counts 1 3 2 1 3.
    expect(o.criteria[0]).toMatchObject({ organisations: 10, levels: [1, 3, 2, 1, 3] });
  });

  it('names only organisations that consented and measured this year; consent is the chief\'s or administrator\'s, audited, If-Match', async () => {
    const base = (org: string) => `/api/orgs/${org}/maturity/oversight-consent`;
    expect((await overview(inspector)).json().namedOrganisations).toEqual([]);
    expect((await chief.get(base(zones[1]))).json()).toMatchObject({ consented: false, revision: 0 });
    expect((await officer.put(base(zones[1]), { consented: true }, ifMatch(0))).statusCode).toBe(403);
    expect((await chief.put(base(zones[1]), { consented: true })).statusCode).toBe(428);
    const first = await chief.put(base(zones[1]), { consented: true }, ifMatch(0));
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ consented: true, revision: 1 });
    // A second first choice is stale: 409 with the choice as it is now.
    const stale = await chief.put(base(zones[1]), { consented: false }, ifMatch(0));
    expect(stale.statusCode).toBe(409);
    // Zone 2 consents, then withdraws; the big zone consents but has no approved measurement in 2025.
    expect((await admin.put(base(zones[2]), { consented: true }, ifMatch(0))).statusCode).toBe(200);
    expect((await admin.put(base(zones[2]), { consented: false }, ifMatch(1))).json()).toMatchObject({ consented: false, revision: 2 });
    const bigChief = await sessionFor(t, (await createUser(t, { roles: [{ orgId: bigZone, role: 'chief' }] })).id);
    expect((await bigChief.put(base(bigZone), { consented: true }, ifMatch(0))).statusCode).toBe(200);

    const named = (await overview(inspector)).json().namedOrganisations as OversightOverview['namedOrganisations'];
    expect(named.map((n) => n.id)).toEqual([zones[1]]);
    expect(named[0]).toEqual({ id: zones[1], code: expect.any(String), names: expect.objectContaining({ nl: 'Zone 1' }), kind: 'local_police_zone' });
    expect(JSON.stringify(named)).not.toMatch(/level|quantile/);

    const ev = (await events('maturity.oversight_consent_set')).filter((e) => e.organisation_id === zones[2]);
    expect(ev.map((e) => e.details)).toEqual([{ consented: true, previous: false }, { consented: false, previous: true }]);
  });

  it('every overview is audited in the inspectorate\'s trail', async () => {
    const before = (await events('maturity.oversight_read')).length;
    await overview(inspector, 'year=2025&group=federal_unit');
    const ev = (await events('maturity.oversight_read')).slice(before);
    expect(ev).toHaveLength(1);
    expect(ev[0]).toMatchObject({ organisation_id: aig, details: { year: 2025, group: 'federal_unit', organisations: 4 } });
  });

  it('refuses organisation users, an oversight role planted in a zone, and bad queries', async () => {
    for (const s of [officer, chief, admin, staff, unitOfficer, zoneOversight]) expect((await overview(s)).statusCode).toBe(403);
    expect((await overview(inspector, 'year=1800')).statusCode).toBe(400);
    expect((await overview(inspector, 'group=everyone')).statusCode).toBe(400);
    expect((await overview(inspector, 'frameworkId=00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });
});

describe('an organisation against its peer group', () => {
  const cmp = (s: Session, org: string, q = '') => s.get(`/api/orgs/${org}/maturity/peer-comparison${q}`);

  it('the officer sees the own levels against the quantiles of the band (ended staff not counted), audited in the zone\'s trail', async () => {
    const before = (await events('maturity.peer_comparison_read')).length;
    const r = await cmp(officer, zones[1]);
    expect(r.statusCode, r.body).toBe(200);
    const c = r.json() as PeerComparison;
    expect(c).toMatchObject({ group: 'zone_150_299', staff: 150, groupOrganisations: 5, tooSmall: false, measurement: { year: 2025 } });
    expect(c.criteria[0]).toMatchObject({ own: 1, group: { p25: 1, median: 1, p75: 2 } });
    expect(c.pillars[1]).toEqual({ pillar: 'processes', own: 1, group: { p25: 1, median: 1, p75: 2 } });
    // 2024: levels 0 0 0 1 1 → p25 0, median 0, p75 1.
    const y = (await cmp(chief, zones[1], '?year=2024')).json() as PeerComparison;
    expect(y.criteria[0]).toMatchObject({ own: 0, group: { p25: 0, median: 0, p75: 1 } });
    const ev = (await events('maturity.peer_comparison_read')).slice(before);
    expect(ev.map((e) => e.organisation_id)).toEqual([zones[1], zones[1]]);
  });

  it('a zone of 149 is in the band below; alone there it gets no figure', async () => {
    const c = (await cmp(smallOfficer, smallZone)).json() as PeerComparison;
    expect(c).toMatchObject({ group: 'zone_lt150', staff: 149, groupOrganisations: 1, tooSmall: true });
    expect(c.criteria[0]).toMatchObject({ own: 4, group: { p25: null, median: null, p75: null } });
  });

  it('a federal unit among four: its own levels, and no figure about the group', async () => {
    const c = (await cmp(unitOfficer, units[0])).json() as PeerComparison;
    expect(c).toMatchObject({ group: 'federal_unit', groupOrganisations: 4, tooSmall: true });
    expect(c.criteria.every((x) => x.own === 1 && x.group.median === null && x.group.p25 === null)).toBe(true);
  });

  it('only the organisation\'s own officer or chief: staff 404, another organisation\'s officer and the inspectorate 403', async () => {
    expect((await cmp(staff, zones[1])).statusCode).toBe(404);
    expect((await cmp(unitOfficer, zones[1])).statusCode).toBe(403);
    expect((await cmp(inspector, zones[1])).statusCode).toBe(403);
    expect((await cmp(officer, zones[1], '?year=2019')).json()).toMatchObject({ measurement: null, tooSmall: true, criteria: [] });
  });
});

describe('the summaries the oversight view reads (kept by triggers, migration 0033)', () => {
  it('person_staff_delta adds up to the current staff after inserts, end dates, later starts, edits and deletes', async () => {
    const z = await createOrganisation(t, { name: 'Zone telling' });
    const staffNow = async () => (await ownerQuery<{ kept: number; counted: number }>(t, `SELECT
      (SELECT COALESCE(sum(delta), 0)::int FROM person_staff_delta WHERE organisation_id = $1 AND day <= current_date) AS kept,
      (SELECT count(*)::int FROM person WHERE organisation_id = $1 AND start_date <= current_date AND (end_date IS NULL OR end_date >= current_date)) AS counted`, [z]))[0];
    // 20 started in the past; by g % 4 no end (5), ending today (5, still staff), ended yesterday (5, gone), ending later (5).
    await ownerQuery(t, `
      INSERT INTO person (organisation_id, personnel_number, first_name, last_name, staff_category, start_date, end_date)
      SELECT $1, 'T' || g, 'V', 'N', 'operational', current_date - g,
             CASE g % 4 WHEN 0 THEN NULL WHEN 1 THEN current_date WHEN 2 THEN current_date - 1 ELSE current_date + g END
        FROM generate_series(1, 20) g`, [z]);
    // Not staff: one starts the day after tomorrow, one ends before it starts.
    await ownerQuery(t, `
      INSERT INTO person (organisation_id, personnel_number, first_name, last_name, staff_category, start_date, end_date)
      VALUES ($1, 'LATER', 'V', 'N', 'operational', current_date + 2, NULL), ($1, 'ODD', 'V', 'N', 'operational', current_date - 5, current_date - 10)`, [z]);
    expect(await staffNow()).toEqual({ kept: 15, counted: 15 });
    await ownerQuery(t, `UPDATE person SET end_date = current_date - 1 WHERE organisation_id = $1 AND personnel_number = 'T4'`, [z]);
    expect(await staffNow()).toEqual({ kept: 14, counted: 14 });
    await ownerQuery(t, `UPDATE person SET start_date = current_date - 1 WHERE organisation_id = $1 AND personnel_number IN ('LATER', 'ODD')`, [z]);
    expect(await staffNow()).toEqual({ kept: 15, counted: 15 });
    await ownerQuery(t, `UPDATE person SET last_name = 'Andere' WHERE organisation_id = $1`, [z]);
    expect(await staffNow()).toEqual({ kept: 15, counted: 15 });
    await ownerQuery(t, `DELETE FROM person WHERE organisation_id = $1 AND personnel_number IN ('T8', 'T2')`, [z]);
    expect(await staffNow()).toEqual({ kept: 14, counted: 14 });
    await ownerQuery(t, `UPDATE person SET end_date = NULL WHERE organisation_id = $1`, [z]);
    expect(await staffNow()).toEqual({ kept: 20, counted: 20 });
  });

  it('maturity_pillar_sum follows the agreed levels through inserts, updates, deletes and the measurement\'s deletion', async () => {
    const z = await createOrganisation(t, { name: 'Zone som' });
    const m = await measured(z, 2023, 2, { status: 'consolidating' });
    const both = async () => {
      const q = (from: string) => ownerQuery<{ pillar: string; s: number; n: number }>(t, from, [m]);
      return {
        kept: await q(`SELECT pillar, level_sum AS s, criteria AS n FROM maturity_pillar_sum WHERE measurement_id = $1 ORDER BY pillar`),
        counted: await q(`SELECT c.pillar, sum(a.agreed_level)::int AS s, count(*)::int AS n FROM maturity_agreement a
          JOIN maturity_criterion c ON c.id = a.criterion_id WHERE a.measurement_id = $1 GROUP BY c.pillar ORDER BY c.pillar`),
      };
    };
    const first = await both();
    expect(first.kept).toEqual(first.counted);
    expect(first.kept.map((r) => r.pillar)).toEqual(['instruments', 'processes', 'structures']);
    expect(first.kept.reduce((a, r) => a + r.n, 0)).toBe(28);
    expect(first.kept.every((r) => r.s === 2 * r.n)).toBe(true);
    await ownerQuery(t, `UPDATE maturity_agreement a SET agreed_level = (c.position / 10) % 5 FROM maturity_criterion c WHERE c.id = a.criterion_id AND a.measurement_id = $1`, [m]);
    const second = await both();
    expect(second.kept).toEqual(second.counted);
    expect(second.kept).not.toEqual(first.kept);
    await ownerQuery(t, `DELETE FROM maturity_agreement a USING maturity_criterion c WHERE c.id = a.criterion_id AND a.measurement_id = $1 AND c.pillar = 'structures'`, [m]);
    const third = await both();
    expect(third.kept).toEqual(third.counted);
    expect(third.kept.map((r) => r.pillar)).toEqual(['instruments', 'processes']);
    await ownerQuery(t, `DELETE FROM maturity_measurement WHERE id = $1`, [m]);
    expect(await both()).toEqual({ kept: [], counted: [] });
  });
});

describe('figures kept between requests (the per-process cache of approved measurements, oversight.ts)', () => {
  it('an approval, a later approval of the same year and a removal show on the very next overview and comparison', async () => {
    const read = async () => (await overview(inspector, 'year=2023&group=zone_150_299')).json() as OversightOverview;
    const compare = async () => (await officer.get(`/api/orgs/${zones[1]}/maturity/peer-comparison?year=2023`)).json() as PeerComparison;
    expect((await read()).criteria[0]).toMatchObject({ organisations: 0, levels: null });
    const ids: string[] = [];
    for (const [i, level] of [0, 1, 2, 3, 4].entries()) ids.push(await measured(zones[i], 2023, level, { approvedAt: '2023-06-01T10:00:00Z' }));
    let o = await read();
    expect(o.criteria[0]).toMatchObject({ organisations: 5, levels: [1, 1, 1, 1, 1], quantiles: { p25: 1, median: 2, p75: 3 } });
    expect(o.trend.map((y) => y.year)).toEqual([2023, 2024, 2025]);
    expect((await compare()).criteria[0]).toMatchObject({ own: 1, group: { p25: 1, median: 2, p75: 3 } });

    // A later approval of the same year replaces zone 0's levels: 4 1 2 3 4.
    ids.push(await measured(zones[0], 2023, 4, { approvedAt: '2023-12-01T10:00:00Z' }));
    o = await read();
    expect(o.criteria[0]).toMatchObject({ organisations: 5, levels: [0, 1, 1, 1, 2], quantiles: { p25: 2, median: 3, p75: 4 } });
    expect((await compare()).criteria[0]).toMatchObject({ own: 1, group: { p25: 2, median: 3, p75: 4 } });

    await ownerQuery(t, `DELETE FROM maturity_measurement WHERE id = ANY($1::uuid[])`, [ids]);
    o = await read();
    expect(o.criteria[0]).toMatchObject({ organisations: 0, levels: null });
    expect(o.trend.map((y) => y.year)).toEqual([2024, 2025]);
    expect((await compare()).measurement).toBeNull();
  });
});
