import pg from 'pg';
import { DrizzleQueryError, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/db.js';
import { createDatabase, type Database } from './pool.js';
import { withOrgTx, withSystemTx } from './tx.js';

let t: TestDatabase;
/** One connection: whatever a transaction leaves on it, the next one meets. */
let one: Database;
let orgId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  one = await createDatabase(t.url, { max: 1 });
  const c = new pg.Client({ connectionString: t.url });
  await c.connect();
  orgId = (await c.query<{ id: string }>(
    `INSERT INTO organisation (kind, code, names, languages) VALUES ('local_police_zone', 'PZ-TX', '{"nl":"Zone"}', '{nl}') RETURNING id`)).rows[0].id;
  await c.end();
});
afterAll(async () => {
  await one.close();
  await t.drop();
});

const insertPerson = (number: string) => sql`
  INSERT INTO person (organisation_id, personnel_number, first_name, last_name, staff_category, grade, start_date)
  VALUES (${orgId}, ${number}, 'An', 'Peeters', 'operational', 'inspecteur', date '2020-01-01')`;
const count = (number: string) => withOrgTx(one.db, orgId, async (tx) =>
  (await tx.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM person WHERE personnel_number = ${number}`)).rows[0].n);

describe('scoped transactions', () => {
  it('commit what the callback did, scoped to the organisation, and leave no scope on the connection', async () => {
    await withOrgTx(one.db, orgId, (tx) => tx.execute(insertPerson('TX-1')));
    expect(await count('TX-1')).toBe(1);
    const after = await one.pool.query<{ org: string | null }>(`SELECT current_setting('kompas.org_id', true) AS org`);
    expect(after.rows[0].org || null).toBeNull();
    expect(await withSystemTx(one.db, async (tx) => (await tx.execute<{ s: string }>(sql`SELECT current_setting('kompas.scope', true) AS s`)).rows[0].s)).toBe('system');
  });

  it('roll back when the callback throws, and the connection serves the next transaction', async () => {
    await expect(withOrgTx(one.db, orgId, async (tx) => {
      await tx.execute(insertPerson('TX-2'));
      throw new Error('boom');
    })).rejects.toThrow('boom');
    expect(await count('TX-2')).toBe(0);
  });

  it('fail a statement like drizzle does (DrizzleQueryError around the driver error) and roll back', async () => {
    const err = await withOrgTx(one.db, orgId, async (tx) => {
      await tx.execute(insertPerson('TX-3'));
      await tx.execute(insertPerson('TX-3')); // the personnel number is unique in the organisation
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DrizzleQueryError);
    expect(((err as DrizzleQueryError).cause as { code?: string }).code).toBe('23505');
    expect(await count('TX-3')).toBe(0);
  });

  it('discard a connection that died in the transaction instead of handing it out again', async () => {
    const admin = new pg.Client({ connectionString: t.url });
    await admin.connect();
    try {
      await expect(withOrgTx(one.db, orgId, async (tx) => {
        const pid = (await tx.execute<{ pid: number }>(sql`SELECT pg_backend_pid() AS pid`)).rows[0].pid;
        await admin.query('SELECT pg_terminate_backend($1)', [pid]);
        await tx.execute(insertPerson('TX-4'));
      })).rejects.toThrow();
    } finally {
      await admin.end();
    }
    // The pool has one connection: the next transaction gets a new one, not the dead one.
    expect(await count('TX-4')).toBe(0);
  });
});
