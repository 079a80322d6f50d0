import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, createOrganisation, createTestApp, createUser, ownerQuery, sessionFor, type Session, type TestApp } from '../../../test/app.js';

let t: TestApp;
let aig: string;
let comiteP: string;
let bigZone: string;
let smallZone: string;
let strictZone: string;
let inspector: Session;
let committee: Session;

async function staff(orgId: string, n: number, left = 0) {
  await ownerQuery(t, `INSERT INTO person (organisation_id, personnel_number, first_name, last_name, staff_category, start_date, end_date)
    SELECT $1, 'P' || g, 'Voornaam', 'Naam ' || g, 'operational', '2010-01-01', CASE WHEN g <= $3 THEN '2020-01-01'::date END FROM generate_series(1, $2) g`, [orgId, n + left, left]);
}

beforeAll(async () => {
  t = await createTestApp();
  aig = await createOrganisation(t, { kind: 'inspectorate', code: 'AIG', name: 'Algemene Inspectie' });
  comiteP = await createOrganisation(t, { kind: 'oversight_body', code: 'COMITE-P', name: 'Comité P' });
  bigZone = await createOrganisation(t, { code: '5339', name: 'PZ Brussel Hoofdstad Elsene' });
  smallZone = await createOrganisation(t, { code: '5353', name: 'PZ Schoten' });
  strictZone = await createOrganisation(t, { code: '5344', name: 'PZ CARMA' });
  await staff(bigZone, 40, 12);
  await staff(smallZone, 4, 3); // 4 active, below the default threshold of 5
  await staff(strictZone, 9);
  await ownerQuery(t, `UPDATE organisation SET settings = '{"statisticsSuppressBelow": 10}' WHERE id = $1`, [strictZone]);
  inspector = await sessionFor(t, (await createUser(t, { roles: [{ orgId: aig, role: 'oversight' }] })).id);
  committee = await sessionFor(t, (await createUser(t, { roles: [{ orgId: comiteP, role: 'oversight' }] })).id);
});
afterAll(async () => { await t?.close(); });

describe('GET /api/oversight/organisations', () => {
  it('lists every organisation with active headcounts, suppressing counts below each organisation threshold', async () => {
    for (const s of [inspector, committee]) {
      const r = await s.get('/api/oversight/organisations');
      expect(r.statusCode).toBe(200);
      const byCode = Object.fromEntries(r.json().items.map((o: { code: string }) => [o.code, o]));
      expect(byCode['5339']).toMatchObject({ kind: 'local_police_zone', names: { nl: 'PZ Brussel Hoofdstad Elsene' }, headcount: 40, suppressed: false });
      expect(byCode['5353']).toMatchObject({ headcount: null, suppressed: true });
      expect(byCode['5344']).toMatchObject({ headcount: null, suppressed: true });
      expect(byCode.AIG).toMatchObject({ kind: 'inspectorate', headcount: null, suppressed: true });
    }
  });

  it('names each organisation\'s threshold (the screen shows "< n") and records the read in the reader\'s own trail', async () => {
    const count = async () => (await ownerQuery<{ n: number }>(t, `SELECT count(*)::int AS n FROM audit_event WHERE action = 'organisation.oversight_read'`))[0].n;
    const before = await count();
    const r = (await committee.get('/api/oversight/organisations')).json();
    expect(r.suppressBelow).toMatchObject({ [bigZone]: 5, [smallZone]: 5, [strictZone]: 10 });
    expect(await count()).toBe(before + 1);
    const [ev] = await ownerQuery<{ organisation_id: string; record_type: string; details: Record<string, unknown> }>(t,
      `SELECT organisation_id, record_type, details FROM audit_event WHERE action = 'organisation.oversight_read' ORDER BY id DESC LIMIT 1`);
    expect(ev).toEqual({ organisation_id: comiteP, record_type: 'organisation', details: { organisations: r.items.length, suppressedCells: r.items.filter((i: { suppressed: boolean }) => i.suppressed).length } });
  });

  it('returns nothing personal', async () => {
    const body = (await inspector.get('/api/oversight/organisations')).body;
    expect(body).not.toContain('Naam');
    expect(body).not.toContain('Voornaam');
    expect(Object.keys((await inspector.get('/api/oversight/organisations')).json().items[0]).sort()).toEqual(['code', 'headcount', 'id', 'kind', 'names', 'parentId', 'suppressed']);
  });

  it('is refused to zone staff, zone chiefs and to an oversight grant in an organisation that is not an oversight body', async () => {
    const chief = await sessionFor(t, (await createUser(t, { roles: [{ orgId: bigZone, role: 'chief' }] })).id);
    expect((await chief.get('/api/oversight/organisations')).statusCode).toBe(403);
    const u = await createUser(t);
    // planted behind the API, which refuses this grant: the policy still checks the organisation kind
    await ownerQuery(t, `INSERT INTO role_assignment (organisation_id, user_id, role, valid_from) VALUES ($1, $2, 'oversight', current_date)`, [bigZone, u.id]);
    expect((await (await sessionFor(t, u.id)).get('/api/oversight/organisations')).statusCode).toBe(403);
    expect((await anonymous(t).get('/api/oversight/organisations')).statusCode).toBe(401);
  });

  it('an oversight user cannot read the staff, units, roles or header of a zone', async () => {
    const [person] = await ownerQuery<{ id: string }>(t, `SELECT id FROM person WHERE organisation_id = $1 LIMIT 1`, [bigZone]);
    for (const url of [`/api/orgs/${bigZone}/people`, `/api/orgs/${bigZone}/people/${person.id}`, `/api/orgs/${bigZone}/people/export.csv`, `/api/orgs/${bigZone}/units`, `/api/orgs/${bigZone}/roles`, `/api/orgs/${bigZone}`]) {
      expect((await inspector.get(url)).statusCode, url).toBe(403);
    }
    expect((await inspector.get(`/api/orgs/${aig}/people`)).statusCode).toBe(403);
    expect((await ownerQuery(t, `SELECT count(*)::int AS n FROM audit_event WHERE action = 'person.read'`))[0]).toEqual({ n: 0 });
  });
});
