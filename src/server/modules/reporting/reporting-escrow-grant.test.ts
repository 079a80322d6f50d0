import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUser, ownerQuery, unlockedSessionFor, type Session, type TestApp } from '../../../test/app.js';
import type { ReportListItem } from './contract.js';
import { api, filed, openChannel, portalToken, pub, publicRequest, readReport, reportingWorld, someAnswers, type ReportingWorld } from './reporting.testkit.js';

/**
 * A report filed while none of its recipients had a key pair (the officer never signed in since
 * the vault exists) is sealed only to the escrow key and the receipt. Once the officer has a key
 * pair, the report shows as waiting (not an error, not listed), and the escrow key's holder grants
 * it to them: the platform vault asks the module who holds the report, and seals to them only.
 */
let t: TestApp;
let w: ReportingWorld;
let newcomer: { id: string; email: string };
let report: { id: string; reference: string; receipt: string };
const MARKER = `ONBEKEND-${process.pid}`;

beforeAll(async () => {
  t = await createTestApp();
  w = await reportingWorld(t);
  // A new integrity officer who has never signed in: no key pair yet.
  newcomer = await createUser(t, { roles: [{ orgId: w.org, role: 'integrity_officer' }] });
  await openChannel(w, { recipients: [{ userId: newcomer.id, kind: 'primary' }, { userId: w.users.alternate.id, kind: 'alternate' }] });
  expect(await ownerQuery(t, `SELECT 1 FROM user_key WHERE user_id = $1`, [newcomer.id])).toHaveLength(0);
  report = await filed(t, w, { answers: someAnswers(`Gezien door ${MARKER}`) });
});
afterAll(async () => { await t.close(); });

const listOf = async (s: Session) => {
  const r = await s.get(api(w, '/reports'));
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as { items: ReportListItem[]; waitingForAccess: number };
};
const escrowView = async () => (await w.s.officer.get(`/api/orgs/${w.org}/vault/escrow`)).json() as {
  waitingForRecovery: { userId: string; displayName: string; count: number; pending: number }[];
};

describe('a report filed before its only recipient had a key pair', () => {
  let s: Session;

  it('is sealed to nobody but the escrow key and the receipt', async () => {
    const grants = await ownerQuery<{ holder_kind: string }>(t, `
      SELECT g.holder_kind FROM record_key_grant g JOIN record_key k ON k.id = g.record_key_id WHERE k.record_id = $1 ORDER BY 1`, [report.id]);
    expect(grants.map((g) => g.holder_kind)).toEqual(['escrow', 'secret']);
  });

  it('after the first sign-in and unlock (key pair made) shows as waiting in the list, not listed and not an error; the report itself is 404', async () => {
    // A signed-in session (second factor done) whose key is unlocked with the password: the first unlock makes the key pair.
    s = await unlockedSessionFor(t, newcomer.id);
    expect(await ownerQuery(t, `SELECT 1 FROM user_key WHERE user_id = $1`, [newcomer.id])).toHaveLength(1);
    const list = await listOf(s);
    expect(list.items).toEqual([]);
    expect(list.waitingForAccess).toBe(1);
    expect((await s.get(api(w, `/reports/${report.id}`))).statusCode).toBe(404);
    // Others with no part see no waiting report: the count says nothing about reports of others.
    expect((await listOf(w.s.officer)).waitingForAccess).toBe(0);
  });

  it('the escrow card lists the person with the report pending; a wrong key grants nothing', async () => {
    expect((await escrowView()).waitingForRecovery).toEqual(expect.arrayContaining([
      expect.objectContaining({ userId: newcomer.id, count: 0, pending: 1 }),
    ]));
    const bad = await w.s.officer.post(`/api/orgs/${w.org}/vault/recover`, { escrowKey: 'kompas-escrow-1:AAAA', userId: newcomer.id });
    expect([bad.statusCode, bad.json().code]).toEqual([400, 'escrow_key_invalid']);
    expect((await listOf(s)).waitingForAccess).toBe(1);
    // Only the escrow key holder's role may do it.
    expect((await w.s.staff.post(`/api/orgs/${w.org}/vault/recover`, { escrowKey: w.escrowKey, userId: newcomer.id })).statusCode).toBe(403);
  });

  it('the grant with the escrow key opens it for the recipient, for nobody else, and is audited per report', async () => {
    const r = await w.s.officer.post(`/api/orgs/${w.org}/vault/recover`, { escrowKey: w.escrowKey, userId: newcomer.id });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toEqual({ renewed: 0, granted: 1 });

    const list = await listOf(s);
    expect(list.items.map((x) => x.id)).toEqual([report.id]);
    expect(list.waitingForAccess).toBe(0);
    const view = await readReport(s, w, report.id);
    expect(JSON.stringify(view.answers)).toContain(MARKER);

    // The officer who typed the escrow key is not a recipient of this report: still no access.
    expect((await w.s.officer.get(api(w, `/reports/${report.id}`))).statusCode).toBe(404);
    expect((await escrowView()).waitingForRecovery.find((x) => x.userId === newcomer.id)).toBeUndefined();
    // A second run finds nothing to grant.
    expect((await w.s.officer.post(`/api/orgs/${w.org}/vault/recover`, { escrowKey: w.escrowKey, userId: newcomer.id })).json()).toEqual({ renewed: 0, granted: 0 });

    const events = await ownerQuery<{ action: string; actor_user_id: string; record_type: string; record_id: string; details: { userId?: string; granted?: number } }>(t, `
      SELECT action, actor_user_id, record_type, record_id, details FROM audit_event
       WHERE organisation_id = $1 AND action IN ('vault.escrow_grant', 'vault.recover') ORDER BY occurred_at, action`, [w.org]);
    expect(events.filter((e) => e.action === 'vault.escrow_grant')).toEqual([
      { action: 'vault.escrow_grant', actor_user_id: w.users.officer.id, record_type: 'report', record_id: report.id, details: { userId: newcomer.id } },
    ]);
    expect(events.filter((e) => e.action === 'vault.recover').map((e) => e.details.granted)).toEqual([1, 0]);
  });

  it('the reporter still reads it through the receipt', async () => {
    const token = await portalToken(t, w, report.receipt);
    const r = await publicRequest(t, { method: 'GET', url: pub(w, '/portal'), headers: { 'x-kompas-report-token': token } });
    expect(r.statusCode, r.body).toBe(200);
  });
});

