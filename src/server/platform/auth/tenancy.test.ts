import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation, createTestApp, createUser, ownerQuery, sessionFor, type TestApp } from '../../../test/app.js';
import { withSystemTx } from '../db/tx.js';
import { createPasswordToken } from './personal-links.js';
import { browser } from './testkit.js';

/**
 * Accounts across organisations (docs/security.md): the attacks found by probing the platform
 * with two organisations, kept as regression tests. B is a hostile organisation whose
 * administrator holds every role there; A is the victim.
 */
let t: TestApp;
beforeAll(async () => { t = await createTestApp({ smtp: true }); });
afterAll(async () => { await t.close(); });

const NEW_PASSWORD = 'a long passphrase of my own';
const tokenIn = (text: string) => /#token=([A-Za-z0-9_-]+)/.exec(text)?.[1];

async function twoOrganisations() {
  const a = await createOrganisation(t, { name: 'Zone A' });
  const b = await createOrganisation(t, { name: 'Zone B' });
  const adminA = await createUser(t, { roles: [{ orgId: a, role: 'administrator' }] });
  const adminB = await createUser(t, { roles: [{ orgId: b, role: 'administrator' }, { orgId: b, role: 'chief' }, { orgId: b, role: 'dpo' }] });
  return { a, b, adminA: await sessionFor(t, adminA.id), adminB: await sessionFor(t, adminB.id), adminAId: adminA.id, adminBId: adminB.id };
}

const outboxBodies = async () => (await ownerQuery<{ body_text: string; subject: string }>(t, `SELECT body_text, subject FROM mail_outbox`)).map((m) => m.subject + m.body_text);

