import { sql } from 'drizzle-orm';
import sodium from 'libsodium-wrappers-sumo';
import { AppError, conflict, invalid } from '../errors.js';
import type { Queryable } from '../db/pool.js';
import { uuidArray } from '../deadlines/service.js';
import { decodeEscrowKey, deriveKey, encodeEscrowKey, fingerprint, newKeyPair, openSealed, publicKeyOf, randomBytes, sealTo, type KeyPair } from './cipher.js';
import { recordHolderTypes } from './holders.js';
import { grantRecordKey, openRecordKeyWithSecret, type OpenRecordKey, type RecordRef } from './records.js';

export interface EscrowStatus {
  fingerprint: string;
  createdAt: string;
}

export async function escrowStatus(tx: Queryable, organisationId: string): Promise<EscrowStatus | null> {
  const r = await tx.execute<{ fingerprint: string; created_at: Date }>(sql`SELECT fingerprint, created_at FROM org_escrow_key WHERE organisation_id = ${organisationId}`);
  return r.rows[0] ? { fingerprint: r.rows[0].fingerprint, createdAt: new Date(r.rows[0].created_at).toISOString() } : null;
}

/**
 * Creates the organisation's escrow key pair once. The private key is returned to show once
 * (`kompas-escrow-1:…`) and is not kept: whoever creates it prints or stores it offline
 * (docs/operations.md, "Escrow key"). 409 `escrow_key_exists` the second time.
 */
export async function createEscrowKey(tx: Queryable, organisationId: string, createdBy: string | null): Promise<{ privateKeyText: string; fingerprint: string }> {
  const kp = newKeyPair();
  const fp = fingerprint(kp.publicKey);
  const r = await tx.execute(sql`
    INSERT INTO org_escrow_key (organisation_id, public_key, fingerprint, receipt_salt, created_by)
    VALUES (${organisationId}, ${kp.publicKey}, ${fp}, ${randomBytes(16)}, ${createdBy})
    ON CONFLICT (organisation_id) DO NOTHING RETURNING organisation_id`);
  if (r.rows.length === 0) throw conflict('escrow_key_exists');
  return { privateKeyText: encodeEscrowKey(kp.privateKey), fingerprint: fp };
}

/** The escrow key pair from its text, checked against the organisation's stored public key (400 `escrow_key_invalid` otherwise). */
export async function escrowKeyPair(tx: Queryable, organisationId: string, text: string): Promise<KeyPair> {
  const privateKey = decodeEscrowKey(text);
  const r = await tx.execute<{ public_key: Buffer }>(sql`SELECT public_key FROM org_escrow_key WHERE organisation_id = ${organisationId}`);
  if (!r.rows[0]) throw new AppError('escrow_key_missing', 409);
  if (!privateKey || !publicKeyOf(privateKey).equals(r.rows[0].public_key)) throw invalid('escrow_key_invalid', 'escrowKey');
  return { publicKey: r.rows[0].public_key, privateKey };
}

/** Opens one record's key with the escrow key pair. */
export async function openRecordKeyWithEscrow(tx: Queryable, ref: RecordRef, escrow: KeyPair): Promise<OpenRecordKey | null> {
  const r = await tx.execute<{ key_id: string; sealed_key: Buffer }>(sql`
    SELECT g.record_key_id AS key_id, g.sealed_key FROM record_key k JOIN record_key_grant g ON g.record_key_id = k.id
     WHERE k.organisation_id = ${ref.organisationId} AND k.record_type = ${ref.recordType} AND k.record_id = ${ref.recordId} AND g.holder_kind = 'escrow'`);
  return r.rows[0] ? { ...ref, keyId: r.rows[0].key_id, key: openSealed(r.rows[0].sealed_key, escrow) } : null;
}

/**
 * Recovery after a lost password (docs/operations.md): every grant of the organisation sealed to
 * a key pair the person no longer has (its `sealed_to` is not their current fingerprint) is sealed
 * again to their current public key, from the escrow grant. Grants are only renewed, never added:
 * who may read what does not change. Returns how many grants were renewed.
 */
export async function recoverGrants(tx: Queryable, organisationId: string, userId: string, escrow: KeyPair): Promise<number> {
  const r = await tx.execute<{ grant_id: string; escrow_sealed: Buffer; public_key: Buffer; fingerprint: string }>(sql`
    SELECT g.id AS grant_id, e.sealed_key AS escrow_sealed, u.public_key, u.fingerprint
      FROM record_key_grant g
      JOIN user_key u ON u.user_id = g.user_id
      JOIN record_key_grant e ON e.record_key_id = g.record_key_id AND e.holder_kind = 'escrow'
     WHERE g.organisation_id = ${organisationId} AND g.holder_kind = 'user' AND g.user_id = ${userId} AND g.sealed_to <> u.fingerprint`);
  for (const row of r.rows) {
    const key = openSealed(row.escrow_sealed, escrow);
    await tx.execute(sql`UPDATE record_key_grant SET sealed_key = ${sealTo(row.public_key, key)}, sealed_to = ${row.fingerprint} WHERE id = ${row.grant_id}`);
  }
  return r.rows.length;
}

