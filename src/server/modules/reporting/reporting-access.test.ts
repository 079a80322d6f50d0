import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ifMatch, ownerQuery, sessionFor, type TestApp } from '../../../test/app.js';
import type { ReportListItem, ReportSummary } from './contract.js';
import { api, filed, fileReport, multipart, openChannel, readReport, reportingWorld, type ReportingWorld } from './reporting.testkit.js';

/**
 * Who sees a report: the recipients it went to (a key grant and a role of the module), never a
 * recipient the reporter excluded (not by id, not in the list, not in a count), the appointed
 * investigator for that report only; nobody without a role of the module; and the steps with
 * their revision.
 */
let t: TestApp;
let w: ReportingWorld;
beforeAll(async () => {
  t = await createTestApp();
  w = await reportingWorld(t);
  await openChannel(w);
});
afterAll(async () => { await t.close(); });

const ids = async (who: keyof ReportingWorld['s']) => ((await w.s[who].get(api(w, '/reports'))).json().items as ReportListItem[]).map((x) => x.id);
const home = async (who: keyof ReportingWorld['s']) => {
  const r = await w.s[who].get(`/api/orgs/${w.org}/home`);
  expect(r.statusCode, r.body).toBe(200);
  return Object.fromEntries((r.json().figures as { id: string; count: number }[]).filter((f) => f.id.startsWith('reporting.')).map((f) => [f.id, f.count]));
};
const summary = async (id: string) => (await readReport(w.s.officer, w, id)) as ReportSummary;

describe('a recipient excluded by the reporter', () => {
  let id: string;
  beforeAll(async () => { ({ id } = await filed(t, w, { exclude: [w.users.officer2.id] })); });

  it('does not find it by id: 404 as for a report that does not exist, for the view, a file and every step', async () => {
    const missing = await w.s.officer2.get(api(w, `/reports/${crypto.randomUUID()}`));
    const r = await w.s.officer2.get(api(w, `/reports/${id}`));
    expect(r.statusCode).toBe(404);
    expect(r.json()).toEqual(missing.json());
    expect((await w.s.officer2.get(api(w, `/reports/${id}/files/${crypto.randomUUID()}`))).statusCode).toBe(404);
    for (const [path, body] of [['acknowledge', {}], ['admissibility', { admissible: true }], ['investigator', { userId: null }], ['feedback', { body: 'x' }], ['close', { outcome: 'other' }]] as const) {
      expect((await w.s.officer2.post(api(w, `/reports/${id}/${path}`), body, ifMatch(1))).statusCode, path).toBe(404);
    }
    const m = multipart([{ name: 'message', value: JSON.stringify({ body: 'hallo' }) }]);
    expect((await w.s.officer2.request('POST', api(w, `/reports/${id}/messages`), m.payload, m.headers)).statusCode).toBe(404);
  });

  it('does not see it in the list nor in the home figures, while the other recipient does', async () => {
    expect(await ids('officer2')).not.toContain(id);
    expect(await ids('officer')).toContain(id);
    const before = await home('officer2');
    const other = await filed(t, w);
    const after = await home('officer2');
    expect(after['reporting.to_acknowledge']).toBe(before['reporting.to_acknowledge'] + 1);
    expect(await ids('officer2')).toContain(other.id);
    const [n] = await ownerQuery<{ n: number }>(t, `SELECT count(*)::int AS n FROM report_access WHERE report_id = $1 AND user_id = $2`, [id, w.users.officer2.id]);
    expect(n.n).toBe(0);
  });

  it('holds no key grant on it (the reminder mails are tested with the deadlines)', async () => {
    const [row] = await ownerQuery<{ n: number }>(t, `SELECT count(*)::int AS n FROM record_key_grant g JOIN record_key k ON k.id = g.record_key_id
      WHERE k.record_id = $1 AND g.user_id = $2`, [id, w.users.officer2.id]);
    expect(row.n).toBe(0);
  });

  it('when every primary is excluded, the alternates receive, and the primaries see nothing', async () => {
    const f = await filed(t, w, { exclude: [w.users.officer.id, w.users.officer2.id] });
    expect((await w.s.officer.get(api(w, `/reports/${f.id}`))).statusCode).toBe(404);
    expect((await w.s.officer2.get(api(w, `/reports/${f.id}`))).statusCode).toBe(404);
    const v = await readReport(w.s.alternate, w, f.id);
    expect(v.roles).toEqual(['recipient']);
    expect(v.excluded.map((x) => x.id).sort()).toEqual([w.users.officer.id, w.users.officer2.id].sort());
  });

  it('the chief, no recipient, cannot be excluded and is only told of missed deadlines (an escalation part, no key grant)', async () => {
    const settings = (await w.s.officer.get(api(w, '/settings'))).json();
    const r = await fileReport(t, w, { exclude: [w.users.chief.id] });
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ code: 'reporting_exclude_unknown', field: 'exclude.0' });
    expect(settings.recipients).toHaveLength(3);
    const f = await filed(t, w);
    const [esc] = await ownerQuery<{ n: number }>(t, `SELECT count(*)::int AS n FROM report_access WHERE report_id = $1 AND kind = 'escalation' AND user_id = $2`, [f.id, w.users.chief.id]);
    expect(esc.n).toBe(1);
    expect((await w.s.chief.get(api(w, `/reports/${f.id}`))).statusCode).toBe(403);
  });
});

