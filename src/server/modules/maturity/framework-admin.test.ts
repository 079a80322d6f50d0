import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation, createTestApp, createUser, sessionFor, type Session, type TestApp } from '../../../test/app.js';
import { frameworkImportBody, type FrameworkView } from './contract.js';
import { maturityWorld, newMeasurement, type MaturityWorld } from './maturity.testkit.js';

/**
 * Framework administration by the inspectorate's administrator: the download of a version in the
 * import format (export → edit → import as the next version → publish), and the list's count of
 * measurements per version (the administrator's only).
 */

let t: TestApp;
let w: MaturityWorld;
let aig: Session;
type List = { items: FrameworkView[] };

beforeAll(async () => {
  t = await createTestApp();
  w = await maturityWorld(t);
  const inspectorate = await createOrganisation(t, { kind: 'inspectorate' });
  aig = await sessionFor(t, (await createUser(t, { roles: [{ orgId: inspectorate, role: 'administrator' }] })).id);
});
afterAll(async () => { await t.close(); });

describe('a framework version as JSON', () => {
  it('export → import as a new version → publish: the same criteria and texts, one change, old measurements keep theirs', async () => {
    const before = await newMeasurement(w);
    const current = ((await w.s.officer.get('/api/maturity/frameworks')).json() as List).items.find((f) => f.code === 'imf' && f.current)!;

    // Anybody signed in may download a published version (it is the data they measure with).
    const r = await w.s.officer.get(`/api/maturity/frameworks/${current.id}/export.json`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-type']).toContain('application/json');
    expect(r.headers['content-disposition']).toContain(`imf-v${current.version}.json`);
    const exported = JSON.parse(r.body);
    // The download is the import format as is: the import contract accepts it unchanged.
    const parsed = frameworkImportBody.safeParse(exported);
    expect(parsed.success, JSON.stringify(parsed.error?.issues?.slice(0, 3))).toBe(true);
    const view = (await w.s.officer.get(`/api/maturity/frameworks/${current.id}`)).json() as FrameworkView;
    expect(exported.criteria).toHaveLength(view.criteria.length);
    expect(exported.title).toEqual(view.title);

    // Edit one level descriptor and import: a draft of the next version with every criterion.
    exported.criteria[0].levels[4].en = 'Leading, and shared with other zones.';
    const imported = await aig.post('/api/maturity/frameworks', exported);
    expect(imported.statusCode, imported.body).toBe(201);
    const draft = imported.json() as FrameworkView;
    expect(draft).toMatchObject({ code: 'imf', version: current.version + 1, status: 'draft', criterionCount: view.criteria.length });
    const strip = (v: FrameworkView) => v.criteria.map(({ id: _id, ...c }) => c);
    const expected = strip(view);
    expected[0] = { ...expected[0], levels: expected[0].levels.map((l, i) => (i === 4 ? { ...l, en: 'Leading, and shared with other zones.' } : l)) };
    expect(strip(draft)).toEqual(expected);

    // A draft's download: the administrator only (404 for the zone, as the draft itself).
    expect((await w.s.officer.get(`/api/maturity/frameworks/${draft.id}/export.json`)).statusCode).toBe(404);
    expect((await aig.get(`/api/maturity/frameworks/${draft.id}/export.json`)).statusCode).toBe(200);

    const published = await aig.post(`/api/maturity/frameworks/${draft.id}/publish`);
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json()).toMatchObject({ status: 'published', current: true });
    // Exported again, the published version round-trips to the same import body.
    const again = JSON.parse((await aig.get(`/api/maturity/frameworks/${draft.id}/export.json`)).body);
    expect(again).toEqual(exported);

    const after = await newMeasurement(w);
    expect(after.framework.version).toBe(current.version + 1);
    const old = (await w.s.officer.get(`/api/orgs/${w.org}/maturity/measurements/${before.id}`)).json() as { framework: { version: number } };
    expect(old.framework.version).toBe(current.version);
  });

  it('an unknown framework is 404; signed out is 401', async () => {
    expect((await aig.get('/api/maturity/frameworks/00000000-0000-4000-8000-000000000000/export.json')).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/api/maturity/frameworks/00000000-0000-4000-8000-000000000000/export.json' })).statusCode).toBe(401);
  });
});

describe('the list for the administrator', () => {
  it('counts the measurements of every organisation per version for the inspectorate; null for anybody else', async () => {
    const list = async () => ((await aig.get('/api/maturity/frameworks')).json() as List).items;
    const before = await list();
    expect(before.every((f) => typeof f.measurements === 'number')).toBe(true);
    const m = await newMeasurement(w);
    const after = await list();
    const delta = (id: string) => after.find((f) => f.id === id)!.measurements! - before.find((f) => f.id === id)!.measurements!;
    // One more on the version the new measurement took, none on any other.
    for (const f of after) expect(delta(f.id), `${f.code} v${f.version}`).toBe(f.id === m.framework.id ? 1 : 0);
    const forZone = ((await w.s.officer.get('/api/maturity/frameworks')).json() as List).items;
    expect(forZone.every((f) => f.measurements === null)).toBe(true);
  });
});
