import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation, createTestApp, createUser, ownerQuery, sessionFor, TEST_PASSWORD, type TestApp } from '../../../test/app.js';
import { withSystemTx } from '../db/tx.js';
import { auditActions, browser, inlineAuthJobs, userRow } from './testkit.js';
import { issuePasswordLink } from './service.js';

let t: TestApp;
// "Forgot password" hands the address to a background job; here it runs at once (inlineAuthJobs).
beforeAll(async () => { t = await createTestApp({ smtp: true }); t.deps.jobs = inlineAuthJobs(t); });
afterAll(async () => { await t.close(); });

type Mail = { id: string; to_address: string; locale: string; template: string; subject: string; body_text: string; stored_body: string };
/**
 * The mails to an address as the person received them: set-password links exist only in the
 * delivered mail (the outbox keeps a placeholder), so each outbox row is matched by its
 * Message-ID with what the SMTP server received.
 */
const delivered = new Map<string, string>();
async function mailsTo(email: string): Promise<Mail[]> {
  for (const m of await t.deliverMail()) delivered.set(m.messageId.replace(/^<|@.*$/g, ''), m.text);
  const rows = await ownerQuery<Omit<Mail, 'body_text'>>(t,
    `SELECT id, to_address, locale, template, subject, body_text AS stored_body FROM mail_outbox WHERE to_address = $1 ORDER BY created_at`, [email]);
  return rows.map((r) => ({ ...r, body_text: delivered.get(r.id) ?? '' }));
}
const tokenOf = (m: Mail) => /#token=([A-Za-z0-9_-]+)/.exec(m.body_text)![1];
const NEW = 'a brand new long passphrase';

describe('forgotten password', () => {
  it('always answers 202; mails a one-hour link with the token in the fragment only to an existing account', async () => {
    const u = await createUser(t, { locale: 'fr' });
    const known = await browser(t).post('/api/auth/password/forgot', { email: u.email });
    const unknown = await browser(t).post('/api/auth/password/forgot', { email: 'nobody@nowhere.be' });
    expect(known.statusCode).toBe(202);
    expect(unknown.statusCode).toBe(202);
    expect(known.body).toBe(unknown.body);
    expect(await mailsTo('nobody@nowhere.be')).toHaveLength(0);
    const [mail] = await mailsTo(u.email);
    expect(mail).toMatchObject({ template: 'auth.password_reset', locale: 'fr', subject: 'Réinitialiser votre mot de passe Kompas' });
    expect(mail.body_text).toContain(`${t.deps.config.publicUrl}/reset-password#token=`);
    expect(mail.body_text).not.toMatch(/\?token=/);
    const [row] = await ownerQuery<{ minutes: number; token_hash: string; kind: string }>(t,
      `SELECT round(extract(epoch FROM expires_at - created_at) / 60)::int AS minutes, token_hash, kind FROM password_reset WHERE user_id = $1`, [u.id]);
    expect(row).toMatchObject({ minutes: 60, kind: 'reset' });
    expect(row.token_hash).not.toBe(tokenOf(mail));
    expect(await auditActions(t, u.id)).toContain('auth.password_reset_request');
  });

  it('sends nothing for a disabled account', async () => {
    const u = await createUser(t);
    await ownerQuery(t, `UPDATE app_user SET disabled_at = now() WHERE id = $1`, [u.id]);
    expect((await browser(t).post('/api/auth/password/forgot', { email: u.email })).statusCode).toBe(202);
    expect(await mailsTo(u.email)).toHaveLength(0);
  });

  it('hostile input → 400 and no mail', async () => {
    for (const body of [{ email: 5 }, { email: 'x'.repeat(300) + '@b.be' }, { email: 'a@b.be', more: 1 }, { email: "a@b.be'; DELETE FROM app_user; --" }, { email: '<script>alert(1)</script>' }, {}]) {
      expect((await browser(t).post('/api/auth/password/forgot', body)).statusCode).toBe(400);
    }
    expect((await browser(t).post('/api/auth/password/forgot', '{', { 'content-type': 'application/json' })).json().code).toBe('invalid_json');
    const [{ n }] = await ownerQuery<{ n: number }>(t, `SELECT count(*)::int AS n FROM mail_outbox WHERE template = 'auth.password_reset' AND to_address NOT LIKE '%@test.kompas'`);
    expect(n).toBe(0);
  });
});

