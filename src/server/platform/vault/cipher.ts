import { createHash } from 'node:crypto';
import { hashRaw } from '@node-rs/argon2';
import sodium from 'libsodium-wrappers-sumo';

/**
 * The primitives of end-to-end encrypted records (decision 0016), all from libsodium except
 * Argon2id, which runs natively off the event loop (@node-rs/argon2, as for passwords).
 * - content: XChaCha20-Poly1305 (IETF AEAD) under the record key, with the record and field as
 *   associated data, so a ciphertext moved to another record or field does not open;
 * - key sealing to a person or the escrow key: crypto_box_seal (X25519, anonymous sender);
 * - key wrapping under a secret (password, passphrase, receipt): secretbox under Argon2id(secret).
 */
await sodium.ready;

/** Stored format of encrypted content: this header ‖ nonce (24) ‖ ciphertext+tag. */
const CONTENT_MAGIC = Buffer.from([0x00, 0x4b, 0x45, 0x01]);
const NONCE_BYTES = sodium.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;

/** Argon2id cost for keys derived from a secret: OWASP's recommended minimum (19 MiB, 2 passes). */
export const KDF = { memoryKib: 19_456, iterations: 2 } as const;

/** `Algorithm.Argon2id` of @node-rs/argon2 (an ambient const enum, not importable as a value here). */
const ARGON2ID = 2;

export class VaultCryptoError extends Error {}

export const randomBytes = (n: number): Buffer => Buffer.from(sodium.randombytes_buf(n));
export const newRecordKeyBytes = (): Buffer => Buffer.from(sodium.crypto_aead_xchacha20poly1305_ietf_keygen());

export interface KeyPair { publicKey: Buffer; privateKey: Buffer }
export function newKeyPair(): KeyPair {
  const kp = sodium.crypto_box_keypair();
  return { publicKey: Buffer.from(kp.publicKey), privateKey: Buffer.from(kp.privateKey) };
}
export const publicKeyOf = (privateKey: Uint8Array): Buffer => Buffer.from(sodium.crypto_scalarmult_base(privateKey));

/** A short, stable name of a public key (shown to people comparing escrow keys, stored in grants). */
export const fingerprint = (publicKey: Uint8Array): string => createHash('sha256').update(publicKey).digest('hex').slice(0, 32);

export function encrypt(key: Uint8Array, plain: Uint8Array, context: string): Buffer {
  const nonce = sodium.randombytes_buf(NONCE_BYTES);
  const box = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(plain, context, null, nonce, key);
  return Buffer.concat([CONTENT_MAGIC, nonce, box]);
}

export function decrypt(key: Uint8Array, stored: Uint8Array, context: string): Buffer {
  const b = Buffer.from(stored);
  if (b.length < CONTENT_MAGIC.length + NONCE_BYTES || !b.subarray(0, CONTENT_MAGIC.length).equals(CONTENT_MAGIC)) throw new VaultCryptoError('not encrypted content');
  const nonce = b.subarray(CONTENT_MAGIC.length, CONTENT_MAGIC.length + NONCE_BYTES);
  try {
    return Buffer.from(sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(null, b.subarray(CONTENT_MAGIC.length + NONCE_BYTES), context, nonce, key));
  } catch {
    throw new VaultCryptoError('content does not open with this key');
  }
}

export const isEncrypted = (stored: Uint8Array): boolean => Buffer.from(stored.subarray(0, CONTENT_MAGIC.length)).equals(CONTENT_MAGIC);

export const sealTo = (publicKey: Uint8Array, message: Uint8Array): Buffer => Buffer.from(sodium.crypto_box_seal(message, publicKey));

export function openSealed(sealed: Uint8Array, keys: KeyPair): Buffer {
  try {
    return Buffer.from(sodium.crypto_box_seal_open(sealed, keys.publicKey, keys.privateKey));
  } catch {
    throw new VaultCryptoError('sealed key does not open with this key pair');
  }
}

/** A 32-byte key from a secret by Argon2id (async, in the native thread pool). */
export async function deriveKey(secret: string, salt: Uint8Array, cost: { memoryKib: number; iterations: number } = KDF): Promise<Buffer> {
  return hashRaw(secret.normalize('NFKC'), { algorithm: ARGON2ID, salt, memoryCost: cost.memoryKib, timeCost: cost.iterations, parallelism: 1, outputLen: 32 });
}

export function wrap(key: Uint8Array, message: Uint8Array): Buffer {
  const nonce = sodium.randombytes_buf(sodium.crypto_secretbox_NONCEBYTES);
  return Buffer.concat([Buffer.from(nonce), Buffer.from(sodium.crypto_secretbox_easy(message, nonce, key))]);
}

export function unwrap(key: Uint8Array, wrapped: Uint8Array): Buffer | null {
  const n = sodium.crypto_secretbox_NONCEBYTES;
  if (wrapped.length <= n) return null;
  try {
    return Buffer.from(sodium.crypto_secretbox_open_easy(wrapped.subarray(n), wrapped.subarray(0, n), key));
  } catch {
    return null;
  }
}

/** Escrow private keys travel as text: "kompas-escrow-1:" + base64url of the 32 bytes. */
const ESCROW_PREFIX = 'kompas-escrow-1:';
export const encodeEscrowKey = (privateKey: Uint8Array): string => ESCROW_PREFIX + Buffer.from(privateKey).toString('base64url');
export function decodeEscrowKey(text: string): Buffer | null {
  const t = text.trim();
  if (!t.startsWith(ESCROW_PREFIX)) return null;
  const b = Buffer.from(t.slice(ESCROW_PREFIX.length), 'base64url');
  return b.length === 32 ? b : null;
}
