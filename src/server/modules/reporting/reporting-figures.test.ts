import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation, createTestApp, createUser, ifMatch, ownerQuery, sessionFor, type Session, type TestApp } from '../../../test/app.js';
import { resolveSession } from '../../platform/auth/session.js';
import { withOrgTx } from '../../platform/db/tx.js';
import { todayInBelgium } from '../../platform/deadlines/index.js';
import { readOversight } from '../../platform/oversight/index.js';
import type { Category, IdentityMode, Outcome, SettingsView } from './contract.js';
import { figuresCsv } from './figures-export.js';
import { reportingOversightFigures, yearFigures, type YearFigures } from './figures.js';
import { runRetention } from './retention.js';
import { makeReportingService, type ReportingCtx } from './service.js';
import { api, openChannel, reportingWorld, someAnswers, type ReportingWorld } from './reporting.testkit.js';

/**
 * The reporting channel's figures on real PostgreSQL, from reports filed and handled through the
 * module's own service on a controlled clock (two past years, every state): the yearly figures
 * (counts, lead-time percentiles, deadlines missed, open at the year's end), who may read them,
 * the audited exports in Word, PDF and CSV with the formula guard, and the oversight counts with
 * each organisation's suppression threshold, audited; and the same figures once retention has
 * deleted the closed reports.
 */
let t: TestApp;
let w: ReportingWorld;
let clock = '';
let svc: ReturnType<typeof makeReportingService>;
let officer: ReportingCtx;
let counsellor: ReportingCtx;

// The current year as the service counts it (Belgian calendar day), not UTC's: the two differ on 31 December evening.
const CY = Number(todayInBelgium().slice(0, 4));
const PY = CY - 1;
const PPY = CY - 2;
const ORG_NAME = '=HYPERLINK("http://x.test","Zone")';

async function ctxOf(s: Session, userId: string): Promise<ReportingCtx> {
  const actor = await resolveSession(t.db.db, s.cookies.kompas_session, 600);
  if (!actor) throw new Error('no session');
  return { actor, audit: { actorUserId: userId, ip: null } };
}

interface Fixture {
  received: string; via?: 'portal' | 'counsellor'; mode: IdentityMode; category: Category | null;
  ack?: string; feedback?: string; close?: [string, Outcome];
}

/** Files a report on its day and takes each later step on its own day, through the service. */
async function report(f: Fixture): Promise<string> {
  clock = f.received;
  const named = f.mode !== 'anonymous' ? { name: 'Jan Peeters', contact: 'jan@example.test' } : {};
  const filed = await svc.fileReport({
    orgId: w.org, locale: 'nl', uploads: [], ...(f.via === 'counsellor' ? { counsellor } : {}),
    body: { identityMode: f.mode, ...named, ...(f.category ? { category: f.category } : {}), answers: someAnswers(), exclude: [] },
  });
  let revision = 1;
  if (f.ack) {
    clock = f.ack;
    revision = (await svc.acknowledge(officer, w.org, filed.id, undefined, revision)).revision;
  }
  if (f.feedback) {
    clock = f.feedback;
    revision = (await svc.feedback(officer, w.org, filed.id, 'Wij hebben de feiten onderzocht.', revision)).revision;
  }
  if (f.close) {
    clock = f.close[0];
    await svc.close(officer, w.org, filed.id, { outcome: f.close[1] }, revision);
  }
  return filed.id;
}

