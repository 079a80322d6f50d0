import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation, createTestApp, createUser, ownerQuery, sessionFor, type TestApp } from '../../../test/app.js';
import { userRow } from './testkit.js';

let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t.close(); });

const countUsers = async (email: string) => (await ownerQuery<{ n: number }>(t, `SELECT count(*)::int AS n FROM app_user WHERE email = $1`, [email]))[0].n;

describe('listing the accounts of an organisation', () => {
  it('shows the organisation\'s members with their current roles, to administrator, chief, DPO and auditor', async () => {
    const org = await createOrganisation(t);
    const other = await createOrganisation(t);
    const admin = await createUser(t, { roles: [{ orgId: org, role: 'administrator' }] });
    const staff = await createUser(t, { roles: [{ orgId: org, role: 'staff_member' }, { orgId: org, role: 'head_of_service' }] });
    const outsider = await createUser(t, { roles: [{ orgId: other, role: 'staff_member' }] });
    const withdrawn = await createUser(t, { roles: [{ orgId: org, role: 'staff_member' }] });
    await ownerQuery(t, `UPDATE role_assignment SET withdrawn_at = now() WHERE user_id = $1`, [withdrawn.id]);
    const r = await (await sessionFor(t, admin.id)).get(`/api/orgs/${org}/users`);
    expect(r.statusCode).toBe(200);
    const users = r.json().users as { id: string; roles: string[] }[];
    // A member whose roles ended stays listed (without roles), so the organisation can give new ones.
    expect(users.map((u) => u.id).sort()).toEqual([admin.id, staff.id, withdrawn.id].sort());
    expect(users.find((u) => u.id === staff.id)!.roles).toEqual(['head_of_service', 'staff_member']);
    expect(users.find((u) => u.id === withdrawn.id)!.roles).toEqual([]);
    expect(users.some((u) => u.id === outsider.id)).toBe(false);
    for (const role of ['chief', 'dpo', 'auditor'] as const) {
      const reader = await createUser(t, { roles: [{ orgId: org, role }] });
      expect((await (await sessionFor(t, reader.id)).get(`/api/orgs/${org}/users`)).statusCode).toBe(200);
    }
    const [ev] = await ownerQuery<{ n: number }>(t, `SELECT count(*)::int AS n FROM audit_event WHERE action = 'user.list' AND organisation_id = $1`, [org]);
    expect(ev.n).toBeGreaterThanOrEqual(4);
  });

  it('refuses staff members and administrators of another organisation', async () => {
    const org = await createOrganisation(t);
    const other = await createOrganisation(t);
    const staff = await createUser(t, { roles: [{ orgId: org, role: 'staff_member' }] });
    const foreignAdmin = await createUser(t, { roles: [{ orgId: other, role: 'administrator' }] });
    expect((await (await sessionFor(t, staff.id)).get(`/api/orgs/${org}/users`)).statusCode).toBe(403);
    expect((await (await sessionFor(t, foreignAdmin.id)).get(`/api/orgs/${org}/users`)).statusCode).toBe(403);
    expect((await (await sessionFor(t, foreignAdmin.id)).get(`/api/orgs/not-a-uuid/users`)).statusCode).toBe(403);
  });
});

