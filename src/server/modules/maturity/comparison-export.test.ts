import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation, createTestApp, createUser, ifMatch, ownerQuery, sessionFor, type Session, type TestApp } from '../../../test/app.js';
import type { Role } from '../../../shared/roles.js';
import { docxParagraphs, docxTables } from '../../platform/export/export.testkit.js';
import type { FrameworkView } from './contract.js';
import type { OversightOverview, PeerComparison } from './oversight-contract.js';

/**
 * The comparison exports (Word, PDF, CSV) hold the screen's figures: the same numbers as the JSON,
 * the withheld groups withheld, names only of organisations that consented, the formula guard on
 * every text cell, the same refusals, and an audit event like the screen's read.
 */

const TOO_SMALL = 'too small to show (fewer than 5 organisations)';
let t: TestApp;
let framework: string;
const zones: string[] = [];
const units: string[] = [];
let aig: string;
let inspector: Session;
let officer: Session;
let staff: Session;
let outsider: Session;
let unitOfficer: Session;
let inspectorAdmin: Session;

const staffOf = (orgId: string, current: number) => ownerQuery(t, `
  INSERT INTO person (organisation_id, personnel_number, first_name, last_name, staff_category, start_date)
  SELECT $1, 'P' || g, 'Voornaam', 'Naam', 'operational', '2010-01-01' FROM generate_series(1, $2::int) g`, [orgId, current]);

async function measured(orgId: string, year: number, level: (i: number) => number) {
  const [m] = await ownerQuery<{ id: string }>(t, `
    INSERT INTO maturity_measurement (organisation_id, framework_id, kind, year, status, consolidation_started_at, submitted_at, approved_at)
    VALUES ($1, $2, 'yearly', $3, 'approved', now(), now(), now()) RETURNING id`, [orgId, framework, year]);
  const criteria = await ownerQuery<{ id: string }>(t, `SELECT id FROM maturity_criterion WHERE framework_id = $1 ORDER BY position, code`, [framework]);
  for (const [i, c] of criteria.entries()) {
    await ownerQuery(t, `INSERT INTO maturity_agreement (organisation_id, measurement_id, criterion_id, agreed_level, target_level, reason)
      VALUES ($1, $2, $3, $4, 4, 'Samen besproken.')`, [orgId, m.id, c.id, level(i)]);
  }
}

/** A `;`-separated CSV with quotes (RFC 4180 doubling), BOM stripped: rows of cells. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') { cell += '"'; i++; } else if (ch === '"') quoted = false; else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ';') { row.push(cell); cell = ''; } else if (ch === '\r') { /* CRLF */ } else if (ch === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; } else cell += ch;
  }
  if (cell || row.length) { row.push(cell); rows.push(row); }
  return rows;
}
const num = (s: string | undefined) => (s === undefined || s === '' ? null : Number(s));

const events = (action: string) => ownerQuery<{ organisation_id: string; details: Record<string, unknown> }>(t,
  `SELECT organisation_id, details FROM audit_event WHERE action = $1 ORDER BY id`, [action]);

beforeAll(async () => {
  t = await createTestApp();
  framework = (await ownerQuery<{ id: string }>(t, `SELECT id FROM maturity_framework WHERE code = 'imf' AND status = 'published' ORDER BY version DESC LIMIT 1`))[0].id;
  aig = await createOrganisation(t, { kind: 'inspectorate', code: 'AIG-EXP' });
  // Five zones of 200 staff (band 150-299): levels vary per criterion so quantiles differ; four units (too small).
  for (let z = 0; z < 5; z++) {
    const id = await createOrganisation(t, { name: z === 0 ? 'Zone Genoemd' : `Zone Anoniem ${z}` });
    await staffOf(id, 200);
    await measured(id, 2025, (i) => (i + z) % 5);
    zones.push(id);
  }
  for (let u = 0; u < 4; u++) {
    const id = await createOrganisation(t, { kind: 'federal_unit', name: `Eenheid Anoniem ${u}` });
    await measured(id, 2025, () => u + 1);
    units.push(id);
  }
  const u = async (orgId: string, role: Role) => sessionFor(t, (await createUser(t, { roles: [{ orgId, role }] })).id);
  inspector = await u(aig, 'oversight');
  inspectorAdmin = await u(aig, 'administrator');
  officer = await u(zones[1], 'integrity_officer');
  staff = await u(zones[1], 'staff_member');
  outsider = await u(zones[2], 'integrity_officer');
  unitOfficer = await u(units[0], 'integrity_officer');
  // Zone 0 agrees to be named; the others do not.
  const chief0 = await u(zones[0], 'chief');
  expect((await chief0.put(`/api/orgs/${zones[0]}/maturity/oversight-consent`, { consented: true }, ifMatch(0))).statusCode).toBe(200);
}, 120_000);
afterAll(async () => { await t?.close(); });

