import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createOrganisation, createTestApp, createUser, ifMatch, ownerQuery, Session, sessionFor, type TestApp } from '../../../test/app.js';
import { buildApp } from '../../app.js';
import { modules } from '../index.js';
import { complaintsStatsModule } from './stats-module.js';
import { withOrgTx } from '../../platform/db/tx.js';
import { yearStats } from './stats.js';
import type { StatsView } from './stats-contract.js';
import { oversightCsv, reportDocument, sections } from './yearly-report.js';

/**
 * The complaints desk's statistics and yearly report on real PostgreSQL, against figures computed
 * by hand from a small fixture of complaints written as rows of the schema (the desk's filing
 * service is another part): counts by channel, outcome, theme, unit and month; lead times across the
 * year's end (median, 90th percentile, within target); complaints per 1,000 staff on the period's
 * end; the repeated-complaints window reaching into the previous year, with its peer group; small
 * counts hidden in the public version and the oversight CSV; who may read and write; audited exports.
 */
let t: TestApp;
/** The app with the statistics module, whether or not the registry lists it yet. */
let app: FastifyInstance;
let org = '';
let s: Record<'coordinator' | 'chief' | 'handler' | 'officer', Session>;
const U: Record<string, string> = {};
const P: Record<string, string> = {};
const TODAY = '2026-06-30';
const ORG_NAME = '=HYPERLINK("http://x.test","Zone")';

interface C {
  received: string; channel: string; unit?: string; themes?: string[]; staff?: string[]; status: string;
  ack?: string; triaged?: string; answered?: string; closed?: string; decision?: string; forwardedTo?: string; forwardedOn?: string;
}

let seq = 0;
async function complaint(c: C): Promise<void> {
  const id = randomUUID();
  seq += 1;
  await ownerQuery(t, `
    INSERT INTO complaint (id, organisation_id, reference, status, channel, forwarded_by, anonymous, language, received_on, acknowledged_on,
                           triaged_on, answered_on, closed_on, forwarded_to, forwarded_on, admissible, unit_id, decision, code_hash, content)
    VALUES ($1, $2, $3, $4, $5, $6, false, 'nl', $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, '\\x00')`, [
    id, org, `KL-${c.received.slice(0, 4)}-${String(seq).padStart(4, '0')}`, c.status, c.channel, c.channel === 'forwarded' ? 'comite_p' : null,
    c.received, c.ack ?? null, c.triaged ?? null, c.answered ?? null, c.closed ?? null, c.forwardedTo ?? null, c.forwardedOn ?? null,
    c.status === 'inadmissible' ? false : c.triaged ? true : null, c.unit ? U[c.unit] : null, c.decision ?? null, `hash-${seq}`,
  ]);
  for (const th of c.themes ?? []) await ownerQuery(t, 'INSERT INTO complaint_theme (organisation_id, complaint_id, theme) VALUES ($1, $2, $3)', [org, id, th]);
  for (const p of c.staff ?? []) await ownerQuery(t, 'INSERT INTO complaint_staff (organisation_id, complaint_id, person_id) VALUES ($1, $2, $3)', [org, id, P[p]]);
}

async function person(key: string, unit: string | null, category: string, start = '2015-01-01', end: string | null = null) {
  const r = await ownerQuery<{ id: string }>(t, `
    INSERT INTO person (organisation_id, personnel_number, first_name, last_name, staff_category, unit_id, start_date, end_date)
    VALUES ($1, $2, $3, 'Peeters', $4, $5, $6, $7) RETURNING id`, [org, `N${key}`, key, category, unit ? U[unit] : null, start, end]);
  P[key] = r[0].id;
}

