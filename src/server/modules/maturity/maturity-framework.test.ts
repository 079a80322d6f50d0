import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation, createUser, ownerQuery, sessionFor, type Session, type TestApp, createTestApp } from '../../../test/app.js';
import { frameworkImportBody, type FrameworkView, type MeasurementDetail } from './contract.js';
import { maturityWorld, mBase, newMeasurement, type MaturityWorld } from './maturity.testkit.js';

/** Frameworks as versioned data: the default one in every installation, new versions by the inspectorate, measurements keep theirs. */

const file = JSON.parse(readFileSync(new URL('./frameworks/imf-v1.json', import.meta.url), 'utf8'));

let t: TestApp;
let w: MaturityWorld;
let aig: Session;
let zoneAdmin: Session;
beforeAll(async () => {
  t = await createTestApp();
  w = await maturityWorld(t);
  const inspectorate = await createOrganisation(t, { kind: 'inspectorate' });
  aig = await sessionFor(t, (await createUser(t, { roles: [{ orgId: inspectorate, role: 'administrator' }] })).id);
  zoneAdmin = await sessionFor(t, (await createUser(t, { roles: [{ orgId: w.org, role: 'administrator' }] })).id);
});
afterAll(async () => { await t.close(); });

describe('the default framework', () => {
  it('the data file passes the import contract and covers the IMF instruments, processes and structures', () => {
    const r = frameworkImportBody.safeParse(file);
    expect(r.success, JSON.stringify(r.error?.issues?.slice(0, 3))).toBe(true);
    const criteria = r.data!.criteria;
    const count = (pillar: string, fn?: string) => criteria.filter((c) => c.pillar === pillar && (fn === undefined || c.function === fn)).length;
    expect([count('instruments', 'define'), count('instruments', 'guide'), count('instruments', 'monitor'), count('instruments', 'enforce')]).toEqual([5, 4, 6, 5]);
    expect(count('processes')).toBe(4);
    expect(count('structures')).toBe(4);
    // Every text in four languages, no two languages the same where the words differ (a forgotten copy).
    for (const c of criteria) {
      for (const text of [c.title, c.description, ...c.levels]) {
        for (const l of ['nl', 'fr', 'de', 'en'] as const) expect(text[l].length, `${c.code} ${l}`).toBeGreaterThan(1);
      }
      expect(c.description.nl).not.toBe(c.description.en);
      expect(c.levels[4].fr).not.toBe(c.levels[4].en);
    }
  });

  it('is published by the migration as version 1 of imf, with the same texts as the file', async () => {
    const list = (await w.s.staff.get('/api/maturity/frameworks')).json() as { items: FrameworkView[] };
    const imf = list.items.find((f) => f.code === 'imf' && f.version === 1)!;
    expect(imf).toMatchObject({ status: 'published', criterionCount: 28 });
    const view = (await w.s.staff.get(`/api/maturity/frameworks/${imf.id}`)).json() as FrameworkView;
    expect(view.title).toEqual(file.title);
    const byCode = new Map(view.criteria.map((c) => [c.code, c]));
    for (const c of file.criteria) {
      const stored = byCode.get(c.code)!;
      expect(stored, c.code).toBeDefined();
      expect({ pillar: stored.pillar, function: stored.function, title: stored.title, description: stored.description, levels: stored.levels })
        .toEqual({ pillar: c.pillar, function: c.function ?? null, title: c.title, description: c.description, levels: c.levels });
    }
  });
});

