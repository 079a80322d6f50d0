/**
 * One server of the API benchmark, in its own process so it has a core to itself while the
 * load generator runs in the parent. `tsx bench/api/server.ts <app|bare-sql|bare-const> <url> [orgId]`
 * prints `PORT <n>` once listening on 127.0.0.1. With BENCH_TRACE=<file>, every statement the
 * process sends to PostgreSQL once listening is recorded and written to <file> on SIGTERM (run.ts
 * compares both servers' statements per request before it measures, never while it measures).
 */
import fs from 'node:fs';
import Fastify from 'fastify';
import pg from 'pg';
import { hashToken } from '../../src/server/platform/auth/tokens.js';
import { APP_ROLE } from '../../src/server/platform/db/pool.js';
import { listenOnFreePort, startKompas } from '../server-lib.js';

const [mode, url, orgId] = process.argv.slice(2);

export interface TracedStatement { text: string; named: boolean; params: number }

const traceFile = process.env.BENCH_TRACE;
const trace: TracedStatement[] = [];
let tracing = false;
if (traceFile) {
  // Every statement of the process goes through Client#query (pg.Pool and drizzle included).
  const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  (pg.Client.prototype as unknown as { query: unknown }).query = function traced(this: pg.Client, ...args: unknown[]) {
    if (tracing) {
      const a = args[0] as string | { text: string; name?: string; values?: unknown[] };
      const text = (typeof a === 'string' ? a : a.text).replace(/\s+/g, ' ').trim();
      const values = Array.isArray(args[1]) ? args[1] : typeof a === 'object' ? a.values : undefined;
      trace.push({ text, named: typeof a === 'object' && !!a.name, params: values?.length ?? 0 });
    }
    return query.apply(this, args);
  };
}

/*
 * The statements of `GET /api/orgs/:orgId/audit?limit=25` as the app sends them (run.ts checks
 * that the texts are identical, character for character after whitespace): the session lookup
 * (platform/auth/session.ts), then in one transaction the scope (platform/db/tx.ts), the page
 * (modules/audit-trail/repo.ts) and the audit append (platform/audit/service.ts). Named, as the
 * app runs them (platform/db/prepared.ts): each is parsed and planned once per pooled connection.
 */
const SESSION_LOOKUP = {
  name: 'bench_session_lookup',
  text: `SELECT s.id AS session_id, u.id AS user_id, u.email, u.display_name, u.locale, s.mfa_verified,
           u.totp_enabled_at IS NOT NULL AS totp_enabled, u.is_platform_admin,
           s.last_seen_at < now() - interval '1 minute' AS stale,
           coalesce((SELECT json_agg(json_build_object('organisationId', ra.organisation_id, 'role', ra.role))
                       FROM kompas_role_assignments_of(u.id) ra
                      WHERE (ra.withdrawn_at IS NULL AND ra.valid_from <= current_date AND (ra.valid_to IS NULL OR ra.valid_to >= current_date))), '[]') AS grants
      FROM user_session s JOIN app_user u ON u.id = s.user_id
     WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND u.disabled_at IS NULL
       AND s.last_seen_at > now() - make_interval(mins => $2)`,
};
const SESSION_TOUCH = 'UPDATE user_session SET last_seen_at = now() WHERE id = $1';
const ORG_SCOPE = { name: 'bench_org_scope', text: `SELECT set_config('kompas.org_id', $1, true)` };
const AUDIT_PAGE = {
  name: 'bench_audit_page',
  text: `SELECT e.id,
           to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS occurred_at,
           e.actor_user_id::text AS actor_user_id, u.display_name AS actor_display_name,
           e.action, e.record_type, e.record_id, host(e.ip) AS ip, e.details
      FROM audit_event e
      LEFT JOIN app_user u ON u.id = e.actor_user_id
     WHERE e.organisation_id = $1::uuid
     ORDER BY e.occurred_at DESC, e.id DESC
     LIMIT $2`,
};
const AUDIT_APPEND = {
  name: 'bench_audit_append',
  text: `INSERT INTO audit_event (organisation_id, actor_user_id, action, record_type, record_id, ip, details)
    VALUES ($1, $2, $3,
            $4, $5, $6::inet, $7::jsonb)`,
};
const SESSION_IDLE_MINUTES = 30;
const LIMIT = 25;