beforeAll(async () => {
  t = await createTestApp();
  org = await createOrganisation(t, { code: 'PZ-7001' });
  await ownerQuery(t, `UPDATE organisation SET names = jsonb_build_object('nl', $2::text), languages = '{nl}' WHERE id = $1`, [org, ORG_NAME]);
  for (const [k, name] of [['I', 'Interventie'], ['V', 'Verkeer']]) {
    U[k] = (await ownerQuery<{ id: string }>(t, 'INSERT INTO org_unit (organisation_id, code, name) VALUES ($1, $2, $3) RETURNING id', [org, k, name]))[0].id;
  }
  // Unit I, operational: P1 and five colleagues; unit V: Q1 (calog). A leaver and a starter are not staff on 31 December 2025.
  for (const k of ['P1', 'P2', 'P3', 'P4', 'P5', 'P6']) await person(k, 'I', 'operational');
  await person('Q1', 'V', 'calog');
  await person('L1', 'I', 'operational', '2010-01-01', '2025-06-30');
  await person('S1', 'I', 'operational', '2026-01-05');
  const users = {
    coordinator: await createUser(t, { roles: [{ orgId: org, role: 'complaints_coordinator' }] }),
    chief: await createUser(t, { roles: [{ orgId: org, role: 'chief' }] }),
    handler: await createUser(t, { roles: [{ orgId: org, role: 'complaint_handler' }] }),
    officer: await createUser(t, { roles: [{ orgId: org, role: 'integrity_officer' }] }),
  };
  app = modules.some((m) => m.name === complaintsStatsModule.name)
    ? t.app
    : await buildApp(t.deps, { logger: false, modules: [...modules, complaintsStatsModule] });
  await app.ready();
  const on = async (userId: string) => new Session(app, (await sessionFor(t, userId)).cookies.kompas_session);
  s = { coordinator: await on(users.coordinator.id), chief: await on(users.chief.id), handler: await on(users.handler.id), officer: await on(users.officer.id) };
  // The previous year: two complaints that fall in 2025's windows.
  await complaint({ received: '2024-11-20', channel: 'phone', unit: 'I', staff: ['P1'], status: 'closed', ack: '2024-11-22', triaged: '2024-12-01', answered: '2025-01-10', closed: '2025-01-11', decision: 'unfounded' });
  await complaint({ received: '2024-12-20', channel: 'online', unit: 'I', themes: ['behaviour'], staff: ['P3'], status: 'closed', ack: '2024-12-21', triaged: '2024-12-30', answered: '2025-01-15', closed: '2025-01-16', decision: 'unfounded' });
  // 2025 (eleven complaints; lead days acknowledge / triage / answer after each).
  await complaint({ received: '2025-01-15', channel: 'online', unit: 'I', themes: ['behaviour'], staff: ['P1'], status: 'closed', ack: '2025-01-16', triaged: '2025-01-20', answered: '2025-03-01', closed: '2025-03-05', decision: 'well_founded' }); // 1 / 5 / 45
  await complaint({ received: '2025-02-10', channel: 'phone', unit: 'I', themes: ['behaviour', 'use_of_force'], staff: ['P1'], status: 'closed', ack: '2025-02-20', triaged: '2025-03-10', answered: '2025-06-10', closed: '2025-06-12', decision: 'partly_founded' }); // 10 / 28 / 120
  await complaint({ received: '2025-03-03', channel: 'letter', unit: 'V', themes: ['traffic'], staff: ['Q1'], status: 'answered', ack: '2025-03-05', triaged: '2025-03-10', answered: '2025-04-01', decision: 'unfounded' }); // 2 / 7 / 29
  await complaint({ received: '2025-05-05', channel: 'email', staff: ['P1'], status: 'inadmissible', ack: '2025-05-06', closed: '2025-05-20' }); // 1 / 15 / 15
  await complaint({ received: '2025-06-01', channel: 'desk', unit: 'I', themes: ['arrest'], staff: ['P2'], status: 'closed', ack: '2025-06-03', triaged: '2025-06-10', answered: '2025-07-01', closed: '2025-07-02', decision: 'mediation' }); // 2 / 9 / 30
  await complaint({ received: '2025-06-15', channel: 'forwarded', unit: 'I', themes: ['arrest'], staff: ['P2'], status: 'triaged', ack: '2025-06-16', triaged: '2025-06-20' }); // 1 / 5 / overdue
  await complaint({ received: '2025-09-01', channel: 'online', status: 'forwarded', forwardedTo: 'judicial', forwardedOn: '2025-09-04' }); // – / 3 / 3
  await complaint({ received: '2025-12-01', channel: 'online', unit: 'I', themes: ['behaviour'], staff: ['P1'], status: 'answered', ack: '2025-12-03', triaged: '2025-12-20', answered: '2026-01-20', decision: 'undetermined' }); // 2 / 19 / 50
  await complaint({ received: '2025-01-05', channel: 'phone', unit: 'I', themes: ['failure_to_act'], staff: ['P3'], status: 'closed', ack: '2025-01-06', triaged: '2025-01-08', answered: '2025-01-30', closed: '2025-02-01', decision: 'unfounded' }); // 1 / 3 / 25
  await complaint({ received: '2025-01-10', channel: 'online', unit: 'I', themes: ['failure_to_act'], staff: ['P3'], status: 'closed', ack: '2025-01-20', triaged: '2025-01-25', answered: '2025-02-24', closed: '2025-02-25', decision: 'unfounded' }); // 10 / 15 / 45
  await complaint({ received: '2025-12-28', channel: 'online', status: 'received' }); // overdue on each step by June 2026
  // This year.
  await complaint({ received: '2026-02-01', channel: 'online', status: 'received' });
}, 120_000);
afterAll(async () => {
  if (app !== t.app) await app.close();
  await t.close();
});

