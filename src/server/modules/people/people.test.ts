import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, createOrganisation, createTestApp, createUser, ownerQuery, sessionFor, type Session, type TestApp } from '../../../test/app.js';
import type { Role } from '../../../shared/roles.js';

let t: TestApp;
let zoneA: string;
let zoneB: string;
let adminA: Session;
let officerA: Session;
let staffA: Session;
let adminB: Session;
let units: Record<string, string>;
let unitB: string;

const mk = async (orgId: string, role: Role) => sessionFor(t, (await createUser(t, { roles: [{ orgId, role }] })).id);
const audits = (orgId: string, action: string) =>
  ownerQuery<{ record_id: string; details: Record<string, unknown> }>(t, `SELECT record_id, details FROM audit_event WHERE organisation_id = $1 AND action = $2 ORDER BY id`, [orgId, action]);
const people = (orgId: string) => ownerQuery<Record<string, unknown>>(t, `SELECT * FROM person WHERE organisation_id = $1 ORDER BY personnel_number`, [orgId]);

async function seed(orgId: string, rows: [string, string, string, 'operational' | 'calog', string | null, string | null][]) {
  for (const [nr, first, last, cat, unit, end] of rows) {
    await ownerQuery(t, `INSERT INTO person (organisation_id, personnel_number, first_name, last_name, staff_category, unit_id, start_date, end_date, grade)
      VALUES ($1, $2, $3, $4, $5, $6, '2015-03-01', $7, 'INP')`, [orgId, nr, first, last, cat, unit, end]);
  }
}

beforeAll(async () => {
  t = await createTestApp();
  zoneA = await createOrganisation(t);
  zoneB = await createOrganisation(t);
  adminA = await mk(zoneA, 'administrator');
  officerA = await mk(zoneA, 'integrity_officer');
  staffA = await mk(zoneA, 'staff_member');
  adminB = await mk(zoneB, 'administrator');
  units = {};
  for (const [code, parent] of [['OPS', null], ['INT', 'OPS'], ['WIJK', 'OPS'], ['DIT', null]] as const) {
    const [u] = await ownerQuery<{ id: string }>(t, `INSERT INTO org_unit (organisation_id, code, name, parent_id) VALUES ($1, $2, $2, $3) RETURNING id`, [zoneA, code, parent ? units[parent] : null]);
    units[code] = u.id;
  }
  [{ id: unitB }] = await ownerQuery<{ id: string }>(t, `INSERT INTO org_unit (organisation_id, code, name) VALUES ($1, 'INT', 'Interventie') RETURNING id`, [zoneB]);
  await seed(zoneA, [
    ['100001', 'Élodie', 'Sénéchal', 'operational', units.INT, null],
    ['100002', 'Jan', 'Peeters', 'operational', units.WIJK, null],
    ['100003', 'Nathalie', 'Dubois', 'calog', units.DIT, null],
    ['100004', 'Koen', 'Van den Broeck', 'operational', units.INT, '2020-12-31'],
    ['100005', 'Günther', 'Müller', 'calog', null, null],
    ['200001', 'Anke', 'Seneca', 'operational', units.OPS, null],
  ]);
  await seed(zoneB, [['100001', 'Jean', 'Dupont', 'operational', unitB, null]]);
});
afterAll(async () => { await t?.close(); });

