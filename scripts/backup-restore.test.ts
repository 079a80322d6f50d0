import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { generate } from 'otplib';
import { createOrganisation, ownerQuery, createTestApp, TEST_PASSWORD, type TestApp } from '../src/test/app.js';
import { planWorld, YEAR, type PlanWorld } from '../src/server/modules/plan/plan.testkit.js';
import { ensureSealingKey, sealPlainValues } from '../src/server/platform/crypto/index.js';
import { freePort, startEmbeddedPostgres } from '../src/server/platform/db/embedded.js';
import { withDb } from '../src/test/global-setup.js';
import { runNpmScript } from './testkit.js';

/**
 * Issue 15: a backup made by `npm run backup` restores with `npm run restore` into a fresh
 * embedded data folder and into an empty external database, with demo data off: every row is
 * back, the password signs in, the sealed TOTP secret and plan notes open with the restored key,
 * the audit chains verify, and the restored server stops cleanly on SIGTERM. Real npm commands
 * in child processes, real PostgreSQL (the test's database, embedded clusters in temp folders).
 */
const ROOT = path.resolve(import.meta.dirname, '..');
const TOTP = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const marker = `HERSTEL-NOTA-${randomBytes(4).toString('hex')}`;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kompas-restore-test-'));
let t: TestApp;
let w: PlanWorld;
let planId: string;
let counts: Record<string, number>;
let backupFile: string;

async function tableCounts(url: string): Promise<Record<string, number>> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const { rows: tables } = await c.query<{ name: string }>(
      `SELECT relname AS name FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p') AND NOT relispartition ORDER BY 1`);
    const out: Record<string, number> = {};
    for (const { name } of tables) out[name] = (await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${c.escapeIdentifier(name)}`)).rows[0].n;
    return out;
  } finally {
    await c.end();
  }
}

const embeddedEnv = (dir: string) => ({ DATABASE_URL: undefined, KOMPAS_DATA_DIR: dir, KOMPAS_DEMO: '0', KOMPAS_AUTH_KEY: undefined });

beforeAll(async () => {
  t = await createTestApp();
  w = await planWorld(t);
  // The officer signs in with a password and a second factor (sealed below, as the server's boot step does).
  await ownerQuery(t, `UPDATE app_user SET totp_secret = $1, totp_enabled_at = now() WHERE id = $2`, [TOTP, w.users.officer.id]);
  const created = await w.s.officer.post(`/api/orgs/${w.org}/plans`, { title: 'Te herstellen plan', periodFrom: YEAR, periodTo: YEAR + 4 });
  expect(created.statusCode, created.body).toBe(201);
  planId = created.json().plan.id;
  const p = await w.s.officer.request('PATCH', `/api/orgs/${w.org}/plans/${planId}`, { confidentialNotes: marker }, { 'if-match': `"${created.json().plan.revision ?? 0}"` });
  expect(p.statusCode, p.body).toBe(200);
  // What the server's boot does: the key-check row, then sealing of plain values.
  await ensureSealingKey(t.db.url, t.deps.config.dataDir, { ...process.env, KOMPAS_AUTH_KEY: undefined }, () => {});
  await sealPlainValues(t.db.url, t.deps.config.dataDir);
  const [u] = await ownerQuery<{ totp_secret: string }>(t, `SELECT totp_secret FROM app_user WHERE id = $1`, [w.users.officer.id]);
  expect(u.totp_secret).toMatch(/^enc:v1:/);
}, 60_000);

afterAll(async () => {
  await t?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** The running server's base URL, after its "Kompas is running at" line. */
function startServer(env: Record<string, string | undefined>): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  return freePort().then((port) => new Promise((resolve, reject) => {
    const merged: NodeJS.ProcessEnv = { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', KOMPAS_LOG_LEVEL: 'warn' };
    for (const [k, v] of Object.entries(merged)) if (v === undefined) delete merged[k];
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], { cwd: ROOT, env: merged, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 90_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /Kompas is running at (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1], output: () => out });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited with ${code}:\n${out}`)); });
  }));
}

