/**
 * Reporting channel benchmark (issue 18): `tsx bench/reports/run.ts [--duration 30] [--reporters 20]
 * [--views 100] [--file pdf|png]`. On a fresh database, against the real app server:
 * (1) encrypted filings per second: `--reporters` concurrent reporters, each filing anonymous,
 *     confidential or named reports with a 1 MB attachment through the public route, for
 *     `--duration` seconds after a warm-up; baseline in the same run: the same HTTP multipart
 *     submissions to a bare Fastify + pg server storing the same report in plain text/bytea.
 * (2) a recipient opening a report with 200 messages and 10 files (everything decrypted), seeded
 *     through the real routes; `--views` sequential GETs; baselines: the same rows through the bare
 *     server, and one raw SQL SELECT of them.
 * The public throttle (decision 0013: 5 writes, then 1 a minute per address) stays as it is: each
 * simulated reporter connects from its own loopback address (127.20.x.y), as distinct people do;
 * the run first shows that a sixth filing from one address is refused. Linux only (the whole of
 * 127.0.0.0/8 is the loopback there). Never part of npm test.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { hash } from '@node-rs/argon2';
import pg from 'pg';
import { hashToken, newToken } from '../../src/server/platform/auth/tokens.js';
import { DEFAULT_QUESTIONS } from '../../src/server/modules/reporting/defaults.js';
import { benchDatabase, fmt, numberArg, onInterrupt, percentile } from '../lib.js';
import { addressPool, httpRequest, multipart, photoPng, reportText, scannedPdf, type HttpAnswer, type Part } from './payload.js';
import { CASE_SQL, PLAIN_TABLES } from './plain.js';

const argv = process.argv.slice(2);
const DURATION = numberArg(argv, 'duration', 30);
const REPORTERS = Math.floor(numberArg(argv, 'reporters', 20));
const VIEWS = Math.floor(numberArg(argv, 'views', 100));
const FILE_KIND = argv.includes('png') ? 'png' : 'pdf';
const WARMUP = Math.min(5, DURATION);
const FILE_BYTES = 1024 * 1024;
const MESSAGES = 200;
const CASE_FILES = 10;
const PASSWORD = 'bench password, long enough';
const ORG_CODE = 'PZ-BENCH';

const attachment = (bytes: number): Part => FILE_KIND === 'png'
  ? { name: 'files', filename: 'foto-parking.png', type: 'image/png', content: photoPng(bytes) }
  : { name: 'files', filename: 'scan-tankregister.pdf', type: 'application/pdf', content: scannedPdf(bytes) };

type Who = 'officer' | 'officer2' | 'alternate' | 'counsellor' | 'chief';
const ROLES: Record<Who, string> = {
  officer: 'integrity_officer', officer2: 'integrity_officer', alternate: 'core_group_member', counsellor: 'confidential_counsellor', chief: 'chief',
};

/** The zone, the people of the channel (password, second factor on) and a signed-in session each. */
async function seed(url: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const { rows: [org] } = await c.query<{ id: string }>(
    `INSERT INTO organisation (kind, code, names, languages) VALUES ('local_police_zone', $1, '{"nl":"PZ Bench","fr":"ZP Bench"}', '{nl,fr}') RETURNING id`, [ORG_CODE]);
  const passwordHash = await hash(PASSWORD);
  const users = {} as Record<Who, { id: string; token: string }>;
  for (const [i, [who, role]] of (Object.entries(ROLES) as [Who, string][]).entries()) {
    const name = ['An Peeters', 'Bart Janssens', 'Chloé Dubois', 'Dirk Maes', 'Els Lambert'][i];
    const { rows: [u] } = await c.query<{ id: string }>(`
      INSERT INTO app_user (email, display_name, password_hash, locale, totp_secret, totp_enabled_at, home_organisation_id)
      VALUES ($1, $2, $3, 'nl', 'BENCHSECRET', now(), $4) RETURNING id`, [`${who}@bench.kompas`, name, passwordHash, org.id]);
    await c.query(`INSERT INTO role_assignment (organisation_id, user_id, role, valid_from) VALUES ($1, $2, $3, current_date - 1)`, [org.id, u.id, role]);
    await c.query(`INSERT INTO organisation_member (organisation_id, user_id, display_name, joined_at) VALUES ($1, $2, $3, now())`, [org.id, u.id, name]);
    // A session as after password and second factor (the sign-in screens have their own tests).
    const token = newToken();
    await c.query(`INSERT INTO user_session (token_hash, user_id, mfa_verified) VALUES ($1, $2, true)`, [hashToken(token), u.id]);
    users[who] = { id: u.id, token };
  }
  await c.query(PLAIN_TABLES);
  await c.end();
  return { orgId: org.id, users };
}