beforeAll(async () => {
  t = await createTestApp();
  w = await reportingWorld(t);
  await ownerQuery(t, `UPDATE organisation SET names = jsonb_build_object('nl', $2::text, 'fr', $2::text) WHERE id = $1`, [w.org, ORG_NAME]);
  await openChannel(w);
  // The people of the zone held their roles in the years the reports are filed in (the clock goes back).
  await ownerQuery(t, `UPDATE role_assignment SET valid_from = $2 WHERE organisation_id = $1`, [w.org, `${PPY}-01-01`]);
  svc = makeReportingService({ db: t.db.db, mailer: t.deps.mailer, publicUrl: 'https://kompas.test', today: () => clock });
  officer = await ctxOf(w.s.officer, w.users.officer.id);
  counsellor = await ctxOf(w.s.counsellor, w.users.counsellor.id);
  // Two years ago: one still open, one closed the next year.
  await report({ received: `${PPY}-10-01`, mode: 'anonymous', category: 'fraud', ack: `${PPY}-10-02`, close: [`${PY}-03-01`, 'withdrawn'] });
  await report({ received: `${PPY}-11-03`, mode: 'named', category: 'corruption', ack: `${PPY}-11-05` });
  // Last year: acknowledgement after 1, 2, 3, 10 (late), 4 and 16 (late, in the next year) days;
  // feedback after 30, 60, 30 (closed without a separate feedback), 113 (late), none (overdue) and 15 days.
  await report({ received: `${PY}-03-02`, mode: 'anonymous', category: 'corruption', ack: `${PY}-03-03`, feedback: `${PY}-04-02`, close: [`${PY}-05-04`, 'unfounded'] });
  await report({ received: `${PY}-03-10`, via: 'counsellor', mode: 'confidential', category: 'fraud', ack: `${PY}-03-12`, feedback: `${PY}-05-11`, close: [`${PY}-06-01`, 'founded_measures'] });
  await report({ received: `${PY}-04-01`, mode: 'named', category: 'fraud', ack: `${PY}-04-04`, close: [`${PY}-05-04`, 'forwarded_comite_p'] });
  await report({ received: `${PY}-05-01`, mode: 'anonymous', category: null, ack: `${PY}-05-11`, feedback: `${PY}-09-01` });
  await report({ received: `${PY}-06-01`, mode: 'anonymous', category: 'harassment_discrimination', ack: `${PY}-06-05` });
  await report({ received: `${PY}-12-20`, via: 'counsellor', mode: 'confidential', category: 'other', ack: `${CY}-01-05`, feedback: `${CY}-01-20` });
  // This year: one never acknowledged.
  await report({ received: `${CY}-01-02`, mode: 'anonymous', category: 'abuse_of_power' });
}, 120_000);
afterAll(async () => { await t.close(); });

const figures = (year: number, today = `${CY}-06-30`) => withOrgTx(t.db.db, w.org, (tx) => yearFigures(tx, w.org, year, today));

describe('the yearly figures', () => {
  let f: YearFigures;
  beforeAll(async () => { f = await figures(PY); });

  it('count the reports received in the year by channel, identity mode, category and outcome', () => {
    expect(f.received).toBe(6);
    expect(f.byChannel).toEqual({ portal: 4, counsellor: 2 });
    expect(f.byIdentity).toEqual({ named: 1, confidential: 2, anonymous: 3 });
    expect(f.byCategory).toEqual({
      corruption: 1, abuse_of_power: 0, fraud: 2, conflict_of_interest: 0, harassment_discrimination: 1, information_breach: 0, misuse_of_resources: 0, other: 1, none: 1,
    });
    expect(f.byOutcome).toEqual({
      unfounded: 1, founded_measures: 1, forwarded_comite_p: 1, forwarded_judicial: 0, forwarded_disciplinary: 0, inadmissible: 0, withdrawn: 0, other: 0, open: 3,
    });
  });

  it('give the lead times of the acknowledgement: median and 90th percentile (interpolated), within the deadline, missed', () => {
    // Days 1, 2, 3, 4, 10, 16: median (3+4)/2, 90th percentile 10 + 0.5 × (16 − 10).
    expect(f.acknowledgement).toEqual({ done: 6, median: 3.5, p90: 13, onTime: 4, missed: 2, pending: 0, withinDeadlinePercent: 66.7 });
  });

  it('give the lead times of the feedback from the acknowledgement (a closure counts as the answer), overdue ones missed', () => {
    // Days 15, 30, 30, 60, 113: median 30, 90th percentile 60 + 0.6 × (113 − 60); one overdue without feedback.
    expect(f.feedback).toEqual({ done: 5, median: 30, p90: 91.8, onTime: 4, missed: 2, pending: 0, withinDeadlinePercent: 66.7 });
  });

  it('count the reports open on 31 December, whatever the year they came in', async () => {
    expect(f.openOn).toBe(`${PY}-12-31`);
    expect(f.openAtEnd).toBe(4);
    const before = await figures(PPY);
    expect(before.received).toBe(2);
    expect(before.openAtEnd).toBe(2);
    expect(f.years.slice(0, 3)).toEqual([CY, PY, PPY]);
  });

  it('judge a deadline on the day the figures stand on: not yet due is pending, then missed', async () => {
    // Received on 2 January, never acknowledged: due on 9 January, overdue from the 10th.
    expect((await figures(CY, `${CY}-01-05`)).acknowledgement).toMatchObject({ done: 0, onTime: 0, missed: 0, pending: 1, median: null, withinDeadlinePercent: null });
    expect((await figures(CY, `${CY}-01-09`)).acknowledgement).toMatchObject({ missed: 0, pending: 1 });
    expect((await figures(CY, `${CY}-01-10`)).acknowledgement).toMatchObject({ missed: 1, pending: 0, withinDeadlinePercent: 0 });
    expect((await figures(CY, `${CY}-01-10`)).openOn).toBe(`${CY}-01-10`);
  });
});