describe('GET /api/orgs/:orgId/people', () => {
  it('lists active staff by name, with paging totals', async () => {
    const r = await officerA.get(`/api/orgs/${zoneA}/people?pageSize=2`);
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body).toMatchObject({ total: 5, page: 1, pageSize: 2 });
    expect(body.items.map((p: { lastName: string }) => p.lastName)).toEqual(['Dubois', 'Müller']);
    const page3 = (await officerA.get(`/api/orgs/${zoneA}/people?pageSize=2&page=3`)).json();
    expect(page3.items.map((p: { lastName: string }) => p.lastName)).toEqual(['Sénéchal']);
    expect((await officerA.get(`/api/orgs/${zoneA}/people?page=9`)).json()).toMatchObject({ items: [], total: 5 });
  });

  it('searches case- and accent-insensitively on name and personnel number', async () => {
    const names = async (qs: string) => (await adminA.get(`/api/orgs/${zoneA}/people?${qs}`)).json().items.map((p: { personnelNumber: string }) => p.personnelNumber);
    expect(await names('q=senechal')).toEqual(['100001']);
    expect(await names('q=MULLER')).toEqual(['100005']);
    expect(await names(`q=${encodeURIComponent('élodie sén')}`)).toEqual(['100001']);
    expect(await names('q=sene&sort=number')).toEqual(['100001', '200001']);
    expect(await names('q=20000')).toEqual(['200001']);
    expect(await names(`q=${encodeURIComponent('%')}`)).toEqual([]); // wildcards are literal
    expect(await names(`q=${encodeURIComponent("' OR 1=1 --")}`)).toEqual([]);
  });

  it('filters by unit, category and status; sorts by number', async () => {
    const nrs = async (qs: string) => (await adminA.get(`/api/orgs/${zoneA}/people?${qs}`)).json().items.map((p: { personnelNumber: string }) => p.personnelNumber);
    expect(await nrs(`unitId=${units.INT}`)).toEqual(['100001']);
    expect(await nrs(`unitId=${units.INT}&status=all&sort=number`)).toEqual(['100001', '100004']);
    expect(await nrs(`status=left`)).toEqual(['100004']);
    expect(await nrs(`category=calog&sort=number`)).toEqual(['100003', '100005']);
    expect(await nrs(`status=all&sort=number`)).toEqual(['100001', '100002', '100003', '100004', '100005', '200001']);
    const left = (await adminA.get(`/api/orgs/${zoneA}/people?status=left`)).json().items[0];
    expect(left).toMatchObject({ status: 'left', endDate: '2020-12-31', unitCode: 'INT' });
  });

  it.each([
    ['unknown query field', 'foo=1'],
    ['bad category', 'category=police'],
    ['page size too large', 'pageSize=5000'],
    ['page zero', 'page=0'],
    ['bad unit id', 'unitId=abc'],
    ['search too long', `q=${'a'.repeat(101)}`],
  ])('rejects %s with 400', async (_l, qs) => {
    const r = await adminA.get(`/api/orgs/${zoneA}/people?${qs}`);
    expect(r.statusCode).toBe(400);
    expect(r.json().code).toBe('validation_failed');
  });

  it('is closed to staff members, other zones and anonymous callers', async () => {
    expect((await staffA.get(`/api/orgs/${zoneA}/people`)).statusCode).toBe(403);
    expect((await adminB.get(`/api/orgs/${zoneA}/people`)).statusCode).toBe(403);
    expect((await anonymous(t).get(`/api/orgs/${zoneA}/people`)).statusCode).toBe(401);
  });
});

describe('audit of list reads and searches', () => {
  const last = async (action: string) => (await ownerQuery<{ actor_user_id: string; record_type: string; details: Record<string, unknown> }>(t,
    `SELECT actor_user_id, record_type, details FROM audit_event WHERE organisation_id = $1 AND action = $2 ORDER BY id DESC LIMIT 1`, [zoneA, action]))[0];

  it('logs a page of the list with its count and no filters', async () => {
    const r = await officerA.get(`/api/orgs/${zoneA}/people?pageSize=2&page=2`);
    expect(r.statusCode).toBe(200);
    expect((await last('person.list')).details).toEqual({ count: 2, total: 5, page: 2, filters: [], sort: 'name' });
  });

  it('logs a search by the names of the filters used, never the search text', async () => {
    const before = (await audits(zoneA, 'person.search')).length;
    const r = await adminA.get(`/api/orgs/${zoneA}/people?q=${encodeURIComponent('Sénéchal')}&category=operational&unitId=${units.INT}&status=all&sort=number`);
    expect(r.json().total).toBe(1);
    const events = await audits(zoneA, 'person.search');
    expect(events).toHaveLength(before + 1);
    const e = await last('person.search');
    expect(e).toMatchObject({ record_type: 'person', details: { count: 1, total: 1, page: 1, filters: ['q', 'unitId', 'category', 'status'], sort: 'number' } });
    expect(JSON.stringify(e.details)).not.toMatch(/S[ée]n[ée]chal/i);
    expect(JSON.stringify(e.details)).not.toContain(units.INT);
  });

  it('logs nothing for a refused or malformed request', async () => {
    const before = (await audits(zoneA, 'person.list')).length + (await audits(zoneA, 'person.search')).length;
    expect((await staffA.get(`/api/orgs/${zoneA}/people?q=peeters`)).statusCode).toBe(403);
    expect((await adminA.get(`/api/orgs/${zoneA}/people?q=${'a'.repeat(101)}`)).statusCode).toBe(400);
    expect((await audits(zoneA, 'person.list')).length + (await audits(zoneA, 'person.search')).length).toBe(before);
  });
});