/** A browser's cookie jar and CSRF token over real HTTP. */
class Client {
  cookies: Record<string, string> = {};
  constructor(private base: string) {}
  async call(method: string, url: string, body?: unknown) {
    const headers: Record<string, string> = {};
    if (method !== 'GET') {
      const r = await this.raw('GET', '/api/csrf', undefined, {});
      headers['x-csrf-token'] = ((await r.json()) as { token: string }).token;
      headers['content-type'] = 'application/json';
    }
    const r = await this.raw(method, url, body, headers);
    return { status: r.status, json: (await r.json().catch(() => null)) as Record<string, unknown> };
  }
  private async raw(method: string, url: string, body: unknown, headers: Record<string, string>) {
    const cookie = Object.entries(this.cookies).map(([k, v]) => `${k}=${v}`).join('; ');
    const r = await fetch(this.base + url, { method, headers: { ...headers, ...(cookie ? { cookie } : {}) }, body: body === undefined ? undefined : JSON.stringify(body) });
    for (const c of r.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      this.cookies[pair.slice(0, i)] = pair.slice(i + 1);
    }
    return r;
  }
}

const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => {
  if (child.exitCode !== null) resolve(child.exitCode);
  else child.once('exit', (code) => resolve(code));
});

const alive = (pid: number) => { try { process.kill(pid, 0); return true; } catch { return false; } };