describe('people without a part in the report', () => {
  let id: string;
  beforeAll(async () => { ({ id } = await filed(t, w)); });

  it('a person without a role of the module is refused at the door (403), a report id changes nothing', async () => {
    for (const url of [api(w, '/reports'), api(w, `/reports/${id}`), api(w, '/settings')]) {
      const r = await w.s.staff.get(url);
      expect(r.statusCode, url).toBe(403);
      expect(r.json().code).toBe('forbidden');
    }
    expect((await w.s.chief.get(api(w, `/reports/${id}`))).statusCode).toBe(403);
    expect(await home('staff')).toEqual({});
  });

  it('an officer of another zone is refused (403), and finds nothing of it under their own zone (404)', async () => {
    expect((await w.s.otherOfficer.get(api(w, `/reports/${id}`))).statusCode).toBe(403);
    expect((await w.s.otherOfficer.get(`/api/orgs/${w.other}/reporting/reports/${id}`)).statusCode).toBe(404);
  });

  it('a counsellor or investigator with the role but no part in the report finds nothing (404, not in the list)', async () => {
    expect((await w.s.counsellor.get(api(w, `/reports/${id}`))).statusCode).toBe(404);
    expect((await w.s.investigator.get(api(w, `/reports/${id}`))).statusCode).toBe(404);
    expect(await ids('investigator')).toEqual([]);
  });

  it('the settings are the integrity officer\'s', async () => {
    expect((await w.s.counsellor.get(api(w, '/settings'))).statusCode).toBe(403);
    expect((await w.s.alternate.put(api(w, '/settings'), {}, ifMatch(1))).statusCode).toBe(403);
  });
});

