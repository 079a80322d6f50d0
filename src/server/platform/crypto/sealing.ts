import fs from 'node:fs';
import path from 'node:path';
import sodium from 'libsodium-wrappers-sumo';

/**
 * Server-side sealing of secrets and confidential content at rest (libsodium secretbox,
 * XSalsa20-Poly1305) with sub-keys derived per purpose from one master key, so that a copy of
 * the database alone reveals none of it. The master key comes from KOMPAS_AUTH_KEY (base64 of
 * 32 bytes) when set, else from `<data dir>/keys/auth.key` (mode 0600). It belongs in the
 * backup, kept apart from the database backup (docs/operations.md). The server checks at boot
 * that this key opens what the database holds (key-check.ts) and never replaces a lost key
 * while sealed data exists.
 */
await sodium.ready;

/** Sealed text: this prefix + base64url(nonce ‖ box). TOTP secrets have used it since the start. */
export const TEXT_PREFIX = 'enc:v1:';
/**
 * Sealed bytes: this header + nonce ‖ box. It starts with NUL, which no accepted plain upload
 * does (text is refused with NUL; PDF, zip, PNG, JPEG have their own first bytes), so a stored
 * file is unambiguously either sealed or plain.
 */
export const BYTES_MAGIC = Buffer.from([0x00, 0x4b, 0x53, 0x01]);

export type SealPurpose = 'totp' | 'oidc' | 'notes' | 'files' | 'check';
// Sub-key ids are part of the stored format: never renumber.
const SUBKEY_ID: Record<SealPurpose, number> = { totp: 1, oidc: 2, notes: 3, files: 4, check: 5 };
const KDF_CONTEXT = 'kompasau';
export const KEY_ENV = 'KOMPAS_AUTH_KEY';

/** Where the master key comes from, as named in messages to the operator (never the key itself). */
export interface KeySource {
  kind: 'env' | 'file';
  /** `KOMPAS_AUTH_KEY` or the absolute path of the key file. */
  where: string;
}

export function keySource(dataDir: string, env: NodeJS.ProcessEnv = process.env): KeySource {
  return env[KEY_ENV] ? { kind: 'env', where: KEY_ENV } : { kind: 'file', where: keyFilePath(dataDir) };
}

export const keyFilePath = (dataDir: string) => path.resolve(dataDir, 'keys', 'auth.key');

export class KeyFormatError extends Error {}

export function decodeKey(text: string, where: string): Uint8Array {
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== 32) throw new KeyFormatError(`${where}: expected the base64 encoding of 32 bytes`);
  return new Uint8Array(key);
}

export const encodeKey = (key: Uint8Array) => Buffer.from(key).toString('base64') + '\n';
export const newMasterKey = (): Uint8Array => sodium.randombytes_buf(32);

/** The master key, or null when the key file does not exist (the environment variable always has one). */
export function readMasterKey(dataDir: string, env: NodeJS.ProcessEnv = process.env): Uint8Array | null {
  const src = keySource(dataDir, env);
  if (src.kind === 'env') return decodeKey(env[KEY_ENV]!, KEY_ENV);
  if (!fs.existsSync(src.where)) return null;
  return decodeKey(fs.readFileSync(src.where, 'utf8'), src.where);
}

/**
 * Writes a key file that does not exist yet, mode 0600. Written aside and hard-linked into
 * place, so two processes starting together agree on one key (the loser reads the winner's).
 */
export function writeNewKeyFile(file: string, key: Uint8Array): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  fs.writeFileSync(tmp, encodeKey(key), { mode: 0o600 });
  try {
    fs.linkSync(tmp, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    fs.unlinkSync(tmp);
  }
}

const masters = new Map<string, Uint8Array>();
const cacheKey = (dataDir: string, env: NodeJS.ProcessEnv) => (env[KEY_ENV] ? `env:${env[KEY_ENV]}` : `file:${keyFilePath(dataDir)}`);

/** Pins the key the boot check verified, so the running process keeps using exactly that key. */
export function pinMasterKey(dataDir: string, env: NodeJS.ProcessEnv, key: Uint8Array): void {
  masters.set(cacheKey(dataDir, env), key);
}

/**
 * The sealer of this installation. The server verifies (or, on a database without sealed data,
 * creates) the key at boot before any request (ensureSealingKey) and pins it here. A process that
 * skipped that step (tests, benchmarks, a fresh development data dir) gets a key file created on
 * first use, as before; tools that write sealed data into an existing database run the check.
 */
