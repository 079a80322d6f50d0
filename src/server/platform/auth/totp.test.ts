import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from 'otplib';
import { createOrganisation, createTestApp, createUser, ownerQuery, sessionFor, TEST_PASSWORD, type TestApp } from '../../../test/app.js';
import { auditActions, browser, userRow } from './testkit.js';
import { authKeys } from '../crypto/index.js';

let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t.close(); });

const SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const now = () => Math.floor(Date.now() / 1000);
const codeAt = (secret: string, offsetSteps = 0) => generate({ secret, epoch: now() + offsetSteps * 30 });

async function signIn(email: string) {
  const b = browser(t);
  const r = await b.post('/api/auth/login', { email, password: TEST_PASSWORD });
  return { b, next: r.json().next as string };
}

describe('second factor at sign-in', () => {
  it('a correct code marks the session verified and opens the application', async () => {
    const org = await createOrganisation(t);
    const u = await createUser(t, { totpSecret: SECRET, roles: [{ orgId: org, role: 'integrity_officer' }] });
    const { b, next } = await signIn(u.email);
    expect(next).toBe('totp');
    expect((await b.get('/api/auth/sessions')).statusCode).toBe(403);
    const r = await b.post('/api/auth/totp/verify', { code: await codeAt(SECRET) });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ mfaVerified: true, totpEnabled: true });
    expect((await b.get('/api/auth/sessions')).statusCode).toBe(200);
    expect(await auditActions(t, u.id)).toContain('auth.totp_verified');
  });

  it('refuses a code used before (replay), even from another session', async () => {
    const u = await createUser(t, { totpSecret: SECRET });
    const code = await codeAt(SECRET);
    const first = await signIn(u.email);
    expect((await first.b.post('/api/auth/totp/verify', { code })).statusCode).toBe(200);
    const second = await signIn(u.email);
    const r = await second.b.post('/api/auth/totp/verify', { code });
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ code: 'totp_invalid', field: 'code' });
    // The next time step's code is accepted (one step of clock drift allowed).
    expect((await second.b.post('/api/auth/totp/verify', { code: await codeAt(SECRET, 1) })).statusCode).toBe(200);
  });

  it('locks the second factor after 5 wrong codes and ends the half-open session', async () => {
    const u = await createUser(t, { totpSecret: SECRET });
    const { b } = await signIn(u.email);
    const good = await codeAt(SECRET);
    const wrong = good === '000000' ? '111111' : '000000';
    for (let i = 0; i < 4; i++) expect((await b.post('/api/auth/totp/verify', { code: wrong })).statusCode).toBe(400);
    const fifth = await b.post('/api/auth/totp/verify', { code: wrong });
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().code).toBe('second_factor_locked');
    expect((await b.get('/api/auth/me')).statusCode).toBe(401);
    // The password step answers as always (only who knows the password reaches this lock); the code step stays shut, even for the right code.
    const again = await signIn(u.email);
    expect(again.next).toBe('totp');
    expect((await again.b.post('/api/auth/totp/verify', { code: await codeAt(SECRET) })).json().code).toBe('second_factor_locked');
    expect(await auditActions(t, u.id)).toEqual(expect.arrayContaining(['auth.totp_failed', 'auth.locked']));
  });

  it('a new password sign-in does not restart the count of wrong codes, and each lock is longer than the one before', async () => {
    const u = await createUser(t, { totpSecret: SECRET });
    const wrong = (await codeAt(SECRET)) === '000000' ? '111111' : '000000';
    const lockMinutes = async () => (await ownerQuery<{ m: number }>(t, `SELECT round(extract(epoch FROM locked_until - now()) / 60)::int AS m FROM app_user WHERE id = $1`, [u.id]))[0].m;
    let first = await signIn(u.email);
    for (let i = 0; i < 4; i++) expect((await first.b.post('/api/auth/totp/verify', { code: wrong })).statusCode).toBe(400);
    // Whoever knows the password signs in again: the fifth wrong code still locks.
    first = await signIn(u.email);
    expect((await first.b.post('/api/auth/totp/verify', { code: wrong })).statusCode).toBe(423);
    expect(await lockMinutes()).toBe(15);
    await ownerQuery(t, `UPDATE app_user SET locked_until = now() - interval '1 second' WHERE id = $1`, [u.id]);
    const second = await signIn(u.email);
    for (let i = 0; i < 4; i++) expect((await second.b.post('/api/auth/totp/verify', { code: wrong })).statusCode).toBe(400);
    expect((await second.b.post('/api/auth/totp/verify', { code: wrong })).statusCode).toBe(423);
    expect(await lockMinutes()).toBe(30);
    // A correct code after the lock starts the count afresh.
    await ownerQuery(t, `UPDATE app_user SET locked_until = now() - interval '1 second' WHERE id = $1`, [u.id]);
    const third = await signIn(u.email);
    expect((await third.b.post('/api/auth/totp/verify', { code: await codeAt(SECRET) })).statusCode).toBe(200);
    expect(await userRow(t, u.id)).toMatchObject({ failed_logins: 0, locked_until: null });
  });

  it('hostile input on the code', async () => {
    const u = await createUser(t, { totpSecret: SECRET });
    const { b } = await signIn(u.email);
    for (const body of [{ code: 123456 }, { code: '12345' }, { code: '1234567' }, { code: "1' OR 1=1" }, { code: '<script>' }, { code: '123456', extra: 1 }, {}]) {
      expect((await b.post('/api/auth/totp/verify', body)).statusCode).toBe(400);
    }
    expect((await b.post('/api/auth/totp/verify', '{"code":', { 'content-type': 'application/json' })).json().code).toBe('invalid_json');
    // Validation failures are not counted as wrong codes.
    expect((await userRow(t, u.id)).failed_logins).toBe(0);
    expect((await browser(t).post('/api/auth/totp/verify', { code: '123456' })).statusCode).toBe(401);
  });

  it('answers 409 when the account has no authenticator', async () => {
    const u = await createUser(t);
    const s = await sessionFor(t, u.id, { mfa: false });
    expect((await s.post('/api/auth/totp/verify', { code: '123456' })).json().code).toBe('totp_not_enabled');
  });
});