describe('the steps of the procedure', () => {
  let id: string;
  let other: string;
  beforeAll(async () => {
    ({ id } = await filed(t, w));
    ({ id: other } = await filed(t, w));
  });

  it('acknowledge needs the revision seen: none is 428, a stale one 409 with the report as it is', async () => {
    const s0 = await summary(id);
    expect((await w.s.officer.post(api(w, `/reports/${id}/acknowledge`), {})).statusCode).toBe(428);
    const ok = await w.s.officer.post(api(w, `/reports/${id}/acknowledge`), { body: 'Goed ontvangen, we bekijken het.' }, ifMatch(s0.revision));
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'acknowledged', revision: s0.revision + 1 });
    const stale = await w.s.officer2.post(api(w, `/reports/${id}/admissibility`), { admissible: true }, ifMatch(s0.revision));
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'edit_conflict', current: { status: 'acknowledged', revision: s0.revision + 1 } });
    const again = await w.s.officer2.post(api(w, `/reports/${id}/acknowledge`), {}, ifMatch(s0.revision + 1));
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'reporting_wrong_status' });
  });

  it('admissibility with a reason (encrypted, shown to the recipients)', async () => {
    const s = await summary(id);
    const r = await w.s.officer.post(api(w, `/reports/${id}/admissibility`), { admissible: true, reason: 'Feiten binnen het toepassingsgebied.' }, ifMatch(s.revision));
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ status: 'in_progress', admissibility: 'admissible' });
    expect((await readReport(w.s.officer2, w, id)).admissibilityReason).toBe('Feiten binnen het toepassingsgebied.');
    const [ev] = await ownerQuery<{ note: Buffer }>(t, `SELECT note FROM report_event WHERE report_id = $1 AND kind = 'admissibility'`, [id]);
    expect(ev.note.includes(Buffer.from('toepassingsgebied'))).toBe(false);
  });

  it('the investigator sees only the report they are appointed to, and loses it when replaced', async () => {
    const v = await readReport(w.s.officer, w, id);
    expect(v.investigatorCandidates.map((c) => c.id).sort()).toEqual([w.users.investigator.id, w.users.investigator2.id].sort());
    const staffAsInvestigator = await w.s.officer.post(api(w, `/reports/${id}/investigator`), { userId: w.users.staff.id }, ifMatch(v.revision));
    expect(staffAsInvestigator.statusCode).toBe(400);
    expect(staffAsInvestigator.json()).toMatchObject({ code: 'reporting_investigator_role', field: 'userId' });
    const r = await w.s.officer.post(api(w, `/reports/${id}/investigator`), { userId: w.users.investigator.id }, ifMatch(v.revision));
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().investigator).toMatchObject({ id: w.users.investigator.id });
    expect(await ids('investigator')).toEqual([id]);
    expect((await w.s.investigator.get(api(w, `/reports/${other}`))).statusCode).toBe(404);
    const seen = await readReport(w.s.investigator, w, id);
    expect(seen).toMatchObject({ roles: ['investigator'], can: { message: true, acknowledge: false, close: false, investigator: false } });
    // An investigator takes no decisions: 403 on the report they can read.
    expect((await w.s.investigator.post(api(w, `/reports/${id}/close`), { outcome: 'unfounded' }, ifMatch(seen.revision))).statusCode).toBe(403);
    const m = multipart([{ name: 'message', value: JSON.stringify({ body: 'Kunt u de datum bevestigen?' }) }]);
    expect((await w.s.investigator.request('POST', api(w, `/reports/${id}/messages`), m.payload, m.headers)).statusCode).toBe(201);

    const replaced = await w.s.officer.post(api(w, `/reports/${id}/investigator`), { userId: w.users.investigator2.id }, ifMatch(seen.revision));
    expect(replaced.statusCode, replaced.body).toBe(200);
    expect((await w.s.investigator.get(api(w, `/reports/${id}`))).statusCode).toBe(404);
    expect(await ids('investigator')).toEqual([]);
    expect((await readReport(w.s.investigator2, w, id)).roles).toEqual(['investigator']);
  });

  it('feedback and closure, then no more steps or messages', async () => {
    let s = await summary(id);
    const fb = await w.s.officer.post(api(w, `/reports/${id}/feedback`), { body: 'Er loopt een onderzoek.' }, ifMatch(s.revision));
    expect(fb.statusCode, fb.body).toBe(200);
    expect(fb.json().feedbackOn).toBeTruthy();
    expect(fb.json().deadlines).toEqual([]);
    s = fb.json();
    const closed = await w.s.officer.post(api(w, `/reports/${id}/close`), { outcome: 'founded_measures', body: 'Er zijn maatregelen genomen.' }, ifMatch(s.revision));
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed', outcome: 'founded_measures' });
    const v = await readReport(w.s.officer, w, id);
    expect(v.history.map((h) => h.action)).toEqual(['received', 'acknowledged', 'admissibility', 'investigator', 'investigator', 'feedback', 'closed']);
    expect(v.messages.map((m) => m.kind)).toEqual(['acknowledgement', 'message', 'feedback', 'closure']);
    expect(v.can).toEqual({ acknowledge: false, admissibility: false, investigator: false, message: false, feedback: false, close: false });
    const again = await w.s.officer.post(api(w, `/reports/${id}/close`), { outcome: 'other' }, ifMatch(v.revision));
    expect(again.json().code).toBe('reporting_closed');
    const m = multipart([{ name: 'message', value: JSON.stringify({ body: 'nog iets' }) }]);
    const late = await w.s.officer.request('POST', api(w, `/reports/${id}/messages`), m.payload, m.headers);
    expect(late.statusCode).toBe(409);
  });

  it('closing before acknowledging is refused with the reason', async () => {
    const s = await summary(other);
    const r = await w.s.officer.post(api(w, `/reports/${other}/close`), { outcome: 'unfounded' }, ifMatch(s.revision));
    expect(r.statusCode).toBe(409);
    expect(r.json().code).toBe('reporting_not_acknowledged');
  });

  it('a key that is not unlocked in this session answers 423, the report stays unread', async () => {
    const locked = await sessionFor(t, w.users.officer.id);
    const r = await locked.get(api(w, `/reports/${other}`));
    expect(r.statusCode).toBe(423);
    expect(r.json().code).toBe('vault_locked');
    expect((await locked.get(api(w, '/reports'))).statusCode).toBe(200);
  });

  it('every step and read is audited with ids and codes only', async () => {
    const rows = await ownerQuery<{ action: string; details: Record<string, unknown> }>(t,
      `SELECT action, details FROM audit_event WHERE organisation_id = $1 AND record_id = $2 ORDER BY id`, [w.org, id]);
    const actions = new Set(rows.map((r) => r.action));
    for (const a of ['reporting.report_read', 'reporting.acknowledge', 'reporting.admissibility', 'reporting.investigator', 'reporting.message_sent', 'reporting.feedback', 'reporting.close']) {
      expect(actions, a).toContain(a);
    }
    const text = JSON.stringify(rows);
    for (const words of ['Goed ontvangen', 'toepassingsgebied', 'onderzoek', 'maatregelen genomen', 'datum bevestigen']) expect(text).not.toContain(words);
  });
});

