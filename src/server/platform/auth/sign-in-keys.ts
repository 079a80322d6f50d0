import { createHmac } from 'node:crypto';
import sodium from 'libsodium-wrappers-sumo';
import { KEY_ENV, keyFilePath, readMasterKey, sealerFor } from '../crypto/sealing.js';

/**
 * Keys of sign-in abuse protection, derived from the installation's master key under their own
 * KDF context (so they can never equal a sealing sub-key): keyed hashes name e-mail addresses
 * and client addresses in the throttle table without storing them, a MAC signs device cookies,
 * and a secretbox key seals what a "forgot password" request hands to its background job.
 * A new master key only resets the counters and makes devices sign in once more untrusted.
 */
const CONTEXT = 'kompassi';
const SUBKEY = { names: 1, device: 2, jobs: 3 } as const;

export interface SignInKeys {
  /** Keyed hash (hex) of a normalised e-mail address or client address. */
  name(kind: 'account' | 'address', value: string): string;
  /** MAC of a device cookie entry (16 bytes). */
  deviceMac(data: Buffer): Buffer;
  seal(plain: string): string;
  open(sealed: string): string | null;
}

const cache = new Map<string, SignInKeys>();

export function signInKeys(dataDir: string, env: NodeJS.ProcessEnv = process.env): SignInKeys {
  const cacheKey = env[KEY_ENV] ? `env:${env[KEY_ENV]}` : `file:${keyFilePath(dataDir)}`;
  const hit = cache.get(cacheKey);
  if (hit) return hit;
  sealerFor(dataDir, env); // creates the key file on first use, as sealing does
  const master = readMasterKey(dataDir, env)!;
  const sub = (id: number, bytes: number) => Buffer.from(sodium.crypto_kdf_derive_from_key(bytes, id, CONTEXT, master));
  const names = sub(SUBKEY.names, 32);
  const device = sub(SUBKEY.device, 32);
  const jobs = sub(SUBKEY.jobs, sodium.crypto_secretbox_KEYBYTES);
  const keys: SignInKeys = {
    name: (kind, value) => createHmac('sha256', names).update(`${kind}\0${value}`).digest('hex'),
    deviceMac: (data) => createHmac('sha256', device).update(data).digest().subarray(0, 16),
    seal: (plain) => {
      const nonce = sodium.randombytes_buf(sodium.crypto_secretbox_NONCEBYTES);
      return Buffer.concat([nonce, sodium.crypto_secretbox_easy(plain, nonce, jobs)]).toString('base64url');
    },
    open: (sealed) => {
      const raw = Buffer.from(sealed, 'base64url');
      const n = sodium.crypto_secretbox_NONCEBYTES;
      if (raw.length < n + sodium.crypto_secretbox_MACBYTES) return null;
      try {
        return sodium.to_string(sodium.crypto_secretbox_open_easy(raw.subarray(n), raw.subarray(0, n), jobs));
      } catch {
        return null;
      }
    },
  };
  cache.set(cacheKey, keys);
  return keys;
}
