import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../src/test/db.js';
import { runNpmScript } from './testkit.js';

let db: TestDatabase;
beforeAll(async () => { db = await createTestDatabase(); });
afterAll(async () => { await db?.drop(); });

async function count(sql: string): Promise<number> {
  const c = new pg.Client({ connectionString: db.url });
  await c.connect();
  try {
    return (await c.query<{ n: number }>(sql)).rows[0].n;
  } finally {
    await c.end();
  }
}

describe('npm run seed:demo (real process, real exit code)', () => {
  // Regression: the script pointed to scripts/seed-demo.ts, which did not exist.
  it('loads the demo organisations into an empty database once, then refuses with 1 and changes nothing', async () => {
    const env = { DATABASE_URL: db.url, KOMPAS_DATA_DIR: undefined };
    const first = await runNpmScript('seed:demo', [], env);
    expect(first, first.err).toMatchObject({ code: 0, out: expect.stringContaining('Demo data loaded.') });
    expect(first.out).toContain('korpschef@demo.kompas.be');
    // 5 of the platform's demo, 9 more of the maturity comparison (six zones, three federal units).
    expect(await count(`SELECT count(*)::int AS n FROM organisation`)).toBe(14);
    const users = await count(`SELECT count(*)::int AS n FROM app_user`);

    const again = await runNpmScript('seed:demo', [], env);
    expect(again).toMatchObject({ code: 1, out: '', err: expect.stringContaining('already holds organisations') });
    expect(await count(`SELECT count(*)::int AS n FROM organisation`)).toBe(14);
    expect(await count(`SELECT count(*)::int AS n FROM app_user`)).toBe(users);
  }, 180_000);

  it('exits 2 on bad usage or configuration', async () => {
    expect(await runNpmScript('seed:demo', ['--drop'], { DATABASE_URL: db.url })).toMatchObject({ code: 2, err: expect.stringContaining('unknown argument --drop') });
    // A database that does not answer: a failure, not a success.
    const r = await runNpmScript('seed:demo', [], { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/kompas' });
    expect(r).toMatchObject({ code: 2, err: expect.stringContaining('seed:demo failed') });
  }, 120_000);
});
