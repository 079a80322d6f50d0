import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUser, ifMatch, ownerQuery, sessionFor, type Session, type TestApp } from '../../../test/app.js';
import type { SettingsView } from './contract.js';
import { api, complaintPart, complaintsWorld, multipart, openDesk, pub, publicRequest, readComplaint, type ComplaintsWorld } from './complaints.testkit.js';
import { defaultThemes } from './defaults.js';

/**
 * The lead-time targets (acknowledgement, resolution) are edited in the desk's settings only, by
 * the coordinator or the organisation's administrator: If-Match (409 when stale), bounded (1–60
 * and 1–365 days), audited with the previous values, and the open complaints' due days move with
 * them. The organisation's own settings no longer take them.
 */
const day = '2027-05-10';
let t: TestApp;
let w: ComplaintsWorld;
let admin: Session;
beforeAll(async () => {
  t = await createTestApp({ today: () => day });
  w = await complaintsWorld(t);
  await openDesk(w);
  const a = await createUser(t, { roles: [{ orgId: w.org, role: 'administrator' }] });
  admin = await sessionFor(t, a.id);
});
afterAll(async () => { await t.close(); });

const settings = async (s: Session = w.s.coordinator) => {
  const r = await s.get(api(w, '/settings'));
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as SettingsView;
};
const bodyOf = (v: SettingsView, extra: Record<string, unknown> = {}) => ({
  open: v.open, intro: v.intro, themes: defaultThemes(), triageDays: v.triageDays, answerTemplates: v.answerTemplates, ...extra,
});
const orgRow = async () => (await ownerQuery<{ settings: Record<string, unknown>; revision: number }>(t, `SELECT settings, revision FROM organisation WHERE id = $1`, [w.org]))[0];
const dueDays = async (id: string) => Object.fromEntries((await ownerQuery<{ kind: string; due_on: string }>(t,
  `SELECT kind, due_on::text FROM deadline WHERE record_id = $1 AND completed_at IS NULL ORDER BY kind`, [id])).map((d) => [d.kind, d.due_on]));

describe('lead-time targets in the complaints settings', () => {
  it('start at 7 and 90 days; the coordinator changes them on the revision they saw; open complaints move; audited with the previous values', async () => {
    // Registered by staff: its deadlines are written at once (a citizen's filing gets them from the next morning's run).
    const m = multipart([complaintPart({ channel: 'phone', anonymous: true, what: 'Telefonisch gemeld.', language: 'nl' })]);
    const staffFiled = await w.s.coordinator.request('POST', api(w), m.payload, m.headers);
    expect(staffFiled.statusCode, staffFiled.body).toBe(201);
    const [{ id }] = await ownerQuery<{ id: string }>(t, `SELECT id FROM complaint WHERE organisation_id = $1 AND channel = 'phone'`, [w.org]);
    const before = await settings();
    expect([before.acknowledgeDays, before.resolveDays]).toEqual([7, 90]);
    const orgBefore = await orgRow();

    const r = await w.s.coordinator.put(api(w, '/settings'), bodyOf(before, { acknowledgeDays: 5, resolveDays: 60 }), ifMatch(before.revision));
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ acknowledgeDays: 5, resolveDays: 60, revision: before.revision + 1 });
    expect((await publicRequest(t, { method: 'GET', url: pub(w) })).json()).toMatchObject({ acknowledgeDays: 5, resolveDays: 60 });
    const org = await orgRow();
    expect(org.settings).toMatchObject({ complaintAcknowledgeDays: 5, complaintResolveDays: 60 });
    expect(org.revision).toBe(orgBefore.revision + 1);

    // The complaint received today is now due for acknowledgement in 5 days and resolution in 60.
    const v = await readComplaint(w.s.coordinator, w, id);
    expect(Object.fromEntries(v.deadlines.map((d) => [d.kind, d.dueOn]))).toMatchObject({ acknowledge: '2027-05-15', resolve: '2027-07-09' });
    expect(Object.values(await dueDays(id))).toEqual(expect.arrayContaining(['2027-05-15', '2027-07-09']));

    const [a] = await ownerQuery<{ actor_user_id: string; details: Record<string, unknown> }>(t, `
      SELECT actor_user_id, details FROM audit_event WHERE organisation_id = $1 AND action = 'complaints.settings_changed' ORDER BY occurred_at DESC LIMIT 1`, [w.org]);
    expect(a.actor_user_id).toBe(w.users.coordinator.id);
    expect(a.details).toMatchObject({ acknowledgeDays: 5, resolveDays: 60, previous: { acknowledgeDays: 7, resolveDays: 90 } });
  });

  it('a stale save is refused (409 with the current settings) and changes nothing', async () => {
    const now = await settings();
    const stale = await w.s.coordinator.put(api(w, '/settings'), bodyOf(now, { resolveDays: 30 }), ifMatch(now.revision - 1));
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('edit_conflict');
    expect(await settings()).toMatchObject({ resolveDays: 60, revision: now.revision });
    // Left out, the targets stay as they are.
    const kept = await w.s.coordinator.put(api(w, '/settings'), bodyOf(now), ifMatch(now.revision));
    expect(kept.json()).toMatchObject({ acknowledgeDays: 5, resolveDays: 60 });
  });

  it.each([
    ['zero days', { acknowledgeDays: 0 }, 'acknowledgeDays'],
    ['negative', { resolveDays: -3 }, 'resolveDays'],
    ['acknowledgement over 60 days', { acknowledgeDays: 61 }, 'acknowledgeDays'],
    ['resolution over a year', { resolveDays: 366 }, 'resolveDays'],
    ['not a whole number', { resolveDays: 12.5 }, 'resolveDays'],
    ['text', { acknowledgeDays: '7' }, 'acknowledgeDays'],
  ])('refuses %s with a translated error naming the field, storing nothing', async (_label, extra, field) => {
    const now = await settings();
    const org = await orgRow();
    const r = await w.s.coordinator.put(api(w, '/settings'), bodyOf(now, extra), ifMatch(now.revision));
    expect(r.statusCode).toBe(400);
    expect(r.json().code).toBe('validation_failed');
    expect(r.json().fields.map((f: { field: string }) => f.field)).toContain(field);
    expect(await settings()).toEqual(now);
    expect(await orgRow()).toEqual(org);
  });

  it('the administrator may change them too; handlers, the chief, staff and another zone may not', async () => {
    const now = await settings(admin);
    const r = await admin.put(api(w, '/settings'), bodyOf(now, { acknowledgeDays: 10 }), ifMatch(now.revision));
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().acknowledgeDays).toBe(10);
    const after = await settings();
    for (const who of ['handler', 'chief', 'staff', 'otherCoordinator'] as const) {
      expect((await w.s[who].get(api(w, '/settings'))).statusCode, who).toBe(403);
      expect((await w.s[who].put(api(w, '/settings'), bodyOf(after, { acknowledgeDays: 3 }), ifMatch(after.revision))).statusCode, who).toBe(403);
    }
    expect(await settings()).toEqual(after);
  });

  it('the organisation settings no longer take them (400 naming the field)', async () => {
    const org = await orgRow();
    const r = await admin.put(`/api/orgs/${w.org}`, { settings: { complaintResolveDays: 20 } }, ifMatch(org.revision));
    expect(r.statusCode).toBe(400);
    expect(r.json().fields.map((f: { field: string }) => f.field)).toContain('settings.complaintResolveDays');
    expect((await settings()).resolveDays).toBe(60);
  });
});