describe('creating accounts', () => {
  it('an administrator creates an account without password and it receives an invitation', async () => {
    const org = await createOrganisation(t);
    const admin = await createUser(t, { roles: [{ orgId: org, role: 'administrator' }] });
    const r = await (await sessionFor(t, admin.id)).post(`/api/orgs/${org}/users`, { email: ' Jan.Peeters@PZ-Test.be ', displayName: 'Jan Peeters', locale: 'nl' });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toEqual({ id: expect.any(String), invited: true });
    const u = await userRow(t, r.json().id);
    expect(u).toMatchObject({ password_hash: null, locale: 'nl' });
    const [mail] = await ownerQuery<{ template: string; organisation_id: string; to_address: string }>(t, `SELECT template, organisation_id, to_address FROM mail_outbox WHERE to_address = 'jan.peeters@pz-test.be'`);
    expect(mail).toEqual({ template: 'auth.invitation', organisation_id: org, to_address: 'jan.peeters@pz-test.be' });
    const [ev] = await ownerQuery<{ actor_user_id: string; organisation_id: string }>(t, `SELECT actor_user_id, organisation_id FROM audit_event WHERE action = 'user.invite' AND record_id = $1`, [r.json().id]);
    expect((await userRow(t, r.json().id) as unknown as { home_organisation_id: string }).home_organisation_id).toBe(org);
    expect(ev).toEqual({ actor_user_id: admin.id, organisation_id: org });
  });

  it('adds an existing account by e-mail without changing it or sending it credentials', async () => {
    const org = await createOrganisation(t);
    const chief = await createUser(t, { roles: [{ orgId: org, role: 'chief' }] });
    const existing = await createUser(t);
    const r = await (await sessionFor(t, chief.id)).post(`/api/orgs/${org}/users`, { email: existing.email, displayName: 'Someone Else', locale: 'fr' });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toEqual({ id: existing.id, invited: true });
    expect(await countUsers(existing.email)).toBe(1);
    expect((await userRow(t, existing.id)).locale).toBe('en');
    // The mail only invites to sign in: the link is made at send time, and is the sign-in page for a working account.
    const mails = await ownerQuery<{ personal_link_kind: string; body_text: string }>(t, `SELECT personal_link_kind, body_text FROM mail_outbox WHERE to_address = $1`, [existing.email]);
    expect(mails).toHaveLength(1);
    expect(mails[0].personal_link_kind).toBe('sign_in');
    expect(mails[0].body_text).not.toContain('token=');
  });

  it('a staff member cannot create accounts; an administrator cannot create them in another organisation', async () => {
    const org = await createOrganisation(t);
    const other = await createOrganisation(t);
    const staff = await createUser(t, { roles: [{ orgId: org, role: 'staff_member' }] });
    const dpo = await createUser(t, { roles: [{ orgId: org, role: 'dpo' }] });
    const foreignAdmin = await createUser(t, { roles: [{ orgId: other, role: 'administrator' }] });
    const body = { email: 'intruder@pz-test.be', displayName: 'Intruder', locale: 'nl' };
    expect((await (await sessionFor(t, staff.id)).post(`/api/orgs/${org}/users`, body)).statusCode).toBe(403);
    expect((await (await sessionFor(t, dpo.id)).post(`/api/orgs/${org}/users`, body)).statusCode).toBe(403);
    expect((await (await sessionFor(t, foreignAdmin.id)).post(`/api/orgs/${org}/users`, body)).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: `/api/orgs/${org}/users`, payload: body })).statusCode).toBe(403); // no CSRF, no session
    expect(await countUsers('intruder@pz-test.be')).toBe(0);
  });

  it('an administrator without second factor is stopped before anything happens', async () => {
    const org = await createOrganisation(t);
    const admin = await createUser(t, { roles: [{ orgId: org, role: 'administrator' }] });
    const r = await (await sessionFor(t, admin.id, { mfa: false })).post(`/api/orgs/${org}/users`, { email: 'new@pz-test.be', displayName: 'New', locale: 'nl' });
    expect(r.json().code).toBe('mfa_setup_required');
    expect(await countUsers('new@pz-test.be')).toBe(0);
  });

  it('hostile input → 400 and nothing stored', async () => {
    const org = await createOrganisation(t);
    const admin = await createUser(t, { roles: [{ orgId: org, role: 'administrator' }] });
    const s = await sessionFor(t, admin.id);
    const bodies = [
      { email: 'a@pz-test.be', displayName: 'A', locale: 'nl', isPlatformAdmin: true },
      { email: 'a@pz-test.be', displayName: 'A', locale: 'xx' },
      { email: 'a@pz-test.be', displayName: 'x'.repeat(201), locale: 'nl' },
      { email: 'a@pz-test.be', displayName: '', locale: 'nl' },
      { email: ['a@pz-test.be'], displayName: 'A', locale: 'nl' },
      { email: "x'); DROP TABLE app_user; --", displayName: 'A', locale: 'nl' },
      { email: 'a@pz-test.be', displayName: 123, locale: 'nl' },
    ];
    for (const b of bodies) expect((await s.post(`/api/orgs/${org}/users`, b)).statusCode).toBe(400);
    expect((await s.post(`/api/orgs/${org}/users`, '{"email"', { 'content-type': 'application/json' })).statusCode).toBe(400);
    expect(await countUsers('a@pz-test.be')).toBe(0);
    // A script in the display name is stored verbatim as text, never interpreted.
    const r = await s.post(`/api/orgs/${org}/users`, { email: 'script@pz-test.be', displayName: '<script>alert(1)</script>', locale: 'nl' });
    expect(r.statusCode).toBe(201);
    const [row] = await ownerQuery<{ display_name: string }>(t, `SELECT display_name FROM app_user WHERE id = $1`, [r.json().id]);
    expect(row.display_name).toBe('<script>alert(1)</script>');
    expect(r.headers['content-type']).toMatch(/application\/json/);
  });

  it('a platform administrator may create in any organisation; an unknown organisation is 404', async () => {
    const org = await createOrganisation(t);
    const root = await createUser(t, { platformAdmin: true });
    const s = await sessionFor(t, root.id);
    expect((await s.post(`/api/orgs/${org}/users`, { email: 'p1@pz-test.be', displayName: 'P1', locale: 'en' })).statusCode).toBe(201);
    const missing = await s.post(`/api/orgs/00000000-0000-4000-8000-000000000000/users`, { email: 'p2@pz-test.be', displayName: 'P2', locale: 'en' });
    expect(missing.statusCode).toBe(404);
    expect(await countUsers('p2@pz-test.be')).toBe(0);
  });
});

