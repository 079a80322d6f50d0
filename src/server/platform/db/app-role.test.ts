import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres, type EmbeddedHandle } from './embedded.js';
import { runMigrations } from './migrate.js';
import { APP_ROLE, createDatabase } from './pool.js';
import { StartupError } from './startup-error.js';
import { withOrgTx } from './tx.js';

/**
 * Roles belong to the cluster, not the database: a dump restored into a fresh cluster arrives
 * without `kompas_app` and without its grants. The server must then create the role (or refuse
 * to start), never fall back to the connecting superuser, which row-level security does not
 * restrict. The shared test cluster keeps its role, so this runs on its own embedded cluster.
 */
let dir: string;
let cluster: EmbeddedHandle;
let superUrl: string;

async function su<T extends Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: superUrl });
  await c.connect();
  try {
    return (await c.query<T>(text, params)).rows;
  } finally {
    await c.end();
  }
}

/** What a restore into a new cluster leaves: the schema and data, no app role, no grants to it. */
async function dropAppRole() {
  await su(`DROP OWNED BY ${APP_ROLE}`);
  await su(`DROP ROLE ${APP_ROLE}`);
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kompas-role-'));
  cluster = await startEmbeddedPostgres(dir);
  superUrl = cluster.url;
  await runMigrations(superUrl);
  const [org] = await su<{ id: string }>(`INSERT INTO organisation (kind, code, names, languages) VALUES ('local_police_zone', 'R1', '{"nl":"Zone R"}', '{nl}') RETURNING id`);
  await su(`INSERT INTO person (organisation_id, personnel_number, first_name, last_name, staff_category, start_date) VALUES ($1, 'R-1', 'Ann', 'Peeters', 'calog', '2020-01-01')`, [org.id]);
  await su(`CREATE ROLE kompas_limited LOGIN PASSWORD 'limited-pw' NOSUPERUSER NOCREATEROLE NOBYPASSRLS`);
}, 120_000);

afterAll(async () => {
  await cluster?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('application role at start', () => {
  it('refuses to start, naming the fix, when the role is missing and the connecting user may not create it', async () => {
    await dropAppRole();
    const u = new URL(superUrl);
    u.username = 'kompas_limited';
    u.password = 'limited-pw';
    const err = await createDatabase(u.toString()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StartupError);
    expect((err as Error).message).toContain(`CREATE ROLE ${APP_ROLE} NOLOGIN NOSUPERUSER NOBYPASSRLS`);
    expect((err as Error).message).toContain('GRANT kompas_app TO "kompas_limited"');
  });

  it('a database without the app role never serves as superuser: connected as a superuser, it recreates the role and its grants', async () => {
    expect(await su(`SELECT 1 FROM pg_roles WHERE rolname = $1`, [APP_ROLE])).toHaveLength(0);
    const database = await createDatabase(superUrl, { max: 2 });
    try {
      const who = await database.pool.query<{ me: string; rolsuper: boolean; rolbypassrls: boolean }>(
        `SELECT current_user AS me, rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user`);
      expect(who.rows).toEqual([{ me: APP_ROLE, rolsuper: false, rolbypassrls: false }]);
      // Row-level security applies again: without an organisation scope no person is visible,
      // within its organisation's scope the person is (so the grants were restored too).
      expect((await database.pool.query(`SELECT id FROM person`)).rows).toHaveLength(0);
      const [org] = await su<{ id: string }>(`SELECT id FROM organisation WHERE code = 'R1'`);
      const seen = await withOrgTx(database.db, org.id, (tx) => tx.execute(sql`SELECT personnel_number FROM person`));
      expect(seen.rows).toEqual([{ personnel_number: 'R-1' }]);
    } finally {
      await database.close();
    }
  });

  it('refuses to start when the app role was given BYPASSRLS or SUPERUSER', async () => {
    for (const attribute of ['BYPASSRLS', 'SUPERUSER']) {
      await su(`ALTER ROLE ${APP_ROLE} ${attribute}`);
      try {
        const err = await createDatabase(superUrl).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(StartupError);
        expect((err as Error).message).toContain(attribute);
      } finally {
        await su(`ALTER ROLE ${APP_ROLE} NO${attribute}`);
      }
    }
    const database = await createDatabase(superUrl, { max: 1 });
    await database.close();
  });

  it('a stale postmaster.pid naming another live process says what to do instead of ECONNREFUSED', async () => {
    const stale = fs.mkdtempSync(path.join(os.tmpdir(), 'kompas-stale-'));
    try {
      fs.mkdirSync(path.join(stale, 'pg'));
      // This test process is alive and is not PostgreSQL: as after a reboot that reused the id.
      fs.writeFileSync(path.join(stale, 'pg', 'postmaster.pid'), `${process.pid}\n${path.join(stale, 'pg')}\n1700000000\n5999\n\n127.0.0.1\n`);
      const err = await startEmbeddedPostgres(stale).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StartupError);
      expect((err as Error).message).toMatch(/left over from a crash/);
      expect((err as Error).message).toContain(`delete ${path.join(stale, 'pg', 'postmaster.pid')}`);
    } finally {
      fs.rmSync(stale, { recursive: true, force: true });
    }
  });
});
