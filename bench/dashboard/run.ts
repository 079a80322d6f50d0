/**
 * Maturity comparison benchmark (issue 20): `tsx bench/dashboard/run.ts [--requests 400] [--users 20]`.
 * On a fresh database: 185 zones (staff 40-740, mostly under 300, three of 1,500-2,500) and 40 federal
 * units (staff 100-900), each with an approved measurement of the default framework (28 criteria)
 * every year for 10 years (2017-2026), levels drifting upwards; three in ten consent to be named.
 * Then, against the real app server over HTTP, `--users` concurrent clients (each its own session):
 * (1) `GET /api/orgs/:orgId/maturity/peer-comparison?year=` as the officer of every organisation,
 *     each request another organisation and year;
 * (2) `GET /api/maturity/oversight/overview?year=[&group=]` as an inspector, years and groups in turn;
 * (3) `GET /api/orgs/:orgId/dashboard` (the organisation's dashboard: every module's tiles, of which
 *     only maturity's have data here) as the officer, each request another organisation.
 * Latency p50/p95 of each; baseline in the same run: the same aggregate as one hand-written SQL query
 * (percentile_cont, so the same quantiles; for the dashboard the maturity tiles' averages) on a pool
 * of as many plain connections, same parameters, same concurrency; the ratio. Never part of npm test.
 */
import pg from 'pg';
import { buildApp } from '../../src/server/app.js';
import { modules } from '../../src/server/modules/index.js';
import { hashToken, newToken } from '../../src/server/platform/auth/tokens.js';
import { loadConfig } from '../../src/server/platform/config.js';
import { createDatabase } from '../../src/server/platform/db/pool.js';
import { idleJobs } from '../../src/server/platform/jobs/index.js';
import { createMailer } from '../../src/server/platform/mail/index.js';
import { benchDatabase, concurrently, fmt, numberArg, onInterrupt, percentile } from '../lib.js';

const argv = process.argv.slice(2);
const REQUESTS = Math.floor(numberArg(argv, 'requests', 400));
const USERS = Math.floor(numberArg(argv, 'users', 20));
const ZONES = 185;
const UNITS = 40;
const FIRST_YEAR = 2017;
const YEARS = 10;
const GROUPS = [undefined, 'zone_lt150', 'zone_150_299', 'zone_300_599', 'federal_unit'];

/** Every table filled in SQL (set-based); random but reproducible (setseed). */
const SEED = `
SELECT setseed(0.20);
CREATE TEMP TABLE o AS
  SELECT i, gen_random_uuid() AS id, CASE WHEN i <= ${ZONES} THEN 'local_police_zone' ELSE 'federal_unit' END AS kind,
         CASE WHEN i = 1 THEN 2500 WHEN i = 2 THEN 2000 WHEN i = 3 THEN 1500 WHEN i <= ${ZONES} THEN 40 + round(700 * random() ^ 3)::int
              ELSE 100 + round(800 * random())::int END AS staff,
         random() AS skill
    FROM generate_series(1, ${ZONES + UNITS}) i;
INSERT INTO organisation (id, kind, code, names, languages)
  SELECT id, kind, CASE WHEN kind = 'local_police_zone' THEN 'PZ-' || (5000 + i) ELSE 'FED-' || i END, jsonb_build_object('nl', 'Bench ' || i), '{nl,fr}' FROM o;
INSERT INTO organisation (kind, code, names) VALUES ('inspectorate', 'AIG-BENCH', '{"nl":"AIG"}');
INSERT INTO person (organisation_id, personnel_number, first_name, last_name, staff_category, start_date)
  SELECT o.id, 'B' || n, 'First' || n, 'Last' || n, CASE WHEN n % 5 = 0 THEN 'calog' ELSE 'operational' END, DATE '2010-01-01'
    FROM o, generate_series(1, o.staff) n;
INSERT INTO maturity_oversight_consent (organisation_id, consented) SELECT id, true FROM o WHERE i % 10 < 3;
CREATE TEMP TABLE m AS
  SELECT gen_random_uuid() AS id, o.id AS org, o.skill, y, y - ${FIRST_YEAR} AS k
    FROM o, generate_series(${FIRST_YEAR}, ${FIRST_YEAR + YEARS - 1}) y;
INSERT INTO maturity_measurement (id, organisation_id, framework_id, kind, year, status, consolidation_started_at, submitted_at, approved_at)
  SELECT m.id, m.org, f.id, CASE WHEN m.k = 0 THEN 'baseline' ELSE 'yearly' END, m.y, 'approved',
         make_date(m.y, 10, 1), make_date(m.y, 10, 15), make_date(m.y, 11, 1)
    FROM m, (SELECT id FROM maturity_framework WHERE code = 'imf' AND status = 'published' ORDER BY version DESC LIMIT 1) f;
INSERT INTO maturity_agreement (organisation_id, measurement_id, criterion_id, agreed_level, target_level, reason)
  SELECT m.org, m.id, c.id, lv, least(4, lv + 1), 'Bench.'
    FROM m JOIN maturity_measurement mm ON mm.id = m.id JOIN maturity_criterion c ON c.framework_id = mm.framework_id,
         LATERAL (SELECT greatest(0, least(4, floor(m.skill * 2 + m.k * 0.2 + random() * 1.5)::int)) AS lv) l;
ANALYZE;
`;

