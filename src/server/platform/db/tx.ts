import { sql } from 'drizzle-orm';
import type { Db, Tx } from './pool.js';

/**
 * Runs `fn` in a transaction that row-level security scopes to one organisation.
 * Every service that touches tenant rows goes through here (or withSystemTx).
 */
export function withOrgTx<T>(db: Db, orgId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  if (!UUID.test(orgId)) {
    // Not an id (a caller's bug): the parameterised form, which finds nothing for it.
    return db.transaction(async (tx) => {
      await tx.execute(sql`SELECT set_config('kompas.org_id', ${orgId}, true)`);
      return fn(tx);
    });
  }
  return db.transaction(fn, scopedBegin('kompas.org_id', orgId.toLowerCase()));
}

/** For platform work that legitimately spans organisations (sign-in, oversight aggregates, jobs). */
export function withSystemTx<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(fn, scopedBegin('kompas.scope', 'system'));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * BEGIN and the scope in one round trip (every request pays for it: bench/api). drizzle renders a
 * transaction's access mode verbatim after BEGIN and sends the parameterless statement with the
 * simple protocol, which runs `BEGIN READ WRITE; SELECT set_config(...)` as one message. Only a
 * constant or a checked uuid goes in. Should a drizzle upgrade stop doing so, the scope is simply
 * not set and row-level security shows nothing: the tests fail, no data leaks (tx.test.ts checks
 * both the scope and the single round trip).
 */
function scopedBegin(setting: 'kompas.org_id' | 'kompas.scope', value: string): { accessMode: 'read write' } {
  return { accessMode: `read write; SELECT set_config('${setting}', '${value}', true)` as 'read write' };
}
