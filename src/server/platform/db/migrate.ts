import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';

export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, '../../../../migrations');

/** Applies every pending migration. Runs with the connecting (owner) role, never the app role. */
export async function runMigrations(url: string): Promise<void> {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
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

export async function migrationState(pool: pg.Pool): Promise<{ applied: number; expected: number; upToDate: boolean }> {
  const expected = expectedMigrations();
  const r = await pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations`,
  ).catch(() => ({ rows: [{ n: 0 }] }));
  const applied = r.rows[0]?.n ?? 0;
  return { applied, expected, upToDate: applied === expected };
}
