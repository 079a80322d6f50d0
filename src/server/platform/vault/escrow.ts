import { sql } from 'drizzle-orm';
import sodium from 'libsodium-wrappers-sumo';
import { AppError, conflict, invalid } from '../errors.js';
import type { Queryable } from '../db/pool.js';
import { decodeEscrowKey, deriveKey, encodeEscrowKey, fingerprint, newKeyPair, openSealed, publicKeyOf, randomBytes, sealTo, type KeyPair } from './cipher.js';
import type { OpenRecordKey, RecordRef } from './records.js';

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
