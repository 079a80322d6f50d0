import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';

export type BreakReason =
  | 'hash_mismatch' // a chained row's content (or its organisation) was changed
  | 'link_mismatch' // a row's prev_hash is not the hash of the row before: replaced or reordered
  | 'sequence_gap' // a position is missing: a row was deleted
  | 'head_mismatch' // the newest rows were removed, or the chain head was changed or is missing
  | 'extra_row' // a second row claims a position already taken: a forged row
  | 'unchained_altered'; // a row waiting for the sequencer carries chain values or another organisation

export interface ChainBreak {
  chainKey: string;
  chainSeq: number;
  eventId: number;
  reason: BreakReason;
}

export interface VerifyResult {
  intact: boolean;
  /** Chained events whose hash and link were checked. */
  events: number;
  chains: number;
  firstBreak?: ChainBreak;
  /**
   * Events not yet chained by the sequencer in this snapshot (the tail). They are checked for
   * consistency (no chain values, chain key = organisation) but are not yet tamper-evident.
   */
  unchained: number;
  /** The oldest unchained event (ISO, UTC), and how many waited longer than `staleAfterMs`. */
  oldestUnchainedAt?: string;
  staleUnchained: number;
}

export interface VerifyOptions {
  chainKey?: string;
  /** An unchained event older than this means the sequencer is not running (default 5 minutes). */
  staleAfterMs?: number;
}

const ZERO_HEX = '0'.repeat(64);
const NIL = '00000000-0000-0000-0000-000000000000';

/** `YYYY-MM-DD HH:MI:SS[.frac]` (timestamp AT TIME ZONE 'UTC', DateStyle ISO) as the payload writes it: ISO with six decimals and Z. */
function isoMicros(ts: string): string {
  const frac = ts.length > 20 ? ts.slice(20) : '';
  return `${ts.slice(0, 10)}T${ts.slice(11, 19)}.${frac.padEnd(6, '0')}Z`;
}

/** The payload that the database hashes (audit_event_payload), rebuilt independently. */
export function eventPayload(r: { chainKey: string; chainSeq: string; occurredAt: string; actorUserId: string | null; action: string; recordType: string | null; recordId: string | null; ip: string | null; details: string }): string {
  return [r.chainKey, r.chainSeq, isoMicros(r.occurredAt), r.actorUserId ?? '', r.action, r.recordType ?? '', r.recordId ?? '', r.ip ?? '', r.details].join('|');
}

export function eventHashHex(prevHashHex: string, payload: string): string {
  return createHash('sha256').update(Buffer.from(prevHashHex, 'hex')).update(payload, 'utf8').digest('hex');
}

const ESC: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };

/** One field of COPY's text format: `\N` is NULL, backslash escapes otherwise. */
function field(s: string): string | null {
  if (s === '\\N') return null;
  if (!s.includes('\\')) return s;
  return s.replace(/\\([0-7]{1,3}|x[0-9a-fA-F]{1,2}|.)/g, (_, c: string) => {
    if (ESC[c] !== undefined) return ESC[c];
    if (/^[0-7]+$/.test(c)) return String.fromCharCode(parseInt(c, 8));
    if (c[0] === 'x' && c.length > 1) return String.fromCharCode(parseInt(c.slice(1), 16));
    return c;
  });
}

/** Streams `COPY (query) TO STDOUT` and hands over complete lines, split at raw newlines (escaped ones are `\n`). */
async function copyLines(client: pg.Client | pg.PoolClient, query: string, onLines: (lines: string[]) => void): Promise<void> {
  const stream = client.query(copyTo(`COPY (${query}) TO STDOUT`)) as unknown as Readable;
  let rest: Buffer = Buffer.alloc(0);
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const buf = rest.length ? Buffer.concat([rest, chunk]) : chunk;
    const end = buf.lastIndexOf(0x0a);
    if (end < 0) {
      rest = buf;
      continue;
    }
    // Cut at a newline byte, so a multi-byte character is never split when decoding.
    onLines(buf.toString('utf8', 0, end).split('\n'));
    rest = buf.subarray(end + 1);
  }
  if (rest.length) onLines(rest.toString('utf8').split('\n'));
}

/**
 * Checks every chain (or one) and names the first broken link; then checks the tail that the
 * sequencer has not chained yet. Chained rows stream through one `COPY … TO STDOUT` in chain
 * order and are re-hashed here, independently of the database's payload function. Needs a
 * connection that sees all organisations (owner role, or kompas.scope = 'system'); run it in one
 * REPEATABLE READ snapshot so events chained meanwhile do not look like a moved head.
 */
export async function verifyAuditChain(conn: pg.Pool | pg.PoolClient | pg.Client, opts: VerifyOptions = {}): Promise<VerifyResult> {
  const client = conn instanceof pg.Pool ? await conn.connect() : conn;
  try {
    return await verifyOn(client, opts);
  } finally {
    if (conn instanceof pg.Pool) (client as pg.PoolClient).release();
  }
}

