import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation, createTestApp, createUser, ownerQuery, sessionFor, type Session, type TestApp } from '../../../test/app.js';
import type { Role } from '../../../shared/roles.js';

let t: TestApp;
let zoneA: string;
let zoneB: string;
let aig: string;
let adminA: { id: string };
let sAdminA: Session;
let sChiefA: Session;
let sDpoA: Session;
let sAuditorA: Session;
let sOfficerA: Session;
let sStaffA: Session;
let sAdminB: Session;
let platform: Session;
let jan: { id: string; email: string };

const mk = async (orgId: string, role: Role) => sessionFor(t, (await createUser(t, { roles: [{ orgId, role }] })).id);
const assignments = (orgId: string) => ownerQuery<Record<string, unknown>>(t, `SELECT id, user_id, role, valid_from, valid_to, withdrawn_at FROM role_assignment WHERE organisation_id = $1 ORDER BY created_at, id`, [orgId]);
const audits = (orgId: string, action: string) =>
  ownerQuery<{ record_id: string; details: Record<string, unknown>; actor_user_id: string }>(t, `SELECT record_id, details, actor_user_id FROM audit_event WHERE organisation_id = $1 AND action = $2 ORDER BY id`, [orgId, action]);
const today = () => new Date().toISOString().slice(0, 10);
const shift = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  t = await createTestApp();
  zoneA = await createOrganisation(t);
  zoneB = await createOrganisation(t);
  aig = await createOrganisation(t, { kind: 'inspectorate', code: 'AIG' });
  adminA = await createUser(t, { roles: [{ orgId: zoneA, role: 'administrator' }] });
  sAdminA = await sessionFor(t, adminA.id);
  sChiefA = await mk(zoneA, 'chief');
  sDpoA = await mk(zoneA, 'dpo');
  sAuditorA = await mk(zoneA, 'auditor');
  sOfficerA = await mk(zoneA, 'integrity_officer');
  sStaffA = await mk(zoneA, 'staff_member');
  sAdminB = await mk(zoneB, 'administrator');
  platform = await sessionFor(t, (await createUser(t, { platformAdmin: true })).id);
  jan = await createUser(t);
  // Roles go to members: zone A and the inspectorate add Jan on their Users page first.
  expect((await sAdminA.post(`/api/orgs/${zoneA}/users`, { email: jan.email, displayName: 'Jan', locale: 'nl' })).statusCode).toBe(201);
  expect((await platform.post(`/api/orgs/${aig}/users`, { email: jan.email, displayName: 'Jan', locale: 'nl' })).statusCode).toBe(201);
});
afterAll(async () => { await t?.close(); });

