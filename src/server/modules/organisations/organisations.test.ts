import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, createOrganisation, createUser, ifMatch, ownerQuery, sessionFor, type Session, type TestApp, createTestApp } from '../../../test/app.js';
import { withOrgTx } from '../../platform/db/tx.js';
import type { Role } from '../../../shared/roles.js';
import { DEFAULT_SETTINGS } from './contract.js';
import { getOrganisationSettings } from './service.js';

let t: TestApp;
let zoneA: string;
let zoneB: string;
let adminA: Session;
let chiefA: Session;
let officerA: Session;
let staffA: Session;
let adminB: Session;
let platform: Session;

const audits = (orgId: string, action: string) =>
  ownerQuery<{ record_id: string; details: Record<string, unknown>; actor_user_id: string }>(t, `SELECT record_id, details, actor_user_id FROM audit_event WHERE organisation_id = $1 AND action = $2 ORDER BY id`, [orgId, action]);
const orgRow = async (id: string) => (await ownerQuery<{ names: unknown; languages: string[]; settings: Record<string, unknown> }>(t, `SELECT names, languages, settings FROM organisation WHERE id = $1`, [id]))[0];

beforeAll(async () => {
  t = await createTestApp();
  zoneA = await createOrganisation(t, { name: 'PZ Antwerpen' });
  zoneB = await createOrganisation(t, { name: 'ZP Bruxelles-Capitale Ixelles' });
  const mk = async (orgId: string, role: Role) =>
    sessionFor(t, (await createUser(t, { roles: [{ orgId, role }] })).id);
  adminA = await mk(zoneA, 'administrator');
  chiefA = await mk(zoneA, 'chief');
  officerA = await mk(zoneA, 'integrity_officer');
  staffA = await mk(zoneA, 'staff_member');
  adminB = await mk(zoneB, 'administrator');
  platform = await sessionFor(t, (await createUser(t, { platformAdmin: true })).id);
});
afterAll(async () => { await t?.close(); });

describe('GET /api/orgs/:orgId', () => {
  it('gives any member the header with default settings', async () => {
    for (const s of [adminA, chiefA, officerA, staffA]) {
      const r = await s.get(`/api/orgs/${zoneA}`);
      expect(r.statusCode).toBe(200);
      expect(r.json()).toMatchObject({ id: zoneA, kind: 'local_police_zone', names: { nl: 'PZ Antwerpen' }, languages: ['nl', 'fr'], parentId: null, settings: DEFAULT_SETTINGS });
    }
  });

  it('refuses non-members (403) and anonymous callers (401)', async () => {
    expect((await adminB.get(`/api/orgs/${zoneA}`)).statusCode).toBe(403);
    expect((await anonymous(t).get(`/api/orgs/${zoneA}`)).statusCode).toBe(401);
    expect((await platform.get(`/api/orgs/${zoneA}`)).statusCode).toBe(403);
  });

  it('refuses a malformed organisation id before parsing anything (nobody holds a role there)', async () => {
    const r = await adminA.get(`/api/orgs/not-a-uuid`);
    expect(r.statusCode).toBe(403);
    expect(r.json().code).toBe('forbidden');
  });
});

/** Current edit revisions (ADR 0011), read as the screens read them. */
const orgRevision = async (orgId = zoneA) => (await adminA.get(`/api/orgs/${orgId}`)).json().revision as number;
const unitRevision = async (unitId: string) => ((await adminA.get(`/api/orgs/${zoneA}/units`)).json().items as { id: string; revision: number }[]).find((u) => u.id === unitId)!.revision;

