import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ifMatch, ownerQuery, type TestApp } from '../../../test/app.js';
import { columnsHoldingMarkers } from '../../../test/at-rest.js';
import { todayInBelgium } from '../../platform/deadlines/index.js';
import type { RetentionView } from './redaction-contract.js';
import {
  api, filed, filePart, multipart, openChannel, portalToken, pub, publicRequest, readReport, reportingWorld, type ReportingWorld,
} from './reporting.testkit.js';
import { runRetention } from './retention.js';

/**
 * Retention (issue 18): a closed report is deleted `retention_months` after its closure by the
 * daily run (its clock set by the test), unless an integrity officer set a legal hold; what stays
 * is a statistics stub without reference, day or id, and an audit event with the reference only.
 * After deletion the marker written into the report is nowhere in the database and the receipt
 * opens nothing.
 */
let t: TestApp;
let w: ReportingWorld;
beforeAll(async () => {
  t = await createTestApp();
  w = await reportingWorld(t);
  await openChannel(w, { retentionMonths: 1 });
});
afterAll(async () => { await t.close(); });

const addMonths = (day: string, n: number) => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + n);
  return d.toISOString().slice(0, 10);
};
const today = todayInBelgium();

/** Files a report with `marker` in an answer, a message and a file, and closes it today. */
async function closedReport(marker: string) {
  const f = await filed(t, w, { identityMode: 'confidential', name: `NAAM-${marker}`, category: 'fraud', answers: { what: `Feiten ${marker}` } },
    [filePart(`bestand-${marker}.txt`, 'text/plain', Buffer.from(`inhoud ${marker}`))]);
  let v = await readReport(w.s.officer, w, f.id);
  const ack = await w.s.officer.post(api(w, `/reports/${f.id}/acknowledge`), { body: `Ontvangen ${marker}` }, ifMatch(v.revision));
  expect(ack.statusCode, ack.body).toBe(200);
  const m = multipart([{ name: 'message', value: JSON.stringify({ body: `Vraag ${marker}` }) }]);
  expect((await w.s.officer.request('POST', api(w, `/reports/${f.id}/messages`), m.payload, m.headers)).statusCode).toBe(201);
  v = await readReport(w.s.officer, w, f.id);
  const close = await w.s.officer.post(api(w, `/reports/${f.id}/close`), { outcome: 'founded_measures', body: `Afgesloten ${marker}` }, ifMatch(v.revision));
  expect(close.statusCode, close.body).toBe(200);
  return f;
}

/** Where `needle` still stands in the database, ids (uuid columns) included. */
const hits = (needle: string) => columnsHoldingMarkers(t.db.url, [needle], { uuid: true });

