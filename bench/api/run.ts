/**
 * API benchmark: `tsx bench/api/run.ts [--duration 20] [--connections 50] [--rounds 3] [--warmup 10]
 * [--cpu-requests 3000] [--cpu-rounds 4] [--cpu-only] [--cpu-prof <dir>]`.
 * Starts the real app (buildApp) on a fresh database with a zone of 300 staff and a signed-in
 * DPO/administrator, and loads `GET /api/orgs/:orgId/audit?limit=25` (session resolution,
 * route policy, validation, RLS-scoped transaction, list query, audit insert). Baseline 1, in the
 * same run: a bare Fastify route sending the same statements the same way with raw pg (checked
 * first: both servers' statements per request are traced and compared). App and baseline 1 run
 * side by side, each warmed up, then measured in alternating rounds (app-baseline, baseline-app,
 * ...): the ratio is the median of the rounds' pairs, with its spread. Before them, CPU per request:
 * a fixed number of requests at the same concurrency against each in alternation, with the server
 * process's and its PostgreSQL backends' CPU time read from /proc: less sensitive than throughput
 * to other load on the machine, though contention still inflates both sides (`--cpu-only` stops there). Baseline 2: a bare Fastify route
 * returning a constant. Loopback only; each server runs in its own child process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import autocannon from 'autocannon';
import { hashToken, newToken } from '../../src/server/platform/auth/tokens.js';
import { benchDatabase, fmt, numberArg, onInterrupt, percentile } from '../lib.js';
import type { TracedStatement } from './server.js';

const argv = process.argv.slice(2);
const DURATION = numberArg(argv, 'duration', 20);
const CONNECTIONS = Math.floor(numberArg(argv, 'connections', 50));
const ROUNDS = Math.floor(numberArg(argv, 'rounds', 3));
const WARMUP = numberArg(argv, 'warmup', 10); // V8 still optimises the app's code for seconds after start
const CPU_REQUESTS = Math.floor(numberArg(argv, 'cpu-requests', 3000));
const CPU_ROUNDS = Math.floor(numberArg(argv, 'cpu-rounds', 4));
const CPU_ONLY = argv.includes('--cpu-only');
const ROUND_WARMUP = 2;
const TRACED_REQUESTS = 20;
// --cpu-prof <dir>: V8 CPU profiles of the app and baseline 1 servers over the whole run.
const cpuProfIdx = argv.indexOf('--cpu-prof');
const CPU_PROF_DIR = cpuProfIdx >= 0 ? path.resolve(argv[cpuProfIdx + 1] ?? '.') : undefined;
const STAFF = 300;
const AUDIT_EVENTS = 10_000;
const TICK_MS = 1000 / 100; // /proc CPU times are in clock ticks (USER_HZ, 100 on Linux)

interface Figures {
  name: string; round: number; rps: number; p50: number; p95: number; p99: number; errors: number; requests: number;
  load: number; nodeCpuMs: number; pgCpuMs: number;
}

async function seed(url: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const { rows: [org] } = await c.query<{ id: string }>(
    `INSERT INTO organisation (kind, code, names, languages) VALUES ('local_police_zone', 'PZ-BENCH', '{"nl":"PZ Bench","fr":"ZP Bench"}', '{nl,fr}') RETURNING id`);
  await c.query(`
    INSERT INTO person (organisation_id, personnel_number, first_name, last_name, staff_category, grade, start_date)
    SELECT $1, 'P' || lpad(g::text, 5, '0'), (ARRAY['An','Bart','Chloé','Dirk','Els','Frédéric','Griet','Hans'])[1 + g % 8],
           (ARRAY['Peeters','Janssens','Maes','Jacobs','Dubois','Lambert','Claes','Wouters'])[1 + (g / 8) % 8],
           CASE WHEN g % 5 = 0 THEN 'calog' ELSE 'operational' END, 'inspecteur', date '2010-01-01' + g
      FROM generate_series(1, $2::int) g`, [org.id, STAFF]);
  const { rows: [user] } = await c.query<{ id: string }>(
    `INSERT INTO app_user (email, display_name, locale, totp_secret, totp_enabled_at) VALUES ('dpo@bench.kompas', 'Bench DPO', 'nl', 'BENCHSECRET', now()) RETURNING id`);
  for (const role of ['administrator', 'dpo']) {
    await c.query(`INSERT INTO role_assignment (organisation_id, user_id, role, valid_from) VALUES ($1, $2, $3, current_date - 1)`, [org.id, user.id, role]);
  }
  const token = newToken();
  await c.query(`INSERT INTO user_session (token_hash, user_id, mfa_verified) VALUES ($1, $2, true)`, [hashToken(token), user.id]);
  // A realistic log to page through: reads and changes by the zone's users, appended and then chained.
  for (let from = 1; from <= AUDIT_EVENTS; from += 500) {
    await c.query(`
      INSERT INTO audit_event (organisation_id, chain_key, chain_seq, actor_user_id, action, record_type, record_id, ip, details, prev_hash, hash)
      SELECT $1, $1, 0, $2, (ARRAY['person.read','person.update','role.assign','report.read'])[1 + g % 4], 'person', g::text, '10.0.0.1',
             jsonb_build_object('fields', jsonb_build_array('last_name')), '\\x', '\\x'
        FROM generate_series($3::int, $4::int) g`, [org.id, user.id, from, Math.min(AUDIT_EVENTS, from + 499)]);
  }
  await c.query('SELECT audit_chain_pending()'); // as the audit-sequence job would within seconds
  await c.query('ANALYZE');
  await c.end();
  return { orgId: org.id, token };
}

interface Server { mode: string; child: ChildProcess; port: number }

function startServer(mode: string, url: string, orgId: string, env: Record<string, string> = {}, nodeArgs: string[] = []): Promise<Server> {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', path.join(import.meta.dirname, 'server.ts'), mode, url, orgId], {
    stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env },
  });
  return new Promise((resolve, reject) => {
    let buf = '';
    child.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      const m = /PORT (\d+)/.exec(buf);
      if (m) resolve({ mode, child, port: Number(m[1]) });
    });
    child.on('exit', (code) => reject(new Error(`${mode} server exited with ${code}`)));
  });
}

async function stopServer(s: Server): Promise<void> {
  const exited = new Promise((r) => s.child.once('exit', r));
  s.child.kill('SIGTERM');
  await exited;
}

/** `duration` seconds of load, or exactly `amount` requests when given. */
function load(url: string, headers: Record<string, string>, duration: number, amount?: number): Promise<{ latencies: number[]; result: autocannon.Result }> {
  const latencies: number[] = [];
  return new Promise((resolve, reject) => {
    const opts = { url, connections: CONNECTIONS, headers, ...(amount ? { amount } : { duration }) };
    const instance = autocannon(opts, (err, result) => (err ? reject(err) : resolve({ latencies, result })));
    instance.on('response', (_client, _status, _bytes, responseTime) => { latencies.push(responseTime); });
  });
}