const stats = (year: number, today = TODAY) => withOrgTx(t.db.db, org, (tx) => yearStats(tx, org, year, today));
const api = (rest: string) => `/api/orgs/${org}/complaints${rest}`;

describe('the statistics of a year', () => {
  let f: StatsView;
  beforeAll(async () => { f = await stats(2025); });

  it('count the complaints received in the year by channel, outcome, month, theme and unit', () => {
    expect(f.received).toBe(11);
    expect(f.periodEnd).toBe('2025-12-31');
    expect(f.byChannel).toEqual({ online: 5, phone: 2, letter: 1, email: 1, desk: 1, forwarded: 1 });
    expect(f.byOutcome).toEqual({ well_founded: 1, unfounded: 3, partly_founded: 1, undetermined: 1, mediation: 1, inadmissible: 1, forwarded: 1, open: 2 });
    expect(f.byMonth).toEqual([3, 1, 1, 0, 1, 2, 0, 0, 1, 0, 0, 2]);
    expect(Object.fromEntries(f.byTheme.map((x) => [x.key, x.n]))).toEqual({ behaviour: 3, use_of_force: 1, traffic: 1, arrest: 2, failure_to_act: 2, none: 3 });
    expect(f.byTheme.at(-1)?.key).toBe('none');
    expect(f.byUnit.map((x) => [x.label, x.n])).toEqual([['Interventie', 7], ['Verkeer', 1], ['', 3]]);
    expect(f.years).toEqual([2026, 2025, 2024]);
  });

  it('give the lead times from receipt against the targets, across the year end, with median and interpolated 90th percentile', () => {
    // Acknowledgement: 1,1,1,1,2,2,2,10,10 (the forwarded one never needed it); the last of December overdue.
    expect(f.lead.acknowledge).toEqual({ target: 7, done: 9, median: 2, p90: 10, onTime: 7, missed: 3, pending: 0, withinTargetPercent: 70 });
    // Triage: 3,3,5,5,7,9,15,15,19,28 (inadmissible and forwarded end it): median (7+9)/2, p90 19 + 0.1 × 9.
    expect(f.lead.triage).toEqual({ target: 14, done: 10, median: 8, p90: 19.9, onTime: 6, missed: 5, pending: 0, withinTargetPercent: 54.5 });
    // Answer: 3,15,25,29,30,45,45,50 (December → 20 January),120: median 30, p90 50 + 0.2 × 70; one triaged and unanswered overdue.
    expect(f.lead.resolve).toEqual({ target: 90, done: 9, median: 30, p90: 64, onTime: 8, missed: 3, pending: 0, withinTargetPercent: 72.7 });
  });

  it('count a step not yet due as pending on an earlier day', async () => {
    const early = await stats(2025, '2026-01-02');
    expect(early.periodEnd).toBe('2025-12-31');
    expect(early.lead.acknowledge).toMatchObject({ missed: 2, pending: 1 });
    expect(early.lead.resolve).toMatchObject({ missed: 2, pending: 1 });
  });

  it('give complaints per 1,000 staff employed on the period end (not the leaver, not the starter)', () => {
    expect(f.staff).toBe(7);
    expect(f.per1000Staff).toBe(1571.4);
  });

  it('signal staff named in 3 complaints within 12 months, reaching into the previous year, inadmissible ones not counted, with their peer group', () => {
    expect(f.repeated.window).toEqual({ count: 3, months: 12, revision: 0 });
    expect(f.repeated.staff.map((x) => x.name)).toEqual(['P1 Peeters', 'P3 Peeters']);
    const [p1, p3] = f.repeated.staff;
    // P1: 2024-11-20, 2025-01-15, 2025-02-10, (05-05 inadmissible), 2025-12-01: at most 3 within 12 months.
    expect(p1).toMatchObject({ personnelNumber: 'NP1', unit: 'Interventie', staffCategory: 'operational', most: 3, inYear: 3, foundedInYear: 2, lastOn: '2025-12-01', peers: 5 });
    // Colleagues P2..P6 had 2 + 2 complaints: 0.8 each; 3 / 0.8.
    expect(p1).toMatchObject({ peerMean: 0.8, ratio: 3.8 });
    // P3: 2024-12-20, 2025-01-05, 2025-01-10; colleagues had 3 (P1) + 2 (P2).
    expect(p3).toMatchObject({ most: 3, inYear: 2, foundedInYear: 0, peers: 5, peerMean: 1, ratio: 2 });
  });

  it('follow the window the coordinator sets (2 within 1 month) and keep a small peer group without comparison', async () => {
    await ownerQuery(t, 'INSERT INTO complaint_stats_settings (organisation_id, repeat_count, repeat_months) VALUES ($1, 2, 1)', [org]);
    try {
      const g = await stats(2025);
      // P3: 20 December, 5 and 10 January; P1: 15 January and 10 February; P2: 1 and 15 June. Q1 once.
      expect(g.repeated.staff.map((x) => [x.name, x.most])).toEqual([['P3 Peeters', 3], ['P1 Peeters', 2], ['P2 Peeters', 2]]);
      await ownerQuery(t, 'UPDATE person SET end_date = $2 WHERE organisation_id = $1 AND personnel_number IN ($3, $4)', [org, '2025-06-30', 'NP5', 'NP6']);
      const h = await stats(2025);
      expect(h.repeated.staff[1]).toMatchObject({ name: 'P1 Peeters', peers: 3, peerMean: null, ratio: null });
    } finally {
      await ownerQuery(t, 'DELETE FROM complaint_stats_settings WHERE organisation_id = $1', [org]);
      await ownerQuery(t, 'UPDATE person SET end_date = NULL WHERE organisation_id = $1 AND personnel_number IN ($2, $3)', [org, 'NP5', 'NP6']);
    }
  });
});

