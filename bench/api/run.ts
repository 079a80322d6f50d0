/**
 * API benchmark: `tsx bench/api/run.ts [--duration 20] [--connections 50]`.
 * Starts the real app (buildApp) on a fresh database with a zone of 300 staff and a signed-in
 * DPO/administrator, and loads `GET /api/orgs/:orgId/audit?limit=25` (session resolution,
 * route policy, validation, RLS-scoped transaction, list query, audit insert). Baselines in the
 * same run: a bare Fastify route doing the same SQL and audit insert with raw pg, and a bare
 * Fastify route returning a constant. Loopback only; each server runs alone in a child process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import autocannon from 'autocannon';
import { hashToken, newToken } from '../../src/server/platform/auth/tokens.js';
import { benchDatabase, fmt, numberArg, onInterrupt, percentile } from '../lib.js';

const argv = process.argv.slice(2);
const DURATION = numberArg(argv, 'duration', 20);
const CONNECTIONS = Math.floor(numberArg(argv, 'connections', 50));
const WARMUP = Math.min(3, DURATION);
const STAFF = 300;
const AUDIT_EVENTS = 10_000;

interface Figures { name: string; rps: number; p50: number; p95: number; p99: number; errors: number; requests: number }

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

function startServer(mode: string, url: string, orgId: string): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'server.ts'), mode, url, orgId], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let buf = '';
    child.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      const m = /PORT (\d+)/.exec(buf);
      if (m) resolve({ child, port: Number(m[1]) });
    });
    child.on('exit', (code) => reject(new Error(`${mode} server exited with ${code}`)));
  });
}

function load(url: string, headers: Record<string, string>, duration: number): Promise<{ latencies: number[]; result: autocannon.Result }> {
  const latencies: number[] = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon({ url, connections: CONNECTIONS, duration, headers }, (err, result) => (err ? reject(err) : resolve({ latencies, result })));
    instance.on('response', (_client, _status, _bytes, responseTime) => { latencies.push(responseTime); });
  });
}

async function measure(name: string, mode: string, dbUrl: string, orgId: string, urlPath: string, headers: Record<string, string>): Promise<Figures> {
  const { child, port } = await startServer(mode, dbUrl, orgId);
  try {
    const target = `http://127.0.0.1:${port}${urlPath}`;
    const probe = await fetch(target, { headers });
    if (probe.status !== 200) throw new Error(`${name}: ${probe.status} ${await probe.text()}`);
    await load(target, headers, WARMUP);
    const { latencies, result } = await load(target, headers, DURATION);
    latencies.sort((a, b) => a - b);
    const errors = result.errors + result.timeouts + result.non2xx;
    return { name, rps: result.requests.total / DURATION, p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99), errors, requests: result.requests.total };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

async function main() {
  console.log(`API benchmark on ${os.cpus().length} cores, node ${process.version}: ${CONNECTIONS} connections, ${DURATION} s each (after ${WARMUP} s warm-up)`);
  const bench = await benchDatabase();
  onInterrupt(bench.drop);
  try {
    const { orgId, token } = await seed(bench.url);
    console.log(`database: ${bench.where}; one zone, ${STAFF} staff, ${fmt(AUDIT_EVENTS)} audit events\n`);
    const endpoint = `/api/orgs/${orgId}/audit?limit=25`;
    const app = await measure('app: GET /api/orgs/:orgId/audit?limit=25', 'app', bench.url, orgId, endpoint, { cookie: `kompas_session=${token}` });
    const bareSql = await measure('baseline 1: bare Fastify + raw pg, same SQL + audit insert', 'bare-sql', bench.url, orgId, '/audit', {});
    const bareConst = await measure('baseline 2: bare Fastify, constant', 'bare-const', bench.url, orgId, '/hello', {});
    const rows = [app, bareSql, bareConst];
    const w = Math.max(...rows.map((r) => r.name.length));
    console.log(`${'case'.padEnd(w)}  ${'req/s'.padStart(8)}  ${'p50 ms'.padStart(7)}  ${'p95 ms'.padStart(7)}  ${'p99 ms'.padStart(7)}  errors`);
    for (const r of rows) {
      console.log(`${r.name.padEnd(w)}  ${fmt(r.rps).padStart(8)}  ${fmt(r.p50, 1).padStart(7)}  ${fmt(r.p95, 1).padStart(7)}  ${fmt(r.p99, 1).padStart(7)}  ${r.errors}`);
    }
    console.log(`\nratio app / baseline 1 (same SQL, raw pg): ${fmt(app.rps / bareSql.rps, 2)}`);
    console.log(`ratio app / baseline 2 (bare Fastify):     ${fmt(app.rps / bareConst.rps, 3)}`);
    if (rows.some((r) => r.errors > 0)) console.log('WARNING: some requests failed; figures are not comparable');
  } finally {
    await bench.drop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
