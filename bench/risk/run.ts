/**
 * Risk register benchmark (issue 21): `tsx bench/risk/run.ts [--requests 200] [--users 10] [--files 5]`.
 * On a fresh database, one police zone with an inventory of 200 processes and functions (owners from
 * 60 staff, one in eight past its review date) and 10 completed workshop analyses of all 200, half a
 * year apart (4 participants each: 8,000 own scores, 2,000 agreed assessments with the band of the
 * 5 × 5 matrix, about 3,000 controls, a recommendation for every process rated high or very high,
 * a third of them in the policy plan as actions, some of those late), all made in SQL from the
 * module's own tables. Then, against the real app server over HTTP, `--users` concurrent clients
 * (each its own session as the integrity officer):
 * (1) `GET /api/orgs/:orgId/risk/register` (every process with its latest agreed assessment, open
 *     and late recommendations, late plan actions, high risks without action, totals);
 * (2) `GET /api/orgs/:orgId/risk/heatmap` (the latest completed analysis on the matrix, processes per cell);
 * (3) `GET /api/orgs/:orgId/risk/register.csv` (the register export), when the server has that route;
 * (4) `GET /api/orgs/:orgId/risk/settings` as the floor: what any request costs (one row, no audit);
 * and `--files` sequential Word and PDF register exports.
 * Latency p50/p95 of each; baseline in the same run: the same aggregate as one hand-written SQL query
 * (rows, order and totals in the database, returned as JSON) on a pool of as many plain connections,
 * same concurrency; the ratio. The export's baseline is the register's query (what the file is made
 * of), so its ratio shows what building and sending the file adds. Never part of npm test.
 */
import pg from 'pg';
import { defaultMatrix } from '../../src/server/modules/risk/scoring.js';
import { hashToken, newToken } from '../../src/server/platform/auth/tokens.js';
import { startKompasApp } from '../server-lib.js';
import { benchDatabase, concurrently, fmt, numberArg, onInterrupt, percentile } from '../lib.js';

const argv = process.argv.slice(2);
const REQUESTS = Math.floor(numberArg(argv, 'requests', 200));
const USERS = Math.floor(numberArg(argv, 'users', 10));
const FILES = Math.floor(numberArg(argv, 'files', 5));
const PROCESSES = 200;
const ANALYSES = 10;
const PARTICIPANTS = 4;
const STAFF = 60;

const BANDS = `ARRAY['low', 'medium', 'high', 'very_high']`;
/** The vulnerability level as scoring.ts derives it (inherent 0–3/4–7/8–11/12–15, one up when aggravating ≥ 6). */
const VULNERABILITY = (inherent: string, aggravating: string) => `(${BANDS})[least(4, 1 + CASE WHEN ${inherent} <= 3 THEN 0 WHEN ${inherent} <= 7 THEN 1 WHEN ${inherent} <= 11 THEN 2 ELSE 3 END
  + CASE WHEN ${aggravating} >= 6 THEN 1 ELSE 0 END)]`;

