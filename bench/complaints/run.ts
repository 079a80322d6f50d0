/**
 * Complaints statistics benchmark (issue 19): `tsx bench/complaints/run.ts [--requests 200] [--reports 5]`.
 * On a fresh database: synthetic complaints of 185 zones × 10 years (2016–2025) at realistic volumes
 * (a zone's staff from 40 to 740, mostly 40–300, three large zones of 1,500–2,500; about 40,000 in all; about 0.25 complaints per staff
 * member a year, ±20 %: a zone of 300 staff gets 60–90), with units, themes, staff named (skewed, so
 * some are named repeatedly) and every step's day. Then, against the real app server over HTTP,
 * signed in as a coordinator of every zone:
 * (1) `--requests` sequential GETs of the statistics endpoint, each for another zone and year:
 *     latency p50/p95; baseline in the same run: the same aggregates as one hand-written SQL query
 *     (counts by channel, outcome, month, theme and unit, the three lead times with percentiles and
 *     targets, staff on the period's end, the repeated-complaints window) on a plain connection,
 *     same zones and years: its p50/p95 and the ratio;
 * (2) time to generate the yearly report (Word and PDF) of the largest zone, `--reports` times each.
 * Never part of npm test.
 */
import pg from 'pg';
import { buildApp } from '../../src/server/app.js';
import { complaintsStatsModule } from '../../src/server/modules/complaints/stats-module.js';
import { modules } from '../../src/server/modules/index.js';
import { hashToken, newToken } from '../../src/server/platform/auth/tokens.js';
import { loadConfig } from '../../src/server/platform/config.js';
import { createDatabase } from '../../src/server/platform/db/pool.js';
import { idleJobs } from '../../src/server/platform/jobs/index.js';
import { createMailer } from '../../src/server/platform/mail/index.js';
import { benchDatabase, fmt, numberArg, onInterrupt, percentile } from '../lib.js';

const argv = process.argv.slice(2);
const REQUESTS = Math.floor(numberArg(argv, 'requests', 200));
const REPORTS = Math.floor(numberArg(argv, 'reports', 5));
const ZONES = 185;
const FIRST_YEAR = 2016;
const YEARS = 10;

