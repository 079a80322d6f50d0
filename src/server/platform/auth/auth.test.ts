import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation, createUser, ownerQuery, sessionFor, TEST_PASSWORD, createTestApp, type TestApp } from '../../../test/app.js';
import { auditActions, browser, newIp, userRow } from './testkit.js';
import { shortUserAgent } from './service.js';

let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t.close(); });

const FIREFOX = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0';

describe('sign-in', () => {
  it('signs in with e-mail and password, sets a strict httpOnly cookie and stores only the token hash', async () => {
    const org = await createOrganisation(t);
    const u = await createUser(t, { roles: [{ orgId: org, role: 'staff_member' }] });
    const b = browser(t);
    const r = await b.post('/api/auth/login', { email: u.email.toUpperCase(), password: TEST_PASSWORD }, { 'user-agent': FIREFOX });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ next: 'done', me: { id: u.id, email: u.email, mfaRequired: false, totpEnabled: false, organisations: [{ id: org, roles: ['staff_member'] }] } });
    const cookie = r.cookies.find((c) => c.name === 'kompas_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    const stored = await ownerQuery<{ token_hash: string; user_agent: string }>(t, `SELECT token_hash, user_agent FROM user_session WHERE user_id = $1`, [u.id]);
    expect(stored).toHaveLength(1);
    expect(stored[0].token_hash).not.toContain(cookie.value);
    expect(stored[0].token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect((await b.get('/api/auth/me')).json()).toMatchObject({ id: u.id, mfaVerified: false });
    expect(await auditActions(t, u.id)).toContain('auth.login');
  });

  it('answers the same 401 for an unknown e-mail and a wrong password, and audits without the typed values', async () => {
    const u = await createUser(t);
    const b = browser(t);
    const unknown = await b.post('/api/auth/login', { email: 'nobody@nowhere.be', password: 'guess-one' });
    const wrong = await b.post('/api/auth/login', { email: u.email, password: 'guess-two' });
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json()).toEqual(wrong.json());
    expect(wrong.json().code).toBe('invalid_credentials');
    expect(wrong.cookies.find((c) => c.name === 'kompas_session')).toBeUndefined();
    const events = await ownerQuery<{ details: unknown; actor_user_id: string | null; organisation_id: string | null }>(t,
      `SELECT details, actor_user_id, organisation_id FROM audit_event WHERE action = 'auth.login_failed'`);
    const text = JSON.stringify(events);
    expect(text).not.toContain('nobody@nowhere.be');
    expect(text).not.toContain('guess-');
    expect(events.some((e) => e.actor_user_id === u.id && e.organisation_id === null)).toBe(true);
  });

  it('spends argon2 time on unknown e-mails too', async () => {
    const u = await createUser(t);
    const b = browser(t);
    const time = async (email: string) => { const s = performance.now(); await b.post('/api/auth/login', { email, password: 'x' }); return performance.now() - s; };
    await time(u.email); // warm-up
    const known = await time(u.email);
    const unknown = await time('ghost@nowhere.be');
    // Not a timing benchmark: only that the unknown path did not skip hashing (an order of magnitude apart otherwise).
    expect(unknown).toBeGreaterThan(known / 5);
  });

  it('pauses sign-in from browsers without a device cookie after 5 failures with 423, even for the right password, until the pause ends', async () => {
    const u = await createUser(t);
    const b = browser(t);
    for (let i = 0; i < 4; i++) expect((await b.post('/api/auth/login', { email: u.email, password: `wrong-${i}` })).statusCode).toBe(401);
    const fifth = await b.post('/api/auth/login', { email: u.email, password: 'wrong-5' });
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().code).toBe('sign_in_locked');
    expect(fifth.json().message).toMatch(/wachtwoord opnieuw in/);
    expect(fifth.headers['retry-after']).toBe('900');
    expect((await b.post('/api/auth/login', { email: u.email, password: TEST_PASSWORD })).statusCode).toBe(423);
    expect(await auditActions(t, u.id)).toContain('auth.sign_in_paused');
    // The account row itself is untouched: the pause belongs to the untrusted clients, not to the person.
    expect(await userRow(t, u.id)).toMatchObject({ failed_logins: 0, locked_until: null });
    await ownerQuery(t, `UPDATE sign_in_throttle SET blocked_until = now() - interval '1 second' WHERE user_id = $1`, [u.id]);
    expect((await b.post('/api/auth/login', { email: u.email, password: TEST_PASSWORD })).statusCode).toBe(200);
    expect(await ownerQuery(t, `SELECT 1 FROM sign_in_throttle WHERE user_id = $1`, [u.id])).toHaveLength(0);
  });

  it('resets the failure counter on success', async () => {
    const u = await createUser(t);
    const b = browser(t);
    for (let i = 0; i < 3; i++) await b.post('/api/auth/login', { email: u.email, password: 'nope' });
    const failures = () => ownerQuery<{ failures: number }>(t, `SELECT failures FROM sign_in_throttle WHERE user_id = $1`, [u.id]);
    expect(await failures()).toEqual([{ failures: 3 }]);
    expect((await b.post('/api/auth/login', { email: u.email, password: TEST_PASSWORD })).statusCode).toBe(200);
    expect(await failures()).toEqual([]);
  });

  it('refuses disabled accounts and accounts without password with the same 401', async () => {
    const disabled = await createUser(t);
    await ownerQuery(t, `UPDATE app_user SET disabled_at = now() WHERE id = $1`, [disabled.id]);
    const invited = await createUser(t);
    await ownerQuery(t, `UPDATE app_user SET password_hash = NULL WHERE id = $1`, [invited.id]);
    const b = browser(t);
    for (const email of [disabled.email, invited.email]) {
      const r = await b.post('/api/auth/login', { email, password: TEST_PASSWORD });
      expect(r.statusCode).toBe(401);
      expect(r.json().code).toBe('invalid_credentials');
    }
  });

  it('asks for the second factor when TOTP is on, and for its set-up when a role needs it', async () => {
    const org = await createOrganisation(t);
    const withTotp = await createUser(t, { totpSecret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', roles: [{ orgId: org, role: 'staff_member' }] });
    const officer = await createUser(t, { roles: [{ orgId: org, role: 'integrity_officer' }] });
    const b1 = browser(t);
    expect((await b1.post('/api/auth/login', { email: withTotp.email, password: TEST_PASSWORD })).json()).toMatchObject({ next: 'totp', me: { totpEnabled: true, mfaVerified: false } });
    // Until the code is given, only the sign-in steps are reachable (also for a role that does not require it).
    expect((await b1.get('/api/auth/sessions')).json().code).toBe('mfa_required');
    const b2 = browser(t);
    expect((await b2.post('/api/auth/login', { email: officer.email, password: TEST_PASSWORD })).json()).toMatchObject({ next: 'totp_setup', me: { mfaRequired: true } });
    expect((await b2.get('/api/auth/sessions')).json().code).toBe('mfa_setup_required');
    expect((await b2.get('/api/auth/me')).statusCode).toBe(200);
  });

  it('replaces the session a browser still carried when signing in again', async () => {
    const u = await createUser(t);
    const b = browser(t);
    await b.post('/api/auth/login', { email: u.email, password: TEST_PASSWORD });
    const first = b.cookies.kompas_session;
    await b.post('/api/auth/login', { email: u.email, password: TEST_PASSWORD });
    expect(b.cookies.kompas_session).not.toBe(first);
    const open = await ownerQuery(t, `SELECT 1 FROM user_session WHERE user_id = $1 AND revoked_at IS NULL`, [u.id]);
    expect(open).toHaveLength(1);
  });

  it('throttles sign-in attempts per client address', async () => {
    const b = browser(t, newIp());
    let last = 0;
    for (let i = 0; i < 11; i++) last = (await b.post('/api/auth/login', { email: `x${i}@nowhere.be`, password: 'x' })).statusCode;
    expect(last).toBe(429);
    expect((await browser(t).post('/api/auth/login', { email: 'x@nowhere.be', password: 'x' })).statusCode).toBe(401);
  });
});

