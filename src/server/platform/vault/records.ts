import { sql } from 'drizzle-orm';
import { AppError, forbidden } from '../errors.js';
import type { Queryable } from '../db/pool.js';
import { decrypt, deriveKey, encrypt, fingerprint, newRecordKeyBytes, openSealed, randomBytes, sealTo, unwrap, VaultCryptoError, wrap } from './cipher.js';
import { unlockedKeys } from './keyring.js';
import { publicKeysOf } from './user-keys.js';

/** The record an encryption key belongs to (the module's record type and id, as for files and deadlines). */
export interface RecordRef {
  organisationId: string;
  recordType: string;
  recordId: string;
}

/** A record key opened for this request. Never stored, logged or returned to a client. */
export interface OpenRecordKey extends RecordRef {
  keyId: string;
  key: Buffer;
}

/** Who is opening: a signed-in person's session, whose unlocked key pair is in memory (keyring.ts). */
export interface KeyHolder {
  userId: string;
  sessionId: string;
}

/** 423: the person's key is not unlocked in this session (after a restart, or single sign-on): they unlock with their password. */
export const vaultLocked = () => new AppError('vault_locked', 423);

async function escrowPublicKey(tx: Queryable, organisationId: string): Promise<{ publicKey: Buffer; fingerprint: string }> {
  const r = await tx.execute<{ public_key: Buffer; fingerprint: string }>(sql`SELECT public_key, fingerprint FROM org_escrow_key WHERE organisation_id = ${organisationId}`);
  if (!r.rows[0]) throw new AppError('escrow_key_missing', 409);
  return { publicKey: r.rows[0].public_key, fingerprint: r.rows[0].fingerprint };
}

async function sealToUsers(tx: Queryable, k: OpenRecordKey, userIds: readonly string[], opts: { expiresAt?: Date | null; grantedBy?: string | null }) {
  const keys = await publicKeysOf(tx, userIds);
  const granted: string[] = [];
  for (const userId of new Set(userIds)) {
    const pk = keys.get(userId);
    if (!pk) continue;
    await tx.execute(sql`
      INSERT INTO record_key_grant (organisation_id, record_key_id, holder_kind, user_id, sealed_to, sealed_key, expires_at, granted_by)
      VALUES (${k.organisationId}, ${k.keyId}, 'user', ${userId}, ${pk.fingerprint}, ${sealTo(pk.publicKey, k.key)}, ${opts.expiresAt ?? null}, ${opts.grantedBy ?? null})
      ON CONFLICT (record_key_id, user_id) WHERE holder_kind = 'user'
      DO UPDATE SET sealed_to = EXCLUDED.sealed_to, sealed_key = EXCLUDED.sealed_key, expires_at = EXCLUDED.expires_at, granted_by = EXCLUDED.granted_by, created_on = CURRENT_DATE`);
    granted.push(userId);
  }
  return { granted, missing: [...new Set(userIds)].filter((u) => !keys.has(u)) };
}

/**
 * A new record key, sealed to the organisation's escrow key (required: without it the channel
 * cannot promise recovery, 409 `escrow_key_missing`), to each person in `users` who has a key pair
 * (`missing` lists those without one yet), and under `secret` when given (a reporter's receipt).
 */
export async function createRecordKey(tx: Queryable, ref: RecordRef, holders: { users: readonly string[]; secret?: string; grantedBy?: string | null }): Promise<{ recordKey: OpenRecordKey; missing: string[] }> {
  const escrow = await escrowPublicKey(tx, ref.organisationId);
  const r = await tx.execute<{ id: string }>(sql`
    INSERT INTO record_key (organisation_id, record_type, record_id) VALUES (${ref.organisationId}, ${ref.recordType}, ${ref.recordId}) RETURNING id`);
  const recordKey: OpenRecordKey = { ...ref, keyId: r.rows[0].id, key: newRecordKeyBytes() };
  await tx.execute(sql`
    INSERT INTO record_key_grant (organisation_id, record_key_id, holder_kind, sealed_to, sealed_key)
    VALUES (${ref.organisationId}, ${recordKey.keyId}, 'escrow', ${escrow.fingerprint}, ${sealTo(escrow.publicKey, recordKey.key)})`);
  if (holders.secret !== undefined) {
    const salt = randomBytes(16);
    await tx.execute(sql`
      INSERT INTO record_key_grant (organisation_id, record_key_id, holder_kind, sealed_key, salt)
      VALUES (${ref.organisationId}, ${recordKey.keyId}, 'secret', ${wrap(await deriveKey(holders.secret, salt), recordKey.key)}, ${salt})`);
  }
  const { missing } = await sealToUsers(tx, recordKey, holders.users, { grantedBy: holders.grantedBy });
  return { recordKey, missing };
}

/**
 * Opens a record's key for a signed-in person: 403 without a current grant (the module decides
 * access first; this is the cryptographic second lock), 423 `vault_locked` when their key pair is
 * not unlocked in this session.
 */
