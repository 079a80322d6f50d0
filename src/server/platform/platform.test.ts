import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import { sql } from 'drizzle-orm';
import { createTestApp, ownerQuery, createOrganisation, anonymous, type TestApp } from '../../test/app.js';
import { policy, registerPolicyEnforcement, MissingPolicyError } from './authz/route-policy.js';
import { recordAudit } from './audit/service.js';
import { verifyAuditChain } from './audit/verify.js';
import { withOrgTx, withSystemTx } from './db/tx.js';
import pg from 'pg';

let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t.close(); });

describe('routes', () => {
  it('every registered route declares a policy (deny by default)', async () => {
    expect(t.app.routePolicies.length).toBeGreaterThan(3);
    for (const r of t.app.routePolicies) expect(r.policy.name, `${r.method} ${r.url}`).toMatch(/\S/);
    const bare = Fastify({ logger: false });
    registerPolicyEnforcement(bare);
    expect(() => bare.get('/x', async () => 'x')).toThrow(MissingPolicyError);
  });

  it('refuses an anonymous caller with 401 and a caller without the role with 403', async () => {
    const app = Fastify({ logger: false });
    app.decorateRequest('actor', null);
    app.addHook('onRequest', async (req) => {
      if (req.headers['x-user']) req.actor = { userId: 'u', sessionId: 's', email: 'e', displayName: 'd', locale: 'en', mfaVerified: true, totpEnabled: true, isPlatformAdmin: false, grants: [{ organisationId: 'o1', role: 'staff_member' }] };
    });
    registerPolicyEnforcement(app);
    app.get('/orgs/:orgId/x', { config: { policy: policy.roles('administrator') } }, async () => 'ok');
    app.get('/orgs/:orgId/y', { config: { policy: policy.member() } }, async () => 'ok');
    await app.ready();
    expect((await app.inject({ method: 'GET', url: '/orgs/o1/x' })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/orgs/o1/x', headers: { 'x-user': '1' } })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/orgs/o1/y', headers: { 'x-user': '1' } })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/orgs/o2/y', headers: { 'x-user': '1' } })).statusCode).toBe(403);
    await app.close();
  });

  it('health reports database and migrations', async () => {
    const r = await anonymous(t).get('/api/health');
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ status: 'ok', database: { reachable: true, migrations: { upToDate: true } } });
  });

  it('unknown API routes answer a translated 404', async () => {
    const r = await anonymous(t).get('/api/nope', { 'accept-language': 'fr-BE,fr;q=0.9' });
    expect(r.statusCode).toBe(404);
    expect(r.json()).toEqual({ code: 'route_not_found', message: "Cette adresse n'existe pas." });
  });

  it('sets security headers', async () => {
    const r = await anonymous(t).get('/api/health');
    expect(r.headers['content-security-policy']).toContain("default-src 'self'");
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['x-frame-options']).toBe('SAMEORIGIN');
  });

  it('publishes OpenAPI at /api/docs', async () => {
    const r = await anonymous(t).get('/api/docs/json');
    expect(r.statusCode).toBe(200);
    expect(Object.keys(r.json().paths)).toContain('/api/health');
  });

  it('refuses a mutating request without CSRF token', async () => {
    const r = await t.app.inject({ method: 'POST', url: '/api/nope', payload: {} });
    expect(r.statusCode).toBe(403);
    expect(r.json().code).toBe('csrf_invalid');
  });
});

