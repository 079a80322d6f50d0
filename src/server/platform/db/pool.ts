import pg from 'pg';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { StartupError } from './startup-error.js';

// Dates stay strings (YYYY-MM-DD) rather than shifting through the local time zone.
pg.types.setTypeParser(1082, (v) => v);
// bigint counts fit in a JS number for our volumes.
pg.types.setTypeParser(20, (v) => Number(v));

export type Db = NodePgDatabase<Record<string, never>>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type Queryable = Db | Tx;

/** The application role: no superuser, no BYPASSRLS, so row-level security applies. */
export const APP_ROLE = 'kompas_app';

export interface Database {
  pool: pg.Pool;
  db: Db;
  close: () => Promise<void>;
}

/**
 * A connection ended by the server (pg_terminate_backend, restart, failover) makes node-postgres
 * emit 'error' on the client, and an 'error' event nobody listens to ends the process. The pool
 * listens only while a client sits idle; a client checked out for a transaction had no listener,
 * so one ended backend crashed the server. The query in flight on that client rejects on its own
 * (and becomes a 503), and the pool discards the dead client on release: the event itself needs
 * no further action.
 */
export function guardClient(client: pg.Client | pg.PoolClient): void {
  client.on('error', () => {});
}

/** Every pg.Pool of the process goes through here: idle losses are reported, none crashes. */
export function guardPool(pool: pg.Pool, onIdleError: (err: Error) => void): pg.Pool {
  // An idle connection closed by the server must not crash the process: the pool drops that
  // client and opens a new one on the next query.
  pool.on('error', onIdleError);
  pool.on('connect', (client) => guardClient(client));
  return pool;
}

/** Node-postgres errors carry a SQLSTATE or node code; log that, never the message's values. */
export const logConnectionLoss = (err: Error) => console.error(`database connection lost (${(err as { code?: string }).code ?? 'no code'})`);

/**
 * Pool used for requests. Every connection logs in with the restricted application role as a
 * startup parameter (`-c role=kompas_app`), so row-level security is a real second wall even
 * when the connection string names a superuser (as with embedded PostgreSQL). There is no
 * fallback to the connecting role: a database restored into a fresh cluster lacks the role, and
 * silently serving as a superuser there would switch RLS off. `ensureAppRole` creates or repairs
 * the role first, or refuses to start; then the pool's role is checked once more.
 */
export async function createDatabase(url: string, opts: { max?: number; onIdleError?: (err: Error) => void; connectionTimeoutMillis?: number } = {}): Promise<Database> {
  await ensureAppRole(url);
  const pool = guardPool(new pg.Pool({
    connectionString: url,
    max: opts.max ?? 10,
    application_name: 'kompas',
    options: `-c role=${APP_ROLE}`,
    // Fail (503) rather than queue for ever when the database does not answer or every
    // connection is stuck; the next request tries again.
    connectionTimeoutMillis: opts.connectionTimeoutMillis ?? 10_000,
  }), opts.onIdleError ?? logConnectionLoss);
  try {
    await assertRestrictedRole(pool);
  } catch (err) {
    await pool.end();
    throw err;
  }
  const db = drizzle(pool) as Db;
  return { pool, db, close: () => pool.end() };
}

/** The role the pool's queries run as must be subject to row-level security. */
async function assertRestrictedRole(pool: pg.Pool): Promise<void> {
  const r = await pool.query<{ role: string; rolsuper: boolean; rolbypassrls: boolean }>(
    `SELECT current_user AS role, r.rolsuper, r.rolbypassrls FROM pg_roles r WHERE r.rolname = current_user`);
  const row = r.rows[0];
  if (!row || row.role !== APP_ROLE || row.rolsuper || row.rolbypassrls) {
    throw new StartupError(`Kompas refuses to start: its queries would run as the role "${row?.role ?? '?'}"`
      + `${row?.rolsuper ? ' (SUPERUSER)' : ''}${row?.rolbypassrls ? ' (BYPASSRLS)' : ''}, which row-level security does not restrict. `
      + `They must run as "${APP_ROLE}" with NOSUPERUSER NOBYPASSRLS.`);
  }
}

const INSUFFICIENT_PRIVILEGE = '42501';
const DUPLICATE_OBJECT = '42710';
const pgCode = (err: unknown) => (err as { code?: string }).code;

/**
 * Makes sure the application role exists, is restricted, is granted to the connecting user and
 * may use the tables, repairing what the connecting user may repair. The migration creates the
 * role on a new install, but roles belong to the cluster, not the database: a dump restored into
 * a fresh cluster arrives without it (and without its grants, which the restore dropped).
 * Throws a StartupError with the DBA's way out when the role cannot be made usable.
 */
