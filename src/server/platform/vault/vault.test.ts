import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, createOrganisation, createTestApp, createUser, ownerQuery, sessionFor, TEST_PASSWORD, unlockedSessionFor, type Session, type TestApp } from '../../../test/app.js';
import { withOrgTx } from '../db/tx.js';
import { AppError } from '../errors.js';
import { forgetSession, putUnlocked } from './keyring.js';
import {
  createEscrowKey, createRecordKey, decryptText, destroyRecordKey, encryptField, grantRecordKey, hasRecordGrant, newReceipt, normaliseReceipt,
  openRecordKey, openRecordKeyWithEscrow, openRecordKeyWithSecret, openUserKey, receiptLookupHash, escrowKeyPair, revokeRecordKey, userKeyOf, type RecordRef,
  createUserKey, grantFromEscrow, pendingGrants, registerRecordHolders,
} from './index.js';

let t: TestApp;
let org: string;
let other: string;
let escrowText: string;
const marker = `VERTROUWELIJK-${randomBytes(4).toString('hex')}`;

beforeAll(async () => {
  t = await createTestApp();
  org = await createOrganisation(t);
  other = await createOrganisation(t);
  escrowText = (await withOrgTx(t.db.db, org, (tx) => createEscrowKey(tx, org, null))).privateKeyText;
  await withOrgTx(t.db.db, other, (tx) => createEscrowKey(tx, other, null));
});
afterAll(async () => { await t.close(); });

const ref = (organisationId = org): RecordRef => ({ organisationId, recordType: 'test_record', recordId: crypto.randomUUID() });
/** The session id behind a test session (the keyring is per session). */
async function sessionIdOf(userId: string): Promise<string> {
  return (await ownerQuery<{ id: string }>(t, `SELECT id FROM user_session WHERE user_id = $1 AND revoked_at IS NULL ORDER BY created_at DESC LIMIT 1`, [userId]))[0].id;
}
async function holder(userId: string) { return { userId, sessionId: await sessionIdOf(userId) }; }
const code = async (p: Promise<unknown>) => p.then(() => 'opened', (e) => (e instanceof AppError ? `${e.status} ${e.code}` : String(e)));

async function personWithKey(): Promise<{ id: string; s: Session }> {
  const u = await createUser(t, { roles: [{ orgId: org, role: 'integrity_officer' }] });
  return { id: u.id, s: await unlockedSessionFor(t, u.id) };
}

describe('key pairs', () => {
  it('a password sign-in creates the key pair and unlocks it; only the wrapped private key is stored', async () => {
    const u = await createUser(t, { roles: [{ orgId: org, role: 'staff_member' }] });
    const b = anonymous(t);
    expect((await b.post('/api/auth/login', { email: u.email, password: TEST_PASSWORD })).statusCode).toBe(200);
    const status = (await b.get('/api/auth/vault')).json();
    expect(status).toEqual({ hasKey: true, unlocked: true, secretKind: 'password' });
    const stored = (await userKeyOf(t.db.db, u.id))!;
    const keys = (await openUserKey(stored, TEST_PASSWORD))!;
    expect(await openUserKey(stored, 'not the password')).toBeNull();
    // The private key's bytes appear nowhere in the database in clear.
    const hex = keys.privateKey.toString('hex');
    const hits = await ownerQuery(t, `SELECT 1 FROM user_key WHERE position(decode($1, 'hex') in sealed_private_key) > 0 OR encode(sealed_private_key, 'hex') LIKE '%' || $1 || '%'`, [hex]);
    expect(hits).toHaveLength(0);
    expect(stored.kdfMemoryKib).toBeGreaterThanOrEqual(19_456);
  });

  it('a session without the key unlocked answers 423 vault_locked; unlock with a wrong password is refused and audited', async () => {
    const p = await personWithKey();
    const r = ref();
    await withOrgTx(t.db.db, org, (tx) => createRecordKey(tx, r, { users: [p.id] }));
    const h = await holder(p.id);
    forgetSession(h.sessionId);
    expect((await p.s.get('/api/auth/vault')).json().unlocked).toBe(false);
    expect(await code(withOrgTx(t.db.db, org, (tx) => openRecordKey(tx, r, h)))).toBe('423 vault_locked');
    const wrong = await p.s.post('/api/auth/vault/unlock', { secret: 'guess' });
    expect([wrong.statusCode, wrong.json().code]).toEqual([400, 'vault_secret_invalid']);
    expect((await p.s.post('/api/auth/vault/unlock', { secret: TEST_PASSWORD })).statusCode).toBe(200);
    expect(await code(withOrgTx(t.db.db, org, (tx) => openRecordKey(tx, r, h)))).toBe('opened');
    const events = await ownerQuery<{ action: string }>(t, `SELECT action FROM audit_event WHERE record_id = $1 AND action LIKE 'vault.%'`, [p.id]);
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(['vault.unlock', 'vault.unlock_failed']));
  });
});