describe('disabling accounts', () => {
  it('an administrator disables an account the organisation owns; its sessions end', async () => {
    const org = await createOrganisation(t);
    const admin = await createUser(t, { roles: [{ orgId: org, role: 'administrator' }] });
    const target = await createUser(t, { roles: [{ orgId: org, role: 'staff_member' }] });
    const targetSession = await sessionFor(t, target.id);
    const r = await (await sessionFor(t, admin.id)).post(`/api/orgs/${org}/users/${target.id}/disable`);
    expect(r.statusCode).toBe(204);
    expect((await userRow(t, target.id)).disabled_at).not.toBeNull();
    expect((await targetSession.get('/api/auth/me')).statusCode).toBe(401);
    const [ev] = await ownerQuery<{ organisation_id: string }>(t, `SELECT organisation_id FROM audit_event WHERE action = 'user.disable' AND record_id = $1`, [target.id]);
    expect(ev.organisation_id).toBe(org);
  });

  it('refuses accounts owned elsewhere (even with a role here), accounts of another organisation, oneself, and non-administrators', async () => {
    const org = await createOrganisation(t);
    const other = await createOrganisation(t);
    const admin = await createUser(t, { roles: [{ orgId: org, role: 'administrator' }] });
    const chief = await createUser(t, { roles: [{ orgId: org, role: 'chief' }] });
    // Owned by `other`, with a role here too.
    const shared = await createUser(t, { roles: [{ orgId: other, role: 'staff_member' }, { orgId: org, role: 'staff_member' }] });
    const foreign = await createUser(t, { roles: [{ orgId: other, role: 'staff_member' }] });
    const s = await sessionFor(t, admin.id);
    const sharedR = await s.post(`/api/orgs/${org}/users/${shared.id}/disable`);
    expect(sharedR.statusCode).toBe(403);
    expect(sharedR.json().code).toBe('user_not_owned');
    expect((await s.post(`/api/orgs/${org}/users/${foreign.id}/disable`)).statusCode).toBe(404);
    expect((await s.post(`/api/orgs/${other}/users/${foreign.id}/disable`)).statusCode).toBe(403);
    expect((await s.post(`/api/orgs/${org}/users/${admin.id}/disable`)).json().code).toBe('cannot_disable_self');
    expect((await (await sessionFor(t, chief.id)).post(`/api/orgs/${org}/users/${shared.id}/disable`)).statusCode).toBe(403);
    for (const id of [shared.id, foreign.id, admin.id]) expect((await userRow(t, id)).disabled_at).toBeNull();
  });

  it('a platform administrator disables any account, in whichever organisation it is listed', async () => {
    const org = await createOrganisation(t);
    const other = await createOrganisation(t);
    const root = await createUser(t, { platformAdmin: true });
    const shared = await createUser(t, { roles: [{ orgId: org, role: 'staff_member' }, { orgId: other, role: 'staff_member' }] });
    expect((await (await sessionFor(t, root.id)).post(`/api/orgs/${org}/users/${shared.id}/disable`)).statusCode).toBe(204);
    expect((await userRow(t, shared.id)).disabled_at).not.toBeNull();
  });
});