describe('the public version and the oversight CSV', () => {
  it('hide counts below the threshold with the complementary rule, name no unit, withhold lead times of few complaints', async () => {
    const f = await stats(2025);
    const built = sections(f, 'en', 'public', 5);
    const channel = built.sections.find((x) => x.code === 'channel')!;
    expect(channel.rows.map((r) => [r.code, r.cell.value])).toEqual([['online', 5], ['phone', null], ['letter', null], ['email', null], ['desk', null], ['forwarded', null]]);
    expect(built.received).toEqual({ value: 11, suppressed: false });
    const unit = built.sections.find((x) => x.code === 'unit')!;
    // 7, 1, 3: the 1 and the 3 hidden (together 4 < 5) so the 7 is hidden too.
    expect(unit.rows.map((r) => [r.code, r.cell.value])).toEqual([['unit_1', null], ['unit_2', null], ['none', null]]);
    const doc = JSON.stringify(reportDocument({ stats: f, org: 'Zone', locale: 'en', threshold: 5, recommendations: 'Train the intervention teams.' }, 'public'));
    expect(doc).not.toContain('Interventie');
    expect(doc).toContain('< 5');
    expect(doc).toContain('Train the intervention teams.');
    const internal = JSON.stringify(reportDocument({ stats: f, org: 'Zone', locale: 'en', threshold: 5, recommendations: '' }, 'report'));
    expect(internal).toContain('Interventie');
    expect(internal).not.toContain('Peeters');
  });

  it('as CSV: the public figures, suppressed cells empty and flagged, texts through the formula guard', async () => {
    const f = await stats(2025);
    const csv = oversightCsv({ stats: f, org: ORG_NAME, locale: 'en', threshold: 5, recommendations: '' });
    const lines = csv.trim().split(/\r?\n/);
    const line = (code: string) => lines.find((l) => l.includes(`;${code};`));
    expect(line('channel.online')).toMatch(/;channel\.online;5;0$/);
    expect(line('channel.phone')).toMatch(/;channel\.phone;;1$/);
    expect(line('acknowledge.done')).toMatch(/;9;0$/);
    expect(line('acknowledge.missed')).toMatch(/;;1$/);
    expect(line('organisation')).toContain(`'=HYPERLINK`);
    expect(csv).not.toContain('Interventie');
    expect(csv).not.toContain('Peeters');
  });
});