describe('the inspectorate overview as a file', () => {
  it('CSV: the same numbers as the JSON, withheld groups empty with the note', async () => {
    const json = (await inspector.get('/api/maturity/oversight/overview?year=2025')).json() as OversightOverview;
    const r = await inspector.get('/api/maturity/oversight/overview.csv?year=2025&lang=en');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-type']).toContain('text/csv');
    expect(r.headers['content-disposition']).toContain('attachment');
    const rows = parseCsv(r.body);
    const head = rows[0];
    const col = (name: string) => head.indexOf(name);
    expect(head.slice(0, 3)).toEqual(['Part', 'Code', 'Name']);
    expect(head.slice(-3)).toEqual(['Year', 'Framework', 'Peer group']);
    expect(rows[1]!.slice(-3)).toEqual(['2025', `imf v${json.framework.version}`, 'All organisations']);
    const byItem = (part: string, item: string) => rows.find((x) => x[0] === part && x[1] === item)!;

    // Every criterion: organisations, counts per level and quantiles as in the JSON.
    for (const c of json.criteria) {
      const row = byItem('Per criterion', c.criterion.code);
      expect(row, c.criterion.code).toBeDefined();
      expect(num(row[col('Organisations')])).toBe(c.organisations);
      expect([0, 1, 2, 3, 4].map((l) => num(row[col(`Level ${l}`)]))).toEqual(c.levels);
      expect([num(row[col('25th percentile')]), num(row[col('Median')]), num(row[col('75th percentile')])]).toEqual([c.quantiles.p25, c.quantiles.median, c.quantiles.p75]);
    }
    // Hand-checked: the five zones and four units measured; first criterion levels (i + z) % 5 over zones = 0..4, units 1..4.
    expect(json.criteria[0].organisations).toBe(9);
    for (const p of json.pillars) {
      const row = byItem('Per pillar', p.pillar);
      expect(num(row[col('Average')])).toBe(p.average);
      expect(num(row[col('Median')])).toBe(p.quantiles.median);
    }

    // The units' peer group (four organisations): organisations counted, every figure empty, the note.
    const units = json.peerGroups.find((g) => g.group === 'federal_unit')!;
    expect(units).toMatchObject({ measured: 4, tooSmall: true });
    const unitRows = rows.filter((x) => x[0] === 'Peer groups (median per pillar)' && x[1].startsWith('federal_unit '));
    expect(unitRows).toHaveLength(3);
    for (const row of unitRows) {
      expect(num(row[col('With an approved measurement')])).toBe(4);
      for (const c of ['Average', '25th percentile', 'Median', '75th percentile']) expect(row[col(c)], c).toBe('');
      expect(row[col('Note')]).toBe(TOO_SMALL);
    }
    const zonesRow = rows.find((x) => x[1] === 'zone_150_299 instruments')!;
    const zoneGroup = json.peerGroups.find((g) => g.group === 'zone_150_299')!;
    expect(num(zonesRow[col('Median')])).toBe(zoneGroup.pillars.find((p) => p.pillar === 'instruments')!.quantiles.median);
    expect(zonesRow[col('Note')]).toBe('');
    // Participation of a kind with fewer than five organisations: no count at all (as the JSON's null).
    const insp = byItem('Who has measured', 'inspectorate');
    if (insp) expect([insp[col('Organisations')], insp[col('With an approved measurement')], insp[col('Share')]]).toEqual(['', '', '']);
    // No organisation's name in the CSV (only counts), not even the consenting one's.
    expect(r.body).not.toContain('Anoniem');
    expect(r.body).not.toContain('Genoemd');
  });

  it('Word: the withheld group says so, the consenting organisation is named, the others never', async () => {
    const r = await inspector.get('/api/maturity/oversight/overview.docx?year=2025&lang=en');
    expect(r.statusCode, r.body).toBe(200);
    const text = docxParagraphs(r.rawPayload).map((p) => p.text).join('\n');
    expect(text).toContain('Zone Genoemd');
    expect(text).not.toContain('Anoniem');
    const tables = docxTables(r.rawPayload);
    const groups = tables.find((tb) => tb.header[0]?.[0] === 'Peer group')!;
    const unitsRow = groups.rows.find((x) => x[0] === 'Federal units')!;
    expect(unitsRow.slice(1, 3)).toEqual(['4', '4']);
    expect(unitsRow[3]).toBe(TOO_SMALL);
    expect(unitsRow.slice(4).every((c) => c === '')).toBe(true);
    const json = (await inspector.get('/api/maturity/oversight/overview?year=2025')).json() as OversightOverview;
    const zonesRow = groups.rows.find((x) => x[0] === 'Police zones with 150 to 299 staff')!;
    const median = json.peerGroups.find((g) => g.group === 'zone_150_299')!.pillars[0].quantiles.median!;
    expect(zonesRow[3]).toBe(new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 }).format(median));
  });

  it('PDF renders; each download audited in the reader\'s trail with its format', async () => {
    const before = (await events('maturity.oversight_export')).length;
    const r = await inspector.get('/api/maturity/oversight/overview.pdf?year=2025&lang=nl');
    expect(r.statusCode).toBe(200);
    expect(r.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const ev = (await events('maturity.oversight_export')).slice(before);
    expect(ev).toHaveLength(1);
    expect(ev[0].organisation_id).toBe(aig);
    expect(ev[0].details).toMatchObject({ format: 'pdf', locale: 'nl', year: 2025 });
  });

  it('403 for whoever may not read the overview, in every format', async () => {
    for (const s of [officer, staff, inspectorAdmin]) {
      for (const f of ['csv', 'docx', 'pdf']) expect((await s.get(`/api/maturity/oversight/overview.${f}?year=2025`)).statusCode).toBe(403);
    }
  });

  it('CSV formula guard: a criterion title that starts like a formula is written as text', async () => {
    const file = JSON.parse(readFileSync(new URL('./frameworks/imf-v1.json', import.meta.url), 'utf8'));
    const admin = inspectorAdmin;
    const body = { ...file, code: 'csv-guard', criteria: [{ ...file.criteria[0], title: { nl: '=HYPERLINK("http://x")', fr: '+1', de: '-1', en: '@SUM(A1)' } }] };
    const d = await admin.post('/api/maturity/frameworks', body);
    expect(d.statusCode, d.body).toBe(201);
    const id = (d.json() as FrameworkView).id;
    expect((await admin.post(`/api/maturity/frameworks/${id}/publish`)).statusCode).toBe(200);
    for (const [lang, guarded] of [['nl', `'=HYPERLINK("http://x")`], ['en', "'@SUM(A1)"], ['fr', "'+1"]] as const) {
      const r = await inspector.get(`/api/maturity/oversight/overview.csv?year=2025&frameworkId=${id}&lang=${lang}`);
      expect(r.statusCode, r.body).toBe(200);
      const row = parseCsv(r.body).find((x) => x[1] === file.criteria[0].code)!;
      expect(row[2]).toBe(guarded);
    }
  });
});