/** Every table filled in SQL (set-based, seconds); random but reproducible (setseed). */
const SEED = `
SELECT setseed(0.19);
CREATE TEMP TABLE z AS
  SELECT i, gen_random_uuid() AS id,
         CASE i WHEN 1 THEN 2500 WHEN 2 THEN 2000 WHEN 3 THEN 1500 ELSE 40 + round(700 * random() ^ 3)::int END AS staff
    FROM generate_series(1, ${ZONES}) i;
INSERT INTO organisation (id, kind, code, names, languages)
  SELECT id, 'local_police_zone', 'PZ-' || (5000 + i), jsonb_build_object('nl', 'PZ Bench ' || i), '{nl,fr}' FROM z;
INSERT INTO complaint_settings (organisation_id, open, themes)
  SELECT id, true, '[{"id":"behaviour","label":{"en":"Behaviour"},"active":true},{"id":"use_of_force","label":{"en":"Use of force"},"active":true},
    {"id":"failure_to_act","label":{"en":"Failure to act"},"active":true},{"id":"arrest","label":{"en":"Arrest"},"active":true},
    {"id":"traffic","label":{"en":"Traffic"},"active":true},{"id":"privacy","label":{"en":"Privacy"},"active":true},
    {"id":"discrimination","label":{"en":"Discrimination"},"active":true},{"id":"other","label":{"en":"Other"},"active":true}]'::jsonb FROM z;
CREATE TEMP TABLE u AS SELECT z.id AS org, k, gen_random_uuid() AS id FROM z, generate_series(1, 6) k;
INSERT INTO org_unit (id, organisation_id, code, name) SELECT id, org, 'U' || k, 'Unit ' || k FROM u;
CREATE TEMP TABLE p AS
  SELECT z.id AS org, n, gen_random_uuid() AS id, z.staff FROM z, generate_series(1, z.staff) n;
INSERT INTO person (id, organisation_id, personnel_number, first_name, last_name, staff_category, unit_id, start_date)
  SELECT p.id, p.org, 'B' || n, 'First' || n, 'Last' || n, CASE WHEN n % 5 = 0 THEN 'calog' ELSE 'operational' END,
         (SELECT u.id FROM u WHERE u.org = p.org AND u.k = 1 + n % 6), DATE '2010-01-01' FROM p;
CREATE TEMP TABLE c AS
  SELECT gen_random_uuid() AS id, z.id AS org, z.staff, y, n,
         make_date(y, 1, 1) + floor(random() * 365)::int AS received_on,
         random() AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS r5
    FROM z, generate_series(${FIRST_YEAR}, ${FIRST_YEAR + YEARS - 1}) y,
         LATERAL generate_series(1, round(z.staff * 0.25 * (0.8 + 0.4 * random()))::int) n;
ALTER TABLE c ADD COLUMN status text, ADD COLUMN ack date, ADD COLUMN tri date, ADD COLUMN ans date;
UPDATE c SET status = CASE WHEN r1 < 0.05 THEN 'inadmissible' WHEN r1 < 0.10 THEN 'forwarded' WHEN r1 < 0.13 THEN 'triaged' ELSE 'closed' END,
             ack = received_on + floor(r2 * 12)::int;
UPDATE c SET tri = CASE WHEN status IN ('triaged', 'closed') THEN ack + floor(r3 * 20)::int END,
             ans = CASE WHEN status = 'closed' THEN ack + floor(r3 * 20)::int + 10 + floor(r4 * 140)::int END;
INSERT INTO complaint (id, organisation_id, reference, status, channel, forwarded_by, anonymous, language, received_on, acknowledged_on,
                       triaged_on, answered_on, closed_on, forwarded_to, forwarded_on, admissible, unit_id, decision, code_hash, content)
  SELECT c.id, c.org, 'KL-' || c.y || '-' || lpad(c.n::text, 5, '0'), c.status,
         (ARRAY['online','online','online','phone','letter','email','desk','forwarded'])[1 + floor(c.r5 * 8)::int],
         CASE WHEN 1 + floor(c.r5 * 8)::int = 8 THEN 'comite_p' END, c.r2 < 0.1, 'nl', c.received_on, c.ack, c.tri, c.ans,
         CASE WHEN c.status = 'closed' THEN c.ans + 2 WHEN c.status = 'inadmissible' THEN c.ack + 5 END,
         CASE WHEN c.status = 'forwarded' THEN 'comite_p' END, CASE WHEN c.status = 'forwarded' THEN c.ack + 3 END,
         CASE WHEN c.status = 'inadmissible' THEN false WHEN c.tri IS NOT NULL THEN true END,
         (SELECT u.id FROM u WHERE u.org = c.org AND u.k = 1 + floor(c.r4 * 6)::int),
         CASE WHEN c.status = 'closed' THEN (ARRAY['unfounded','unfounded','unfounded','well_founded','partly_founded','undetermined','mediation'])[1 + floor(c.r3 * 7)::int] END,
         md5(c.id::text), '\\x00'::bytea
    FROM c;
INSERT INTO complaint_theme (organisation_id, complaint_id, theme)
  SELECT org, id, (ARRAY['behaviour','behaviour','use_of_force','failure_to_act','arrest','traffic','privacy','discrimination','other'])[1 + floor(r4 * 9)::int]
    FROM c WHERE status IN ('triaged', 'closed')
  UNION
  SELECT org, id, 'use_of_force' FROM c WHERE status IN ('triaged', 'closed') AND r2 < 0.2;
-- Six in ten complaints name a staff member, the lower numbers far more often (some are named again and again).
INSERT INTO complaint_staff (organisation_id, complaint_id, person_id)
  SELECT c.org, c.id, p.id FROM c JOIN p ON p.org = c.org AND p.n = 1 + floor(c.staff * (c.r3 * c.r4) ^ 2)::int
   WHERE c.status IN ('triaged', 'closed') AND c.r2 < 0.6;
ANALYZE;
`;

