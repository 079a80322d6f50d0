import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { guardPool, logConnectionLoss } from './pool.js';

export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, '../../../../migrations');

/** Applies every pending migration. Runs with the connecting (owner) role, never the app role. */
export async function runMigrations(url: string): Promise<void> {
  const pool = guardPool(new pg.Pool({ connectionString: url, max: 1, application_name: 'kompas-migrate' }), logConnectionLoss);
  try {
    // Serialise concurrent boots of several instances on one database.
    const client = await pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock(774411)');
      await migrate(drizzle(client), { migrationsFolder: MIGRATIONS_DIR });
      await client.query('SELECT pg_advisory_unlock(774411)');
    } finally {
      client.release();
    }
  } finally {
    await pool.end();
  }
}

export function expectedMigrations(): number {
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_DIR, 'meta/_journal.json'), 'utf8')) as { entries: unknown[] };
  return journal.entries.length;
}

/**
 * Applied versus expected migrations. A database without the migrations table counts as 0
 * applied; any other error (the database does not answer) is thrown, so that health reports
 * it as unreachable rather than as an empty database.
 */
export async function migrationState(pool: pg.Pool): Promise<{ applied: number; expected: number; upToDate: boolean }> {
  const expected = expectedMigrations();
  const r = await pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations`,
  ).catch((err: { code?: string }) => {
    // 42P01 undefined_table, 3F000 invalid_schema_name: not migrated yet.
    if (err.code === '42P01' || err.code === '3F000') return { rows: [{ n: 0 }] };
    throw err;
  });
  const applied = r.rows[0]?.n ?? 0;
  return { applied, expected, upToDate: applied === expected };
}