describe('npm run backup / npm run restore', () => {
  it('backs up the database and the key into one 0600 file, never over an existing file', async () => {
    counts = await tableCounts(t.db.url);
    const r = await runNpmScript('backup', ['--out', tmp], { DATABASE_URL: t.db.url, KOMPAS_DATA_DIR: t.deps.config.dataDir, KOMPAS_AUTH_KEY: undefined });
    expect(r, r.err).toMatchObject({ code: 0 });
    expect(r.out).toContain('with the sealing key file');
    backupFile = /backup written: (\S+)/.exec(r.out)![1];
    expect(fs.statSync(backupFile).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(tmp).filter((f) => f.endsWith('.partial'))).toEqual([]);
    // Changed after the backup: not in the restored data.
    await createOrganisation(t, { name: 'Na de back-up' });
    const again = await runNpmScript('backup', ['--out', backupFile], { DATABASE_URL: t.db.url, KOMPAS_DATA_DIR: t.deps.config.dataDir });
    expect(again).toMatchObject({ code: 1, err: expect.stringContaining('exists already') });
    expect(await runNpmScript('backup', [], {})).toMatchObject({ code: 2, err: expect.stringContaining('--out is required') });
  }, 120_000);

  it('restores into a fresh embedded data folder that signs in, opens sealed data, verifies and stops cleanly', async () => {
    const dir = path.join(tmp, 'restored');
    const r = await runNpmScript('restore', ['--from', backupFile, '--data-dir', dir], embeddedEnv(dir));
    expect(r, r.err).toMatchObject({ code: 0 });
    expect(fs.statSync(path.join(dir, 'keys/auth.key')).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(path.join(dir, 'keys/auth.key'))).toEqual(fs.readFileSync(path.join(t.deps.config.dataDir, 'keys/auth.key')));
    // Never over a database that exists.
    expect(await runNpmScript('restore', ['--from', backupFile, '--data-dir', dir], embeddedEnv(dir)))
      .toMatchObject({ code: 1, err: expect.stringContaining('already holds a database') });

    // Every table, row for row, before the server touches it.
    const cluster = await startEmbeddedPostgres(dir);
    try {
      expect(await tableCounts(cluster.url)).toEqual(counts);
      const c = new pg.Client({ connectionString: cluster.url });
      await c.connect();
      const { rows: [role] } = await c.query(`SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = 'kompas_app'`);
      expect(role).toEqual({ rolsuper: false, rolbypassrls: false });
      await c.end();
    } finally {
      await cluster.stop();
    }
    expect(await runNpmScript('audit:verify', [], embeddedEnv(dir))).toMatchObject({ code: 0, out: expect.stringMatching(/^intact: \d+ events/) });

    const server = await startServer(embeddedEnv(dir));
    try {
      const browser = new Client(server.url);
      const login = await browser.call('POST', '/api/auth/login', { email: w.users.officer.email, password: TEST_PASSWORD });
      expect(login.status, JSON.stringify(login.json)).toBe(200);
      expect(login.json.next).toBe('totp');
      const code = await generate({ secret: TOTP });
      const mfa = await browser.call('POST', '/api/auth/totp/verify', { code });
      expect(mfa.status, JSON.stringify(mfa.json)).toBe(200);
      const plan = await browser.call('GET', `/api/orgs/${w.org}/plans/${planId}`);
      expect(plan.status).toBe(200);
      expect((plan.json.plan as { confidentialNotes?: string }).confidentialNotes).toBe(marker);
      // An online backup of the embedded cluster, while the server runs on it.
      const online = await runNpmScript('backup', ['--out', path.join(tmp, 'online.kbak')], embeddedEnv(dir));
      expect(online, online.err).toMatchObject({ code: 0 });
    } finally {
      server.child.kill('SIGTERM');
    }
    expect(await exited(server.child)).toBe(0);
    const pidFile = path.join(dir, 'pg/postmaster.pid');
    expect(fs.existsSync(pidFile) && alive(Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]))).toBe(false);

    // The online backup restores too.
    const dir2 = path.join(tmp, 'restored-again');
    expect(await runNpmScript('restore', ['--from', path.join(tmp, 'online.kbak'), '--data-dir', dir2], embeddedEnv(dir2))).toMatchObject({ code: 0 });
    expect(await runNpmScript('audit:verify', [], embeddedEnv(dir2))).toMatchObject({ code: 0 });
  }, 300_000);

  it('restores into an empty external database, and refuses one that holds tables', async () => {
    const name = `kompas_restore_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: inject('pgBaseUrl') });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const url = withDb(inject('pgBaseUrl'), name);
    const dir = path.join(tmp, 'external');
    const env = { DATABASE_URL: url, KOMPAS_DATA_DIR: dir, KOMPAS_DEMO: '0', KOMPAS_AUTH_KEY: undefined };
    try {
      const r = await runNpmScript('restore', ['--from', backupFile], env);
      expect(r, r.err).toMatchObject({ code: 0 });
      expect(await tableCounts(url)).toEqual(counts);
      expect(await runNpmScript('audit:verify', [], env)).toMatchObject({ code: 0 });
      fs.rmSync(path.join(dir, 'keys'), { recursive: true });
      expect(await runNpmScript('restore', ['--from', backupFile], env)).toMatchObject({ code: 1, err: expect.stringContaining('already holds tables') });
      const forced = await runNpmScript('restore', ['--from', backupFile, '--force'], env);
      expect(forced, forced.err).toMatchObject({ code: 0 });
      expect(await tableCounts(url)).toEqual(counts);
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  }, 180_000);

  it('refuses a damaged backup without changing the target', async () => {
    const cut = path.join(tmp, 'cut.kbak');
    const whole = fs.readFileSync(backupFile);
    fs.writeFileSync(cut, whole.subarray(0, Math.floor(whole.length / 2)));
    const dir = path.join(tmp, 'damaged');
    const r = await runNpmScript('restore', ['--from', cut, '--data-dir', dir], embeddedEnv(dir));
    expect(r).toMatchObject({ code: 1, err: expect.stringContaining('restore refused') });
    expect(fs.existsSync(path.join(dir, 'keys/auth.key'))).toBe(false);
    expect(fs.existsSync(path.join(dir, 'pg'))).toBe(false); // the cluster made for it is gone: run again at will
  }, 120_000);
});