describe('audit log', () => {
  it('chains events per organisation and verifies intact', async () => {
    const org = await createOrganisation(t);
    await withOrgTx(t.db.db, org, async (tx) => {
      for (let i = 0; i < 5; i++) await recordAudit(tx, { actorUserId: null, ip: '10.0.0.1' }, { organisationId: org, action: 'test.event', recordType: 'thing', recordId: String(i), details: { i } });
    });
    await withSystemTx(t.db.db, (tx) => recordAudit(tx, { actorUserId: null, ip: null }, { organisationId: null, action: 'platform.event' }));
    // Appended unchained; the sequencer (a job every few seconds) chains them.
    expect((await ownerQuery<{ n: number }>(t, `SELECT count(*)::int AS n FROM audit_event WHERE organisation_id = $1 AND chain_seq IS NULL`, [org]))[0].n).toBe(5);
    await ownerQuery(t, `SELECT audit_chain_pending()`);
    const rows = await ownerQuery<{ chain_seq: number }>(t, `SELECT chain_seq FROM audit_event WHERE organisation_id = $1 ORDER BY chain_seq`, [org]);
    expect(rows.map((r) => Number(r.chain_seq))).toEqual([1, 2, 3, 4, 5]);
    const c = new pg.Client({ connectionString: t.db.url });
    await c.connect();
    const v = await verifyAuditChain(c);
    await c.end();
    expect(v.intact).toBe(true);
    expect(v.events).toBeGreaterThanOrEqual(6);
  });

  it('refuses UPDATE and DELETE, even for the table owner', async () => {
    await expect(ownerQuery(t, `UPDATE audit_event SET action = 'x'`)).rejects.toThrow(/append-only/);
    await expect(ownerQuery(t, `DELETE FROM audit_event`)).rejects.toThrow(/append-only/);
    await expect(ownerQuery(t, `TRUNCATE audit_event`)).rejects.toThrow(/append-only/);
  });

  it('names the first tampered row when a superuser edits one behind the triggers', async () => {
    const org = await createOrganisation(t);
    await withOrgTx(t.db.db, org, async (tx) => {
      for (let i = 0; i < 4; i++) await recordAudit(tx, { actorUserId: null, ip: null }, { organisationId: org, action: 'test.tamper', recordId: String(i) });
    });
    await ownerQuery(t, `SELECT audit_chain_pending($1)`, [org]);
    const [target] = await ownerQuery<{ id: string }>(t, `SELECT id FROM audit_event WHERE organisation_id = $1 AND chain_seq = 3`, [org]);
    const c = new pg.Client({ connectionString: t.db.url });
    await c.connect();
    await c.query(`SET session_replication_role = replica`); // disables triggers, as an attacker with superuser could
    await c.query(`UPDATE audit_event SET record_id = 'forged' WHERE id = $1`, [target.id]);
    await c.query(`SET session_replication_role = origin`);
    const v = await verifyAuditChain(c, { chainKey: org });
    await c.end();
    expect(v.intact).toBe(false);
    expect(v.firstBreak).toMatchObject({ chainKey: org, chainSeq: 3, eventId: Number(target.id), reason: 'hash_mismatch' });
  });
});

describe('row-level security', () => {
  it('the application role sees only the organisation its transaction declares', async () => {
    const a = await createOrganisation(t);
    const b = await createOrganisation(t);
    for (const org of [a, b]) {
      await ownerQuery(t, `INSERT INTO person (organisation_id, personnel_number, first_name, last_name, staff_category, start_date) VALUES ($1, 'P1', 'An', 'Peeters', 'operational', '2020-01-01')`, [org]);
    }
    const seen = await withOrgTx(t.db.db, a, (tx) => tx.execute<{ organisation_id: string }>(sql`SELECT organisation_id FROM person`));
    expect(seen.rows.map((r) => r.organisation_id)).toEqual([a]);
    const none = await t.db.db.execute(sql`SELECT count(*)::int AS n FROM person`);
    expect(none.rows[0]).toEqual({ n: 0 });
    await expect(withOrgTx(t.db.db, a, (tx) => tx.execute(sql`INSERT INTO person (organisation_id, personnel_number, first_name, last_name, staff_category, start_date) VALUES (${b}, 'P2', 'X', 'Y', 'calog', '2020-01-01')`))).rejects.toMatchObject({ cause: { message: expect.stringMatching(/row-level security/) } });
  });
});

describe('database connection loss', () => {
  it('survives the server terminating an idle connection, and reconnects', async () => {
    const errors: string[] = [];
    const { createDatabase } = await import('./db/pool.js');
    const database = await createDatabase(t.db.url, { max: 1, onIdleError: (e) => errors.push(e.message) });
    await database.pool.query('SELECT 1');
    await ownerQuery(t, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'kompas' AND pid <> pg_backend_pid() AND state = 'idle'`);
    await new Promise((r) => setTimeout(r, 200));
    expect(errors.length).toBeGreaterThan(0);
    expect((await database.pool.query<{ n: number }>('SELECT 1 AS n')).rows[0].n).toBe(1);
    await database.close();
  });
});

describe('request logging', () => {
  it('logs the path without query string, cookies or client address', async () => {
    const { logRequest } = await import('../app.js');
    const line = logRequest({ id: 'r1', method: 'GET', url: '/api/orgs/x/people?q=Peeters&unit=2', headers: { cookie: 'kompas_session=secret' }, ip: '10.1.2.3' } as never);
    expect(line).toEqual({ id: 'r1', method: 'GET', path: '/api/orgs/x/people' });
    expect(JSON.stringify(line)).not.toMatch(/Peeters|secret|10\.1\.2\.3/);
  });

  it('writes no personal data into the log lines of a real request', async () => {
    const { Writable } = await import('node:stream');
    const lines: string[] = [];
    const stream = new Writable({ write(chunk, _enc, cb) { lines.push(String(chunk)); cb(); } });
    const { buildApp } = await import('../app.js');
    const app = await buildApp({ ...t.deps, config: { ...t.deps.config, logLevel: 'info' } }, { logStream: stream });
    await app.inject({ method: 'GET', url: '/api/health?q=Janssens', headers: { cookie: 'kompas_session=topsecret', 'x-forwarded-for': '10.9.8.7' } });
    await app.close();
    const text = lines.join('\n');
    expect(text).toContain('/api/health');
    expect(text).not.toMatch(/Janssens|topsecret|10\.9\.8\.7|127\.0\.0\.1/);
  });
});
