import pg from 'pg';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';

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
 * Pool used for requests. Its connections log in with the restricted application role as a
 * startup parameter (`-c role=kompas_app`) when the migration could create that role, so
 * row-level security is a real second wall even when the connection string names a superuser
 * (as with embedded PostgreSQL). Without the role (no privilege to create it), the connecting
 * role is used and RLS relies on it not being the owner or a superuser.
 */
export async function createDatabase(url: string, opts: { max?: number; restrictRole?: boolean; onIdleError?: (err: Error) => void } = {}): Promise<Database> {
  const useAppRole = opts.restrictRole !== false && (await canUseAppRole(url));
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.max ?? 10,
    application_name: 'kompas',
    ...(useAppRole ? { options: `-c role=${APP_ROLE}` } : {}),
  });
  // An idle connection closed by the server (restart, failover, admin termination) must not crash
  // the process: the pool drops that client and opens a new one on the next query.
  pool.on('error', opts.onIdleError ?? ((err) => console.error(`database connection lost: ${err.message}`)));
  const db = drizzle(pool) as Db;
  return { pool, db, close: () => pool.end() };
}

async function canUseAppRole(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const r = await client.query<{ ok: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1) AND pg_has_role(current_user, $1, 'MEMBER') AS ok`, [APP_ROLE]);
    return r.rows[0]?.ok === true;
  } finally {
    await client.end();
  }
}