/** How many of an organisation's grants wait for recovery, per person (shown to the officer). */
export async function staleGrants(tx: Queryable, organisationId: string): Promise<{ userId: string; count: number }[]> {
  const r = await tx.execute<{ user_id: string; n: number }>(sql`
    SELECT g.user_id, count(*)::int AS n FROM record_key_grant g JOIN user_key u ON u.user_id = g.user_id
     WHERE g.organisation_id = ${organisationId} AND g.holder_kind = 'user' AND g.sealed_to <> u.fingerprint GROUP BY g.user_id`);
  return r.rows.map((x) => ({ userId: x.user_id, count: x.n }));
}

/** A grant the escrow key can make: a person the module names as a holder, with a key pair now, who holds no grant on the record. */
export interface PendingGrant extends RecordRef {
  userId: string;
}

/**
 * The grants that wait for the escrow key: records of the organisation whose module says the
 * person may read them (`registerRecordHolders`), who has a key pair now but holds no grant on
 * them at all (they had no key pair when the record's key was made, and nobody holding the record
 * has opened it since to complete the grants). Expired time-limited grants and grants sealed to a
 * replaced key pair are not pending: the first ended on purpose, the second waits for `recoverGrants`.
 */
export async function pendingGrants(tx: Queryable, organisationId: string, userId?: string): Promise<PendingGrant[]> {
  const out: PendingGrant[] = [];
  for (const h of recordHolderTypes()) {
    const pairs = await h.holders(tx, organisationId, { userId });
    if (pairs.length === 0) continue;
    const r = await tx.execute<{ record_id: string; user_id: string }>(sql`
      SELECT p.record_id, p.user_id
        FROM unnest(${uuidArray(pairs.map((x) => x.recordId))}::uuid[], ${uuidArray(pairs.map((x) => x.userId))}::uuid[]) AS p(record_id, user_id)
        JOIN record_key k ON k.organisation_id = ${organisationId} AND k.record_type = ${h.recordType} AND k.record_id = p.record_id
       WHERE EXISTS (SELECT 1 FROM user_key u WHERE u.user_id = p.user_id)
         AND EXISTS (SELECT 1 FROM record_key_grant e WHERE e.record_key_id = k.id AND e.holder_kind = 'escrow')
         AND NOT EXISTS (SELECT 1 FROM record_key_grant g WHERE g.record_key_id = k.id AND g.holder_kind = 'user' AND g.user_id = p.user_id)
       GROUP BY p.record_id, p.user_id
       ORDER BY p.user_id, p.record_id`);
    for (const row of r.rows) out.push({ organisationId, recordType: h.recordType, recordId: row.record_id, userId: row.user_id });
  }
  return out;
}

/**
 * Grants from the escrow key (docs/operations.md, "Escrow key"): each of the person's pending
 * grants (`pendingGrants`) is opened from the record's escrow grant and sealed to their current
 * public key. Only to whom the module names: it completes the access list, never widens it.
 * Returns the records granted (the caller audits each).
 */
export async function grantFromEscrow(tx: Queryable, organisationId: string, userId: string, escrow: KeyPair, grantedBy: string | null): Promise<RecordRef[]> {
  const granted: RecordRef[] = [];
  for (const p of await pendingGrants(tx, organisationId, userId)) {
    const ref: RecordRef = { organisationId, recordType: p.recordType, recordId: p.recordId };
    const key = await openRecordKeyWithEscrow(tx, ref, escrow);
    if (!key) continue;
    try {
      if ((await grantRecordKey(tx, key, [userId], { grantedBy })).granted.length) granted.push(ref);
    } finally {
      key.key.fill(0);
    }
  }
  return granted;
}

/** A receipt: 16 random digits (about 53 bits), shown once to the reporter, in groups of four. */
export function newReceipt(): string {
  let s = '';
  for (let i = 0; i < 16; i++) s += String(sodium.randombytes_uniform(10));
  return s.replace(/(\d{4})(?=\d)/g, '$1 ');
}

/** The digits of a receipt as typed (spaces, dashes removed); null when it cannot be one. */
export function normaliseReceipt(typed: string): string | null {
  const d = typed.replace(/[\s-]/g, '');
  return /^\d{16}$/.test(d) ? d : null;
}

/**
 * The look-up hash of a receipt: Argon2id under the organisation's receipt salt (the only form in
 * which a receipt is stored). Deterministic per organisation, so the report is found by index.
 */
export async function receiptLookupHash(tx: Queryable, organisationId: string, receiptDigits: string): Promise<string> {
  const r = await tx.execute<{ receipt_salt: Buffer }>(sql`SELECT receipt_salt FROM org_escrow_key WHERE organisation_id = ${organisationId}`);
  if (!r.rows[0]) throw new AppError('escrow_key_missing', 409);
  return (await deriveKey(receiptDigits, r.rows[0].receipt_salt)).toString('hex');
}

/**
 * Opens a record's key with the receipt a person typed (a reporter's receipt, a complainant's status
 * code): its look-up hash finds the record (`find`), the digits open the key sealed under them. Null
 * for a code that is unknown, of another organisation, or of a record whose key is gone, and when the
 * organisation has no escrow key: the caller answers all of them alike.
 */
export async function openRecordKeyWithReceipt(tx: Queryable, organisationId: string, receiptDigits: string, o: {
  find: (lookupHash: string) => Promise<string | null>; ref: (recordId: string) => RecordRef;
}): Promise<OpenRecordKey | null> {
  let hash: string;
  try {
    hash = await receiptLookupHash(tx, organisationId, receiptDigits);
  } catch {
    return null;
  }
  const id = await o.find(hash);
  return id ? openRecordKeyWithSecret(tx, o.ref(id), receiptDigits) : null;
}
