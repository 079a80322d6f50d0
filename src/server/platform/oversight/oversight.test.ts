import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation, createTestApp, createUser, ownerQuery, type TestApp } from '../../../test/app.js';
import type { Role } from '../../../shared/roles.js';
import type { Actor } from '../authz/actor.js';
import { AppError } from '../errors.js';
import { readOversight, suppressCount, suppressGroup, SUPPRESS_BELOW, type OversightReader } from './index.js';

describe('suppression rules', () => {
  it('primary: a count below the threshold is hidden, zero included; at the threshold it shows', () => {
    expect(suppressCount(4, 5)).toEqual({ value: null, suppressed: true });
    expect(suppressCount(0, 5)).toEqual({ value: null, suppressed: true });
    expect(suppressCount(5, 5)).toEqual({ value: 5, suppressed: false });
    expect(suppressCount(9, 10)).toEqual({ value: null, suppressed: true });
  });

  it('a group with nothing small shows every cell and the total', () => {
    const g = suppressGroup({ open: 12, done: 30, late: 5 }, 5);
    expect(g.cells).toEqual({ open: { value: 12, suppressed: false }, done: { value: 30, suppressed: false }, late: { value: 5, suppressed: false } });
    expect(g.total).toEqual({ value: 47, suppressed: false });
    expect(g.hiddenCells).toBe(0);
  });

  it('complementary: one small cell beside a published total takes the next smallest with it', () => {
    // Without the rule, 47 - 12 - 30 would give late = 2 back.
    const g = suppressGroup({ open: 12, done: 30, late: 2 }, 5);
    expect(g.cells.late.suppressed).toBe(true);
    expect(g.cells.open).toEqual({ value: null, suppressed: true });
    expect(g.cells.done).toEqual({ value: 30, suppressed: false });
    expect(g.total).toEqual({ value: 44, suppressed: false });
  });

  it('complementary: hidden cells must add up to at least the threshold, so their worked-out sum is no small count', () => {
    // 1 and 2 are both small: hiding only them would publish "the hidden ones are 3 together".
    const g = suppressGroup({ a: 1, b: 2, c: 6, d: 40 }, 5);
    expect(Object.entries(g.cells).filter(([, c]) => c.suppressed).map(([k]) => k).sort()).toEqual(['a', 'b', 'c']);
    expect(g.cells.d.value).toBe(40);
    const total = g.total.value!;
    const hiddenSum = total - 40;
    expect(hiddenSum).toBeGreaterThanOrEqual(5);
  });

  it('a total below the threshold hides the total and every cell', () => {
    const g = suppressGroup({ open: 1, done: 3 }, 5);
    expect(g.total).toEqual({ value: null, suppressed: true });
    expect(Object.values(g.cells).every((c) => c.suppressed && c.value === null)).toBe(true);
  });

  it('whatever the counts, no hidden cell can be worked out from the total and the shown cells', () => {
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
    for (let i = 0; i < 500; i++) {
      const below = 3 + rnd(8);
      const counts = Object.fromEntries(['a', 'b', 'c', 'd', 'e'].slice(0, 1 + rnd(5)).map((k) => [k, rnd(3) === 0 ? rnd(below) : rnd(60)]));
      const g = suppressGroup(counts, below);
      const hidden = Object.keys(counts).filter((k) => g.cells[k].suppressed);
      expect(hidden.every((k) => g.cells[k].value === null)).toBe(true);
      for (const [k, v] of Object.entries(counts)) if (v < below) expect(g.cells[k].suppressed, k).toBe(true);
      if (!g.total.suppressed && hidden.length > 0) {
        expect(hidden.length).toBeGreaterThanOrEqual(2);
        expect(hidden.reduce((s, k) => s + counts[k], 0)).toBeGreaterThanOrEqual(below);
      }
    }
  });
});

let t: TestApp;
let aig: string;
let comiteP: string;
let zoneDefault: string;
let zoneStrict: string;
let zoneBadSetting: string;