const LATEST = (yearParam: string) => `
  SELECT DISTINCT ON (organisation_id) id, organisation_id FROM maturity_measurement
   WHERE framework_id = $1 AND year = ${yearParam} AND status = 'approved' ORDER BY organisation_id, approved_at DESC, id`;
const GROUP_CTE = `
  staff AS (SELECT organisation_id, count(*) AS n FROM person WHERE start_date <= current_date AND (end_date IS NULL OR end_date >= current_date) GROUP BY 1),
  grp AS (SELECT o.id, CASE WHEN o.kind IN ('federal_unit', 'federal_directorate') THEN o.kind WHEN o.kind = 'local_police_zone' THEN
            CASE WHEN coalesce(s.n, 0) < 150 THEN 'zone_lt150' WHEN s.n < 300 THEN 'zone_150_299' WHEN s.n < 600 THEN 'zone_300_599' ELSE 'zone_600_plus' END END AS g
            FROM organisation o LEFT JOIN staff s ON s.organisation_id = o.id)`;
const Q = `percentile_cont(ARRAY[0.25, 0.5, 0.75])`;

/** The overview as one query ($1 framework, $2 year, $3 group or null). */
const OVERVIEW_SQL = `
WITH ${GROUP_CTE},
latest AS (${LATEST('$2')}),
lv AS (SELECT l.organisation_id, a.criterion_id, c.pillar, a.agreed_level AS level FROM latest l
         JOIN grp ON grp.id = l.organisation_id AND ($3::text IS NULL OR grp.g = $3)
         JOIN maturity_agreement a ON a.measurement_id = l.id JOIN maturity_criterion c ON c.id = a.criterion_id),
pa AS (SELECT organisation_id, pillar, avg(level) AS v FROM lv GROUP BY 1, 2),
allpa AS (SELECT l.organisation_id, c.pillar, avg(a.agreed_level) AS v FROM latest l JOIN maturity_agreement a ON a.measurement_id = l.id
            JOIN maturity_criterion c ON c.id = a.criterion_id GROUP BY 1, 2),
py AS (SELECT m.year, c.pillar, m.organisation_id, avg(a.agreed_level) AS v
         FROM (SELECT DISTINCT ON (organisation_id, year) id, organisation_id, year FROM maturity_measurement
                WHERE framework_id = $1 AND status = 'approved' ORDER BY organisation_id, year, approved_at DESC, id) m
         JOIN grp ON grp.id = m.organisation_id AND ($3::text IS NULL OR grp.g = $3)
         JOIN maturity_agreement a ON a.measurement_id = m.id JOIN maturity_criterion c ON c.id = a.criterion_id GROUP BY 1, 2, 3)
SELECT (SELECT json_agg(x) FROM (SELECT criterion_id, count(*) AS n, count(*) FILTER (WHERE level = 0) l0, count(*) FILTER (WHERE level = 1) l1,
          count(*) FILTER (WHERE level = 2) l2, count(*) FILTER (WHERE level = 3) l3, count(*) FILTER (WHERE level = 4) l4,
          ${Q} WITHIN GROUP (ORDER BY level) AS q FROM lv GROUP BY 1) x) AS criteria,
       (SELECT json_agg(x) FROM (SELECT pillar, count(*) AS n, avg(v), ${Q} WITHIN GROUP (ORDER BY v) AS q FROM pa GROUP BY 1) x) AS pillars,
       (SELECT json_agg(x) FROM (SELECT year, pillar, count(*) AS n, avg(v), ${Q} WITHIN GROUP (ORDER BY v) AS q FROM py GROUP BY 1, 2) x) AS trend,
       (SELECT json_agg(x) FROM (SELECT g, pillar, count(*) AS n, avg(v), ${Q} WITHIN GROUP (ORDER BY v) AS q FROM allpa JOIN grp ON grp.id = allpa.organisation_id GROUP BY 1, 2) x) AS peers,
       (SELECT json_agg(x) FROM (SELECT o.kind, count(*) AS n, count(l.id) AS measured FROM organisation o LEFT JOIN latest l ON l.organisation_id = o.id GROUP BY 1) x) AS participation,
       (SELECT json_agg(x) FROM (SELECT o.id, o.code, o.names FROM organisation o JOIN latest l ON l.organisation_id = o.id
                                   JOIN maturity_oversight_consent c ON c.organisation_id = o.id AND c.consented) x) AS named`;