describe('who is never granted by the escrow key', () => {
  it('a person excluded by the reporter, a chief told of deadlines and someone of another zone get nothing', async () => {
    const excluded = await createUser(t, { roles: [{ orgId: w.org, role: 'integrity_officer' }] });
    await openChannel(w, { recipients: [{ userId: excluded.id, kind: 'primary' }, { userId: w.users.alternate.id, kind: 'alternate' }] });
    const { id } = await filed(t, w, { exclude: [excluded.id] });
    const s = await unlockedSessionFor(t, excluded.id);
    expect((await listOf(s)).waitingForAccess).toBe(0);
    for (const userId of [excluded.id, w.users.chief.id, w.users.otherOfficer.id]) {
      const r = await w.s.officer.post(`/api/orgs/${w.org}/vault/recover`, { escrowKey: w.escrowKey, userId });
      expect(r.json(), userId).toEqual({ renewed: 0, granted: 0 });
    }
    expect((await s.get(api(w, `/reports/${id}`))).statusCode).toBe(404);
    // A recipient whose role has ended is not granted either.
    const ended = await createUser(t, { roles: [{ orgId: w.org, role: 'integrity_officer' }] });
    await openChannel(w, { recipients: [{ userId: ended.id, kind: 'primary' }, { userId: w.users.alternate.id, kind: 'alternate' }] });
    await filed(t, w);
    await unlockedSessionFor(t, ended.id);
    await ownerQuery(t, `UPDATE role_assignment SET withdrawn_at = now() WHERE user_id = $1`, [ended.id]);
    expect((await w.s.officer.post(`/api/orgs/${w.org}/vault/recover`, { escrowKey: w.escrowKey, userId: ended.id })).json()).toEqual({ renewed: 0, granted: 0 });
    const grants = await ownerQuery<{ user_id: string }>(t, `
      SELECT g.user_id FROM record_key_grant g JOIN record_key k ON k.id = g.record_key_id WHERE k.record_id = $1 AND g.holder_kind = 'user'`, [id]);
    expect(grants.map((g) => g.user_id)).toEqual([w.users.alternate.id]);
  });
});