/** Every table filled in SQL (set-based); random but reproducible (setseed). `$ORG`, `$OFFICER` and `$USERS` are replaced before it runs. */
const SEED = (matrix: string) => `
SELECT setseed(0.21);
INSERT INTO risk_settings (organisation_id, likelihood_levels, impact_levels, matrix) VALUES ('$ORG', 5, 5, '${matrix}'::jsonb);
CREATE TEMP TABLE staff AS
  SELECT gen_random_uuid() AS id, n FROM generate_series(1, ${STAFF}) n;
INSERT INTO person (id, organisation_id, personnel_number, first_name, last_name, staff_category, start_date)
  SELECT id, '$ORG', 'R' || n, 'First' || n, 'Last' || n, CASE WHEN n % 5 = 0 THEN 'calog' ELSE 'operational' END, DATE '2010-01-01' FROM staff;
-- Processes: a latent exposure (0..1, most middling) drives every score of the process.
CREATE TEMP TABLE proc AS
  SELECT gen_random_uuid() AS id, n, (random() + random()) / 2 AS exposure FROM generate_series(1, ${PROCESSES}) n;
INSERT INTO risk_process (id, organisation_id, kind, name, description, owner_person_id, review_date, created_by)
  SELECT p.id, '$ORG', CASE WHEN n % 4 = 0 THEN 'function' ELSE 'process' END, 'Process ' || lpad(n::text, 3, '0'), 'Bench process ' || n,
         (SELECT id FROM staff WHERE staff.n = 1 + (p.n * 7) % ${STAFF}),
         CASE WHEN n % 8 = 0 THEN current_date - 30 ELSE current_date + (n % 365) END, '$OFFICER'
    FROM proc p;
-- Ten analyses of all processes, half a year apart, the last one a month ago.
CREATE TEMP TABLE ana AS
  SELECT gen_random_uuid() AS id, k, now() - ((${ANALYSES} - k) * interval '182 days') - interval '30 days' AS done FROM generate_series(1, ${ANALYSES}) k;
INSERT INTO risk_analysis (id, organisation_id, title, status, moderator_user_id, likelihood_levels, impact_levels, matrix, created_at, started_at, consolidation_started_at, completed_at)
  SELECT id, '$ORG', 'Risk analysis ' || k, 'completed', '$OFFICER', 5, 5, '${matrix}'::jsonb, done - interval '40 days', done - interval '35 days', done - interval '10 days', done FROM ana;
INSERT INTO risk_analysis_process (organisation_id, analysis_id, process_id) SELECT '$ORG', a.id, p.id FROM ana a, proc p;
INSERT INTO risk_participant (organisation_id, analysis_id, user_id) SELECT '$ORG', a.id, u FROM ana a, unnest('$USERS'::uuid[]) u;
-- The agreed assessment: factors and levels from the exposure, a little lower with each analysis.
CREATE TEMP TABLE agr AS
  SELECT a.id AS analysis_id, p.id AS process_id, f.*, greatest(1, least(5, round(0.7 + 4.6 * x.e + random() - 0.5)))::int AS likelihood,
         greatest(1, least(5, round(0.7 + 4.6 * (0.7 * x.e + 0.3 * random()))))::int AS impact
    FROM ana a, proc p,
         LATERAL (SELECT greatest(0, least(1, p.exposure + 0.01 * (${ANALYSES} - a.k) + 0.15 * (random() - 0.5))) AS e) x,
         LATERAL (SELECT least(3, floor(x.e * 3.5 + random() * 0.8))::int AS money, least(3, floor(x.e * 3 + random()))::int AS goods,
                         least(3, floor(x.e * 3.5 + random() * 0.6))::int AS information, least(3, floor(x.e * 4 * random()))::int AS power,
                         least(3, floor(x.e * 3 + random() * 0.5))::int AS external, least(3, floor(x.e * 3 + random() * 0.7))::int AS supervision,
                         least(3, floor(random() * 2.5))::int AS combined_duties, least(3, floor(x.e * 2 + random()))::int AS pressure,
                         least(3, floor(x.e * 3 * random() + 0.5))::int AS rotation) f;
INSERT INTO risk_agreement (organisation_id, analysis_id, process_id, inherent, aggravating, likelihood, impact, risk_score, band, vulnerability, comment, reason, decided_by, updated_at)
  SELECT '$ORG', g.analysis_id, g.process_id,
         jsonb_build_object('money', money, 'goods', goods, 'information', information, 'power', power, 'external', external),
         jsonb_build_object('supervision', supervision, 'combined_duties', combined_duties, 'pressure', pressure, 'rotation', rotation),
         likelihood, impact, likelihood * impact, '${matrix}'::jsonb -> (likelihood - 1) ->> (impact - 1),
         ${VULNERABILITY('(money + goods + information + power + external)', '(supervision + combined_duties + pressure + rotation)')},
         '', CASE WHEN random() < 0.2 THEN 'Participants disagreed; the moderator weighed the controls.' ELSE '' END, '$OFFICER', a.done - interval '12 days'
    FROM agr g JOIN ana a ON a.id = g.analysis_id;
-- Each participant's own score: the agreed one give or take a level.
INSERT INTO risk_score (organisation_id, analysis_id, process_id, participant_user_id, inherent, aggravating, likelihood, impact, comment, updated_at)
  SELECT '$ORG', g.analysis_id, g.process_id, u,
         jsonb_build_object('money', greatest(0, least(3, money + floor(random() * 3)::int - 1)), 'goods', goods, 'information', information, 'power', power, 'external', external),
         jsonb_build_object('supervision', supervision, 'combined_duties', combined_duties, 'pressure', pressure, 'rotation', greatest(0, least(3, rotation + floor(random() * 3)::int - 1))),
         greatest(1, least(5, likelihood + floor(random() * 3)::int - 1)), greatest(1, least(5, impact + floor(random() * 3)::int - 1)), '', a.done - interval '20 days'
    FROM agr g JOIN ana a ON a.id = g.analysis_id, unnest('$USERS'::uuid[]) u;
INSERT INTO risk_control (organisation_id, analysis_id, process_id, description, type, effectiveness)
  SELECT '$ORG', g.analysis_id, g.process_id, 'Control ' || c || ' of the process', (ARRAY['preventive', 'detective', 'reactive'])[1 + floor(random() * 3)::int],
         (ARRAY['effective', 'partly', 'ineffective', 'unknown'])[1 + floor(random() * 4)::int]
    FROM agr g, generate_series(1, 1 + floor(random() * 2.05 + 0 * g.likelihood)::int) c;
-- A recommendation for every process rated high or very high (and a few medium ones); older ones mostly done.
CREATE TEMP TABLE rec AS
  SELECT gen_random_uuid() AS id, a.analysis_id, a.process_id, an.k, an.done, row_number() OVER () AS n
    FROM risk_agreement a JOIN ana an ON an.id = a.analysis_id
   WHERE a.organisation_id = '$ORG' AND (a.band IN ('high', 'very_high') OR (a.band = 'medium' AND random() < 0.1));
INSERT INTO plan (id, organisation_id, lineage_id, title, period_from, period_to, language, status)
  VALUES ('$PLAN', '$ORG', gen_random_uuid(), 'Integrity policy plan', 2025, 2030, 'nl', 'draft');
INSERT INTO plan_objective (id, organisation_id, plan_id, code, title) VALUES ('$OBJECTIVE', '$ORG', '$PLAN', 'SD 1', 'Integrity risks under control');
CREATE TEMP TABLE act AS
  SELECT r.id AS rec_id, gen_random_uuid() AS id, r.n, r.done FROM rec r WHERE r.n % 3 = 0;
INSERT INTO plan_action (id, organisation_id, plan_id, objective_id, code, title, status, progress, due_date)
  SELECT id, '$ORG', '$PLAN', '$OBJECTIVE', 'A ' || n, 'Action from recommendation ' || n,
         (ARRAY['planned', 'in_progress', 'done'])[1 + n % 3], (n * 13) % 100, (done + interval '180 days')::date FROM act;
INSERT INTO risk_recommendation (id, organisation_id, analysis_id, process_id, text, owner_person_id, due_date, status, plan_kind, plan_id, plan_objective_id, plan_action_id, linked_at, created_by, created_at)
  SELECT r.id, '$ORG', r.analysis_id, r.process_id, 'Recommendation ' || r.n || ': separate the duties and review the process.',
         (SELECT id FROM staff WHERE staff.n = 1 + (r.n * 11) % ${STAFF}), (r.done + interval '120 days')::date,
         CASE WHEN r.k < ${ANALYSES - 2} THEN (ARRAY['done', 'done', 'dropped', 'in_progress'])[1 + r.n % 4] ELSE (ARRAY['open', 'in_progress', 'open'])[1 + r.n % 3] END,
         CASE WHEN x.id IS NOT NULL THEN 'action' END, CASE WHEN x.id IS NOT NULL THEN '$PLAN'::uuid END, CASE WHEN x.id IS NOT NULL THEN '$OBJECTIVE'::uuid END, x.id,
         CASE WHEN x.id IS NOT NULL THEN r.done END, '$OFFICER', r.done - interval '5 days'
    FROM rec r LEFT JOIN act x ON x.rec_id = r.id;
ANALYZE;
`;

