import type { KeyPair } from './cipher.js';

/**
 * Unlocked private keys, in this process's memory only, per session (decision 0016): put there
 * at password sign-in or by "unlock" (after a restart, or for single sign-on accounts), dropped at
 * sign-out, session revocation, password change and after the session's idle time. Never written
 * to disk, the database or a log. A restart locks everyone's keys; people unlock again.
 */
interface Entry { userId: string; keys: KeyPair; lastUsed: number }

const entries = new Map<string, Entry>();
/** Keys unused this long are dropped even if the session lives on (the session's own idle limit is the usual end). */
const MAX_IDLE_MS = 12 * 60 * 60 * 1000;

export function putUnlocked(sessionId: string, userId: string, keys: KeyPair): void {
  // Sessions that ended without a sign-out (idle, closed browser) leave entries: swept here.
  const now = Date.now();
  for (const [sid, e] of entries) if (now - e.lastUsed > MAX_IDLE_MS) forgetSession(sid);
  // A copy per session: forgetting one session wipes its copy, never another session's.
  entries.set(sessionId, { userId, keys: { publicKey: Buffer.from(keys.publicKey), privateKey: Buffer.from(keys.privateKey) }, lastUsed: Date.now() });
}

export function unlockedKeys(sessionId: string, userId: string): KeyPair | null {
  const e = entries.get(sessionId);
  if (!e || e.userId !== userId) return null;
  if (Date.now() - e.lastUsed > MAX_IDLE_MS) {
    forgetSession(sessionId);
    return null;
  }
  e.lastUsed = Date.now();
  return e.keys;
}

export function forgetSession(sessionId: string): void {
  const e = entries.get(sessionId);
  if (e) e.keys.privateKey.fill(0);
  entries.delete(sessionId);
}

/** Every session of the person (password changed or reset, account disabled), except `keep`. */
export function forgetUser(userId: string, keep?: string): void {
  for (const [sid, e] of entries) if (e.userId === userId && sid !== keep) forgetSession(sid);
}
