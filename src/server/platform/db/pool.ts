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
 * Pool used for requests. Each connection switches to the restricted application role when
 * the migration could create it, so row-level security is a real second wall even when the
 * connection string names a superuser (as with embedded PostgreSQL).
 */
export function createDatabase(url: string, opts: { max?: number; restrictRole?: boolean } = {}): Database {
  const pool = new pg.Pool({ connectionString: url, max: opts.max ?? 10, application_name: 'kompas' });
  if (opts.restrictRole !== false) {
    pool.on('connect', (client) => {
      client.query(`DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APP_ROLE}') AND pg_has_role(current_user, '${APP_ROLE}', 'MEMBER') THEN SET ROLE ${APP_ROLE}; END IF; END $$`).catch(() => {});
    });
  }
  const db = drizzle(pool) as Db;
  return { pool, db, close: () => pool.end() };
}
