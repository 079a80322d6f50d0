import { sql } from 'drizzle-orm';
import type { Queryable } from '../db/pool.js';
import { uuidArray } from '../deadlines/service.js';
import { deriveKey, fingerprint, KDF, newKeyPair, publicKeyOf, randomBytes, unwrap, wrap, type KeyPair } from './cipher.js';
import { putUnlocked } from './keyring.js';

/** A person's key pair as stored: public half in clear, private half wrapped under their secret. */
export interface StoredUserKey {
  userId: string;
  publicKey: Buffer;
  fingerprint: string;
  sealedPrivateKey: Buffer;
  kdfSalt: Buffer;
  kdfMemoryKib: number;
  kdfIterations: number;
  secretKind: 'password' | 'passphrase';
}

type Row = { user_id: string; public_key: Buffer; fingerprint: string; sealed_private_key: Buffer; kdf_salt: Buffer; kdf_memory_kib: number; kdf_iterations: number; secret_kind: 'password' | 'passphrase' };
const fromRow = (r: Row): StoredUserKey => ({
  userId: r.user_id, publicKey: r.public_key, fingerprint: r.fingerprint, sealedPrivateKey: r.sealed_private_key,
  kdfSalt: r.kdf_salt, kdfMemoryKib: r.kdf_memory_kib, kdfIterations: r.kdf_iterations, secretKind: r.secret_kind,
});

export async function userKeyOf(db: Queryable, userId: string): Promise<StoredUserKey | null> {
  const r = await db.execute<Row>(sql`SELECT * FROM user_key WHERE user_id = ${userId}`);
  return r.rows[0] ? fromRow(r.rows[0]) : null;
}

/** The public keys of several people (those without a key pair yet are absent). */
export async function publicKeysOf(db: Queryable, userIds: readonly string[]): Promise<Map<string, { publicKey: Buffer; fingerprint: string }>> {
  const out = new Map<string, { publicKey: Buffer; fingerprint: string }>();
  if (userIds.length === 0) return out;
  const r = await db.execute<{ user_id: string; public_key: Buffer; fingerprint: string }>(
    sql`SELECT user_id, public_key, fingerprint FROM user_key WHERE user_id = ANY(${uuidArray(userIds)}::uuid[])`);
  for (const row of r.rows) out.set(row.user_id, { publicKey: row.public_key, fingerprint: row.fingerprint });
  return out;
}

/** Opens the private key with the person's secret; null when the secret is not the one it was wrapped with. */
export async function openUserKey(stored: StoredUserKey, secret: string): Promise<KeyPair | null> {
  const k = await deriveKey(secret, stored.kdfSalt, { memoryKib: stored.kdfMemoryKib, iterations: stored.kdfIterations });
  const privateKey = unwrap(k, stored.sealedPrivateKey);
  if (!privateKey || !publicKeyOf(privateKey).equals(stored.publicKey)) return null;
  return { publicKey: stored.publicKey, privateKey };
}

async function wrapped(keys: KeyPair, secret: string) {
  const salt = randomBytes(16);
  return { salt, sealed: wrap(await deriveKey(secret, salt), keys.privateKey) };
}

/**
 * Gives the person a new key pair wrapped under `secret`, replacing any earlier one (a password
 * reset: the old private key cannot be opened any more, so grants sealed to it wait for recovery
 * with the escrow key; they are recognised by their `sealed_to` fingerprint).
 */
export async function replaceUserKey(tx: Queryable, userId: string, secret: string, kind: 'password' | 'passphrase'): Promise<KeyPair> {
  const keys = newKeyPair();
  const w = await wrapped(keys, secret);
  await tx.execute(sql`
    INSERT INTO user_key (user_id, public_key, fingerprint, sealed_private_key, kdf_salt, kdf_memory_kib, kdf_iterations, secret_kind)
    VALUES (${userId}, ${keys.publicKey}, ${fingerprint(keys.publicKey)}, ${w.sealed}, ${w.salt}, ${KDF.memoryKib}, ${KDF.iterations}, ${kind})
    ON CONFLICT (user_id) DO UPDATE SET public_key = EXCLUDED.public_key, fingerprint = EXCLUDED.fingerprint,
      sealed_private_key = EXCLUDED.sealed_private_key, kdf_salt = EXCLUDED.kdf_salt, kdf_memory_kib = EXCLUDED.kdf_memory_kib,
      kdf_iterations = EXCLUDED.kdf_iterations, secret_kind = EXCLUDED.secret_kind, created_at = now()`);
  return keys;
}

/** A first key pair; when another sign-in created one meanwhile, that one (opened with the same secret). */
export async function createUserKey(db: Queryable, userId: string, secret: string, kind: 'password' | 'passphrase'): Promise<KeyPair | null> {
  const keys = newKeyPair();
  const w = await wrapped(keys, secret);
  const r = await db.execute(sql`
    INSERT INTO user_key (user_id, public_key, fingerprint, sealed_private_key, kdf_salt, kdf_memory_kib, kdf_iterations, secret_kind)
    VALUES (${userId}, ${keys.publicKey}, ${fingerprint(keys.publicKey)}, ${w.sealed}, ${w.salt}, ${KDF.memoryKib}, ${KDF.iterations}, ${kind})
    ON CONFLICT (user_id) DO NOTHING RETURNING user_id`);
  if (r.rows.length === 1) return keys;
  const stored = await userKeyOf(db, userId);
  return stored ? openUserKey(stored, secret) : null;
}

/** The same key pair wrapped under a new secret (password change: grants stay valid). */
export async function rewrapUserKey(tx: Queryable, userId: string, keys: KeyPair, secret: string, kind: 'password' | 'passphrase'): Promise<void> {
  const w = await wrapped(keys, secret);
  await tx.execute(sql`
    UPDATE user_key SET sealed_private_key = ${w.sealed}, kdf_salt = ${w.salt}, kdf_memory_kib = ${KDF.memoryKib},
           kdf_iterations = ${KDF.iterations}, secret_kind = ${kind}
     WHERE user_id = ${userId}`);
}

/**
 * At password sign-in: opens the person's key pair into the session's memory, creating it on the
 * first sign-in. A key wrapped under something else (a passphrase, or a password set by a reset
 * that could not rewrap) stays locked: the person unlocks it with that secret, or is recovered.
 */
export async function unlockAtPasswordSignIn(db: Queryable, userId: string, sessionId: string, password: string): Promise<boolean> {
  const stored = await userKeyOf(db, userId);
  const keys = stored ? (stored.secretKind === 'password' ? await openUserKey(stored, password) : null) : await createUserKey(db, userId, password, 'password');
  if (!keys) return false;
  putUnlocked(sessionId, userId, keys);
  return true;
}