describe('record keys', () => {
  it('seals to the escrow key, each person with a key pair and the receipt; content binds record and field', async () => {
    const a = await personWithKey();
    const noKey = await createUser(t, { roles: [{ orgId: org, role: 'integrity_officer' }] });
    const r = ref();
    const receipt = newReceipt();
    const digits = normaliseReceipt(receipt)!;
    const { recordKey, missing } = await withOrgTx(t.db.db, org, (tx) => createRecordKey(tx, r, { users: [a.id, noKey.id], secret: digits }));
    expect(missing).toEqual([noKey.id]);
    const box = encryptField(recordKey, 'content', marker);
    expect(box.includes(Buffer.from(marker))).toBe(false);

    const forA = await withOrgTx(t.db.db, org, async (tx) => openRecordKey(tx, r, await holder(a.id)));
    expect(decryptText(forA, 'content', box)).toBe(marker);
    expect(() => decryptText(forA, 'message:1', box)).toThrow();
    expect(() => decryptText({ ...forA, recordId: crypto.randomUUID() }, 'content', box)).toThrow();

    const bySecret = await withOrgTx(t.db.db, org, (tx) => openRecordKeyWithSecret(tx, r, digits));
    expect(decryptText(bySecret!, 'content', box)).toBe(marker);
    expect(await withOrgTx(t.db.db, org, (tx) => openRecordKeyWithSecret(tx, r, '0000000000000000'))).toBeNull();
    const escrow = await withOrgTx(t.db.db, org, async (tx) => openRecordKeyWithEscrow(tx, r, await escrowKeyPair(tx, org, escrowText)));
    expect(decryptText(escrow!, 'content', box)).toBe(marker);
  });

  it('without a grant 403, after revocation 403, a time-limited grant ends; another organisation does not see the key', async () => {
    const a = await personWithKey();
    const b = await personWithKey();
    const c = await personWithKey();
    const r = ref();
    const { recordKey } = await withOrgTx(t.db.db, org, (tx) => createRecordKey(tx, r, { users: [a.id] }));
    expect(await code(withOrgTx(t.db.db, org, async (tx) => openRecordKey(tx, r, await holder(b.id))))).toBe('403 forbidden');
    await withOrgTx(t.db.db, org, async (tx) => {
      await grantRecordKey(tx, recordKey, [b.id], { grantedBy: a.id });
      await grantRecordKey(tx, recordKey, [c.id], { expiresAt: new Date(Date.now() - 1000) });
    });
    expect(await code(withOrgTx(t.db.db, org, async (tx) => openRecordKey(tx, r, await holder(b.id))))).toBe('opened');
    expect(await code(withOrgTx(t.db.db, org, async (tx) => openRecordKey(tx, r, await holder(c.id))))).toBe('403 forbidden');
    expect(await withOrgTx(t.db.db, org, (tx) => hasRecordGrant(tx, r, c.id))).toBe(false);
    expect(await withOrgTx(t.db.db, org, (tx) => revokeRecordKey(tx, r, b.id))).toBe(true);
    expect(await code(withOrgTx(t.db.db, org, async (tx) => openRecordKey(tx, r, await holder(b.id))))).toBe('403 forbidden');
    // Row-level security: the other organisation's transaction sees neither key nor grant.
    expect(await code(withOrgTx(t.db.db, other, async (tx) => openRecordKey(tx, { ...r }, await holder(a.id))))).toBe('403 forbidden');
    expect(await withOrgTx(t.db.db, other, (tx) => tx.execute(`SELECT 1 FROM record_key WHERE record_id = '${r.recordId}'` as never))).toMatchObject({ rows: [] });
  });

  it('an organisation without escrow key cannot create record keys (409 escrow_key_missing); a second escrow key is refused', async () => {
    const bare = await createOrganisation(t);
    expect(await code(withOrgTx(t.db.db, bare, (tx) => createRecordKey(tx, ref(bare), { users: [] })))).toBe('409 escrow_key_missing');
    expect(await code(withOrgTx(t.db.db, org, (tx) => createEscrowKey(tx, org, null)))).toBe('409 escrow_key_exists');
  });

  it('destroying the key leaves nothing that opens the content (retention by crypto-shredding)', async () => {
    const a = await personWithKey();
    const r = ref();
    const digits = normaliseReceipt(newReceipt())!;
    await withOrgTx(t.db.db, org, (tx) => createRecordKey(tx, r, { users: [a.id], secret: digits }));
    expect(await withOrgTx(t.db.db, org, (tx) => destroyRecordKey(tx, r))).toBe(true);
    expect(await withOrgTx(t.db.db, org, (tx) => openRecordKeyWithSecret(tx, r, digits))).toBeNull();
    expect(await code(withOrgTx(t.db.db, org, async (tx) => openRecordKey(tx, r, await holder(a.id))))).toBe('403 forbidden');
    expect(await ownerQuery(t, `SELECT 1 FROM record_key_grant g JOIN record_key k ON k.id = g.record_key_id WHERE k.record_id = $1`, [r.recordId])).toHaveLength(0);
  });
});