/** The same aggregates as the endpoint, as one hand-written query ($1 organisation, $2 year, $3 today). */
const PLAIN_SQL = `
WITH t AS (
  SELECT coalesce((o.settings->>'complaintAcknowledgeDays')::int, 7) AS a, coalesce(s.triage_days, 14) AS tr, coalesce((o.settings->>'complaintResolveDays')::int, 90) AS r,
         least(make_date($2, 12, 31), $3::date) AS period_end
    FROM organisation o LEFT JOIN complaint_settings s ON s.organisation_id = o.id WHERE o.id = $1
), f AS (
  SELECT c.id, c.channel, c.unit_id, extract(month FROM c.received_on)::int AS m, c.status,
         CASE WHEN c.status IN ('inadmissible', 'forwarded') THEN c.status ELSE coalesce(c.decision, 'open') END AS outcome,
         c.acknowledged_on - c.received_on AS al,
         coalesce(c.triaged_on, CASE WHEN c.status = 'inadmissible' THEN c.closed_on WHEN c.status = 'forwarded' THEN c.forwarded_on END) - c.received_on AS tl,
         coalesce(c.answered_on, CASE WHEN c.status = 'inadmissible' THEN c.closed_on WHEN c.status = 'forwarded' THEN c.forwarded_on END) - c.received_on AS rl,
         c.received_on
    FROM complaint c WHERE c.organisation_id = $1 AND c.received_on BETWEEN make_date($2, 1, 1) AND least(make_date($2, 12, 31), $3::date)
), pc AS (
  SELECT s.person_id, c.received_on FROM complaint_staff s JOIN complaint c ON c.id = s.complaint_id
   WHERE s.organisation_id = $1 AND c.status <> 'inadmissible' AND c.received_on <= (SELECT period_end FROM t)
     AND c.received_on >= make_date($2, 1, 1) - interval '12 months'
), w AS (
  SELECT person_id, received_on, count(*) OVER (PARTITION BY person_id ORDER BY received_on RANGE BETWEEN '12 months'::interval PRECEDING AND CURRENT ROW) AS k FROM pc
)
SELECT (SELECT count(*) FROM f) AS received,
       (SELECT json_object_agg(channel, n) FROM (SELECT channel, count(*) n FROM f GROUP BY 1) x) AS by_channel,
       (SELECT json_object_agg(outcome, n) FROM (SELECT outcome, count(*) n FROM f GROUP BY 1) x) AS by_outcome,
       (SELECT json_object_agg(m, n) FROM (SELECT m, count(*) n FROM f GROUP BY 1) x) AS by_month,
       (SELECT json_object_agg(coalesce(unit_id::text, 'none'), n) FROM (SELECT unit_id, count(*) n FROM f GROUP BY 1) x) AS by_unit,
       (SELECT json_object_agg(coalesce(theme, 'none'), n) FROM (SELECT ct.theme, count(*) n FROM f LEFT JOIN complaint_theme ct ON ct.organisation_id = $1 AND ct.complaint_id = f.id GROUP BY 1) x) AS by_theme,
       (SELECT json_build_object(
          'a', json_build_array(count(al), percentile_cont(0.5) WITHIN GROUP (ORDER BY al), percentile_cont(0.9) WITHIN GROUP (ORDER BY al), count(*) FILTER (WHERE al > t.a)),
          't', json_build_array(count(tl), percentile_cont(0.5) WITHIN GROUP (ORDER BY tl), percentile_cont(0.9) WITHIN GROUP (ORDER BY tl), count(*) FILTER (WHERE tl > t.tr)),
          'r', json_build_array(count(rl), percentile_cont(0.5) WITHIN GROUP (ORDER BY rl), percentile_cont(0.9) WITHIN GROUP (ORDER BY rl), count(*) FILTER (WHERE rl > t.r)))
          FROM f, t GROUP BY t.a, t.tr, t.r) AS lead,
       (SELECT count(*) FROM person p, t WHERE p.organisation_id = $1 AND p.start_date <= t.period_end AND (p.end_date IS NULL OR p.end_date >= t.period_end)) AS staff,
       (SELECT json_agg(x) FROM (SELECT person_id, max(k) AS most FROM w WHERE extract(year FROM received_on) = $2 GROUP BY 1 HAVING max(k) >= 3) x) AS repeated`;