describe('inviting an address that already has an account', () => {
  it('A\'s not yet activated person: B gets no credentials, sees no link, and A\'s link keeps working', async () => {
    const { a, b, adminA, adminB } = await twoOrganisations();
    const invited = await adminA.post(`/api/orgs/${a}/users`, { email: 'victim@zone-a.be', displayName: 'Victim', locale: 'nl' });
    expect(invited.statusCode).toBe(201);
    const victimId = invited.json().id as string;

    // B "invites" the same address: the same answer as for a new one, a mail in B's outbox without any link.
    const r = await adminB.post(`/api/orgs/${b}/users`, { email: 'victim@zone-a.be', displayName: 'Anyone', locale: 'nl' });
    expect(r.statusCode).toBe(201);
    expect(Object.keys(r.json()).sort()).toEqual(['id', 'invited']);
    const outbox = await adminB.get(`/api/orgs/${b}/outbox`);
    const mine = (outbox.json().items as { id: string; to: string }[]).filter((m) => m.to === 'victim@zone-a.be');
    expect(mine).toHaveLength(1);
    const mail = await adminB.get(`/api/orgs/${b}/outbox/${mine[0].id}`);
    expect(mail.statusCode).toBe(200);
    expect(mail.json().body).not.toMatch(/token=/);
    for (const body of await outboxBodies()) expect(body).not.toMatch(/token=/);
    // B cannot act on the account itself.
    for (const action of ['disable', 'reset-second-factor']) {
      const x = await adminB.post(`/api/orgs/${b}/users/${victimId}/${action}`);
      expect(x.statusCode).toBe(403);
      expect(x.json().code).toBe('user_not_owned');
    }

    // What reaches the victim: A's set-password link (still valid) and B's invitation to sign in.
    const delivered = await t.deliverMail('victim@zone-a.be');
    expect(delivered).toHaveLength(2);
    const fromB = delivered.find((m) => m.text.includes('Zone B'))!;
    expect(tokenIn(fromB.text)).toBeUndefined();
    expect(fromB.text).toContain(`${t.deps.config.publicUrl}/sign-in`);
    const token = tokenIn(delivered.find((m) => m !== fromB)!.text)!;
    expect(token).toBeTruthy();
    expect((await browser(t).post('/api/auth/password/reset', { token, password: NEW_PASSWORD })).statusCode).toBe(204);
    expect((await browser(t).post('/api/auth/login', { email: 'victim@zone-a.be', password: NEW_PASSWORD })).statusCode).toBe(200);

    // A's DPO sees that B added one of A's people; B's trail holds B's own actions.
    const [added] = await ownerQuery<{ organisation_id: string; details: { organisationId: string } }>(t,
      `SELECT organisation_id, details FROM audit_event WHERE action = 'user.added_elsewhere' AND record_id = $1`, [victimId]);
    expect(added).toMatchObject({ organisation_id: a, details: { organisationId: b } });
    const [read] = await ownerQuery<{ organisation_id: string }>(t, `SELECT organisation_id FROM audit_event WHERE action = 'mail.read' AND record_id = $1`, [mine[0].id]);
    expect(read.organisation_id).toBe(b);
  });

  it('a platform administrator made by admin:create and not yet activated cannot be taken over through an organisation', async () => {
    const { b, adminB } = await twoOrganisations();
    const root = await createUser(t, { platformAdmin: true, email: 'root@platform.be' });
    await ownerQuery(t, `UPDATE app_user SET password_hash = NULL WHERE id = $1`, [root.id]);
    // admin:create prints this link to the operator (it never goes through the outbox).
    const cliToken = await withSystemTx(t.db.db, (tx) => createPasswordToken(tx, root.id, 'reset', 24 * 60));

    const r = await adminB.post(`/api/orgs/${b}/users`, { email: 'root@platform.be', displayName: 'Root', locale: 'en' });
    expect(r.statusCode).toBe(201);
    for (const body of await outboxBodies()) expect(body).not.toMatch(/token=/);
    const delivered = await t.deliverMail('root@platform.be');
    expect(delivered.map((m) => tokenIn(m.text))).toEqual([undefined]);
    for (const action of ['disable', 'reset-second-factor']) expect((await adminB.post(`/api/orgs/${b}/users/${root.id}/${action}`)).statusCode).toBe(403);
    // B may give the account a role in B, which gives rights in B only, never platform rights.
    expect((await adminB.post(`/api/orgs/${b}/roles`, { userId: root.id, role: 'staff_member', validFrom: '2026-01-01' })).statusCode).toBe(201);
    const [u] = await ownerQuery<{ is_platform_admin: boolean; password_hash: string | null }>(t, `SELECT is_platform_admin, password_hash FROM app_user WHERE id = $1`, [root.id]);
    expect(u).toEqual({ is_platform_admin: true, password_hash: null });
    expect((await browser(t).post('/api/auth/password/reset', { token: cliToken, password: NEW_PASSWORD })).statusCode).toBe(204);
  });

  it('answers, outbox and list look the same for a new and an existing address', async () => {
    const { a, b, adminB } = await twoOrganisations();
    const existing = await createUser(t, { roles: [{ orgId: a, role: 'integrity_officer' }], email: 'officer@zone-a.be' });
    await ownerQuery(t, `UPDATE app_user SET disabled_at = now() WHERE id = $1`, [existing.id]);
    const rNew = await adminB.post(`/api/orgs/${b}/users`, { email: 'fresh@zone-b.be', displayName: 'Fresh', locale: 'fr' });
    const rOld = await adminB.post(`/api/orgs/${b}/users`, { email: 'officer@zone-a.be', displayName: 'Officer', locale: 'fr' });
    expect([rNew.statusCode, rOld.statusCode]).toEqual([201, 201]);
    expect(rNew.json().invited).toBe(true);
    expect(rOld.json().invited).toBe(true);
    const mails = await ownerQuery<{ to_address: string; template: string; locale: string; subject: string; body_text: string; status: string }>(t,
      `SELECT to_address, template, locale, subject, body_text, status FROM mail_outbox WHERE organisation_id = $1 ORDER BY to_address`, [b]);
    expect(mails).toHaveLength(2);
    const [m1, m2] = mails;
    expect({ ...m1, to_address: '' }).toEqual({ ...m2, to_address: '' });
    const list = (await adminB.get(`/api/orgs/${b}/users`)).json().users as { email: string; displayName: string; state: string; home: boolean; roles: string[] }[];
    const entry = (email: string) => { const u = list.find((x) => x.email === email)!; return { state: u.state, roles: u.roles, named: u.displayName }; };
    expect(entry('fresh@zone-b.be')).toEqual({ state: 'invited', roles: [], named: 'Fresh' });
    expect(entry('officer@zone-a.be')).toEqual({ state: 'invited', roles: [], named: 'Officer' });
    // The role screens show the name B gave, not the account's own.
    const role = await adminB.post(`/api/orgs/${b}/roles`, { userId: rOld.json().id, role: 'staff_member', validFrom: '2026-01-01' });
    expect(role.statusCode).toBe(201);
    expect(role.json().userDisplayName).toBe('Officer');
  });

  it('takes as long for an existing address as for a new one', async () => {
    const { a, b, adminB } = await twoOrganisations();
    const samples = 20;
    const timeOf = async (email: string) => {
      const start = process.hrtime.bigint();
      const r = await adminB.post(`/api/orgs/${b}/users`, { email, displayName: 'Someone', locale: 'nl' });
      expect(r.statusCode).toBe(201);
      return Number(process.hrtime.bigint() - start) / 1e6;
    };
    const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
    /** Interleaved samples, alternating which goes first, so drift in the machine's load hits both alike. */
    async function measure(round: number) {
      const existing = [];
      for (let i = 0; i < samples + 2; i++) existing.push((await createUser(t, { roles: [{ orgId: a, role: 'staff_member' }] })).email);
      const known: number[] = [];
      const unknown: number[] = [];
      for (let i = 0; i < 2; i++) { await timeOf(existing.pop()!); await timeOf(`warm${round}-${i}-${process.pid}@zone-b.be`); }
      for (let i = 0; i < samples; i++) {
        const fresh = `new${round}-${i}-${process.pid}@zone-b.be`;
        if (i % 2 === 0) { known.push(await timeOf(existing.pop()!)); unknown.push(await timeOf(fresh)); }
        else { unknown.push(await timeOf(fresh)); known.push(await timeOf(existing.pop()!)); }
      }
      console.log(`invite timing, round ${round}: existing median ${median(known).toFixed(2)} ms, new median ${median(unknown).toFixed(2)} ms`);
      // A few milliseconds, or a twentieth of the request on a loaded machine, whichever is larger.
      return Math.abs(median(known) - median(unknown)) < Math.max(3, median(unknown) / 20);
    }
    // Other test files share the machine: one noisy round is measured again before it counts.
    expect(await measure(1) || await measure(2)).toBe(true);
  }, 240_000);
});