describe('hostile input on sign-in', () => {
  const cases: [string, unknown][] = [
    ['unknown field', { email: 'a@b.be', password: 'x', admin: true }],
    ['wrong type', { email: 42, password: ['x'] }],
    ['missing field', { email: 'a@b.be' }],
    ['oversized e-mail', { email: `${'a'.repeat(250)}@b.be`, password: 'x' }],
    ['oversized password', { email: 'a@b.be', password: 'x'.repeat(1025) }],
    ['not an e-mail', { email: "' OR 1=1 --", password: 'x' }],
    ['script payload', { email: '<script>alert(1)</script>@b.be', password: '<img src=x onerror=alert(1)>' }],
  ];
  it.each(cases)('%s → 400 naming the field, no session', async (_name, body) => {
    const b = browser(t);
    const r = await b.post('/api/auth/login', body);
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ code: 'validation_failed', fields: expect.any(Array) });
    expect(r.json().fields[0].field).toMatch(/^(email|password|admin)$/);
    expect(r.cookies.find((c) => c.name === 'kompas_session')).toBeUndefined();
  });

  it('tells a missing field from a wrong type, and names an unexpected one', async () => {
    const missing = (await browser(t).post('/api/auth/login', { email: 'a@b.be' })).json().fields;
    expect(missing).toEqual([expect.objectContaining({ field: 'password', code: 'required' })]);
    const wrongType = (await browser(t).post('/api/auth/login', { email: 'a@b.be', password: 7 })).json().fields;
    expect(wrongType).toEqual([expect.objectContaining({ field: 'password', code: 'invalid_type' })]);
    const extra = (await browser(t).post('/api/auth/login', { email: 'a@b.be', password: 'x', role: 'admin' }, { 'accept-language': 'en' })).json().fields;
    expect(extra).toEqual([{ field: 'role', code: 'unrecognized_keys', message: 'This field is not expected here.' }]);
  });

  it('malformed JSON → 400 invalid_json', async () => {
    const r = await browser(t).post('/api/auth/login', '{"email": "a@b.be", ', { 'content-type': 'application/json' });
    expect(r.statusCode).toBe(400);
    expect(r.json().code).toBe('invalid_json');
  });

  it('SQL in the password is only a wrong password', async () => {
    const u = await createUser(t);
    const r = await browser(t).post('/api/auth/login', { email: u.email, password: "' OR '1'='1'; DROP TABLE app_user; --" });
    expect(r.statusCode).toBe(401);
    expect(await userRow(t, u.id)).toBeDefined();
  });

  it('refuses a sign-in without CSRF token', async () => {
    const r = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'a@b.be', password: 'x' } });
    expect(r.statusCode).toBe(403);
  });
});