describe('heads of service', () => {
  it('see only the staff of their own unit and the units below it', async () => {
    const u = await createUser(t, { roles: [{ orgId: zoneA, role: 'head_of_service' }] });
    await ownerQuery(t, `UPDATE person SET user_id = $1 WHERE organisation_id = $2 AND personnel_number = '200001'`, [u.id, zoneA]);
    const head = await sessionFor(t, u.id);
    const r = await head.get(`/api/orgs/${zoneA}/people?sort=number`);
    expect(r.json().items.map((p: { personnelNumber: string }) => p.personnelNumber)).toEqual(['100001', '100002', '200001']);
    const [dubois] = await ownerQuery<{ id: string }>(t, `SELECT id FROM person WHERE organisation_id = $1 AND personnel_number = '100003'`, [zoneA]);
    expect((await head.get(`/api/orgs/${zoneA}/people/${dubois.id}`)).statusCode).toBe(404);
    const csv = (await head.get(`/api/orgs/${zoneA}/people/export.csv?status=all`)).body;
    expect(csv).toContain('Sénéchal');
    expect(csv).not.toContain('Dubois');
    expect((await head.post(`/api/orgs/${zoneA}/people`, { personnelNumber: 'X1', firstName: 'A', lastName: 'B', staffCategory: 'calog', startDate: '2024-01-01' })).statusCode).toBe(403);
  });

  it('without a staff record of their own see nobody', async () => {
    const head = await mk(zoneA, 'head_of_service');
    expect((await head.get(`/api/orgs/${zoneA}/people`)).json()).toMatchObject({ items: [], total: 0 });
  });
});

