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
import pg from 'pg';
import { DrizzleQueryError, is, Param, Placeholder, type Query, type SQL } from 'drizzle-orm';
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

/*
 * The statements below go to the pool or the transaction's client directly, with a query config
 * built once per statement, instead of through drizzle's prepareQuery, which built two configs, a
 * prepared-query object and tracing spans on every run (four runs a request in bench/api). What
 * drizzle's node-postgres driver does to a result is kept: the same type parsers (date and time
 * types stay strings) and the same error (DrizzleQueryError with the driver's error as its cause,
 * which the error handler and the constraint checks read).
 */
const RAW = (v: string) => v;
const RAW_TYPES = new Set([
  pg.types.builtins.TIMESTAMPTZ, pg.types.builtins.TIMESTAMP, pg.types.builtins.DATE, pg.types.builtins.INTERVAL,
  1231, 1115, 1185, 1187, 1182, // numeric[], timestamp[], timestamptz[], interval[], date[]
]);
const TYPES = {
  getTypeParser: (typeId: number, format?: string) => (RAW_TYPES.has(typeId) ? RAW : pg.types.getTypeParser(typeId, format as 'text')),
};

/** A parameter slot: a value fixed when the statement was built, or a placeholder filled on each run. */
type Slot = { value: unknown } | { placeholder: string; encode?: (v: unknown) => unknown };

/** A statement built once, run by name with the values of its placeholders. */
export interface PreparedStatement {
  readonly name: string;
  readonly query: Query;
  /** How each parameter is filled. */
  readonly slots: readonly Slot[];
  /** The query config handed to pg on every run (values apart). */
  readonly config: { name: string; text: string; types: typeof TYPES };
}

function build(query: SQL): PreparedStatement {
  const built = dialect.sqlToQuery(query);
  const slots = built.params.map((p): Slot => {
    if (is(p, Placeholder)) return { placeholder: p.name };
    if (is(p, Param) && is(p.value, Placeholder)) {
      const encoder = p.encoder;
      return { placeholder: p.value.name, encode: (v) => encoder.mapToDriverValue(v) };
    }
    return { value: p };
  });
  const name = nameOf(built.sql);
  return { name, query: built, slots, config: { name, text: built.sql, types: TYPES } };
}

/** Builds a fixed statement once (at module load); its values are `sql.placeholder(name)`s. */
export function preparedStatement(query: SQL): PreparedStatement {
  return build(query);
}

/** The pool (for `db`) or the transaction's pooled client (for `tx`) under drizzle's session. */
function clientOf(q: Queryable): pg.Pool | pg.PoolClient {
  return (q._.session as unknown as { client: pg.Pool | pg.PoolClient }).client;
}

/** Runs `stmt` in `q` (the pool or a transaction) like `q.execute`, filling its placeholders from `values`. */
export async function runPrepared<T extends Record<string, unknown>>(
  q: Queryable, stmt: PreparedStatement, values: Record<string, unknown> = {},
): Promise<{ rows: T[] }> {
  const params = stmt.slots.map((s) => {
    if ('value' in s) return s.value;
    if (!(s.placeholder in values)) throw new Error(`No value for placeholder "${s.placeholder}" was provided`);
    return s.encode ? s.encode(values[s.placeholder]) : values[s.placeholder];
  });
  try {
    return await clientOf(q).query<T>(stmt.config, params);
  } catch (e) {
    throw new DrizzleQueryError(stmt.config.text, params, e as Error);
  }
}

/**
 * Like `q.execute(query)`, as a named statement, for a query built per call whose text takes a
 * few shapes only (a listing's optional filters and cursor): each shape is planned once per
 * connection. Never for a text that grows with the data (IN lists, multi-row VALUES). A listing
 * that runs on every request builds each shape once with placeholders instead (`preparedShapes`).
 */
export async function executeNamed<T extends Record<string, unknown>>(q: Queryable, query: SQL): Promise<{ rows: T[] }> {
  return runPrepared<T>(q, build(query));
}


/**
 * The statement of one shape of a query, built on its first use and kept: `shape` names what
 * decides the text (which filters are present), `make` builds it with `sql.placeholder`s for
 * every value. For a bounded number of shapes only, like `executeNamed`.
 */
export function preparedShapes(make: (shape: string) => SQL, maxShapes = 256): (shape: string) => PreparedStatement {
  const cache = new Map<string, PreparedStatement>();
  return (shape) => {
    let stmt = cache.get(shape);
    if (!stmt) {
      stmt = build(make(shape));
      if (cache.size < maxShapes) cache.set(shape, stmt);
    }
    return stmt;
  };
}