describe('reading and exporting the figures', () => {
  it('the officer and the chief read them; other roles of the module and other zones are refused', async () => {
    const r = await w.s.officer.get(api(w, `/figures/${PY}`));
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().received).toBe(6);
    expect((await w.s.chief.get(api(w, `/figures/${PY}`))).statusCode).toBe(200);
    for (const who of ['counsellor', 'investigator', 'alternate', 'staff', 'otherOfficer'] as const) {
      expect((await w.s[who].get(api(w, `/figures/${PY}`))).statusCode, who).toBe(403);
    }
    expect((await w.s.officer.get(api(w, '/figures/1999'))).statusCode).toBe(400);
  });

  it('export as CSV with the figures as numbers, every text through the formula guard, audited', async () => {
    const r = await w.s.chief.get(api(w, `/figures/${PY}/export.csv?lang=en`));
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-type']).toContain('text/csv');
    expect(r.headers['cache-control']).toBe('no-store');
    const lines = r.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('Section;Item;Code;Value');
    // The organisation's name begins with "=": a spreadsheet would run it; the guard makes it text.
    expect(lines.find((l) => l.includes(';organisation;'))).toBe(`Reports of integrity violations: figures ${PY};Organisation;organisation;"'${ORG_NAME.replace(/"/g, '""')}"`);
    expect(lines).toContain(`Reports of integrity violations: figures ${PY};Reports received;received;6`);
    expect(lines).toContain('By channel;Through a confidential counsellor;channel.counsellor;2');
    expect(lines).toContain('Acknowledgement of receipt;Median (days);acknowledgement.median_days;3.5');
    expect(lines).toContain('Feedback to the reporter;90th percentile (days);feedback.p90_days;91.8');
    expect(lines.every((l) => !/;=/.test(l))).toBe(true);
    const [audit] = await ownerQuery<{ details: Record<string, unknown>; actor_user_id: string }>(t,
      `SELECT details, actor_user_id FROM audit_event WHERE organisation_id = $1 AND action = 'reporting.figures_export' ORDER BY id DESC LIMIT 1`, [w.org]);
    expect(audit.actor_user_id).toBe(w.users.chief.id);
    expect(audit.details).toMatchObject({ format: 'csv', year: PY, locale: 'en', received: 6 });
  });

  it('export as Word and PDF from one document model, in the organisation\'s language by default', async () => {
    const docx = await w.s.officer.get(api(w, `/figures/${PY}/export.docx`));
    expect(docx.statusCode, docx.body).toBe(200);
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect(docx.headers['content-disposition']).toContain('.docx');
    const pdf = await w.s.officer.get(api(w, `/figures/${PY}/export.pdf?lang=fr`));
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const events = await ownerQuery<{ format: string }>(t,
      `SELECT details->>'format' AS format FROM audit_event WHERE organisation_id = $1 AND action = 'reporting.figures_export' ORDER BY id`, [w.org]);
    expect(events.map((e) => e.format)).toEqual(['csv', 'docx', 'pdf']);
  });

  it('the Word document holds the same numbers as the screen', async () => {
    const { figuresDocument } = await import('./figures-export.js');
    const doc = figuresDocument(await figures(PY), 'Zone', 'en');
    const tables = doc.blocks.filter((b) => b.kind === 'table') as { rows: string[][] }[];
    expect(tables[0].rows).toEqual([['Reporting page', '4'], ['Through a confidential counsellor', '2']]);
    expect(tables.at(-1)!.rows).toEqual([
      ['Acknowledgement of receipt', '6', '3.5', '13', '66.7', '2', '0'],
      ['Feedback to the reporter', '5', '30', '91.8', '66.7', '2', '0'],
    ]);
    // The CSV of the same figures in Dutch keeps numbers as numbers (no thousands separator, a decimal point).
    expect(figuresCsv(await figures(PY), 'Zone', 'nl')).toContain(';acknowledgement.within_deadline_percent;66.7');
  });
});