describe('detail, create and update', () => {
  let created: string;

  it('creates a staff member with a unit code, audits it, and reads it back with an audited read', async () => {
    const r = await adminA.post(`/api/orgs/${zoneA}/people`, {
      personnelNumber: '300001', firstName: 'Hélène', lastName: "D'Hondt", email: 'Helene.DHondt@police.belgium.eu', staffCategory: 'calog',
      grade: 'Niveau B', unitCode: 'dit', functionTitle: 'Klachtencoördinator', startDate: '2023-09-01',
    });
    expect(r.statusCode).toBe(201);
    created = r.json().id;
    expect(r.json()).toMatchObject({ unitId: units.DIT, unitCode: 'DIT', email: 'helene.dhondt@police.belgium.eu', status: 'active', endDate: null });
    expect((await audits(zoneA, 'person.create')).map((e) => e.record_id)).toContain(created);
    const before = (await audits(zoneA, 'person.read')).length;
    const d = await officerA.get(`/api/orgs/${zoneA}/people/${created}`);
    expect(d.statusCode).toBe(200);
    expect(d.json().lastName).toBe("D'Hondt");
    const reads = await audits(zoneA, 'person.read');
    expect(reads.length).toBe(before + 1);
    expect(reads.at(-1)!.record_id).toBe(created);
  });

  it('refuses a personnel number already used in the organisation, but not one used in another zone', async () => {
    const dup = await adminA.post(`/api/orgs/${zoneA}/people`, { personnelNumber: '300001', firstName: 'A', lastName: 'B', staffCategory: 'calog', startDate: '2024-01-01' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ code: 'person_number_taken', field: 'personnelNumber' });
    expect((await adminB.post(`/api/orgs/${zoneB}/people`, { personnelNumber: '300001', firstName: 'A', lastName: 'B', staffCategory: 'calog', startDate: '2024-01-01' })).statusCode).toBe(201);
  });

  it('records leaving with an end date, keeping the record, and audits changed field names', async () => {
    const r = await adminA.patch(`/api/orgs/${zoneA}/people/${created}`, { endDate: '2024-02-29', grade: 'Niveau A' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ endDate: '2024-02-29', grade: 'Niveau A', status: 'left' });
    const ev = (await audits(zoneA, 'person.update')).at(-1)!;
    expect(ev).toMatchObject({ record_id: created, details: { changed: ['grade', 'endDate'] } });
    const renumber = await adminA.patch(`/api/orgs/${zoneA}/people/${created}`, { personnelNumber: '100002' });
    expect(renumber.json()).toMatchObject({ code: 'person_number_taken' });
    const bad = await adminA.patch(`/api/orgs/${zoneA}/people/${created}`, { endDate: '2020-01-01' });
    expect(bad.json()).toMatchObject({ code: 'person_end_before_start', field: 'endDate' });
    expect((await adminA.get(`/api/orgs/${zoneA}/people/${created}`)).json().endDate).toBe('2024-02-29');
  });

  it('links a user account and refuses unknown accounts and units of another zone', async () => {
    const u = await createUser(t);
    expect((await adminA.patch(`/api/orgs/${zoneA}/people/${created}`, { userId: u.id })).json().userId).toBe(u.id);
    expect((await adminA.patch(`/api/orgs/${zoneA}/people/${created}`, { userId: crypto.randomUUID() })).json()).toMatchObject({ code: 'user_not_found', field: 'userId' });
    expect((await adminA.patch(`/api/orgs/${zoneA}/people/${created}`, { unitId: unitB })).json()).toMatchObject({ code: 'unit_not_found', field: 'unitId' });
    expect((await adminA.patch(`/api/orgs/${zoneA}/people/${created}`, { unitCode: 'NOPE' })).json()).toMatchObject({ code: 'unit_not_found', field: 'unitCode' });
  });

  it('is refused to the integrity officer (read only)', async () => {
    expect((await officerA.patch(`/api/orgs/${zoneA}/people/${created}`, { grade: 'X' })).statusCode).toBe(403);
    expect((await officerA.post(`/api/orgs/${zoneA}/people`, { personnelNumber: '9', firstName: 'A', lastName: 'B', staffCategory: 'calog', startDate: '2024-01-01' })).statusCode).toBe(403);
  });

  it.each([
    ['missing last name', { personnelNumber: 'H1', firstName: 'A', staffCategory: 'calog', startDate: '2024-01-01' }, 'lastName'],
    ['bad category', { personnelNumber: 'H2', firstName: 'A', lastName: 'B', staffCategory: 'police', startDate: '2024-01-01' }, 'staffCategory'],
    ['impossible date', { personnelNumber: 'H3', firstName: 'A', lastName: 'B', staffCategory: 'calog', startDate: '2023-02-29' }, 'startDate'],
    ['Belgian date format in the API', { personnelNumber: 'H4', firstName: 'A', lastName: 'B', staffCategory: 'calog', startDate: '01/02/2023' }, 'startDate'],
    ['end before start', { personnelNumber: 'H5', firstName: 'A', lastName: 'B', staffCategory: 'calog', startDate: '2024-01-01', endDate: '2023-01-01' }, 'endDate'],
    ['oversized name', { personnelNumber: 'H6', firstName: 'A'.repeat(101), lastName: 'B', staffCategory: 'calog', startDate: '2024-01-01' }, 'firstName'],
    ['bad e-mail', { personnelNumber: 'H7', firstName: 'A', lastName: 'B', email: 'not-mail', staffCategory: 'calog', startDate: '2024-01-01' }, 'email'],
    ['unknown field', { personnelNumber: 'H8', firstName: 'A', lastName: 'B', staffCategory: 'calog', startDate: '2024-01-01', organisationId: crypto.randomUUID() }, 'organisationId'],
    ['SQL in the personnel number', { personnelNumber: "1'; DROP TABLE person; --", firstName: 'A', lastName: 'B', staffCategory: 'calog', startDate: '2024-01-01' }, 'personnelNumber'],
    ['wrong type', { personnelNumber: 12, firstName: 'A', lastName: 'B', staffCategory: 'calog', startDate: '2024-01-01' }, 'personnelNumber'],
  ])('rejects %s, naming the field, storing nothing', async (_l, body, field) => {
    const before = await people(zoneA);
    const r = await adminA.post(`/api/orgs/${zoneA}/people`, body);
    expect(r.statusCode).toBe(400);
    expect(r.json().fields.map((f: { field: string }) => f.field)).toContain(field);
    expect(await people(zoneA)).toEqual(before);
  });

  it('stores script payloads verbatim', async () => {
    const evil = '<img src=x onerror=alert(1)>';
    const r = await adminA.post(`/api/orgs/${zoneA}/people`, { personnelNumber: 'S1', firstName: evil, lastName: "Robert'); DROP TABLE person;--", staffCategory: 'operational', startDate: '2024-01-01' });
    expect(r.statusCode).toBe(201);
    const [row] = await ownerQuery<{ first_name: string; last_name: string }>(t, `SELECT first_name, last_name FROM person WHERE id = $1`, [r.json().id]);
    expect(row).toEqual({ first_name: evil, last_name: "Robert'); DROP TABLE person;--" });
  });

  it('answers malformed JSON with 400 and stores nothing', async () => {
    const before = await people(zoneA);
    const r = await adminA.request('POST', `/api/orgs/${zoneA}/people`, '{"personnelNumber": "1",', { 'content-type': 'application/json' });
    expect(r.json().code).toBe('invalid_json');
    expect(await people(zoneA)).toEqual(before);
  });
});

