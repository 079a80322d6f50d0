import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation, createTestApp, createUser, ownerQuery, sessionFor, type TestApp } from '../../../test/app.js';
import type { Role } from '../../../shared/roles.js';
import { renderMail } from '../mail/index.js';
import './messages.js';

let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t.close(); });

const SECRET = 'enc:v1:sealed-test-secret';
const url = (org: string, user: string) => `/api/orgs/${org}/users/${user}/reset-second-factor`;

/** A person with an active authenticator, a half-finished new one and a used time step. */
async function withAuthenticator(roles: { orgId: string; role: Role }[], locale = 'nl') {
  const u = await createUser(t, { roles, totpSecret: SECRET, locale });
  await ownerQuery(t, `UPDATE app_user SET totp_pending_secret = 'enc:v1:pending', totp_last_step = 123 WHERE id = $1`, [u.id]);
  return u;
}

async function factor(userId: string) {
  const [r] = await ownerQuery<{ totp_secret: string | null; totp_pending_secret: string | null; totp_enabled_at: Date | null; totp_last_step: number | null }>(t,
    `SELECT totp_secret, totp_pending_secret, totp_enabled_at, totp_last_step FROM app_user WHERE id = $1`, [userId]);
  return r;
}
const intact = async (userId: string) => expect((await factor(userId)).totp_secret).toBe(SECRET);
const mailsTo = (email: string) => ownerQuery<{ template: string; organisation_id: string; locale: string; subject: string; body_text: string }>(t,
  `SELECT template, organisation_id, locale, subject, body_text FROM mail_outbox WHERE to_address = $1`, [email]);
const audits = (userId: string) => ownerQuery<{ actor_user_id: string; organisation_id: string; details: Record<string, unknown> }>(t,
  `SELECT actor_user_id, organisation_id, details FROM audit_event WHERE action = 'user.reset_second_factor' AND record_id = $1`, [userId]);

