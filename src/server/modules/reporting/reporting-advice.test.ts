import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, ifMatch, ownerQuery, sessionFor, unlockedSessionFor, createTestApp, type Session, type TestApp } from '../../../test/app.js';
import { columnsHoldingMarkers } from '../../../test/at-rest.js';
import type { AdviceView } from './advice-contract.js';
import type { ReportListItem } from './contract.js';
import { api, filed, openChannel, readReport, reportingWorld, type ReportingWorld } from './reporting.testkit.js';

/**
 * Core-group advice (issue 18): a recipient asks members of the core group; each sees that report
 * only, while the request runs (a key grant that expires, checked by the database's clock), takes
 * no step, records advice that is stored encrypted, and loses the report once it is given,
 * withdrawn or past. A member of another organisation finds nothing.
 */
let t: TestApp;
let w: ReportingWorld;
const members: { id: string; email: string; s: Session }[] = [];
let foreign: { id: string; s: Session };
beforeAll(async () => {
  t = await createTestApp();
  w = await reportingWorld(t);
  await openChannel(w);
  // Vault unlocks are throttled: two new members, and the world's core-group member (an alternate recipient, no part in these reports).
  for (let i = 0; i < 2; i++) {
    const u = await createUser(t, { roles: [{ orgId: w.org, role: 'core_group_member' }] });
    members.push({ ...u, s: await unlockedSessionFor(t, u.id) });
  }
  members.push({ ...w.users.alternate, s: w.s.alternate });
  const f = await createUser(t, { roles: [{ orgId: w.other, role: 'core_group_member' }] });
  foreign = { id: f.id, s: await sessionFor(t, f.id) };
});
afterAll(async () => { await t.close(); });

const tag = randomBytes(4).toString('hex');
const QUESTION = `ADVIESVRAAG-${tag}`;
const ADVICE = `ADVIES-${tag}`;

const listIds = async (s: Session) => ((await s.get(api(w, '/reports'))).json().items as ReportListItem[]).map((x) => x.id);
const advice = async (s: Session, id: string) => {
  const r = await s.get(api(w, `/reports/${id}/advice`));
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as AdviceView;
};
const figure = async (s: Session, id: string) => {
  const r = await s.get(`/api/orgs/${w.org}/home`);
  return (r.json().figures as { id: string; count: number }[]).find((f) => f.id === id)?.count;
};
const ask = (id: string, body: Record<string, unknown>, s = w.s.officer) => s.post(api(w, `/reports/${id}/advice`), body);
const grantOf = (reportId: string, userId: string) => ownerQuery<{ expires_at: Date | null }>(t, `SELECT g.expires_at FROM record_key_grant g JOIN record_key k ON k.id = g.record_key_id
  WHERE k.record_type = 'report' AND k.record_id = $1 AND g.user_id = $2`, [reportId, userId]);

