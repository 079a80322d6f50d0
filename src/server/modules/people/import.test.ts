import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation, createTestApp, createUser, ownerQuery, sessionFor, type Session, type TestApp } from '../../../test/app.js';
import { detectDelimiter, normaliseDate, parseHrCsv } from './csv.js';
import { hrCsv, hrPeople, ZONE_UNITS } from './hr-fixture.js';

let t: TestApp;
let zoneA: string;
let zoneB: string;
let adminA: Session;
let officerA: Session;
let adminB: Session;

const count = async (orgId: string) => (await ownerQuery<{ n: number }>(t, `SELECT count(*)::int AS n FROM person WHERE organisation_id = $1`, [orgId]))[0].n;
const audits = (orgId: string, action: string) =>
  ownerQuery<{ record_id: string | null; details: Record<string, unknown> }>(t, `SELECT record_id, details FROM audit_event WHERE organisation_id = $1 AND action = $2 ORDER BY id`, [orgId, action]);
const importCsv = (s: Session, orgId: string, body: Record<string, unknown>) => s.post(`/api/orgs/${orgId}/people/import`, body);

beforeAll(async () => {
  t = await createTestApp();
  zoneA = await createOrganisation(t);
  zoneB = await createOrganisation(t);
  for (const org of [zoneA, zoneB]) {
    for (const code of ZONE_UNITS) await ownerQuery(t, `INSERT INTO org_unit (organisation_id, code, name) VALUES ($1, $2, $2)`, [org, code]);
  }
  adminA = await sessionFor(t, (await createUser(t, { roles: [{ orgId: zoneA, role: 'administrator' }] })).id);
  officerA = await sessionFor(t, (await createUser(t, { roles: [{ orgId: zoneA, role: 'integrity_officer' }] })).id);
  adminB = await sessionFor(t, (await createUser(t, { roles: [{ orgId: zoneB, role: 'administrator' }] })).id);
});
afterAll(async () => { await t?.close(); });

describe('parsing HR files', () => {
  it('detects the delimiter and reads Belgian dates', () => {
    expect(detectDelimiter('stamnummer;naam;voornaam\n1;a;b')).toBe(';');
    expect(detectDelimiter('personnel_number,last_name\n1,a')).toBe(',');
    expect(detectDelimiter('"naam, voornaam";stamnummer\n')).toBe(';');
    expect(normaliseDate('3/2/2021')).toBe('2021-02-03');
    expect(normaliseDate('2021-02-03')).toBe('2021-02-03');
  });

  it('maps Dutch, French and English headers and category words', () => {
    const fr = parseHrCsv('\uFEFFMatricule;Nom;Prénom;Catégorie;Date début;Colonne RH\n123;Lefèvre;Amélie;opérationnel;01/09/2019;x\n', 'fr');
    expect(fr.ignoredColumns).toEqual(['Colonne RH']);
    expect(fr.rows[0]).toMatchObject({ line: 2, errors: [], row: { personnelNumber: '123', lastName: 'Lefèvre', firstName: 'Amélie', staffCategory: 'operational', startDate: '2019-09-01', email: null } });
    const nl = parseHrCsv('stamnummer;naam;voornaam;categorie;startdatum\n124;Peeters;Jan;Operationeel kader;2019-09-01\n125;Maes;An;CALog;2019-09-01\n', 'nl');
    expect(nl.rows.map((r) => r.row?.staffCategory)).toEqual(['operational', 'calog']);
  });

  it('names every error of a line, translated', () => {
    const f = parseHrCsv('personnel_number,last_name,first_name,category,start_date,end_date,e-mail\n,Peeters,Jan,police,31/02/2020,2019-01-01,nope\n', 'nl');
    const errors = f.rows[0].errors;
    expect(errors.map((e) => [e.field, e.code])).toEqual(expect.arrayContaining([
      ['personnelNumber', 'required'], ['staffCategory', 'invalid_value'], ['startDate', 'invalid'], ['email', 'invalid_format'],
    ]));
    expect(errors.find((e) => e.field === 'staffCategory')!.message).toBe('De categorie moet operationeel of CALog zijn.');
    expect(errors.find((e) => e.field === 'startDate')!.message).toBe('Geef een datum als JJJJ-MM-DD of DD/MM/JJJJ.');
  });
});

