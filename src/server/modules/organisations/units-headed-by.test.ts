import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation, createTestApp, createUser, ownerQuery, sessionFor, type TestApp } from '../../../test/app.js';
import { withOrgTx } from '../../platform/db/tx.js';
import type { PlanTree } from '../plan/contract.js';
import { unitsHeadedBy } from './service.js';

/**
 * "The units a head of service answers for" has one answer, in this module, used by the plan
 * rights and monthly listing and by the staff register: the unit of each staff record in service,
 * every unit under it, in this organisation, while the head_of_service role is current.
 */
let t: TestApp;
let org: string;
let other: string;
const u: Record<string, string> = {};
const year = new Date().getUTCFullYear();

const unit = async (orgId: string, code: string, parent: string | null) =>
  (await ownerQuery<{ id: string }>(t, `INSERT INTO org_unit (organisation_id, code, name, parent_id) VALUES ($1, $2, $2, $3) RETURNING id`, [orgId, code, parent]))[0].id;
let n = 0;
const person = (orgId: string, userId: string | null, unitId: string, from = '2015-01-01', to: string | null = null) =>
  ownerQuery(t, `INSERT INTO person (organisation_id, personnel_number, first_name, last_name, staff_category, start_date, end_date, unit_id, user_id)
                 VALUES ($1, $2, 'Voornaam', 'Naam', 'operational', $3, $4, $5, $6)`, [orgId, `U${++n}`, from, to, unitId, userId]);
const role = (orgId: string, userId: string, validFrom: string, validTo: string | null = null, withdrawn = false) =>
  ownerQuery(t, `INSERT INTO role_assignment (organisation_id, user_id, role, valid_from, valid_to, withdrawn_at)
                 VALUES ($1, $2, 'head_of_service', $3, $4, CASE WHEN $5 THEN now() END)`, [orgId, userId, validFrom, validTo, withdrawn]);
const answer = async (orgId: string, userId: string, on?: string) =>
  (await withOrgTx(t.deps.database.db, orgId, (tx) => unitsHeadedBy(tx, orgId, userId, on))).sort();
const ids = (...codes: string[]) => codes.map((c) => u[c]).sort();
const newUser = async () => (await createUser(t)).id;

beforeAll(async () => {
  t = await createTestApp();
  org = await createOrganisation(t);
  other = await createOrganisation(t);
  // OPS ─┬─ REC ── REC-LOK ── REC-LOK-N
  //      └─ WIJK                          DIT (another branch)
  u.OPS = await unit(org, 'OPS', null);
  u.REC = await unit(org, 'REC', u.OPS);
  u.REC_LOK = await unit(org, 'REC-LOK', u.REC);
  u.REC_LOK_N = await unit(org, 'REC-LOK-N', u.REC_LOK);
  u.WIJK = await unit(org, 'WIJK', u.OPS);
  u.DIT = await unit(org, 'DIT', null);
  u.X = await unit(other, 'X', null);
  // A unit of the other organisation hung under this one's REC (bad data): never part of the answer here.
  u.X_UNDER_REC = await unit(other, 'X-REC', u.REC);
});
afterAll(async () => { await t?.close(); });

