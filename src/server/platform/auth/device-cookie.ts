import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { SignInKeys } from './sign-in-keys.js';

/**
 * Device cookies (OWASP, "Slow Down Online Guessing Attacks with Device Cookies"): after a
 * complete sign-in the browser gets a signed token bound to the account; sign-in attempts that
 * present it have a failure budget of their own, so a stranger who exhausts the account's budget
 * does not lock the owner out. One cookie carries the entries of the last few people who signed
 * in on this browser (shared workstations in a station). An entry is
 * base64url(user id ‖ nonce ‖ issued (s) ‖ MAC), the MAC also covering a hash of the account's
 * password hash, so a new password retires every device trusted before it.
 */
export const DEVICE_COOKIE = 'kompas_device';
export const DEVICE_DAYS = 180;
const MAX_ENTRIES = 5;
const ENTRY_BYTES = 16 + 16 + 4 + 16;

const uuidBytes = (id: string) => Buffer.from(id.replace(/-/g, ''), 'hex');
const uuidOf = (b: Buffer) => b.toString('hex').replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');
const passwordBinding = (passwordHash: string | null) => createHash('sha256').update(passwordHash ?? '').digest();

function mac(keys: SignInKeys, body: Buffer, passwordHash: string | null): Buffer {
  return keys.deviceMac(Buffer.concat([body, passwordBinding(passwordHash)]));
}

function entries(cookie: string | undefined): Buffer[] {
  if (!cookie || cookie.length > MAX_ENTRIES * 80) return [];
  return cookie.split('.').slice(0, MAX_ENTRIES).map((e) => Buffer.from(e, 'base64url')).filter((b) => b.length === ENTRY_BYTES);
}

/** The throttle name of this browser's trusted device for the account, or null when it shows none (valid, unexpired). */
export function trustedDevice(keys: SignInKeys, cookie: string | undefined, userId: string, passwordHash: string | null, now = Date.now()): string | null {
  const id = uuidBytes(userId);
  for (const e of entries(cookie)) {
    if (!e.subarray(0, 16).equals(id)) continue;
    const issued = e.readUInt32BE(32) * 1000;
    if (issued > now + 60_000 || now - issued > DEVICE_DAYS * 86_400_000) continue;
    const expected = mac(keys, e.subarray(0, 36), passwordHash);
    if (timingSafeEqual(expected, e.subarray(36))) return createHash('sha256').update(e.subarray(16, 32)).digest('hex');
  }
  return null;
}

/** The new cookie value after a complete sign-in: a fresh entry for this account first, the other people's entries kept. */
export function withNewDevice(keys: SignInKeys, cookie: string | undefined, userId: string, passwordHash: string | null, now = Date.now()): string {
  const id = uuidBytes(userId);
  const body = Buffer.alloc(36);
  id.copy(body, 0);
  randomBytes(16).copy(body, 16);
  body.writeUInt32BE(Math.floor(now / 1000), 32);
  const fresh = Buffer.concat([body, mac(keys, body, passwordHash)]);
  const others = entries(cookie).filter((e) => !e.subarray(0, 16).equals(id));
  return [fresh, ...others].slice(0, MAX_ENTRIES).map((e) => e.toString('base64url')).join('.');
}

/** For tests and audit: the account an entry names (no secret). */
export const entryUserIds = (cookie: string | undefined) => entries(cookie).map((e) => uuidOf(e.subarray(0, 16)));