describe('setting a new password with the link', () => {
  it('sets the password, uses the token once, revokes every session and ends a lock', async () => {
    const u = await createUser(t);
    const s = await sessionFor(t, u.id);
    await ownerQuery(t, `UPDATE app_user SET failed_logins = 0, locked_until = now() + interval '10 minutes' WHERE id = $1`, [u.id]);
    await browser(t).post('/api/auth/password/forgot', { email: u.email });
    const token = tokenOf((await mailsTo(u.email)).at(-1)!);
    const r = await browser(t).post('/api/auth/password/reset', { token, password: NEW });
    expect(r.statusCode).toBe(204);
    expect((await s.get('/api/auth/me')).statusCode).toBe(401);
    expect(await userRow(t, u.id)).toMatchObject({ locked_until: null, failed_logins: 0 });
    expect((await browser(t).post('/api/auth/login', { email: u.email, password: NEW })).statusCode).toBe(200);
    const again = await browser(t).post('/api/auth/password/reset', { token, password: 'yet another passphrase' });
    expect(again.statusCode).toBe(400);
    expect(again.json()).toMatchObject({ code: 'reset_token_invalid', field: 'token' });
    expect(await auditActions(t, u.id)).toContain('auth.password_reset');
  });

  it('refuses an expired token and one superseded by a newer mail', async () => {
    const u = await createUser(t);
    await browser(t).post('/api/auth/password/forgot', { email: u.email });
    const older = tokenOf((await mailsTo(u.email)).at(-1)!);
    await browser(t).post('/api/auth/password/forgot', { email: u.email });
    const newer = tokenOf((await mailsTo(u.email)).at(-1)!);
    expect((await browser(t).post('/api/auth/password/reset', { token: older, password: NEW })).json().code).toBe('reset_token_invalid');
    await ownerQuery(t, `UPDATE password_reset SET expires_at = now() - interval '1 second' WHERE user_id = $1 AND used_at IS NULL`, [u.id]);
    expect((await browser(t).post('/api/auth/password/reset', { token: newer, password: NEW })).json().code).toBe('reset_token_invalid');
    expect((await browser(t).post('/api/auth/login', { email: u.email, password: TEST_PASSWORD })).statusCode).toBe(200);
  });

  it('hostile input → 400, the password unchanged and the token still usable', async () => {
    const u = await createUser(t);
    await browser(t).post('/api/auth/password/forgot', { email: u.email });
    const token = tokenOf((await mailsTo(u.email)).at(-1)!);
    const before = (await userRow(t, u.id)).password_hash;
    for (const body of [
      { token, password: 'short' },
      { token, password: 'x'.repeat(1025) },
      { token, password: NEW, userId: u.id },
      { token: 12345, password: NEW },
      { token: 'x'.repeat(129), password: NEW },
      { token: "' OR 1=1 --------", password: NEW },
      { token: '<script>alert(1)</script>', password: NEW },
      { token },
    ]) {
      expect((await browser(t).post('/api/auth/password/reset', body)).statusCode).toBe(400);
    }
    const same = await browser(t).post('/api/auth/password/reset', { token, password: u.email });
    expect(same.json()).toMatchObject({ code: 'password_same_as_email', field: 'password' });
    expect((await userRow(t, u.id)).password_hash).toBe(before);
    expect((await browser(t).post('/api/auth/password/reset', { token, password: NEW })).statusCode).toBe(204);
  });
});

describe('issuePasswordLink (invitations from other modules)', () => {
  it('mails a 7-day invitation in the account language', async () => {
    const org = await createOrganisation(t);
    const u = await createUser(t, { locale: 'de' });
    await ownerQuery(t, `UPDATE app_user SET password_hash = NULL WHERE id = $1`, [u.id]);
    await withSystemTx(t.db.db, (tx) => issuePasswordLink(tx, t.deps, u.id, 'invite', { organisationId: org }));
    const [mail] = await mailsTo(u.email);
    expect(mail).toMatchObject({ template: 'auth.invitation', locale: 'de', subject: 'Ihr Kompas-Konto' });
    expect(mail.body_text).toContain('#token=');
    expect(mail.body_text).toContain('&kind=invite');
    expect(mail.stored_body).not.toContain('token=');
    const [row] = await ownerQuery<{ days: number; kind: string }>(t, `SELECT round(extract(epoch FROM expires_at - created_at) / 86400)::int AS days, kind FROM password_reset WHERE user_id = $1`, [u.id]);
    expect(row).toEqual({ days: 7, kind: 'invite' });
    expect((await browser(t).post('/api/auth/password/reset', { token: tokenOf(mail), password: NEW })).statusCode).toBe(204);
    expect((await browser(t).post('/api/auth/login', { email: u.email, password: NEW })).statusCode).toBe(200);
  });

  it('mails exist in all four languages', async () => {
    for (const locale of ['nl', 'fr', 'de', 'en']) {
      const u = await createUser(t, { locale });
      await withSystemTx(t.db.db, (tx) => issuePasswordLink(tx, t.deps, u.id, 'reset'));
      const [mail] = await mailsTo(u.email);
      expect(mail.subject).not.toMatch(/^mail\./);
      expect(mail.body_text).toContain('#token=');
    }
    const subjects = await ownerQuery<{ subject: string }>(t, `SELECT DISTINCT subject FROM mail_outbox WHERE template = 'auth.password_reset'`);
    expect(subjects.length).toBeGreaterThanOrEqual(4);
  });
});