describe('oversight', () => {
  let inspector: Session;
  let inspectorId: string;
  beforeAll(async () => {
    const aig = await createOrganisation(t, { kind: 'inspectorate' });
    const u = await createUser(t, { roles: [{ orgId: aig, role: 'oversight' }] });
    inspectorId = u.id;
    inspector = await sessionFor(t, u.id);
  });

  const oversightRead = async (today: string) => {
    const actor = (await resolveSession(t.db.db, inspector.cookies.kompas_session, 600))!;
    return readOversight(t.db.db, { actor, audit: { actorUserId: inspectorId, ip: null } }, {
      action: 'oversight.figures_read', run: (scope) => reportingOversightFigures(scope, today),
    });
  };
  const mine = (all: { id: string; organisationId: string; value: { value: number | null; suppressed: boolean } }[]) =>
    Object.fromEntries(all.filter((f) => f.organisationId === w.org).map((f) => [f.id, f.value]));

  it('counts per organisation for the current year, each count under the organisation\'s threshold hidden', async () => {
    // On 31 December of last year: 6 received, 2 acknowledged late, 2 answered late, 4 open (with the one of two years ago).
    const shown = (value: number) => ({ value, suppressed: false });
    const hidden = { value: null, suppressed: true };
    await ownerQuery(t, `UPDATE organisation SET settings = jsonb_build_object('statisticsSuppressBelow', 3) WHERE id = $1`, [w.org]);
    expect(mine(await oversightRead(`${PY}-12-31`))).toEqual({
      'reporting.received': shown(6), 'reporting.ack_late': hidden, 'reporting.feedback_late': hidden, 'reporting.open': shown(4),
    });
    await ownerQuery(t, `UPDATE organisation SET settings = jsonb_build_object('statisticsSuppressBelow', 5) WHERE id = $1`, [w.org]);
    expect(mine(await oversightRead(`${PY}-12-31`))).toEqual({
      'reporting.received': shown(6), 'reporting.ack_late': hidden, 'reporting.feedback_late': hidden, 'reporting.open': hidden,
    });
    // The other zone has stored settings (a channel, closed, no reports): it appears, every count hidden.
    const base = `/api/orgs/${w.other}/reporting/settings`;
    const current = (await w.s.otherOfficer.get(base)).json() as SettingsView;
    const saved = await w.s.otherOfficer.put(base, {
      open: false, intro: {}, questions: current.questions, ackDays: 7, feedbackMonths: 3, alertDaysBefore: 2, reprisalCheckMonths: [3, 6, 12], retentionMonths: 60, autoAck: null, recipients: [],
    }, ifMatch(current.revision));
    expect(saved.statusCode, saved.body).toBe(200);
    const other = (await oversightRead(`${PY}-12-31`)).filter((f) => f.organisationId === w.other);
    expect(other.map((f) => f.value.suppressed)).toEqual([true, true, true, true]);
  });

  it('appear in GET /api/oversight/figures, the read audited in the inspectorate\'s trail; nobody else may read them', async () => {
    await ownerQuery(t, `UPDATE organisation SET settings = jsonb_build_object('statisticsSuppressBelow', 3) WHERE id = $1`, [w.org]);
    const r = await inspector.get('/api/oversight/figures');
    expect(r.statusCode, r.body).toBe(200);
    const ours = (r.json().figures as { id: string; organisationId: string; value: number | null; suppressed: boolean }[]).filter((f) => f.organisationId === w.org);
    expect(ours.map((f) => f.id)).toEqual(['reporting.received', 'reporting.ack_late', 'reporting.feedback_late', 'reporting.open']);
    // Today: still open are the report of two years ago, three of last year and this year's; this year's one report is a hidden count.
    expect(ours.find((f) => f.id === 'reporting.open')).toMatchObject({ value: 5, suppressed: false });
    expect(ours.find((f) => f.id === 'reporting.received')).toEqual({ id: 'reporting.received', organisationId: w.org, value: null, suppressed: true });
    const [a] = await ownerQuery<{ actor_user_id: string; details: Record<string, unknown> }>(t,
      `SELECT actor_user_id, details FROM audit_event WHERE action = 'oversight.figures_read' ORDER BY id DESC LIMIT 1`);
    expect(a.actor_user_id).toBe(inspectorId);
    expect(Number(a.details.suppressedCells)).toBeGreaterThan(0);
    for (const who of ['officer', 'chief'] as const) expect((await w.s[who].get('/api/oversight/figures')).statusCode).toBe(403);
  });
});

describe('after retention', () => {
  it('reports deleted at the end of their retention still count, through their statistics stub: the figures stay the same', async () => {
    const before = [await figures(PY), await figures(PPY)];
    // Sixty months after the closures: the four closed reports go.
    const { deleted } = await runRetention(t.db.db, { today: `${CY + 6}-01-01` });
    expect(deleted).toBe(4);
    const [{ n }] = await ownerQuery<{ n: number }>(t, `SELECT count(*)::int AS n FROM report_statistic WHERE organisation_id = $1`, [w.org]);
    expect(n).toBe(4);
    expect([await figures(PY), await figures(PPY)]).toEqual(before);
  });
});