async function main() {
  const db = await benchDatabase();
  onInterrupt(db.drop);
  const c = new pg.Client({ connectionString: db.url });
  await c.connect();
  let t0 = performance.now();
  await c.query(SEED);
  const seedSeconds = (performance.now() - t0) / 1000;
  const { rows: [volume] } = await c.query<{ complaints: number; people: number; staff_named: number; largest: number }>(`
    SELECT (SELECT count(*)::int FROM complaint) AS complaints, (SELECT count(*)::int FROM person) AS people,
           (SELECT count(*)::int FROM complaint_staff) AS staff_named,
           (SELECT max(n)::int FROM (SELECT count(*) n FROM complaint GROUP BY organisation_id, extract(year FROM received_on)) x) AS largest`);
  const zones = (await c.query<{ id: string; staff: number }>(`
    SELECT o.id, (SELECT count(*)::int FROM person p WHERE p.organisation_id = o.id) AS staff FROM organisation o ORDER BY staff DESC`)).rows;
  // A coordinator of every zone, signed in (password and second factor are the sign-in's own tests).
  const { rows: [user] } = await c.query<{ id: string }>(`
    INSERT INTO app_user (email, display_name, locale, totp_secret, totp_enabled_at) VALUES ('coordinator@bench.kompas', 'Bench Coordinator', 'nl', 'BENCHSECRET', now()) RETURNING id`);
  await c.query(`INSERT INTO role_assignment (organisation_id, user_id, role, valid_from) SELECT id, $1, 'complaints_coordinator', current_date - 1 FROM organisation`, [user.id]);
  await c.query(`INSERT INTO organisation_member (organisation_id, user_id, display_name, joined_at) SELECT id, $1, 'Bench Coordinator', now() FROM organisation`, [user.id]);
  const token = newToken();
  await c.query(`INSERT INTO user_session (token_hash, user_id, mfa_verified) VALUES ($1, $2, true)`, [hashToken(token), user.id]);

  const config = loadConfig({ DATABASE_URL: db.url, KOMPAS_LOG_LEVEL: 'silent', KOMPAS_DEMO: '0', HOST: '127.0.0.1', PORT: '0' } as NodeJS.ProcessEnv);
  const database = await createDatabase(db.url);
  const app = await buildApp({ config, database, adminUrl: db.url, mailer: createMailer(database.db, { from: config.mailFrom }), jobs: idleJobs }, {
    logger: false, modules: modules.some((m) => m.name === complaintsStatsModule.name) ? modules : [...modules, complaintsStatsModule],
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const port = (app.server.address() as { port: number }).port;
  const get = async (path: string) => {
    const r = await fetch(`http://127.0.0.1:${port}${path}`, { headers: { cookie: `kompas_session=${token}` } });
    const body = Buffer.from(await r.arrayBuffer());
    if (r.status !== 200) throw new Error(`${path}: ${r.status} ${body.toString().slice(0, 300)}`);
    return body;
  };
  const today = new Date().toISOString().slice(0, 10);
  const pick = (i: number) => ({ org: zones[(i * 37) % zones.length].id, year: FIRST_YEAR + ((i * 7) % YEARS) });

  // Warm-up: both paths, the same zones and years as measured.
  for (let i = 0; i < 20; i++) {
    const { org, year } = pick(i);
    await get(`/api/orgs/${org}/complaints/stats/${year}`);
    await c.query(PLAIN_SQL, [org, year, today]);
  }
  const app_ms: number[] = [];
  const sql_ms: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const { org, year } = pick(i);
    t0 = performance.now();
    await get(`/api/orgs/${org}/complaints/stats/${year}`);
    app_ms.push(performance.now() - t0);
    t0 = performance.now();
    await c.query(PLAIN_SQL, [org, year, today]);
    sql_ms.push(performance.now() - t0);
  }
  app_ms.sort((a, b) => a - b);
  sql_ms.sort((a, b) => a - b);

  const largest = zones[0].id;
  const report: Record<string, number[]> = { docx: [], pdf: [] };
  for (const format of ['docx', 'pdf'] as const) {
    await get(`/api/orgs/${largest}/complaints/yearly-report/${FIRST_YEAR + YEARS - 1}/report.${format}`);
    for (let i = 0; i < REPORTS; i++) {
      t0 = performance.now();
      await get(`/api/orgs/${largest}/complaints/yearly-report/${FIRST_YEAR + YEARS - 1}/report.${format}`);
      report[format].push(performance.now() - t0);
    }
    report[format].sort((a, b) => a - b);
  }

  const p = (xs: number[], q: number) => fmt(percentile(xs, q), 1);
  console.log(`complaints bench on ${db.where}: ${ZONES} zones × ${YEARS} years, ${fmt(volume.complaints)} complaints, ${fmt(volume.people)} staff, ${fmt(volume.staff_named)} staff named; largest zone-year ${volume.largest} complaints; seeded in ${fmt(seedSeconds, 1)} s`);
  console.log(`statistics endpoint (HTTP, signed in, audited), ${REQUESTS} sequential requests over zones and years: p50 ${p(app_ms, 50)} ms, p95 ${p(app_ms, 95)} ms`);
  console.log(`same aggregates, one hand-written SQL query (plain connection):        p50 ${p(sql_ms, 50)} ms, p95 ${p(sql_ms, 95)} ms`);
  console.log(`ratio endpoint / SQL: p50 ${fmt(percentile(app_ms, 50) / percentile(sql_ms, 50), 2)}, p95 ${fmt(percentile(app_ms, 95) / percentile(sql_ms, 95), 2)}`);
  console.log(`yearly report of the largest zone (${zones[0].staff} staff), ${REPORTS} runs: Word median ${p(report.docx, 50)} ms (max ${p(report.docx, 100)}), PDF median ${p(report.pdf, 50)} ms (max ${p(report.pdf, 100)})`);
  await app.close();
  await database.close();
  await c.end();
  await db.drop();
}

main().catch((e: unknown) => { console.error(e); process.exit(1); });
