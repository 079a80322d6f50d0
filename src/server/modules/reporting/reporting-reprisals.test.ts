import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ifMatch, ownerQuery, type TestApp } from '../../../test/app.js';
import { runDeadlineReminders, todayInBelgium } from '../../platform/deadlines/index.js';
import type { PortalReprisalsView, ProtectionView } from './advice-contract.js';
import { makeReportingContext } from './context.js';
import { makePortal, PortalSessions } from './portal.js';
import { addMonths, dueChecks, makeReprisals, REPORT_REPRISAL, reprisalSchedule } from './reprisals.js';
import { api, filed, openChannel, portalToken, pub, publicRequest, readReport, reportingWorld, type ReportingWorld } from './reporting.testkit.js';

/**
 * Protection against reprisals (issue 18): measures recorded by the recipients (encrypted), the
 * reporter asked through the portal at the organisation's months after the acknowledgement, their
 * answer through the receipt's token (encrypted), and a "yes" flagged to the recipients (home figure,
 * case page, a mail that says only that something waits, from the next morning's run).
 */
describe('the schedule of check-ins', () => {
  it('counts calendar months from the acknowledgement, the last day of a shorter month as PostgreSQL does', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
    expect(reprisalSchedule('2026-01-31', [12, 3, 6, 3], []).map((c) => [c.months, c.dueOn])).toEqual([[3, '2026-04-30'], [6, '2026-07-31'], [12, '2027-01-31']]);
    expect(reprisalSchedule(null, [3], [])).toEqual([]);
  });

  it('a check-in is due from its day until an answer to it, or any answer on or after its day', () => {
    const s = (answers: { checkMonths: number | null; answeredOn: string }[]) => reprisalSchedule('2026-01-10', [3, 6, 12], answers);
    expect(dueChecks(s([]), '2026-04-09')).toEqual([]);
    expect(dueChecks(s([]), '2026-04-10')).toEqual([{ months: 3, dueOn: '2026-04-10' }]);
    expect(dueChecks(s([]), '2026-08-01').map((c) => c.months)).toEqual([3, 6]);
    expect(dueChecks(s([{ checkMonths: 6, answeredOn: '2026-08-01' }]), '2026-08-01')).toEqual([]);
    expect(dueChecks(s([{ checkMonths: null, answeredOn: '2026-05-01' }]), '2026-05-02')).toEqual([]);
    expect(dueChecks(s([{ checkMonths: null, answeredOn: '2026-03-01' }]), '2026-05-02').map((c) => c.months)).toEqual([3]);
  });
});

let t: TestApp;
let w: ReportingWorld;
beforeAll(async () => {
  t = await createTestApp();
  w = await reportingWorld(t);
  await openChannel(w);
});
afterAll(async () => { await t.close(); });

