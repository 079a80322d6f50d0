import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ifMatch, ownerQuery, type TestApp } from '../../../test/app.js';
import { runDeadlineReminders, todayInBelgium } from '../../platform/deadlines/index.js';
import type { SettingsView } from './contract.js';
import { REPORT_ACKNOWLEDGE, REPORT_FEEDBACK } from './deadlines.js';
import { api, filed, openChannel, readReport, reportingWorld, someAnswers, type ReportingWorld } from './reporting.testkit.js';

/**
 * The legal deadlines through the platform's deadlines: acknowledgement within the organisation's
 * days, feedback within its months from the acknowledgement; the recipients reminded (never a
 * recipient the reporter excluded), the chief told the day after; mails that say only that
 * something waits. Nothing is written at the moment of filing.
 */
let t: TestApp;
let w: ReportingWorld;
let settings: SettingsView;
beforeAll(async () => {
  t = await createTestApp();
  w = await reportingWorld(t);
  settings = await openChannel(w);
});
afterAll(async () => { await t.close(); });

const TODAY = todayInBelgium();
const day = (n: number, from = TODAY) => {
  const d = new Date(`${from}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};
const plusMonths = (from: string, m: number) => {
  const d = new Date(`${from}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + m);
  return d.toISOString().slice(0, 10);
};
const run = (today: string) => runDeadlineReminders({ db: t.db.db, mailer: t.deps.mailer, publicUrl: 'https://kompas.test' }, { today, kinds: [REPORT_ACKNOWLEDGE, REPORT_FEEDBACK] });
const deadlines = (id: string) => ownerQuery<{ kind: string; due_on: string; completed: boolean; remind_days_before: number[]; escalate_after_days: number }>(t,
  `SELECT kind, due_on::text, completed_at IS NOT NULL AS completed, remind_days_before, escalate_after_days FROM deadline WHERE record_id = $1 ORDER BY kind`, [id]);
const mails = () => ownerQuery<{ to_address: string; template: string; body_text: string; subject: string }>(t,
  `SELECT to_address, template, body_text, subject FROM mail_outbox WHERE template LIKE 'deadline.%' ORDER BY created_at, id`);

