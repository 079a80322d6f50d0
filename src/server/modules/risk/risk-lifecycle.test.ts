import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ifMatch, ownerQuery, type TestApp } from '../../../test/app.js';
import type { AnalysisDetail, ConsolidationView, SettingsView } from './contract.js';
import { addProcesses, agreeAll, newAnalysis, putScore, rBase, riskWorld, score, type RiskWorld } from './risk.testkit.js';

/** The workshop: independent scores, consolidation with disagreement, agreed scores with reasons, completion, lock; the matrix settings. */

let t: TestApp;
let w: RiskWorld;
beforeAll(async () => {
  t = await createTestApp();
  w = await riskWorld(t);
});
afterAll(async () => { await t.close(); });

const an = (id: string) => `${rBase(w)}/analyses/${id}`;

describe('matrix settings', () => {
  it('starts from the default 5 × 5, validates a new matrix (translated 400) and refuses a stale If-Match', async () => {
    const s0 = (await w.s.officer.get(`${rBase(w)}/settings`)).json() as SettingsView;
    expect(s0).toMatchObject({ likelihoodLevels: 5, impactLevels: 5, revision: 0, canEdit: true });
    expect(s0.matrix).toEqual(s0.defaultMatrix);

    const bad = s0.matrix.map((r) => [...r]);
    bad[4][4] = 'low'; // goes down along both axes
    const r400 = await w.s.officer.put(`${rBase(w)}/settings`, { likelihoodLevels: 5, impactLevels: 5, matrix: bad }, { ...ifMatch(0), 'accept-language': 'en' });
    expect(r400.statusCode).toBe(400);
    expect(r400.json()).toMatchObject({ code: 'risk_matrix_invalid', field: 'matrix' });
    expect(r400.json().message).toContain('a band may not go down');
    const wrongSize = await w.s.officer.put(`${rBase(w)}/settings`, { likelihoodLevels: 4, impactLevels: 5, matrix: s0.matrix }, ifMatch(0));
    expect(wrongSize.json().code).toBe('risk_matrix_invalid');

    const ok = await w.s.officer.put(`${rBase(w)}/settings`, { likelihoodLevels: 4, impactLevels: 4 }, ifMatch(0));
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ likelihoodLevels: 4, impactLevels: 4, revision: 1 });
    const stale = await w.s.officer.put(`${rBase(w)}/settings`, { likelihoodLevels: 5, impactLevels: 5 }, ifMatch(0));
    expect(stale.statusCode).toBe(409);
    expect(stale.json().current).toMatchObject({ likelihoodLevels: 4, revision: 1 });
    const back = await w.s.officer.put(`${rBase(w)}/settings`, { likelihoodLevels: 5, impactLevels: 5 }, ifMatch(1));
    expect(back.statusCode, back.body).toBe(200);
    expect((await w.s.officer.put(`${rBase(w)}/settings`, { likelihoodLevels: 5, impactLevels: 5 })).statusCode).toBe(428);

    // Only the officer changes it; the chief reads it; a staff member finds nothing.
    expect((await w.s.chief.put(`${rBase(w)}/settings`, { likelihoodLevels: 5, impactLevels: 5 }, ifMatch(2))).statusCode).toBe(403);
    expect((await w.s.chief.get(`${rBase(w)}/settings`)).json().canEdit).toBe(false);
    expect((await w.s.staff.get(`${rBase(w)}/settings`)).statusCode).toBe(404);
  });
});