/** User + system CPU of a process so far, in ms; 0 when it cannot be read (another host, gone). */
function cpuMs(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) * TICK_MS; // utime, stime (fields 14 and 15)
  } catch {
    return 0;
  }
}

/** PostgreSQL backends serving a server's pool (by application_name), for their CPU time. */
async function backendPids(admin: pg.Client, dbName: string, applicationName: string): Promise<number[]> {
  const r = await admin.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1 AND application_name = $2', [dbName, applicationName]);
  return r.rows.map((x) => x.pid);
}

interface Target { name: string; server: Server; url: string; headers: Record<string, string>; applicationName?: string }

interface CpuFigures { name: string; nodeUs: number; pgUs: number; load: number }

/** CPU time per request of a server process and of its pool's PostgreSQL backends over exactly CPU_REQUESTS requests, in µs. */
async function measureCpu(t: Target, admin: pg.Client, dbName: string): Promise<CpuFigures> {
  await load(t.url, t.headers, ROUND_WARMUP); // the pool reopens the connections it closed while the other server ran
  const pids = await backendPids(admin, dbName, t.applicationName!);
  const load1 = os.loadavg()[0];
  const node0 = cpuMs(t.server.child.pid!);
  const pg0 = pids.reduce((s, p) => s + cpuMs(p), 0);
  const { result } = await load(t.url, t.headers, 0, CPU_REQUESTS);
  const node1 = cpuMs(t.server.child.pid!);
  const pg1 = pids.reduce((s, p) => s + cpuMs(p), 0);
  const errors = result.errors + result.timeouts + result.non2xx;
  if (errors) throw new Error(`${t.name}: ${errors} requests failed while measuring CPU`);
  return { name: t.name, nodeUs: ((node1 - node0) * 1000) / result.requests.total, pgUs: ((pg1 - pg0) * 1000) / result.requests.total, load: load1 };
}

