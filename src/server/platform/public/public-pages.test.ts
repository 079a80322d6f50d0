import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance, InjectOptions } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { modules as realModules } from '../../modules/index.js';
import type { ServerModule } from '../module.js';
import { auditContext } from '../http/context.js';
import { recordAudit } from '../audit/service.js';
import { withOrgTx } from '../db/tx.js';
import { policy } from '../authz/route-policy.js';
import { createOrganisation, createTestApp, createUser, ownerQuery, sessionFor, type TestApp } from '../../../test/app.js';
import { publicOrgOf, PUBLIC_READ_LIMIT } from './family.js';
import { PUBLIC_PAGE_CSP, PUBLIC_PAGE_LIMIT } from './pages.js';
import { AddressThrottle } from './throttle.js';
import type { PublicRoutesOptions } from './types.js';

/**
 * Public pages (decision 0013): /api/public/orgs/:orgCode/... and the HTML of /p/...
 * No cookie set, no session resolved, no address stored or logged, throttled, strict CSP.
 */

const IP = '203.0.113.77';
const UA = 'MarkerAgent/4711 (PublicPagesTest)';

/** A module with a public service and public routes, as a complaints module will have. */
const probeRoutes: FastifyPluginAsyncZod<PublicRoutesOptions> = async (app, { deps }) => {
  app.get('/probe', { config: { policy: policy.public('probe-read') } }, async (req) => ({ actor: req.actor, org: publicOrgOf(req).code }));
  app.post('/probe', { config: { policy: policy.public('probe-write') }, schema: { body: z.strictObject({ text: z.string().max(100) }) } }, async (req) => {
    const org = publicOrgOf(req);
    await withOrgTx(deps.database.db, org.id, (tx) => recordAudit(tx, auditContext(req), { organisationId: org.id, action: 'probe.submit', details: { length: req.body.text.length } }));
    return { ok: true };
  });
};
const probeModule: ServerModule = {
  name: 'probe',
  prefix: '/api',
  routes: async () => {},
  publicRoutes: probeRoutes as ServerModule['publicRoutes'],
  publicServices: [
    { id: 'probe.desk', offered: async ({ org }) => org.code.startsWith('PUB') },
    { id: 'probe.never', offered: async () => false },
  ],
};

let t: TestApp;
let app: FastifyInstance;
let webDist: string;
const logged: string[] = [];
let orgId: string;
const CODE = `PUB${process.pid}`;

beforeAll(async () => {
  t = await createTestApp();
  webDist = fs.mkdtempSync(path.join(os.tmpdir(), 'kompas-web-'));
  fs.writeFileSync(path.join(webDist, 'index.html'), '<!doctype html><html lang="nl"><head><title>Kompas</title></head><body><div id="root"></div></body></html>');
  const stream = new Writable({ write(chunk, _enc, done) { logged.push(String(chunk)); done(); } });
  app = await buildApp({ ...t.deps, config: { ...t.deps.config, logLevel: 'info' } }, { logStream: stream, modules: [...realModules, probeModule], webDist });
  await app.ready();
  orgId = await createOrganisation(t, { code: CODE, name: 'Politiezone Kempen' });
  await ownerQuery(t, `UPDATE organisation SET names = $2, settings = settings || $3::jsonb WHERE id = $1`, [
    orgId,
    JSON.stringify({ nl: 'Politiezone Kempen', fr: 'Zone de police Kempen' }),
    JSON.stringify({ publicContactText: { nl: 'Bel 014 00 00 00', fr: 'Appelez le 014 00 00 00', de: '  ' } }),
  ]);
});
afterAll(async () => {
  await app?.close();
  await t?.close();
  if (webDist) fs.rmSync(webDist, { recursive: true, force: true });
});

let client = 0;
/** A request from one client address (the test app trusts one proxy hop), with a marker user agent. */
function from(ip: string, opts: InjectOptions) {
  return app.inject({ ...opts, remoteAddress: '127.0.0.1', headers: { 'x-forwarded-for': ip, 'user-agent': UA, ...(opts.headers ?? {}) } });
}
const fresh = () => `198.51.100.${++client}`;