describe('publishing a new version', () => {
  const v2 = () => ({
    ...file,
    criteria: [...file.criteria.slice(0, 27), { ...file.criteria[27], code: 'S5', title: { nl: 'Nieuw criterium', fr: 'Nouveau critère', de: 'Neues Kriterium', en: 'New criterion' } }],
  });

  it('only an administrator of the inspectorate imports and publishes; the import is validated', async () => {
    for (const s of [w.s.officer, w.s.chief, zoneAdmin]) expect((await s.post('/api/maturity/frameworks', v2())).statusCode).toBe(403);
    const bad = await aig.post('/api/maturity/frameworks', { ...file, criteria: [{ ...file.criteria[0], function: undefined }] });
    expect(bad.statusCode).toBe(400);
    const dup = await aig.post('/api/maturity/frameworks', { ...file, criteria: [file.criteria[0], file.criteria[0]] });
    expect(dup.statusCode).toBe(400);
    const fewLevels = await aig.post('/api/maturity/frameworks', { ...file, criteria: [{ ...file.criteria[0], levels: file.criteria[0].levels.slice(0, 4) }] });
    expect(fewLevels.statusCode).toBe(400);
  });

  it('old measurements keep the version they used; new ones take the newest published', async () => {
    const before = await newMeasurement(w);
    expect(before.framework.version).toBe(1);

    const draft = await aig.post('/api/maturity/frameworks', v2());
    expect(draft.statusCode, draft.body).toBe(201);
    const d = draft.json() as FrameworkView;
    expect(d).toMatchObject({ code: 'imf', version: 2, status: 'draft', criterionCount: 28 });
    // A draft is the inspectorate's: a zone neither sees it nor measures with it.
    expect((await w.s.officer.get(`/api/maturity/frameworks/${d.id}`)).statusCode).toBe(404);
    expect(((await w.s.officer.get('/api/maturity/frameworks')).json() as { items: FrameworkView[] }).items.some((f) => f.id === d.id)).toBe(false);
    const onDraft = await w.s.officer.post(mBase(w), { kind: 'yearly', year: 2026, frameworkId: d.id, assessorUserIds: [w.users.anna.id] });
    expect(onDraft.statusCode).toBe(400);
    expect((await newMeasurement(w)).framework.version).toBe(1);

    const published = await aig.post(`/api/maturity/frameworks/${d.id}/publish`);
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json()).toMatchObject({ status: 'published', current: true });
    expect((await aig.post(`/api/maturity/frameworks/${d.id}/publish`)).statusCode).toBe(409);
    expect((await aig.delete(`/api/maturity/frameworks/${d.id}`)).statusCode).toBe(409);

    const after = await newMeasurement(w);
    expect(after.framework.version).toBe(2);
    expect(after.criteria.some((r) => r.criterion.code === 'S5')).toBe(true);
    const old = (await w.s.officer.get(`${mBase(w)}/${before.id}`)).json() as MeasurementDetail;
    expect(old.framework.version).toBe(1);
    expect(old.criteria.some((r) => r.criterion.code === 'S5')).toBe(false);
    expect(old.criteria.some((r) => r.criterion.code === 'S4')).toBe(true);
    // Naming the older published version explicitly is still possible.
    const v1 = ((await w.s.officer.get('/api/maturity/frameworks')).json() as { items: FrameworkView[] }).items.find((f) => f.code === 'imf' && f.version === 1)!;
    expect(v1.current).toBe(false);
    const explicit = await w.s.officer.post(mBase(w), { kind: 'yearly', year: 2026, frameworkId: v1.id, assessorUserIds: [w.users.anna.id] });
    expect(explicit.json().framework.version).toBe(1);

    const events = await ownerQuery<{ action: string }>(t, `SELECT action FROM audit_event WHERE record_id = $1 ORDER BY id`, [d.id]);
    expect(events.map((e) => e.action)).toEqual(['maturity.framework_import', 'maturity.framework_publish']);
  });

  it('a draft can be deleted by the inspectorate', async () => {
    const d = (await aig.post('/api/maturity/frameworks', { ...file, code: 'imf-test' })).json() as FrameworkView;
    expect(d.version).toBe(1);
    expect((await aig.delete(`/api/maturity/frameworks/${d.id}`)).statusCode).toBe(204);
    expect((await aig.get(`/api/maturity/frameworks/${d.id}`)).statusCode).toBe(404);
  });
});