describe('unitsHeadedBy', () => {
  it('covers the unit of the staff record and every unit under it, nothing beside or above', async () => {
    const head = await newUser();
    await role(org, head, '2020-01-01');
    await person(org, head, u.REC);
    expect(await answer(org, head)).toEqual(ids('REC', 'REC_LOK', 'REC_LOK_N'));
  });

  it('takes every staff record in service (two postings), not ended or future ones', async () => {
    const head = await newUser();
    await role(org, head, '2020-01-01');
    await person(org, head, u.WIJK, '2015-01-01');
    await person(org, head, u.DIT, '2024-01-01');
    await person(org, head, u.REC, '2010-01-01', '2014-12-31'); // left that unit
    await person(org, head, u.OPS, `${year + 2}-01-01`); // not yet
    expect(await answer(org, head)).toEqual(ids('WIJK', 'DIT'));
    // On a day before the second posting began, only the first.
    expect(await answer(org, head, '2023-06-01')).toEqual(ids('WIJK'));
  });

  it('only while the head_of_service role is current: withdrawn, expired, future or absent give nothing', async () => {
    for (const [from, to, withdrawn] of [['2020-01-01', null, true], ['2020-01-01', '2021-12-31', false], [`${year + 1}-01-01`, null, false]] as const) {
      const head = await newUser();
      await role(org, head, from, to, withdrawn);
      await person(org, head, u.REC);
      expect(await answer(org, head)).toEqual([]);
    }
    const staffOnly = await newUser();
    await person(org, staffOnly, u.REC);
    expect(await answer(org, staffOnly)).toEqual([]);
    // Head of service in another organisation only.
    const elsewhere = await newUser();
    await role(other, elsewhere, '2020-01-01');
    await person(org, elsewhere, u.REC);
    expect(await answer(org, elsewhere)).toEqual([]);
  });

  it('stays in the organisation asked about', async () => {
    const head = await newUser();
    await role(org, head, '2020-01-01');
    await role(other, head, '2020-01-01');
    await person(org, head, u.REC_LOK);
    await person(other, head, u.X);
    expect(await answer(org, head)).toEqual(ids('REC_LOK', 'REC_LOK_N'));
    expect(await answer(other, head)).toEqual(ids('X'));
    // A staff record of this organisation pointing at another organisation's unit gives nothing.
    const crossed = await newUser();
    await role(org, crossed, '2020-01-01');
    await person(org, crossed, u.X);
    expect(await answer(org, crossed)).toEqual([]);
  });
});

describe('the plan and the staff register use the same answer', () => {
  it('a head with two postings sees the staff and the action notes of both branches, and nothing else', async () => {
    const head = await createUser(t, { roles: [{ orgId: org, role: 'head_of_service' }] });
    await person(org, head.id, u.REC, '2015-01-01');
    await person(org, head.id, u.DIT, '2024-01-01');
    const officer = await createUser(t, { roles: [{ orgId: org, role: 'integrity_officer' }] });
    const so = await sessionFor(t, officer.id);
    const sh = await sessionFor(t, head.id);

    const people = (await sh.get(`/api/orgs/${org}/people?pageSize=200`)).json().items as { unitId: string }[];
    const expected = await answer(org, head.id);
    expect(expected).toEqual(ids('REC', 'REC_LOK', 'REC_LOK_N', 'DIT'));
    expect(people.length).toBeGreaterThan(0);
    expect([...new Set(people.map((p) => p.unitId))].every((id) => expected.includes(id))).toBe(true);
    expect(people.map((p) => p.unitId)).toEqual(expect.arrayContaining([u.REC, u.REC_LOK, u.DIT]));

    const plan = (await so.post(`/api/orgs/${org}/plans`, { title: 'Plan', periodFrom: year, periodTo: year + 1 })).json() as PlanTree;
    const base = `/api/orgs/${org}/plans/${plan.plan.id}`;
    const sd = (await so.post(`${base}/objectives`, { code: 'SD 1', title: 'SD' })).json().id;
    const od = (await so.post(`${base}/objectives`, { parentId: sd, code: 'OD 1.1', title: 'OD' })).json().id;
    for (const code of ['REC_LOK_N', 'DIT', 'WIJK']) {
      expect((await so.post(`${base}/actions`, { objectiveId: od, title: code, ownerUnitId: u[code], notes: `nota ${code}` })).statusCode).toBe(201);
    }
    const tree = (await sh.get(base)).json() as PlanTree;
    const actions = tree.objectives.flatMap((o) => o.children).flatMap((o) => o.actions);
    expect(Object.fromEntries(actions.map((a) => [a.title, a.notesVisible]))).toEqual({ REC_LOK_N: true, DIT: true, WIJK: false });
  });
});