describe('asking the core group for advice', () => {
  let id: string;
  let other: string;
  let requestId: string;
  beforeAll(async () => {
    ({ id } = await filed(t, w, { identityMode: 'confidential', name: 'Melder Vertrouwelijk', contact: 'melder@example.org', exclude: [w.users.officer2.id] }));
    ({ id: other } = await filed(t, w));
  });

  it('the recipient sees the members who may be asked (core group, a key pair, no part in the report)', async () => {
    const v = await advice(w.s.officer, id);
    expect(v).toMatchObject({ canAsk: true, answer: false, requests: [] });
    const ids = v.candidates.map((c) => c.id);
    for (const m of members) expect(ids).toContain(m.id);
    expect(ids).not.toContain(foreign.id);
    expect(ids).not.toContain(w.users.officer.id);
  });

  it('refuses people who are not members of the core group of this organisation, one asked twice, and a date too far', async () => {
    for (const [u, code] of [[foreign.id, 'reporting_adviser_role'], [w.users.officer2.id, 'reporting_adviser_excluded'], [w.users.investigator.id, 'reporting_adviser_role']] as const) {
      const r = await ask(id, { userIds: [members[0].id, u], question: 'x' });
      expect(r.statusCode, `${u === foreign.id ? 'foreign' : u} ${r.body}`).toBe(400);
      expect(r.json()).toMatchObject({ code, field: 'userIds.1' });
    }
    const far = await ask(id, { userIds: [members[0].id], question: 'x', until: '2999-01-01' });
    expect(far.json(), far.body).toMatchObject({ code: 'reporting_advice_until', field: 'until' });
    expect((await ask(id, { userIds: [members[0].id], question: '  ' })).statusCode).toBe(400);
    const [n] = await ownerQuery<{ n: number }>(t, `SELECT count(*)::int AS n FROM report_advice_request WHERE report_id = $1`, [id]);
    expect(n.n).toBe(0);
  });

  it('asks two members with the default end date (14 days): a time-limited grant, a part as adviser, a mail with a link only', async () => {
    const r = await ask(id, { userIds: [members[0].id, members[1].id], question: `Is dit een integriteitsschending? ${QUESTION}` });
    expect(r.statusCode, r.body).toBe(201);
    requestId = r.json().id;
    const today = new Date();
    const until = r.json().until as string;
    expect(Math.round((Date.parse(until) - Date.parse(today.toISOString().slice(0, 10))) / 86_400_000)).toBeGreaterThanOrEqual(13);
    const [g] = await grantOf(id, members[0].id);
    expect(g.expires_at).not.toBeNull();
    expect(g.expires_at!.getTime()).toBeGreaterThan(Date.parse(`${until}T00:00:00Z`));
    expect(g.expires_at!.getTime()).toBeLessThanOrEqual(Date.parse(`${until}T23:00:00Z`));
    const mails = await ownerQuery<{ to_address: string; subject: string; body_text: string }>(t, `SELECT to_address, subject, body_text FROM mail_outbox WHERE template = 'reporting.advice_asked'`);
    expect(mails.map((m) => m.to_address).sort()).toEqual([members[0].email, members[1].email].sort());
    for (const m of mails) {
      expect(m.body_text).toContain(`/o/${w.org}/reports/${id}`);
      expect(`${m.subject}${m.body_text}`).not.toContain(QUESTION);
    }
  });

  it('the member sees that report only, in the list and by id, without the confidential reporter\'s identity nor the exclusions', async () => {
    expect(await listIds(members[0].s)).toEqual([id]);
    const v = await readReport(members[0].s, w, id);
    expect(v.roles).toEqual(['adviser']);
    expect(v.reporter).toBeNull();
    expect(v.excluded).toEqual([]);
    expect(Object.values(v.can).some(Boolean)).toBe(false);
    expect(v.answers.length).toBeGreaterThan(0);
    expect((await members[0].s.get(api(w, `/reports/${other}`))).statusCode).toBe(404);
    const a = await advice(members[0].s, id);
    expect(a).toMatchObject({ canAsk: false, answer: true, candidates: [] });
    expect(a.requests).toHaveLength(1);
    expect(a.requests[0].question).toContain(QUESTION);
    expect(a.requests[0].members.map((m) => m.userId)).toEqual([members[0].id]);
    expect(await figure(members[0].s, 'reporting.advice')).toBe(1);
    // A member who was not asked sees nothing.
    expect((await members[2].s.get(api(w, `/reports/${id}`))).statusCode).toBe(404);
  });

  it('the member takes no step: the decision stays with the recipients', async () => {
    const v = await readReport(members[0].s, w, id);
    for (const [path, body] of [['acknowledge', {}], ['admissibility', { admissible: true }], ['investigator', { userId: null }], ['close', { outcome: 'other' }]] as const) {
      expect((await members[0].s.post(api(w, `/reports/${id}/${path}`), body, ifMatch(v.revision))).statusCode, path).toBe(403);
    }
    expect((await ask(id, { userIds: [members[2].id], question: 'x' }, members[0].s)).statusCode).toBe(403);
    expect((await members[0].s.post(api(w, `/reports/${id}/advice/${requestId}/withdraw`), {})).statusCode).toBe(403);
    expect((await members[0].s.get(api(w, `/reports/${id}/protection`))).statusCode).toBe(403);
    // Asked again while the request runs: refused.
    expect((await ask(id, { userIds: [members[0].id], question: 'x' })).json()).toMatchObject({ code: 'reporting_adviser_pending', field: 'userIds.0' });
  });

  it('records the advice encrypted; the member loses the report at once; the officer reads it with its date', async () => {
    const r = await members[0].s.post(api(w, `/reports/${id}/advice/${requestId}/answer`), { advice: `Ik raad een onderzoek aan. ${ADVICE}` });
    expect(r.statusCode, r.body).toBe(200);
    expect((await members[0].s.get(api(w, `/reports/${id}`))).statusCode).toBe(404);
    expect(await listIds(members[0].s)).toEqual([]);
    expect(await grantOf(id, members[0].id)).toEqual([]);
    expect((await members[0].s.post(api(w, `/reports/${id}/advice/${requestId}/answer`), { advice: 'nog eens' })).statusCode).toBe(404);
    const v = await advice(w.s.officer, id);
    const m0 = v.requests[0].members.find((m) => m.userId === members[0].id)!;
    expect(m0).toMatchObject({ status: 'given', givenOn: r.json().givenOn });
    expect(m0.advice).toContain(ADVICE);
    expect(v.requests[0].members.find((m) => m.userId === members[1].id)).toMatchObject({ status: 'waiting', advice: null });
    const given = await ownerQuery<{ to_address: string }>(t, `SELECT to_address FROM mail_outbox WHERE template = 'reporting.advice_given'`);
    expect(given.map((x) => x.to_address)).toEqual([w.users.officer.email]);
    const history = (await readReport(w.s.officer, w, id)).history.map((h) => h.action);
    expect(history).toEqual(expect.arrayContaining(['advice_asked', 'advice_given']));
  });

  it('the question and the advice are nowhere in the database in clear (bytea, text, json)', async () => {
    expect(await columnsHoldingMarkers(t.db.url, [QUESTION, ADVICE], { tables: ['report_advice', 'report_advice_request'] })).toEqual([]);
  }, 120_000);

  it('past the end date (the database\'s clock) the member finds nothing and cannot answer; the officer sees it expired', async () => {
    expect((await readReport(members[1].s, w, id)).roles).toEqual(['adviser']);
    await ownerQuery(t, `UPDATE record_key_grant g SET expires_at = now() - interval '1 minute' FROM record_key k
      WHERE k.id = g.record_key_id AND k.record_id = $1 AND g.user_id = $2`, [id, members[1].id]);
    expect((await members[1].s.get(api(w, `/reports/${id}`))).statusCode).toBe(404);
    expect(await listIds(members[1].s)).toEqual([]);
    expect(await figure(members[1].s, 'reporting.advice')).toBe(0);
    expect((await members[1].s.post(api(w, `/reports/${id}/advice/${requestId}/answer`), { advice: 'te laat' })).statusCode).toBe(404);
    expect((await members[1].s.get(api(w, `/reports/${id}/advice`))).statusCode).toBe(404);
    const v = await advice(w.s.officer, id);
    expect(v.requests[0].members.find((m) => m.userId === members[1].id)).toMatchObject({ status: 'expired', advice: null });
    expect(v.requests[0].open).toBe(false);
    // Reading the report as the officer does not seal it to the member again.
    await readReport(w.s.officer, w, id);
    expect((await members[1].s.get(api(w, `/reports/${id}`))).statusCode).toBe(404);
    // The member can be asked again afterwards.
    const again = await ask(id, { userIds: [members[1].id], question: 'Nog een vraag' });
    expect(again.statusCode, again.body).toBe(201);
    expect((await readReport(members[1].s, w, id)).roles).toEqual(['adviser']);
  });

  it('a withdrawn request ends the access of those who had not answered', async () => {
    const r = await ask(id, { userIds: [members[2].id], question: 'Vraag die we intrekken' });
    expect(r.statusCode, r.body).toBe(201);
    expect((await readReport(members[2].s, w, id)).roles).toEqual(['adviser']);
    const wd = await w.s.officer.post(api(w, `/reports/${id}/advice/${r.json().id}/withdraw`), {});
    expect(wd.statusCode, wd.body).toBe(200);
    expect((await members[2].s.get(api(w, `/reports/${id}`))).statusCode).toBe(404);
    const v = await advice(w.s.officer, id);
    expect(v.requests.find((x) => x.id === r.json().id)).toMatchObject({ withdrawnOn: wd.json().withdrawnOn, open: false, members: [{ status: 'withdrawn' }] });
    expect((await w.s.officer.post(api(w, `/reports/${id}/advice/${r.json().id}/withdraw`), {})).statusCode).toBe(404);
  });

  it('a recipient excluded by the reporter cannot ask nor learn of the advice (404)', async () => {
    expect((await w.s.officer2.get(api(w, `/reports/${id}/advice`))).statusCode).toBe(404);
    expect((await ask(id, { userIds: [members[2].id], question: 'x' }, w.s.officer2)).statusCode).toBe(404);
  });

  it('a member of another organisation finds nothing: refused at the door, and nothing under their own', async () => {
    expect((await foreign.s.get(api(w, `/reports/${id}`))).statusCode).toBe(403);
    expect((await foreign.s.get(api(w, `/reports/${id}/advice`))).statusCode).toBe(403);
    expect((await foreign.s.get(`/api/orgs/${w.other}/reporting/reports/${id}`)).statusCode).toBe(404);
    expect((await foreign.s.get(`/api/orgs/${w.other}/reporting/reports`)).json().items).toEqual([]);
  });

  it('asking, giving and withdrawing are audited with ids only', async () => {
    const rows = await ownerQuery<{ action: string; details: unknown }>(t, `SELECT action, details FROM audit_event WHERE record_id = $1 AND action LIKE 'reporting.advice%'`, [id]);
    const actions = new Set(rows.map((r) => r.action));
    for (const a of ['reporting.advice_asked', 'reporting.advice_given', 'reporting.advice_withdrawn', 'reporting.advice_read']) expect(actions).toContain(a);
    expect(JSON.stringify(rows)).not.toContain(tag);
  });
});
