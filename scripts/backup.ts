/**
 * `npm run backup -- --out <file or folder>`: a complete, consistent backup of a Kompas
 * installation in one file (docs/decisions/0012): every table of the database read in a single
 * REPEATABLE READ snapshot (online: the server may run), the migration journal, the partitions and
 * sequence positions, and the sealing key file (keys/auth.key). Works for the embedded cluster
 * under KOMPAS_DATA_DIR (joined while the server runs, started and stopped otherwise) and for
 * DATABASE_URL. The file is written with mode 0600: it holds personal data and the key.
 * Exit 0 when written, 1 when refused (the output file exists), 2 on bad usage, configuration or a failure.
 */
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { cliInputs, consoleIo, runAsCli, type Io } from './cli.js';
import { BackupWriter, type MetaEntry } from './backup/format.js';
import { resolveDatabaseUrl } from '../src/server/platform/db/resolve.js';
import { keyFilePath, KEY_ENV } from '../src/server/platform/crypto/sealing.js';

const USAGE = 'usage: npm run backup -- --out <file or existing folder> [--without-key]';

function parseArgs(argv: string[]): { out: string; withoutKey: boolean } | string {
  let out: string | undefined;
  let withoutKey = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--out' || a.startsWith('--out=')) {
      out = a === '--out' ? argv[++i] : a.slice('--out='.length);
      if (!out) return `--out needs a file or folder\n${USAGE}`;
    } else if (a === '--without-key') {
      withoutKey = true; // for operators who keep the key apart from the database backups
    } else if (a === '--help' || a === '-h') {
      return USAGE;
    } else {
      return `unknown argument ${a}\n${USAGE}`;
    }
  }
  if (!out) return `--out is required\n${USAGE}`;
  return { out, withoutKey };
}

/** A folder gets a new file named by the time; a file name is used as given. */
function outputFile(out: string): string {
  const st = fs.statSync(out, { throwIfNoEntry: false });
  if (st?.isDirectory()) return path.join(out, `kompas-${new Date().toISOString().replace(/[:.]/g, '-')}.kbak`);
  return out;
}

const ident = (c: pg.ClientBase, name: string) => c.escapeIdentifier(name);

export async function main(argv: string[], env: NodeJS.ProcessEnv, io: Io = consoleIo): Promise<number> {
  const inputs = cliInputs(argv, env, io, parseArgs);
  if (!inputs) return 2;
  const { args, config } = inputs;
  const file = outputFile(args.out);
  if (fs.existsSync(file)) {
    io.err(`${file} exists already; a backup never overwrites a file: choose another name or a folder`);
    return 1;
  }
  if (!fs.existsSync(path.dirname(path.resolve(file)))) {
    io.err(`the folder of ${file} does not exist`);
    return 2;
  }
  const tmp = `${file}.partial`;
  const database = await resolveDatabaseUrl(config, io.err);
  const client = new pg.Client({ connectionString: database.url, application_name: 'kompas-backup' });
  const writer = new BackupWriter(tmp);
  let ok = false;
  try {
    await client.connect();
    // One snapshot for every table: what a running server writes meanwhile is either wholly in
    // the backup or not at all (an audit event never without its chain head, a plan never half).
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    // A role that row-level security filters would silently back up only part of the rows:
    // with row_security off such a read fails instead (use a superuser or a BYPASSRLS role).
    await client.query('SET LOCAL row_security = off');
    const migrations = await client.query<{ hash: string; created_at: string }>(
      'SELECT hash, created_at FROM drizzle.__drizzle_migrations ORDER BY id').catch((err: { code?: string }) => {
      if (err.code === '42P01' || err.code === '3F000') throw new Error('this database has not been migrated: nothing to back up (start the server once)');
      throw err;
    });
    const tables = await client.query<{ name: string; columns: string[] }>(`
      SELECT c.relname AS name,
             array_agg(a.attname::text ORDER BY a.attnum) AS columns
        FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
       WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relispartition
         AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
       GROUP BY c.relname ORDER BY c.relname`);
    const partitions = await client.query<{ name: string; parent: string; bound: string }>(`
      SELECT c.relname AS name, p.relname AS parent, pg_get_expr(c.relpartbound, c.oid) AS bound
        FROM pg_class c JOIN pg_inherits i ON i.inhrelid = c.oid JOIN pg_class p ON p.oid = i.inhparent
       WHERE c.relispartition AND c.relnamespace = 'public'::regnamespace ORDER BY c.relname`);
    const sequences = await client.query<{ name: string; value: string | null }>(
      `SELECT sequencename AS name, last_value::text AS value FROM pg_sequences WHERE schemaname = 'public' ORDER BY 1`);
    const keyFile = keyFilePath(config.dataDir);
    const sealingKey = env[KEY_ENV] ? 'environment' : !fs.existsSync(keyFile) ? 'none' : args.withoutKey ? 'apart' : 'file';
    const meta: MetaEntry = {
      kind: 'meta',
      createdAt: new Date().toISOString(),
      migrations: migrations.rows.map((m) => ({ hash: m.hash, createdAt: Number(m.created_at) })),
      server: (await client.query<{ v: string }>('SHOW server_version')).rows[0].v,
      sealingKey,
      partitions: partitions.rows,
      sequences: sequences.rows.map((s) => ({ name: s.name, value: s.value === null ? null : Number(s.value) })),
    };
    await writer.start();
    await writer.header(meta);
    let rows = 0;
    for (const t of tables.rows) {
      await writer.header({ kind: 'table', name: t.name, columns: t.columns, framed: true });
      // COPY of a query: a partitioned table (audit_event) is read with all its partitions.
      const cols = t.columns.map((c) => ident(client, c)).join(', ');
      const stream = client.query(copyTo(`COPY (SELECT ${cols} FROM ${ident(client, t.name)}) TO STDOUT`));
      rows += (await writer.frames(stream)).rows;
    }
    await client.query('COMMIT');
    let files = 0;
    // The sealing key: without it TOTP secrets, OIDC secrets and plan notes and files do not open.
    // The embedded cluster's keys/pg.password is not copied: a restore makes a new cluster with a
    // new secret of its own, and the old one opens nothing there (docs/decisions/0012).
    if (sealingKey === 'file') {
      await writer.header({ kind: 'file', path: 'keys/auth.key', mode: 0o600, framed: true });
      await writer.frames((async function* () { yield fs.readFileSync(keyFile); })());
      files++;
    }
    await writer.header({ kind: 'end', tables: tables.rows.length, rows, files });
    await writer.finish();
    fs.chmodSync(tmp, 0o600);
    const fd = fs.openSync(tmp, 'r');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fs.renameSync(tmp, file);
    ok = true;
    io.out(`backup written: ${file} (${tables.rows.length} tables, ${rows} rows, ${files ? 'with the sealing key file' : 'without a sealing key file'}; mode 0600)`);
    if (sealingKey === 'apart') io.out(`--without-key: ${keyFile} is not in the backup; a restore needs it (back it up apart)`);
    if (sealingKey === 'environment') io.out(`the sealing key comes from ${KEY_ENV} and is not in the backup: keep it with the backup's records, apart from the file`);
    if (sealingKey === 'none') io.out('no sealing key file was found: this installation has sealed nothing yet, or its key is missing');
    io.out('the file holds personal data and the key that opens sealed data: keep it encrypted and access-controlled');
    return 0;
  } finally {
    if (!ok) {
      await writer.abort();
      fs.rmSync(tmp, { force: true });
    }
    await client.end().catch(() => {});
    await database.stop();
  }
}

runAsCli(import.meta.url, 'backup', main);