describe('the peer comparison as a file', () => {
  it('CSV and Word hold the JSON\'s figures; the officer\'s own organisation only', async () => {
    const json = (await officer.get(`/api/orgs/${zones[1]}/maturity/peer-comparison?year=2025`)).json() as PeerComparison;
    expect(json).toMatchObject({ group: 'zone_150_299', groupOrganisations: 5, tooSmall: false });
    const r = await officer.get(`/api/orgs/${zones[1]}/maturity/peer-comparison.csv?year=2025&lang=en`);
    expect(r.statusCode, r.body).toBe(200);
    const rows = parseCsv(r.body);
    expect(rows[0]).toEqual(['Part', 'Code', 'Name', 'Our organisation', '25th percentile', 'Median', '75th percentile', 'Note', 'Year', 'Framework', 'Peer group']);
    expect(rows[1]!.slice(8)).toEqual(['2025', `imf v${json.measurement!.framework.version}`, 'Police zones with 150 to 299 staff']);
    for (const c of json.criteria) {
      const row = rows.find((x) => x[0] === 'Per criterion' && x[1] === c.criterion.code)!;
      expect([num(row[3]), num(row[4]), num(row[5]), num(row[6])]).toEqual([c.own, c.group.p25, c.group.median, c.group.p75]);
    }
    for (const p of json.pillars) {
      const row = rows.find((x) => x[0] === 'Per pillar' && x[1] === p.pillar)!;
      expect([num(row[3]), num(row[5])]).toEqual([p.own, p.group.median]);
    }
    expect(r.body).not.toContain('Genoemd');
    expect(r.headers['content-disposition']).toContain('Zone_Anoniem_1');

    const doc = await officer.get(`/api/orgs/${zones[1]}/maturity/peer-comparison.docx?year=2025&lang=en`);
    expect(doc.statusCode).toBe(200);
    const crit = docxTables(doc.rawPayload).find((tb) => tb.header[0]?.[1] === 'Our organisation' && tb.rows.length === json.criteria.length)!;
    expect(crit.rows[0][1]).toBe(String(json.criteria[0].own));
  });

  it('a group of four: the own levels, no group figure, the note in CSV and Word', async () => {
    const json = (await unitOfficer.get(`/api/orgs/${units[0]}/maturity/peer-comparison?year=2025`)).json() as PeerComparison;
    expect(json.tooSmall).toBe(true);
    const rows = parseCsv((await unitOfficer.get(`/api/orgs/${units[0]}/maturity/peer-comparison.csv?year=2025&lang=en`)).body);
    for (const row of rows.slice(1)) {
      expect(num(row[3])).toBe(1);
      expect(row.slice(4, 7)).toEqual(['', '', '']);
      expect(row[7]).toBe(TOO_SMALL);
    }
    const doc = await unitOfficer.get(`/api/orgs/${units[0]}/maturity/peer-comparison.docx?year=2025&lang=en`);
    const tables = docxTables(doc.rawPayload);
    for (const tb of tables) for (const row of tb.rows) expect(row.slice(2)).toEqual([TOO_SMALL, '', '']);
  });

  it('audited in the organisation\'s trail like the screen; 404 for another member, 403 outside', async () => {
    const before = (await events('maturity.peer_comparison_export')).length;
    expect((await officer.get(`/api/orgs/${zones[1]}/maturity/peer-comparison.pdf?year=2025`)).statusCode).toBe(200);
    const ev = (await events('maturity.peer_comparison_export')).slice(before);
    expect(ev).toHaveLength(1);
    expect(ev[0].organisation_id).toBe(zones[1]);
    expect(ev[0].details).toMatchObject({ format: 'pdf', group: 'zone_150_299', groupOrganisations: 5 });
    for (const f of ['csv', 'docx', 'pdf']) {
      expect((await staff.get(`/api/orgs/${zones[1]}/maturity/peer-comparison.${f}`)).statusCode).toBe(404);
      expect((await outsider.get(`/api/orgs/${zones[1]}/maturity/peer-comparison.${f}`)).statusCode).toBe(403);
      expect((await inspector.get(`/api/orgs/${zones[1]}/maturity/peer-comparison.${f}`)).statusCode).toBe(403);
    }
  });
});