/** The register as one query ($1 organisation): rows in the screen's order and the totals, as JSON. */
const REGISTER_SQL = `
WITH latest AS (
  SELECT DISTINCT ON (a.process_id) a.process_id, m.id AS analysis_id, m.title AS analysis_title, m.completed_at, a.likelihood, a.impact, a.risk_score, a.band, a.vulnerability
    FROM risk_agreement a JOIN risk_analysis m ON m.id = a.analysis_id
   WHERE a.organisation_id = $1 AND m.status = 'completed'
   ORDER BY a.process_id, m.completed_at DESC, m.id),
rec AS (
  SELECT r.process_id,
         count(*) FILTER (WHERE r.status IN ('open', 'in_progress')) AS open,
         count(*) FILTER (WHERE r.status IN ('open', 'in_progress') AND r.due_date < current_date) AS late,
         count(*) FILTER (WHERE r.status <> 'dropped' AND r.plan_kind = 'action' AND pa.status IN ('planned', 'in_progress') AND pa.due_date < current_date) AS late_actions,
         array_agg(r.analysis_id) FILTER (WHERE r.plan_kind IS NOT NULL AND r.status <> 'dropped') AS linked
    FROM risk_recommendation r LEFT JOIN plan_action pa ON pa.id = r.plan_action_id
   WHERE r.organisation_id = $1 GROUP BY 1),
reg AS (
  SELECT p.id, p.kind, p.name, p.description, p.catalogue_code, p.owner_person_id, o.first_name || ' ' || o.last_name AS owner_name,
         p.review_date, coalesce(p.review_date < current_date, false) AS review_overdue, p.revision,
         l.analysis_id, l.analysis_title, l.completed_at, l.likelihood, l.impact, l.risk_score, l.band, l.vulnerability,
         coalesce(rec.open, 0) AS open, coalesce(rec.late, 0) AS late, coalesce(rec.late_actions, 0) AS late_actions,
         (l.band IN ('high', 'very_high') AND NOT coalesce(l.analysis_id = ANY(rec.linked), false)) AS high_without,
         CASE WHEN l.band IS NULL THEN -1 ELSE array_position(${BANDS}, l.band) * 100 + l.risk_score END AS rank
    FROM risk_process p LEFT JOIN person o ON o.id = p.owner_person_id
    LEFT JOIN latest l ON l.process_id = p.id LEFT JOIN rec ON rec.process_id = p.id
   WHERE p.organisation_id = $1 AND NOT p.archived)
SELECT json_build_object(
  'rows', (SELECT json_agg(reg ORDER BY rank DESC, lower(name)) FROM reg),
  'totals', (SELECT json_build_object('processes', count(*), 'analysed', count(band), 'low', count(*) FILTER (WHERE band = 'low'),
               'medium', count(*) FILTER (WHERE band = 'medium'), 'high', count(*) FILTER (WHERE band = 'high'), 'very_high', count(*) FILTER (WHERE band = 'very_high'),
               'reviewsOverdue', count(*) FILTER (WHERE review_overdue), 'highRiskWithoutAction', count(*) FILTER (WHERE high_without),
               'lateRecommendations', sum(late), 'lateActions', sum(late_actions)) FROM reg)) AS register`;

