/**
 * Policy plan benchmark: `tsx bench/plan/run.ts [--sds 10] [--ods 10] [--actions 10] [--updates 60] [--runs 20]`.
 * Builds one plan of SDs × ODs × actions (default 10 × 10 × 10 = 1,000 actions) with `--updates`
 * progress reports per action (default 60: monthly over 5 years = 60,000 rows), all with
 * generate_series. Then times, in the same process:
 *   - the plan tree through the service (4 queries + the confidential-read audit insert),
 *   - the same through the HTTP route (Fastify inject, session, policy, zod serialisation),
 *   - the baseline: the same rows in one raw SQL statement over pg, in an org-scoped transaction,
 *   - the Word and PDF exports of the whole plan.
 * Runs on a fresh database that it drops at the end. Never part of npm test.
 */
import pg from 'pg';
import { buildApp } from '../../src/server/app.js';
import { hashToken, newToken } from '../../src/server/platform/auth/tokens.js';
import { loadConfig } from '../../src/server/platform/config.js';
import { createDatabase } from '../../src/server/platform/db/pool.js';
import { idleJobs } from '../../src/server/platform/jobs/index.js';
import { createMailer } from '../../src/server/platform/mail/index.js';
import { makePlanService } from '../../src/server/modules/plan/service.js';
import { benchDatabase, fmt, numberArg, onInterrupt, percentile } from '../lib.js';

const argv = process.argv.slice(2);
const SDS = Math.floor(numberArg(argv, 'sds', 10));
const ODS = Math.floor(numberArg(argv, 'ods', 10));
const ACTIONS = Math.floor(numberArg(argv, 'actions', 10));
const UPDATES = Math.floor(numberArg(argv, 'updates', 60));
const RUNS = Math.floor(numberArg(argv, 'runs', 20));

async function time(runs: number, fn: () => Promise<unknown>): Promise<{ median: number; p95: number }> {
  await fn(); // warm-up: plans, JIT, connections
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    xs.push(performance.now() - t0);
  }
  xs.sort((a, b) => a - b);
  return { median: percentile(xs, 50), p95: percentile(xs, 95) };
}

async function seed(url: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const org = (await c.query<{ id: string }>(`INSERT INTO organisation (kind, code, names, languages) VALUES ('local_police_zone', 'BENCH-PLAN', '{"nl":"PZ Bench"}', '{nl}') RETURNING id`)).rows[0].id;
  const user = (await c.query<{ id: string }>(`INSERT INTO app_user (email, display_name, locale) VALUES ('bench-officer@kompas.test', 'Bench Officer', 'nl') RETURNING id`)).rows[0].id;
  await c.query(`INSERT INTO role_assignment (organisation_id, user_id, role, valid_from) VALUES ($1, $2, 'integrity_officer', current_date - 1)`, [org, user]);
  const year = new Date().getUTCFullYear();
  const planId = (await c.query<{ id: string }>(`
    INSERT INTO plan (organisation_id, lineage_id, title, period_from, period_to, language, status, sections)
    VALUES ($1, gen_random_uuid(), 'Integriteitsbeleidsplan (bench)', $2, $2 + 4, 'nl', 'in_force', '{"ambition": "Een integere politiezone."}') RETURNING id`, [org, year - 4])).rows[0].id;
  const t0 = performance.now();
  await c.query(`
    INSERT INTO plan_objective (organisation_id, plan_id, code, title, description, position)
    SELECT $1, $2, 'SD ' || s, 'Strategische doelstelling ' || s, 'Omschrijving van SD ' || s, s FROM generate_series(1, $3) s`, [org, planId, SDS]);
  await c.query(`
    INSERT INTO plan_objective (organisation_id, plan_id, parent_id, code, title, owner_label, position)
    SELECT $1, $2, sd.id, 'OD ' || sd.position || '.' || o, 'Operationele doelstelling ' || sd.position || '.' || o, 'Dienst ' || o, o
      FROM plan_objective sd CROSS JOIN generate_series(1, $3) o WHERE sd.plan_id = $2 AND sd.parent_id IS NULL`, [org, planId, ODS]);
  await c.query(`
    INSERT INTO plan_action (organisation_id, plan_id, objective_id, title, owner_label, start_date, due_date, status, progress, imf_function, nature, means_budget_eur, position)
    SELECT $1, $2, od.id, 'Actie ' || od.code || '/' || a, 'Diensthoofd', make_date($3, 1, 1), make_date($3, 1, 1) + (a * 140),
           (ARRAY['planned','in_progress','done','stopped'])[1 + (a % 4)], (a * 10) % 101,
           (ARRAY['define','guide','monitor','enforce'])[1 + (a % 4)], (ARRAY['stimulating','controlling'])[1 + (a % 2)], a * 100, a
      FROM plan_objective od CROSS JOIN generate_series(1, $4) a WHERE od.plan_id = $2 AND od.parent_id IS NOT NULL`, [org, planId, year - 4, ACTIONS]);
  await c.query(`
    INSERT INTO plan_action_update (organisation_id, plan_id, action_id, at, by, status, progress, note)
    SELECT $1, $2, a.id, make_timestamptz($3, 1, 1, 9, 0, 0, 'UTC') + (u || ' months')::interval, $4, 'in_progress', least(100, u * 2), 'Voortgang maand ' || u
      FROM plan_action a CROSS JOIN generate_series(1, $5) u WHERE a.plan_id = $2`, [org, planId, year - 4, user, UPDATES]);
  await c.query('ANALYZE');
  const seedMs = performance.now() - t0;
  await c.end();
  return { org, user, planId, seedMs };
}

