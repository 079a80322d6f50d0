import { createHash } from 'node:crypto';
import type pg from 'pg';

export interface ChainBreak {
  chainKey: string;
  chainSeq: number;
  eventId: number;
  reason: 'hash_mismatch' | 'link_mismatch' | 'sequence_gap' | 'head_mismatch';
}

export interface VerifyResult {
  intact: boolean;
  events: number;
  chains: number;
  firstBreak?: ChainBreak;
}

interface Row {
  id: string;
  chain_key: string;
  chain_seq: string;
  occurred_us: string;
  actor_user_id: string | null;
  action: string;
  record_type: string | null;
  record_id: string | null;
  ip: string | null;
  details: string;
  prev_hash: Buffer;
  hash: Buffer;
}

const ZERO: Buffer = Buffer.alloc(32);

/** ISO-8601 in UTC with microseconds, as the database formats it inside the hash payload. */
function isoMicros(us: bigint): string {
  const ms = us / 1000n;
  const micro = (((us % 1_000_000n) + 1_000_000n) % 1_000_000n).toString().padStart(6, '0');
  return new Date(Number(ms)).toISOString().slice(0, 19) + '.' + micro + 'Z';
}

/** Rebuilds the payload independently of the database function and hashes it. */
export function eventHash(r: Row): Buffer {
  const payload = [
    r.chain_key, r.chain_seq, isoMicros(BigInt(r.occurred_us)), r.actor_user_id ?? '', r.action,
    r.record_type ?? '', r.record_id ?? '', r.ip ?? '', r.details,
  ].join('|');
  return createHash('sha256').update(r.prev_hash).update(payload, 'utf8').digest();
}

/**
 * Walks every chain in order and names the first broken link. Reads in keyset pages so a
 * log of millions of events streams in constant memory. Needs a connection that sees all
 * organisations (owner role, or kompas.scope = 'system').
 */
export async function verifyAuditChain(client: pg.Pool | pg.PoolClient | pg.Client, opts: { chainKey?: string; batch?: number } = {}): Promise<VerifyResult> {
  const batch = opts.batch ?? 20_000;
  await client.query(`SELECT set_config('kompas.scope', 'system', false)`);
  const heads = await client.query<{ chain_key: string; last_seq: string; last_hash: Buffer }>(
    `SELECT chain_key, last_seq, last_hash FROM audit_chain_head ${opts.chainKey ? 'WHERE chain_key = $1' : ''} ORDER BY chain_key`,
    opts.chainKey ? [opts.chainKey] : [],
  );
  let events = 0;
  for (const head of heads.rows) {
    let prevHash: Buffer = ZERO;
    let expectedSeq = 1;
    let lastId = 0;
    for (;;) {
      const { rows } = await client.query<Row>(
        `SELECT id::text, chain_key::text, chain_seq::text,
                (extract(epoch FROM occurred_at) * 1000000)::bigint::text AS occurred_us,
                actor_user_id::text, action, record_type, record_id, host(ip) AS ip, details::text AS details, prev_hash, hash
           FROM audit_event WHERE chain_key = $1 AND chain_seq >= $2 ORDER BY audit_event.chain_seq LIMIT $3`,
        [head.chain_key, expectedSeq, batch],
      );
      for (const r of rows) {
        const brk = (reason: ChainBreak['reason']): VerifyResult => ({
          intact: false, events, chains: heads.rows.length,
          firstBreak: { chainKey: head.chain_key, chainSeq: Number(r.chain_seq), eventId: Number(r.id), reason },
        });
        if (Number(r.chain_seq) !== expectedSeq) return brk('sequence_gap');
        if (!r.prev_hash.equals(prevHash)) return brk('link_mismatch');
        const h = eventHash(r);
        if (!h.equals(r.hash)) return brk('hash_mismatch');
        prevHash = r.hash;
        lastId = Number(r.id);
        expectedSeq++;
        events++;
      }
      if (rows.length < batch) break;
    }
    // Removing the newest events would leave a valid but shorter chain: the head tells.
    if (expectedSeq - 1 !== Number(head.last_seq) || !prevHash.equals(head.last_hash)) {
      return {
        intact: false, events, chains: heads.rows.length,
        firstBreak: { chainKey: head.chain_key, chainSeq: expectedSeq, eventId: lastId, reason: 'head_mismatch' },
      };
    }
  }
  return { intact: true, events, chains: heads.rows.length };
}