describe('tenant isolation', () => {
  it('a person of zone B is not found through zone A, and cannot be changed', async () => {
    const [dupont] = await ownerQuery<{ id: string }>(t, `SELECT id FROM person WHERE organisation_id = $1 AND personnel_number = '100001'`, [zoneB]);
    expect((await adminA.get(`/api/orgs/${zoneA}/people/${dupont.id}`)).statusCode).toBe(404);
    expect((await adminA.patch(`/api/orgs/${zoneA}/people/${dupont.id}`, { lastName: 'Gekaapt' })).statusCode).toBe(404);
    expect((await adminA.get(`/api/orgs/${zoneB}/people/${dupont.id}`)).statusCode).toBe(403);
    expect((await adminA.patch(`/api/orgs/${zoneB}/people/${dupont.id}`, { lastName: 'Gekaapt' })).statusCode).toBe(403);
    expect((await adminA.post(`/api/orgs/${zoneB}/people`, { personnelNumber: 'Z9', firstName: 'A', lastName: 'B', staffCategory: 'calog', startDate: '2024-01-01' })).statusCode).toBe(403);
    const [row] = await ownerQuery<{ last_name: string }>(t, `SELECT last_name FROM person WHERE id = $1`, [dupont.id]);
    expect(row.last_name).toBe('Dupont');
    expect(await ownerQuery(t, `SELECT 1 FROM person WHERE personnel_number = 'Z9'`)).toEqual([]);
    expect((await adminA.get(`/api/orgs/${zoneB}/people/export.csv`)).statusCode).toBe(403);
  });
});

describe('GET /api/orgs/:orgId/people/export.csv', () => {
  it('exports the filtered list as a semicolon CSV with BOM and headers in the user language, and audits it', async () => {
    const r = await adminA.get(`/api/orgs/${zoneA}/people/export.csv?category=calog&status=all&sort=number`);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('text/csv');
    expect(r.headers['content-disposition']).toContain('attachment');
    expect(r.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = r.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('personnel_number;last_name;first_name;e-mail;category;grade;unit;function;start_date;end_date');
    expect(lines[1]).toBe('100003;Dubois;Nathalie;;CALog;INP;DIT;;2015-03-01;');
    const ev = (await audits(zoneA, 'person.export')).at(-1)!;
    expect(ev.details).toMatchObject({ count: lines.length - 1, filter: { category: 'calog', status: 'all' } });
  });

  it('uses Dutch headers for a Dutch-speaking user and neutralises spreadsheet formulas', async () => {
    const u = await createUser(t, { roles: [{ orgId: zoneA, role: 'chief' }], locale: 'nl' });
    await ownerQuery(t, `INSERT INTO person (organisation_id, personnel_number, first_name, last_name, staff_category, start_date) VALUES ($1, 'F1', '=HYPERLINK("http://evil")', 'Formule', 'calog', '2020-01-01')`, [zoneA]);
    const r = await (await sessionFor(t, u.id)).get(`/api/orgs/${zoneA}/people/export.csv?q=formule`);
    const lines = r.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('stamnummer;naam;voornaam;e-mail;categorie;graad;dienst;functie;startdatum;einddatum');
    expect(lines[1]).toBe(`F1;Formule;"'=HYPERLINK(""http://evil"")";;CALog;;;;2020-01-01;`);
  });
});