describe('setting up the authenticator', () => {
  it('a role that needs it: set-up, confirmation with a first code, secret encrypted at rest', async () => {
    const org = await createOrganisation(t);
    const u = await createUser(t, { roles: [{ orgId: org, role: 'complaint_handler' }] });
    const { b, next } = await signIn(u.email);
    expect(next).toBe('totp_setup');
    const setup = await b.request('POST', '/api/auth/totp/setup', undefined); // no body, as the web client sends it
    expect(setup.statusCode).toBe(200);
    expect(setup.headers['cache-control']).toBe('no-store');
    const { secret, otpauthUri, qrDataUrl } = setup.json();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(otpauthUri).toMatch(/^otpauth:\/\/totp\/Kompas:.*secret=/);
    expect(qrDataUrl).toMatch(/^data:image\/png;base64,/);
    const row = await userRow(t, u.id);
    expect(row.totp_secret).toBeNull();
    expect(row.totp_pending_secret).toMatch(/^enc:v1:/);
    expect(row.totp_pending_secret).not.toContain(secret);

    const bad = await b.post('/api/auth/totp/enable', { code: (await codeAt(secret)) === '000000' ? '111111' : '000000' });
    expect(bad.json()).toMatchObject({ code: 'totp_invalid', field: 'code' });
    const ok = await b.post('/api/auth/totp/enable', { code: await codeAt(secret) });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ totpEnabled: true, mfaVerified: true });
    expect((await b.get('/api/auth/sessions')).statusCode).toBe(200);
    const after = await userRow(t, u.id);
    expect(after.totp_pending_secret).toBeNull();
    expect(after.totp_secret).toMatch(/^enc:v1:/);
    expect((await authKeys(t.deps.config.dataDir)).totpSecret(after.totp_secret!)).toBe(secret);
    expect(await auditActions(t, u.id)).toEqual(expect.arrayContaining(['auth.totp_setup', 'auth.totp_enable']));

    // The next sign-in asks for the code; the code used to confirm cannot be replayed.
    const again = await signIn(u.email);
    expect(again.next).toBe('totp');
    expect((await again.b.post('/api/auth/totp/verify', { code: await codeAt(secret) })).statusCode).toBe(400);
    expect((await again.b.post('/api/auth/totp/verify', { code: await codeAt(secret, 1) })).statusCode).toBe(200);
  });

  it('refuses to confirm without a pending set-up', async () => {
    const u = await createUser(t);
    const s = await sessionFor(t, u.id, { mfa: false });
    expect((await s.post('/api/auth/totp/enable', { code: '123456' })).json().code).toBe('totp_not_pending');
  });

  it('a user whose authenticator is active cannot replace it before passing it', async () => {
    const u = await createUser(t, { totpSecret: SECRET });
    const { b } = await signIn(u.email);
    const r = await b.post('/api/auth/totp/setup');
    expect(r.statusCode).toBe(403);
    expect(r.json().code).toBe('mfa_required');
    expect((await userRow(t, u.id)).totp_pending_secret).toBeNull();
    // After passing it, replacing is allowed, with the current password.
    await b.post('/api/auth/totp/verify', { code: await codeAt(SECRET) });
    const bare = await b.post('/api/auth/totp/setup');
    expect(bare.statusCode).toBe(400);
    expect(bare.json()).toMatchObject({ code: 'current_password_invalid', field: 'currentPassword' });
    expect((await b.post('/api/auth/totp/setup', { currentPassword: 'not-my-password' })).json().code).toBe('current_password_invalid');
    expect((await userRow(t, u.id)).totp_pending_secret).toBeNull();
    expect((await b.post('/api/auth/totp/setup', { currentPassword: TEST_PASSWORD })).statusCode).toBe(200);
    expect((await userRow(t, u.id)).totp_secret).toBe(SECRET); // the old one stays until the new one is confirmed
    expect(await auditActions(t, u.id)).toContain('auth.totp_replace_failed');
  });

  it('replacing the authenticator: the new code confirms it, the old app stops, other sessions end, the person is told by mail', async () => {
    const u = await createUser(t, { totpSecret: SECRET, locale: 'de' });
    const other = await signIn(u.email);
    await other.b.post('/api/auth/totp/verify', { code: await codeAt(SECRET) });
    const { b } = await signIn(u.email);
    expect((await b.post('/api/auth/totp/verify', { code: await codeAt(SECRET, 1) })).statusCode).toBe(200);
    const setup = await b.post('/api/auth/totp/setup', { currentPassword: TEST_PASSWORD });
    expect(setup.statusCode).toBe(200);
    const fresh = setup.json().secret as string;
    expect(fresh).not.toBe(SECRET);
    // A code of the old app does not confirm the new one.
    expect((await b.post('/api/auth/totp/enable', { code: await codeAt(SECRET, 1) })).json().code).toBe('totp_invalid');
    const r = await b.post('/api/auth/totp/enable', { code: await codeAt(fresh) });
    expect(r.statusCode, r.body).toBe(200);
    expect((await b.get('/api/auth/sessions')).statusCode).toBe(200);
    expect((await other.b.get('/api/auth/sessions')).statusCode).toBe(401);
    const mails = await ownerQuery<{ template: string; locale: string; subject: string; body_text: string }>(t,
      `SELECT template, locale, subject, body_text FROM mail_outbox WHERE to_address = $1`, [u.email]);
    expect(mails).toEqual([expect.objectContaining({ template: 'auth.second_factor_changed', locale: 'de', subject: 'Ihre Authenticator-App für Kompas wurde ersetzt' })]);
    expect(mails[0].body_text).not.toContain(fresh);
    // The next sign-in takes the new app's codes only.
    const next = await signIn(u.email);
    expect((await next.b.post('/api/auth/totp/verify', { code: await codeAt(SECRET, 1) })).json().code).toBe('totp_invalid');
    expect((await next.b.post('/api/auth/totp/verify', { code: await codeAt(fresh, 1) })).statusCode).toBe(200);
    expect(await auditActions(t, u.id)).toEqual(expect.arrayContaining(['auth.totp_setup', 'auth.totp_enable']));
  });

  it('requires sign-in and refuses unknown fields', async () => {
    expect((await browser(t).post('/api/auth/totp/setup')).statusCode).toBe(401);
    const u = await createUser(t);
    const s = await sessionFor(t, u.id, { mfa: false });
    expect((await s.post('/api/auth/totp/setup', { secret: 'MINE' })).statusCode).toBe(400);
    expect((await s.post('/api/auth/totp/setup', { currentPassword: 12345 })).statusCode).toBe(400);
    expect((await s.post('/api/auth/totp/setup', { currentPassword: 'x'.repeat(1025) })).json()).toMatchObject({ code: 'validation_failed', fields: [expect.objectContaining({ field: 'currentPassword' })] });
    expect((await s.request('POST', '/api/auth/totp/setup', '{"currentPassword":', { 'content-type': 'application/json' })).statusCode).toBe(400);
    expect((await userRow(t, u.id)).totp_pending_secret).toBeNull();
  });

  it('a sealed secret does not open with another purpose key or when tampered with', async () => {
    const k = await authKeys(t.deps.config.dataDir);
    const sealed = k.seal('totp', SECRET);
    expect(k.open('oidc', sealed)).toBeNull();
    expect(k.open('totp', sealed.slice(0, -2) + (sealed.endsWith('A') ? 'BB' : 'AA'))).toBeNull();
    expect(k.open('totp', sealed)).toBe(SECRET);
  });
});
