/**
 * Fault run (`npm run fault`): does Kompas keep every write it confirmed, and does it come back
 * by itself, when the server is killed and the database goes away under load?
 *
 * 1. starts the server (tsx, loopback) on a fresh database of its own;
 * 2. runs concurrent writes (unit creations, each with a unique code) for the whole run;
 * 3. kill -9 of the server in the middle of those writes, then starts it again;
 * 4. blocks the database for 20 s (ALLOW_CONNECTIONS false + terminate its backends), then
 *    lets it back: the server must stay up (503 meanwhile) and serve again without a restart;
 * 5. prints what was confirmed (2xx), what is stored, and what was lost (confirmed but not
 *    stored: must be 0). Exits 1 when anything confirmed was lost or the server did not
 *    recover, 2 when the run itself could not be carried out.
 *
 * PostgreSQL: KOMPAS_FAULT_PG (a superuser URL on loopback), else the machine's at
 * 127.0.0.1:5432, else an embedded cluster in a temporary folder. Bounded: at most 4 minutes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { freePort, startEmbeddedPostgres } from '../../src/server/platform/db/embedded.js';
import { hashToken, newToken } from '../../src/server/platform/auth/tokens.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const HARD_LIMIT_MS = 240_000;
const WRITERS = 8;
const BLOCK_MS = 20_000;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const say = (m: string) => console.log(`[fault ${((Date.now() - t0) / 1000).toFixed(1).padStart(5)}s] ${m}`);
const t0 = Date.now();

function withDb(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

async function reachable(url: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  c.on('error', () => {});
  try {
    await c.connect();
    await c.end();
    return true;
  } catch {
    return false;
  }
}

async function query<T extends Record<string, unknown>>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: url, application_name: 'kompas-fault' });
  c.on('error', () => {});
  await c.connect();
  try {
    return (await c.query<T>(text, params)).rows;
  } finally {
    await c.end();
  }
}

// --- the server under test -------------------------------------------------------------------

class Server {
  child?: ChildProcess;
  exited = false;
  readonly baseUrl: string;
  constructor(private env: NodeJS.ProcessEnv, port: number, private logFile: string) {
    this.baseUrl = `http://127.0.0.1:${port}`;
  }

  start(): void {
    const log = fs.openSync(this.logFile, 'a');
    // node --import tsx (not npx): the pid we kill -9 is the server itself, not a wrapper.
    this.child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], { cwd: ROOT, env: this.env, stdio: ['ignore', log, log] });
    fs.closeSync(log);
    this.exited = false;
    this.child.on('exit', () => { this.exited = true; });
  }

  get pid(): number | undefined {
    return this.exited ? undefined : this.child?.pid;
  }

  async health(): Promise<{ status: number; reachable?: boolean }> {
    try {
      const r = await fetch(`${this.baseUrl}/api/health`, { signal: AbortSignal.timeout(5000) });
      const body = (await r.json()) as { database?: { reachable?: boolean } };
      return { status: r.status, reachable: body.database?.reachable };
    } catch {
      return { status: 0 };
    }
  }

  async waitHealthy(timeoutMs: number): Promise<boolean> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      if (this.exited) return false;
      if ((await this.health()).status === 200) return true;
      await sleep(250);
    }
    return false;
  }

  kill9(): void {
    this.child?.kill('SIGKILL');
  }

  async stop(): Promise<void> {
    if (!this.child || this.exited) return;
    this.child.kill('SIGTERM');
    for (let i = 0; i < 100 && !this.exited; i++) await sleep(100);
    if (!this.exited) this.child.kill('SIGKILL');
  }

  tail(lines = 12): string {
    try {
      return fs.readFileSync(this.logFile, 'utf8').trim().split('\n').slice(-lines).map((l) => (l.length > 300 ? `${l.slice(0, 300)}…` : l)).join('\n');
    } catch {
      return '(no log)';
    }
  }
}

// --- writers ---------------------------------------------------------------------------------

interface Tally { attempted: number; confirmed: Set<string>; refused503: number; otherStatus: Map<number, number>; network: number }

function startWriters(server: Server, orgId: string, cookie: () => Promise<{ cookie: string; token: string } | undefined>, staleCsrf: () => void) {
  const tally: Tally = { attempted: 0, confirmed: new Set(), refused503: 0, otherStatus: new Map(), network: 0 };
  let next = 0;
  let running = true;
  let lastOk = 0;
  const writer = async () => {
    while (running) {
      const auth = await cookie();
      if (!auth) { await sleep(200); continue; }
      const code = `W${next++}`;
      tally.attempted++;
      try {
        const r = await fetch(`${server.baseUrl}/api/orgs/${orgId}/units`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie: auth.cookie, 'x-csrf-token': auth.token },
          body: JSON.stringify({ code, name: `Fault write ${code}` }),
          signal: AbortSignal.timeout(15_000),
        });
        await r.arrayBuffer();
        if (r.status >= 200 && r.status < 300) {
          tally.confirmed.add(code);
          lastOk = Date.now();
        } else if (r.status === 503) {
          tally.refused503++;
          await sleep(100);
        } else {
          // A restarted server may not accept the previous CSRF token: fetch a new one.
          if (r.status === 403) staleCsrf();
          tally.otherStatus.set(r.status, (tally.otherStatus.get(r.status) ?? 0) + 1);
          await sleep(100);
        }
      } catch {
        tally.network++; // refused, reset, timed out: not confirmed
        await sleep(100);
      }
    }
  };
  const done = Promise.all(Array.from({ length: WRITERS }, writer));
  return { tally, lastOk: () => lastOk, stop: async () => { running = false; await done; } };
}

// --- the run ---------------------------------------------------------------------------------

async function main(): Promise<number> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kompas-fault-'));
  const cleanups: (() => Promise<void>)[] = [async () => fs.rmSync(tmp, { recursive: true, force: true })];
  const cleanup = async () => {
    for (const c of cleanups.reverse()) await c().catch((e: Error) => say(`cleanup: ${e.message}`));
  };
  const hard = setTimeout(() => {
    say(`gave up after ${HARD_LIMIT_MS / 1000} s`);
    void cleanup().finally(() => process.exit(2));
  }, HARD_LIMIT_MS);
  hard.unref();

  try {
    let base = process.env.KOMPAS_FAULT_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';
    if (!LOOPBACK.has(new URL(base).hostname)) {
      say(`refusing ${new URL(base).hostname}: the fault run blocks and kills things, loopback only`);
      return 2;
    }
    if (!(await reachable(base))) {
      say('no PostgreSQL at the given address: starting an embedded cluster');
      const h = await startEmbeddedPostgres(path.join(tmp, 'embedded'));
      cleanups.push(h.stop);
      base = withDb(h.url, 'postgres');
    }
    const dbName = `kompas_fault_${randomBytes(5).toString('hex')}`;
    await query(base, `CREATE DATABASE ${dbName}`);
    cleanups.push(async () => { await query(base, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`); });
    const dbUrl = withDb(base, dbName);
    const block = async (on: boolean) => {
      await query(base, `ALTER DATABASE ${dbName} ALLOW_CONNECTIONS ${on ? 'false' : 'true'}`);
      if (on) await query(base, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [dbName]);
    };
    cleanups.push(() => block(false));

    const port = await freePort();
    const server = new Server({
      ...process.env, DATABASE_URL: dbUrl, HOST: '127.0.0.1', PORT: String(port), KOMPAS_DATA_DIR: path.join(tmp, 'data'),
      KOMPAS_DEMO: '0', KOMPAS_LOG_LEVEL: 'warn',
    }, port, path.join(tmp, 'server.log'));
    cleanups.push(() => server.stop());

    say(`database ${dbName}; starting the server on ${server.baseUrl}`);
    server.start();
    if (!(await server.waitHealthy(90_000))) {
      say(`the server did not start:\n${server.tail()}`);
      return 2;
    }

    // A signed-in administrator of one organisation, made as a DBA would (no sign-in screens).
    const [org] = await query<{ id: string }>(dbUrl,
      `INSERT INTO organisation (kind, code, names, languages) VALUES ('local_police_zone', 'FAULT', '{"nl":"Zone Fault","fr":"Zone Fault"}', '{nl,fr}') RETURNING id`);
    const [user] = await query<{ id: string }>(dbUrl,
      `INSERT INTO app_user (email, display_name, locale) VALUES ('fault@kompas.invalid', 'Fault Run', 'en') RETURNING id`);
    await query(dbUrl, `INSERT INTO role_assignment (organisation_id, user_id, role, valid_from) VALUES ($1, $2, 'administrator', current_date - 1)`, [org.id, user.id]);
    const sessionToken = newToken();
    await query(dbUrl, `INSERT INTO user_session (token_hash, user_id, mfa_verified) VALUES ($1, $2, true)`, [hashToken(sessionToken), user.id]);
    let auth: { cookie: string; token: string } | undefined;
    const getAuth = async () => {
      if (auth) return auth;
      try {
        // The token is bound to the session: ask for it with the session cookie.
        const r = await fetch(`${server.baseUrl}/api/csrf`, { headers: { cookie: `kompas_session=${sessionToken}` }, signal: AbortSignal.timeout(5000) });
        const csrfCookie = r.headers.getSetCookie().map((c) => c.split(';')[0]).find((c) => c.startsWith('kompas_csrf='));
        const { token } = (await r.json()) as { token: string };
        if (csrfCookie && token) auth = { cookie: `kompas_session=${sessionToken}; ${csrfCookie}`, token };
      } catch { /* the server is down: try again */ }
      return auth;
    };

    const writers = startWriters(server, org.id, getAuth, () => { auth = undefined; });
    await sleep(4000);
    const beforeKill = writers.tally.confirmed.size;
    say(`writing: ${beforeKill} confirmed so far; kill -9 of the server (pid ${server.pid}) during the writes`);
    server.kill9();
    await sleep(1000);
    server.start();
    const restarted = await server.waitHealthy(90_000);
    say(restarted ? `restarted (pid ${server.pid})` : `did not come back after kill -9:\n${server.tail()}`);
    await sleep(3000);

    say(`blocking the database for ${BLOCK_MS / 1000} s (ALLOW_CONNECTIONS false, backends terminated)`);
    const pidDuringBlock = server.pid;
    await block(true);
    let sawUnreachable = false;
    let died = false;
    const blockUntil = Date.now() + BLOCK_MS;
    while (Date.now() < blockUntil) {
      const h = await server.health();
      if (h.status === 503 && h.reachable === false) sawUnreachable = true;
      if (server.exited) { died = true; break; }
      await sleep(1000);
    }
    await block(false);
    say(died ? `the server died while the database was blocked:\n${server.tail()}` : `database back; health said unreachable while blocked: ${sawUnreachable ? 'yes' : 'NO'}`);
    const unblockedAt = Date.now();
    const recovered = !died && (await server.waitHealthy(30_000));
    // A confirmed write after the block, from the same process: the pool reconnected by itself.
    while (recovered && writers.lastOk() < unblockedAt && Date.now() - unblockedAt < 30_000) await sleep(250);
    const wroteAfter = writers.lastOk() >= unblockedAt;
    const samePid = server.pid === pidDuringBlock;
    say(`after the block: health ${recovered ? 'ok' : 'NOT ok'}, writes ${wroteAfter ? 'confirmed again' : 'NOT confirmed'}, same process: ${samePid ? 'yes' : 'no'}`);
    await sleep(2000);
    await writers.stop();
    await server.stop();

    const stored = new Set((await query<{ code: string }>(dbUrl, `SELECT code FROM org_unit WHERE organisation_id = $1`, [org.id])).map((r) => r.code));
    const t = writers.tally;
    const lost = [...t.confirmed].filter((c) => !stored.has(c));
    const unconfirmedStored = [...stored].filter((c) => !t.confirmed.has(c)).length;
    const other = [...t.otherStatus].map(([s, n]) => `${s}×${n}`).join(', ') || 'none';
    console.log(`
Fault run summary
  writes attempted             ${t.attempted}
  confirmed (2xx)              ${t.confirmed.size}
  stored                       ${stored.size}
  lost (confirmed, not stored) ${lost.length}${lost.length ? `  ${lost.slice(0, 10).join(' ')}` : ''}
  stored without confirmation  ${unconfirmedStored}  (answer lost with the connection: allowed)
  refused with 503             ${t.refused503}
  no answer (server down)      ${t.network}
  other statuses               ${other}
  restarted after kill -9      ${restarted ? 'yes' : 'NO'}
  survived the blocked db      ${!died && samePid ? 'yes' : 'NO'}
  health said unreachable      ${sawUnreachable ? 'yes' : 'NO'}
  recovered without restart    ${recovered && wroteAfter && samePid ? 'yes' : 'NO'}`);
    const ok = lost.length === 0 && restarted && !died && samePid && sawUnreachable && recovered && wroteAfter;
    console.log(ok ? '\nPASS: nothing confirmed was lost and the server recovered by itself.' : '\nFAIL: see above.');
    if (!ok) console.log(`\nlast server log lines:\n${server.tail()}`);
    return ok ? 0 : 1;
  } finally {
    await cleanup();
    clearTimeout(hard);
  }
}

main().then((code) => process.exit(code), (err) => {
  console.error(err);
  process.exit(2);
});