describe('PUT /api/orgs/:orgId', () => {
  it('lets the administrator change names, languages and settings, auditing changed field names only', async () => {
    const r = await adminA.put(`/api/orgs/${zoneA}`, {
      names: { nl: 'Politiezone Antwerpen', fr: 'Zone de police Anvers' },
      languages: ['nl', 'fr', 'en'],
      settings: { sideActivityAdviceDays: 60, welcomeText: { nl: 'Welkom bij het integriteitsbeleid.' } },
    }, ifMatch(await orgRevision()));
    expect(r.statusCode).toBe(200);
    expect(r.json().settings).toMatchObject({ sideActivityAdviceDays: 60, complaintAcknowledgeDays: 7, welcomeText: { nl: 'Welkom bij het integriteitsbeleid.' } });
    const [ev] = (await audits(zoneA, 'organisation.update')).slice(-1);
    expect(ev.details).toEqual({ changed: ['names', 'languages', 'settings.sideActivityAdviceDays', 'settings.welcomeText'] });
    expect(JSON.stringify(ev.details)).not.toContain('Welkom');
  });

  it('merges settings: a later partial change keeps earlier values', async () => {
    const r = await chiefA.put(`/api/orgs/${zoneA}`, { settings: { statisticsSuppressBelow: 10 } }, ifMatch(await orgRevision()));
    expect(r.statusCode).toBe(200);
    expect(r.json().settings).toMatchObject({ sideActivityAdviceDays: 60, statisticsSuppressBelow: 10 });
    const s = await withOrgTx(t.db.db, zoneA, (tx) => getOrganisationSettings(tx, zoneA));
    expect(s).toMatchObject({ sideActivityAdviceDays: 60, statisticsSuppressBelow: 10, reportAcknowledgeDays: 7, giftDeclarationThresholdEur: 25 });
  });

  it('does not audit a PUT that changes nothing', async () => {
    const before = (await audits(zoneA, 'organisation.update')).length;
    const revision = await orgRevision();
    const r = await adminA.put(`/api/orgs/${zoneA}`, { settings: { statisticsSuppressBelow: 10 } }, ifMatch(revision));
    expect(r.statusCode).toBe(200);
    expect(r.json().revision).toBe(revision);
    expect((await audits(zoneA, 'organisation.update')).length).toBe(before);
  });

  it('refuses the integrity officer, staff members and other zones, and changes nothing', async () => {
    const before = await orgRow(zoneA);
    for (const s of [officerA, staffA, adminB]) {
      expect((await s.put(`/api/orgs/${zoneA}`, { names: { nl: 'Overgenomen' } })).statusCode).toBe(403);
    }
    expect(await orgRow(zoneA)).toEqual(before);
  });

  it.each([
    ['empty names', { names: {} }, 'names'],
    ['name too long', { names: { nl: 'x'.repeat(201) } }, 'names.nl'],
    ['unknown language', { languages: ['nl', 'es'] }, 'languages.1'],
    ['no language', { languages: [] }, 'languages'],
    ['duplicate language', { languages: ['nl', 'nl'] }, 'languages'],
    ['law caps acknowledgement at 7 days', { settings: { reportAcknowledgeDays: 8 } }, 'settings.reportAcknowledgeDays'],
    ['law caps feedback at 3 months', { settings: { reportFeedbackMonths: 4 } }, 'settings.reportFeedbackMonths'],
    ['suppression below 3 would re-identify', { settings: { statisticsSuppressBelow: 1 } }, 'settings.statisticsSuppressBelow'],
    ['wrong type', { settings: { sideActivityAdviceDays: '90' } }, 'settings.sideActivityAdviceDays'],
    ['complaint lead times are set at the complaints desk', { settings: { complaintResolveDays: 60 } }, 'settings.complaintResolveDays'],
    ['unknown setting', { settings: { darkMode: true } }, 'settings.darkMode'],
    ['unknown field', { names: { nl: 'X' }, kind: 'inspectorate' }, 'kind'],
    ['nothing to change', {}, 'body'],
  ])('rejects %s with a translated error naming the field, storing nothing', async (_label, body, field) => {
    const before = await orgRow(zoneA);
    const r = await adminA.put(`/api/orgs/${zoneA}`, body);
    expect(r.statusCode).toBe(400);
    expect(r.json().code).toBe('validation_failed');
    expect(r.json().fields.map((f: { field: string }) => f.field)).toContain(field);
    expect(await orgRow(zoneA)).toEqual(before);
  });

  it('answers malformed JSON with 400 invalid_json', async () => {
    const r = await adminA.request('PUT', `/api/orgs/${zoneA}`, '{"names": {', { 'content-type': 'application/json' });
    expect(r.statusCode).toBe(400);
    expect(r.json().code).toBe('invalid_json');
  });

  it('stores script and SQL payloads verbatim, as data', async () => {
    const evil = `<script>alert(1)</script>'); DROP TABLE organisation; --`;
    const r = await adminA.put(`/api/orgs/${zoneA}`, { settings: { integrityCharterText: { fr: evil } } }, ifMatch(await orgRevision()));
    expect(r.statusCode).toBe(200);
    expect((await orgRow(zoneA)).settings.integrityCharterText).toEqual({ fr: evil });
    expect(r.headers['content-type']).toContain('application/json');
  });

  it('translates the error message into the user language', async () => {
    const u = await createUser(t, { roles: [{ orgId: zoneA, role: 'chief' }], locale: 'nl' });
    const s = await sessionFor(t, u.id);
    const r = await s.put(`/api/orgs/${zoneA}`, { names: {} });
    expect(r.json().fields[0].message).toBe('Geef de officiële naam in minstens één taal.');
  });
});