const actorOf = async (roles: { orgId: string; role: Role }[]): Promise<Actor> => {
  const u = await createUser(t, { roles });
  return { userId: u.id, sessionId: 's', email: u.email, displayName: 'Test', locale: 'nl', mfaVerified: true, totpEnabled: false, isPlatformAdmin: false, grants: roles.map((r) => ({ organisationId: r.orgId, role: r.role })) };
};
const reader = (actor: Actor): OversightReader => ({ actor, audit: { actorUserId: actor.userId, ip: '192.0.2.7' } });
const staff = (orgId: string, n: number) =>
  ownerQuery(t, `INSERT INTO person (organisation_id, personnel_number, first_name, last_name, staff_category, start_date)
                 SELECT $1, 'P' || g, 'Voornaam', 'Naam', 'operational', '2010-01-01' FROM generate_series(1, $2) g`, [orgId, n]);
const setThreshold = (orgId: string, v: unknown) =>
  ownerQuery(t, `UPDATE organisation SET settings = jsonb_build_object('statisticsSuppressBelow', $2::jsonb) WHERE id = $1`, [orgId, JSON.stringify(v)]);
const events = (action: string) =>
  ownerQuery<{ organisation_id: string | null; actor_user_id: string; record_type: string; ip: string; details: Record<string, unknown> }>(t,
    `SELECT organisation_id, actor_user_id, record_type, host(ip) AS ip, details FROM audit_event WHERE action = $1 ORDER BY id`, [action]);

/** A headcount per organisation, read the way an oversight figure is: across organisations, in system scope. */
const headcounts = (r: OversightReader, action = 'test.oversight_read') =>
  readOversight(t.db.db, r, {
    action,
    run: async ({ tx, count }) => {
      const rows = (await tx.execute<{ id: string; n: number }>(sql`
        SELECT o.id, count(p.id)::int AS n FROM organisation o LEFT JOIN person p ON p.organisation_id = o.id GROUP BY o.id`)).rows;
      return Object.fromEntries(rows.map((x) => [x.id, count(x.id, x.n)]));
    },
    details: (res) => ({ organisations: Object.keys(res).length }),
  });

beforeAll(async () => {
  t = await createTestApp();
  aig = await createOrganisation(t, { kind: 'inspectorate', code: 'AIG-T' });
  comiteP = await createOrganisation(t, { kind: 'oversight_body', code: 'COMITE-P-T' });
  zoneDefault = await createOrganisation(t);
  zoneStrict = await createOrganisation(t);
  zoneBadSetting = await createOrganisation(t);
  await staff(zoneDefault, 5);
  await staff(zoneStrict, 9);
  await staff(zoneBadSetting, 4);
});
afterAll(async () => { await t?.close(); });

