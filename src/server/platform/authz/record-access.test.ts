import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createOrganisation, createTestApp, createUser, ownerQuery, type TestApp } from '../../../test/app.js';
import { withOrgTx } from '../db/tx.js';
import type { Actor } from './actor.js';
import {
  accessibleRecordIds, excludeFromRecord, grantRecordAccess, recordAccessFilter, recordAccessList, requireRecordAccess, revokeRecordAccess,
  type RecordAccessRule,
} from './record-access.js';

/**
 * The rule on a stand-in confidential table (a real table in the test database, as the
 * reporting channel's will be): the integrity officer sees all reports, others only those they
 * are assigned to, and an implicated person sees none — whatever their role.
 */
const rule: RecordAccessRule = { recordType: 'report', rolesSeeingAll: ['integrity_officer'] };

let t: TestApp;
let org: string;
let other: string;
const ids: string[] = [];
const actors: Record<string, Actor> = {};
const ctx = (a: Actor) => ({ actorUserId: a.userId, ip: '127.0.0.1' });

function actor(userId: string, orgId: string, role: Actor['grants'][number]['role']): Actor {
  return { userId, sessionId: 's', email: 'e', displayName: 'd', locale: 'nl', mfaVerified: true, totpEnabled: true, isPlatformAdmin: false, grants: [{ organisationId: orgId, role }] };
}

beforeAll(async () => {
  t = await createTestApp();
  org = await createOrganisation(t);
  other = await createOrganisation(t);
  await ownerQuery(t, `CREATE TABLE test_report (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), organisation_id uuid NOT NULL, title text NOT NULL)`);
  await ownerQuery(t, `GRANT SELECT ON test_report TO kompas_app`);
  for (const title of ['A', 'B', 'C']) ids.push((await ownerQuery<{ id: string }>(t, `INSERT INTO test_report (organisation_id, title) VALUES ($1, $2) RETURNING id`, [org, title]))[0].id);
  for (const [name, role] of [['officer', 'integrity_officer'], ['implicatedOfficer', 'integrity_officer'], ['handler', 'complaint_handler'], ['outsider', 'staff_member']] as const) {
    actors[name] = actor((await createUser(t)).id, org, role);
  }
  await withOrgTx(t.db.db, org, async (tx) => {
    await grantRecordAccess(tx, ctx(actors.officer), { organisationId: org, recordType: 'report', recordId: ids[1] }, actors.handler.userId, 'handler');
    await excludeFromRecord(tx, ctx(actors.officer), { organisationId: org, recordType: 'report', recordId: ids[0] }, actors.implicatedOfficer.userId);
  });
});
afterAll(async () => { await t.close(); });

const listFor = (a: Actor) => withOrgTx(t.db.db, org, async (tx) =>
  (await tx.execute<{ title: string }>(sql`SELECT title FROM test_report r WHERE r.organisation_id = ${org} AND ${recordAccessFilter(a, org, rule, sql`r.id`)} ORDER BY title`)).rows.map((r) => r.title));

describe('per-record access list', () => {
  it('filters lists in SQL: role-wide readers, assigned persons, and nobody implicated', async () => {
    expect(await listFor(actors.officer)).toEqual(['A', 'B', 'C']);
    expect(await listFor(actors.implicatedOfficer)).toEqual(['B', 'C']);
    expect(await listFor(actors.handler)).toEqual(['B']);
    expect(await listFor(actors.outsider)).toEqual([]);
  });

  it('decides a batch of ids in one call, with the same answers as the list filter', async () => {
    const check = (a: Actor) => withOrgTx(t.db.db, org, (tx) => accessibleRecordIds(tx, a, org, rule, [...ids, 'not-a-uuid', "'; DROP TABLE test_report; --"]));
    expect([...(await check(actors.officer))].sort()).toEqual([...ids].sort());
    expect(await check(actors.implicatedOfficer)).toEqual(new Set([ids[1], ids[2]]));
    expect(await check(actors.handler)).toEqual(new Set([ids[1]]));
    expect((await check(actors.outsider)).size).toBe(0);
    // A role in another organisation counts for nothing here.
    expect((await withOrgTx(t.db.db, org, (tx) => accessibleRecordIds(tx, actor(actors.officer.userId, other, 'integrity_officer'), org, rule, ids))).size).toBe(0);
  });

  it('answers 404 to someone who may not read, so the record is not even confirmed to exist', async () => {
    await expect(withOrgTx(t.db.db, org, (tx) => requireRecordAccess(tx, actors.implicatedOfficer, org, rule, ids[0], 'record'))).rejects.toMatchObject({ code: 'not_found', status: 404 });
    await expect(withOrgTx(t.db.db, org, (tx) => requireRecordAccess(tx, actors.handler, org, rule, ids[1]))).resolves.toBeUndefined();
  });

  it('excluding an assigned person ends their assignment and refuses new grants', async () => {
    const ref = { organisationId: org, recordType: 'report', recordId: ids[2] };
    await withOrgTx(t.db.db, org, (tx) => grantRecordAccess(tx, ctx(actors.officer), ref, actors.outsider.userId, 'investigator'));
    expect(await listFor(actors.outsider)).toEqual(['C']);
    await withOrgTx(t.db.db, org, (tx) => excludeFromRecord(tx, ctx(actors.officer), ref, actors.outsider.userId));
    expect(await listFor(actors.outsider)).toEqual([]);
    await expect(withOrgTx(t.db.db, org, (tx) => grantRecordAccess(tx, ctx(actors.officer), ref, actors.outsider.userId, 'reader'))).rejects.toMatchObject({ code: 'record_access_excluded', status: 409 });
    const list = await withOrgTx(t.db.db, org, (tx) => recordAccessList(tx, ref));
    expect(list.map((e) => e.access)).toEqual(['excluded']);
  });

  it('revokes, and audits every grant, revocation and exclusion in the organisation chain', async () => {
    const ref = { organisationId: org, recordType: 'report', recordId: ids[1] };
    await withOrgTx(t.db.db, org, (tx) => revokeRecordAccess(tx, ctx(actors.officer), ref, actors.handler.userId, 'handler'));
    expect(await listFor(actors.handler)).toEqual([]);
    const events = await ownerQuery<{ action: string }>(t, `SELECT action FROM audit_event WHERE organisation_id = $1 AND record_type = 'report' ORDER BY id`, [org]);
    expect(events.map((e) => e.action)).toEqual(['record_access.grant', 'record_access.exclude', 'record_access.grant', 'record_access.exclude', 'record_access.revoke']);
  });

  it('row-level security keeps the access lists of other organisations out of reach', async () => {
    const seen = await withOrgTx(t.db.db, other, (tx) => tx.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM record_access`));
    expect(seen.rows[0].n).toBe(0);
  });
});
