/**
 * `npm run restore -- --from <backup> [--data-dir <folder>] [--force]`: restores a file made by
 * `npm run backup` (docs/decisions/0012) into an empty database: a new embedded cluster in the
 * data folder (KOMPAS_DATA_DIR or --data-dir) when DATABASE_URL is unset, else the database of
 * DATABASE_URL. It migrates the schema to the backup's level, loads every table in one
 * transaction (all or nothing), applies newer migrations, writes the sealing key file (0600),
 * makes sure the application role kompas_app exists (row-level security) and checks that the key
 * opens the sealed data. A target that holds data is refused unless --force.
 * Exit 0 when restored, 1 when refused (target not empty, server running, backup from a newer
 * Kompas, damaged backup, key that does not open the data), 2 on bad usage, configuration or a failure.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { cliInputs, consoleIo, runAsCli, type Io } from './cli.js';
import { BackupFormatError, BackupReader, writePrivateFile, type MetaEntry, type TableEntry } from './backup/format.js';
import { resolveDatabaseUrl } from '../src/server/platform/db/resolve.js';
import { passwordFile } from '../src/server/platform/db/embedded.js';
import { MIGRATIONS_DIR, runMigrations } from '../src/server/platform/db/migrate.js';
import { createDatabase } from '../src/server/platform/db/pool.js';
import { StartupError } from '../src/server/platform/db/startup-error.js';
import { ensureSealingKey, SealingKeyError } from '../src/server/platform/crypto/index.js';
import { keyFilePath, KEY_ENV } from '../src/server/platform/crypto/sealing.js';

const USAGE = 'usage: npm run restore -- --from <backup file> [--data-dir <folder>] [--force]';

interface Args { from: string; dataDir?: string; force: boolean }

function parseArgs(argv: string[]): Args | string {
  const args: Partial<Args> = { force: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (name: string) => (a === name ? argv[++i] : a.slice(name.length + 1));
    if (a === '--from' || a.startsWith('--from=')) args.from = value('--from');
    else if (a === '--data-dir' || a.startsWith('--data-dir=')) args.dataDir = value('--data-dir');
    else if (a === '--force') args.force = true;
    else if (a === '--help' || a === '-h') return USAGE;
    else return `unknown argument ${a}\n${USAGE}`;
    if (args.from === '' || args.dataDir === '') return `${a} needs a value\n${USAGE}`;
  }
  if (!args.from) return `--from is required\n${USAGE}`;
  return args as Args;
}

/** Refused: nothing was changed (or, after --force checks, nothing was loaded). */
class Refused extends Error {}

const isLive = (pidFile: string) => {
  try {
    process.kill(Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]), 0);
    return true;
  } catch {
    return false;
  }
};

