/**
 * One server of the API benchmark, in its own process so it has a core to itself while the
 * load generator runs in the parent. `tsx bench/api/server.ts <app|bare-sql|bare-const> <url> [orgId]`
 * prints `PORT <n>` once listening on 127.0.0.1.
 */
import Fastify from 'fastify';
import pg from 'pg';
import { buildApp } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/platform/config.js';
import { APP_ROLE, createDatabase } from '../../src/server/platform/db/pool.js';
import { idleJobs } from '../../src/server/platform/jobs/index.js';
import { createMailer } from '../../src/server/platform/mail/index.js';

const [mode, url, orgId] = process.argv.slice(2);

async function start() {
  if (mode === 'app') {
    // BENCH_LOG=error shows server errors while setting a benchmark up; request logging would distort it.
    const logLevel = process.env.BENCH_LOG ?? 'silent';
    const config = loadConfig({ DATABASE_URL: url, KOMPAS_LOG_LEVEL: logLevel, KOMPAS_DEMO: '0', HOST: '127.0.0.1', PORT: '0' } as NodeJS.ProcessEnv);
    const database = await createDatabase(url);
    const app = await buildApp({ config, database, adminUrl: url, mailer: createMailer(database.db, { from: config.mailFrom }), jobs: idleJobs }, { logger: logLevel !== 'silent' });
    await app.listen({ host: '127.0.0.1', port: 0 });
    return (app.server.address() as { port: number }).port;
  }
  const app = Fastify({ logger: false });
  if (mode === 'bare-const') {
    app.get('/hello', async () => ({ hello: 'world' }));
  } else if (mode === 'bare-sql') {
    // The thinnest code doing the endpoint's work: same pool size and role, same transaction,
    // same list query and the same audit insert, no framework around it.
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    pool.on('connect', (c) => { c.query(`SET ROLE ${APP_ROLE}`).catch(() => {}); });
    app.get('/audit', async (req) => {
      const c = await pool.connect();
      try {
        await c.query('BEGIN');
        await c.query(`SELECT set_config('kompas.org_id', $1, true)`, [orgId]);
        const { rows } = await c.query(`
          SELECT e.id, to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS occurred_at,
                 e.actor_user_id::text AS actor_user_id, u.display_name AS actor_display_name,
                 e.action, e.record_type, e.record_id, host(e.ip) AS ip, e.details
            FROM audit_event e LEFT JOIN app_user u ON u.id = e.actor_user_id
           WHERE e.organisation_id = $1::uuid
           ORDER BY e.occurred_at DESC, e.id DESC LIMIT 26`, [orgId]);
        await c.query(`
          INSERT INTO audit_event (organisation_id, chain_key, chain_seq, actor_user_id, action, record_type, record_id, ip, details, prev_hash, hash)
          VALUES ($1, '00000000-0000-0000-0000-000000000000', 0, NULL, 'audit.read', 'audit_log', NULL, $2::inet, $3::jsonb, '\\x', '\\x')`,
          [orgId, req.ip, JSON.stringify({ filters: [], limit: 25, paged: false, returned: Math.min(25, rows.length) })]);
        await c.query('COMMIT');
        return { items: rows.slice(0, 25), nextCursor: null };
      } catch (err) {
        await c.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        c.release();
      }
    });
  } else {
    throw new Error(`unknown mode ${mode}`);
  }
  await app.listen({ host: '127.0.0.1', port: 0 });
  return (app.server.address() as { port: number }).port;
}

start().then((port) => console.log(`PORT ${port}`), (err) => { console.error(err); process.exit(1); });
process.on('SIGTERM', () => process.exit(0));
