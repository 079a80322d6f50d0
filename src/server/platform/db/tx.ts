import { sql } from 'drizzle-orm';
import type { Db, Tx } from './pool.js';

/**
 * Runs `fn` in a transaction that row-level security scopes to one organisation.
 * Every service that touches tenant rows goes through here (or withSystemTx).
 */
export function withOrgTx<T>(db: Db, orgId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT set_config('kompas.org_id', ${orgId}, true)`);
    return fn(tx);
  });
}

/** For platform work that legitimately spans organisations (sign-in, oversight aggregates, jobs). */
export function withSystemTx<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT set_config('kompas.scope', 'system', true)`);
    return fn(tx);
  });
}