describe('resetting a second factor (lost phone)', () => {
  it('the administrator resets it: secret, pending secret, date and step cleared, sessions ended, mail queued, audited', async () => {
    const org = await createOrganisation(t);
    const admin = await createUser(t, { roles: [{ orgId: org, role: 'administrator' }] });
    const target = await withAuthenticator([{ orgId: org, role: 'integrity_officer' }], 'fr');
    const targetSession = await sessionFor(t, target.id);
    expect((await targetSession.get('/api/auth/me')).statusCode).toBe(200);

    const r = await (await sessionFor(t, admin.id)).post(url(org, target.id));
    expect(r.statusCode).toBe(204);
    expect(await factor(target.id)).toEqual({ totp_secret: null, totp_pending_secret: null, totp_enabled_at: null, totp_last_step: null });
    expect((await targetSession.get('/api/auth/me')).statusCode).toBe(401);
    const [open] = await ownerQuery<{ n: number }>(t, `SELECT count(*)::int AS n FROM user_session WHERE user_id = $1 AND revoked_at IS NULL`, [target.id]);
    expect(open.n).toBe(0);

    const mails = await mailsTo(target.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ template: 'auth.second_factor_reset', organisation_id: org, locale: 'fr' });
    expect(mails[0].body_text).toContain('intégrité');
    expect(await audits(target.id)).toEqual([{ actor_user_id: admin.id, organisation_id: org, details: { hadSecondFactor: true, revokedSessions: 1 } }]);
  });

  it('the mail exists in the four languages and says what happens next', () => {
    const texts = (['nl', 'fr', 'de', 'en'] as const).map((locale) => renderMail({ locale, template: 'auth.second_factor_reset', params: {} }));
    expect(new Set(texts.map((m) => m.subject)).size).toBe(4);
    expect(texts[3].text).toMatch(/next sign-in/);
    expect(texts[3].text).toMatch(/integrity officer/);
    expect(texts[0].text).toMatch(/integriteit/);
    expect(texts[2].text).toMatch(/Integrität/);
  });

  it('the person then has to set up a new authenticator at sign-in', async () => {
    const org = await createOrganisation(t);
    const admin = await createUser(t, { roles: [{ orgId: org, role: 'administrator' }] });
    const target = await withAuthenticator([{ orgId: org, role: 'confidential_counsellor' }]);
    expect((await (await sessionFor(t, admin.id)).post(url(org, target.id))).statusCode).toBe(204);
    const fresh = await sessionFor(t, target.id, { mfa: false });
    const me = (await fresh.get('/api/auth/me')).json();
    expect(me).toMatchObject({ totpEnabled: false, mfaRequired: true, mfaVerified: false });
    expect((await fresh.get(`/api/orgs/${org}/users`)).json().code).toBe('mfa_setup_required');
  });

  it('a platform administrator resets it anywhere, also for an account with roles in several organisations', async () => {
    const org = await createOrganisation(t);
    const other = await createOrganisation(t);
    const root = await createUser(t, { platformAdmin: true });
    const shared = await withAuthenticator([{ orgId: org, role: 'staff_member' }, { orgId: other, role: 'dpo' }]);
    expect((await (await sessionFor(t, root.id)).post(url(org, shared.id), {})).statusCode).toBe(204);
    expect((await factor(shared.id)).totp_secret).toBeNull();
    expect(await audits(shared.id)).toHaveLength(1);
  });

  it('a platform administrator resetting through one organisation an account owned by another: the mail lands in the owner\'s outbox', async () => {
    const org = await createOrganisation(t);
    const other = await createOrganisation(t);
    const root = await createUser(t, { platformAdmin: true });
    const shared = await withAuthenticator([{ orgId: other, role: 'staff_member' }, { orgId: org, role: 'staff_member' }]);
    expect((await (await sessionFor(t, root.id)).post(url(org, shared.id), {})).statusCode).toBe(204);
    expect((await factor(shared.id)).totp_secret).toBeNull();
    const [mail] = await ownerQuery<{ organisation_id: string }>(t, `SELECT organisation_id FROM mail_outbox WHERE to_address = $1`, [shared.email]);
    expect(mail.organisation_id).toBe(other);
  });

  it('refuses the chief, the DPO, staff, a session without second factor, and anonymous callers; nothing changes', async () => {
    const org = await createOrganisation(t);
    const target = await withAuthenticator([{ orgId: org, role: 'staff_member' }]);
    for (const role of ['chief', 'dpo', 'auditor', 'staff_member', 'integrity_officer'] as const) {
      const u = await createUser(t, { roles: [{ orgId: org, role }] });
      expect((await (await sessionFor(t, u.id)).post(url(org, target.id))).statusCode).toBe(403);
    }
    const admin = await createUser(t, { roles: [{ orgId: org, role: 'administrator' }] });
    const unverified = await (await sessionFor(t, admin.id, { mfa: false })).post(url(org, target.id));
    expect(unverified.statusCode).toBe(403);
    expect(unverified.json().code).toBe('mfa_setup_required');
    expect((await t.app.inject({ method: 'POST', url: url(org, target.id), payload: {} })).statusCode).toBe(403);
    await intact(target.id);
    expect(await mailsTo(target.email)).toHaveLength(0);
    expect(await audits(target.id)).toHaveLength(0);
  });

  it('an administrator cannot reset their own (409) nor that of a platform administrator', async () => {
    const org = await createOrganisation(t);
    const admin = await withAuthenticator([{ orgId: org, role: 'administrator' }]);
    const s = await sessionFor(t, admin.id);
    const own = await s.post(url(org, admin.id));
    expect(own.statusCode).toBe(409);
    expect(own.json()).toMatchObject({ code: 'cannot_reset_own_second_factor', field: 'userId' });
    await intact(admin.id);
    expect((await s.get('/api/auth/me')).statusCode).toBe(200); // own session untouched

    const root = await createUser(t, { platformAdmin: true, roles: [{ orgId: org, role: 'staff_member' }], totpSecret: SECRET });
    expect((await s.post(url(org, root.id))).statusCode).toBe(403);
    await intact(root.id);
  });

  it('tenant isolation: another organisation\'s user is not found, an account owned elsewhere is refused, another organisation\'s route is forbidden', async () => {
    const org = await createOrganisation(t);
    const other = await createOrganisation(t);
    const admin = await createUser(t, { roles: [{ orgId: org, role: 'administrator' }] });
    const foreign = await withAuthenticator([{ orgId: other, role: 'staff_member' }]);
    // Owned by `other` (its first role), with a role here too.
    const shared = await withAuthenticator([{ orgId: other, role: 'staff_member' }, { orgId: org, role: 'staff_member' }]);
    const s = await sessionFor(t, admin.id);
    const foreignSession = await sessionFor(t, foreign.id);

    expect((await s.post(url(org, foreign.id))).statusCode).toBe(404);
    expect((await s.post(url(other, foreign.id))).statusCode).toBe(403);
    const sharedR = await s.post(url(org, shared.id));
    expect(sharedR.statusCode).toBe(403);
    expect(sharedR.json().code).toBe('user_not_owned');
    expect((await s.post(url(org, '00000000-0000-4000-8000-000000000000'))).statusCode).toBe(404);

    for (const u of [foreign, shared]) {
      await intact(u.id);
      expect(await mailsTo(u.email)).toHaveLength(0);
      expect(await audits(u.id)).toHaveLength(0);
    }
    expect((await foreignSession.get('/api/auth/me')).statusCode).toBe(200);
  });

  it('hostile input: bad ids, a body with fields, wrong types and malformed JSON → 4xx and nothing changes', async () => {
    const org = await createOrganisation(t);
    const admin = await createUser(t, { roles: [{ orgId: org, role: 'administrator' }] });
    const target = await withAuthenticator([{ orgId: org, role: 'staff_member' }]);
    const s = await sessionFor(t, admin.id);
    for (const bad of ['not-a-uuid', "1' OR '1'='1", '%3Cscript%3E']) {
      expect((await s.post(url(org, bad))).statusCode).toBe(400);
    }
    expect((await s.post(url(org, 'x'.repeat(300)))).statusCode).toBe(414); // oversized path parameter
    expect((await s.post(`/api/orgs/not-a-uuid/users/${target.id}/reset-second-factor`)).statusCode).toBe(403);
    for (const body of [{ userId: admin.id }, { totpSecret: null }, { confirm: true }, [], 'reset']) {
      const r = await s.post(url(org, target.id), body);
      expect(r.statusCode, JSON.stringify(body)).toBe(typeof body === 'string' ? 415 : 400); // a bare string goes as text/plain
    }
    expect((await s.post(url(org, target.id), '{"confirm":', { 'content-type': 'application/json' })).statusCode).toBe(400);
    await intact(target.id);
    expect(await mailsTo(target.email)).toHaveLength(0);
    expect(await audits(target.id)).toHaveLength(0);
  });
});