interface SessionRow { session_id: string; user_id: string; stale: boolean; grants: { organisationId: string; role: string }[] }
interface PageRow {
  id: number; occurred_at: string; actor_user_id: string | null; actor_display_name: string | null; action: string;
  record_type: string | null; record_id: string | null; ip: string | null; details: Record<string, unknown> | null;
}

async function start() {
  if (mode === 'app') {
    return startKompas(url, (config) => {
      if (config.sessionIdleMinutes !== SESSION_IDLE_MINUTES) throw new Error(`bench: the app's session idle time is ${config.sessionIdleMinutes} min, the baseline's ${SESSION_IDLE_MINUTES}`);
    });
  }
  const app = Fastify({ logger: false });
  if (mode === 'bare-const') {
    app.get('/hello', async () => ({ hello: 'world' }));
  } else if (mode === 'bare-sql') {
    // The thinnest code doing the endpoint's database work: the same pool (size, role as a startup
    // parameter), the same statements run the same way (named, same parameters), the same
    // transaction, the same answer's shape; no framework around it beyond a route.
    const pool = new pg.Pool({ connectionString: url, max: 10, application_name: 'kompas-baseline', options: `-c role=${APP_ROLE}`, connectionTimeoutMillis: 10_000 });
    app.get('/audit', async (req, reply) => {
      const token = /(?:^|;\s*)kompas_session=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
      if (!token) return reply.code(401).send({ code: 'unauthenticated' });
      const { rows: [session] } = await pool.query<SessionRow>({ ...SESSION_LOOKUP, values: [hashToken(token), SESSION_IDLE_MINUTES] });
      if (!session) return reply.code(401).send({ code: 'unauthenticated' });
      if (session.stale) await pool.query(SESSION_TOUCH, [session.session_id]);
      if (!session.grants.some((g) => g.organisationId === orgId && (g.role === 'dpo' || g.role === 'auditor'))) return reply.code(403).send({ code: 'forbidden' });
      const c = await pool.connect();
      try {
        await c.query('begin');
        await c.query({ ...ORG_SCOPE, values: [orgId] });
        const { rows } = await c.query<PageRow>({ ...AUDIT_PAGE, values: [orgId, LIMIT + 1] });
        const page = rows.slice(0, LIMIT);
        await c.query({
          ...AUDIT_APPEND,
          values: [orgId, session.user_id, 'audit.read', 'audit_log', null, req.ip,
            JSON.stringify({ filters: [], limit: LIMIT, paged: false, returned: page.length })],
        });
        await c.query('commit');
        const last = page[page.length - 1];
        return {
          items: page.map((r) => ({
            id: r.id, occurredAt: r.occurred_at, actor: r.actor_user_id ? { id: r.actor_user_id, displayName: r.actor_display_name } : null,
            action: r.action, recordType: r.record_type, recordId: r.record_id, ip: r.ip, details: r.details ?? {},
          })),
          nextCursor: rows.length > LIMIT && last ? Buffer.from(`${last.occurred_at}|${last.id}`, 'utf8').toString('base64url') : null,
        };
      } catch (err) {
        await c.query('rollback').catch(() => {});
        throw err;
      } finally {
        c.release();
      }
    });
  } else {
    throw new Error(`unknown mode ${mode}`);
  }
  return listenOnFreePort(app);
}

start().then((port) => {
  tracing = true;
  console.log(`PORT ${port}`);
}, (err) => { console.error(err); process.exit(1); });
process.on('SIGTERM', () => {
  if (traceFile) fs.writeFileSync(traceFile, JSON.stringify(trace));
  process.exit(0);
});