async function verifyOn(client: pg.Client | pg.PoolClient, opts: VerifyOptions): Promise<VerifyResult> {
  const staleAfterMs = opts.staleAfterMs ?? 5 * 60_000;
  await client.query(`SELECT set_config('kompas.scope', 'system', false), set_config('DateStyle', 'ISO, MDY', false)`);
  const key = opts.chainKey ? pg.escapeLiteral(opts.chainKey) : undefined;
  const heads = await client.query<{ chain_key: string; last_seq: string; last_hash: string }>(
    `SELECT chain_key::text, last_seq::text, encode(last_hash, 'hex') AS last_hash FROM audit_chain_head ${key ? `WHERE chain_key = ${key}` : ''} ORDER BY chain_key`);
  const headOf = new Map(heads.rows.map((h) => [h.chain_key, h]));
  const chainKeys = new Set(headOf.keys());

  let events = 0;
  let firstBreak: ChainBreak | undefined;
  // State of the chain being walked.
  let cur: string | undefined;
  let expectedSeq = 1;
  let prevHash = ZERO_HEX;
  let lastId = 0;

  const closeChain = (k: string) => {
    // Removing the newest events would leave a valid but shorter chain: the head tells.
    const h = headOf.get(k);
    if (!h || Number(h.last_seq) !== expectedSeq - 1 || h.last_hash !== prevHash) {
      firstBreak = { chainKey: k, chainSeq: expectedSeq, eventId: lastId, reason: 'head_mismatch' };
    }
  };
  const openChain = (k: string) => {
    cur = k;
    chainKeys.add(k);
    expectedSeq = 1;
    prevHash = ZERO_HEX;
    lastId = 0;
  };
  // Heads sorted before `upTo` that have no chained row at all: their chain lost every row (or the head is forged).
  const headsWithoutRows = (upTo: string | undefined) => {
    for (const h of heads.rows) {
      if (firstBreak) return;
      if (upTo !== undefined && h.chain_key >= upTo) return;
      if (h.chain_key <= (cur ?? '') || walked.has(h.chain_key)) continue;
      walked.add(h.chain_key);
      openChain(h.chain_key);
      closeChain(h.chain_key);
    }
  };
  const walked = new Set<string>();

  await copyLines(client, `
    SELECT chain_key, chain_seq, id, organisation_id, occurred_at AT TIME ZONE 'UTC', actor_user_id, action, record_type, record_id,
           host(ip), details::text, encode(prev_hash, 'hex'), encode(hash, 'hex')
      FROM audit_event WHERE chain_seq IS NOT NULL ${key ? `AND chain_key = ${key}` : ''}
     ORDER BY chain_key, chain_seq, id`, (lines) => {
    for (const line of lines) {
      if (firstBreak) return; // the rest of the stream is drained unread
      const f = line.split('\t');
      const chainKey = f[0];
      if (chainKey !== cur) {
        if (cur !== undefined) closeChain(cur);
        headsWithoutRows(chainKey);
        if (firstBreak) return;
        walked.add(chainKey);
        openChain(chainKey);
      }
      const seq = Number(f[1]);
      const id = Number(f[2]);
      const brk = (reason: BreakReason) => { firstBreak = { chainKey, chainSeq: seq, eventId: id, reason }; };
      if (seq < expectedSeq) return brk('extra_row');
      if (seq !== expectedSeq) return brk('sequence_gap');
      if (f[11] !== prevHash) return brk('link_mismatch');
      const payload = eventPayload({
        chainKey, chainSeq: f[1], occurredAt: f[4], actorUserId: field(f[5]), action: field(f[6])!,
        recordType: field(f[7]), recordId: field(f[8]), ip: field(f[9]), details: field(f[10])!,
      });
      // The organisation is not in the payload, but it decides who reads the row: it must match the chain.
      if ((field(f[3]) ?? NIL) !== chainKey || eventHashHex(prevHash, payload) !== f[12]) return brk('hash_mismatch');
      prevHash = f[12];
      lastId = id;
      expectedSeq++;
      events++;
    }
  });
  if (!firstBreak && cur !== undefined) closeChain(cur);
  if (!firstBreak) headsWithoutRows(undefined);

  // The tail: committed events the sequencer has not chained yet.
  const tail = await client.query<{ id: string; chain_key: string; organisation_id: string | null; altered: boolean; occurred_at: string; stale: boolean }>(`
    SELECT id::text, chain_key::text, organisation_id::text, (prev_hash IS NOT NULL OR hash IS NOT NULL) AS altered,
           to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS occurred_at,
           occurred_at < now() - make_interval(secs => $1::float8 / 1000) AS stale
      FROM audit_event WHERE chain_seq IS NULL ${key ? `AND (chain_key = ${key} OR organisation_id = ${key})` : ''}
     ORDER BY occurred_at, id`, [staleAfterMs]);
  let staleUnchained = 0;
  for (const r of tail.rows) {
    chainKeys.add(r.chain_key);
    if (r.stale) staleUnchained++;
    if (!firstBreak && (r.altered || (r.organisation_id ?? NIL) !== r.chain_key)) {
      firstBreak = { chainKey: r.chain_key, chainSeq: 0, eventId: Number(r.id), reason: 'unchained_altered' };
    }
  }
  return {
    intact: !firstBreak,
    events,
    chains: chainKeys.size,
    ...(firstBreak ? { firstBreak } : {}),
    unchained: tail.rows.length,
    ...(tail.rows.length ? { oldestUnchainedAt: tail.rows[0].occurred_at } : {}),
    staleUnchained,
  };
}
