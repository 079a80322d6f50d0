import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { anonymous, createOrganisation, createTestApp, createUser, ownerQuery, Session, sessionFor, TEST_PASSWORD, type TestApp } from '../../../test/app.js';

/** The HTTP edge: CSRF tokens bound to the session, no-store on every API answer, no values in error logs. */

let t: TestApp;
let org: string;
beforeAll(async () => {
  t = await createTestApp();
  org = await createOrganisation(t);
});
afterAll(async () => { await t?.close(); });

/** A token (and its cookie) as /api/csrf gives it to a client holding `cookies`. */
async function mint(cookies: Record<string, string>): Promise<{ token: string; cookie: string }> {
  const r = await t.app.inject({ method: 'GET', url: '/api/csrf', cookies });
  return { token: r.json().token, cookie: r.cookies.find((c) => c.name === 'kompas_csrf')?.value ?? cookies.kompas_csrf };
}
const localeOf = async (userId: string) => (await ownerQuery<{ locale: string }>(t, `SELECT locale FROM app_user WHERE id = $1`, [userId]))[0].locale;
const setLocale = (session: string, csrf: { token: string; cookie: string }) =>
  t.app.inject({ method: 'PUT', url: '/api/auth/me/locale', payload: { locale: 'fr' }, headers: { 'x-csrf-token': csrf.token }, cookies: { kompas_session: session, kompas_csrf: csrf.cookie } });

describe('CSRF tokens are bound to the session', () => {
  it("refuses the victim's session cookie with a token and cookie minted for another session", async () => {
    const victim = await createUser(t, { roles: [{ orgId: org, role: 'staff_member' }] });
    const attacker = await createUser(t, { roles: [{ orgId: org, role: 'staff_member' }] });
    const v = (await sessionFor(t, victim.id)).cookies.kompas_session;
    const a = (await sessionFor(t, attacker.id)).cookies.kompas_session;
    const attackers = await mint({ kompas_session: a });
    const r = await setLocale(v, attackers);
    expect(r.statusCode, r.body).toBe(403);
    expect(r.json().code).toBe('csrf_invalid');
    expect(await localeOf(victim.id)).toBe('en');
    // The attacker's pair is valid for the attacker's own session: only the binding refuses it.
    expect((await setLocale(a, attackers)).statusCode).toBe(200);
  });

  it("refuses the victim's session cookie with an anonymous token and cookie", async () => {
    const victim = await createUser(t, { roles: [{ orgId: org, role: 'staff_member' }] });
    const v = (await sessionFor(t, victim.id)).cookies.kompas_session;
    const r = await setLocale(v, await mint({}));
    expect(r.statusCode, r.body).toBe(403);
    expect(await localeOf(victim.id)).toBe('en');
    const own = await mint({ kompas_session: v });
    expect((await setLocale(v, own)).statusCode).toBe(200);
    expect(await localeOf(victim.id)).toBe('fr');
  });

  it('keeps sign-in working with an anonymous token; after sign-in the client needs a new one', async () => {
    const u = await createUser(t, { roles: [{ orgId: org, role: 'staff_member' }] });
    const pre = await mint({});
    const login = await t.app.inject({
      method: 'POST', url: '/api/auth/login', payload: { email: u.email, password: TEST_PASSWORD },
      headers: { 'x-csrf-token': pre.token }, cookies: { kompas_csrf: pre.cookie },
    });
    expect(login.statusCode, login.body).toBe(200);
    const session = login.cookies.find((c) => c.name === 'kompas_session')!.value;
    expect((await setLocale(session, pre)).statusCode).toBe(403);
    const fresh = await mint({ kompas_session: session, kompas_csrf: pre.cookie });
    expect((await setLocale(session, fresh)).statusCode).toBe(200);
  });
});

describe('Cache-Control on API answers', () => {
  it('is no-store on JSON answers, lists and errors', async () => {
    const staff = await sessionFor(t, (await createUser(t, { roles: [{ orgId: org, role: 'staff_member' }] })).id);
    const answers = [
      await staff.get('/api/auth/me'),
      await staff.get('/api/plan-templates'),
      await staff.get(`/api/orgs/${org}/plans`),
      await anonymous(t).get('/api/auth/me'), // 401
      await staff.get(`/api/orgs/${org}/people`), // 403
      await staff.get(`/api/orgs/${org}/plans?status=bogus`), // 400
      await staff.get('/api/no-such-route'), // 404
      await staff.post('/api/auth/me/locale', { locale: 'xx' }, { 'x-csrf-token': 'forged' }), // 403 CSRF
    ];
    expect(answers.map((r) => r.statusCode)).toEqual([200, 200, 200, 401, 403, 400, 404, 403]);
    for (const r of answers) expect(r.headers['cache-control'], `${r.statusCode} ${r.body}`).toBe('no-store');
  });
});

describe('error logs carry no values', () => {
  let logged: string[];
  let app: FastifyInstance;
  beforeAll(async () => {
    logged = [];
    const stream = new Writable({ write(chunk, _enc, done) { logged.push(String(chunk)); done(); } });
    app = await buildApp({ ...t.deps, config: { ...t.deps.config, logLevel: 'info' } }, { logStream: stream });
    await app.ready();
    // A database error whose message, detail and hint quote the stored value (as "Key (email)=(…)" does).
    await ownerQuery(t, `CREATE FUNCTION test_refuse_unit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.name LIKE 'Marker%' THEN
          RAISE EXCEPTION 'refused unit %', NEW.name USING DETAIL = 'Key (name)=(' || NEW.name || ') refused', HINT = NEW.name, ERRCODE = 'P0001';
        END IF;
        RETURN NEW;
      END $$`);
    await ownerQuery(t, `CREATE TRIGGER test_refuse_unit BEFORE INSERT ON org_unit FOR EACH ROW EXECUTE FUNCTION test_refuse_unit()`);
  });
  afterAll(async () => { await app?.close(); });

  it('logs the kind and SQLSTATE of a failed query, never its parameters, message or detail', async () => {
    const admin = await createUser(t, { roles: [{ orgId: org, role: 'administrator' }] });
    const s = new Session(app, (await sessionFor(t, admin.id)).cookies.kompas_session);
    const r = await s.post(`/api/orgs/${org}/units?q=MarkerQuery`, { code: 'MRK1', name: 'MarkerJanPeeters4711' });
    expect(r.statusCode, r.body).toBe(500);
    expect(r.json().code).toBe('internal');
    const out = logged.join('');
    expect(out).toContain('unhandled error');
    expect(out).toContain('P0001');
    expect(out).not.toContain('MarkerJanPeeters4711');
    expect(out).not.toContain('MarkerQuery');
    expect(out).not.toContain('Key (name)');
    expect(out).not.toContain('refused unit');
  });
});