describe('workshop', () => {
  it('runs scope → independent scores → consolidation → agreement → completion, and locks the result', async () => {
    const [recruit, seized, fuel] = await addProcesses(w, ['Rekrutering', 'Inbeslagnames', 'Tankkaarten']);
    const draft = await newAnalysis(w, [recruit, seized, fuel], { start: false });
    expect(draft.status).toBe('draft');
    expect(draft.permissions).toMatchObject({ start: true, editScope: true, score: false });
    expect(draft.matrix.likelihoodLevels).toBe(5);
    // Participants cannot score a draft.
    const early = await w.s.anna.put(`${an(draft.id)}/scores/${recruit}`, score(2, 2), ifMatch(0));
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('risk_wrong_status');

    const started = (await w.s.officer.post(`${an(draft.id)}/start`)).json() as AnalysisDetail;
    expect(started.status).toBe('scoring');
    expect(started.processes.map((p) => p.process.name)).toEqual(['Inbeslagnames', 'Rekrutering', 'Tankkaarten']);

    // Anna and Bart disagree on seized goods (likelihood 2 against 5), agree on recruitment, Bart skips fuel cards.
    await putScore(w.s.anna, w, draft.id, seized, score(2, 3, 1, 'Goede kluis'));
    await putScore(w.s.bart, w, draft.id, seized, score(5, 4, 3, 'Geen vier-ogen'));
    const a1 = await putScore(w.s.anna, w, draft.id, recruit, score(2, 2));
    await putScore(w.s.bart, w, draft.id, recruit, score(2, 2));
    await putScore(w.s.anna, w, draft.id, fuel, score(3, 3));
    expect(a1.derived).toMatchObject({ inherentScore: 5, aggravatingScore: 4, vulnerability: 'medium', riskScore: 4, band: 'low' });

    // Stale If-Match on her own score: 409 with her score as it is; a first score twice: 409 as well.
    const stale = await w.s.anna.put(`${an(draft.id)}/scores/${recruit}`, score(3, 3), ifMatch(5));
    expect(stale.statusCode).toBe(409);
    expect(stale.json().current).toMatchObject({ likelihood: 2, impact: 2, revision: 1 });
    expect((await w.s.anna.put(`${an(draft.id)}/scores/${recruit}`, score(3, 3), ifMatch(0))).statusCode).toBe(409);
    expect((await w.s.anna.put(`${an(draft.id)}/scores/${recruit}`, score(2, 2, 1, 'Na herlezing'), ifMatch(1))).statusCode).toBe(200);
    // Outside the analysis's matrix: 400.
    const outside = await w.s.anna.put(`${an(draft.id)}/scores/${fuel}`, score(6, 1), ifMatch(1));
    expect(outside.statusCode).toBe(400);
    expect(outside.json().code).toBe('risk_level_out_of_range');
    // The officer and a bystander do not score.
    expect((await w.s.officer.put(`${an(draft.id)}/scores/${fuel}`, score(1, 1), ifMatch(0))).statusCode).toBe(403);
    expect((await w.s.staff.put(`${an(draft.id)}/scores/${fuel}`, score(1, 1), ifMatch(0))).statusCode).toBe(404);

    // Independence: each participant sees only their own scores; nobody reads the consolidation before it starts.
    const annaView = (await w.s.anna.get(an(draft.id))).json() as AnalysisDetail;
    expect(annaView.processes.find((p) => p.process.id === seized)!.myScore).toMatchObject({ likelihood: 2, comment: 'Goede kluis' });
    expect(JSON.stringify(annaView)).not.toContain('Geen vier-ogen');
    const officerView = (await w.s.officer.get(an(draft.id))).json() as AnalysisDetail;
    expect(officerView.processes.every((p) => p.myScore === null)).toBe(true);
    expect(officerView.participants.map((p) => p.scored).sort()).toEqual([2, 3]);
    for (const who of ['anna', 'bart', 'officer', 'chief'] as const) {
      const r = await w.s[who].get(`${an(draft.id)}/consolidation`);
      expect(r.statusCode, who).toBe(409);
      expect(r.json().code).toBe('risk_not_consolidating');
    }
    // Participants and the chief cannot move the analysis on; a stale If-Match on a step is 409 with the analysis now.
    expect((await w.s.anna.post(`${an(draft.id)}/consolidate`)).statusCode).toBe(403);
    expect((await w.s.chief.post(`${an(draft.id)}/consolidate`)).statusCode).toBe(403);
    const staleStep = await w.s.officer.post(`${an(draft.id)}/consolidate`, {}, ifMatch(started.revision - 1));
    expect(staleStep.statusCode).toBe(409);
    expect(staleStep.json().current).toMatchObject({ id: draft.id, status: 'scoring', revision: started.revision });
    expect((await w.s.officer.patch(an(draft.id), { title: 'Nieuwe titel' }, ifMatch(started.revision - 1))).statusCode).toBe(409);

    const cons = await w.s.officer.post(`${an(draft.id)}/consolidate`, {}, ifMatch(started.revision));
    expect(cons.statusCode, cons.body).toBe(200);
    // Scoring is over.
    expect((await w.s.bart.put(`${an(draft.id)}/scores/${fuel}`, score(1, 1), ifMatch(0))).statusCode).toBe(409);

    // From now on the participants see each other's scores, with spread and flag.
    const view = (await w.s.anna.get(`${an(draft.id)}/consolidation`)).json() as ConsolidationView;
    const rowSeized = view.rows.find((r) => r.process.id === seized)!;
    expect(rowSeized).toMatchObject({ likelihoodSpread: 3, impactSpread: 1, disagreement: true, suggestedLikelihood: 5, suggestedImpact: 4 });
    expect(rowSeized.bands).toEqual(['medium', 'very_high']);
    expect(rowSeized.scores.map((s) => s.score?.comment).sort()).toEqual(['Geen vier-ogen', 'Goede kluis']);
    const rowRecruit = view.rows.find((r) => r.process.id === recruit)!;
    expect(rowRecruit).toMatchObject({ likelihoodSpread: 0, disagreement: false });
    const rowFuel = view.rows.find((r) => r.process.id === fuel)!;
    expect(rowFuel.scores.filter((s) => s.score === null)).toHaveLength(1);
    expect(view).toMatchObject({ disagreements: 1, complete: false });

    // The agreement needs a reason where they disagreed; not where they agreed.
    const noReason = await w.s.officer.put(`${an(draft.id)}/consolidation/${seized}`, { ...score(4, 4, 2), reason: '' }, ifMatch(0));
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().code).toBe('risk_reason_required');
    const agreedSeized = await w.s.officer.put(`${an(draft.id)}/consolidation/${seized}`, { ...score(4, 4, 2), reason: 'Kluis is goed, maar geen vier-ogencontrole bij uitgifte.' }, ifMatch(0));
    expect(agreedSeized.statusCode, agreedSeized.body).toBe(200);
    expect(agreedSeized.json().derived).toMatchObject({ band: 'high', riskScore: 16 });
    expect((await w.s.officer.put(`${an(draft.id)}/consolidation/${recruit}`, { ...score(2, 2), reason: '' }, ifMatch(0))).statusCode).toBe(200);
    expect((await w.s.anna.put(`${an(draft.id)}/consolidation/${fuel}`, { ...score(2, 2), reason: 'x' }, ifMatch(0))).statusCode).toBe(403);
    // A stale agreement edit.
    const staleAgree = await w.s.officer.put(`${an(draft.id)}/consolidation/${seized}`, { ...score(5, 5, 2), reason: 'x' }, ifMatch(0));
    expect(staleAgree.statusCode).toBe(409);

    // Controls and recommendations of step 5 and 6.
    const ctl = await w.s.officer.post(`${an(draft.id)}/processes/${seized}/controls`, { description: 'Kluis met toegangsregistratie', type: 'preventive', effectiveness: 'effective' });
    expect(ctl.statusCode, ctl.body).toBe(201);
    const ctlEdit = await w.s.officer.patch(`${an(draft.id)}/controls/${ctl.json().id}`, { effectiveness: 'partly' }, ifMatch(1));
    expect(ctlEdit.json()).toMatchObject({ effectiveness: 'partly', revision: 2 });
    const rec = await w.s.officer.post(`${an(draft.id)}/processes/${seized}/recommendations`, { text: 'Vier-ogenprincipe bij uitgifte van inbeslagnames', dueDate: '2027-03-31' });
    expect(rec.statusCode, rec.body).toBe(201);
    expect(rec.json()).toMatchObject({ status: 'open', late: false, planLink: null });

    // Completion is blocked while fuel cards lack an agreement: 409 naming it.
    const blocked = await w.s.officer.post(`${an(draft.id)}/complete`);
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json()).toMatchObject({ code: 'risk_not_complete' });
    expect(blocked.json().fields).toEqual([expect.objectContaining({ field: `processes.${fuel}`, code: 'risk_not_agreed' })]);
    expect(blocked.json().fields[0].message).toContain('Tankkaarten');

    await w.s.officer.put(`${an(draft.id)}/consolidation/${fuel}`, { ...score(3, 3), reason: 'Eén score, besproken.' }, ifMatch(0));
    expect((await w.s.chief.post(`${an(draft.id)}/complete`)).statusCode).toBe(403);
    expect((await w.s.chief.patch(`${an(draft.id)}/recommendations/${rec.json().id}`, { status: 'done' }, ifMatch(1))).statusCode).toBe(403);
    const done = await w.s.officer.post(`${an(draft.id)}/complete`);
    expect(done.statusCode, done.body).toBe(200);
    const completed = done.json() as AnalysisDetail;
    expect(completed.status).toBe('completed');
    expect(completed.completedAt).not.toBeNull();

    // Locked: no agreement, control or new recommendation any more; the follow-up of a recommendation goes on.
    const locked = await w.s.officer.put(`${an(draft.id)}/consolidation/${fuel}`, { ...score(1, 1), reason: 'x' }, ifMatch(1));
    expect(locked.statusCode).toBe(409);
    expect(locked.json().code).toBe('risk_locked');
    expect((await w.s.officer.post(`${an(draft.id)}/processes/${seized}/controls`, { description: 'x', type: 'reactive', effectiveness: 'unknown' })).json().code).toBe('risk_locked');
    expect((await w.s.officer.patch(`${an(draft.id)}/recommendations/${rec.json().id}`, { text: 'anders' }, ifMatch(1))).json().code).toBe('risk_locked');
    const follow = await w.s.officer.patch(`${an(draft.id)}/recommendations/${rec.json().id}`, { status: 'in_progress' }, ifMatch(1));
    expect(follow.statusCode, follow.body).toBe(200);
    expect((await w.s.officer.delete(an(draft.id))).statusCode).toBe(409);

    // The chief reads it all; the participants too (now everyone's scores); a bystander finds nothing.
    expect((await w.s.chief.get(`${an(draft.id)}/consolidation`)).statusCode).toBe(200);
    expect((await w.s.bart.get(`${an(draft.id)}/consolidation`)).statusCode).toBe(200);
    expect((await w.s.staff.get(an(draft.id))).statusCode).toBe(404);
    expect((await w.s.head.get(an(draft.id))).statusCode).toBe(404);

    // Reads of the confidential analysis are audited.
    const audits = await ownerQuery<{ action: string }>(t, `SELECT action FROM audit_event WHERE record_id = $1 ORDER BY id`, [draft.id]);
    const actions = audits.map((x) => x.action);
    for (const a of ['risk.create', 'risk.start', 'risk.score', 'risk.read', 'risk.consolidate', 'risk.consolidation_read', 'risk.agree', 'risk.complete']) expect(actions, a).toContain(a);
  });

  it('keeps the scope of a draft editable, participants of a scoring analysis editable, and shows analyses only to whom they concern', async () => {
    const [p1, p2] = await addProcesses(w, ['Giften', 'Nevenactiviteiten']);
    const d = await newAnalysis(w, [p1], { start: false, title: 'Giften' });
    const upd = await w.s.officer.patch(an(d.id), { processIds: [p1, p2] }, ifMatch(d.revision));
    expect(upd.statusCode, upd.body).toBe(200);
    expect(upd.json().processCount).toBe(2);
    const started = (await w.s.officer.post(`${an(d.id)}/start`)).json() as AnalysisDetail;
    const noScope = await w.s.officer.patch(an(d.id), { processIds: [p1] }, ifMatch(started.revision));
    expect(noScope.statusCode).toBe(409);
    // Bart leaves; Anna stays. Bart no longer sees it.
    await putScore(w.s.bart, w, d.id, p1, score(1, 1));
    const less = await w.s.officer.patch(an(d.id), { participantUserIds: [w.users.anna.id] }, ifMatch(started.revision));
    expect(less.statusCode, less.body).toBe(200);
    expect((await w.s.bart.get(an(d.id))).statusCode).toBe(404);
    const bartList = (await w.s.bart.get(`${rBase(w)}/analyses`)).json();
    expect(bartList.items.map((x: { id: string }) => x.id)).not.toContain(d.id);
    // Unknown participants and archived processes are refused.
    const bad = await w.s.officer.post(`${rBase(w)}/analyses`, { title: 'x', processIds: [p1], participantUserIds: [w.users.otherOfficer.id] });
    expect(bad.json().code).toBe('risk_participant_unknown');
    const proc = (await w.s.officer.get(`${rBase(w)}/processes`)).json().items.find((x: { id: string }) => x.id === p2);
    await w.s.officer.patch(`${rBase(w)}/processes/${p2}`, { archived: true }, ifMatch(proc.revision));
    const archived = await w.s.officer.post(`${rBase(w)}/analyses`, { title: 'x', processIds: [p2], participantUserIds: [w.users.anna.id] });
    expect(archived.json().code).toBe('risk_process_unknown');
    // Remove while scoring.
    expect((await w.s.officer.delete(an(d.id))).statusCode).toBe(204);
    expect((await w.s.officer.get(an(d.id))).statusCode).toBe(404);
  });

  it('home figures: a participant with processes to score, the officer with reviews due and consolidations', async () => {
    const [p] = await addProcesses(w, ['Dienstvoertuigen']);
    const d = await newAnalysis(w, [p], { title: 'Voertuigen' });
    const home = await w.s.bart.get(`/api/orgs/${w.org}/home`);
    expect(home.statusCode, home.body).toBe(200);
    expect(home.json().figures).toContainEqual({ id: 'risk.my_scoring', count: 1 });
    const proc = (await w.s.officer.get(`${rBase(w)}/processes`)).json().items.find((x: { id: string }) => x.id === p);
    await w.s.officer.patch(`${rBase(w)}/processes/${p}`, { reviewDate: '2020-01-01' }, ifMatch(proc.revision));
    await agreeAll(w, d, () => [1, 1]);
    const officer = (await w.s.officer.get(`/api/orgs/${w.org}/home`)).json().figures;
    expect(officer).toContainEqual({ id: 'risk.to_consolidate', count: 1 });
    expect(officer.find((f: { id: string }) => f.id === 'risk.reviews_due').count).toBeGreaterThanOrEqual(1);
    expect((await w.s.officer.post(`${an(d.id)}/complete`)).statusCode).toBe(200);
    // Nothing left to score: no figure for Bart; a staff member gets no risk figure at all.
    expect((await w.s.bart.get(`/api/orgs/${w.org}/home`)).json().figures.map((f: { id: string }) => f.id)).not.toContain('risk.my_scoring');
    expect((await w.s.staff.get(`/api/orgs/${w.org}/home`)).json().figures.map((f: { id: string }) => f.id).filter((id: string) => id.startsWith('risk.'))).toEqual([]);
  });
});
