import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUser, ifMatch, ownerQuery, sessionFor, unlockedSessionFor, type Session, type TestApp } from '../../../test/app.js';
import { complaintsErrors } from './messages.js';
import { api, complaintsWorld, filed, openDesk, readComplaint, triaged, type ComplaintsWorld } from './complaints.testkit.js';

/**
 * A coordinator or a handler who had no key pair when a complaint arrived or was assigned to them
 * (never signed in with a password) is not sealed to it. The desk registers who holds a complaint
 * (vault-holders.ts: the coordinators, the assigned handler), so once they have a key pair the
 * escrow key's holder grants it to them, and to nobody the desk does not name. Assigning such a
 * handler is not refused (as the reporting channel does with an investigator): their grant waits.
 */
let t: TestApp;
let w: ComplaintsWorld;
let officer: Session;
const MARKER = `ESCROW-${process.pid}`;
beforeAll(async () => {
  t = await createTestApp();
  w = await complaintsWorld(t);
  await openDesk(w);
  const o = await createUser(t, { roles: [{ orgId: w.org, role: 'integrity_officer' }] });
  officer = await sessionFor(t, o.id);
});
afterAll(async () => { await t.close(); });

const recover = (userId: string, escrowKey = w.escrowKey, s = officer) => s.post(`/api/orgs/${w.org}/vault/recover`, { escrowKey, userId });
const hasKeyPair = async (userId: string) => (await ownerQuery(t, `SELECT 1 FROM user_key WHERE user_id = $1`, [userId])).length > 0;
const userGrants = async (complaintId: string) => (await ownerQuery<{ user_id: string }>(t, `
  SELECT g.user_id FROM record_key_grant g JOIN record_key k ON k.id = g.record_key_id WHERE k.record_id = $1 AND g.holder_kind = 'user' ORDER BY 1`, [complaintId])).map((g) => g.user_id);
const pendingOf = async (userId: string) => {
  const r = await officer.get(`/api/orgs/${w.org}/vault/escrow`);
  expect(r.statusCode, r.body).toBe(200);
  return (r.json().waitingForRecovery as { userId: string; pending: number }[]).find((x) => x.userId === userId)?.pending ?? 0;
};

describe('a coordinator who had no key pair when the complaint arrived', () => {
  let newcomer: { id: string };
  let complaint: { id: string };
  let s: Session;

  it('is not sealed to it; after their first unlock it is listed but does not open (409 complaints_access_pending, a message that says why)', async () => {
    newcomer = await createUser(t, { roles: [{ orgId: w.org, role: 'complaints_coordinator' }] });
    complaint = await filed(t, w, { what: `Gezien door ${MARKER}` });
    expect(await userGrants(complaint.id)).toEqual([w.users.coordinator.id]);
    s = await unlockedSessionFor(t, newcomer.id);
    expect(await hasKeyPair(newcomer.id)).toBe(true);
    expect(((await s.get(api(w))).json().items as { id: string }[]).map((x) => x.id)).toContain(complaint.id);
    const r = await s.get(api(w, `/${complaint.id}`));
    expect(r.statusCode, r.body).toBe(409);
    expect(r.json().code).toBe('complaints_access_pending');
    expect(complaintsErrors.complaints_access_pending.message).toContain('escrow key');
  });

  it('the escrow card counts it as pending; a wrong key grants nothing; only the escrow role may grant', async () => {
    expect(await pendingOf(newcomer.id)).toBe(1);
    const bad = await recover(newcomer.id, 'kompas-escrow-1:AAAA');
    expect([bad.statusCode, bad.json().code]).toEqual([400, 'escrow_key_invalid']);
    expect((await recover(newcomer.id, w.escrowKey, w.s.coordinator)).statusCode).toBe(403);
    expect(await userGrants(complaint.id)).toEqual([w.users.coordinator.id]);
  });

  it('the grant with the escrow key opens it for them, and is audited per complaint; a second run finds nothing', async () => {
    const r = await recover(newcomer.id);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toEqual({ renewed: 0, granted: 1 });
    expect((await readComplaint(s, w, complaint.id)).facts.what).toBe(`Gezien door ${MARKER}`);
    expect(await pendingOf(newcomer.id)).toBe(0);
    expect((await recover(newcomer.id)).json()).toEqual({ renewed: 0, granted: 0 });
    const events = await ownerQuery<{ record_type: string; record_id: string; details: { userId: string } }>(t, `
      SELECT record_type, record_id, details FROM audit_event WHERE organisation_id = $1 AND action = 'vault.escrow_grant'`, [w.org]);
    expect(events).toEqual([{ record_type: 'complaint', record_id: complaint.id, details: { userId: newcomer.id } }]);
  });
});

