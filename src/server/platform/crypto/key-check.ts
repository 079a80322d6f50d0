import fs from 'node:fs';
import pg from 'pg';
import { beginSystem, fieldSql } from './fields-sql.js';
import { fieldName, sealedFields, type SealedField } from './registry.js';
import {
  KeyFormatError, keySource, newMasterKey, pinMasterKey, readMasterKey, Sealer, writeNewKeyFile, type KeySource,
} from './sealing.js';

/** The constant in the key-check row. */
const CHECK_VALUE = 'kompas sealing key check v1';
export const KEY_LOCK = `hashtext('kompas.sealing_key')`;

/** The server must not start: the message says which key and what to do. */
export class SealingKeyError extends Error {}

export interface KeyCheckResult {
  source: KeySource;
  /** A new key file was written (only ever on a database without sealed data). */
  created: boolean;
}

const describe = (s: KeySource) => (s.kind === 'env' ? 'the key in KOMPAS_AUTH_KEY' : `the key file ${s.where}`);
const HELP = 'Restore the key of this installation from its backup (see "Sealing key" in docs/operations.md) and start again.';

/**
 * Boot step, after migrations and before anything reads or writes sealed data: the key at hand
 * must open what the database holds. A key is created only when the database holds no sealed
 * value at all; a missing or wrong key otherwise stops the server (issue 15: a lost key file
 * was silently replaced, and every enrolled authenticator then failed as "code is wrong").
 * Verified keys are pinned for the process (sealerFor).
 */
export async function ensureSealingKey(url: string, dataDir: string, env: NodeJS.ProcessEnv = process.env, log: (m: string) => void = console.log): Promise<KeyCheckResult> {
  const source = keySource(dataDir, env);
  let key: Uint8Array | null;
  try {
    key = readMasterKey(dataDir, env);
  } catch (err) {
    if (err instanceof KeyFormatError) throw new SealingKeyError(`Kompas will not start: ${err.message}. ${HELP}`);
    throw err;
  }
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await beginSystem(c);
    // Two servers starting together: one decides, the other then finds its check row.
    await c.query(`SELECT pg_advisory_xact_lock(${KEY_LOCK})`);
    const { rows: [check] } = await c.query<{ sealed: string }>('SELECT sealed FROM sealing_key_check WHERE id = 1');
    let created = false;
    if (check) {
      if (!key) throw new SealingKeyError(missingMessage(source, ['sealing_key_check']));
      if (new Sealer(key).open('check', check.sealed) !== CHECK_VALUE) throw new SealingKeyError(wrongMessage(source));
    } else {
      const found = await sealedSamples(c);
      if (!key) {
        if (found.length > 0) throw new SealingKeyError(missingMessage(source, found.map((s) => fieldName(s.field))));
        // Nothing sealed yet: this is a new installation (or one that never sealed anything).
        writeNewKeyFile(source.where, newMasterKey());
        key = readMasterKey(dataDir, env)!;
        created = true;
      } else {
        // A database sealed before the key check existed: the key must open what is there.
        const sealer = new Sealer(key);
        for (const s of found) if (!opens(sealer, s.field, s.value)) throw new SealingKeyError(wrongMessage(source));
      }
      await c.query('INSERT INTO sealing_key_check (id, sealed) VALUES (1, $1)', [new Sealer(key).seal('check', CHECK_VALUE)]);
    }
    await c.query('COMMIT');
    pinMasterKey(dataDir, env, key);
    if (created) log(`Created a new sealing key in ${source.where}. Back it up now, apart from the database backups (docs/operations.md, "Sealing key").`);
    return { source, created };
  } catch (err) {
    await c.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    await c.end();
  }
}

function missingMessage(source: KeySource, where: string[]): string {
  return `Kompas will not start: ${describe(source)} is missing, but the database holds data sealed with a key (${where.join(', ')}). `
    + `A new key would make that data unreadable. ${HELP}`;
}

function wrongMessage(source: KeySource): string {
  const interrupted = source.kind === 'file' && fs.existsSync(`${source.where}.new`)
    ? ` A key rotation was interrupted: if ${source.where}.new opens the data, it is the current key.` : '';
  return `Kompas will not start: ${describe(source)} does not open the data sealed in this database (it is another installation's key, or an old one).${interrupted} ${HELP}`
}

function opens(sealer: Sealer, f: SealedField, value: string | Buffer): boolean {
  return typeof value === 'string' ? sealer.open(f.purpose, value) !== null : sealer.openBytes(f.purpose, value) !== null;
}

/** One sealed value of each registered field that has any (the smallest, for files). */
async function sealedSamples(c: pg.ClientBase): Promise<{ field: SealedField; value: string | Buffer }[]> {
  const out: { field: SealedField; value: string | Buffer }[] = [];
  for (const f of sealedFields()) {
    const q = fieldSql(c, f);
    const order = f.kind === 'bytes' ? `ORDER BY octet_length(${q.column})` : '';
    const { rows: [r] } = await c.query<{ v: string | Buffer }>(`SELECT ${q.value} AS v FROM ${q.table} WHERE ${q.sealed} ${order} LIMIT 1`);
    if (r) out.push({ field: f, value: r.v });
  }
  return out;
}

export const KEY_CHECK_VALUE = CHECK_VALUE;