describe('the public landing API', () => {
  it("answers the organisation's names, contact text and offered services, with no-store and no referrer", async () => {
    const r = await from(fresh(), { method: 'GET', url: `/api/public/orgs/${CODE}` });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toEqual({
      code: CODE,
      names: { nl: 'Politiezone Kempen', fr: 'Zone de police Kempen' },
      languages: ['nl', 'fr'],
      contactText: { nl: 'Bel 014 00 00 00', fr: 'Appelez le 014 00 00 00' },
      services: [{ id: 'probe.desk' }],
    });
    expect(r.headers['cache-control']).toBe('no-store');
    expect(r.headers['referrer-policy']).toBe('no-referrer');
    expect(r.headers['set-cookie']).toBeUndefined();
  });

  it('lists no service for an organisation that offers none (the real modules offer none yet)', async () => {
    const other = await createOrganisation(t, { code: `Q${process.pid}` });
    expect(other).toBeTruthy();
    const r = await from(fresh(), { method: 'GET', url: `/api/public/orgs/Q${process.pid}` });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ services: [], contactText: {} });
  });

  it('answers 404 JSON for an unknown or malformed organisation code, translated, without cookies', async () => {
    const unknown = await from(fresh(), { method: 'GET', url: '/api/public/orgs/NOPE-0000', headers: { 'accept-language': 'fr-BE' } });
    expect(unknown.statusCode, unknown.body).toBe(404);
    expect(unknown.json()).toEqual({ code: 'public_org_not_found', message: "Il n'existe aucune organisation avec ce code." });
    for (const code of ['NOPE-0000', 'x'.repeat(65), 'x'.repeat(300), '%00', '%27%3B%20DROP%20TABLE%20organisation%3B--']) {
      const r = await from(fresh(), { method: 'GET', url: `/api/public/orgs/${code}` });
      expect(r.statusCode, r.body).toBe(404);
      expect(r.json().code).toMatch(/^(public_org|route)_not_found$/);
      expect(r.headers['content-type']).toMatch(/application\/json/);
      expect(r.headers['set-cookie']).toBeUndefined();
    }
  });

  it('ignores a session cookie that comes along: no actor, no cookie set, nothing about the session touched', async () => {
    const user = await createUser(t, { roles: [{ orgId, role: 'administrator' }] });
    const s = await sessionFor(t, user.id);
    await ownerQuery(t, `UPDATE user_session SET last_seen_at = now() - interval '5 minutes' WHERE user_id = $1`, [user.id]);
    const [before] = await ownerQuery<{ seen: string }>(t, `SELECT last_seen_at::text AS seen FROM user_session WHERE user_id = $1`, [user.id]);
    const r = await from(fresh(), { method: 'GET', url: `/api/public/orgs/${CODE}/probe`, cookies: { kompas_session: s.cookies.kompas_session, kompas_locale: 'fr' } });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toEqual({ actor: null, org: CODE });
    expect(r.headers['set-cookie']).toBeUndefined();
    const [after] = await ownerQuery<{ seen: string }>(t, `SELECT last_seen_at::text AS seen FROM user_session WHERE user_id = $1`, [user.id]);
    expect(after.seen).toBe(before.seen);
  });

  it('refuses to register a route without a public policy inside the family', async () => {
    const bad: ServerModule = {
      name: 'bad', prefix: '/api', routes: async () => {},
      publicRoutes: (async (a) => { a.get('/x', { config: { policy: policy.signedIn() } }, async () => ({})); }) as ServerModule['publicRoutes'],
    };
    await expect(buildApp(t.deps, { logger: false, modules: [bad] })).rejects.toThrow(/must use policy.public/);
  });
});