describe('assigning a handler who has no key pair yet', () => {
  let fresh: { id: string };
  let complaint: { id: string };

  it('is recorded, not refused: the handler is assigned, the grant waits (keyPending in the audit)', async () => {
    fresh = await createUser(t, { roles: [{ orgId: w.org, role: 'complaint_handler' }] });
    complaint = await filed(t, w, { what: `Toegewezen aan een nieuwe behandelaar ${MARKER}` });
    const v = await readComplaint(w.s.coordinator, w, complaint.id);
    const r = await w.s.coordinator.post(api(w, `/${complaint.id}/triage`), { admissible: true, themes: ['behaviour'], seriousness: 'low', handlerUserId: fresh.id }, ifMatch(v.revision));
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ status: 'triaged', handler: { id: fresh.id } });
    expect(await userGrants(complaint.id)).not.toContain(fresh.id);
    const [a] = await ownerQuery<{ details: { handlerUserId: string; keyPending: boolean } }>(t, `
      SELECT details FROM audit_event WHERE organisation_id = $1 AND record_id = $2 AND action = 'complaints.triaged'`, [w.org, complaint.id]);
    expect(a.details).toMatchObject({ handlerUserId: fresh.id, keyPending: true });
  });

  it('after their first unlock the escrow key grants them that complaint only; other people get nothing', async () => {
    const s = await unlockedSessionFor(t, fresh.id);
    expect(((await s.get(api(w))).json().items as { id: string }[]).map((x) => x.id)).toEqual([complaint.id]);
    expect((await s.get(api(w, `/${complaint.id}`))).json().code).toBe('complaints_access_pending');
    expect(await pendingOf(fresh.id)).toBe(1);
    expect((await recover(fresh.id)).json()).toEqual({ renewed: 0, granted: 1 });
    expect((await readComplaint(s, w, complaint.id)).facts.what).toContain(MARKER);
    // Not the desk's holders: another handler, the chief, a coordinator of another zone.
    for (const u of [w.users.handler2.id, w.users.chief.id, w.users.otherCoordinator.id]) expect((await recover(u)).json(), u).toEqual({ renewed: 0, granted: 0 });
    expect((await w.s.handler2.get(api(w, `/${complaint.id}`))).statusCode).toBe(404);
  });

  it('a handler whose role has ended, or who was replaced, is not granted by the escrow key', async () => {
    const gone = await createUser(t, { roles: [{ orgId: w.org, role: 'complaint_handler' }] });
    const replaced = await createUser(t, { roles: [{ orgId: w.org, role: 'complaint_handler' }] });
    const a = await filed(t, w, { what: 'Rol beëindigd' });
    const b = await filed(t, w, { what: 'Vervangen' });
    const va = await readComplaint(w.s.coordinator, w, a.id);
    expect((await w.s.coordinator.post(api(w, `/${a.id}/triage`), { admissible: true, themes: ['behaviour'], seriousness: 'low', handlerUserId: gone.id }, ifMatch(va.revision))).statusCode).toBe(200);
    const rev = await triaged(w, b.id, 'handler');
    const vb = await w.s.coordinator.post(api(w, `/${b.id}/handler`), { userId: replaced.id }, ifMatch(rev));
    expect(vb.statusCode, vb.body).toBe(200);
    const back = await w.s.coordinator.post(api(w, `/${b.id}/handler`), { userId: w.users.handler.id }, ifMatch(vb.json().revision));
    expect(back.statusCode, back.body).toBe(200);
    await unlockedSessionFor(t, gone.id);
    await unlockedSessionFor(t, replaced.id);
    await ownerQuery(t, `UPDATE role_assignment SET withdrawn_at = now() WHERE user_id = $1`, [gone.id]);
    expect((await recover(gone.id)).json()).toEqual({ renewed: 0, granted: 0 });
    expect((await recover(replaced.id)).json()).toEqual({ renewed: 0, granted: 0 });
  });

  it('without the escrow key, the grant also follows when a coordinator opens the complaint', async () => {
    const later = await createUser(t, { roles: [{ orgId: w.org, role: 'complaint_handler' }] });
    const c = await filed(t, w, { what: `Later ${MARKER}` });
    const v = await readComplaint(w.s.coordinator, w, c.id);
    expect((await w.s.coordinator.post(api(w, `/${c.id}/triage`), { admissible: true, themes: ['behaviour'], seriousness: 'low', handlerUserId: later.id }, ifMatch(v.revision))).statusCode).toBe(200);
    const s = await unlockedSessionFor(t, later.id);
    expect((await s.get(api(w, `/${c.id}`))).statusCode).toBe(409);
    await readComplaint(w.s.coordinator, w, c.id);
    expect((await readComplaint(s, w, c.id)).facts.what).toBe(`Later ${MARKER}`);
  });
});