describe('POST /api/orgs/:orgId/people/import', () => {
  const staff = hrPeople({ count: 300 });

  it('previews a 300-line Excel export (BOM, semicolons, DD/MM/YYYY) without storing anything', async () => {
    const r = await importCsv(adminA, zoneA, { csv: hrCsv(staff, { excel: true }), mode: 'preview' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ mode: 'preview', committed: false, report: { rows: 300, valid: 300, invalid: [], toCreate: 300, toUpdate: 0, unchanged: 0, ignoredColumns: [] } });
    expect(await count(zoneA)).toBe(0);
    expect(await audits(zoneA, 'person.import')).toEqual([]);
  });

  it('commits the file in one go, auditing the import once and each created record', async () => {
    const r = await importCsv(adminA, zoneA, { csv: hrCsv(staff, { excel: true }), mode: 'commit' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ committed: true, report: { toCreate: 300 } });
    expect(await count(zoneA)).toBe(300);
    const [imp] = await audits(zoneA, 'person.import');
    expect(imp.details).toMatchObject({ rows: 300, valid: 300, created: 300, updated: 0, unchanged: 0 });
    expect((await audits(zoneA, 'person.create')).length).toBe(300);
    const sample = staff[17];
    const [row] = await ownerQuery<Record<string, string | null>>(t, `SELECT p.first_name, p.last_name, p.email, p.staff_category, p.grade, u.code AS unit, p.function_title, p.start_date, p.end_date
      FROM person p JOIN org_unit u ON u.id = p.unit_id WHERE p.organisation_id = $1 AND p.personnel_number = $2`, [zoneA, sample.personnelNumber]);
    expect(row).toEqual({ first_name: sample.firstName, last_name: sample.lastName, email: sample.email, staff_category: sample.staffCategory, grade: sample.grade, unit: sample.unitCode, function_title: sample.functionTitle, start_date: sample.startDate, end_date: sample.endDate });
  });

  it('re-importing updates changed records, never duplicates, and leaves identical ones untouched', async () => {
    const changed = staff.map((p, i) => (i < 5 ? { ...p, grade: 'HCP', endDate: '2025-01-31' } : p));
    const [{ updated_at: before }] = await ownerQuery<{ updated_at: Date }>(t, `SELECT updated_at FROM person WHERE organisation_id = $1 AND personnel_number = $2`, [zoneA, staff[100].personnelNumber]);
    const r = await importCsv(adminA, zoneA, { csv: hrCsv(changed, { delimiter: ',', language: 'en' }), mode: 'commit' });
    expect(r.json().report).toMatchObject({ toCreate: 0, toUpdate: 5, unchanged: 295 });
    expect(await count(zoneA)).toBe(300);
    const updates = await audits(zoneA, 'person.update');
    expect(updates.length).toBe(5);
    expect(updates[0].details).toMatchObject({ source: 'import', changed: expect.arrayContaining(['endDate']) });
    const [{ updated_at: after }] = await ownerQuery<{ updated_at: Date }>(t, `SELECT updated_at FROM person WHERE organisation_id = $1 AND personnel_number = $2`, [zoneA, staff[100].personnelNumber]);
    expect(after).toEqual(before);
  });

  it('leaves fields of columns absent from the file untouched', async () => {
    const p = staff[0];
    const csv = `stamnummer;naam;voornaam;categorie;startdatum\n${p.personnelNumber};${p.lastName};Nieuwe Voornaam;${p.staffCategory === 'calog' ? 'CALog' : 'operationeel'};${p.startDate}\n`;
    const r = await importCsv(adminA, zoneA, { csv, mode: 'commit' });
    expect(r.json().report).toMatchObject({ toUpdate: 1 });
    const [row] = await ownerQuery<{ first_name: string; email: string; end_date: string }>(t, `SELECT first_name, email, end_date FROM person WHERE organisation_id = $1 AND personnel_number = $2`, [zoneA, p.personnelNumber]);
    expect(row).toEqual({ first_name: 'Nieuwe Voornaam', email: p.email, end_date: '2025-01-31' });
  });

  it('reports invalid lines, duplicate numbers and unknown units; a commit then loads nothing', async () => {
    const fresh = hrPeople({ count: 4, firstNumber: 900001, seed: 7 });
    const line = (p: (typeof fresh)[number]) => [p.personnelNumber, p.lastName, p.firstName, p.staffCategory === 'calog' ? 'CALog' : 'operationeel', p.grade, p.unitCode, p.startDate].join(';');
    const csv = [
      'stamnummer;naam;voornaam;categorie;graad;dienst;startdatum',
      ...fresh.map(line), // lines 2-5
      line(fresh[0]), // line 6 repeats line 2
      '900010;Janssens;Els;operationeel;INP;GHOST;2020-01-01',
      '900011;Claes;Tom;;INP;INT;2020-13-01',
    ].join('\n');
    const r = await importCsv(adminA, zoneA, { csv, mode: 'commit' });
    expect(r.statusCode).toBe(400);
    const body = r.json();
    expect(body.code).toBe('import_has_errors');
    expect(body.report).toMatchObject({ rows: 7, valid: 3 });
    const byLine = Object.fromEntries(body.report.invalid.map((i: { line: number; errors: { field: string; code: string }[] }) => [i.line, i.errors.map((e) => `${e.field}:${e.code}`)]));
    expect(byLine[2]).toEqual(['personnelNumber:duplicate']);
    expect(byLine[6]).toEqual(['personnelNumber:duplicate']);
    expect(byLine[7]).toEqual(['unitCode:unknown_unit']);
    expect(byLine[8]).toEqual(expect.arrayContaining(['staffCategory:required', 'startDate:invalid']));
    expect(await ownerQuery(t, `SELECT 1 FROM person WHERE personnel_number LIKE '9000%'`)).toEqual([]);

    const partial = await importCsv(adminA, zoneA, { csv, mode: 'commit', acceptValidOnly: true });
    expect(partial.statusCode).toBe(200);
    expect(partial.json()).toMatchObject({ committed: true, report: { valid: 3, toCreate: 3 } });
    expect((await ownerQuery<{ n: string }>(t, `SELECT personnel_number AS n FROM person WHERE personnel_number LIKE '9000%' ORDER BY 1`)).map((x) => x.n)).toEqual(['900002', '900003', '900004']);
    expect((await audits(zoneA, 'person.import')).at(-1)!.details).toMatchObject({ invalid: 4, created: 3, acceptValidOnly: true });
  });

  it.each([
    ['an empty file', 'stamnummer;naam\n', 'import_empty'],
    ['missing required columns', 'stamnummer;naam\n1;Peeters\n', 'import_missing_columns'],
    ['a column twice', 'stamnummer;matricule;naam;voornaam;categorie;startdatum\n1;1;a;b;calog;2020-01-01\n', 'import_duplicate_column'],
    ['an unclosed quote', 'stamnummer;naam;voornaam;categorie;startdatum\n1;"Peeters;Jan;calog;2020-01-01\n', 'import_unreadable'],
  ])('refuses %s as a whole, storing nothing', async (_l, csv, code) => {
    const before = await count(zoneA);
    const r = await importCsv(adminA, zoneA, { csv, mode: 'commit' });
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ code, field: 'csv' });
    expect(await count(zoneA)).toBe(before);
  });

  it('stores SQL and script payloads in names verbatim', async () => {
    const csv = `stamnummer;naam;voornaam;categorie;startdatum\nX-1;"Robert'); DROP TABLE person;--";<script>alert(1)</script>;CALog;2020-01-01\n`;
    expect((await importCsv(adminA, zoneA, { csv, mode: 'commit' })).statusCode).toBe(200);
    const [row] = await ownerQuery<{ last_name: string; first_name: string }>(t, `SELECT last_name, first_name FROM person WHERE organisation_id = $1 AND personnel_number = 'X-1'`, [zoneA]);
    expect(row).toEqual({ last_name: "Robert'); DROP TABLE person;--", first_name: '<script>alert(1)</script>' });
  });

  it('refuses more than 50,000 lines', async () => {
    const csv = 'stamnummer;naam;voornaam;categorie;startdatum\n' + Array.from({ length: 50_001 }, (_, i) => `${i};a;b;calog;2020-01-01`).join('\n');
    const r = await importCsv(adminA, zoneA, { csv, mode: 'preview' });
    expect(r.json()).toMatchObject({ code: 'import_too_many_rows', field: 'csv' });
  });

  it('rejects unknown fields, a bad mode and wrong types', async () => {
    for (const body of [{ csv: 'a', mode: 'commit', organisationId: zoneB }, { csv: 'a', mode: 'apply' }, { csv: 42, mode: 'preview' }, { mode: 'preview' }]) {
      const r = await importCsv(adminA, zoneA, body);
      expect(r.statusCode).toBe(400);
      expect(r.json().code).toBe('validation_failed');
    }
  });

  it('refuses a CSV over 5 MB (400) and a body over the route limit (413)', async () => {
    const big = 'stamnummer;naam;voornaam;categorie;startdatum\n' + '1;a;b;calog;2020-01-01\n'.repeat(Math.ceil((5 * 1024 * 1024) / 23) + 10);
    const r = await importCsv(adminA, zoneA, { csv: big, mode: 'preview' });
    expect(r.statusCode).toBe(400);
    expect(r.json().fields[0]).toMatchObject({ field: 'csv', code: 'too_big' });
    const huge = await importCsv(adminA, zoneA, { csv: 'x'.repeat(7 * 1024 * 1024), mode: 'preview' });
    expect(huge.statusCode).toBe(413);
  });

  it('is for administrators and chiefs of the organisation only', async () => {
    const csv = hrCsv(hrPeople({ count: 2, firstNumber: 700001 }));
    expect((await importCsv(officerA, zoneA, { csv, mode: 'commit' })).statusCode).toBe(403);
    expect((await importCsv(adminB, zoneA, { csv, mode: 'commit' })).statusCode).toBe(403);
    expect(await ownerQuery(t, `SELECT 1 FROM person WHERE personnel_number LIKE '7000%'`)).toEqual([]);
  });

  it('keeps organisations apart: the same numbers in zone B create zone B records and leave zone A alone', async () => {
    const before = await count(zoneA);
    const r = await importCsv(adminB, zoneB, { csv: hrCsv(staff.slice(0, 10)), mode: 'commit' });
    expect(r.json().report).toMatchObject({ toCreate: 10, toUpdate: 0 });
    expect(await count(zoneB)).toBe(10);
    expect(await count(zoneA)).toBe(before);
  });

  it('loads a federal-size file of 2,500 lines in one transaction, with one audit event per record', async () => {
    const dir = await createOrganisation(t, { kind: 'federal_directorate' });
    for (const code of ZONE_UNITS) await ownerQuery(t, `INSERT INTO org_unit (organisation_id, code, name) VALUES ($1, $2, $2)`, [dir, code]);
    const s = await sessionFor(t, (await createUser(t, { roles: [{ orgId: dir, role: 'chief' }] })).id);
    const r = await importCsv(s, dir, { csv: hrCsv(hrPeople({ count: 2500, seed: 42, language: 'fr' }), { language: 'fr', excel: true }), mode: 'commit' });
    expect(r.json()).toMatchObject({ committed: true, report: { rows: 2500, valid: 2500, toCreate: 2500 } });
    expect(await count(dir)).toBe(2500);
    expect((await audits(dir, 'person.create')).length).toBe(2500); // more than one audit batch
  });

  it('round-trips: an export imports again with nothing to change', async () => {
    const exp = await adminB.get(`/api/orgs/${zoneB}/people/export.csv?status=all`);
    const r = await importCsv(adminB, zoneB, { csv: exp.body, mode: 'preview' });
    expect(r.json().report).toMatchObject({ rows: 10, valid: 10, toCreate: 0, toUpdate: 0, unchanged: 10 });
  });
});