describe('public writes: CSRF defence without cookies', () => {
  const post = (headers: Record<string, string>, payload: unknown = { text: 'hallo' }) =>
    from(fresh(), { method: 'POST', url: `/api/public/orgs/${CODE}/probe`, headers, payload: payload as string });
  const events = async () => (await ownerQuery<{ n: number }>(t, `SELECT count(*)::int AS n FROM audit_event WHERE action = 'probe.submit'`))[0].n;

  it('refuses a write without the public header, from another origin, cross-site, or as a form post; nothing stored', async () => {
    const before = await events();
    const ok = { 'x-kompas-public': '1', 'content-type': 'application/json' };
    const refused = [
      await post({ 'content-type': 'application/json' }),
      await post({ ...ok, origin: 'https://evil.example' }),
      await post({ ...ok, 'sec-fetch-site': 'cross-site' }),
      await post({ ...ok, 'sec-fetch-site': 'same-site' }),
      await post({ 'x-kompas-public': '1', 'content-type': 'text/plain' }, '{"text":"hallo"}'),
      await post({ 'x-kompas-public': '1', 'content-type': 'application/x-www-form-urlencoded' }, 'text=hallo'),
    ];
    expect(refused.map((r) => [r.statusCode, r.json().code])).toEqual([
      [403, 'public_origin_refused'], [403, 'public_origin_refused'], [403, 'public_origin_refused'], [403, 'public_origin_refused'],
      [415, 'unsupported_media_type'], [415, 'unsupported_media_type'],
    ]);
    for (const r of refused) expect(r.headers['set-cookie']).toBeUndefined();
    expect(await events()).toBe(before);
  });

  it('accepts a same-origin write with the header and no cookie; its audit event has no address and no actor', async () => {
    const before = await events();
    const r = await post({ 'x-kompas-public': '1', 'content-type': 'application/json', origin: 'http://localhost:80', 'sec-fetch-site': 'same-origin' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['set-cookie']).toBeUndefined();
    expect(await events()).toBe(before + 1);
    const rows = await ownerQuery<{ ip: string | null; actor: string | null }>(t, `SELECT ip::text AS ip, actor_user_id AS actor FROM audit_event WHERE action = 'probe.submit'`);
    expect(rows.every((e) => e.ip === null && e.actor === null)).toBe(true);
  });

  it('validates the body like any route (400 naming the field, nothing stored)', async () => {
    const before = await events();
    const r = await post({ 'x-kompas-public': '1', 'content-type': 'application/json' }, { text: 'x'.repeat(101) });
    expect(r.statusCode, r.body).toBe(400);
    expect(r.json().fields[0].field).toBe('text');
    expect(await events()).toBe(before);
  });
});

describe('the /p pages (HTML)', () => {
  it('serve index.html with the strict CSP, no-store, no referrer and no cookie', async () => {
    for (const url of [`/p/${CODE}`, `/p/${CODE}/`, `/p/${CODE}/anything/below?lang=fr`, '/p']) {
      const r = await from(fresh(), { method: 'GET', url, cookies: { kompas_session: 'whatever' } });
      expect(r.statusCode, url).toBe(200);
      expect(r.headers['content-type']).toMatch(/text\/html/);
      expect(r.headers['content-security-policy']).toBe(PUBLIC_PAGE_CSP);
      expect(r.headers['cache-control']).toBe('no-store');
      expect(r.headers['referrer-policy']).toBe('no-referrer');
      expect(r.headers['set-cookie']).toBeUndefined();
    }
    const csp = PUBLIC_PAGE_CSP;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("form-action 'self'");
  });

  it('leave the CSP of the signed-in app as it was', async () => {
    const r = await from(fresh(), { method: 'GET', url: '/sign-in' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-security-policy']).not.toBe(PUBLIC_PAGE_CSP);
  });
});

describe('throttling keeps no address', () => {
  it('answers 429 with Retry-After after the limit, per address; no table holds the address afterwards', async () => {
    const codes: number[] = [];
    for (let i = 0; i < PUBLIC_READ_LIMIT.burst + 1; i++) codes.push((await from(IP, { method: 'GET', url: `/api/public/orgs/${CODE}` })).statusCode);
    expect(codes.slice(0, PUBLIC_READ_LIMIT.burst).every((c) => c === 200)).toBe(true);
    const last = await from(IP, { method: 'GET', url: `/api/public/orgs/${CODE}` });
    expect(last.statusCode).toBe(429);
    expect(last.json().code).toBe('rate_limited');
    expect(Number(last.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(last.headers['set-cookie']).toBeUndefined();
    // Another address is not affected.
    expect((await from(fresh(), { method: 'GET', url: `/api/public/orgs/${CODE}` })).statusCode).toBe(200);
    // The HTML has its own bucket.
    const pages: number[] = [];
    for (let i = 0; i < PUBLIC_PAGE_LIMIT.burst + 1; i++) pages.push((await from(IP, { method: 'GET', url: `/p/${CODE}` })).statusCode);
    expect(pages.at(-1)).toBe(429);
    // A write with the address, unknown codes too.
    await from(IP, { method: 'POST', url: `/api/public/orgs/${CODE}/probe`, headers: { 'x-kompas-public': '1', 'content-type': 'application/json' }, payload: { text: IP } });
    await from(IP, { method: 'GET', url: '/api/public/orgs/NOPE' });

    // Every table of every schema (audit partitions, sessions, throttles, jobs, outbox…), as text.
    const tables = await ownerQuery<{ s: string; n: string }>(t, `
      SELECT table_schema AS s, table_name AS n FROM information_schema.tables
       WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')`);
    expect(tables.length).toBeGreaterThan(10);
    const hits: string[] = [];
    for (const { s, n } of tables) {
      const [r] = await ownerQuery<{ c: number }>(t, `SELECT count(*)::int AS c FROM "${s}"."${n}" x WHERE x::text LIKE $1 OR x::text LIKE $2`, [`%${IP}%`, '%MarkerAgent%']);
      if (r.c > 0) hits.push(`${s}.${n}`);
    }
    // The write stored the text the visitor typed (here: the address as text): only that row may hold it.
    expect(hits.filter((h) => h !== 'public.audit_event')).toEqual([]);
    const audit = await ownerQuery<{ c: number }>(t, `SELECT count(*)::int AS c FROM audit_event WHERE ip::text LIKE $1`, [`%${IP}%`]);
    expect(audit[0].c).toBe(0);
  });
});

describe('logs of public requests', () => {
  it('hold no client address and no user agent, for answers, refusals and 404s alike', async () => {
    logged.length = 0;
    await from(IP, { method: 'GET', url: `/api/public/orgs/NOPE-LOG` });
    await from('192.0.2.99', { method: 'GET', url: `/api/public/orgs/${CODE}` });
    await from('192.0.2.99', { method: 'GET', url: `/p/${CODE}` });
    await from('192.0.2.99', { method: 'POST', url: `/api/public/orgs/${CODE}/probe`, headers: { origin: 'https://evil.example', 'x-kompas-public': '1' }, payload: { text: 'x' } });
    const out = logged.join('');
    expect(out).toContain(`/api/public/orgs/${CODE}`); // the logger is on
    for (const marker of [IP, '192.0.2.99', 'MarkerAgent', '127.0.0.1', 'remoteAddress', 'user-agent', 'userAgent']) expect(out, marker).not.toContain(marker);
  });
});

describe('AddressThrottle', () => {
  it('refills over time, forgets every bucket and changes its key when the day changes', () => {
    let now = Date.UTC(2026, 0, 1, 23, 59, 0);
    const th = new AddressThrottle({ now: () => now });
    const limit = { burst: 2, perMinute: 1 };
    expect(th.take(IP, 'x', limit).ok).toBe(true);
    expect(th.take(IP, 'x', limit).ok).toBe(true);
    const refused = th.take(IP, 'x', limit);
    expect(refused).toEqual({ ok: false, retryAfterSeconds: 60 });
    now += 30_000;
    expect(th.take(IP, 'x', limit).ok).toBe(false);
    const today = th.pseudonym(IP);
    expect(today).not.toContain(IP);
    now += 31_000; // the next UTC day
    expect(th.pseudonym(IP)).not.toBe(today);
    expect(th.size).toBe(0);
    expect(th.take(IP, 'x', limit).ok).toBe(true);
  });

  it('holds at most maxEntries buckets, forgetting the least recently used', () => {
    const th = new AddressThrottle({ maxEntries: 3 });
    const limit = { burst: 1, perMinute: 1 };
    for (const a of ['a', 'b', 'c', 'd']) th.take(a, 'x', limit);
    expect(th.size).toBe(3);
    expect(th.take('a', 'x', limit).ok).toBe(true); // forgotten, so a fresh bucket
    expect(th.take('d', 'x', limit).ok).toBe(false);
  });
});