describe('who may act on an account', () => {
  it('the home organisation disables and resets its person even when another organisation gave them a (future) role', async () => {
    const { a, b, adminA, adminB } = await twoOrganisations();
    const person = await createUser(t, { roles: [{ orgId: a, role: 'staff_member' }], email: 'person@zone-a.be' });
    await adminB.post(`/api/orgs/${b}/users`, { email: 'person@zone-a.be', displayName: 'Person', locale: 'nl' });
    expect((await adminB.post(`/api/orgs/${b}/roles`, { userId: person.id, role: 'staff_member', validFrom: '2030-01-01' })).statusCode).toBe(201);
    expect((await adminA.post(`/api/orgs/${a}/users/${person.id}/reset-second-factor`)).statusCode).toBe(204);
    expect((await adminA.post(`/api/orgs/${a}/users/${person.id}/disable`)).statusCode).toBe(204);
    const events = await ownerQuery<{ action: string; organisation_id: string }>(t,
      `SELECT action, organisation_id FROM audit_event WHERE record_id = $1 AND action IN ('user.disable', 'user.reset_second_factor')`, [person.id]);
    expect(events.map((e) => e.organisation_id)).toEqual([a, a]);
    // B can still end the role it gave: nobody can block that.
    const roles = (await adminB.get(`/api/orgs/${b}/roles?userId=${person.id}&status=future`)).json().items as { id: string }[];
    expect((await adminB.post(`/api/orgs/${b}/roles/${roles[0].id}/withdraw`)).statusCode).toBe(200);
  });

  it('an organisation gives roles only to its members: an id learnt elsewhere is refused', async () => {
    const { a, b, adminB } = await twoOrganisations();
    const person = await createUser(t, { roles: [{ orgId: a, role: 'integrity_officer' }] });
    const r = await adminB.post(`/api/orgs/${b}/roles`, { userId: person.id, role: 'staff_member', validFrom: '2026-01-01' });
    expect(r.statusCode).toBe(400);
    expect(r.json().code).toBe('role_user_not_found');
    expect(await ownerQuery(t, `SELECT 1 FROM role_assignment WHERE organisation_id = $1 AND user_id = $2`, [b, person.id])).toHaveLength(0);
  });

  it('events about an account land in its home organisation\'s trail; a platform account\'s in the platform trail', async () => {
    const { a } = await twoOrganisations();
    const person = await createUser(t, { roles: [{ orgId: a, role: 'staff_member' }] });
    const root = await createUser(t, { platformAdmin: true });
    const { TEST_PASSWORD } = await import('../../../test/app.js');
    expect((await browser(t).post('/api/auth/login', { email: person.email, password: TEST_PASSWORD })).statusCode).toBe(200);
    expect((await browser(t).post('/api/auth/login', { email: root.email, password: TEST_PASSWORD })).statusCode).toBe(200);
    const trail = async (id: string) => (await ownerQuery<{ organisation_id: string | null }>(t,
      `SELECT organisation_id FROM audit_event WHERE action = 'auth.login' AND record_id = $1`, [id]))[0].organisation_id;
    expect(await trail(person.id)).toBe(a);
    expect(await trail(root.id)).toBeNull();
  });

  it('signing in makes the person a joined member of every organisation that added them', async () => {
    const { a, b, adminB } = await twoOrganisations();
    const person = await createUser(t, { roles: [{ orgId: a, role: 'staff_member' }], email: 'joiner@zone-a.be' });
    await adminB.post(`/api/orgs/${b}/users`, { email: 'joiner@zone-a.be', displayName: 'Joiner', locale: 'nl' });
    const state = async () => ((await adminB.get(`/api/orgs/${b}/users`)).json().users as { id: string; state: string }[]).find((u) => u.id === person.id)!.state;
    expect(await state()).toBe('invited');
    const { TEST_PASSWORD } = await import('../../../test/app.js');
    expect((await browser(t).post('/api/auth/login', { email: person.email, password: TEST_PASSWORD })).statusCode).toBe(200);
    expect(await state()).toBe('active');
  });
});

describe('mail never stores a live token', () => {
  it('invitation and reset links exist only in the delivered mail, and the token is made at send time', async () => {
    const { a, adminA } = await twoOrganisations();
    const r = await adminA.post(`/api/orgs/${a}/users`, { email: 'newcomer@zone-a.be', displayName: 'Newcomer', locale: 'de' });
    await browser(t).post('/api/auth/password/forgot', { email: 'newcomer@zone-a.be' });
    for (const body of await outboxBodies()) expect(body).not.toMatch(/token=/);
    expect(await ownerQuery(t, `SELECT 1 FROM password_reset WHERE user_id = $1`, [r.json().id])).toHaveLength(0);
    const delivered = await t.deliverMail('newcomer@zone-a.be');
    expect(delivered.length).toBeGreaterThanOrEqual(1);
    expect(delivered[0].subject).toBe('Ihr Kompas-Konto');
    expect(tokenIn(delivered[0].text)).toBeTruthy();
    expect(delivered[0].messageId).toMatch(/^<[0-9a-f-]{36}@/);
    for (const body of await outboxBodies()) expect(body).not.toMatch(/token=/);
  });
});
