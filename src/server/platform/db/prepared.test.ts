import pg from 'pg';
import { DrizzleQueryError, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/db.js';
import { createDatabase, type Database } from './pool.js';
import { executeNamed, preparedStatement, runPrepared } from './prepared.js';
import { withOrgTx } from './tx.js';

let t: TestDatabase;
/** One connection, so every statement below meets the plans its predecessors left on it. */
let one: Database;
const orgs: string[] = [];

beforeAll(async () => {
  t = await createTestDatabase();
  one = await createDatabase(t.url, { max: 1 });
  const c = new pg.Client({ connectionString: t.url });
  await c.connect();
  for (const code of ['PZ-PREP-A', 'PZ-PREP-B']) {
    const { rows: [o] } = await c.query<{ id: string }>(
      `INSERT INTO organisation (kind, code, names, languages) VALUES ('local_police_zone', $1, '{"nl":"Zone"}', '{nl}') RETURNING id`, [code]);
    orgs.push(o.id);
    await c.query(`
      INSERT INTO person (organisation_id, personnel_number, first_name, last_name, staff_category, grade, start_date)
      SELECT $1, $2 || g, 'An', 'Peeters', 'operational', 'inspecteur', date '2020-01-01' FROM generate_series(1, 3) g`, [o.id, code]);
  }
  await c.end();
});
afterAll(async () => {
  await one.close();
  await t.drop();
});

const PEOPLE = (lastName: string) => sql`SELECT personnel_number FROM person WHERE last_name = ${lastName} ORDER BY personnel_number`;

describe('named statements', () => {
  it('are planned once per connection, and a cached plan still sees only the scope it runs under', async () => {
    const [a, b] = orgs;
    // More than five runs: PostgreSQL then switches to its generic plan, which must keep row-level security.
    for (let i = 0; i < 8; i++) {
      const org = i % 2 === 0 ? a : b;
      const rows = await withOrgTx(one.db, org, async (tx) => (await executeNamed<{ personnel_number: string }>(tx, PEOPLE('Peeters'))).rows);
      expect(rows.map((r) => r.personnel_number)).toEqual([1, 2, 3].map((n) => `${org === a ? 'PZ-PREP-A' : 'PZ-PREP-B'}${n}`));
    }
    // Outside any scope the same statement on the same connection sees nothing.
    expect((await executeNamed(one.db, PEOPLE('Peeters'))).rows).toEqual([]);
    const prepared = await one.db.execute<{ name: string; generic_plans: number; custom_plans: number }>(
      sql`SELECT name, generic_plans, custom_plans FROM pg_prepared_statements WHERE statement LIKE '%FROM person WHERE last_name%'`);
    expect(prepared.rows).toHaveLength(1);
    expect(prepared.rows[0].name).toMatch(/^kompas_/);
    expect(prepared.rows[0].generic_plans + prepared.rows[0].custom_plans).toBe(9);
    expect(prepared.rows[0].generic_plans).toBeGreaterThan(0);
  });

  it('take values as parameters, never as text', async () => {
    const byName = preparedStatement(sql`SELECT count(*)::int AS n FROM person WHERE last_name = ${sql.placeholder('lastName')}`);
    const hostile = "Peeters'; DELETE FROM person; --";
    const seen = await withOrgTx(one.db, orgs[0], async (tx) => (await runPrepared<{ n: number }>(tx, byName, { lastName: hostile })).rows[0].n);
    expect(seen).toBe(0);
    expect(await withOrgTx(one.db, orgs[0], async (tx) => (await runPrepared<{ n: number }>(tx, byName, { lastName: 'Peeters' })).rows[0].n)).toBe(3);
  });

  it('one name per text: the same text shares it, another text gets its own', () => {
    const first = preparedStatement(PEOPLE('A'));
    expect(preparedStatement(PEOPLE('B')).name).toBe(first.name);
    expect(preparedStatement(sql`SELECT 1`).name).not.toBe(first.name);
  });

  it('give what drizzle gives: date and time types as text, a failure as DrizzleQueryError over the driver\'s error', async () => {
    const stmt = preparedStatement(sql`SELECT ${sql.placeholder('ts')}::timestamptz AS ts, date '2025-03-01' AS d, interval '1 day' AS i, 7::bigint AS n, 1.5::numeric AS x`);
    const viaDrizzle = await one.db.execute(sql`SELECT ${'2025-03-01T08:00:00Z'}::timestamptz AS ts, date '2025-03-01' AS d, interval '1 day' AS i, 7::bigint AS n, 1.5::numeric AS x`);
    const { rows: [row] } = await runPrepared(one.db, stmt, { ts: '2025-03-01T08:00:00Z' });
    expect(row).toEqual(viaDrizzle.rows[0]);
    expect(typeof row.ts).toBe('string');
    const failing = preparedStatement(sql`SELECT 1 / ${sql.placeholder('zero')}::int AS n`);
    const err = await runPrepared(one.db, failing, { zero: 0 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DrizzleQueryError);
    expect((err as DrizzleQueryError).cause).toMatchObject({ code: '22012' });
    await expect(runPrepared(one.db, failing, {})).rejects.toThrow('No value for placeholder "zero"');
  });
});
