import { createHmac, randomBytes } from 'node:crypto';

/**
 * Throttling of the public pages without keeping addresses (docs/decisions/0013-public-pages.md).
 *
 * Token buckets in this process's memory, keyed by an HMAC of the client address under a random
 * key that is made in memory, never written anywhere, and replaced (with every bucket) when the
 * UTC day changes. So the process holds, at most for one day, a keyed hash that nobody without
 * the key can turn back into the address or link to another day; nothing is persisted or logged.
 */
export interface BucketLimit {
  /** Requests allowed at once (the bucket's size). */
  burst: number;
  /** Tokens added back per minute. */
  perMinute: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

export type TakeResult = { ok: true } | { ok: false; retryAfterSeconds: number };

const DAY_MS = 24 * 60 * 60 * 1000;

export class AddressThrottle {
  private key = randomBytes(32);
  private day: number;
  private buckets = new Map<string, Bucket>();

  constructor(private readonly opts: { now?: () => number; maxEntries?: number } = {}) {
    this.day = Math.floor(this.now() / DAY_MS);
  }

  private now(): number {
    return this.opts.now?.() ?? Date.now();
  }

  /** The keyed hash of an address for today's key (exported for tests only: it is never stored). */
  pseudonym(address: string): string {
    this.rotate();
    return createHmac('sha256', this.key).update(address).digest('base64url').slice(0, 22);
  }

  /** Takes one token from the bucket of (address, name); refuses with the seconds until one is back. */
  take(address: string, name: string, limit: BucketLimit): TakeResult {
    const id = `${name}:${this.pseudonym(address)}`;
    const now = this.now();
    const perMs = limit.perMinute / 60_000;
    const b = this.buckets.get(id);
    const tokens = b ? Math.min(limit.burst, b.tokens + (now - b.at) * perMs) : limit.burst;
    if (tokens < 1) {
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / perMs / 1000)) };
    }
    // Re-inserted at the end: the Map's order is the order of last use, the oldest go first when full.
    this.buckets.delete(id);
    this.buckets.set(id, { tokens: tokens - 1, at: now });
    this.evict();
    return { ok: true };
  }

  /** Number of buckets held (for tests). */
  get size(): number {
    return this.buckets.size;
  }

  private rotate(): void {
    const day = Math.floor(this.now() / DAY_MS);
    if (day === this.day) return;
    this.day = day;
    this.key = randomBytes(32);
    this.buckets.clear();
  }

  private evict(): void {
    const max = this.opts.maxEntries ?? 100_000;
    if (this.buckets.size <= max) return;
    // Least recently used first: a flood of new addresses forgets the quiet ones, not the noisy one.
    for (const k of this.buckets.keys()) {
      this.buckets.delete(k);
      if (this.buckets.size <= max) break;
    }
  }
}