export function sealerFor(dataDir: string, env: NodeJS.ProcessEnv = process.env): Sealer {
  const ck = cacheKey(dataDir, env);
  let master = masters.get(ck);
  if (!master) {
    master = readMasterKey(dataDir, env) ?? undefined;
    if (!master) {
      writeNewKeyFile(keyFilePath(dataDir), newMasterKey());
      master = readMasterKey(dataDir, env)!;
    }
    masters.set(ck, master);
  }
  return new Sealer(master);
}

/** Async form kept for the callers written before sealing became a platform service. */
export async function sealing(dataDir: string, env: NodeJS.ProcessEnv = process.env): Promise<Sealer> {
  return sealerFor(dataDir, env);
}
export const authKeys = sealing;
export type AuthKeys = Sealer;

export class SealedDataError extends Error {}

export class Sealer {
  private sub = new Map<SealPurpose, Uint8Array>();
  constructor(private master: Uint8Array) {}

  private key(purpose: SealPurpose): Uint8Array {
    let k = this.sub.get(purpose);
    if (!k) {
      k = sodium.crypto_kdf_derive_from_key(sodium.crypto_secretbox_KEYBYTES, SUBKEY_ID[purpose], KDF_CONTEXT, this.master);
      this.sub.set(purpose, k);
    }
    return k;
  }

  private box(purpose: SealPurpose, plain: Uint8Array | string): Buffer {
    const nonce = sodium.randombytes_buf(sodium.crypto_secretbox_NONCEBYTES);
    return Buffer.concat([nonce, sodium.crypto_secretbox_easy(plain, nonce, this.key(purpose))]);
  }

  private unbox(purpose: SealPurpose, raw: Uint8Array): Uint8Array | null {
    const n = sodium.crypto_secretbox_NONCEBYTES;
    if (raw.length < n + sodium.crypto_secretbox_MACBYTES) return null;
    try {
      return sodium.crypto_secretbox_open_easy(raw.subarray(n), raw.subarray(0, n), this.key(purpose));
    } catch {
      return null;
    }
  }

  seal(purpose: SealPurpose, plaintext: string): string {
    return TEXT_PREFIX + this.box(purpose, plaintext).toString('base64url');
  }

  /** Null when the value was not sealed with this key or was tampered with. */
  open(purpose: SealPurpose, sealed: string): string | null {
    if (!sealed.startsWith(TEXT_PREFIX)) return null;
    const out = this.unbox(purpose, Buffer.from(sealed.slice(TEXT_PREFIX.length), 'base64url'));
    return out ? sodium.to_string(out) : null;
  }

  sealBytes(purpose: SealPurpose, plain: Uint8Array): Buffer {
    return Buffer.concat([BYTES_MAGIC, this.box(purpose, plain)]);
  }

  /** Null when the bytes are not sealed with this key or were tampered with. */
  openBytes(purpose: SealPurpose, sealed: Uint8Array): Buffer | null {
    if (!isSealedBytes(sealed)) return null;
    const out = this.unbox(purpose, sealed.subarray(BYTES_MAGIC.length));
    return out ? Buffer.from(out) : null;
  }

  /**
   * Stored confidential text in clear. Rows written before sealing (and fixtures inserted by
   * SQL) are plain until the boot step seals them, so a value without the prefix is read as it
   * is; a sealed value this key cannot open is an error, never shown as empty.
   */
  openText(purpose: SealPurpose, stored: string | null): string | null {
    if (stored === null || !stored.startsWith(TEXT_PREFIX)) return stored;
    const out = this.open(purpose, stored);
    if (out === null) throw new SealedDataError(`a sealed ${purpose} value does not open with this key`);
    return out;
  }

  /** Stored file bytes in clear; plain (not yet sealed) bytes as they are. */
  openFile(purpose: SealPurpose, stored: Buffer): Buffer {
    if (!isSealedBytes(stored)) return stored;
    const out = this.openBytes(purpose, stored);
    if (out === null) throw new SealedDataError(`a sealed ${purpose} file does not open with this key`);
    return out;
  }

  /**
   * A stored TOTP secret in clear. Values without the prefix are read as plain base32: demo
   * data and test fixtures insert those directly; everything the auth module writes is sealed.
   */
  totpSecret(stored: string): string | null {
    return stored.startsWith(TEXT_PREFIX) ? this.open('totp', stored) : stored;
  }
}

export const isSealedText = (v: string | null | undefined): boolean => typeof v === 'string' && v.startsWith(TEXT_PREFIX);
export const isSealedBytes = (b: Uint8Array): boolean => b.length >= BYTES_MAGIC.length && Buffer.from(b.subarray(0, BYTES_MAGIC.length)).equals(BYTES_MAGIC);
