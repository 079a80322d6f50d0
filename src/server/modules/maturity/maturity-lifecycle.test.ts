import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ifMatch, ownerQuery, type TestApp } from '../../../test/app.js';
import type { ConsolidationView, MatrixView, MeasurementDetail, MeasurementList, TrendView } from './contract.js';
import { translate } from '../../platform/i18n/index.js';
import { docxText } from '../plan/plan.testkit.js';
import { exportLabels } from './messages.js';
import { consolidateAll, maturityWorld, mBase, newMeasurement, scoreAll, type MaturityWorld } from './maturity.testkit.js';

/** A measurement from creation to approval: independent scores, consolidation, approval lock, stale edits, isolation. */

type MeasurementListT = { items: MeasurementDetail[] };
let t: TestApp;
let w: MaturityWorld;
beforeAll(async () => {
  t = await createTestApp();
  w = await maturityWorld(t);
});
afterAll(async () => { await t.close(); });

const url = (m: { id: string }, rest = '') => `${mBase(w)}/${m.id}${rest}`;
const auditCount = async (action: string, recordId: string) =>
  (await ownerQuery<{ n: number }>(t, `SELECT count(*)::int AS n FROM audit_event WHERE action = $1 AND record_id = $2`, [action, recordId]))[0].n;

describe('creating a measurement', () => {
  it('the officer creates it on the published default framework with named assessors; others may not', async () => {
    const m = await newMeasurement(w);
    expect(m.status).toBe('scoring');
    expect(m.framework).toMatchObject({ code: 'imf', version: 1 });
    expect(m.criterionCount).toBe(28);
    expect(m.criteria).toHaveLength(28);
    expect(m.assessors.map((a) => a.userId).sort()).toEqual([w.users.anna.id, w.users.bart.id].sort());
    expect(m.permissions).toMatchObject({ consolidate: true, score: false, approve: false });
    expect(await auditCount('maturity.create', m.id)).toBe(1);

    for (const who of ['chief', 'anna', 'staff'] as const) {
      expect((await w.s[who].post(mBase(w), { kind: 'yearly', year: 2025, assessorUserIds: [w.users.anna.id] })).statusCode).toBe(403);
    }
    // An assessor must be a person of the organisation with an account.
    const bad = await w.s.officer.post(mBase(w), { kind: 'yearly', year: 2025, assessorUserIds: [w.users.otherOfficer.id] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('maturity_assessor_unknown');
    expect((await w.s.officer.post(mBase(w), { kind: 'monthly', year: 2025, assessorUserIds: [w.users.anna.id] })).statusCode).toBe(400);
  });

  it('the list shows officer and chief every measurement, an assessor theirs, a bystander none', async () => {
    const m = await newMeasurement(w, { kind: 'yearly', assessorUserIds: [w.users.bart.id] });
    const ids = async (who: keyof MaturityWorld['s']) => ((await w.s[who].get(mBase(w))).json() as MeasurementListT).items.map((x) => x.id);
    expect(await ids('officer')).toContain(m.id);
    expect(await ids('chief')).toContain(m.id);
    expect(await ids('bart')).toContain(m.id);
    expect(await ids('anna')).not.toContain(m.id);
    expect(await ids('staff')).toEqual([]);
    expect((await w.s.staff.get(url(m))).statusCode).toBe(404);
    expect((await w.s.anna.get(url(m))).statusCode).toBe(404);
  });
});

describe('independent scores', () => {
  it('an assessor sees only their own scores until consolidation, by every endpoint', async () => {
    const m = await newMeasurement(w);
    const [c0, c1] = m.criteria.map((r) => r.criterion.id);
    expect((await w.s.anna.put(url(m, `/scores/${c0}`), { level: 3, evidence: 'Procedure van Anna' }, ifMatch(0))).statusCode).toBe(200);
    expect((await w.s.bart.put(url(m, `/scores/${c0}`), { level: 1, evidence: 'Notitie van Bart' }, ifMatch(0))).statusCode).toBe(200);
    expect((await w.s.bart.put(url(m, `/scores/${c1}`), { level: 2, evidence: '' }, ifMatch(0))).statusCode).toBe(200);

    const bartView = (await w.s.bart.get(url(m))).json() as MeasurementDetail;
    expect(bartView.criteria[0].myScore).toMatchObject({ level: 1, evidence: 'Notitie van Bart' });
    expect(JSON.stringify(bartView)).not.toContain('Procedure van Anna');
    expect(bartView.myScored).toBe(2);
    const annaView = (await w.s.anna.get(url(m))).json() as MeasurementDetail;
    expect(annaView.criteria[0].myScore?.level).toBe(3);
    expect(annaView.criteria[1].myScore).toBeNull();
    expect(JSON.stringify(annaView)).not.toContain('Notitie van Bart');
    // Not even the officer or the chief read the scores before consolidation; they see progress counts.
    const officerView = (await w.s.officer.get(url(m))).json() as MeasurementDetail;
    expect(JSON.stringify(officerView)).not.toMatch(/Procedure van Anna|Notitie van Bart/);
    expect(officerView.assessors.find((a) => a.userId === w.users.bart.id)?.scored).toBe(2);
    for (const who of ['anna', 'bart', 'officer', 'chief'] as const) {
      const r = await w.s[who].get(url(m, '/consolidation'));
      expect(r.statusCode, who).toBe(409);
      expect(r.json().code).toBe('maturity_not_consolidating');
    }
    // Scoring is the assessors' own: the officer (no assessor here) and a bystander may not.
    expect((await w.s.officer.put(url(m, `/scores/${c1}`), { level: 2, evidence: '' }, ifMatch(0))).statusCode).toBe(403);
    expect((await w.s.staff.put(url(m, `/scores/${c1}`), { level: 2, evidence: '' }, ifMatch(0))).statusCode).toBe(404);
    expect((await w.s.anna.put(url(m, `/scores/${c1}`), { level: 5, evidence: '' }, ifMatch(0))).statusCode).toBe(400);
    expect((await w.s.anna.put(url(m, `/scores/${m.id}`), { level: 2, evidence: '' }, ifMatch(0))).statusCode).toBe(404);
  });

  it('from consolidation on, every assessor sees all scores and disagreement is flagged where levels differ', async () => {
    const m = await newMeasurement(w);
    await scoreAll(w.s.anna, w, m, (i) => (i % 4 === 0 ? 3 : 2));
    await scoreAll(w.s.bart, w, m, () => 2);
    expect((await w.s.officer.post(url(m, '/consolidate'))).json().status).toBe('consolidating');
    const view = (await w.s.bart.get(url(m, '/consolidation'))).json() as ConsolidationView;
    expect(view.rows).toHaveLength(28);
    expect(view.disagreements).toBe(7); // criteria 0, 4, …, 24
    expect(view.rows[0]).toMatchObject({ disagreement: true, minLevel: 2, maxLevel: 3 });
    expect(view.rows[1]).toMatchObject({ disagreement: false, minLevel: 2, maxLevel: 2 });
    expect(view.rows[0].scores.map((s) => s.level).sort()).toEqual([2, 3]);
    expect(view.complete).toBe(false);
    // Scores are closed once consolidation has started.
    const late = await w.s.anna.put(url(m, `/scores/${m.criteria[1].criterion.id}`), { level: 4, evidence: '' }, ifMatch(1));
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('maturity_wrong_status');
    expect(await auditCount('maturity.consolidation_read', m.id)).toBe(1);
  });
});

describe('consolidation, approval and the lock', () => {
  it('the officer agrees levels and submits, the chief approves, and then every write is refused', async () => {
    const m = await newMeasurement(w);
    await scoreAll(w.s.anna, w, m, () => 2);
    await scoreAll(w.s.bart, w, m, (i) => (i < 3 ? 1 : 2));
    await w.s.officer.post(url(m, '/consolidate'));
    const crit = m.criteria[0].criterion.id;
    // Submitting with criteria not agreed: refused with the number left.
    const first = await w.s.officer.put(url(m, `/consolidation/${crit}`), { agreedLevel: 1, targetLevel: 3, reason: 'Procedure nog niet overal toegepast.' }, ifMatch(0));
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ agreedLevel: 1, targetLevel: 3, gap: true, revision: 1 });
    const early = await w.s.officer.post(url(m, '/submit'));
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('maturity_not_complete');
    expect((await w.s.chief.put(url(m, `/consolidation/${crit}`), { agreedLevel: 2, targetLevel: 3, reason: 'x' }, ifMatch(1))).statusCode).toBe(403);

    const view = (await w.s.officer.get(url(m, '/consolidation'))).json() as ConsolidationView;
    for (const row of view.rows.filter((r) => r.agreed === null)) {
      expect((await w.s.officer.put(url(m, `/consolidation/${row.criterion.id}`), { agreedLevel: row.minLevel!, targetLevel: 3, reason: 'Eens.' }, ifMatch(0))).statusCode).toBe(200);
    }
    const submitted = await w.s.officer.post(url(m, '/submit'));
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json().status).toBe('submitted');
    expect((await w.s.officer.post(url(m, '/approve'))).statusCode).toBe(403);
    const approved = await w.s.chief.post(url(m, '/approve'), {}, ifMatch(submitted.json().revision));
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', approvedBy: { userId: w.users.chief.id } });

    // Locked: every write answers 409 maturity_locked, and nothing changes.
    const writes = [
      () => w.s.officer.put(url(m, `/consolidation/${crit}`), { agreedLevel: 4, targetLevel: 4, reason: 'Later' }, ifMatch(1)),
      () => w.s.anna.put(url(m, `/scores/${crit}`), { level: 4, evidence: '' }, ifMatch(1)),
      () => w.s.officer.post(url(m, '/consolidate')),
      () => w.s.officer.post(url(m, '/submit')),
      () => w.s.chief.post(url(m, '/return')),
      () => w.s.chief.post(url(m, '/approve')),
      () => w.s.officer.patch(url(m), { assessorUserIds: [w.users.anna.id] }, ifMatch(approved.json().revision)),
      () => w.s.officer.delete(url(m)),
    ];
    for (const write of writes) {
      const r = await write();
      expect(r.statusCode, r.body).toBe(409);
      expect(r.json().code).toBe('maturity_locked');
    }
    const after = (await w.s.officer.get(url(m, '/consolidation'))).json() as ConsolidationView;
    expect(after.rows[0].agreed).toMatchObject({ agreedLevel: 1, targetLevel: 3 });
    expect(after.measurement.status).toBe('approved');
    expect(await auditCount('maturity.approve', m.id)).toBe(1);
  });

  it('the chief can return a submitted measurement to consolidation', async () => {
    const m = await newMeasurement(w);
    await scoreAll(w.s.anna, w, m, () => 1);
    await scoreAll(w.s.bart, w, m, () => 1);
    await consolidateAll(w, m.id);
    expect((await w.s.officer.post(url(m, '/submit'))).statusCode).toBe(200);
    const back = await w.s.chief.post(url(m, '/return'));
    expect(back.statusCode).toBe(200);
    expect(back.json().status).toBe('consolidating');
  });
});