export async function ensureAppRole(url: string): Promise<void> {
  const c = new pg.Client({ connectionString: url, application_name: 'kompas-boot', connectionTimeoutMillis: 10_000 });
  guardClient(c);
  await c.connect();
  try {
    const state = async () => (await c.query<{ rolsuper: boolean; rolbypassrls: boolean; member: boolean; me: string }>(
      `SELECT r.rolsuper, r.rolbypassrls, pg_has_role(current_user, r.oid, 'MEMBER') AS member, current_user AS me
         FROM pg_roles r WHERE r.rolname = $1`, [APP_ROLE])).rows[0];
    let role = await state();
    if (!role) {
      try {
        await c.query(`CREATE ROLE ${APP_ROLE} NOLOGIN NOSUPERUSER NOBYPASSRLS`);
        console.error(`The role "${APP_ROLE}" did not exist in this PostgreSQL cluster (a database restored into a new cluster?): Kompas created it.`);
      } catch (err) {
        if (pgCode(err) === INSUFFICIENT_PRIVILEGE) {
          const me = (await c.query<{ me: string }>('SELECT current_user AS me')).rows[0].me;
          throw new StartupError(`Kompas refuses to start: the database role "${APP_ROLE}" does not exist and "${me}" may not create it. `
            + `Without it, row-level security would not protect the data. Ask a database administrator to run:
`
            + `  CREATE ROLE ${APP_ROLE} NOLOGIN NOSUPERUSER NOBYPASSRLS;
  GRANT ${APP_ROLE} TO "${me}";
then start Kompas again.`);
        }
        if (pgCode(err) !== DUPLICATE_OBJECT) throw err; // another instance created it meanwhile
      }
      role = (await state())!;
    }
    if (role.rolsuper || role.rolbypassrls) {
      throw new StartupError(`Kompas refuses to start: the database role "${APP_ROLE}" has ${role.rolsuper ? 'SUPERUSER' : 'BYPASSRLS'}, so row-level security would not apply. `
        + `Ask a database administrator to run: ALTER ROLE ${APP_ROLE} NOSUPERUSER NOBYPASSRLS;`);
    }
    if (!role.member) {
      try {
        await c.query(`GRANT ${APP_ROLE} TO ${pg.escapeIdentifier(role.me)}`);
      } catch (err) {
        if (pgCode(err) !== INSUFFICIENT_PRIVILEGE) throw err;
        throw new StartupError(`Kompas refuses to start: "${role.me}" may not act as the database role "${APP_ROLE}". `
          + `Ask a database administrator to run: GRANT ${APP_ROLE} TO "${role.me}";`);
      }
    }
    await ensureAppRolePrivileges(c);
  } finally {
    await c.end().catch(() => {});
  }
}

/** Re-grants what the migration granted when a restore dropped it (idempotent, owner only). */
async function ensureAppRolePrivileges(c: pg.Client): Promise<void> {
  const missing = (await c.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_class k JOIN pg_namespace n ON n.oid = k.relnamespace
      WHERE (n.nspname = current_schema() AND ((k.relkind IN ('r', 'p') AND NOT k.relispartition AND EXISTS (
               -- has_table_privilege with a list is true when ANY is held: check each one.
               SELECT 1 FROM unnest(CASE k.relname WHEN 'audit_event' THEN '{SELECT,INSERT}'::text[] WHEN 'audit_chain_head' THEN '{SELECT}'::text[]
                                                    ELSE '{SELECT,INSERT,UPDATE,DELETE}'::text[] END) priv
                WHERE NOT has_table_privilege($1, k.oid, priv)))
                                           OR (k.relkind = 'S' AND NOT has_sequence_privilege($1, k.oid, 'USAGE'))))
         OR (n.nspname = 'drizzle' AND k.relname = '__drizzle_migrations' AND NOT has_table_privilege($1, k.oid, 'SELECT'))`, [APP_ROLE])).rows[0].n;
  if (missing === 0) return;
  try {
    await c.query('BEGIN');
    const schema = pg.escapeIdentifier((await c.query<{ s: string }>('SELECT current_schema() AS s')).rows[0].s);
    await c.query(`GRANT USAGE ON SCHEMA ${schema} TO ${APP_ROLE}`);
    await c.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${schema} TO ${APP_ROLE}`);
    await c.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${schema} TO ${APP_ROLE}`);
    await c.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA ${schema} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${APP_ROLE}`);
    await c.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA ${schema} GRANT USAGE, SELECT ON SEQUENCES TO ${APP_ROLE}`);
    // The audit trail is append-only for the application (migrations 0014, 0015): take back what the blanket grant gave.
    await c.query(`REVOKE UPDATE, DELETE, TRUNCATE ON audit_event FROM ${APP_ROLE}`);
    await c.query(`REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON audit_chain_head FROM ${APP_ROLE}`);
    for (const { p } of (await c.query<{ p: string }>(`SELECT inhrelid::regclass::text AS p FROM pg_inherits WHERE inhparent = 'audit_event'::regclass`)).rows) {
      await c.query(`REVOKE ALL ON ${p} FROM ${APP_ROLE}`);
    }
    if ((await c.query(`SELECT to_regclass('drizzle.__drizzle_migrations') IS NOT NULL AS ok`)).rows[0].ok) {
      await c.query(`GRANT USAGE ON SCHEMA drizzle TO ${APP_ROLE}`);
      await c.query(`GRANT SELECT ON drizzle.__drizzle_migrations TO ${APP_ROLE}`);
    }
    await c.query('COMMIT');
    console.error(`The role "${APP_ROLE}" lacked its privileges on ${missing} tables or sequences (a restored database?): Kompas granted them again.`);
  } catch (err) {
    await c.query('ROLLBACK').catch(() => {});
    if (pgCode(err) !== INSUFFICIENT_PRIVILEGE) throw err;
    throw new StartupError(`Kompas refuses to start: the database role "${APP_ROLE}" lacks privileges on ${missing} tables or sequences, and the connecting user may not grant them. `
      + `Start Kompas once with the owner of the database in DATABASE_URL, or have the owner grant SELECT, INSERT, UPDATE, DELETE on all tables and USAGE on all sequences to ${APP_ROLE}.`);
  }
}