describe('me, language, sessions, sign-out', () => {
  it('lists the organisations with current roles only', async () => {
    const a = await createOrganisation(t, { name: 'PZ Antwerpen' });
    const b = await createOrganisation(t);
    const u = await createUser(t, { roles: [{ orgId: a, role: 'chief' }, { orgId: a, role: 'staff_member' }, { orgId: b, role: 'staff_member' }] });
    await ownerQuery(t, `UPDATE role_assignment SET withdrawn_at = now() WHERE user_id = $1 AND organisation_id = $2`, [u.id, b]);
    const s = await sessionFor(t, u.id);
    const me = (await s.get('/api/auth/me')).json();
    expect(me.organisations).toEqual([expect.objectContaining({ id: a, names: expect.objectContaining({ nl: 'PZ Antwerpen' }), roles: ['chief', 'staff_member'], kind: 'local_police_zone' })]);
    expect(me).toMatchObject({ isPlatformAdmin: false, mfaVerified: true });
  });

  it('answers 401 without a session', async () => {
    expect((await browser(t).get('/api/auth/me')).statusCode).toBe(401);
  });

  it('changes the language of the account and answers in it', async () => {
    const u = await createUser(t, { locale: 'en' });
    const s = await sessionFor(t, u.id);
    const r = await s.put('/api/auth/me/locale', { locale: 'fr' });
    expect(r.statusCode).toBe(200);
    expect(r.json().locale).toBe('fr');
    expect((await userRow(t, u.id)).locale).toBe('fr');
    expect((await s.get('/api/auth/sessions/none')).json().message).toBe("Cette adresse n'existe pas.");
    expect((await s.put('/api/auth/me/locale', { locale: 'es' })).statusCode).toBe(400);
    expect((await s.put('/api/auth/me/locale', { locale: 'nl', x: 1 })).statusCode).toBe(400);
    expect((await userRow(t, u.id)).locale).toBe('fr');
  });

  it('remembers an anonymous visitor language in a cookie for a year', async () => {
    const b = browser(t);
    const r = await b.post('/api/locale', { locale: 'de' }, { 'accept-language': 'en' });
    expect(r.statusCode).toBe(204);
    expect(r.cookies.find((c) => c.name === 'kompas_locale')).toMatchObject({ value: 'de', maxAge: 365 * 24 * 3600 });
    expect((await b.get('/api/auth/me')).json().message).toBe('Bitte melden Sie sich zuerst an.');
    for (const bad of [{ locale: 'xx' }, { locale: 1 }, { locale: 'nl', more: 1 }, { locale: '<script>' }]) {
      expect((await browser(t).post('/api/locale', bad)).statusCode).toBe(400);
    }
  });

  it('lists own sessions with a short user agent and the current flag, and revokes one', async () => {
    const u = await createUser(t);
    const other = await createUser(t);
    const b = browser(t);
    await b.post('/api/auth/login', { email: u.email, password: TEST_PASSWORD }, { 'user-agent': FIREFOX });
    const second = await sessionFor(t, u.id);
    const foreign = await sessionFor(t, other.id);
    const list = (await b.get('/api/auth/sessions')).json().sessions;
    expect(list).toHaveLength(2);
    const current = list.find((s: { current: boolean }) => s.current);
    expect(current.userAgent).toBe('Firefox · Windows');
    const otherId = list.find((s: { current: boolean }) => !s.current).id;
    expect((await b.post(`/api/auth/sessions/${otherId}/revoke`)).statusCode).toBe(204);
    expect((await second.get('/api/auth/me')).statusCode).toBe(401);
    // Another user's session id is simply not found.
    const foreignId = (await foreign.get('/api/auth/sessions')).json().sessions[0].id;
    expect((await b.post(`/api/auth/sessions/${foreignId}/revoke`)).statusCode).toBe(404);
    expect((await foreign.get('/api/auth/me')).statusCode).toBe(200);
    expect((await b.post('/api/auth/sessions/not-a-uuid/revoke')).statusCode).toBe(400);
  });

  it('expires a session idle longer than the configured minutes', async () => {
    const u = await createUser(t);
    const s = await sessionFor(t, u.id);
    expect((await s.get('/api/auth/me')).statusCode).toBe(200);
    await ownerQuery(t, `UPDATE user_session SET last_seen_at = now() - make_interval(mins => $2) WHERE user_id = $1`, [u.id, t.deps.config.sessionIdleMinutes + 1]);
    expect((await s.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('keeps an active session alive (last seen moves on)', async () => {
    const u = await createUser(t);
    const s = await sessionFor(t, u.id);
    await ownerQuery(t, `UPDATE user_session SET last_seen_at = now() - make_interval(mins => $2) WHERE user_id = $1`, [u.id, t.deps.config.sessionIdleMinutes - 1]);
    expect((await s.get('/api/auth/me')).statusCode).toBe(200);
    const [row] = await ownerQuery<{ fresh: boolean }>(t, `SELECT last_seen_at > now() - interval '1 minute' AS fresh FROM user_session WHERE user_id = $1`, [u.id]);
    expect(row.fresh).toBe(true);
  });

  it('signs out: revokes the session and clears the cookie', async () => {
    const u = await createUser(t);
    const b = browser(t);
    await b.post('/api/auth/login', { email: u.email, password: TEST_PASSWORD });
    const token = b.cookies.kompas_session;
    // The web client sends no body (and no content type) on such posts.
    const r = await b.request('POST', '/api/auth/logout', undefined);
    expect(r.statusCode).toBe(204);
    expect(r.cookies.find((c) => c.name === 'kompas_session')?.value).toBe('');
    const replay = await t.app.inject({ method: 'GET', url: '/api/auth/me', cookies: { kompas_session: token } });
    expect(replay.statusCode).toBe(401);
    expect(await auditActions(t, u.id)).toContain('auth.logout');
  });
});

describe('password change', () => {
  it('changes the password, revokes the other sessions, keeps this one', async () => {
    const u = await createUser(t);
    const b = browser(t);
    await b.post('/api/auth/login', { email: u.email, password: TEST_PASSWORD });
    const other = await sessionFor(t, u.id);
    const r = await b.post('/api/auth/password/change', { currentPassword: TEST_PASSWORD, newPassword: 'a much longer new passphrase' });
    expect(r.statusCode).toBe(204);
    expect((await other.get('/api/auth/me')).statusCode).toBe(401);
    expect((await b.get('/api/auth/me')).statusCode).toBe(200);
    expect((await browser(t).post('/api/auth/login', { email: u.email, password: TEST_PASSWORD })).statusCode).toBe(401);
    expect((await browser(t).post('/api/auth/login', { email: u.email, password: 'a much longer new passphrase' })).statusCode).toBe(200);
    expect(await auditActions(t, u.id)).toContain('auth.password_change');
  });

  it('refuses a wrong current password, a short or oversized new one, unknown fields', async () => {
    const u = await createUser(t);
    const s = await sessionFor(t, u.id);
    const before = (await userRow(t, u.id)).password_hash;
    const wrong = await s.post('/api/auth/password/change', { currentPassword: 'not it', newPassword: 'another long passphrase' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({ code: 'current_password_invalid', field: 'currentPassword' });
    const short = await s.post('/api/auth/password/change', { currentPassword: TEST_PASSWORD, newPassword: 'short' });
    expect(short.json().fields[0]).toMatchObject({ field: 'newPassword', code: 'too_small' });
    expect((await s.post('/api/auth/password/change', { currentPassword: TEST_PASSWORD, newPassword: 'x'.repeat(1025) })).statusCode).toBe(400);
    expect((await s.post('/api/auth/password/change', { currentPassword: TEST_PASSWORD, newPassword: 'long enough passphrase', extra: 1 })).statusCode).toBe(400);
    const same = await s.post('/api/auth/password/change', { currentPassword: TEST_PASSWORD, newPassword: u.email });
    expect(same.json()).toMatchObject({ code: 'password_same_as_email', field: 'newPassword' });
    expect((await userRow(t, u.id)).password_hash).toBe(before);
  });

  it('requires sign-in', async () => {
    expect((await browser(t).post('/api/auth/password/change', { currentPassword: 'x', newPassword: 'long enough passphrase' })).statusCode).toBe(401);
  });
});

describe('shortUserAgent', () => {
  it('names browser and system, or a short clean prefix', () => {
    expect(shortUserAgent('Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15')).toBe('Safari · macOS');
    expect(shortUserAgent('Mozilla/5.0 (Windows NT 10.0) AppleWebKit/537.36 Chrome/126.0 Safari/537.36 Edg/126.0')).toBe('Edge · Windows');
    expect(shortUserAgent('curl/8.5.0')).toBe('curl/8.5.0');
    expect(shortUserAgent(null)).toBeNull();
  });
});