function startServer(mode: 'app' | 'plain', url: string): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'server.ts'), mode, url], { stdio: ['ignore', 'pipe', 'inherit'] });
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

async function stop(child: ChildProcess) {
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
}

function expectStatus(r: HttpAnswer, status: number, what: string): HttpAnswer {
  if (r.status !== status) throw new Error(`${what}: ${r.status} ${r.body.toString().slice(0, 500)}`);
  return r;
}

/** A signed-in browser: session cookie, CSRF token on writes. */
class Browser {
  private cookies: Record<string, string>;
  private csrf?: string;
  constructor(private port: number, token: string) {
    this.cookies = { kompas_session: token };
  }
  private cookieHeader = () => Object.entries(this.cookies).map(([k, v]) => `${k}=${v}`).join('; ');
  async request(method: string, p: string, body?: unknown, headers: Record<string, string> = {}): Promise<HttpAnswer> {
    if (method !== 'GET' && !this.csrf) {
      const r = expectStatus(await httpRequest({ port: this.port, method: 'GET', path: '/api/csrf', headers: { cookie: this.cookieHeader() } }), 200, 'csrf');
      for (const sc of [r.headers['set-cookie'] ?? []].flat()) {
        const [kv] = sc.split(';');
        const [k, v] = kv.split('=');
        this.cookies[k] = v;
      }
      this.csrf = JSON.parse(r.body.toString()).token;
    }
    const isBuffer = Buffer.isBuffer(body);
    const payload = body === undefined ? undefined : isBuffer ? body : Buffer.from(JSON.stringify(body));
    return httpRequest({
      port: this.port, method, path: p, body: payload,
      headers: { cookie: this.cookieHeader(), ...(this.csrf && method !== 'GET' ? { 'x-csrf-token': this.csrf } : {}), ...(payload && !isBuffer ? { 'content-type': 'application/json' } : {}), ...headers },
    });
  }
  json = async (method: string, p: string, body?: unknown, headers?: Record<string, string>, status = 200) =>
    JSON.parse(expectStatus(await this.request(method, p, body, headers), status, `${method} ${p}`).body.toString());
}

/** Unlocks the recipients' key pairs, creates the escrow key and opens the channel, all through the app's routes. */
async function openChannel(port: number, orgId: string, users: Record<Who, { id: string; token: string }>): Promise<Browser> {
  const b = {} as Record<Who, Browser>;
  for (const who of Object.keys(users) as Who[]) b[who] = new Browser(port, users[who].token);
  for (const who of ['officer', 'officer2', 'alternate'] as const) await b[who].json('POST', '/api/auth/vault/unlock', { secret: PASSWORD });
  await b.officer.json('POST', `/api/orgs/${orgId}/vault/escrow`, {}, {}, 201);
  const current = await b.officer.json('GET', `/api/orgs/${orgId}/reporting/settings`);
  await b.officer.json('PUT', `/api/orgs/${orgId}/reporting/settings`, {
    open: true, intro: { nl: 'Meldingen gaan naar de integriteitsverantwoordelijken.' }, questions: DEFAULT_QUESTIONS,
    ackDays: 7, feedbackMonths: 3, alertDaysBefore: 2, reprisalCheckMonths: [3, 6, 12], retentionMonths: 60, autoAck: null,
    recipients: [{ userId: users.officer.id, kind: 'primary' }, { userId: users.officer2.id, kind: 'primary' }, { userId: users.alternate.id, kind: 'alternate' }],
  }, { 'if-match': `"${current.revision}"` });
  const page = JSON.parse(expectStatus(await httpRequest({ port, method: 'GET', path: `/api/public/orgs/${ORG_CODE}/reporting` }), 200, 'public page').body.toString());
  if (!page.open) throw new Error('the channel is not open');
  return b.officer;
}