/** The same rows as the tree, in one statement: objectives with their actions, effective status, evidence count, last update. */
const RAW_TREE = `
  SELECT o.id, o.parent_id, o.code, o.title, o.description, o.owner_label, o.position,
         a.id AS action_id, a.title AS action_title, a.owner_label AS action_owner, a.start_date, a.due_date, a.status AS stored_status,
         CASE WHEN a.status IN ('planned', 'in_progress') AND a.due_date < current_date THEN 'late' ELSE a.status END AS status,
         a.progress, a.imf_function, a.nature, a.means_budget_eur::float8, a.notes,
         (SELECT count(*)::int FROM plan_action_evidence e WHERE e.action_id = a.id) AS evidence_count,
         (SELECT max(x.at) FROM plan_action_update x WHERE x.action_id = a.id) AS last_update_at
    FROM plan_objective o LEFT JOIN plan_action a ON a.objective_id = o.id AND a.organisation_id = o.organisation_id
   WHERE o.organisation_id = $1 AND o.plan_id = $2
   ORDER BY o.position, o.code, a.position`;

async function main() {
  const bdb = await benchDatabase();
  onInterrupt(bdb.drop);
  try {
    const { org, user, planId, seedMs } = await seed(bdb.url);
    const database = await createDatabase(bdb.url, { max: 4 });
    const config = loadConfig({ KOMPAS_DATA_DIR: '.tmp', DATABASE_URL: bdb.url, KOMPAS_LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv);
    const mailer = createMailer(database.db, { from: config.mailFrom });
    const svc = makePlanService({ db: database.db, mailer, publicUrl: config.publicUrl });
    const ctx = {
      actor: { userId: user, sessionId: 'bench', email: 'bench-officer@kompas.test', displayName: 'Bench Officer', locale: 'nl' as const, mfaVerified: true, totpEnabled: true, isPlatformAdmin: false, grants: [{ organisationId: org, role: 'integrity_officer' as const }] },
      audit: { actorUserId: user, ip: '127.0.0.1' },
    };
    const app = await buildApp({ config, database, adminUrl: bdb.url, mailer, jobs: idleJobs }, { logger: false });
    await app.ready();
    const token = newToken();
    await database.pool.query(`INSERT INTO user_session (token_hash, user_id, mfa_verified) VALUES ($1, $2, true)`, [hashToken(token), user]);

    const tree = await svc.get(ctx, org, planId);
    console.log(`Plan benchmark on ${bdb.where}: ${tree.counts.strategicObjectives} SDs, ${tree.counts.operationalObjectives} ODs, ${tree.counts.actions} actions, ${fmt(tree.counts.actions * UPDATES)} progress updates (seeded in ${fmt(seedMs)} ms); ${RUNS} runs each, median (p95)\n`);

    const raw = new pg.Client({ connectionString: bdb.url });
    await raw.connect();
    await raw.query(`SET ROLE kompas_app`).catch(() => {});
    let rawRows = 0;
    const baseline = await time(RUNS, async () => {
      await raw.query('BEGIN');
      await raw.query(`SELECT set_config('kompas.org_id', $1, true)`, [org]);
      rawRows = (await raw.query(RAW_TREE, [org, planId])).rowCount ?? 0;
      await raw.query('COMMIT');
    });
    const service = await time(RUNS, () => svc.get(ctx, org, planId));
    let bytes = 0;
    const http = await time(RUNS, async () => {
      const r = await app.inject({ method: 'GET', url: `/api/orgs/${org}/plans/${planId}`, cookies: { kompas_session: token } });
      if (r.statusCode !== 200) throw new Error(`HTTP ${r.statusCode}: ${r.body.slice(0, 200)}`);
      bytes = r.rawPayload.length;
    });
    const exportRuns = Math.max(3, Math.floor(RUNS / 4));
    let docxBytes = 0;
    let pdfBytes = 0;
    const docx = await time(exportRuns, async () => { docxBytes = (await svc.exportPlan(ctx, org, planId, 'docx')).body.length; });
    const pdf = await time(exportRuns, async () => { pdfBytes = (await svc.exportPlan(ctx, org, planId, 'pdf')).body.length; });

    const line = (label: string, r: { median: number; p95: number }, extra = '') =>
      console.log(`${label.padEnd(44)} ${fmt(r.median, 1).padStart(9)} ms (${fmt(r.p95, 1)})  ${(r.median / baseline.median).toFixed(1).padStart(6)}× baseline${extra}`);
    line('baseline: one raw SQL query (same rows)', baseline, `  [${fmt(rawRows)} rows]`);
    line('tree through the service', service);
    line('tree through GET /api/orgs/:orgId/plans/:id', http, `  [${fmt(bytes / 1024)} kB JSON]`);
    line('Word export (.docx)', docx, `  [${fmt(docxBytes / 1024)} kB, ${exportRuns} runs]`);
    line('PDF export (.pdf)', pdf, `  [${fmt(pdfBytes / 1024)} kB, ${exportRuns} runs]`);
    console.log(`\nservice / baseline ${(service.median / baseline.median).toFixed(2)}; HTTP / service ${(http.median / service.median).toFixed(2)}`);

    await raw.end();
    await app.close();
    await database.close();
  } finally {
    await bdb.drop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
