import type pg from 'pg';

/**
 * The audit sequencer (decision 0003). Requests append events unchained, in their own
 * transaction and without any shared lock; this chains the committed ones shortly after, per
 * organisation in ascending id order, through the database function `audit_chain_pending`
 * (migration 0014). That function runs as the table's owner and is the only writer of the chain
 * columns; the application role may call it, and concurrent calls (the job, a verification, a
 * second server) serialise per chain on the chain head, never on the writers.
 */
export interface SequenceOptions {
  /** Only this organisation's chain (the nil uuid for platform events). */
  chainKey?: string;
  /** Events chained per chain and transaction: bounds how long one call holds a chain head. */
  batch?: number;
  /** Stop after this long even when writers keep adding: a later run takes the rest. */
  maxMs?: number;
}

type Client = Pick<pg.Pool | pg.PoolClient | pg.Client, 'query'>;

/** Chains everything committed and not yet chained; returns how many events it chained. */
export async function chainPendingAuditEvents(client: Client, opts: SequenceOptions = {}): Promise<number> {
  const batch = opts.batch ?? 10_000;
  const deadline = performance.now() + (opts.maxMs ?? 30_000);
  let total = 0;
  for (;;) {
    // Each call is its own transaction (autocommit), so a head is locked only while one batch is hashed.
    const r = await client.query<{ n: string }>('SELECT audit_chain_pending($1::uuid, $2::int)::text AS n', [opts.chainKey ?? null, batch]);
    const n = Number(r.rows[0].n);
    total += n;
    if (n < batch || performance.now() > deadline) return total;
  }
}