const CATEGORIES = ['fraud', 'misuse_of_resources', 'abuse_of_power', 'harassment_discrimination', 'corruption'];
/** The n-th report: anonymous, confidential or named in turn, answers of realistic length. */
function reportBody(n: number, files: Part[]): ReturnType<typeof multipart> {
  const mode = (['anonymous', 'confidential', 'named'] as const)[n % 3];
  const json = {
    identityMode: mode, ...(mode === 'anonymous' ? {} : { name: `Melder ${n}`, contact: `melder${n}@example.org` }),
    category: CATEGORIES[n % CATEGORIES.length], language: 'nl', exclude: [],
    answers: {
      what: reportText(1_500, n), when: 'Tussen september en november, telkens tijdens de nachtdienst', where: 'Parking achter het commissariaat Centrum',
      who: reportText(300, n + 3), how_known: 'Zelf gezien, en het tankregister nagekeken.', reported_before: 'no',
    },
  };
  return multipart([{ name: 'report', value: JSON.stringify(json) }, ...files]);
}

const PUBLIC_WRITE = { 'x-kompas-public': '1' };
const filePath = `/api/public/orgs/${ORG_CODE}/reporting/reports`;

/** The throttle is in force: from one address, five filings pass and the sixth is refused. */
async function throttleCheck(port: number, file: Part): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < 6; i++) {
    const m = reportBody(i, [file]);
    statuses.push((await httpRequest({ port, method: 'POST', path: filePath, body: m.body, headers: { ...PUBLIC_WRITE, 'content-type': m.contentType }, localAddress: '127.19.0.1' })).status);
  }
  return statuses;
}

interface LoadFigures { filed: number; perSecond: number; p50: number; p99: number; failed: number; failures: Record<string, number>; active: number; lockWaits: number }

/**
 * Samples the server's database sessions every 200 ms while `work` runs: how many run a statement
 * and how many of those wait on a lock (a row another filing's transaction holds).
 */
async function sampleSessions<T>(url: string, work: () => Promise<T>): Promise<T & { active: number; lockWaits: number }> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  let running = true;
  let samples = 0;
  let active = 0;
  let lockWaits = 0;
  const sampler = (async () => {
    while (running) {
      const { rows: [r] } = await c.query<{ active: number; waiting: number }>(`
        SELECT count(*) FILTER (WHERE state = 'active')::int AS active, count(*) FILTER (WHERE wait_event_type = 'Lock')::int AS waiting
          FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`);
      samples++;
      active += r.active;
      lockWaits += r.waiting;
      await new Promise((res) => setTimeout(res, 200));
    }
  })();
  try {
    const out = await work();
    return { ...out, active: active / Math.max(1, samples), lockWaits: lockWaits / Math.max(1, samples) };
  } finally {
    running = false;
    await sampler;
    await c.end();
  }
}

/** `REPORTERS` reporters filing one report after another for `seconds`, each report from a new address. */
async function fileLoad(port: number, seconds: number, nextAddress: () => string, files: Part[]): Promise<LoadFigures> {
  const latencies: number[] = [];
  const failures: Record<string, number> = {};
  let n = 0;
  const t0 = performance.now();
  const deadline = t0 + seconds * 1000;
  await Promise.all(Array.from({ length: REPORTERS }, async (_, w) => {
    while (performance.now() < deadline) {
      const m = reportBody(n++, [files[w]]);
      try {
        const r = await httpRequest({ port, method: 'POST', path: filePath, body: m.body, headers: { ...PUBLIC_WRITE, 'content-type': m.contentType }, localAddress: nextAddress() });
        if (r.status === 201) latencies.push(r.ms);
        else failures[`${r.status} ${r.body.toString().slice(0, 80)}`] = (failures[`${r.status} ${r.body.toString().slice(0, 80)}`] ?? 0) + 1;
      } catch (err) {
        failures[String((err as Error).message)] = (failures[String((err as Error).message)] ?? 0) + 1;
      }
    }
  }));
  const elapsed = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  return { filed: latencies.length, perSecond: latencies.length / elapsed, p50: percentile(latencies, 50), p99: percentile(latencies, 99), failed: Object.values(failures).reduce((a, b) => a + b, 0), failures, active: 0, lockWaits: 0 };
}

