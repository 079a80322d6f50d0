import fs from 'node:fs';
import path from 'node:path';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { recordAudit } from '../audit/service.js';
import type { Db } from '../db/pool.js';
import { beginSystem, fieldSql } from './fields-sql.js';
import { ensureSealingKey, KEY_CHECK_VALUE, KEY_LOCK } from './key-check.js';
import { fieldName, sealedFields } from './registry.js';
import { encodeKey, isSealedBytes, isSealedText, keySource, newMasterKey, readMasterKey, Sealer, type KeySource } from './sealing.js';

export class RotationRefused extends Error {}

export interface RotationResult {
  source: KeySource;
  counts: Record<string, number>;
  /** Where the new key is now: the key file itself, or (KOMPAS_AUTH_KEY) a file to move into the secret store. */
  newKeyAt: string;
  /** The previous key file, kept for the backups that still hold data sealed with it. */
  oldKeyAt?: string;
}

/**
 * Re-seals every registered value under a new key in one transaction (with the key-check row),
 * so the database is never half old, half new. Order of writes: the new key is written next to
 * the old one first (`auth.key.new`), then the transaction commits, then the files are swapped
 * (the old one kept as `auth.key.old-<time>`). A crash between commit and swap leaves both keys
 * on disk; the boot check then says that auth.key.new is the current key.
 * The server must be stopped: a running one would keep sealing with the old key.
 */
export async function rotateSealingKey(url: string, dataDir: string, env: NodeJS.ProcessEnv = process.env, log: (m: string) => void = console.log): Promise<RotationResult> {
  const source = keySource(dataDir, env);
  await ensureSealingKey(url, dataDir, env, log);
  const old = new Sealer(readMasterKey(dataDir, env)!);
  const next = newMasterKey();
  const fresh = new Sealer(next);
  const newFile = source.kind === 'file' ? `${source.where}.new` : `${keySource(dataDir, {}).where}.new`;
  const c = new pg.Client({ connectionString: url, application_name: 'kompas-keys-rotate' });
  await c.connect();
  const counts: Record<string, number> = {};
  try {
    const { rows: [running] } = await c.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'kompas' AND pid <> pg_backend_pid()`);
    if (running.n > 0) throw new RotationRefused('Kompas is running on this database: stop the server, then rotate the key.');
    fs.mkdirSync(path.dirname(newFile), { recursive: true, mode: 0o700 });
    fs.writeFileSync(newFile, encodeKey(next), { mode: 0o600 });
    await beginSystem(c);
    await c.query(`SELECT pg_advisory_xact_lock(${KEY_LOCK})`);
    for (const f of sealedFields()) {
      const q = fieldSql(c, f);
      const { rows: ids } = await c.query<{ id: string }>(`SELECT id FROM ${q.table} WHERE ${q.value} IS NOT NULL FOR UPDATE`);
      // One row at a time: a table of evidence files does not fit in memory at once.
      for (const { id } of ids) {
        const { rows: [r] } = await c.query<{ v: string | Buffer }>(`SELECT ${q.value} AS v FROM ${q.table} WHERE id = $1`, [id]);
        let sealed: string | Buffer;
        if (typeof r.v === 'string') {
          const plain = isSealedText(r.v) ? old.open(f.purpose, r.v) : r.v;
          if (plain === null) throw new RotationRefused(`${fieldName(f)} of row ${id} does not open with the current key: nothing was changed.`);
          sealed = fresh.seal(f.purpose, plain);
        } else {
          const plain = isSealedBytes(r.v) ? old.openBytes(f.purpose, r.v) : r.v;
          if (plain === null) throw new RotationRefused(`${fieldName(f)} of row ${id} does not open with the current key: nothing was changed.`);
          sealed = fresh.sealBytes(f.purpose, plain);
        }
        await c.query(`UPDATE ${q.table} SET ${q.set} WHERE id = $1`, [id, sealed]);
      }
      counts[fieldName(f)] = ids.length;
    }
    await c.query('UPDATE sealing_key_check SET sealed = $1, created_at = now() WHERE id = 1', [fresh.seal('check', KEY_CHECK_VALUE)]);
    await recordAudit(drizzle(c) as unknown as Db, { actorUserId: null, ip: null }, {
      organisationId: null, action: 'platform.key_rotated', recordType: 'sealing_key', recordId: source.kind, details: { counts },
    });
    await c.query('COMMIT');
  } catch (err) {
    await c.query('ROLLBACK').catch(() => {});
    if (fs.existsSync(newFile)) fs.rmSync(newFile);
    throw err;
  } finally {
    await c.end();
  }
  if (source.kind === 'env') {
    log(`Re-sealed with a new key. Put the content of ${newFile} into KOMPAS_AUTH_KEY (your secret store), then delete that file and start the server.`);
    return { source, counts, newKeyAt: newFile };
  }
  const oldKeyAt = `${source.where}.old-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  fs.renameSync(source.where, oldKeyAt);
  fs.renameSync(newFile, source.where);
  log(`Re-sealed with a new key in ${source.where}; the previous key is kept as ${oldKeyAt} for the backups made with it. Back up the new key now.`);
  return { source, counts, newKeyAt: source.where, oldKeyAt };
}