const TODAY = todayInBelgium();
const day = (n: number, from = TODAY) => {
  const d = new Date(`${from}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};
const tag = randomBytes(4).toString('hex');
const REPRISAL = `REPRESAILLE-${tag}`;
const MEASURE = `MAATREGEL-${tag}`;

const portalGet = (token: string) => publicRequest(t, { method: 'GET', url: pub(w, '/portal/reprisals'), headers: { 'x-kompas-report-token': token } });
const answer = (token: string | null, body: unknown) => publicRequest(t, { method: 'POST', url: pub(w, '/portal/reprisals'), payload: body as Record<string, unknown>, headers: token ? { 'x-kompas-report-token': token } : {} });
const figure = async (who: 'officer' | 'officer2' | 'investigator') => {
  const r = await w.s[who].get(`/api/orgs/${w.org}/home`);
  return (r.json().figures as { id: string; count: number }[]).find((f) => f.id === 'reporting.reprisals')?.count;
};
const protection = async (id: string) => {
  const r = await w.s.officer.get(api(w, `/reports/${id}/protection`));
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as ProtectionView;
};

describe('the reporter asked through the portal', () => {
  let id: string;
  let receipt: string;
  let token: string;
  beforeAll(async () => {
    ({ id, receipt } = await filed(t, w, { exclude: [w.users.officer2.id] }));
    token = await portalToken(t, w, receipt);
  });

  it('nothing is asked before the acknowledgement, nor before the first month is reached', async () => {
    expect((await portalGet(token)).json()).toEqual({ due: [], answers: [] });
    const v = await readReport(w.s.officer, w, id);
    expect((await w.s.officer.post(api(w, `/reports/${id}/acknowledge`), {}, ifMatch(v.revision))).statusCode).toBe(200);
    expect((await portalGet(token)).json().due).toEqual([]);
    expect((await protection(id)).checks.map((c) => [c.months, c.answered])).toEqual([[3, false], [6, false], [12, false]]);
    expect((await answer(token, { months: 3, suffered: false })).json()).toMatchObject({ code: 'reporting_reprisal_not_due' });
  });

  it('at 3 months (the acknowledgement moved back) the question is open; "no" closes it', async () => {
    await ownerQuery(t, `UPDATE report SET acknowledged_on = $2::date WHERE id = $1`, [id, addMonths(day(-1), -3)]);
    const due = (await portalGet(token)).json() as PortalReprisalsView;
    expect(due.due).toEqual([{ months: 3, dueOn: addMonths(addMonths(day(-1), -3), 3) }]);
    const r = await answer(token, { months: 3, suffered: false });
    expect(r.statusCode, r.body).toBe(201);
    expect((await portalGet(token)).json()).toMatchObject({ due: [], answers: [{ checkMonths: 3, suffered: false, description: null, answeredOn: TODAY }] });
    expect((await answer(token, { months: 3, suffered: false })).statusCode).toBe(409);
    expect(await figure('officer')).toBe(0);
  });

  it('refuses an answer without a token (401), a "yes" without a description, hostile input; nothing stored', async () => {
    expect((await answer(null, { months: null, suffered: true, description: 'x' })).statusCode).toBe(401);
    expect((await answer('not-a-token', { months: null, suffered: true, description: 'x' })).statusCode).toBe(401);
    const empty = await answer(token, { months: null, suffered: true, description: '   ' });
    expect(empty.json()).toMatchObject({ code: 'reporting_reprisal_description', field: 'description' });
    expect((await answer(token, { months: null, suffered: false })).statusCode).toBe(400);
    expect((await answer(token, { months: null, suffered: true, description: 'x', extra: 1 })).statusCode).toBe(400);
    expect((await answer(token, { months: null, suffered: true, description: 'a\u0000b' })).statusCode).toBe(400);
    expect((await answer(token, { months: null, suffered: true, description: 'x'.repeat(20_001) })).statusCode).toBe(400);
    const [n] = await ownerQuery<{ n: number }>(t, `SELECT count(*)::int AS n FROM report_reprisal WHERE report_id = $1`, [id]);
    expect(n.n).toBe(1);
  });

  it('at 6 months the reporter says yes: encrypted, nothing dated but the day, no deadline row before the next morning', async () => {
    const ack = addMonths(day(-1), -6);
    await ownerQuery(t, `UPDATE report SET acknowledged_on = $2::date WHERE id = $1`, [id, ack]);
    // The "no" was given at 3 months on this moved timeline.
    await ownerQuery(t, `UPDATE report_reprisal SET answered_on = $2::date WHERE report_id = $1`, [id, addMonths(ack, 3)]);
    const due = (await portalGet(token)).json() as PortalReprisalsView;
    expect(due.due.map((d) => d.months)).toEqual([6]);
    const r = await answer(token, { months: 6, suffered: true, description: `Ik werd overgeplaatst naar de nachtdienst. ${REPRISAL}` });
    expect(r.statusCode, r.body).toBe(201);
    const [row] = await ownerQuery<{ description: Buffer; answered_on: string }>(t, `SELECT description, answered_on::text FROM report_reprisal WHERE report_id = $1 AND suffered`, [id]);
    expect(row.description.includes(Buffer.from(REPRISAL))).toBe(false);
    expect(row.answered_on).toBe(TODAY);
    expect(await ownerQuery(t, `SELECT 1 FROM deadline WHERE record_id = $1 AND kind = $2`, [id, REPORT_REPRISAL])).toEqual([]);
    const audit = await ownerQuery(t, `SELECT 1 FROM audit_event WHERE record_id = $1 AND action LIKE '%reprisal%'`, [id]);
    expect(audit).toEqual([]);
  });

  it('the "yes" is flagged to the recipients: home figure, case page (decrypted), history; not to the excluded recipient', async () => {
    expect(await figure('officer')).toBe(1);
    expect(await figure('officer2')).toBe(0);
    expect((await w.s.officer2.get(api(w, `/reports/${id}/protection`))).statusCode).toBe(404);
    const p = await protection(id);
    expect(p.unhandled).toBe(1);
    expect(p.reprisals.map((x) => [x.checkMonths, x.suffered])).toEqual([[3, false], [6, true]]);
    expect(p.reprisals[1].description).toContain(REPRISAL);
    expect(p.checks.map((c) => [c.months, c.answered])).toEqual([[3, true], [6, true], [12, false]]);
    expect((await readReport(w.s.officer, w, id)).history.map((h) => h.action)).toContain('reprisal_reported');
  });

  it('the next morning the recipients get a mail that says only that something waits (the chief none)', async () => {
    const r = await runDeadlineReminders({ db: t.db.db, mailer: t.deps.mailer, publicUrl: 'https://kompas.test' }, { today: day(1), kinds: [REPORT_REPRISAL] });
    expect(r.mails).toBeGreaterThanOrEqual(1);
    const mails = await ownerQuery<{ to_address: string; subject: string; body_text: string }>(t,
      `SELECT to_address, subject, body_text FROM mail_outbox WHERE body_text LIKE '%' || $1::text || '%'`, [id]);
    expect(mails.map((m) => m.to_address)).toEqual([w.users.officer.email]);
    expect(mails[0].body_text).toContain(`https://kompas.test/o/${w.org}/reports/${id}`);
    expect(`${mails[0].subject}${mails[0].body_text}`).not.toContain(REPRISAL);
    expect(`${mails[0].subject}${mails[0].body_text}`.toLowerCase()).not.toContain('represaille');
  });

  it('the reporter can report a reprisal at any time; a recipient deals with each, which ends the flag', async () => {
    const r = await answer(token, { months: null, suffered: true, description: 'Mijn evaluatie werd plots negatief.' });
    expect(r.statusCode, r.body).toBe(201);
    let p = await protection(id);
    expect(p.unhandled).toBe(2);
    for (const x of p.reprisals.filter((y) => y.suffered)) {
      const h = await w.s.officer.post(api(w, `/reports/${id}/protection/reprisals/${x.id}/handled`), {});
      expect(h.statusCode, h.body).toBe(200);
    }
    const again = await w.s.officer.post(api(w, `/reports/${id}/protection/reprisals/${p.reprisals[1].id}/handled`), {});
    expect(again.json().code).toBe('reporting_reprisal_handled');
    expect((await w.s.officer.post(api(w, `/reports/${id}/protection/reprisals/${crypto.randomUUID()}/handled`), {})).statusCode).toBe(404);
    p = await protection(id);
    expect(p.unhandled).toBe(0);
    expect(p.reprisals.filter((x) => x.suffered).every((x) => x.handledOn === TODAY && x.handledBy)).toBe(true);
    expect(await figure('officer')).toBe(0);
    const [d] = await ownerQuery<{ completed: boolean }>(t, `SELECT completed_at IS NOT NULL AS completed FROM deadline WHERE record_id = $1 AND kind = $2`, [id, REPORT_REPRISAL]);
    expect(d.completed).toBe(true);
  });
});