/** The comparison as one query ($1 framework, $2 year, $3 organisation). */
const COMPARISON_SQL = `
WITH ${GROUP_CTE},
latest AS (${LATEST('$2')}),
lv AS (SELECT l.organisation_id, a.criterion_id, c.pillar, a.agreed_level AS level FROM latest l
         JOIN grp ON grp.id = l.organisation_id AND grp.g = (SELECT g FROM grp WHERE id = $3)
         JOIN maturity_agreement a ON a.measurement_id = l.id JOIN maturity_criterion c ON c.id = a.criterion_id)
SELECT (SELECT json_agg(x) FROM (SELECT criterion_id, count(*) AS n, max(level) FILTER (WHERE organisation_id = $3) AS own,
          ${Q} WITHIN GROUP (ORDER BY level) AS q FROM lv GROUP BY 1) x) AS criteria,
       (SELECT json_agg(x) FROM (SELECT pillar, count(*) AS n, max(v) FILTER (WHERE organisation_id = $3) AS own, ${Q} WITHIN GROUP (ORDER BY v) AS q
          FROM (SELECT organisation_id, pillar, avg(level) AS v FROM lv GROUP BY 1, 2) p GROUP BY 1) x) AS pillars`;

/** The dashboard's maturity tiles as one query ($1 organisation): per measurement past scoring the agreed
 * and target averages per pillar and per function (the trend's line and the latest approved one's radar). */
const DASHBOARD_SQL = `
SELECT m.id, m.kind, m.year, m.status, m.approved_at, c.pillar, c.function, avg(a.agreed_level) AS agreed, avg(a.target_level) AS target
  FROM maturity_measurement m JOIN maturity_agreement a ON a.measurement_id = m.id JOIN maturity_criterion c ON c.id = a.criterion_id
 WHERE m.organisation_id = $1 AND m.status <> 'scoring'
 GROUP BY GROUPING SETS ((m.id, c.pillar), (m.id, c.pillar, c.function))
 ORDER BY m.year, m.approved_at`;

