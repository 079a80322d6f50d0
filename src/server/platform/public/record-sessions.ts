/**
 * Sessions of the public pages opened by a secret code (a reporter's receipt, a complainant's
 * status code): the code opens the record's key (sealed under it, platform/vault), and is exchanged
 * for a random token kept in this process's memory only, with the opened key, for 30 minutes of
 * inactivity. The token travels in a header (never in an address); the code is never kept. A
 * restart ends every session: the person types the code again.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { OpenRecordKey } from '../vault/index.js';

export const RECORD_SESSION_IDLE_MS = 30 * 60 * 1000;
const MAX_SESSIONS = 10_000;

export interface RecordSession { orgId: string; key: OpenRecordKey; lastUsed: number }

/** Sessions in memory: token (by its hash) → the record and its opened key. */
export class RecordSessions {
  private readonly sessions = new Map<string, RecordSession>();
  constructor(private readonly opts: { idleMs?: number; max?: number; now?: () => number } = {}) {}

  private now = () => this.opts.now?.() ?? Date.now();
  private static id = (token: string) => createHash('sha256').update(token).digest('base64url');

  open(orgId: string, key: OpenRecordKey): string {
    this.sweep();
    const token = randomBytes(32).toString('base64url');
    this.sessions.set(RecordSessions.id(token), { orgId, key, lastUsed: this.now() });
    // A flood of codes (each one valid) cannot grow memory without bound: the oldest go first.
    while (this.sessions.size > (this.opts.max ?? MAX_SESSIONS)) this.drop(this.sessions.keys().next().value!);
    return token;
  }

  /** The session of a token for this organisation, or null (unknown, expired, or another organisation's). */
  get(token: string | undefined, orgId: string): RecordSession | null {
    if (!token || token.length > 100) return null;
    const id = RecordSessions.id(token);
    const s = this.sessions.get(id);
    if (!s) return null;
    if (this.now() - s.lastUsed > (this.opts.idleMs ?? RECORD_SESSION_IDLE_MS)) {
      this.drop(id);
      return null;
    }
    if (s.orgId !== orgId) return null;
    s.lastUsed = this.now();
    // Re-inserted: the map's order is the order of last use.
    this.sessions.delete(id);
    this.sessions.set(id, s);
    return s;
  }

  forget(token: string | undefined): void {
    if (token) this.drop(RecordSessions.id(token));
  }

  /** Every session of a record (its key destroyed, e.g. at retention). */
  forgetReport(orgId: string, recordId: string): void {
    for (const [id, s] of this.sessions) if (s.orgId === orgId && s.key.recordId === recordId) this.drop(id);
  }

  get size(): number {
    return this.sessions.size;
  }

  private drop(id: string): void {
    const s = this.sessions.get(id);
    if (s) s.key.key.fill(0);
    this.sessions.delete(id);
  }

  private sweep(): void {
    const limit = this.opts.idleMs ?? RECORD_SESSION_IDLE_MS;
    for (const [id, s] of this.sessions) if (this.now() - s.lastUsed > limit) this.drop(id);
  }
}
