import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation, createTestApp, createUser, ownerQuery, sessionFor, type TestApp } from '../../../test/app.js';
import { resolveSession } from './session.js';

let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t.close(); });

describe('resolving a session cookie', () => {
  it('gives the current grants of every organisation in one statement, and leaves no system scope behind', async () => {
    const [a, b] = [await createOrganisation(t), await createOrganisation(t)];
    const user = await createUser(t, { roles: [{ orgId: a, role: 'integrity_officer' }, { orgId: b, role: 'staff_member' }] });
    // An ended and a future assignment are not grants.
    await ownerQuery(t, `INSERT INTO role_assignment (organisation_id, user_id, role, valid_from, valid_to) VALUES ($1, $2, 'chief', '2020-01-01', '2020-12-31')`, [a, user.id]);
    await ownerQuery(t, `INSERT INTO role_assignment (organisation_id, user_id, role, valid_from) VALUES ($1, $2, 'dpo', current_date + 30)`, [b, user.id]);
    const token = (await sessionFor(t, user.id)).cookies.kompas_session;

    const actor = await resolveSession(t.db.db, token, 60);
    expect(actor?.userId).toBe(user.id);
    expect(actor?.grants.map((g) => `${g.organisationId === a ? 'A' : 'B'}:${g.role}`).sort()).toEqual(['A:integrity_officer', 'B:staff_member']);

    // The application role, outside any scope, still sees no assignment of anyone.
    const outside = await t.db.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM role_assignment`);
    expect(outside.rows[0].n).toBe(0);
    expect((await t.db.db.execute<{ s: string | null }>(sql`SELECT current_setting('kompas.scope', true) AS s`)).rows[0].s ?? '').not.toBe('system');
  });

  it('refuses a revoked session, a disabled account and a malformed token', async () => {
    const org = await createOrganisation(t);
    const user = await createUser(t, { roles: [{ orgId: org, role: 'staff_member' }] });
    const token = (await sessionFor(t, user.id)).cookies.kompas_session;
    expect(await resolveSession(t.db.db, 'x'.repeat(129), 60)).toBeNull();
    expect(await resolveSession(t.db.db, '', 60)).toBeNull();
    await ownerQuery(t, `UPDATE app_user SET disabled_at = now() WHERE id = $1`, [user.id]);
    expect(await resolveSession(t.db.db, token, 60)).toBeNull();
    await ownerQuery(t, `UPDATE app_user SET disabled_at = NULL WHERE id = $1`, [user.id]);
    expect(await resolveSession(t.db.db, token, 60)).not.toBeNull();
    await ownerQuery(t, `UPDATE user_session SET revoked_at = now() WHERE user_id = $1`, [user.id]);
    expect(await resolveSession(t.db.db, token, 60)).toBeNull();
  });
});