describe('stale edits', () => {
  it('a score, an agreed level, the assessor list and a step each answer 409 on a stale If-Match, 428 without one', async () => {
    const m = await newMeasurement(w);
    const crit = m.criteria[0].criterion.id;
    const s1 = await w.s.anna.put(url(m, `/scores/${crit}`), { level: 2, evidence: 'eerste' }, ifMatch(0));
    expect(s1.json().revision).toBe(1);
    // A second "first score" (another tab) is a conflict carrying the stored one.
    const dup = await w.s.anna.put(url(m, `/scores/${crit}`), { level: 3, evidence: 'tweede tab' }, ifMatch(0));
    expect(dup.statusCode).toBe(409);
    expect(dup.json().current).toMatchObject({ level: 2, evidence: 'eerste' });
    expect((await w.s.anna.put(url(m, `/scores/${crit}`), { level: 3, evidence: 'bijgewerkt' }, ifMatch(1))).json().revision).toBe(2);
    const stale = await w.s.anna.put(url(m, `/scores/${crit}`), { level: 0, evidence: 'oud' }, ifMatch(1));
    expect(stale.statusCode).toBe(409);
    expect(stale.json().current).toMatchObject({ level: 3, evidence: 'bijgewerkt', revision: 2 });
    expect((await w.s.anna.put(url(m, `/scores/${crit}`), { level: 0, evidence: 'zonder' })).statusCode).toBe(428);

    const p1 = await w.s.officer.patch(url(m), { assessorUserIds: [w.users.anna.id, w.users.bart.id, w.users.officer.id] }, ifMatch(m.revision));
    expect(p1.statusCode, p1.body).toBe(200);
    expect(p1.json().assessors).toHaveLength(3);
    expect((await w.s.officer.patch(url(m), { assessorUserIds: [w.users.anna.id] }, ifMatch(m.revision))).statusCode).toBe(409);
    expect((await w.s.officer.post(url(m, '/consolidate'), {}, ifMatch(m.revision))).statusCode).toBe(409);
    const c = await w.s.officer.post(url(m, '/consolidate'), {}, ifMatch(p1.json().revision));
    expect(c.statusCode).toBe(200);

    const a1 = await w.s.officer.put(url(m, `/consolidation/${crit}`), { agreedLevel: 2, targetLevel: 3, reason: 'eerste' }, ifMatch(0));
    expect(a1.json().revision).toBe(1);
    expect((await w.s.officer.put(url(m, `/consolidation/${crit}`), { agreedLevel: 3, targetLevel: 3, reason: 'tweede' }, ifMatch(1))).statusCode).toBe(200);
    const staleAgree = await w.s.officer.put(url(m, `/consolidation/${crit}`), { agreedLevel: 1, targetLevel: 3, reason: 'oud' }, ifMatch(1));
    expect(staleAgree.statusCode).toBe(409);
    expect(staleAgree.json().current).toMatchObject({ agreedLevel: 3, reason: 'tweede' });
  });
});