/**
 * One report with 200 messages and 10 files, through the real routes: filed with 5 files from the
 * public page, acknowledged by the officer, then messages in turn from the reporter (portal token,
 * each address within its 5 writes) and the officer (signed in); 5 of them carry a file.
 */
async function seedCase(port: number, orgId: string, officer: Browser, nextAddress: () => string): Promise<string> {
  const pdf = (name: string): Part => ({ name: 'files', filename: name, type: 'application/pdf', content: scannedPdf(200_000) });
  const png = (name: string): Part => ({ name: 'files', filename: name, type: 'image/png', content: photoPng(200_000) });
  const files = [pdf('scan-1.pdf'), png('foto-2.png'), pdf('scan-3.pdf'), png('foto-4.png'), pdf('scan-5.pdf')];
  const m = reportBody(0, files);
  const filed = JSON.parse(expectStatus(await httpRequest({ port, method: 'POST', path: filePath, body: m.body, headers: { ...PUBLIC_WRITE, 'content-type': m.contentType }, localAddress: nextAddress() }), 201, 'case filing').body.toString());
  const list = await officer.json('GET', `/api/orgs/${orgId}/reporting/reports?status=received`);
  const reportId: string = list.items.find((r: { reference: string }) => r.reference === filed.reference).id;
  const access = JSON.parse(expectStatus(await httpRequest({
    port, method: 'POST', path: `/api/public/orgs/${ORG_CODE}/reporting/access`, body: Buffer.from(JSON.stringify({ receipt: filed.receipt })),
    headers: { ...PUBLIC_WRITE, 'content-type': 'application/json' }, localAddress: nextAddress(),
  }), 200, 'portal access').body.toString());
  const view = await officer.json('GET', `/api/orgs/${orgId}/reporting/reports/${reportId}`);
  await officer.json('POST', `/api/orgs/${orgId}/reporting/reports/${reportId}/acknowledge`, { body: 'Wij hebben uw melding goed ontvangen en behandelen ze vertrouwelijk.' }, { 'if-match': `"${view.revision}"` });
  let count = (await officer.json('GET', `/api/orgs/${orgId}/reporting/reports/${reportId}`)).messages.length;
  let reporterAddress = nextAddress();
  let reporterWrites = 0;
  let withFile = 0;
  for (let i = 0; count < MESSAGES; i++, count++) {
    // One message in 37 carries a file, until the case has its 10.
    const file = i % 37 === 5 && files.length + withFile < CASE_FILES ? [++withFile % 2 ? pdf(`bijlage-${withFile}.pdf`) : png(`bijlage-${withFile}.png`)] : [];
    const body = multipart([{ name: 'message', value: JSON.stringify({ body: reportText(300 + (i * 137) % 1_200, i) }) }, ...file]);
    if (i % 2 === 0) {
      if (reporterWrites === 5) {
        reporterAddress = nextAddress();
        reporterWrites = 0;
      }
      reporterWrites++;
      expectStatus(await httpRequest({
        port, method: 'POST', path: `/api/public/orgs/${ORG_CODE}/reporting/portal/messages`, body: body.body, localAddress: reporterAddress,
        headers: { ...PUBLIC_WRITE, 'content-type': body.contentType, 'x-kompas-report-token': access.token },
      }), 201, 'reporter message');
    } else {
      await officer.json('POST', `/api/orgs/${orgId}/reporting/reports/${reportId}/messages`, body.body, { 'content-type': body.contentType }, 201);
    }
  }
  return reportId;
}