async function main() {
  const db = await benchDatabase();
  onInterrupt(db.drop);
  const c = new pg.Client({ connectionString: db.url });
  await c.connect();
  const t0 = performance.now();
  await c.query(SEED);
  const seedSeconds = (performance.now() - t0) / 1000;
  const { rows: [volume] } = await c.query<{ measurements: number; agreements: number; people: number }>(`
    SELECT (SELECT count(*)::int FROM maturity_measurement) AS measurements, (SELECT count(*)::int FROM maturity_agreement) AS agreements,
           (SELECT count(*)::int FROM person) AS people`);
  const framework = (await c.query<{ id: string }>(`SELECT id FROM maturity_framework WHERE code = 'imf' AND status = 'published' ORDER BY version DESC LIMIT 1`)).rows[0].id;
  const orgs = (await c.query<{ id: string }>(`SELECT id FROM organisation WHERE kind <> 'inspectorate' ORDER BY code`)).rows.map((r) => r.id);

  // An officer of every organisation and an inspector, each with `USERS` sessions (one per client).
  const session = async (email: string, role: string, where: string) => {
    const { rows: [u] } = await c.query<{ id: string }>(`INSERT INTO app_user (email, display_name, locale, totp_secret, totp_enabled_at) VALUES ($1, 'Bench', 'nl', 'BENCHSECRET', now()) RETURNING id`, [email]);
    await c.query(`INSERT INTO role_assignment (organisation_id, user_id, role, valid_from) SELECT id, $1, $2, current_date - 1 FROM organisation WHERE ${where}`, [u.id, role]);
    await c.query(`INSERT INTO organisation_member (organisation_id, user_id, display_name, joined_at) SELECT id, $1, 'Bench', now() FROM organisation WHERE ${where}`, [u.id]);
    const tokens: string[] = [];
    for (let i = 0; i < USERS; i++) {
      const token = newToken();
      await c.query(`INSERT INTO user_session (token_hash, user_id, mfa_verified) VALUES ($1, $2, true)`, [hashToken(token), u.id]);
      tokens.push(token);
    }
    return tokens;
  };
  const officerTokens = await session('officer@bench.kompas', 'integrity_officer', `kind <> 'inspectorate'`);
  const inspectorTokens = await session('inspector@bench.kompas', 'oversight', `kind = 'inspectorate'`);

  const config = loadConfig({ DATABASE_URL: db.url, KOMPAS_LOG_LEVEL: 'silent', KOMPAS_DEMO: '0', HOST: '127.0.0.1', PORT: '0' } as NodeJS.ProcessEnv);
  const database = await createDatabase(db.url);
  const app = await buildApp({ config, database, adminUrl: db.url, mailer: createMailer(database.db, { from: config.mailFrom }), jobs: idleJobs }, { logger: false, modules });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const port = (app.server.address() as { port: number }).port;
  const get = async (path: string, token: string) => {
    const r = await fetch(`http://127.0.0.1:${port}${path}`, { headers: { cookie: `kompas_session=${token}` } });
    const body = await r.text();
    if (r.status !== 200) throw new Error(`${path}: ${r.status} ${body.slice(0, 300)}`);
    return body;
  };
  const plain = new pg.Pool({ connectionString: db.url, max: USERS });

  const cmp = (i: number) => ({ org: orgs[(i * 37) % orgs.length], year: FIRST_YEAR + ((i * 7) % YEARS) });
  const ov = (i: number) => ({ year: FIRST_YEAR + ((i * 3) % YEARS), group: GROUPS[i % GROUPS.length] });
  const cmpApp = (i: number, w: number) => get(`/api/orgs/${cmp(i).org}/maturity/peer-comparison?year=${cmp(i).year}`, officerTokens[w]);
  const cmpSql = (i: number) => plain.query(COMPARISON_SQL, [framework, cmp(i).year, cmp(i).org]);
  const ovApp = (i: number, w: number) => get(`/api/maturity/oversight/overview?year=${ov(i).year}${ov(i).group ? `&group=${ov(i).group}` : ''}`, inspectorTokens[w]);
  const ovSql = (i: number) => plain.query(OVERVIEW_SQL, [framework, ov(i).year, ov(i).group ?? null]);
  const dash = (i: number) => orgs[(i * 53) % orgs.length];
  const dashApp = (i: number, w: number) => get(`/api/orgs/${dash(i)}/dashboard`, officerTokens[w]);
  const dashSql = (i: number) => plain.query(DASHBOARD_SQL, [dash(i)]);

  // Warm-up of every path; then each case measured on its own, app then SQL.
  await concurrently(40, USERS, cmpApp);
  await concurrently(40, USERS, cmpSql);
  await concurrently(40, USERS, ovApp);
  await concurrently(40, USERS, ovSql);
  await concurrently(40, USERS, dashApp);
  await concurrently(40, USERS, dashSql);
  const results = {
    comparison: { app: await concurrently(REQUESTS, USERS, cmpApp), sql: await concurrently(REQUESTS, USERS, cmpSql) },
    overview: { app: await concurrently(REQUESTS, USERS, ovApp), sql: await concurrently(REQUESTS, USERS, ovSql) },
    dashboard: { app: await concurrently(REQUESTS, USERS, dashApp), sql: await concurrently(REQUESTS, USERS, dashSql) },
  };

  const p = (xs: number[], q: number) => fmt(percentile(xs, q), 1);
  console.log(`maturity comparison bench on ${db.where}: ${ZONES} zones + ${UNITS} federal units × ${YEARS} years, ${fmt(volume.measurements)} approved measurements, ${fmt(volume.agreements)} agreed levels, ${fmt(volume.people)} staff; seeded in ${fmt(seedSeconds, 1)} s`);
  for (const [name, r] of Object.entries(results)) {
    console.log(`${name.padEnd(10)} endpoint (HTTP, signed in, audited), ${REQUESTS} requests by ${USERS} concurrent users: p50 ${p(r.app.ms, 50)} ms, p95 ${p(r.app.ms, 95)} ms, ${fmt(REQUESTS / r.app.seconds, 1)}/s`);
    console.log(`${name.padEnd(10)} one hand-written SQL query, ${USERS} concurrent plain connections:        p50 ${p(r.sql.ms, 50)} ms, p95 ${p(r.sql.ms, 95)} ms, ${fmt(REQUESTS / r.sql.seconds, 1)}/s`);
    console.log(`${name.padEnd(10)} ratio endpoint / SQL: p50 ${fmt(percentile(r.app.ms, 50) / percentile(r.sql.ms, 50), 2)}, p95 ${fmt(percentile(r.app.ms, 95) / percentile(r.sql.ms, 95), 2)}`);
  }
  await plain.end();
  await app.close();
  await database.close();
  await c.end();
  await db.drop();
}

main().catch((e: unknown) => { console.error(e); process.exit(1); });