describe('readOversight', () => {
  it('runs across organisations in system scope and hides counts below each organisation\'s own threshold', async () => {
    await setThreshold(zoneStrict, 10);
    const r = await headcounts(reader(await actorOf([{ orgId: aig, role: 'oversight' }])));
    // Row-level security would show the application role no person at all outside system scope.
    expect(r[zoneDefault]).toEqual({ value: 5, suppressed: false });
    expect(r[zoneStrict]).toEqual({ value: null, suppressed: true });
    expect(r[zoneBadSetting]).toEqual({ value: null, suppressed: true });
  });

  it('takes the threshold from the settings as they are now; an invalid stored value falls back to the default', async () => {
    const a = reader(await actorOf([{ orgId: aig, role: 'oversight' }]));
    await setThreshold(zoneStrict, 9);
    expect((await headcounts(a))[zoneStrict]).toEqual({ value: 9, suppressed: false });
    await setThreshold(zoneDefault, 6);
    expect((await headcounts(a))[zoneDefault]).toEqual({ value: null, suppressed: true });
    // Below the allowed range (3-50) or not a number: the default (5) applies, as the settings contract reads it.
    await setThreshold(zoneDefault, 2);
    expect((await headcounts(a))[zoneDefault]).toEqual({ value: 5, suppressed: false });
    await setThreshold(zoneDefault, 'veel');
    expect((await headcounts(a))[zoneDefault]).toEqual({ value: 5, suppressed: false });
    expect(SUPPRESS_BELOW.default).toBe(5);
  });

  it('records the read in the reader\'s oversight organisation, with who, from where and how many cells were hidden', async () => {
    const inspector = await actorOf([{ orgId: aig, role: 'oversight' }]);
    const before = (await events('test.audited_read')).length;
    const r = await headcounts(reader(inspector), 'test.audited_read');
    const evs = (await events('test.audited_read')).slice(before);
    expect(evs).toHaveLength(1);
    const hidden = Object.values(r).filter((c) => c.suppressed).length;
    expect(hidden).toBeGreaterThan(0);
    expect(evs[0]).toEqual({ organisation_id: aig, actor_user_id: inspector.userId, record_type: 'oversight', ip: '192.0.2.7', details: { organisations: Object.keys(r).length, suppressedCells: hidden } });
  });

  it('someone in both the inspectorate and Comité P leaves the read in both trails', async () => {
    const both = await actorOf([{ orgId: aig, role: 'oversight' }, { orgId: comiteP, role: 'oversight' }]);
    await headcounts(reader(both), 'test.both_read');
    expect((await events('test.both_read')).map((e) => e.organisation_id).sort()).toEqual([aig, comiteP].sort());
  });

  it('refuses anyone without a current oversight role in an oversight organisation, before running anything or writing to the trail', async () => {
    const refused: Actor[] = [
      await actorOf([]),
      await actorOf([{ orgId: zoneDefault, role: 'chief' }, { orgId: zoneDefault, role: 'integrity_officer' }]),
      await actorOf([{ orgId: aig, role: 'administrator' }]),
      // The API refuses this grant; planted, it still gives no oversight (the organisation kind is checked).
      await actorOf([{ orgId: zoneDefault, role: 'oversight' }]),
    ];
    for (const actor of refused) {
      let ran = false;
      const err = await readOversight(t.db.db, reader(actor), { action: 'test.refused_read', run: async () => { ran = true; return 1; } }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).status).toBe(403);
      expect(ran).toBe(false);
    }
    // A grant the actor object claims but the database does not know of an oversight organisation: refused too.
    const ghost = await actorOf([]);
    ghost.grants = [{ organisationId: '00000000-0000-4000-8000-000000000000', role: 'oversight' }];
    await expect(readOversight(t.db.db, reader(ghost), { action: 'test.refused_read', run: async () => 1 })).rejects.toMatchObject({ status: 403 });
    expect(await events('test.refused_read')).toEqual([]);
  });

  it('a group read through the scope applies complementary suppression and counts hidden cells in the audit', async () => {
    const a = reader(await actorOf([{ orgId: comiteP, role: 'oversight' }]));
    const r = await readOversight(t.db.db, a, {
      action: 'test.group_read',
      run: async ({ group }) => group(zoneStrict, { open: 12, done: 30, late: 2 }),
    });
    expect(r.cells.late.suppressed && r.cells.open.suppressed).toBe(true);
    expect(r.total.value).toBe(44);
    expect((await events('test.group_read'))[0]).toMatchObject({ organisation_id: comiteP, details: { suppressedCells: 2 } });
  });

  it('a failing aggregate answers nothing and leaves no audit event', async () => {
    const a = reader(await actorOf([{ orgId: aig, role: 'oversight' }]));
    await expect(readOversight(t.db.db, a, { action: 'test.failed_read', run: async ({ tx }) => { await tx.execute(sql`SELECT 1/0`); return 1; } })).rejects.toThrow();
    expect(await events('test.failed_read')).toEqual([]);
  });
});
