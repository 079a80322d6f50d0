import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, ownerQuery, type TestApp } from '../../../test/app.js';
import { ensureAppRole } from '../db/pool.js';

/**
 * The audit trail is append-only for the application role: no UPDATE or DELETE on the parent,
 * nothing at all on the monthly partitions (which have no row-level security of their own), and
 * the boot step that re-grants a restored database's privileges must not give them back.
 */
let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t.close(); });

const privileges = async () => (await ownerQuery<{ update: boolean; del: boolean; partition_select: boolean; person: boolean }>(t, `
  SELECT has_table_privilege('kompas_app', 'audit_event', 'UPDATE') AS update,
         has_table_privilege('kompas_app', 'audit_event', 'DELETE') AS del,
         bool_or(has_table_privilege('kompas_app', i.inhrelid, 'SELECT')) AS partition_select,
         has_table_privilege('kompas_app', 'person', 'SELECT') AS person
    FROM pg_inherits i WHERE i.inhparent = 'audit_event'::regclass`))[0];

describe('audit trail privileges of the application role', () => {
  it('appends and reads through the parent only; a partition read directly is refused', async () => {
    expect(await privileges()).toEqual({ update: false, del: false, partition_select: false, person: true });
    const [{ p }] = await ownerQuery<{ p: string }>(t, `SELECT inhrelid::regclass::text AS p FROM pg_inherits WHERE inhparent = 'audit_event'::regclass LIMIT 1`);
    const err = await t.db.db.execute(sql.raw(`SELECT count(*) FROM ${p}`)).then(() => null, (e: Error & { cause?: Error }) => e);
    expect(String(err?.cause?.message ?? err?.message)).toMatch(/permission denied/);
  });

  it('new monthly partitions are locked too, and the boot re-grant after a restore keeps the trail append-only', async () => {
    await ownerQuery(t, `SELECT audit_ensure_partitions((date_trunc('month', now()) + interval '3 years')::date, 1)`);
    await ownerQuery(t, `REVOKE SELECT ON person FROM kompas_app`); // as a restore that lost grants would leave it
    await ensureAppRole(t.db.url);
    expect(await privileges()).toEqual({ update: false, del: false, partition_select: false, person: true });
  });
});
