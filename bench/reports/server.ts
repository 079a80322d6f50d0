/**
 * One server of the reporting benchmark, in its own process (the load generator runs in the
 * parent). `tsx bench/reports/server.ts <app|plain> <url>` prints `PORT <n>` once listening on
 * 127.0.0.1.
 * - app: the real Kompas server (buildApp), started by bench/server-lib.ts; no proxy trusted, so the
 *   public throttle sees each connection's own source address.
 * - plain: the baseline, bare Fastify + @fastify/multipart + raw pg on the same paths. It parses
 *   the same multipart form with the same limits and stores the same report in plain text/bytea
 *   (tables bench_plain_*, made by run.ts); see the comments of each route for what it skips.
 */
import { createHash, randomInt, randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import multipart from '@fastify/multipart';
import pg from 'pg';
import { LIMITS } from '../../src/server/modules/reporting/contract.js';
import { APP_ROLE } from '../../src/server/platform/db/pool.js';
import { listenOnFreePort, serve, startKompas } from '../server-lib.js';
import { CASE_SQL } from './plain.js';

const [mode, url] = process.argv.slice(2);

async function start() {
  if (mode === 'app') return startKompas(url);
  if (mode !== 'plain') throw new Error(`unknown mode ${mode}`);

  const app = Fastify({ logger: false, bodyLimit: 1024 * 1024 });
  await app.register(multipart);
  // Same pool size and database role as the app.
  const pool = new pg.Pool({ connectionString: url, max: 10, options: `-c role=${APP_ROLE}` });
  const orgOf = new Map<string, string>();

  /**
   * Filing: the same multipart form read with the same limits as readMultipartForm (one JSON part,
   * up to 5 files of 10 MB), JSON.parse, a SHA-256 per file, then one transaction: the report row
   * (metadata, the answers as plain JSON text), each file in plain bytea, a "received" history row.
   * It does NOT: validate the JSON against the schema or the questionnaire, check file types or
   * strip image metadata, look up recipients or the escrow key, number the report per year, hash
   * the receipt with Argon2id (a SHA-256 instead), create and seal a record key, encrypt anything,
   * write access rows; no public throttle, CSRF guard or RLS policy (plain tables).
   */
  app.post<{ Params: { orgCode: string } }>('/api/public/orgs/:orgCode/reporting/reports', async (req, reply) => {
    let raw: string | undefined;
    const files: { filename: string; mimetype: string; data: Buffer }[] = [];
    const parts = req.parts({ limits: { fileSize: LIMITS.fileBytes, files: LIMITS.files, fields: 2, parts: LIMITS.files + 2, fieldSize: LIMITS.jsonPart, fieldNameSize: 100 } });
    for await (const part of parts) {
      if (part.type === 'file') files.push({ filename: part.filename, mimetype: part.mimetype, data: await part.toBuffer() });
      else raw = String(part.value);
    }
    const body = JSON.parse(raw ?? '{}') as { identityMode: string; name?: string; contact?: string; category?: string; answers: Record<string, string> };
    let orgId = orgOf.get(req.params.orgCode);
    const c = await pool.connect();
    try {
      if (!orgId) {
        orgId = (await c.query<{ id: string }>('SELECT id FROM organisation WHERE code = $1', [req.params.orgCode])).rows[0].id;
        orgOf.set(req.params.orgCode, orgId);
      }
      const receipt = Array.from({ length: 16 }, () => randomInt(10)).join('');
      const id = randomUUID();
      await c.query('BEGIN');
      await c.query(`SELECT set_config('kompas.org_id', $1, true)`, [orgId]);
      const { rows: [r] } = await c.query<{ reference: string }>(`
        INSERT INTO bench_plain_report (id, organisation_id, reference, identity_mode, filed_via, category, status, received_on, receipt_hash, content)
        VALUES ($1, $2, 'MEL-' || nextval('bench_plain_reference'), $3, 'portal', $4, 'received', current_date, $5, $6) RETURNING reference`,
        [id, orgId, body.identityMode, body.category ?? null, createHash('sha256').update(receipt).digest('hex'),
          JSON.stringify({ name: body.name ?? null, contact: body.contact ?? null, answers: body.answers })]);
      for (const [i, f] of files.entries()) {
        await c.query(`
          INSERT INTO bench_plain_file (id, organisation_id, report_id, seq, added_by, name, media_type, size, sha256, content, added_on)
          VALUES ($1, $2, $3, $4, 'reporter', $5, $6, $7, $8, $9, current_date)`,
          [randomUUID(), orgId, id, i + 1, f.filename, f.mimetype, f.data.length, createHash('sha256').update(f.data).digest('hex'), f.data]);
      }
      await c.query(`INSERT INTO bench_plain_event (id, organisation_id, report_id, seq, kind, occurred_on, details) VALUES ($1, $2, $3, 1, 'received', current_date, $4)`,
        [randomUUID(), orgId, id, JSON.stringify({ filedVia: 'portal' })]);
      await c.query('COMMIT');
      return reply.status(201).send({ reference: r.reference, receipt });
    } catch (err) {
      await c.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      c.release();
    }
  });

  /**
   * Opening a case: the same rows as the case view (CASE_SQL: report, messages, files' metadata)
   * in one org-scoped transaction with an audit insert, sent as JSON. It does NOT: resolve a
   * session, check roles or the key grant, open the record key, decrypt anything, build the view
   * (answers, history, names, permissions) or mark messages read.
   */
  app.get<{ Params: { orgId: string; reportId: string } }>('/api/orgs/:orgId/reporting/reports/:reportId', async (req) => {
    const c = await pool.connect();
    try {
      await c.query('BEGIN');
      await c.query(`SELECT set_config('kompas.org_id', $1, true)`, [req.params.orgId]);
      const { rows: [row] } = await c.query(CASE_SQL, [req.params.orgId, req.params.reportId]);
      await c.query(`
        INSERT INTO audit_event (organisation_id, chain_key, chain_seq, actor_user_id, action, record_type, record_id, ip, details, prev_hash, hash)
        VALUES ($1, '00000000-0000-0000-0000-000000000000', 0, NULL, 'reporting.report_read', 'report', $2, NULL, $3::jsonb, '\\x', '\\x')`,
        [req.params.orgId, req.params.reportId, JSON.stringify({ messages: row.messages?.length ?? 0, files: row.files?.length ?? 0 })]);
      await c.query('COMMIT');
      return row;
    } catch (err) {
      await c.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      c.release();
    }
  });
  return listenOnFreePort(app);
}

serve(start);