describe('password change, reset and recovery with the escrow key', () => {
  it('a password change keeps access; a reset replaces the key pair and access waits for recovery with the escrow key', async () => {
    const a = await personWithKey();
    const officer = await createUser(t, { roles: [{ orgId: org, role: 'integrity_officer' }] });
    const r = ref();
    const { recordKey } = await withOrgTx(t.db.db, org, (tx) => createRecordKey(tx, r, { users: [a.id] }));
    const box = encryptField(recordKey, 'content', marker);

    const NEW = 'another long passphrase 2026';
    expect((await a.s.post('/api/auth/password/change', { currentPassword: TEST_PASSWORD, newPassword: NEW })).statusCode).toBe(204);
    const b = anonymous(t);
    expect((await b.post('/api/auth/login', { email: (await ownerQuery<{ email: string }>(t, `SELECT email FROM app_user WHERE id = $1`, [a.id]))[0].email, password: NEW })).statusCode).toBe(200);
    const opened = await withOrgTx(t.db.db, org, async (tx) => openRecordKey(tx, r, await holder(a.id)));
    expect(decryptText(opened, 'content', box)).toBe(marker);

    // A reset (forgotten password): the reset route with a real token replaces the key pair.
    const { createPasswordToken } = await import('../auth/personal-links.js');
    const token = await t.db.db.transaction((tx) => createPasswordToken(tx as never, a.id, 'reset', 60));
    const RESET = 'a fresh password after forgetting';
    expect((await anonymous(t).post('/api/auth/password/reset', { token, password: RESET })).statusCode).toBe(204);
    const again = anonymous(t);
    const email = (await ownerQuery<{ email: string }>(t, `SELECT email FROM app_user WHERE id = $1`, [a.id]))[0].email;
    expect((await again.post('/api/auth/login', { email, password: RESET })).statusCode).toBe(200);
    expect(await code(withOrgTx(t.db.db, org, async (tx) => openRecordKey(tx, r, await holder(a.id))))).toBe('409 vault_grant_stale');

    const os = await sessionFor(t, officer.id);
    const view = (await os.get(`/api/orgs/${org}/vault/escrow`)).json();
    expect(view.waitingForRecovery).toEqual(expect.arrayContaining([expect.objectContaining({ userId: a.id, count: 1 })]));
    const bad = await os.post(`/api/orgs/${org}/vault/recover`, { escrowKey: 'kompas-escrow-1:AAAA', userId: a.id });
    expect([bad.statusCode, bad.json().code]).toEqual([400, 'escrow_key_invalid']);
    const rec = await os.post(`/api/orgs/${org}/vault/recover`, { escrowKey: escrowText, userId: a.id });
    expect(rec.json()).toEqual({ renewed: 1, granted: 0 });
    const back = await withOrgTx(t.db.db, org, async (tx) => openRecordKey(tx, r, await holder(a.id)));
    expect(decryptText(back, 'content', box)).toBe(marker);
    const events = await ownerQuery<{ action: string }>(t, `SELECT action FROM audit_event WHERE organisation_id = $1 AND action = 'vault.recover'`, [org]);
    expect(events.length).toBeGreaterThanOrEqual(1);
  });

  it('the escrow routes are the integrity officer\'s only; the key is shown once at creation', async () => {
    const fresh = await createOrganisation(t);
    const officer = await createUser(t, { roles: [{ orgId: fresh, role: 'integrity_officer' }] });
    const staff = await createUser(t, { roles: [{ orgId: fresh, role: 'staff_member' }] });
    expect((await (await sessionFor(t, staff.id)).get(`/api/orgs/${fresh}/vault/escrow`)).statusCode).toBe(403);
    const os = await sessionFor(t, officer.id);
    expect((await os.get(`/api/orgs/${fresh}/vault/escrow`)).json().escrow).toBeNull();
    const created = await os.post(`/api/orgs/${fresh}/vault/escrow`);
    expect(created.statusCode).toBe(201);
    expect(created.json().privateKey).toMatch(/^kompas-escrow-1:[A-Za-z0-9_-]{43}$/);
    expect((await os.get(`/api/orgs/${fresh}/vault/escrow`)).json().escrow.fingerprint).toBe(created.json().fingerprint);
    expect((await os.post(`/api/orgs/${fresh}/vault/escrow`)).statusCode).toBe(409);
    const stored = await ownerQuery<{ hits: number }>(t, `SELECT count(*)::int AS hits FROM org_escrow_key WHERE encode(public_key, 'base64') LIKE '%' || $1 || '%'`, [created.json().privateKey.slice(16, 40)]);
    expect(stored[0].hits).toBe(0);
  });
});