async function measure(t: Target, round: number, admin: pg.Client, dbName: string): Promise<Figures> {
  const pids = t.applicationName ? await backendPids(admin, dbName, t.applicationName) : [];
  const load1 = os.loadavg()[0];
  const node0 = cpuMs(t.server.child.pid!);
  const pg0 = pids.reduce((s, p) => s + cpuMs(p), 0);
  const { latencies, result } = await load(t.url, t.headers, DURATION);
  const node1 = cpuMs(t.server.child.pid!);
  const pg1 = pids.reduce((s, p) => s + cpuMs(p), 0);
  latencies.sort((a, b) => a - b);
  const requests = result.requests.total;
  const errors = result.errors + result.timeouts + result.non2xx;
  return {
    name: t.name, round, rps: requests / DURATION, p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99),
    errors, requests, load: load1, nodeCpuMs: (node1 - node0) / requests, pgCpuMs: pids.length ? (pg1 - pg0) / requests : NaN,
  };
}

/** Starts a server with statement tracing, sends requests one by one, returns the statements per request. */
async function traceStatements(admin: pg.Client, mode: string, dbUrl: string, orgId: string, url: (port: number) => string, headers: Record<string, string>) {
  // Seen just now: neither server's trace includes the session's once-a-minute last_seen_at update.
  await admin.query('UPDATE user_session SET last_seen_at = now()');
  const file = path.join(os.tmpdir(), `kompas-bench-api-trace-${process.pid}-${mode}.json`);
  const server = await startServer(mode, dbUrl, orgId, { BENCH_TRACE: file });
  let bytes = 0;
  try {
    for (let i = 0; i < TRACED_REQUESTS; i++) {
      const res = await fetch(url(server.port), { headers });
      const body = await res.text();
      if (res.status !== 200) throw new Error(`${mode}: ${res.status} ${body}`);
      bytes += body.length;
    }
  } finally {
    await stopServer(server);
  }
  const trace = JSON.parse(fs.readFileSync(file, 'utf8')) as TracedStatement[];
  fs.rmSync(file, { force: true });
  const byText = new Map<string, { named: boolean; count: number }>();
  for (const s of trace) {
    const e = byText.get(s.text) ?? { named: s.named, count: 0 };
    if (e.named !== s.named) throw new Error(`${mode}: "${s.text.slice(0, 60)}" sent both named and unnamed`);
    e.count++;
    byText.set(s.text, e);
  }
  return { byText, total: trace.length, bytes: bytes / TRACED_REQUESTS };
}