describe('retention', () => {
  const marker = `BEWAAR-${randomBytes(4).toString('hex')}`;
  let due: Awaited<ReturnType<typeof closedReport>>;
  let held: Awaited<ReturnType<typeof closedReport>>;
  let open: Awaited<ReturnType<typeof filed>>;

  beforeAll(async () => {
    due = await closedReport(marker);
    held = await closedReport(`${marker}-held`);
    open = await filed(t, w, { answers: { what: 'Nog lopend' } });
  });

  it('shows the day of deletion, and only an integrity officer receiving the report sets a legal hold, with a reason', async () => {
    const r = await w.s.officer.get(api(w, `/reports/${held.id}/retention`));
    expect(r.statusCode, r.body).toBe(200);
    const v = r.json() as RetentionView;
    expect(v).toMatchObject({ legalHold: false, retentionMonths: 1, deleteOn: addMonths(today, 1), canHold: true });
    expect((await w.s.officer.post(api(w, `/reports/${held.id}/legal-hold`), { hold: true }, ifMatch(v.revision))).statusCode).toBe(400);
    expect((await w.s.officer.post(api(w, `/reports/${held.id}/legal-hold`), { hold: true, reason: 'Gerechtelijk onderzoek' }, ifMatch(v.revision + 1))).statusCode).toBe(409);
    expect((await w.s.alternate.post(api(w, `/reports/${held.id}/legal-hold`), { hold: true, reason: 'x' }, ifMatch(v.revision))).statusCode).toBe(404);
    const set = await w.s.officer.post(api(w, `/reports/${held.id}/legal-hold`), { hold: true, reason: `Gerechtelijk onderzoek ${marker}` }, ifMatch(v.revision));
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ legalHold: true, deleteOn: null, legalHoldReason: `Gerechtelijk onderzoek ${marker}`, legalHoldOn: today });
    const other = await w.s.officer2.get(api(w, `/reports/${held.id}/retention`));
    expect(other.json()).toMatchObject({ legalHold: true, legalHoldBy: expect.any(String) });
    // An open report has no day of deletion yet.
    expect((await w.s.officer.get(api(w, `/reports/${open.id}/retention`))).json()).toMatchObject({ deleteOn: null, legalHold: false });
  });

  it('keeps every report before its day', async () => {
    const dayBefore = new Date(Date.parse(`${addMonths(today, 1)}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    expect(await runRetention(t.db.db, { today: dayBefore })).toEqual({ deleted: 0 });
    expect(await runRetention(t.db.db, { today })).toEqual({ deleted: 0 });
  });

  it('on its day deletes the closed report without a hold, and keeps the held one and the open one', async () => {
    const token = await portalToken(t, w, due.receipt);
    expect((await ownerQuery(t, `SELECT 1 FROM record_key WHERE record_id = $1`, [due.id])).length).toBe(1);
    const before = await ownerQuery<{ n: number }>(t, `SELECT count(*)::int AS n FROM report_statistic WHERE organisation_id = $1`, [w.org]);

    expect(await runRetention(t.db.db, { today: addMonths(today, 1) })).toEqual({ deleted: 1 });

    for (const table of ['report', 'report_message', 'report_file', 'report_event', 'report_access', 'report_redaction']) {
      const col = table === 'report' ? 'id' : 'report_id';
      expect(await ownerQuery(t, `SELECT 1 FROM ${table} WHERE ${col} = $1`, [due.id]), table).toEqual([]);
    }
    expect(await ownerQuery(t, `SELECT 1 FROM record_key WHERE record_id = $1`, [due.id])).toEqual([]);
    expect(await ownerQuery(t, `SELECT 1 FROM deadline WHERE record_id = $1`, [due.id])).toEqual([]);
    expect((await readReport(w.s.officer, w, held.id)).legalHold).toBe(true);
    expect((await readReport(w.s.officer, w, open.id)).status).toBe('received');

    // The statistics stub: years and codes, nothing to tie it to the report.
    const stubs = await ownerQuery<Record<string, unknown>>(t, `SELECT * FROM report_statistic WHERE organisation_id = $1`, [w.org]);
    expect(stubs.length).toBe(before[0].n + 1);
    expect(stubs.at(-1)).toMatchObject({
      received_year: Number(today.slice(0, 4)), closed_year: Number(today.slice(0, 4)), filed_via: 'portal', identity_mode: 'confidential',
      category: 'fraud', outcome: 'founded_measures', ack_lead_days: 0, feedback_lead_days: 0, ack_missed: false, feedback_missed: false,
    });
    expect(stubs.some((s) => Object.values(s).includes(due.id))).toBe(false);

    // Nobody finds it: the list, the id, the receipt, a portal session opened before.
    expect((await w.s.officer.get(api(w, `/reports/${due.id}`))).statusCode).toBe(404);
    expect(((await w.s.officer.get(api(w, '/reports'))).json().items as { id: string }[]).map((x) => x.id)).not.toContain(due.id);
    const again = await publicRequest(t, { method: 'POST', url: pub(w, '/access'), payload: { receipt: due.receipt } });
    expect(again.statusCode).toBe(404);
    expect(again.json().code).toBe('receipt_unknown');
    expect((await publicRequest(t, { method: 'GET', url: pub(w, '/portal'), headers: { 'x-kompas-report-token': token } })).statusCode).toBe(401);
  });

  it('after deletion the marker is nowhere in the database, nor the report id outside the audit log', async () => {
    expect(await hits(`NAAM-${marker}`)).toEqual([]);
    expect(await hits(`Feiten ${marker}`)).toEqual([]);
    // The audit log (and its monthly partitions) keeps who did what with the report, by id: nothing else does.
    const ids = await hits(due.id);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.filter((h) => !/^audit_event(_\d{6})?\.record_id$/.test(h))).toEqual([]);
  });

  it('the deletion is audited with the reference only; a second run deletes nothing more', async () => {
    const rows = await ownerQuery<{ details: Record<string, unknown>; actor_user_id: string | null }>(t,
      `SELECT details, actor_user_id FROM audit_event WHERE organisation_id = $1 AND action = 'reporting.report_deleted_retention' AND record_id = $2`, [w.org, due.id]);
    expect(rows).toEqual([{ details: { reference: due.reference }, actor_user_id: null }]);
    expect(await runRetention(t.db.db, { today: addMonths(today, 1) })).toEqual({ deleted: 0 });
  });

  it('a lifted hold lets the report go at the next run', async () => {
    const v = (await w.s.officer.get(api(w, `/reports/${held.id}/retention`))).json() as RetentionView;
    const lift = await w.s.officer.post(api(w, `/reports/${held.id}/legal-hold`), { hold: false }, ifMatch(v.revision));
    expect(lift.statusCode, lift.body).toBe(200);
    expect(lift.json()).toMatchObject({ legalHold: false, deleteOn: addMonths(today, 1) });
    const audit = await ownerQuery<{ details: Record<string, unknown> }>(t,
      `SELECT details FROM audit_event WHERE record_id = $1 AND action = 'reporting.legal_hold' ORDER BY id`, [held.id]);
    expect(audit.map((a) => a.details)).toEqual([{ hold: true }, { hold: false }]);
    expect(await runRetention(t.db.db, { today: addMonths(today, 1) })).toEqual({ deleted: 1 });
    expect(await hits(marker)).toEqual([]);
  });
});