interface TimeFigures { p50: number; p99: number; mean: number; bytes: number }
async function timeRepeated(n: number, fn: () => Promise<number>): Promise<TimeFigures> {
  for (let i = 0; i < Math.min(5, n); i++) await fn(); // warm-up: JIT, plans, caches
  const ms: number[] = [];
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    bytes = await fn();
    ms.push(performance.now() - t0);
  }
  const mean = ms.reduce((a, b) => a + b, 0) / ms.length;
  ms.sort((a, b) => a - b);
  return { p50: percentile(ms, 50), p99: percentile(ms, 99), mean, bytes };
}

async function main() {
  console.log(`reporting benchmark on ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), node ${process.version}, load average ${os.loadavg().map((x) => fmt(x, 1)).join(' ')}`);
  console.log(`${REPORTERS} concurrent reporters, ${DURATION} s per server after ${WARMUP} s warm-up, attachment ${FILE_KIND.toUpperCase()} of ${fmt(FILE_BYTES / 1024)} kB; case view ${VIEWS} times`);
  const bench = await benchDatabase();
  onInterrupt(bench.drop);
  try {
    const { orgId, users } = await seed(bench.url);
    console.log(`database: ${bench.where}\n`);
    const files = Array.from({ length: REPORTERS }, () => attachment(FILE_BYTES));
    const addresses = addressPool(20);

    // The app: channel, throttle check, filings, then the case.
    const app = await startServer('app', bench.url);
    let appLoad: LoadFigures;
    let appView: TimeFigures;
    let reportId: string;
    let throttle: number[];
    try {
      const officer = await openChannel(app.port, orgId, users);
      throttle = await throttleCheck(app.port, files[0]);
      await fileLoad(app.port, WARMUP, addresses, files);
      appLoad = await sampleSessions(bench.url, () => fileLoad(app.port, DURATION, addresses, files));
      const s0 = performance.now();
      reportId = await seedCase(app.port, orgId, officer, addresses);
      const seedSeconds = (performance.now() - s0) / 1000;
      const check = await officer.json('GET', `/api/orgs/${orgId}/reporting/reports/${reportId}`);
      const fileCount = check.files.length + check.messages.reduce((a: number, m: { files: unknown[] }) => a + m.files.length, 0);
      if (check.messages.length !== MESSAGES || fileCount !== CASE_FILES) throw new Error(`case has ${check.messages.length} messages and ${fileCount} files`);
      console.log(`case seeded through the routes in ${fmt(seedSeconds, 1)} s: ${check.messages.length} messages, ${fileCount} files`);
      appView = await timeRepeated(VIEWS, async () => (expectStatus(await officer.request('GET', `/api/orgs/${orgId}/reporting/reports/${reportId}`), 200, 'case view')).body.length);
    } finally {
      await stop(app.child);
    }

    // The baseline server: the same filings, the same case rows.
    const plain = await startServer('plain', bench.url);
    let plainLoad: LoadFigures;
    let plainView: TimeFigures;
    try {
      await fileLoad(plain.port, WARMUP, addresses, files);
      plainLoad = await sampleSessions(bench.url, () => fileLoad(plain.port, DURATION, addresses, files));
      plainView = await timeRepeated(VIEWS, async () => (expectStatus(await httpRequest({ port: plain.port, method: 'GET', path: `/api/orgs/${orgId}/reporting/reports/${reportId}` }), 200, 'plain case')).body.length);
    } finally {
      await stop(plain.child);
    }

    // One raw SQL SELECT of the same rows, from here, on one open connection.
    const c = new pg.Client({ connectionString: bench.url });
    await c.connect();
    const sqlView = await timeRepeated(VIEWS, async () => {
      const r = await c.query(CASE_SQL, [orgId, reportId]);
      return r.rows[0].messages.length;
    });
    // What one attachment of the load costs on disk, encrypted (incompressible) and plain (TOAST may compress it).
    const { rows: [sizes] } = await c.query<{ encrypted: number; plain: number }>(`
      SELECT (SELECT avg(pg_column_size(content)) FROM report_file WHERE size >= $1)::float AS encrypted,
             (SELECT avg(pg_column_size(content)) FROM bench_plain_file)::float AS plain`, [FILE_BYTES / 2]);
    await c.end();

    const f = (x: number) => fmt(x, 1).padStart(7);
    console.log(`\nthrottle check, six filings from one address: ${throttle.join(' ')} (5 then 1 a minute per address, decision 0013)`);
    console.log(`\n(1) filings with a ${fmt(FILE_BYTES / 1024)} kB ${FILE_KIND.toUpperCase()}, ${REPORTERS} concurrent reporters, each report from its own address`);
    console.log(`${'case'.padEnd(62)}  ${'filed'.padStart(6)}  ${'per s'.padStart(7)}  ${'p50 ms'.padStart(7)}  ${'p99 ms'.padStart(7)}  failed`);
    console.log(`${'app: POST /api/public/orgs/:code/reporting/reports'.padEnd(62)}  ${String(appLoad.filed).padStart(6)}  ${f(appLoad.perSecond)}  ${f(appLoad.p50)}  ${f(appLoad.p99)}  ${appLoad.failed}`);
    console.log(`${'baseline: bare Fastify + pg, same multipart, plain rows'.padEnd(62)}  ${String(plainLoad.filed).padStart(6)}  ${f(plainLoad.perSecond)}  ${f(plainLoad.p50)}  ${f(plainLoad.p99)}  ${plainLoad.failed}`);
    console.log(`database sessions running a statement, on average: app ${fmt(appLoad.active, 1)} (of which waiting on a lock ${fmt(appLoad.lockWaits, 1)}), baseline ${fmt(plainLoad.active, 1)} (${fmt(plainLoad.lockWaits, 1)})`);
    console.log(`ratio app / baseline: ${fmt(appLoad.perSecond / plainLoad.perSecond, 2)} (throughput), ${fmt(appLoad.p50 / plainLoad.p50, 1)}× (p50 latency); one attachment stored: ${fmt(sizes.encrypted / 1024)} kB encrypted, ${fmt(sizes.plain / 1024)} kB plain`);
    console.log('  baseline does: the same multipart parsing and limits, JSON.parse, SHA-256 of the file, one transaction inserting the');
    console.log('  report (answers as plain JSON text), the file (plain bytea) and a history row; receipt kept as SHA-256.');
    console.log('  baseline does not: schema or questionnaire checks, file type sniffing or metadata stripping, recipients, escrow key,');
    console.log('  yearly reference counter, Argon2id of the receipt (2 × 19 MiB: look-up hash and key wrapping), record key sealed to');
    console.log('  escrow and recipients, XChaCha20-Poly1305 of content, file and name, access rows, public throttle and CSRF guard.');
    for (const [k, v] of Object.entries({ ...appLoad.failures, ...plainLoad.failures })) console.log(`  failure: ${v} × ${k}`);

    console.log(`\n(2) a recipient opens a report with ${MESSAGES} messages and ${CASE_FILES} files, ${VIEWS} times in a row`);
    console.log(`${'case'.padEnd(62)}  ${'p50 ms'.padStart(7)}  ${'p99 ms'.padStart(7)}  ${'mean ms'.padStart(7)}  size`);
    console.log(`${'app: GET /api/orgs/:orgId/reporting/reports/:id (decrypted)'.padEnd(62)}  ${f(appView.p50)}  ${f(appView.p99)}  ${f(appView.mean)}  ${fmt(appView.bytes / 1024)} kB JSON`);
    console.log(`${'baseline 1: bare Fastify + pg, same rows + audit insert, JSON'.padEnd(62)}  ${f(plainView.p50)}  ${f(plainView.p99)}  ${f(plainView.mean)}  ${fmt(plainView.bytes / 1024)} kB JSON`);
    console.log(`${'baseline 2: one raw SQL SELECT of the same rows'.padEnd(62)}  ${f(sqlView.p50)}  ${f(sqlView.p99)}  ${f(sqlView.mean)}`);
    console.log(`ratio app / baseline 1: ${fmt(appView.p50 / plainView.p50, 1)}× (p50); app / raw SQL: ${fmt(appView.p50 / sqlView.p50, 1)}× (p50)`);
    console.log(`load average at the end ${os.loadavg().map((x) => fmt(x, 1)).join(' ')}`);
    if (appLoad.failed || plainLoad.failed) console.log('WARNING: some filings failed; figures are not comparable');
  } finally {
    await bench.drop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
