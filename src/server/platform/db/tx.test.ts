import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation, createTestApp, type TestApp } from '../../../test/app.js';
import { withOrgTx, withSystemTx } from './tx.js';

let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t.close(); });

/** Counts the statements the pool's clients send while `fn` runs. */
async function countQueries<T>(fn: () => Promise<T>): Promise<{ result: T; queries: string[] }> {
  const queries: string[] = [];
  const pool = t.db.pool as unknown as { connect: () => Promise<{ query: (...a: unknown[]) => unknown; release: () => void }> };
  const connect = pool.connect.bind(pool);
  pool.connect = async () => {
    const client = await connect();
    const query = client.query.bind(client);
    client.query = (...a: unknown[]) => {
      const q = a[0] as string | { text: string };
      queries.push(typeof q === 'string' ? q : q.text);
      return query(...a);
    };
    const release = client.release.bind(client);
    client.release = () => { client.query = query; release(); };
    return client;
  };
  try {
    return { result: await fn(), queries };
  } finally {
    pool.connect = connect;
  }
}

describe('scoped transactions', () => {
  it('withOrgTx sets the organisation with BEGIN in one round trip; rows of the organisation only', async () => {
    const [a, b] = [await createOrganisation(t), await createOrganisation(t)];
    for (const org of [a, b]) await withOrgTx(t.db.db, org, (tx) => tx.execute(sql`INSERT INTO org_unit (organisation_id, code, name) VALUES (${org}, 'U', 'Unit')`));
    const { result, queries } = await countQueries(() => withOrgTx(t.db.db, a, async (tx) => {
      const r = await tx.execute<{ org: string; n: number }>(sql`SELECT current_setting('kompas.org_id', true) AS org, (SELECT count(*)::int FROM org_unit WHERE organisation_id IN (${a}, ${b})) AS n`);
      return r.rows[0];
    }));
    expect(result.org).toBe(a);
    expect(result.n).toBe(1);
    expect(queries).toHaveLength(3); // begin + scope, the query, commit
    expect(queries[0]).toMatch(/^begin read write; SELECT set_config\('kompas\.org_id', '[0-9a-f-]{36}', true\)$/);
    expect(queries[2]).toBe('commit');
    // Outside the transaction the scope is gone.
    expect((await t.db.db.execute<{ org: string | null }>(sql`SELECT current_setting('kompas.org_id', true) AS org`)).rows[0].org ?? '').toBe('');
  });

  it('withSystemTx sets the system scope the same way; a non-uuid organisation id still scopes to nothing', async () => {
    const scope = await withSystemTx(t.db.db, async (tx) => (await tx.execute<{ s: string }>(sql`SELECT current_setting('kompas.scope', true) AS s`)).rows[0].s);
    expect(scope).toBe('system');
    const org = await createOrganisation(t);
    await withOrgTx(t.db.db, org, (tx) => tx.execute(sql`INSERT INTO org_unit (organisation_id, code, name) VALUES (${org}, 'S', 'Scope')`));
    const n = await withOrgTx(t.db.db, "x'); SELECT set_config('kompas.scope', 'system', true); --", async (tx) =>
      (await tx.execute<{ n: number; s: string | null }>(sql`SELECT count(*)::int AS n, current_setting('kompas.scope', true) AS s FROM org_unit`)).rows[0]);
    expect(n.n).toBe(0);
    expect(n.s ?? '').not.toBe('system');
  });

  it('a failure inside rolls back and leaves no scope on the pooled connection', async () => {
    const org = await createOrganisation(t);
    await expect(withOrgTx(t.db.db, org, async (tx) => {
      await tx.execute(sql`INSERT INTO org_unit (organisation_id, code, name) VALUES (${org}, 'RB', 'Rollback')`);
      throw new Error('boom');
    })).rejects.toThrow('boom');
    const left = await withOrgTx(t.db.db, org, async (tx) => (await tx.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM org_unit WHERE organisation_id = ${org}`)).rows[0].n);
    expect(left).toBe(0);
  });
});