describe('POST /api/orgs/:orgId/roles', () => {
  it('assigns a role for a period, audited with role and user id', async () => {
    const r = await sChiefA.post(`/api/orgs/${zoneA}/roles`, { userId: jan.id, role: 'integrity_officer', validFrom: today(), validTo: shift(365) });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ userId: jan.id, role: 'integrity_officer', validFrom: today(), validTo: shift(365), status: 'current', withdrawnAt: null });
    const [ev] = await audits(zoneA, 'role.assign');
    expect(ev).toMatchObject({ record_id: r.json().id, details: { role: 'integrity_officer', userId: jan.id } });
    // the grant is effective on the next request
    const s = await sessionFor(t, jan.id);
    expect((await s.get(`/api/orgs/${zoneA}/people`)).statusCode).toBe(200);
  });

  it('refuses an overlapping assignment of the same role, but allows a later period and another role', async () => {
    const overlap = await sAdminA.post(`/api/orgs/${zoneA}/roles`, { userId: jan.id, role: 'integrity_officer', validFrom: shift(100) });
    expect(overlap.statusCode).toBe(409);
    expect(overlap.json()).toMatchObject({ code: 'role_overlap', field: 'validFrom' });
    expect((await sAdminA.post(`/api/orgs/${zoneA}/roles`, { userId: jan.id, role: 'integrity_officer', validFrom: shift(366) })).json().status).toBe('future');
    expect((await sAdminA.post(`/api/orgs/${zoneA}/roles`, { userId: jan.id, role: 'head_of_service', validFrom: today() })).statusCode).toBe(201);
  });

  it("refuses the oversight role outside the inspectorate and oversight bodies", async () => {
    const r = await sAdminA.post(`/api/orgs/${zoneA}/roles`, { userId: jan.id, role: 'oversight', validFrom: today() });
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ code: 'role_oversight_kind', field: 'role' });
    expect((await platform.post(`/api/orgs/${aig}/roles`, { userId: jan.id, role: 'oversight', validFrom: today() })).statusCode).toBe(201);
  });

  it.each([
    ['unknown role', { role: 'superuser', validFrom: '2025-01-01' }, 'role'],
    ['end before start', { role: 'dpo', validFrom: '2025-02-01', validTo: '2025-01-31' }, 'validTo'],
    ['impossible date', { role: 'dpo', validFrom: '2025-02-30' }, 'validFrom'],
    ['unknown field', { role: 'dpo', validFrom: '2025-02-01', organisationId: crypto.randomUUID() }, 'organisationId'],
    ['SQL in the role', { role: "dpo'; UPDATE role_assignment SET role='administrator'; --", validFrom: '2025-02-01' }, 'role'],
    ['missing date', { role: 'dpo' }, 'validFrom'],
  ])('rejects %s, naming the field, storing nothing', async (_l, body, field) => {
    const before = await assignments(zoneA);
    const r = await sAdminA.post(`/api/orgs/${zoneA}/roles`, { userId: jan.id, ...body });
    expect(r.statusCode).toBe(400);
    expect(r.json().fields.map((f: { field: string }) => f.field)).toContain(field);
    expect(await assignments(zoneA)).toEqual(before);
  });

  it('refuses an unknown user', async () => {
    const r = await sAdminA.post(`/api/orgs/${zoneA}/roles`, { userId: crypto.randomUUID(), role: 'dpo', validFrom: today() });
    expect(r.json()).toMatchObject({ code: 'role_user_not_found', field: 'userId' });
  });

  it('is for administrators and chiefs: others get 403 and nothing is stored', async () => {
    const before = await assignments(zoneA);
    for (const s of [sDpoA, sAuditorA, sOfficerA, sStaffA, sAdminB]) {
      expect((await s.post(`/api/orgs/${zoneA}/roles`, { userId: jan.id, role: 'administrator', validFrom: today() })).statusCode).toBe(403);
    }
    expect(await assignments(zoneA)).toEqual(before);
  });

  it('answers malformed JSON with 400', async () => {
    const r = await sAdminA.request('POST', `/api/orgs/${zoneA}/roles`, '{"role":', { 'content-type': 'application/json' });
    expect(r.json().code).toBe('invalid_json');
  });
});

describe('GET /api/orgs/:orgId/roles', () => {
  it('lists current assignments for administrators, chiefs, the DPO and the auditor', async () => {
    for (const s of [sAdminA, sChiefA, sDpoA, sAuditorA]) {
      const r = await s.get(`/api/orgs/${zoneA}/roles?userId=${jan.id}`);
      expect(r.statusCode).toBe(200);
      expect(r.json().items.map((a: { role: string }) => a.role).sort()).toEqual(['head_of_service', 'integrity_officer']);
    }
    expect((await sDpoA.get(`/api/orgs/${zoneA}/roles?status=future`)).json().items).toMatchObject([{ role: 'integrity_officer', userId: jan.id, status: 'future' }]);
    expect((await sDpoA.get(`/api/orgs/${zoneA}/roles?role=administrator`)).json().items).toMatchObject([{ userId: adminA.id }]);
    expect((await sDpoA.get(`/api/orgs/${zoneA}/roles?status=all&userId=${jan.id}`)).json().items).toHaveLength(3);
  });

  it('is closed to integrity officers, staff and other zones; bad filters are 400', async () => {
    for (const s of [sOfficerA, sStaffA, sAdminB]) expect((await s.get(`/api/orgs/${zoneA}/roles`)).statusCode).toBe(403);
    expect((await sAdminA.get(`/api/orgs/${zoneA}/roles?status=expired`)).statusCode).toBe(400);
    expect((await sAdminA.get(`/api/orgs/${zoneA}/roles?role=root`)).statusCode).toBe(400);
    expect((await sAdminA.get(`/api/orgs/${zoneA}/roles?foo=bar`)).statusCode).toBe(400);
  });
});