describe('getOrganisationSettings', () => {
  it('falls back to the default for stored values that are missing or no longer valid', async () => {
    const org = await createOrganisation(t);
    await ownerQuery(t, `UPDATE organisation SET settings = '{"complaintResolveDays": -4, "sideActivityAdviceDays": 30, "obsolete": 1}' WHERE id = $1`, [org]);
    const s = await withOrgTx(t.db.db, org, (tx) => getOrganisationSettings(tx, org));
    expect(s).toEqual({ ...DEFAULT_SETTINGS, sideActivityAdviceDays: 30 });
  });
});

describe('platform administration of organisations', () => {
  it('creates a federal directorate with a unit below it, and lists the tree in order', async () => {
    const dir = await platform.post('/api/admin/organisations', { code: 'DGR', kind: 'federal_directorate', names: { nl: 'Algemene directie van de bestuurlijke politie', fr: 'Direction générale de la police administrative' }, languages: ['nl', 'fr'] });
    expect(dir.statusCode).toBe(201);
    const unit = await platform.post('/api/admin/organisations', { code: 'DGR/DAP', kind: 'federal_unit', names: { nl: 'Directie van de politie van de luchthavens' }, parentId: dir.json().id });
    expect(unit.statusCode).toBe(201);
    expect(unit.json()).toMatchObject({ parentId: dir.json().id, languages: ['nl'], settings: DEFAULT_SETTINGS });
    const tree = (await platform.get('/api/admin/organisations')).json().items as { id: string; depth: number }[];
    const i = tree.findIndex((o) => o.id === dir.json().id);
    expect(tree[i + 1]).toMatchObject({ id: unit.json().id, depth: 1 });
    const [ev] = await audits(unit.json().id, 'organisation.create');
    expect(ev.details).toMatchObject({ kind: 'federal_unit', parentId: dir.json().id });
  });

  it('refuses a federal unit without a federal parent, an unknown parent and a taken code', async () => {
    expect((await platform.post('/api/admin/organisations', { code: 'U1', kind: 'federal_unit', names: { nl: 'X' } })).json()).toMatchObject({ code: 'org_parent_kind', field: 'parentId' });
    expect((await platform.post('/api/admin/organisations', { code: 'U2', kind: 'federal_unit', names: { nl: 'X' }, parentId: zoneA })).json()).toMatchObject({ code: 'org_parent_kind' });
    expect((await platform.post('/api/admin/organisations', { code: 'U3', kind: 'local_police_zone', names: { nl: 'X' }, parentId: crypto.randomUUID() })).json()).toMatchObject({ code: 'org_parent_not_found' });
    const r = await platform.post('/api/admin/organisations', { code: 'DGR', kind: 'federal_directorate', names: { nl: 'Dubbel' } });
    expect(r.statusCode).toBe(409);
    expect(r.json()).toMatchObject({ code: 'org_code_taken', field: 'code' });
    expect(await ownerQuery(t, `SELECT 1 FROM organisation WHERE code IN ('U1','U2','U3')`)).toEqual([]);
  });

  it.each([
    ['unknown kind', { code: 'K1', kind: 'ministry', names: { nl: 'X' } }, 'kind'],
    ['unknown field', { code: 'K2', kind: 'inspectorate', names: { nl: 'X' }, settings: {} }, 'settings'],
    ['bad code', { code: "K3'; DROP TABLE organisation; --", kind: 'inspectorate', names: { nl: 'X' } }, 'code'],
    ['no names', { code: 'K4', kind: 'inspectorate', names: {} }, 'names'],
    ['bad parent id', { code: 'K5', kind: 'inspectorate', names: { nl: 'X' }, parentId: 'zone-a' }, 'parentId'],
  ])('refuses to create an organisation with %s, storing nothing', async (_l, body, field) => {
    const r = await platform.post('/api/admin/organisations', body);
    expect(r.statusCode).toBe(400);
    expect(r.json().fields.map((f: { field: string }) => f.field)).toContain(field);
    expect(await ownerQuery(t, `SELECT 1 FROM organisation WHERE code LIKE 'K%'`)).toEqual([]);
  });

  it('is for platform administrators only', async () => {
    expect((await adminA.get('/api/admin/organisations')).statusCode).toBe(403);
    const r = await chiefA.post('/api/admin/organisations', { code: 'AIG', kind: 'inspectorate', names: { nl: 'AIG' } });
    expect(r.statusCode).toBe(403);
    expect(await ownerQuery(t, `SELECT 1 FROM organisation WHERE code = 'AIG'`)).toEqual([]);
  });
});