export async function openRecordKey(tx: Queryable, ref: RecordRef, holder: KeyHolder): Promise<OpenRecordKey> {
  const r = await tx.execute<{ key_id: string; sealed_key: Buffer; sealed_to: string }>(sql`
    SELECT g.record_key_id AS key_id, g.sealed_key, g.sealed_to
      FROM record_key k JOIN record_key_grant g ON g.record_key_id = k.id
     WHERE k.organisation_id = ${ref.organisationId} AND k.record_type = ${ref.recordType} AND k.record_id = ${ref.recordId}
       AND g.holder_kind = 'user' AND g.user_id = ${holder.userId} AND (g.expires_at IS NULL OR g.expires_at > now())`);
  const g = r.rows[0];
  if (!g) throw forbidden();
  const keys = unlockedKeys(holder.sessionId, holder.userId);
  if (!keys) throw vaultLocked();
  // A grant sealed to a replaced key pair (password reset) waits for recovery with the escrow key.
  if (g.sealed_to !== fingerprint(keys.publicKey)) throw new AppError('vault_grant_stale', 409);
  return { ...ref, keyId: g.key_id, key: openSealed(g.sealed_key, keys) };
}

/** Whether the person holds a current grant on the record (no key is opened). */
export async function hasRecordGrant(tx: Queryable, ref: RecordRef, userId: string): Promise<boolean> {
  const r = await tx.execute(sql`
    SELECT 1 FROM record_key k JOIN record_key_grant g ON g.record_key_id = k.id
     WHERE k.organisation_id = ${ref.organisationId} AND k.record_type = ${ref.recordType} AND k.record_id = ${ref.recordId}
       AND g.holder_kind = 'user' AND g.user_id = ${userId} AND (g.expires_at IS NULL OR g.expires_at > now())`);
  return r.rows.length > 0;
}

/** Opens a record's key with the secret it was wrapped under (the reporter's receipt); null when it does not open. */
export async function openRecordKeyWithSecret(tx: Queryable, ref: RecordRef, secret: string): Promise<OpenRecordKey | null> {
  const r = await tx.execute<{ key_id: string; sealed_key: Buffer; salt: Buffer }>(sql`
    SELECT g.record_key_id AS key_id, g.sealed_key, g.salt
      FROM record_key k JOIN record_key_grant g ON g.record_key_id = k.id
     WHERE k.organisation_id = ${ref.organisationId} AND k.record_type = ${ref.recordType} AND k.record_id = ${ref.recordId} AND g.holder_kind = 'secret'`);
  for (const g of r.rows) {
    const key = unwrap(await deriveKey(secret, g.salt), g.sealed_key);
    if (key) return { ...ref, keyId: g.key_id, key };
  }
  return null;
}

/** Seals an open record key to more people (a recipient who joins, a core-group member for the time of the advice). */
export async function grantRecordKey(tx: Queryable, k: OpenRecordKey, userIds: readonly string[], opts: { expiresAt?: Date | null; grantedBy?: string | null } = {}) {
  return sealToUsers(tx, k, userIds, opts);
}

/** Removes a person's grant on one record: the server keeps nothing it could open for them. */
export async function revokeRecordKey(tx: Queryable, ref: RecordRef, userId: string): Promise<boolean> {
  const r = await tx.execute(sql`
    DELETE FROM record_key_grant g USING record_key k
     WHERE g.record_key_id = k.id AND k.organisation_id = ${ref.organisationId} AND k.record_type = ${ref.recordType}
       AND k.record_id = ${ref.recordId} AND g.holder_kind = 'user' AND g.user_id = ${userId} RETURNING g.id`);
  return r.rows.length > 0;
}

/** Removes every grant a person holds on an organisation's records of one type (a recipient who leaves). */
export async function revokeUserGrants(tx: Queryable, organisationId: string, recordType: string, userId: string): Promise<number> {
  const r = await tx.execute(sql`
    DELETE FROM record_key_grant g USING record_key k
     WHERE g.record_key_id = k.id AND k.organisation_id = ${organisationId} AND k.record_type = ${recordType}
       AND g.holder_kind = 'user' AND g.user_id = ${userId} RETURNING g.id`);
  return r.rows.length;
}

/** Deletes expired time-limited grants (run by the daily clean-up). */
export async function deleteExpiredGrants(tx: Queryable): Promise<number> {
  const r = await tx.execute(sql`DELETE FROM record_key_grant WHERE expires_at IS NOT NULL AND expires_at <= now() RETURNING id`);
  return r.rows.length;
}

/**
 * Destroys a record's key and every grant of it: what was encrypted under it can never be read
 * again by anyone (retention deletion; the module deletes the ciphertexts too).
 */
export async function destroyRecordKey(tx: Queryable, ref: RecordRef): Promise<boolean> {
  const r = await tx.execute(sql`
    DELETE FROM record_key WHERE organisation_id = ${ref.organisationId} AND record_type = ${ref.recordType} AND record_id = ${ref.recordId} RETURNING id`);
  return r.rows.length > 0;
}

/** Encrypts one field of a record (text or bytes); the record and field are bound into the ciphertext. */
export const encryptField = (k: OpenRecordKey, field: string, plain: string | Uint8Array): Buffer =>
  encrypt(k.key, typeof plain === 'string' ? Buffer.from(plain, 'utf8') : plain, `${k.recordType}:${k.recordId}:${field}`);

export const decryptBytes = (k: OpenRecordKey, field: string, stored: Uint8Array): Buffer =>
  decrypt(k.key, stored, `${k.recordType}:${k.recordId}:${field}`);

export const decryptText = (k: OpenRecordKey, field: string, stored: Uint8Array): string => decryptBytes(k, field, stored).toString('utf8');

export { VaultCryptoError };