describe('protective measures', () => {
  let id: string;
  beforeAll(async () => { ({ id } = await filed(t, w)); });

  it('a recipient records a measure, encrypted, with the day it was taken; also on the case page of the other recipient', async () => {
    const r = await w.s.officer.post(api(w, `/reports/${id}/protection/measures`), { description: `Andere ploeg dan de betrokkene. ${MEASURE}`, takenOn: day(-2) });
    expect(r.statusCode, r.body).toBe(201);
    const [row] = await ownerQuery<{ description: Buffer }>(t, `SELECT description FROM report_protective_measure WHERE id = $1`, [r.json().id]);
    expect(row.description.includes(Buffer.from(MEASURE))).toBe(false);
    const p = (await w.s.officer2.get(api(w, `/reports/${id}/protection`))).json() as ProtectionView;
    expect(p.measures).toMatchObject([{ takenOn: day(-2), recordedOn: TODAY }]);
    expect(p.measures[0].description).toContain(MEASURE);
    const audit = await ownerQuery<{ details: unknown }>(t, `SELECT details FROM audit_event WHERE record_id = $1 AND action = 'reporting.protective_measure'`, [id]);
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain(MEASURE);
  });

  it('refuses a day ahead, an empty text; only recipients record (the investigator reads no protection)', async () => {
    expect((await w.s.officer.post(api(w, `/reports/${id}/protection/measures`), { description: 'x', takenOn: day(1) })).json()).toMatchObject({ code: 'reporting_measure_future', field: 'takenOn' });
    expect((await w.s.officer.post(api(w, `/reports/${id}/protection/measures`), { description: ' ', takenOn: day(0) })).statusCode).toBe(400);
    const v = await readReport(w.s.officer, w, id);
    expect((await w.s.officer.post(api(w, `/reports/${id}/investigator`), { userId: w.users.investigator.id }, ifMatch(v.revision))).statusCode).toBe(200);
    expect((await w.s.investigator.get(api(w, `/reports/${id}/protection`))).statusCode).toBe(403);
    expect((await w.s.investigator.post(api(w, `/reports/${id}/protection/measures`), { description: 'x', takenOn: day(0) })).statusCode).toBe(403);
    expect((await w.s.counsellor.get(api(w, `/reports/${id}/protection`))).statusCode).toBe(404);
  });
});