describe('recipients who join and leave', () => {
  it('a new recipient gets the open reports the officer can open, unless excluded; one who leaves loses them', async () => {
    const kept = await filed(t, w);
    const excl = await filed(t, w, { exclude: [w.users.officer2.id] });
    const settings = (await w.s.officer.get(api(w, '/settings'))).json();
    const base = { open: true, intro: settings.intro, questions: settings.questions, ackDays: 7, feedbackMonths: 3, alertDaysBefore: 2, reprisalCheckMonths: [3, 6, 12], retentionMonths: 60, autoAck: null };
    // officer2 leaves the primaries: their reports go.
    const left = await w.s.officer.put(api(w, '/settings'), { ...base, recipients: [{ userId: w.users.officer.id, kind: 'primary' }, { userId: w.users.alternate.id, kind: 'alternate' }] }, ifMatch(settings.revision));
    expect(left.statusCode, left.body).toBe(200);
    expect((await w.s.officer2.get(api(w, `/reports/${kept.id}`))).statusCode).toBe(404);
    expect(await ids('officer2')).toEqual([]);
    // The counsellor joins as primary: they get the open reports that went to primaries.
    const joined = await w.s.officer.put(api(w, '/settings'), { ...base, recipients: [
      { userId: w.users.officer.id, kind: 'primary' }, { userId: w.users.counsellor.id, kind: 'primary' }, { userId: w.users.alternate.id, kind: 'alternate' },
    ] }, ifMatch(left.json().revision));
    expect(joined.statusCode, joined.body).toBe(200);
    expect((await readReport(w.s.counsellor, w, kept.id)).roles).toContain('recipient');
    expect((await readReport(w.s.counsellor, w, excl.id)).roles).toContain('recipient');
    // officer2 comes back: not to the report that excluded them.
    const back = await w.s.officer.put(api(w, '/settings'), { ...base, recipients: [
      { userId: w.users.officer.id, kind: 'primary' }, { userId: w.users.officer2.id, kind: 'primary' }, { userId: w.users.alternate.id, kind: 'alternate' },
    ] }, ifMatch(joined.json().revision));
    expect(back.statusCode, back.body).toBe(200);
    expect((await readReport(w.s.officer2, w, kept.id)).roles).toEqual(['recipient']);
    expect((await w.s.officer2.get(api(w, `/reports/${excl.id}`))).statusCode).toBe(404);
    expect((await w.s.counsellor.get(api(w, `/reports/${kept.id}`))).statusCode).toBe(404);
  });

  it('a recipient must hold a role of the module; a stale settings write is 409', async () => {
    const settings = (await w.s.officer.get(api(w, '/settings'))).json();
    const base = { open: true, intro: {}, questions: settings.questions, ackDays: 7, feedbackMonths: 3, alertDaysBefore: 2, reprisalCheckMonths: [], retentionMonths: 60, autoAck: null };
    const r = await w.s.officer.put(api(w, '/settings'), { ...base, recipients: [{ userId: w.users.officer.id, kind: 'primary' }, { userId: w.users.staff.id, kind: 'alternate' }] }, ifMatch(settings.revision));
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ code: 'reporting_recipient_role', field: 'recipients.1.userId' });
    const stale = await w.s.officer.put(api(w, '/settings'), { ...base, recipients: [] }, ifMatch(settings.revision - 1));
    expect(stale.statusCode).toBe(409);
    expect(stale.json().current.revision).toBe(settings.revision);
  });
});