describe('receipts', () => {
  it('16 random digits in groups of four; the look-up hash is deterministic per organisation and differs between them', async () => {
    const r1 = newReceipt();
    expect(r1).toMatch(/^\d{4} \d{4} \d{4} \d{4}$/);
    expect(new Set(Array.from({ length: 50 }, newReceipt)).size).toBe(50);
    expect(normaliseReceipt('1234-5678 9012 3456')).toBe('1234567890123456');
    expect(normaliseReceipt('1234')).toBeNull();
    expect(normaliseReceipt('abcd5678901234567')).toBeNull();
    const d = normaliseReceipt(r1)!;
    const h1 = await withOrgTx(t.db.db, org, (tx) => receiptLookupHash(tx, org, d));
    expect(await withOrgTx(t.db.db, org, (tx) => receiptLookupHash(tx, org, d))).toBe(h1);
    expect(await withOrgTx(t.db.db, other, (tx) => receiptLookupHash(tx, other, d))).not.toBe(h1);
    expect(h1).not.toContain(d);
  });
});

describe('grants from the escrow key (records made before a holder had a key pair)', () => {
  // A record type whose module names its holders from a list: the vault seals to them and to nobody else.
  const named: { recordId: string; userId: string }[] = [];
  registerRecordHolders({
    recordType: 'test_held',
    holders: async (_tx, organisationId, { userId }) => (organisationId === org ? named.filter((p) => !userId || p.userId === userId) : []),
  });

  it('seals the key to a named holder who now has a key pair, once; a person not named gets nothing', async () => {
    const later = await createUser(t, { roles: [{ orgId: org, role: 'integrity_officer' }] });
    const stranger = await createUser(t, { roles: [{ orgId: org, role: 'integrity_officer' }] });
    const r: RecordRef = { organisationId: org, recordType: 'test_held', recordId: crypto.randomUUID() };
    const { recordKey, missing } = await withOrgTx(t.db.db, org, (tx) => createRecordKey(tx, r, { users: [later.id] }));
    expect(missing).toEqual([later.id]);
    const box = encryptField(recordKey, 'content', marker);
    named.push({ recordId: r.recordId, userId: later.id });
    // No key pair yet: nothing can be sealed to them, so nothing is pending.
    expect(await withOrgTx(t.db.db, org, (tx) => pendingGrants(tx, org, later.id))).toEqual([]);

    // Their first unlock (as the unlock route does; this file's sessions already spend its rate limit).
    await sessionFor(t, later.id);
    putUnlocked((await holder(later.id)).sessionId, later.id, (await createUserKey(t.db.db, later.id, TEST_PASSWORD, 'password'))!);
    await createUserKey(t.db.db, stranger.id, TEST_PASSWORD, 'password');
    expect(await withOrgTx(t.db.db, org, (tx) => pendingGrants(tx, org))).toEqual(expect.arrayContaining([{ ...r, userId: later.id }]));
    expect(await code(withOrgTx(t.db.db, org, async (tx) => openRecordKey(tx, r, await holder(later.id))))).toBe('403 forbidden');

    const granted = await withOrgTx(t.db.db, org, async (tx) => grantFromEscrow(tx, org, later.id, await escrowKeyPair(tx, org, escrowText), null));
    expect(granted).toEqual([r]);
    const opened = await withOrgTx(t.db.db, org, async (tx) => openRecordKey(tx, r, await holder(later.id)));
    expect(decryptText(opened, 'content', box)).toBe(marker);
    expect(await withOrgTx(t.db.db, org, (tx) => pendingGrants(tx, org, later.id))).toEqual([]);
    expect(await withOrgTx(t.db.db, org, async (tx) => grantFromEscrow(tx, org, stranger.id, await escrowKeyPair(tx, org, escrowText), null))).toEqual([]);
    expect(await code(withOrgTx(t.db.db, org, (tx) => openRecordKey(tx, r, { userId: stranger.id, sessionId: crypto.randomUUID() })))).toBe('403 forbidden');
    // Another organisation's transaction finds nothing pending (row-level security and the module's own scope).
    expect(await withOrgTx(t.db.db, other, (tx) => pendingGrants(tx, other))).toEqual([]);
  });
});
