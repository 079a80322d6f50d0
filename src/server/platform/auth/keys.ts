import fs from 'node:fs';
import path from 'node:path';
import sodium from 'libsodium-wrappers-sumo';

/**
 * The authentication module's secret key: TOTP secrets at rest and the OIDC state cookie are
 * sealed with sub-keys derived from it (libsodium secretbox, XSalsa20-Poly1305).
 * Source: KOMPAS_AUTH_KEY (base64 of 32 bytes) when set, else `<data dir>/keys/auth.key`,
 * created on first use with mode 0600. Losing it makes enrolled authenticators unusable
 * (users set them up again), so it belongs in the backup with the database.
 */
const PREFIX = 'enc:v1:';
export type KeyPurpose = 'totp' | 'oidc';
const SUBKEY_ID: Record<KeyPurpose, number> = { totp: 1, oidc: 2 };

const masters = new Map<string, Uint8Array>();

function readOrCreateKeyFile(file: string): Uint8Array {
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    // Write aside and hard-link into place: two processes starting together agree on one key.
    const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
    fs.writeFileSync(tmp, Buffer.from(sodium.randombytes_buf(32)).toString('base64') + '\n', { mode: 0o600 });
    try {
      fs.linkSync(tmp, file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    } finally {
      fs.unlinkSync(tmp);
    }
  }
  return decodeKey(fs.readFileSync(file, 'utf8'), file);
}

function decodeKey(text: string, where: string): Uint8Array {
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== 32) throw new Error(`${where}: expected the base64 encoding of 32 bytes`);
  return new Uint8Array(key);
}

export async function authKeys(dataDir: string, env: NodeJS.ProcessEnv = process.env): Promise<AuthKeys> {
  await sodium.ready;
  const cacheKey = env.KOMPAS_AUTH_KEY ? `env:${env.KOMPAS_AUTH_KEY}` : `file:${dataDir}`;
  let master = masters.get(cacheKey);
  if (!master) {
    master = env.KOMPAS_AUTH_KEY ? decodeKey(env.KOMPAS_AUTH_KEY, 'KOMPAS_AUTH_KEY') : readOrCreateKeyFile(path.join(dataDir, 'keys', 'auth.key'));
    masters.set(cacheKey, master);
  }
  return new AuthKeys(master);
}

export class AuthKeys {
  private sub = new Map<KeyPurpose, Uint8Array>();
  constructor(private master: Uint8Array) {}

  private key(purpose: KeyPurpose): Uint8Array {
    let k = this.sub.get(purpose);
    if (!k) {
      k = sodium.crypto_kdf_derive_from_key(sodium.crypto_secretbox_KEYBYTES, SUBKEY_ID[purpose], 'kompasau', this.master);
      this.sub.set(purpose, k);
    }
    return k;
  }

  seal(purpose: KeyPurpose, plaintext: string): string {
    const nonce = sodium.randombytes_buf(sodium.crypto_secretbox_NONCEBYTES);
    const box = sodium.crypto_secretbox_easy(plaintext, nonce, this.key(purpose));
    return PREFIX + Buffer.concat([nonce, box]).toString('base64url');
  }

  /** Null when the value was not sealed with this key or was tampered with. */
  open(purpose: KeyPurpose, sealed: string): string | null {
    if (!sealed.startsWith(PREFIX)) return null;
    const raw = Buffer.from(sealed.slice(PREFIX.length), 'base64url');
    const n = sodium.crypto_secretbox_NONCEBYTES;
    if (raw.length <= n + sodium.crypto_secretbox_MACBYTES) return null;
    try {
      return sodium.to_string(sodium.crypto_secretbox_open_easy(raw.subarray(n), raw.subarray(0, n), this.key(purpose)));
    } catch {
      return null;
    }
  }

  /**
   * A stored TOTP secret in clear. Values without the prefix are read as plain base32: demo
   * data and test fixtures insert those directly; everything this module writes is sealed.
   */
  totpSecret(stored: string): string | null {
    return stored.startsWith(PREFIX) ? this.open('totp', stored) : stored;
  }
}