describe('the routes', () => {
  it('let the coordinator and the chief read the figures, audited; a handler and another role get 403', async () => {
    const r = await s.coordinator.get(api('/stats/2025'));
    expect(r.statusCode).toBe(200);
    expect((r.json() as StatsView).received).toBe(11);
    expect((await s.chief.get(api('/stats/2025'))).statusCode).toBe(200);
    expect((await s.handler.get(api('/stats/2025'))).statusCode).toBe(403);
    expect((await s.officer.get(api('/stats/2025'))).statusCode).toBe(403);
    const audit = await ownerQuery<{ n: number }>(t, `SELECT count(*)::int AS n FROM audit_event WHERE organisation_id = $1 AND action = 'complaints.stats_read'`, [org]);
    expect(audit[0].n).toBe(2);
  });

  it('store the recommendations per year with their revision: a stale write is 409, the chief may not write', async () => {
    const put = (who: Session, rev: number, text: string) => who.put(api('/yearly-report/2025'), { text }, ifMatch(rev));
    expect((await s.coordinator.get(api('/yearly-report/2025'))).json()).toMatchObject({ year: 2025, text: '', revision: 0 });
    const first = await put(s.coordinator, 0, 'Train the intervention teams in de-escalation.');
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ revision: 1 });
    expect((await put(s.coordinator, 0, 'Another text')).statusCode).toBe(409);
    const second = await put(s.coordinator, 1, 'Train the intervention teams in de-escalation.\n\nAnswer within 90 days.');
    expect(second.json()).toMatchObject({ revision: 2 });
    expect((await put(s.chief, 2, 'x')).statusCode).toBe(403);
    expect((await s.coordinator.put(api('/yearly-report/2025'), { text: 'x' })).statusCode).toBe(428);
    expect((await s.chief.get(api('/yearly-report/2025'))).json()).toMatchObject({ text: 'Train the intervention teams in de-escalation.\n\nAnswer within 90 days.', revision: 2 });
    expect((await put(s.coordinator, 2, 'bad\u0000text')).statusCode).toBe(400);
  });

  it('set the signal window (coordinator, If-Match) and refuse one out of range', async () => {
    expect((await s.coordinator.put(api('/stats-settings'), { count: 1, months: 12 }, ifMatch(0))).statusCode).toBe(400);
    const r = await s.coordinator.put(api('/stats-settings'), { count: 4, months: 24 }, ifMatch(0));
    expect(r.json()).toEqual({ count: 4, months: 24, revision: 1 });
    expect((await s.coordinator.put(api('/stats-settings'), { count: 3, months: 12 }, ifMatch(0))).statusCode).toBe(409);
    expect((await s.chief.put(api('/stats-settings'), { count: 3, months: 12 }, ifMatch(1))).statusCode).toBe(403);
    expect((await s.chief.get(api('/stats/2025'))).json().repeated.window).toEqual({ count: 4, months: 24, revision: 1 });
    await s.coordinator.put(api('/stats-settings'), { count: 3, months: 12 }, ifMatch(1));
  });

  it('export the yearly report (Word, PDF), its public version and the oversight CSV, each audited; not for a handler', async () => {
    const files = [['report.docx', 'wordprocessingml'], ['report.pdf', 'application/pdf'], ['public.pdf', 'application/pdf'], ['public.docx', 'wordprocessingml'], ['oversight.csv', 'text/csv']];
    for (const [file, type] of files) {
      const r = await s.chief.get(api(`/yearly-report/2025/${file}?lang=fr`));
      expect(r.statusCode, file).toBe(200);
      expect(r.headers['content-type']).toContain(type);
      expect(r.rawPayload.length).toBeGreaterThan(100);
    }
    expect((await s.handler.get(api('/yearly-report/2025/public.pdf'))).statusCode).toBe(403);
    const audit = await ownerQuery<{ details: { version: string; format: string } }>(t, `SELECT details FROM audit_event WHERE organisation_id = $1 AND action = 'complaints.yearly_report_export' ORDER BY id`, [org]);
    expect(audit.map((a) => `${a.details.version}.${a.details.format}`)).toEqual(['report.docx', 'report.pdf', 'public.pdf', 'public.docx', 'oversight.csv']);
   }, 180_000);
});
