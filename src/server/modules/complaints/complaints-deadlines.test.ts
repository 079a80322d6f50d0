import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ifMatch, ownerQuery, type TestApp } from '../../../test/app.js';
import { runDeadlineReminders } from '../../platform/deadlines/index.js';
import { COMPLAINT_ACKNOWLEDGE, COMPLAINT_RESOLVE, COMPLAINT_TRIAGE } from './deadlines.js';
import { api, complaintPart, complaintsWorld, filed, multipart, openDesk, readComplaint, triaged, type ComplaintsWorld } from './complaints.testkit.js';

/**
 * Issue 19: the lead times as platform deadlines on a controllable clock — a registered complaint
 * gets its three deadlines at once, a citizen's filing from the daily run (never at filing); each
 * step completes its deadline; the run reminds the coordinators and later the handler, with a mail
 * that says nothing of the complaint; the home figures count what waits.
 */
let day = '2027-06-01';
let t: TestApp;
let w: ComplaintsWorld;
beforeAll(async () => {
  t = await createTestApp({ today: () => day });
  w = await complaintsWorld(t);
  await openDesk(w);
});
afterAll(async () => { await t.close(); });

const deadlines = (id: string) => ownerQuery<{ kind: string; due_on: string; assignee_user_id: string | null; done: boolean }>(t,
  `SELECT kind, due_on::text, assignee_user_id, completed_at IS NOT NULL AS done FROM deadline WHERE organisation_id = $1 AND record_id = $2 ORDER BY kind`, [w.org, id]);
const run = (today: string) => runDeadlineReminders({ db: t.db.db, mailer: t.deps.mailer, publicUrl: 'https://kompas.test' }, { today, kinds: [COMPLAINT_ACKNOWLEDGE, COMPLAINT_TRIAGE, COMPLAINT_RESOLVE] });

describe('complaint lead times', () => {
  it('a registered complaint gets acknowledge, triage and resolve deadlines; steps complete them', async () => {
    const m = multipart([complaintPart({ channel: 'letter', anonymous: true, what: 'Per brief.', language: 'nl' })]);
    const r = await w.s.coordinator.request('POST', api(w), m.payload, m.headers);
    expect(r.statusCode, r.body).toBe(201);
    const id = r.json().id as string;
    expect(await deadlines(id)).toEqual([
      { kind: COMPLAINT_ACKNOWLEDGE, due_on: '2027-06-08', assignee_user_id: null, done: false },
      { kind: COMPLAINT_RESOLVE, due_on: '2027-08-30', assignee_user_id: null, done: false },
      { kind: COMPLAINT_TRIAGE, due_on: '2027-06-15', assignee_user_id: null, done: false },
    ]);
    const v = await readComplaint(w.s.coordinator, w, id);
    const ack = await w.s.coordinator.post(api(w, `/${id}/acknowledge`), {}, ifMatch(v.revision));
    expect(ack.statusCode).toBe(200);
    expect((await deadlines(id)).find((d) => d.kind === COMPLAINT_ACKNOWLEDGE)?.done).toBe(true);
    await triaged(w, id);
    const after = await deadlines(id);
    expect(after.find((d) => d.kind === COMPLAINT_TRIAGE)?.done).toBe(true);
    expect(after.find((d) => d.kind === COMPLAINT_RESOLVE)).toMatchObject({ done: false, assignee_user_id: w.users.handler.id });
  });

  it("a citizen's filing has no deadline row until the daily run, which reminds the coordinators without content", async () => {
    const f = await filed(t, w, { what: 'GEHEIM-FEIT' });
    expect(await deadlines(f.id)).toEqual([]);
    await run('2027-06-02');
    expect((await deadlines(f.id)).map((d) => d.kind).sort()).toEqual([COMPLAINT_ACKNOWLEDGE, COMPLAINT_RESOLVE, COMPLAINT_TRIAGE]);
    await run('2027-06-09');
    const mails = await ownerQuery<{ to_address: string; body: string }>(t, `SELECT * FROM mail_outbox`);
    expect(mails.length).toBeGreaterThan(0);
    expect(JSON.stringify(mails)).not.toContain('GEHEIM-FEIT');
    expect(JSON.stringify(mails)).toContain(w.users.coordinator.email);
    expect(JSON.stringify(mails)).not.toContain(w.users.handler2.email);
  });

  it('home figures: to triage and late for the coordinator, mine for the handler', async () => {
    day = '2027-06-20';
    type Figures = { figures: { id: string; count: number }[] };
    const figures = async (who: 'coordinator' | 'handler' | 'handler2') =>
      Object.fromEntries(((await w.s[who].get(`/api/orgs/${w.org}/home`)).json() as Figures).figures.filter((f) => f.id.startsWith('complaints.')).map((f) => [f.id, f.count]));
    // The public filing of 06-01 waits for acknowledgement and triage, both past; the registered one is with the handler, in time.
    expect(await figures('coordinator')).toEqual({ 'complaints.to_triage': 1, 'complaints.late': 1, 'complaints.mine': 0 });
    expect(await figures('handler')).toEqual({ 'complaints.late': 0, 'complaints.mine': 1 });
    expect(await figures('handler2')).toEqual({ 'complaints.late': 0, 'complaints.mine': 0 });
  });
});
