import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ifMatch, ownerQuery, type Session, type TestApp } from '../../../test/app.js';
import type { MeasurementDetail } from './contract.js';
import type { EvidenceItem, EvidenceList, LinkableRecords } from './evidence-contract.js';
import { consolidateAll, maturityWorld, mBase, newMeasurement, scoreAll, type MaturityWorld } from './maturity.testkit.js';

/**
 * A score's evidence linking to a record of the risk module (risk/linkable.ts): a completed risk
 * analysis is offered to, and linkable by, an assessor who may read it in the same organisation,
 * never one of another organisation, never one still open; its title shows in the score's evidence
 * only to readers the risk module lets read it.
 */

let t: TestApp;
let w: MaturityWorld;
let completedId: string;
let openId: string;
let otherCompletedId: string;

const risk = (org: string) => `/api/orgs/${org}/risk`;
const url = (m: { id: string }, rest = '', org = w.org) => `${mBase(w, org)}/${m.id}${rest}`;

/** An analysis by `officer` over one new process with `participants`; completed unless `complete` is false. */
async function analysis(officer: Session, org: string, title: string, participants: string[], complete = true): Promise<string> {
  const p = await officer.post(`${risk(org)}/processes`, { kind: 'process', name: `${title} proces` });
  expect(p.statusCode, p.body).toBe(201);
  const a = await officer.post(`${risk(org)}/analyses`, { title, scopeNote: '', processIds: [p.json().id], participantUserIds: participants });
  expect(a.statusCode, a.body).toBe(201);
  const id = a.json().id as string;
  for (const step of ['start', 'consolidate']) expect((await officer.post(`${risk(org)}/analyses/${id}/${step}`)).statusCode).toBe(200);
  if (!complete) return id;
  const agree = await officer.put(`${risk(org)}/analyses/${id}/consolidation/${p.json().id}`, {
    inherent: { money: 1, goods: 1, information: 1, power: 1, external: 1 },
    aggravating: { supervision: 1, combined_duties: 1, pressure: 1, rotation: 1 },
    likelihood: 2, impact: 2, comment: '', reason: 'Samen besproken.',
  }, ifMatch(0));
  expect(agree.statusCode, agree.body).toBe(200);
  const done = await officer.post(`${risk(org)}/analyses/${id}/complete`);
  expect(done.statusCode, done.body).toBe(200);
  return id;
}

const linkable = async (s: Session, m: { id: string }, org = w.org) => {
  const r = await s.get(url(m, '/linkable-records', org));
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as LinkableRecords;
};
const riskIds = (l: LinkableRecords) => l.groups.find((g) => g.kind === 'risk.analysis')?.items.map((x) => x.id) ?? [];

beforeAll(async () => {
  t = await createTestApp();
  w = await maturityWorld(t);
  // Bart takes part in the completed analysis; Anna (head of service) in none.
  completedId = await analysis(w.s.officer, w.org, 'Risicoanalyse kwetsbare functies 2026', [w.users.bart.id]);
  openId = await analysis(w.s.officer, w.org, 'Risicoanalyse in consolidatie', [w.users.bart.id], false);
  otherCompletedId = await analysis(w.s.otherOfficer, w.other, 'Risicoanalyse andere zone', [w.users.otherOfficer.id]);
});
afterAll(async () => { await t.close(); });

describe('evidence links to a completed risk analysis', () => {
  it('is offered and linkable in its organisation to an assessor who may read it; never an open one, never another organisation\'s', async () => {
    const m = await newMeasurement(w);
    const crit = m.criteria[0].criterion.id;

    const bart = await linkable(w.s.bart, m);
    expect(bart.linkKinds).toEqual(expect.arrayContaining(['plan.action', 'plan.objective', 'risk.analysis']));
    const group = bart.groups.find((g) => g.kind === 'risk.analysis')!;
    const [{ completed_on: day }] = await ownerQuery<{ completed_on: string }>(t,
      `SELECT to_char(completed_at AT TIME ZONE 'Europe/Brussels', 'YYYY-MM-DD') AS completed_on FROM risk_analysis WHERE id = $1`, [completedId]);
    expect(group.items).toEqual([{ id: completedId, title: 'Risicoanalyse kwetsbare functies 2026', url: `/o/${w.org}/risk/analyses/${completedId}`, date: day }]);
    // Anna does not take part in it and is no officer or chief: the risk module's rule hides it.
    expect(riskIds(await linkable(w.s.anna, m))).toEqual([]);
    // Only an assessor of the measurement asks (the officer is none here).
    expect((await w.s.officer.get(url(m, '/linkable-records'))).statusCode).toBe(403);
    expect((await w.s.staff.get(url(m, '/linkable-records'))).statusCode).toBe(404);

    const link = (s: Session, recordId: string) => s.post(url(m, `/scores/${crit}/links`), { kind: 'risk.analysis', recordId });
    for (const [s, id] of [[w.s.bart, openId], [w.s.bart, otherCompletedId], [w.s.anna, completedId]] as const) {
      const r = await link(s, id);
      expect(r.statusCode, r.body).toBe(400);
      expect(r.json().code).toBe('maturity_link_unknown');
    }
    const r = await link(w.s.bart, completedId);
    expect(r.statusCode, r.body).toBe(201);
    expect((r.json() as EvidenceItem).link).toEqual({ kind: 'risk.analysis', recordId: completedId, record: { title: 'Risicoanalyse kwetsbare functies 2026', url: `/o/${w.org}/risk/analyses/${completedId}` } });
    const mine = (await w.s.bart.get(url(m, '/evidence'))).json() as EvidenceList;
    expect(mine.items.map((e) => e.link?.record?.title)).toEqual(['Risicoanalyse kwetsbare functies 2026']);

    // From the consolidation on: the officer reads the title; Anna, who may not read the analysis, reads "not accessible".
    await scoreAll(w.s.anna, w, m, () => 2);
    await scoreAll(w.s.bart, w, m, () => 2);
    await consolidateAll(w, m.id);
    const seen = async (s: Session) => ((await s.get(url(m, '/evidence'))).json() as EvidenceList).items.find((e) => e.link?.kind === 'risk.analysis')!.link!.record;
    expect(await seen(w.s.officer)).toEqual({ title: 'Risicoanalyse kwetsbare functies 2026', url: `/o/${w.org}/risk/analyses/${completedId}` });
    expect(await seen(w.s.chief)).not.toBeNull();
    expect(await seen(w.s.anna)).toBeNull();
    // Not while the scoring is closed.
    expect((await w.s.bart.get(url(m, '/linkable-records'))).statusCode).toBe(409);
  });

  it('another organisation\'s assessor is offered their own completed analyses only, and cannot link ours', async () => {
    const r = await w.s.otherOfficer.post(mBase(w, w.other), { kind: 'baseline', year: 2025, assessorUserIds: [w.users.otherOfficer.id] });
    expect(r.statusCode, r.body).toBe(201);
    const m = r.json() as MeasurementDetail;
    expect(riskIds(await linkable(w.s.otherOfficer, m, w.other))).toEqual([otherCompletedId]);
    const link = await w.s.otherOfficer.post(url(m, `/scores/${m.criteria[0].criterion.id}/links`, w.other), { kind: 'risk.analysis', recordId: completedId });
    expect(link.statusCode, link.body).toBe(400);
    expect(link.json().code).toBe('maturity_link_unknown');
    // The officer and chief of our organisation, who are nowhere in the other one, find nothing there.
    expect((await w.s.officer.get(url(m, '/linkable-records', w.other))).statusCode).toBe(403);
  });
});
