import pg from 'pg';
import { DrizzleQueryError, sql } from 'drizzle-orm';
import { NodePgSession, NodePgTransaction } from 'drizzle-orm/node-postgres';
import type { Db, Tx } from './pool.js';
import { preparedStatement, runPrepared, type PreparedStatement } from './prepared.js';

// Every scoped transaction starts with one of these: named statements (prepared.ts).
const ORG_SCOPE = preparedStatement(sql`SELECT set_config('kompas.org_id', ${sql.placeholder('orgId')}, true)`);
const SYSTEM_SCOPE = preparedStatement(sql`SELECT set_config('kompas.scope', 'system', true)`);

/**
 * Runs `fn` in a transaction that row-level security scopes to one organisation.
 * Every service that touches tenant rows goes through here (or withSystemTx).
 */
export function withOrgTx<T>(db: Db, orgId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return scopedTx(db, ORG_SCOPE, { orgId }, fn);
}

/** For platform work that legitimately spans organisations (sign-in, oversight aggregates, jobs). */
export function withSystemTx<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return scopedTx(db, SYSTEM_SCOPE, {}, fn);
}

interface DrizzlePgSession {
  client: pg.Pool | pg.ClientBase;
  dialect: ConstructorParameters<typeof NodePgSession>[1];
  schema: ConstructorParameters<typeof NodePgSession>[2];
  options: ConstructorParameters<typeof NodePgSession>[3];
}

/** A simple statement on the client, failing like drizzle's `execute` (DrizzleQueryError around the driver's error). */
async function simple(client: pg.PoolClient, text: string): Promise<void> {
  try {
    await client.query(text);
  } catch (e) {
    throw new DrizzleQueryError(text, [], e as Error);
  }
}

/*
 * What drizzle's `db.transaction` does on a pool (a pooled client, `begin`, the callback with a
 * drizzle transaction on that client, `commit` or `rollback`, release), with `begin`, `commit` and
 * `rollback` sent to the client directly: drizzle built each of them as a query with tracing
 * spans and result mapping on every request (bench/api). Same texts, same errors; a client whose
 * `rollback` failed is discarded instead of going back to the pool.
 */
async function scopedTx<T>(db: Db, scope: PreparedStatement, values: Record<string, unknown>, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const session = db._.session as unknown as DrizzlePgSession;
  if (!(session.client instanceof pg.Pool)) {
    return db.transaction(async (tx) => {
      await runPrepared(tx, scope, values);
      return fn(tx);
    });
  }
  const client = await session.client.connect();
  const tx = new NodePgTransaction(session.dialect, new NodePgSession(client, session.dialect, session.schema, session.options), session.schema) as unknown as Tx;
  let broken: Error | undefined;
  try {
    await simple(client, 'begin');
    await runPrepared(tx, scope, values);
    const result = await fn(tx);
    await simple(client, 'commit');
    return result;
  } catch (err) {
    await simple(client, 'rollback').catch((e: Error) => { broken = e; });
    throw err;
  } finally {
    client.release(broken);
  }
}