describe('units', () => {
  let recherche: string;
  let lokale: string;

  it('creates a tree of units with codes unique per organisation', async () => {
    const r1 = await adminA.post(`/api/orgs/${zoneA}/units`, { code: 'REC', name: 'Recherche' });
    expect(r1.statusCode).toBe(201);
    recherche = r1.json().id;
    const r2 = await chiefA.post(`/api/orgs/${zoneA}/units`, { code: 'REC-LOK', name: 'Lokale recherchedienst', parentId: recherche });
    expect(r2.statusCode).toBe(201);
    lokale = r2.json().id;
    expect((await adminA.post(`/api/orgs/${zoneA}/units`, { code: 'REC', name: 'Dubbel' })).json()).toMatchObject({ code: 'unit_code_taken', field: 'code' });
    // the same code in another zone is fine
    expect((await adminB.post(`/api/orgs/${zoneB}/units`, { code: 'REC', name: 'Recherche' })).statusCode).toBe(201);
    const list = (await officerA.get(`/api/orgs/${zoneA}/units`)).json().items;
    expect(list).toEqual([{ id: recherche, code: 'REC', name: 'Recherche', parentId: null, revision: 1 }, { id: lokale, code: 'REC-LOK', name: 'Lokale recherchedienst', parentId: recherche, revision: 1 }]);
    expect((await audits(zoneA, 'unit.create')).map((e) => e.record_id)).toEqual([recherche, lokale]);
  });

  it('refuses a cycle and a parent of another organisation', async () => {
    const cycle = await adminA.put(`/api/orgs/${zoneA}/units/${recherche}`, { parentId: lokale }, ifMatch(1));
    expect(cycle.statusCode).toBe(400);
    expect(cycle.json()).toMatchObject({ code: 'unit_cycle', field: 'parentId' });
    expect((await adminA.put(`/api/orgs/${zoneA}/units/${recherche}`, { parentId: recherche }, ifMatch(1))).json().code).toBe('unit_cycle');
    const [otherUnit] = await ownerQuery<{ id: string }>(t, `SELECT id FROM org_unit WHERE organisation_id = $1`, [zoneB]);
    const foreign = await adminA.put(`/api/orgs/${zoneA}/units/${lokale}`, { parentId: otherUnit.id }, ifMatch(1));
    expect(foreign.json()).toMatchObject({ code: 'unit_parent_not_found', field: 'parentId' });
    expect((await adminA.post(`/api/orgs/${zoneA}/units`, { code: 'X', name: 'X', parentId: otherUnit.id })).statusCode).toBe(400);
    const rows = await ownerQuery<{ parent_id: string | null }>(t, `SELECT parent_id FROM org_unit WHERE id = $1`, [recherche]);
    expect(rows[0].parent_id).toBeNull();
  });

  it('renames and moves a unit, auditing the changed fields', async () => {
    const inter = (await adminA.post(`/api/orgs/${zoneA}/units`, { code: 'INT', name: 'Interventie' })).json().id;
    const r = await adminA.put(`/api/orgs/${zoneA}/units/${lokale}`, { name: 'Lokale Recherche', parentId: inter }, ifMatch(await unitRevision(lokale)));
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ name: 'Lokale Recherche', parentId: inter, code: 'REC-LOK' });
    const [ev] = (await audits(zoneA, 'unit.update')).slice(-1);
    expect(ev.details).toEqual({ changed: ['name', 'parentId'] });
  });

  it('isolates tenants: a unit id of zone A used through zone B is not found, and nothing changes', async () => {
    expect((await adminB.put(`/api/orgs/${zoneB}/units/${recherche}`, { name: 'Gekaapt' }, ifMatch(1))).statusCode).toBe(404);
    expect((await adminB.put(`/api/orgs/${zoneA}/units/${recherche}`, { name: 'Gekaapt' })).statusCode).toBe(403);
    expect((await adminB.get(`/api/orgs/${zoneA}/units`)).statusCode).toBe(403);
    expect((await adminB.post(`/api/orgs/${zoneA}/units`, { code: 'Z', name: 'Z' })).statusCode).toBe(403);
    const rows = await ownerQuery<{ name: string }>(t, `SELECT name FROM org_unit WHERE id = $1`, [recherche]);
    expect(rows[0].name).toBe('Recherche');
  });

  it('keeps staff members and integrity officers from changing units', async () => {
    expect((await staffA.get(`/api/orgs/${zoneA}/units`)).statusCode).toBe(403);
    expect((await officerA.post(`/api/orgs/${zoneA}/units`, { code: 'OFF', name: 'X' })).statusCode).toBe(403);
    expect((await officerA.put(`/api/orgs/${zoneA}/units/${recherche}`, { name: 'X' })).statusCode).toBe(403);
  });

  it.each([
    ['bad code', { code: 'a b', name: 'X' }, 'code'],
    ['long name', { code: 'LONG', name: 'x'.repeat(201) }, 'name'],
    ['unknown field', { code: 'UF', name: 'X', organisationId: crypto.randomUUID() }, 'organisationId'],
    ['bad parent id', { code: 'BP', name: 'X', parentId: "1' OR '1'='1" }, 'parentId'],
  ])('rejects a unit with %s', async (_l, body, field) => {
    const r = await adminA.post(`/api/orgs/${zoneA}/units`, body);
    expect(r.statusCode).toBe(400);
    expect(r.json().fields.map((f: { field: string }) => f.field)).toContain(field);
    expect(await ownerQuery(t, `SELECT 1 FROM org_unit WHERE code IN ('a b', 'LONG', 'UF', 'BP')`)).toEqual([]);
  });
});