/** The heat map of the latest completed analysis as one query ($1 organisation): its summary, participants and every cell with its processes. */
const HEATMAP_SQL = `
WITH m AS (
  SELECT m.*, u.display_name AS moderator_name FROM risk_analysis m LEFT JOIN app_user u ON u.id = m.moderator_user_id
   WHERE m.organisation_id = $1 AND m.status = 'completed' ORDER BY m.completed_at DESC, m.id LIMIT 1),
agg AS (
  SELECT a.likelihood AS l, a.impact AS i, count(*) AS n,
         json_agg(json_build_object('id', p.id, 'kind', p.kind, 'name', p.name, 'catalogueCode', p.catalogue_code) ORDER BY lower(p.name), p.id) AS processes
    FROM m JOIN risk_agreement a ON a.organisation_id = m.organisation_id AND a.analysis_id = m.id JOIN risk_process p ON p.id = a.process_id
   GROUP BY 1, 2),
cell AS (
  SELECT l.l, i.i, m.matrix -> (l.l - 1) ->> (i.i - 1) AS band, coalesce(agg.n, 0) AS n, coalesce(agg.processes, '[]') AS processes
    FROM m CROSS JOIN generate_series(1, m.likelihood_levels) l(l) CROSS JOIN generate_series(1, m.impact_levels) i(i)
    LEFT JOIN agg ON agg.l = l.l AND agg.i = i.i)
SELECT (SELECT row_to_json(m) FROM m) AS analysis,
       (SELECT count(*) FROM risk_analysis_process s, m WHERE s.analysis_id = m.id) AS process_count,
       (SELECT count(*) FROM risk_agreement a, m WHERE a.analysis_id = m.id) AS agreed_count,
       (SELECT json_agg(json_build_object('userId', x.user_id, 'displayName', u.display_name,
               'scored', (SELECT count(*) FROM risk_score s WHERE s.analysis_id = x.analysis_id AND s.participant_user_id = x.user_id)) ORDER BY u.display_name)
          FROM m JOIN risk_participant x ON x.analysis_id = m.id JOIN app_user u ON u.id = x.user_id) AS participants,
       (SELECT json_agg(cell ORDER BY l, i) FROM cell) AS cells`;

