/**
 * Named (prepared) statements: PostgreSQL parses and plans a named statement once per pooled
 * connection instead of on every execution. Worth it for statements that run on (nearly) every
 * request, where planning is a large part of their database time (bench/api: the session lookup,
 * and the audit listing over a monthly-partitioned table, ~1 ms to plan, ~1 ms to run). Values
 * still travel as parameters, never in the text. A name is derived from the statement's text, so
 * one name never stands for two texts; PostgreSQL re-plans by itself when a table it reads changes.
 * Every name stays prepared on every pooled connection for the connection's life: only for texts
 * that take a bounded number of shapes (decision 0004).
 */
import { createHash } from 'node:crypto';
import type { Query, SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Queryable } from './pool.js';

const dialect = new PgDialect();

const namesByText = new Map<string, string>();
const MAX_TEXTS = 1024;

function nameOf(text: string): string {
  let name = namesByText.get(text);
  if (name === undefined) {
    name = `kompas_${createHash('sha256').update(text).digest('base64url').slice(0, 24)}`;
    if (namesByText.size < MAX_TEXTS) namesByText.set(text, name);
  }
  return name;
}

/** A statement built once, run by name with the values of its placeholders. */
export interface PreparedStatement {
  readonly name: string;
  readonly query: Query;
}

/** Builds a fixed statement once (at module load); its values are `sql.placeholder(name)`s. */
export function preparedStatement(query: SQL): PreparedStatement {
  const built = dialect.sqlToQuery(query);
  return { name: nameOf(built.sql), query: built };
}

/** Runs `stmt` in `q` (the pool or a transaction) like `q.execute`, filling its placeholders from `values`. */
export async function runPrepared<T extends Record<string, unknown>>(
  q: Queryable, stmt: PreparedStatement, values: Record<string, unknown> = {},
): Promise<{ rows: T[] }> {
  return (await q._.session.prepareQuery(stmt.query, undefined, stmt.name, false).execute(values)) as { rows: T[] };
}

/**
 * Like `q.execute(query)`, as a named statement, for a query built per call whose text takes a
 * few shapes only (a listing's optional filters and cursor): each shape is planned once per
 * connection. Never for a text that grows with the data (IN lists, multi-row VALUES).
 */
export async function executeNamed<T extends Record<string, unknown>>(q: Queryable, query: SQL): Promise<{ rows: T[] }> {
  const built = dialect.sqlToQuery(query);
  return (await q._.session.prepareQuery(built, undefined, nameOf(built.sql), false).execute()) as { rows: T[] };
}
