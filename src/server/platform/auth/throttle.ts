import { sql } from 'drizzle-orm';
import type { Queryable } from '../db/pool.js';

/**
 * Sign-in throttling (docs/decisions/0010). Failed attempts are counted per key; once a key has
 * used its free failures, every further failure pauses it for a delay that doubles up to a cap.
 * Attempts during a pause are refused without checking the password, and are not counted.
 * A key forgets its failures after `forgetSeconds` without a new one.
 *
 * - account: the clients of an e-mail address that show no trusted-device cookie for it. Known
 *   and unknown addresses are keyed the same way, so they pause and answer identically.
 * - device: one trusted device (its cookie), a budget of its own: the owner keeps signing in
 *   while strangers are paused.
 * - address: one client address (IPv6: its /64), across accounts, against password spraying;
 *   generous because a police station may sit behind one address.
 */
export type ThrottleKind = 'account' | 'device' | 'address';

export interface ThrottleRule { free: number; baseSeconds: number; maxSeconds: number; forgetSeconds: number }

const MINUTE = 60;
const HOUR = 60 * MINUTE;
export const RULES: Record<ThrottleKind, ThrottleRule> = {
  account: { free: 4, baseSeconds: 15 * MINUTE, maxSeconds: 24 * HOUR, forgetSeconds: 24 * HOUR },
  device: { free: 9, baseSeconds: 15 * MINUTE, maxSeconds: 24 * HOUR, forgetSeconds: 24 * HOUR },
  address: { free: 29, baseSeconds: 1 * MINUTE, maxSeconds: 1 * HOUR, forgetSeconds: 1 * HOUR },
};

const PREFIX: Record<ThrottleKind, string> = { account: 'acct:', device: 'dev:', address: 'ip:' };
export const throttleKey = (kind: ThrottleKind, hash: string) => PREFIX[kind] + hash;
export const kindOfKey = (key: string): ThrottleKind => (Object.entries(PREFIX).find(([, p]) => key.startsWith(p))![0] as ThrottleKind);

/** The pause after the n-th failure in a row: none within the free budget, then doubling to the cap. */
export function pauseSeconds(kind: ThrottleKind, failures: number): number {
  const r = RULES[kind];
  if (failures <= r.free) return 0;
  return Math.min(r.baseSeconds * 2 ** Math.min(failures - r.free - 1, 30), r.maxSeconds);
}

export interface Pause { key: string; kind: ThrottleKind; seconds: number }

/** The longest running pause among these keys, if any. */
export async function activePause(q: Queryable, keys: string[]): Promise<Pause | null> {
  const r = await q.execute<{ key: string; seconds: number }>(sql`
    SELECT key, ceil(extract(epoch FROM blocked_until - now()))::int AS seconds FROM sign_in_throttle
     WHERE key IN ${keys} AND blocked_until > now()
     ORDER BY blocked_until DESC LIMIT 1`);
  const row = r.rows[0];
  return row ? { key: row.key, kind: kindOfKey(row.key), seconds: Math.max(1, row.seconds) } : null;
}

/** Counts one failure on the key; returns the count and the pause it started (0 for none). */
export async function registerFailure(q: Queryable, key: string, userId: string | null = null): Promise<{ failures: number; pauseSeconds: number }> {
  const kind = kindOfKey(key);
  const r = await q.execute<{ failures: number }>(sql`
    INSERT INTO sign_in_throttle AS t (key, user_id, failures, last_failure_at) VALUES (${key}, ${userId}, 1, now())
    ON CONFLICT (key) DO UPDATE SET
      failures = CASE WHEN t.last_failure_at < now() - make_interval(secs => ${RULES[kind].forgetSeconds}) THEN 1 ELSE t.failures + 1 END,
      last_failure_at = now(),
      user_id = coalesce(EXCLUDED.user_id, t.user_id)
    RETURNING failures`);
  const failures = r.rows[0].failures;
  const seconds = pauseSeconds(kind, failures);
  if (seconds > 0) await q.execute(sql`UPDATE sign_in_throttle SET blocked_until = now() + make_interval(secs => ${seconds}) WHERE key = ${key}`);
  return { failures, pauseSeconds: seconds };
}

/** A successful sign-in forgets the failures of the key it came through. */
export async function clearKey(q: Queryable, key: string): Promise<void> {
  await q.execute(sql`DELETE FROM sign_in_throttle WHERE key = ${key}`);
}

/** A new password (reset link or change) ends the pause of the account's untrusted clients. */
export async function clearAccount(q: Queryable, userId: string): Promise<void> {
  await q.execute(sql`DELETE FROM sign_in_throttle WHERE user_id = ${userId}`);
}

/** Housekeeping: keys that are neither paused nor remembered any more. */
export async function purgeForgotten(q: Queryable): Promise<number> {
  const r = await q.execute(sql`
    DELETE FROM sign_in_throttle WHERE (blocked_until IS NULL OR blocked_until < now())
       AND last_failure_at < now() - make_interval(secs => ${Math.max(...Object.values(RULES).map((x) => x.forgetSeconds))})`);
  return r.rowCount ?? 0;
}

/** The network a client address stands for: IPv4 as is, IPv6 by its /64 (one subscriber's block). */
export function clientNetwork(ip: string | null): string {
  if (!ip) return 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1];
  if (!ip.includes(':')) return ip;
  const [head, tail = ''] = ip.toLowerCase().split('%')[0].split('::');
  const h = head ? head.split(':') : [];
  const tl = tail ? tail.split(':') : [];
  const groups = ip.includes('::') ? [...h, ...Array(Math.max(0, 8 - h.length - tl.length)).fill('0'), ...tl] : h;
  return `${groups.slice(0, 4).map((g) => (parseInt(g, 16) || 0).toString(16)).join(':')}::/64`;
}
