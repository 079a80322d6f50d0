import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { recordAudit } from '../audit/service.js';
import type { Db } from '../db/pool.js';
import { beginSystem, fieldSql } from './fields-sql.js';
import { fieldName, sealedFields } from './registry.js';
import { sealerFor } from './sealing.js';

/**
 * Boot step after ensureSealingKey: seals the values of registered fields that are still plain
 * (written before sealing existed, or inserted by SQL such as the demo loader's TOTP secrets).
 * Plain SQL cannot do this in a migration: the key is not in the database. Idempotent, in small
 * transactions (a file can be 10 MB); each batch writes an audit event with the count, no content.
 */
export async function sealPlainValues(url: string, dataDir: string, env: NodeJS.ProcessEnv = process.env, log: (m: string) => void = console.log): Promise<Record<string, number>> {
  const sealer = sealerFor(dataDir, env);
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const counts: Record<string, number> = {};
  try {
    for (const f of sealedFields()) {
      const q = fieldSql(c, f);
      const batch = f.kind === 'bytes' ? 10 : 500;
      for (;;) {
        await beginSystem(c);
        try {
          const { rows } = await c.query<{ id: string; v: string | Buffer }>(
            `SELECT id, ${q.value} AS v FROM ${q.table} WHERE ${q.plain} LIMIT ${batch} FOR UPDATE SKIP LOCKED`);
          for (const r of rows) {
            const sealed = typeof r.v === 'string' ? sealer.seal(f.purpose, r.v) : sealer.sealBytes(f.purpose, r.v);
            await c.query(`UPDATE ${q.table} SET ${q.set} WHERE id = $1`, [r.id, sealed]);
          }
          if (rows.length > 0) {
            await recordAudit(drizzle(c) as unknown as Db, { actorUserId: null, ip: null }, {
              organisationId: null, action: 'platform.sealed_at_rest', recordType: 'sealed_field', recordId: fieldName(f), details: { count: rows.length },
            });
          }
          await c.query('COMMIT');
          counts[fieldName(f)] = (counts[fieldName(f)] ?? 0) + rows.length;
          if (rows.length < batch) break;
        } catch (err) {
          await c.query('ROLLBACK').catch(() => {});
          throw err;
        }
      }
    }
  } finally {
    await c.end();
  }
  const done = Object.entries(counts).filter(([, n]) => n > 0);
  if (done.length > 0) log(`Sealed content that was still plain: ${done.map(([k, n]) => `${k} ${n}`).join(', ')}.`);
  return counts;
}