describe('the acknowledgement deadline', () => {
  let id: string;
  let reference: string;
  let sent = 0;
  const newMails = async () => {
    const all = await mails();
    const fresh = all.slice(sent);
    sent = all.length;
    return fresh;
  };

  it('filing writes no deadline (its exact time would date the report); the next morning\'s run sets it and tells the recipients', async () => {
    ({ id, reference } = await filed(t, w, { exclude: [w.users.officer2.id] }));
    expect(await deadlines(id)).toEqual([]);
    const r = await run(day(1));
    expect(r.mails).toBeGreaterThanOrEqual(1);
    expect(await deadlines(id)).toEqual([{ kind: REPORT_ACKNOWLEDGE, due_on: day(7), completed: false, remind_days_before: [7, 2, 0], escalate_after_days: 1 }]);
    const m = (await newMails()).filter((x) => x.body_text.includes(id));
    expect(m.map((x) => x.to_address)).toEqual([w.users.officer.email]);
    expect(m[0].template).toBe('deadline.reminder');
    expect(m[0].body_text).toContain(`https://kompas.test/o/${w.org}/reports/${id}`);
    expect(m[0].body_text).toContain(day(7));
    // Nothing of the report: not its reference, not a word of it.
    for (const x of m) for (const s of [reference, someAnswers().what, 'fraude', 'melding']) expect(`${x.subject}\n${x.body_text}`.toLowerCase()).not.toContain(s.toLowerCase());
  });

  it('each step goes once: the reminder two days before, the notice on the day, the chief the day after (never the excluded recipient)', async () => {
    expect((await run(day(1))).mails).toBe(0);
    await run(day(5));
    expect((await newMails()).filter((x) => x.body_text.includes(id)).map((x) => [x.to_address, x.template])).toEqual([[w.users.officer.email, 'deadline.reminder']]);
    await run(day(7));
    expect((await newMails()).filter((x) => x.body_text.includes(id)).map((x) => [x.to_address, x.template])).toEqual([[w.users.officer.email, 'deadline.due']]);
    await run(day(8));
    expect((await newMails()).filter((x) => x.body_text.includes(id)).map((x) => [x.to_address, x.template])).toEqual([[w.users.chief.email, 'deadline.escalation']]);
    expect((await mails()).some((x) => x.to_address === w.users.officer2.email && x.body_text.includes(id))).toBe(false);
  });

  it('the organisation\'s delay moves it (settings sync the open reports)', async () => {
    const r = await w.s.officer.put(api(w, '/settings'), {
      open: true, intro: settings.intro, questions: settings.questions, ackDays: 5, feedbackMonths: 2, alertDaysBefore: 1, reprisalCheckMonths: [3, 6, 12],
      retentionMonths: 60, autoAck: null, recipients: settings.recipients.map((x) => ({ userId: x.userId, kind: x.kind })),
    }, ifMatch(settings.revision));
    expect(r.statusCode, r.body).toBe(200);
    settings = r.json();
    expect(await deadlines(id)).toEqual([{ kind: REPORT_ACKNOWLEDGE, due_on: day(5), completed: false, remind_days_before: [5, 1, 0], escalate_after_days: 1 }]);
    expect((await readReport(w.s.officer, w, id)).deadlines).toEqual([{ kind: 'acknowledge', dueOn: day(5), daysLeft: 5 }]);
  });

  it('acknowledging completes it and sets the feedback deadline from the day of acknowledgement; feedback completes that', async () => {
    const v = await readReport(w.s.officer, w, id);
    const a = await w.s.officer.post(api(w, `/reports/${id}/acknowledge`), {}, ifMatch(v.revision));
    expect(a.statusCode, a.body).toBe(200);
    const due = plusMonths(TODAY, 2);
    expect(await deadlines(id)).toEqual([
      { kind: REPORT_ACKNOWLEDGE, due_on: day(5), completed: true, remind_days_before: [5, 1, 0], escalate_after_days: 1 },
      { kind: REPORT_FEEDBACK, due_on: due, completed: false, remind_days_before: [1, 0], escalate_after_days: 1 },
    ]);
    expect(a.json().deadlines).toEqual([expect.objectContaining({ kind: 'feedback', dueOn: due })]);
    const f = await w.s.officer.post(api(w, `/reports/${id}/feedback`), { body: 'Het onderzoek loopt.' }, ifMatch(a.json().revision));
    expect(f.statusCode, f.body).toBe(200);
    expect((await deadlines(id)).every((d) => d.completed)).toBe(true);
    // A later run changes nothing of a completed report.
    await run(day(40));
    expect((await deadlines(id)).every((d) => d.completed)).toBe(true);
  });

  it('the home figures count what waits and what is late', async () => {
    const late = await filed(t, w);
    const figures = async () => {
      const r = await w.s.officer.get(`/api/orgs/${w.org}/home`);
      return Object.fromEntries((r.json().figures as { id: string; count: number }[]).filter((x) => x.id.startsWith('reporting.')).map((x) => [x.id, x.count]));
    };
    const now = await figures();
    expect(now['reporting.to_acknowledge']).toBeGreaterThanOrEqual(1);
    expect(now['reporting.overdue']).toBe(0);
    // Ten days ago: the same report is overdue.
    await ownerQuery(t, `UPDATE report SET received_on = received_on - 10 WHERE id = $1`, [late.id]);
    expect((await figures())['reporting.overdue']).toBe(1);
    expect((await readReport(w.s.officer, w, late.id)).deadlines[0].daysLeft).toBe(-5);
  });
});

describe('an automatic acknowledgement', () => {
  it('the report has a feedback deadline from the day of filing, and the recipients hear of it the next morning', async () => {
    const r = await w.s.officer.put(api(w, '/settings'), {
      open: true, intro: settings.intro, questions: settings.questions, ackDays: 7, feedbackMonths: 3, alertDaysBefore: 2, reprisalCheckMonths: [3, 6, 12],
      retentionMonths: 60, autoAck: { nl: 'Ontvangen.' }, recipients: settings.recipients.map((x) => ({ userId: x.userId, kind: x.kind })),
    }, ifMatch(settings.revision));
    expect(r.statusCode, r.body).toBe(200);
    const { id } = await filed(t, w);
    expect(await deadlines(id)).toEqual([]);
    const before = (await mails()).length;
    await run(day(1));
    const due = plusMonths(TODAY, 3);
    const span = Math.round((Date.parse(due) - Date.parse(TODAY)) / 86_400_000);
    expect(await deadlines(id)).toEqual([{ kind: REPORT_FEEDBACK, due_on: due, completed: false, remind_days_before: [span, 2, 0], escalate_after_days: 1 }]);
    const told = (await mails()).slice(before).filter((x) => x.body_text.includes(id)).map((x) => x.to_address).sort();
    expect(told).toEqual([w.users.officer.email, w.users.officer2.email].sort());
  });
});