const profArgs = (name: string) => (CPU_PROF_DIR ? ['--cpu-prof', '--cpu-prof-dir', CPU_PROF_DIR, '--cpu-prof-name', `${name}-${process.pid}.cpuprofile`] : []);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function main() {
  console.log(`API benchmark on ${os.cpus().length} cores, node ${process.version}: ${CONNECTIONS} connections; app and baseline 1 `
    + `warmed up ${WARMUP} s each, then ${ROUNDS} alternating rounds of ${DURATION} s each (after ${ROUND_WARMUP} s unmeasured)`);
  console.log(`load average before setting up: ${os.loadavg().map((l) => fmt(l, 2)).join(' ')} (1, 5, 15 min)`);
  const bench = await benchDatabase();
  onInterrupt(bench.drop);
  const dbName = new URL(bench.url).pathname.slice(1);
  const admin = new pg.Client({ connectionString: bench.url });
  await admin.connect();
  try {
    const { orgId, token } = await seed(bench.url);
    console.log(`database: ${bench.where}; one zone, ${STAFF} staff, ${fmt(AUDIT_EVENTS)} audit events\n`);
    const endpoint = `/api/orgs/${orgId}/audit?limit=25`;
    const appHeaders = { cookie: `kompas_session=${token}` };

    // 1. Same database work: the statements each server sends per request, compared text by text.
    const appTrace = await traceStatements(admin, 'app', bench.url, orgId, (p) => `http://127.0.0.1:${p}${endpoint}`, appHeaders);
    const bareTrace = await traceStatements(admin, 'bare-sql', bench.url, orgId, (p) => `http://127.0.0.1:${p}/audit`, appHeaders);
    console.log(`statements per request (${TRACED_REQUESTS} requests one by one, traced in each server's pg client):`);
    const texts = new Set([...appTrace.byText.keys(), ...bareTrace.byText.keys()]);
    let same = true;
    for (const text of texts) {
      const a = appTrace.byText.get(text);
      const b = bareTrace.byText.get(text);
      if (!a || !b || a.count !== b.count || a.named !== b.named) same = false;
      const how = (x?: { named: boolean }) => (x ? (x.named ? 'named' : 'unnamed') : '-');
      console.log(`  app ${fmt((a?.count ?? 0) / TRACED_REQUESTS, 2).padStart(4)} ${how(a).padEnd(7)}  baseline ${fmt((b?.count ?? 0) / TRACED_REQUESTS, 2).padStart(4)} ${how(b).padEnd(7)}  ${text.slice(0, 70)}${text.length > 70 ? '…' : ''}`);
    }
    console.log(`  total: app ${fmt(appTrace.total / TRACED_REQUESTS, 2)}, baseline ${fmt(bareTrace.total / TRACED_REQUESTS, 2)} a request; `
      + `answer ${fmt(appTrace.bytes)} and ${fmt(bareTrace.bytes)} bytes of JSON`);
    if (!same) throw new Error('the baseline does not send the same statements as the app: the comparison would not be fair');
    console.log('  same statements, same texts, sent the same way\n');

    // 2. App and baseline 1 side by side (only one is loaded at a time), each warmed up, then alternating rounds.
    const app: Target = {
      name: 'app', server: await startServer('app', bench.url, orgId, {}, profArgs('app')), url: '', headers: appHeaders, applicationName: 'kompas',
    };
    app.url = `http://127.0.0.1:${app.server.port}${endpoint}`;
    const bare: Target = {
      name: 'baseline 1', server: await startServer('bare-sql', bench.url, orgId, {}, profArgs('baseline')), url: '', headers: appHeaders,
      applicationName: 'kompas-baseline',
    };
    bare.url = `http://127.0.0.1:${bare.server.port}/audit`;
    const rows: Figures[] = [];
    try {
      for (const t of [app, bare]) {
        const probe = await fetch(t.url, { headers: t.headers });
        if (probe.status !== 200) throw new Error(`${t.name}: ${probe.status} ${await probe.text()}`);
        await load(t.url, t.headers, WARMUP);
      }
      // CPU per request: exact request counts in alternation (app-baseline, baseline-app, ...).
      const cpu: CpuFigures[] = [];
      console.log(`CPU per request (${fmt(CPU_REQUESTS)} requests at ${CONNECTIONS} connections, ${CPU_ROUNDS} alternating rounds; /proc, 10 ms ticks):`);
      for (let round = 1; round <= CPU_ROUNDS; round++) {
        for (const t of round % 2 ? [app, bare] : [bare, app]) {
          const f = await measureCpu(t, admin, dbName);
          cpu.push(f);
          console.log(`  round ${round} ${t.name.padEnd(10)} node ${fmt(f.nodeUs).padStart(5)} µs  pg ${fmt(f.pgUs).padStart(5)} µs  load ${fmt(f.load, 2)}`);
        }
      }
      const med = (name: string, k: 'nodeUs' | 'pgUs') => median(cpu.filter((f) => f.name === name).map((f) => f[k]));
      const [an, ap, bn, bp] = [med('app', 'nodeUs'), med('app', 'pgUs'), med('baseline 1', 'nodeUs'), med('baseline 1', 'pgUs')];
      console.log(`  median: app node ${fmt(an)} µs + pg ${fmt(ap)} µs = ${fmt(an + ap)} µs; baseline 1 node ${fmt(bn)} µs + pg ${fmt(bp)} µs = ${fmt(bn + bp)} µs`);
      console.log(`  app / baseline 1: node ${fmt(an / bn, 2)}, pg ${fmt(ap / bp, 2)}, together ${fmt((an + ap) / (bn + bp), 2)}\n`);
      if (CPU_ONLY) return;
      for (let round = 1; round <= ROUNDS; round++) {
        for (const t of round % 2 ? [app, bare] : [bare, app]) {
          // The pool closed its connections while the other server was loaded (idle 10 s): open them again first.
          await load(t.url, t.headers, ROUND_WARMUP);
          const f = await measure(t, round, admin, dbName);
          rows.push(f);
          console.log(`  round ${round} ${t.name.padEnd(10)} ${fmt(f.rps).padStart(6)} req/s  p99 ${fmt(f.p99, 1).padStart(6)} ms  load ${fmt(f.load, 2)}`);
        }
      }
    } finally {
      await stopServer(app.server);
      await stopServer(bare.server);
    }

    // 3. Baseline 2: what Fastify alone answers on this machine now.
    const constServer = await startServer('bare-const', bench.url, orgId);
    let constant: Figures;
    try {
      const t: Target = { name: 'baseline 2', server: constServer, url: `http://127.0.0.1:${constServer.port}/hello`, headers: {} };
      await load(t.url, t.headers, Math.min(WARMUP, 5));
      constant = await measure(t, 0, admin, dbName);
    } finally {
      await stopServer(constServer);
    }

    console.log('');
    const w = 40;
    console.log(`${'case'.padEnd(w)}  ${'round'.padStart(5)}  ${'req/s'.padStart(7)}  ${'p50 ms'.padStart(7)}  ${'p95 ms'.padStart(7)}  ${'p99 ms'.padStart(7)}  ${'node ms/req'.padStart(11)}  ${'pg ms/req'.padStart(9)}  ${'load'.padStart(5)}  errors`);
    const label: Record<string, string> = {
      app: 'app: GET /api/orgs/:orgId/audit?limit=25',
      'baseline 1': 'baseline 1: bare Fastify + pg, same SQL',
      'baseline 2': 'baseline 2: bare Fastify, constant',
    };
    for (const r of [...rows, constant]) {
      console.log(`${label[r.name].padEnd(w)}  ${String(r.round || '-').padStart(5)}  ${fmt(r.rps).padStart(7)}  ${fmt(r.p50, 1).padStart(7)}  ${fmt(r.p95, 1).padStart(7)}  ${fmt(r.p99, 1).padStart(7)}  `
        + `${fmt(r.nodeCpuMs, 2).padStart(11)}  ${(Number.isNaN(r.pgCpuMs) ? '-' : fmt(r.pgCpuMs, 2)).padStart(9)}  ${fmt(r.load, 2).padStart(5)}  ${r.errors}`);
    }
    const pairs = Array.from({ length: ROUNDS }, (_, i) => {
      const a = rows.find((r) => r.round === i + 1 && r.name === 'app')!;
      const b = rows.find((r) => r.round === i + 1 && r.name === 'baseline 1')!;
      return { rps: a.rps / b.rps, p99: a.p99 / b.p99 };
    });
    const spread = (xs: number[]) => `${fmt(median(xs), 2)} (rounds: ${xs.map((x) => fmt(x, 2)).join(', ')})`;
    const rpsRatios = pairs.map((p) => p.rps);
    const p99Ratios = pairs.map((p) => p.p99);
    console.log(`\nthroughput app / baseline 1, median of ${ROUNDS} rounds: ${spread(rpsRatios)}   bar: >= 0.8`);
    console.log(`p99 app / baseline 1, median of ${ROUNDS} rounds:        ${spread(p99Ratios)}   bar: <= 1.5`);
    const appRows = rows.filter((r) => r.name === 'app');
    const bareRows = rows.filter((r) => r.name === 'baseline 1');
    console.log(`CPU per request, median: app node ${fmt(median(appRows.map((r) => r.nodeCpuMs)), 2)} ms + pg ${fmt(median(appRows.map((r) => r.pgCpuMs)), 2)} ms; `
      + `baseline 1 node ${fmt(median(bareRows.map((r) => r.nodeCpuMs)), 2)} ms + pg ${fmt(median(bareRows.map((r) => r.pgCpuMs)), 2)} ms`);
    console.log(`throughput app / baseline 2 (bare Fastify): ${fmt(median(appRows.map((r) => r.rps)) / constant.rps, 3)}`);
    console.log(`load average after: ${os.loadavg().map((l) => fmt(l, 2)).join(' ')} (1, 5, 15 min; includes this benchmark)`);
    if ([...rows, constant].some((r) => r.errors > 0)) console.log('WARNING: some requests failed; figures are not comparable');
  } finally {
    await admin.end();
    await bench.drop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