describe('POST /api/orgs/:orgId/roles/:assignmentId/withdraw', () => {
  it('withdraws a current assignment, keeps the row, audits it, and the grant stops at once', async () => {
    const [a] = (await sAdminA.get(`/api/orgs/${zoneA}/roles?userId=${jan.id}&role=integrity_officer`)).json().items;
    const r = await sAdminA.post(`/api/orgs/${zoneA}/roles/${a.id}/withdraw`);
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ id: a.id, status: 'withdrawn', withdrawnBy: adminA.id });
    expect(r.json().withdrawnAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect((await audits(zoneA, 'role.withdraw')).at(-1)).toMatchObject({ record_id: a.id, actor_user_id: adminA.id, details: { role: 'integrity_officer', userId: jan.id } });
    expect((await sAdminA.get(`/api/orgs/${zoneA}/roles?status=past&userId=${jan.id}`)).json().items).toMatchObject([{ id: a.id, status: 'withdrawn' }]);
    const again = await sAdminA.post(`/api/orgs/${zoneA}/roles/${a.id}/withdraw`);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('role_already_withdrawn');
  });

  it('refuses to withdraw an assignment that already ended', async () => {
    const [{ id }] = await ownerQuery<{ id: string }>(t, `INSERT INTO role_assignment (organisation_id, user_id, role, valid_from, valid_to) VALUES ($1, $2, 'dpo', '2020-01-01', '2020-12-31') RETURNING id`, [zoneA, jan.id]);
    expect((await sAdminA.post(`/api/orgs/${zoneA}/roles/${id}/withdraw`)).json().code).toBe('role_already_ended');
  });

  it('cannot withdraw the last current administrator (409), but can once another is appointed', async () => {
    const [mine] = (await sAdminA.get(`/api/orgs/${zoneA}/roles?role=administrator`)).json().items;
    const r = await sChiefA.post(`/api/orgs/${zoneA}/roles/${mine.id}/withdraw`);
    expect(r.statusCode).toBe(409);
    expect(r.json().code).toBe('role_last_administrator');
    // a future administrator does not count: the organisation would be without one until then
    const future = await sChiefA.post(`/api/orgs/${zoneA}/roles`, { userId: jan.id, role: 'administrator', validFrom: shift(10) });
    expect((await sChiefA.post(`/api/orgs/${zoneA}/roles/${mine.id}/withdraw`)).statusCode).toBe(409);
    await sChiefA.post(`/api/orgs/${zoneA}/roles/${future.json().id}/withdraw`);
    expect((await sChiefA.post(`/api/orgs/${zoneA}/roles`, { userId: jan.id, role: 'administrator', validFrom: today() })).statusCode).toBe(201);
    expect((await sChiefA.post(`/api/orgs/${zoneA}/roles/${mine.id}/withdraw`)).statusCode).toBe(200);
    expect((await sAdminA.get(`/api/orgs/${zoneA}`)).statusCode).toBe(403); // no role left in zone A
  });

  it('isolates tenants: an assignment of zone B is not found through zone A, and stays', async () => {
    const [b] = (await sAdminB.get(`/api/orgs/${zoneB}/roles`)).json().items;
    const sJanAdmin = await sessionFor(t, jan.id);
    expect((await sJanAdmin.post(`/api/orgs/${zoneA}/roles/${b.id}/withdraw`)).statusCode).toBe(404);
    expect((await sJanAdmin.post(`/api/orgs/${zoneB}/roles/${b.id}/withdraw`)).statusCode).toBe(403);
    expect((await sJanAdmin.get(`/api/orgs/${zoneB}/roles`)).statusCode).toBe(403);
    expect((await ownerQuery<{ withdrawn_at: null }>(t, `SELECT withdrawn_at FROM role_assignment WHERE id = $1`, [b.id]))[0].withdrawn_at).toBeNull();
    expect((await sJanAdmin.post(`/api/orgs/${zoneA}/roles/not-a-uuid/withdraw`)).statusCode).toBe(400);
    expect((await sJanAdmin.post(`/api/orgs/${zoneA}/roles/${crypto.randomUUID()}/withdraw`, { reason: 'x' })).statusCode).toBe(400);
  });
});