describe('with a controllable clock', () => {
  it('the service asks at 3, 6 and 12 months as its day moves, through a receipt\'s portal session', async () => {
    const { id, receipt } = await filed(t, w);
    const v = await readReport(w.s.officer, w, id);
    expect((await w.s.officer.post(api(w, `/reports/${id}/acknowledge`), {}, ifMatch(v.revision))).statusCode).toBe(200);
    let today = TODAY;
    const c = makeReportingContext({ db: t.db.db, mailer: t.deps.mailer, publicUrl: 'https://kompas.test', today: () => today });
    const sessions = new PortalSessions();
    const { token } = await makePortal(c, sessions).access(w.org, receipt);
    const svc = makeReprisals(c, sessions);
    expect((await svc.portalReprisals(w.org, token)).due).toEqual([]);
    today = addMonths(TODAY, 3);
    expect((await svc.portalReprisals(w.org, token)).due.map((d) => d.months)).toEqual([3]);
    today = addMonths(TODAY, 12);
    expect((await svc.portalReprisals(w.org, token)).due.map((d) => d.months)).toEqual([3, 6, 12]);
    await svc.answerReprisal(w.org, token, { months: 12, suffered: false });
    expect((await svc.portalReprisals(w.org, token)).due).toEqual([]);
    await expect(svc.portalReprisals(w.org, 'expired')).rejects.toMatchObject({ code: 'reporting_session_expired' });
  });
});