async function main() {
  const db = await benchDatabase();
  onInterrupt(db.drop);
  const c = new pg.Client({ connectionString: db.url });
  await c.connect();

  const { rows: [org] } = await c.query<{ id: string }>(`INSERT INTO organisation (kind, code, names, languages) VALUES ('local_police_zone', 'PZ-RISK', '{"nl":"Bench risk zone"}', '{nl,fr}') RETURNING id`);
  const user = async (email: string, name: string, role: string) => {
    const { rows: [u] } = await c.query<{ id: string }>(`INSERT INTO app_user (email, display_name, locale, totp_secret, totp_enabled_at) VALUES ($1, $2, 'nl', 'BENCHSECRET', now()) RETURNING id`, [email, name]);
    await c.query(`INSERT INTO role_assignment (organisation_id, user_id, role, valid_from) VALUES ($1, $2, $3, current_date - 1)`, [org.id, u.id, role]);
    await c.query(`INSERT INTO organisation_member (organisation_id, user_id, display_name, joined_at) VALUES ($1, $2, $3, now())`, [org.id, u.id, name]);
    return u.id;
  };
  const officer = await user('officer@bench.kompas', 'Integrity officer', 'integrity_officer');
  const participants: string[] = [];
  for (let i = 1; i <= PARTICIPANTS; i++) participants.push(await user(`participant${i}@bench.kompas`, `Participant ${i}`, 'staff'));
  const { rows: [ids] } = await c.query<{ plan: string; objective: string }>(`SELECT gen_random_uuid() AS plan, gen_random_uuid() AS objective`);

  const t0 = performance.now();
  await c.query(SEED(JSON.stringify(defaultMatrix(5, 5)))
    .replaceAll('$ORG', org.id).replaceAll('$OFFICER', officer).replaceAll('$USERS', `{${participants.join(',')}}`)
    .replaceAll('$PLAN', ids.plan).replaceAll('$OBJECTIVE', ids.objective));
  const seedSeconds = (performance.now() - t0) / 1000;
  const { rows: [volume] } = await c.query<Record<string, number>>(`
    SELECT (SELECT count(*)::int FROM risk_process) AS processes, (SELECT count(*)::int FROM risk_analysis) AS analyses,
           (SELECT count(*)::int FROM risk_score) AS scores, (SELECT count(*)::int FROM risk_agreement) AS agreements,
           (SELECT count(*)::int FROM risk_control) AS controls, (SELECT count(*)::int FROM risk_recommendation) AS recommendations,
           (SELECT count(*)::int FROM risk_recommendation WHERE plan_action_id IS NOT NULL) AS linked`);

  const tokens: string[] = [];
  for (let i = 0; i < USERS; i++) {
    const token = newToken();
    await c.query(`INSERT INTO user_session (token_hash, user_id, mfa_verified) VALUES ($1, $2, true)`, [hashToken(token), officer]);
    tokens.push(token);
  }

  // The real server in this process (bench/server-lib.ts): no demo, no jobs, logging off.
  const { port, close } = await startKompasApp(db.url);
  const fetchPath = async (path: string, token: string) => {
    const r = await fetch(`http://127.0.0.1:${port}${path}`, { headers: { cookie: `kompas_session=${token}` } });
    return { status: r.status, body: Buffer.from(await r.arrayBuffer()) };
  };
  const get = async (path: string, token: string) => {
    const r = await fetchPath(path, token);
    if (r.status !== 200) throw new Error(`${path}: ${r.status} ${r.body.toString('utf8').slice(0, 300)}`);
    return r.body;
  };
  const plain = new pg.Pool({ connectionString: db.url, max: USERS });
  const base = `/api/orgs/${org.id}/risk`;

  // The endpoint and the query agree before anything is timed.
  const viaApp = JSON.parse((await get(`${base}/register`, tokens[0])).toString('utf8')) as { rows: { process: { id: string } }[]; totals: Record<string, unknown> };
  const viaSql = (await plain.query<{ register: { rows: { id: string }[]; totals: Record<string, number> } }>(REGISTER_SQL, [org.id])).rows[0].register;
  const same = viaApp.rows.length === viaSql.rows.length && viaApp.rows.every((r, i) => r.process.id === viaSql.rows[i].id)
    && JSON.stringify(viaApp.totals) === JSON.stringify({
      processes: viaSql.totals.processes, analysed: viaSql.totals.analysed,
      byBand: { low: viaSql.totals.low, medium: viaSql.totals.medium, high: viaSql.totals.high, very_high: viaSql.totals.very_high },
      reviewsOverdue: viaSql.totals.reviewsOverdue, highRiskWithoutAction: viaSql.totals.highRiskWithoutAction,
      lateRecommendations: viaSql.totals.lateRecommendations, lateActions: viaSql.totals.lateActions,
    });
  if (!same) throw new Error(`register endpoint and query differ: ${JSON.stringify(viaApp.totals)} against ${JSON.stringify(viaSql.totals)}`);
  const heatApp = JSON.parse((await get(`${base}/heatmap`, tokens[0])).toString('utf8')) as { cells: { count: number }[] };
  const heatSql = (await plain.query<{ cells: { n: number }[] }>(HEATMAP_SQL, [org.id])).rows[0];
  if (heatApp.cells.map((x) => x.count).join() !== heatSql.cells.map((x) => x.n).join()) throw new Error('heat map endpoint and query differ');
  const hasExport = (await fetchPath(`${base}/register.csv`, tokens[0])).status === 200;

  const registerApp = (_: number, w: number) => get(`${base}/register`, tokens[w]);
  const registerSql = () => plain.query(REGISTER_SQL, [org.id]);
  const heatApp2 = (_: number, w: number) => get(`${base}/heatmap`, tokens[w]);
  const heatSql2 = () => plain.query(HEATMAP_SQL, [org.id]);
  const csvApp = (_: number, w: number) => get(`${base}/register.csv`, tokens[w]);
  // The floor: the smallest read of the module (the matrix: one row, no audit), against reading that row.
  const floorApp = (_: number, w: number) => get(`${base}/settings`, tokens[w]);
  const floorSql = () => plain.query(`SELECT likelihood_levels, impact_levels, matrix, revision FROM risk_settings WHERE organisation_id = $1`, [org.id]);

  // Warm-up of every path; then each case measured on its own, app then SQL.
  await concurrently(20, USERS, registerApp);
  await concurrently(20, USERS, registerSql);
  await concurrently(20, USERS, heatApp2);
  await concurrently(20, USERS, heatSql2);
  if (hasExport) await concurrently(10, USERS, csvApp);
  await concurrently(20, USERS, floorApp);
  const results: Record<string, { app: { ms: number[]; seconds: number }; sql: { ms: number[]; seconds: number } }> = {
    register: { app: await concurrently(REQUESTS, USERS, registerApp), sql: await concurrently(REQUESTS, USERS, registerSql) },
    heatmap: { app: await concurrently(REQUESTS, USERS, heatApp2), sql: await concurrently(REQUESTS, USERS, heatSql2) },
  };
  if (hasExport) results['register.csv'] = { app: await concurrently(REQUESTS, USERS, csvApp), sql: await concurrently(REQUESTS, USERS, registerSql) };
  results['floor'] = { app: await concurrently(REQUESTS, USERS, floorApp), sql: await concurrently(REQUESTS, USERS, floorSql) };

  // The Word and PDF files one at a time (rendering dominates; one warm-up each).
  const documents: Record<string, { ms: number[]; bytes: number }> = {};
  if (hasExport) {
    for (const format of ['docx', 'pdf']) {
      const r = await fetchPath(`${base}/register.${format}`, tokens[0]);
      if (r.status !== 200) { console.log(`register.${format}: ${r.status} ${r.body.toString('utf8').slice(0, 200)}`); continue; }
      const ms: number[] = [];
      let bytes = 0;
      for (let i = 0; i < FILES; i++) {
        const s = performance.now();
        bytes = (await get(`${base}/register.${format}`, tokens[0])).length;
        ms.push(performance.now() - s);
      }
      documents[format] = { ms: ms.sort((a, b) => a - b), bytes };
    }
  }

  const p = (xs: number[], q: number) => fmt(percentile(xs, q), 1);
  console.log(`risk register bench on ${db.where}: 1 organisation, ${fmt(volume.processes)} processes × ${volume.analyses} completed analyses, ${fmt(volume.scores)} own scores, `
    + `${fmt(volume.agreements)} agreed assessments, ${fmt(volume.controls)} controls, ${fmt(volume.recommendations)} recommendations (${fmt(volume.linked)} in the plan); seeded in ${fmt(seedSeconds, 1)} s`);
  console.log(`register: ${viaSql.totals.analysed} analysed, bands ${viaSql.totals.low}/${viaSql.totals.medium}/${viaSql.totals.high}/${viaSql.totals.very_high}, `
    + `${viaSql.totals.highRiskWithoutAction} high without action, ${viaSql.totals.lateRecommendations} late recommendations, ${viaSql.totals.lateActions} late actions (endpoint and query agree)`);
  if (!hasExport) console.log('register.csv: the server has no register export route (404): not measured');
  for (const [name, r] of Object.entries(results)) {
    const base = name === 'register.csv' ? 'the register query' : name === 'floor' ? 'its one-row query' : 'one hand-written SQL query';
    console.log(`${name.padEnd(12)} endpoint (HTTP, signed in${name === 'floor' ? ', GET settings' : ', audited'}), ${REQUESTS} requests by ${USERS} concurrent users: p50 ${p(r.app.ms, 50)} ms, p95 ${p(r.app.ms, 95)} ms, ${fmt(REQUESTS / r.app.seconds, 1)}/s`);
    console.log(`${name.padEnd(12)} ${base}, ${USERS} concurrent plain connections: p50 ${p(r.sql.ms, 50)} ms, p95 ${p(r.sql.ms, 95)} ms, ${fmt(REQUESTS / r.sql.seconds, 1)}/s`);
    console.log(`${name.padEnd(12)} ratio endpoint / SQL: p50 ${fmt(percentile(r.app.ms, 50) / percentile(r.sql.ms, 50), 2)}, p95 ${fmt(percentile(r.app.ms, 95) / percentile(r.sql.ms, 95), 2)}`);
  }
  for (const [format, d] of Object.entries(documents)) {
    console.log(`register.${format.padEnd(4)} ${FILES} sequential downloads (${fmt(d.bytes / 1024)} KiB): median ${p(d.ms, 50)} ms, max ${fmt(d.ms[d.ms.length - 1], 1)} ms`);
  }
  await plain.end();
  await close();
  await c.end();
  await db.drop();
}

main().catch((e: unknown) => { console.error(e); process.exit(1); });