export async function main(argv: string[], env: NodeJS.ProcessEnv, io: Io = consoleIo): Promise<number> {
  const inputs = cliInputs(argv, env, io, parseArgs, (a) => (a.dataDir ? { ...env, KOMPAS_DATA_DIR: a.dataDir } : env));
  if (!inputs) return 2;
  const { args, config } = inputs;
  if (!fs.existsSync(args.from)) {
    io.err(`${args.from} does not exist`);
    return 2;
  }
  const reader = new BackupReader(args.from);
  try {
    await reader.start();
    const meta = await reader.next();
    if (meta.kind !== 'meta') throw new BackupFormatError('the backup file is damaged (no description at its start)');
    const level = migrationLevel(meta);

    // The target must be empty, checked before anything is created or changed.
    const keyFile = keyFilePath(config.dataDir);
    const pgDir = path.join(config.dataDir, 'pg');
    if (!config.databaseUrl) {
      if (isLive(path.join(pgDir, 'postmaster.pid'))) throw new Refused(`Kompas (or its PostgreSQL) runs on ${config.dataDir}: stop it first, and restore into a fresh folder`);
      const used = fs.existsSync(pgDir) && fs.readdirSync(pgDir).length > 0;
      if (used && !args.force) throw new Refused(`${pgDir} already holds a database: restore into a fresh folder (--data-dir), or add --force to replace its data`);
    }
    // A backup made --without-key needs the key put in place first; one with the key must not silently replace another.
    if (meta.sealingKey === 'file' && fs.existsSync(keyFile) && !args.force && !env[KEY_ENV]) {
      throw new Refused(`${keyFile} exists already: restore into a fresh folder (--data-dir), or add --force to replace it with the backup's key`);
    }
    // A cluster made for this restore is removed again when the restore fails, so that the
    // operator can simply run it again (no --force needed on a folder we filled half-way).
    const freshCluster = !config.databaseUrl && !(fs.existsSync(pgDir) && fs.readdirSync(pgDir).length > 0);
    const hadPassword = fs.existsSync(passwordFile(config.dataDir));
    const database = await resolveDatabaseUrl(config, io.err);
    let restored = false;
    try {
      const client = new pg.Client({ connectionString: database.url, application_name: 'kompas-restore' });
      await client.connect();
      try {
        const { rows: [{ n }] } = await client.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_class WHERE relnamespace IN ('public'::regnamespace, to_regnamespace('drizzle'), to_regnamespace('pgboss')) AND relkind IN ('r', 'p')`);
        if (n > 0) {
          if (!args.force) throw new Refused(`the target database already holds tables: restore into an empty database, or add --force to replace everything in it`);
          io.err('--force: dropping every table, function and job of the target database');
          await client.query('DROP SCHEMA IF EXISTS pgboss CASCADE; DROP SCHEMA IF EXISTS drizzle CASCADE; DROP SCHEMA public CASCADE; CREATE SCHEMA public');
        }
        await migrateTo(client, level);
        const loaded = await load(client, reader, meta);
        io.out(`restored ${loaded.tables} tables, ${loaded.rows} rows (backup of ${meta.createdAt}, migration ${level} of ${readMigrationFiles({ migrationsFolder: MIGRATIONS_DIR }).length})`);
        for (const f of loaded.files) {
          writePrivateFile(path.join(config.dataDir, f.path), f.content);
          io.out(`wrote ${path.join(config.dataDir, f.path)} (mode 0600)`);
        }
      } finally {
        await client.end().catch(() => {});
      }
      // Migrations newer than the backup, as the server would at boot.
      await runMigrations(database.url);
      // The role requests run as: created and granted here, so row-level security is in force at
      // the first start (the server checks it again, and refuses a role that bypasses it).
      const db = await createDatabase(database.url, { max: 1 });
      await db.close();
      // The key at hand must open what the backup sealed; otherwise say so now, not at the first sign-in.
      await ensureSealingKey(database.url, config.dataDir, { ...env, KOMPAS_DATA_DIR: config.dataDir }, io.out);
      restored = true;
    } finally {
      await database.stop();
      if (!restored && freshCluster) {
        fs.rmSync(pgDir, { recursive: true, force: true });
        if (!hadPassword) fs.rmSync(passwordFile(config.dataDir), { force: true });
      }
    }
    io.out(`done. Start Kompas with ${config.databaseUrl ? 'the same DATABASE_URL' : `KOMPAS_DATA_DIR=${config.dataDir}`} and KOMPAS_DEMO=0, then run npm run audit:verify`);
    return 0;
  } catch (err) {
    if (err instanceof Refused || err instanceof BackupFormatError || err instanceof SealingKeyError || err instanceof StartupError) {
      io.err(`restore refused: ${err.message}`);
      return 1;
    }
    throw err;
  }
}

/** How many of this version's migrations the backup's schema has; refused when it has others. */
function migrationLevel(meta: MetaEntry): number {
  const ours = readMigrationFiles({ migrationsFolder: MIGRATIONS_DIR });
  meta.migrations.forEach((m, i) => {
    if (!ours[i]) throw new Refused(`the backup was made by a newer Kompas (migration ${i + 1} is unknown here): restore it with that version or a later one`);
    if (ours[i].hash !== m.hash) throw new Refused(`the backup's migration ${i + 1} differs from this version's: restore it with the Kompas version that made it`);
  });
  return meta.migrations.length;
}

/** Migrates a new database to exactly the backup's schema: the data fits it column for column. */
async function migrateTo(client: pg.Client, level: number): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kompas-restore-migrations-'));
  try {
    const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_DIR, 'meta/_journal.json'), 'utf8')) as { entries: { tag: string }[] };
    journal.entries = journal.entries.slice(0, level);
    fs.mkdirSync(path.join(dir, 'meta'));
    fs.writeFileSync(path.join(dir, 'meta/_journal.json'), JSON.stringify(journal));
    for (const e of journal.entries) fs.copyFileSync(path.join(MIGRATIONS_DIR, `${e.tag}.sql`), path.join(dir, `${e.tag}.sql`));
    await client.query('SELECT pg_advisory_lock(774411)'); // the lock of runMigrations: no server migrates meanwhile
    try {
      await migrate(drizzle(client), { migrationsFolder: dir });
    } finally {
      await client.query('SELECT pg_advisory_unlock(774411)');
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Loads every table in one transaction. Like pg_dump's restore, foreign keys are added after
 * the data (no load order to get right, self-references included) and user triggers are off
 * while loading: the audit chain trigger must not recompute the stored hashes, the append-only
 * trigger must not refuse the emptying of the freshly migrated tables. FORCE ROW LEVEL
 * SECURITY is lifted for the transaction so a table owner that is not a superuser may COPY.
 */
async function load(client: pg.Client, reader: BackupReader, meta: MetaEntry) {
  const id = (n: string) => client.escapeIdentifier(n);
  await client.query('BEGIN');
  try {
    const { rows: tables } = await client.query<{ name: string; forced: boolean; columns: string[] }>(`
      SELECT c.relname AS name, c.relforcerowsecurity AS forced, array_agg(a.attname::text ORDER BY a.attnum) AS columns
        FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
       WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relispartition
         AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
       GROUP BY c.relname, c.relforcerowsecurity`);
    const target = new Map(tables.map((t) => [t.name, t]));
    const { rows: fks } = await client.query<{ tbl: string; name: string; def: string }>(`
      SELECT conrelid::regclass::text AS tbl, conname AS name, pg_get_constraintdef(oid) AS def
        FROM pg_constraint WHERE contype = 'f' AND connamespace = 'public'::regnamespace AND conparentid = 0`);
    for (const fk of fks) await client.query(`ALTER TABLE ${fk.tbl} DROP CONSTRAINT ${id(fk.name)}`);
    for (const t of tables) {
      await client.query(`ALTER TABLE ${id(t.name)} DISABLE TRIGGER USER`);
      if (t.forced) await client.query(`ALTER TABLE ${id(t.name)} NO FORCE ROW LEVEL SECURITY`);
    }
    // Rows the migrations themselves inserted come back from the backup as they were there.
    if (tables.length) await client.query(`TRUNCATE ${tables.map((t) => id(t.name)).join(', ')}`);
    for (const p of meta.partitions) {
      const { rows: [exists] } = await client.query('SELECT 1 FROM pg_class WHERE relname = $1 AND relnamespace = \'public\'::regnamespace', [p.name]);
      if (!exists) await client.query(`CREATE TABLE ${id(p.name)} PARTITION OF ${id(p.parent)} ${p.bound}`);
    }
    let rows = 0;
    let count = 0;
    const files: { path: string; content: Buffer }[] = [];
    for (;;) {
      const e = await reader.next();
      if (e.kind === 'end') {
        if (e.tables !== count || e.rows !== rows || e.files !== files.length) throw new BackupFormatError('the backup file is damaged (its totals do not match its content)');
        break;
      }
      if (e.kind === 'file') {
        if (!/^keys\/[a-z0-9._-]+$/.test(e.path)) throw new BackupFormatError(`the backup file is damaged (unexpected file ${JSON.stringify(e.path)})`);
        const parts: Buffer[] = [];
        for await (const b of reader.frames(() => {})) parts.push(b);
        files.push({ path: e.path, content: Buffer.concat(parts) });
        continue;
      }
      if (e.kind !== 'table') throw new BackupFormatError('the backup file is damaged (unexpected entry)');
      rows += await copyTable(client, reader, e, target.get(e.name));
      count++;
    }
    for (const s of meta.sequences) {
      await client.query('SELECT setval($1::regclass, $2, $3)', [id(s.name), s.value ?? 1, s.value !== null]);
    }
    for (const t of tables) {
      await client.query(`ALTER TABLE ${id(t.name)} ENABLE TRIGGER USER`);
      if (t.forced) await client.query(`ALTER TABLE ${id(t.name)} FORCE ROW LEVEL SECURITY`);
    }
    // Validated on the restored rows, as a check that the backup was consistent.
    for (const fk of fks) await client.query(`ALTER TABLE ${fk.tbl} ADD CONSTRAINT ${id(fk.name)} ${fk.def}`);
    await client.query('COMMIT');
    return { tables: count, rows, files };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  }
}

async function copyTable(client: pg.Client, reader: BackupReader, e: TableEntry, target: { columns: string[] } | undefined): Promise<number> {
  const missing = e.columns.filter((c) => !target?.columns.includes(c));
  if (!target || missing.length) throw new Refused(`the backup's table ${e.name} does not fit this version's schema (${target ? `columns ${missing.join(', ')}` : 'no such table'})`);
  const cols = e.columns.map((c) => client.escapeIdentifier(c)).join(', ');
  const stream = client.query(copyFrom(`COPY ${client.escapeIdentifier(e.name)} (${cols}) FROM STDIN`));
  const failed = new Promise<never>((_, reject) => stream.once('error', reject));
  failed.catch(() => {});
  let expected = -1;
  try {
    for await (const b of reader.frames((t) => { expected = t.rows; })) {
      if (!stream.write(b)) await Promise.race([once(stream, 'drain'), failed]);
    }
  } catch (err) {
    // A damaged file mid-table: abort the COPY (CopyFail), or the connection stays in COPY mode
    // and the ROLLBACK after it waits for ever.
    stream.destroy(err as Error);
    await failed.catch(() => {});
    throw err;
  }
  stream.end();
  await Promise.race([once(stream, 'finish'), failed]);
  const loaded = (stream as unknown as { rowCount: number }).rowCount;
  if (loaded !== expected) throw new BackupFormatError(`the backup file is damaged (${e.name}: ${loaded} rows loaded, ${expected} written)`);
  return loaded;
}

runAsCli(import.meta.url, 'restore', main);
