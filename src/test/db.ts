import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { createDatabase, type Database } from '../server/platform/db/pool.js';
import { withDb } from './global-setup.js';

export interface TestDatabase extends Database {
  /** Owner-role URL (bypasses row-level security): for fixtures and tampering, as a DBA would. */
  url: string;
  drop: () => Promise<void>;
}

/** A fresh database cloned from the migrated template: real PostgreSQL, isolated per test file. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const base = inject('pgBaseUrl');
  const name = `kompas_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('pgTemplate')}`);
      break;
    } catch (err) {
      // Two clones at the same instant can collide on the template; retry briefly.
      if (attempt > 20 || !/being accessed/.test((err as Error).message)) throw err;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
  await admin.end();
  const url = withDb(base, name);
  // Dropping the database terminates idle connections: expected here, so not worth a log line.
  const database = await createDatabase(url, { max: 5, onIdleError: () => {} });
  return {
    ...database,
    url,
    drop: async () => {
      await database.close();
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
