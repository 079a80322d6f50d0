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
