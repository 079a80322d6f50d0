import { sql } from 'drizzle-orm';
import type { Db, Tx } from './pool.js';
import { preparedStatement, runPrepared } from './prepared.js';

// Every scoped transaction starts with one of these: named statements (prepared.ts).
const ORG_SCOPE = preparedStatement(sql`SELECT set_config('kompas.org_id', ${sql.placeholder('orgId')}, true)`);
const SYSTEM_SCOPE = preparedStatement(sql`SELECT set_config('kompas.scope', 'system', true)`);

/**
 * Runs `fn` in a transaction that row-level security scopes to one organisation.
 * Every service that touches tenant rows goes through here (or withSystemTx).
 */
export function withOrgTx<T>(db: Db, orgId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await runPrepared(tx, ORG_SCOPE, { orgId });
    return fn(tx);
  });
}

/** For platform work that legitimately spans organisations (sign-in, oversight aggregates, jobs). */
export function withSystemTx<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await runPrepared(tx, SYSTEM_SCOPE);
    return fn(tx);
  });
}