describe('concurrent writes', () => {
  it('two first agreed levels at once: one is stored, the other is a conflict; a score racing the start of consolidation never lands after it', async () => {
    const m = await newMeasurement(w);
    await scoreAll(w.s.anna, w, m, () => 2);
    const crit = m.criteria[0].criterion.id;
    const last = m.criteria[27].criterion.id;
    // Bart scores his last criterion while the officer starts the consolidation.
    await scoreAll(w.s.bart, w, { ...m, criteria: m.criteria.slice(0, 27) }, () => 2);
    const [score, step] = await Promise.all([
      w.s.bart.put(url(m, `/scores/${last}`), { level: 3, evidence: 'net op tijd' }, ifMatch(0)),
      w.s.officer.post(url(m, '/consolidate')),
    ]);
    expect(step.statusCode).toBe(200);
    const view = (await w.s.officer.get(url(m, '/consolidation'))).json() as ConsolidationView;
    const bartLast = view.rows[27].scores.find((x) => x.assessor.userId === w.users.bart.id)!;
    if (score.statusCode === 200) expect(bartLast.level).toBe(3);
    else { expect(score.statusCode).toBe(409); expect(bartLast.level).toBeNull(); }

    const [a, b] = await Promise.all([
      w.s.officer.put(url(m, `/consolidation/${crit}`), { agreedLevel: 2, targetLevel: 3, reason: 'eerste' }, ifMatch(0)),
      w.s.officer.put(url(m, `/consolidation/${crit}`), { agreedLevel: 1, targetLevel: 4, reason: 'tweede' }, ifMatch(0)),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const stored = (a.statusCode === 200 ? a : b).json();
    expect((a.statusCode === 409 ? a : b).json().current).toMatchObject({ agreedLevel: stored.agreedLevel, reason: stored.reason, revision: 1 });
  });
});

describe('matrix, trend, exports and home', () => {
  it('the matrix groups agreed levels per pillar and function, the trend averages them per measurement', async () => {
    const m = await newMeasurement(w, { kind: 'final', year: 2029 });
    await scoreAll(w.s.anna, w, m, (i) => i % 5);
    await scoreAll(w.s.bart, w, m, (i) => i % 5);
    await consolidateAll(w, m.id);
    const matrix = (await w.s.chief.get(url(m, '/matrix'))).json() as MatrixView;
    expect(matrix.pillars.map((p) => p.pillar)).toEqual(['instruments', 'processes', 'structures']);
    const instruments = matrix.pillars[0];
    expect(instruments.groups.map((g) => [g.function, g.cells.length])).toEqual([['define', 5], ['guide', 4], ['monitor', 6], ['enforce', 5]]);
    // Criteria in framework order: levels i % 5 for i = 0..27. Define: 0,1,2,3,4 → 2; guide: 0,1,2,3 → 1.5.
    expect(instruments.groups[0].average).toBe(2);
    expect(instruments.groups[1].average).toBe(1.5);
    // Processes: i = 20..23 → 0,1,2,3 → 1.5; structures: i = 24..27 → 4,0,1,2 → 1.75.
    expect(matrix.pillars[1].average).toBe(1.5);
    expect(matrix.pillars[2].average).toBe(1.75);
    // Instruments: i = 0..19 → four times 0..4 → 2.
    expect(instruments.average).toBe(2);

    const trend = (await w.s.officer.get(`/api/orgs/${w.org}/maturity/trend`)).json() as TrendView;
    const point = trend.items.find((p) => p.measurementId === m.id)!;
    expect(point.pillars).toEqual({ instruments: 2, processes: 1.5, structures: 1.75 });
    expect(point.functions).toMatchObject({ define: 2, guide: 1.5 });
    expect((await w.s.anna.get(`/api/orgs/${w.org}/maturity/trend`)).statusCode).toBe(403);
  });

  it('exports the measurement as CSV, Word and PDF for officer and chief, audited', async () => {
    const m = await newMeasurement(w, { kind: 'yearly', year: 2027 });
    await scoreAll(w.s.anna, w, m, () => 1);
    await scoreAll(w.s.bart, w, m, () => 2);
    await consolidateAll(w, m.id);
    expect((await w.s.chief.get(url(m, '/export.csv'))).statusCode).toBe(200);
    const csv = await w.s.officer.get(url(m, '/export.csv?lang=nl'));
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.replace(/^\uFEFF/, '').split('\r\n').filter(Boolean);
    expect(lines).toHaveLength(29);
    expect(lines[1]).toContain('Risicoanalyse op processen en functies');
    expect(lines[1]).toMatch(/;1;2;/); // agreed 1 (the lower), target 2
    const docx = await w.s.officer.get(url(m, '/export.docx?lang=fr'));
    expect(docx.statusCode).toBe(200);
    const text = docxText(docx.rawPayload);
    expect(text).toContain(translate('fr', exportLabels.title));
    expect(text).toContain('Analyse des risques des processus et des fonctions');
    expect(text).toContain('1 – initial'); // the agreed level of every criterion
    expect(text).toContain('Samen besproken.');
    const pdf = await w.s.officer.get(url(m, '/export.pdf?lang=de'));
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await w.s.anna.get(url(m, '/export.csv'))).statusCode).toBe(403);
    expect(await auditCount('maturity.export', m.id)).toBe(4);
  });

  it('home figures: measurements waiting for my scores, to consolidate, to approve', async () => {
    const fresh = await newMeasurement(w, { assessorUserIds: [w.users.staff.id] });
    const home = async (who: keyof MaturityWorld['s']) => {
      const r = (await w.s[who].get(`/api/orgs/${w.org}/home`)).json() as { figures: { id: string; count: number }[] };
      return Object.fromEntries(r.figures.filter((f) => f.id.startsWith('maturity.')).map((f) => [f.id, f.count]));
    };
    expect((await home('staff'))['maturity.waiting_scores']).toBe(1);
    await scoreAll(w.s.staff, w, fresh, () => 2);
    expect((await home('staff'))['maturity.waiting_scores']).toBeUndefined();
    expect((await home('officer'))['maturity.to_consolidate']).toBeGreaterThan(0);
    expect(await home('chief')).toHaveProperty('maturity.to_approve');
  });
});

describe('another organisation', () => {
  it('finds nothing of this organisation\'s measurements and changes nothing', async () => {
    const m = await newMeasurement(w);
    const other = w.s.otherOfficer;
    expect((await other.get(url(m))).statusCode).toBe(403); // no role in this organisation at all
    // Through its own organisation's address, the id is simply not found.
    const own = `/api/orgs/${w.other}/maturity/measurements/${m.id}`;
    expect((await other.get(own)).statusCode).toBe(404);
    expect((await other.get(`${own}/consolidation`)).statusCode).toBe(404);
    expect((await other.put(`${own}/scores/${m.criteria[0].criterion.id}`, { level: 1, evidence: '' }, ifMatch(0))).statusCode).toBe(404);
    expect((await other.post(`${own}/consolidate`)).statusCode).toBe(404);
    expect((await other.delete(own)).statusCode).toBe(404);
    expect(((await other.get(`/api/orgs/${w.other}/maturity/measurements`)).json() as MeasurementList).items).toEqual([]);
    expect((await w.s.officer.get(url(m))).json().status).toBe('scoring');
  });
});
