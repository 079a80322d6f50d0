import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ownerQuery, type TestApp } from '../../../test/app.js';
import { renderPdf } from '../../platform/export/index.js';
import { docxParagraphs, docxTables, pdfPages } from '../../platform/export/export.testkit.js';
import type { AnalysisDetail } from './contract.js';
import { analysisDocument } from './export.js';
import { addProcesses, agreeAll, hrPerson, newAnalysis, rBase, riskWorld, type RiskWorld } from './risk.testkit.js';

/**
 * The files of one analysis and of the register (Word, PDF, CSV): the screen's content, the requester's
 * language, the readers of the screen only, the formula guard on text cells, and an export event in the
 * organisation's trail with the format and the records in the file.
 */

let t: TestApp;
let w: RiskWorld;
let analysis: AnalysisDetail;
let procs: string[];
const FORMULA = '=HYPERLINK("http://evil.example","klik")';

const csvRows = (body: string) => parse(body.replace(/^\uFEFF/, ''), { delimiter: ';', relax_column_count: true }) as string[][];
const exportEvents = (action: string) => ownerQuery<{ organisation_id: string; record_id: string | null; actor_user_id: string; details: Record<string, unknown> }>(t,
  `SELECT organisation_id, record_id, actor_user_id, details FROM audit_event WHERE action = $1 ORDER BY id`, [action]);

beforeAll(async () => {
  t = await createTestApp();
  w = await riskWorld(t);
  procs = await addProcesses(w, ['Beheer van in beslag genomen goederen', 'Aankoopprocedures']);
  // An earlier analysis of the first process at 2 × 2 (low), so the register's trend has something to compare.
  const earlier = await newAnalysis(w, [procs[0]], { title: 'Vorige analyse' });
  await agreeAll(w, earlier, () => [2, 2]);
  expect((await w.s.officer.post(`${rBase(w)}/analyses/${earlier.id}/complete`)).statusCode).toBe(200);

  const a = await newAnalysis(w, procs, { title: 'Risicoanalyse 2026' });
  await agreeAll(w, a, (i) => (a.processes[i].process.id === procs[0] ? [5, 5] : [1, 2]));
  const an = `${rBase(w)}/analyses/${a.id}`;
  expect((await w.s.officer.post(`${an}/processes/${procs[0]}/controls`, { description: 'Vier-ogenprincipe bij uitgifte', type: 'preventive', effectiveness: 'partly' })).statusCode).toBe(201);
  // A text cell that a spreadsheet would run as a formula.
  expect((await w.s.officer.post(`${an}/processes/${procs[0]}/controls`, { description: FORMULA, type: 'detective', effectiveness: 'unknown' })).statusCode).toBe(201);
  const owner = await hrPerson(w, 'Els', 'Peeters');
  expect((await w.s.officer.post(`${an}/processes/${procs[0]}/recommendations`, { text: 'Maandelijkse inventaris van de goederen', ownerPersonId: owner, dueDate: '2027-03-31' })).statusCode).toBe(201);
  expect((await w.s.officer.post(`${an}/complete`)).statusCode).toBe(200);
  analysis = (await w.s.officer.get(an)).json();
}, 120_000);
afterAll(async () => { await t?.close(); });

const file = (id: string, format: string, lang = '') => `${rBase(w)}/analyses/${id}/export.${format}${lang ? `?lang=${lang}` : ''}`;

describe('one analysis as a file', () => {
  it('CSV: an assessment line per process, then its controls and recommendations; formulas neutralised; no-store attachment', async () => {
    const r = await w.s.officer.get(file(analysis.id, 'csv', 'en'));
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-type']).toContain('text/csv');
    expect(r.headers['content-disposition']).toMatch(/^attachment; filename="Risicoanalyse_2026\.csv"/);
    expect(r.headers['cache-control']).toBe('no-store');
    const rows = csvRows(r.body);
    const head = rows[0];
    const col = (h: string) => { const i = head.indexOf(h); expect(i, h).toBeGreaterThanOrEqual(0); return i; };
    const seized = rows.filter((x) => x[col('Process or function')] === 'Beheer van in beslag genomen goederen');
    expect(seized.map((x) => x[col('Part')])).toEqual(['Assessment', 'Control', 'Control', 'Recommendation']);
    const [assessment, control, formula, rec] = seized;
    // Agreed at 5 × 5 with factors of 2 each (risk.testkit): inherent 10, aggravating 8, the default matrix's very high band.
    expect([assessment[col('Likelihood')], assessment[col('Impact')], assessment[col('Risk score')], assessment[col('Residual risk')]]).toEqual(['5', '5', '25', 'very high']);
    expect([assessment[col('Inherent vulnerability (0–15)')], assessment[col('Aggravating factors (0–12)')]]).toEqual(['10', '8']);
    expect(assessment[col('Reason for the agreed score')]).toBe('Samen besproken.');
    expect([control[col('Control')], control[col('Type')], control[col('Effectiveness')]]).toEqual(['Vier-ogenprincipe bij uitgifte', 'preventive', 'partly effective']);
    expect(formula[col('Control')]).toBe(`'${FORMULA}`);
    expect([rec[col('Recommendation')], rec[col('Owner')], rec[col('Due date')], rec[col('Follow-up')], rec[col('Plan entry')]])
      .toEqual(['Maandelijkse inventaris van de goederen', 'Els Peeters', '2027-03-31', 'open', 'not in the plan']);
    const purchase = rows.filter((x) => x[col('Process or function')] === 'Aankoopprocedures');
    expect(purchase).toHaveLength(1);
    expect(purchase[0][col('Residual risk')]).toBe('low');
    // No cell of the whole file starts a formula.
    for (const row of rows) for (const c of row) expect(c).not.toMatch(/^[=+@]/);
  });

  it('Word and PDF: scope, participants, matrix, per process the assessment, controls and recommendations', async () => {
    const docx = await w.s.officer.get(file(analysis.id, 'docx', 'en'));
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    const buf = docx.rawPayload;
    const text = docxParagraphs(buf).map((p) => p.text).join('\n');
    for (const s of ['Integrity risk analysis', 'Risicoanalyse 2026', 'Drie kwetsbare processen', 'Participants', 'Risk matrix', 'Existing controls', 'Reason for the agreed score']) expect(text, s).toContain(s);
    const tables = docxTables(buf);
    const matrix = tables.find((x) => x.header[0]?.[0] === 'Likelihood / impact')!;
    expect(matrix.header[0]).toEqual(['Likelihood / impact', '1', '2', '3', '4', '5']);
    expect(matrix.rows).toHaveLength(5);
    // Top row: likelihood 5; the default 5 × 5 matrix is very high at 5 × 5 and low at 1 × 1 (bottom left).
    expect(matrix.rows[0][0]).toBe('5');
    expect(matrix.rows[0][5]).toBe('very high');
    expect(matrix.rows[4][1]).toBe('low');
    const cells = tables.flatMap((x) => [...x.header, ...x.rows].flat()).join('\n');
    for (const s of ['Vier-ogenprincipe bij uitgifte', 'Maandelijkse inventaris van de goederen', 'Els Peeters', 'not in the plan', ...analysis.participants.map((p) => p.displayName)]) expect(text + cells, s).toContain(s);

    const pdf = await w.s.officer.get(file(analysis.id, 'pdf', 'en'));
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // The same document model, rendered without compression so the text can be read back.
    const pages = pdfPages(await renderPdf(analysisDocument(analysis, 'en', 'Zone'), { compress: false })).join('\n');
    for (const s of ['Risicoanalyse 2026', 'Vier-ogenprincipe bij uitgifte', 'Aankoopprocedures']) expect(pages, s).toContain(s);
  });

  it('is read as the analysis is: its participants and the chief yes; a bystander, another organisation and a bad language no', async () => {
    expect((await w.s.chief.get(file(analysis.id, 'csv'))).statusCode).toBe(200);
    expect((await w.s.anna.get(file(analysis.id, 'csv'))).statusCode).toBe(200);
    expect((await w.s.staff.get(file(analysis.id, 'csv'))).statusCode).toBe(404);
    // A head of service reads the register, not the workshop's analyses.
    expect((await w.s.head.get(file(analysis.id, 'pdf'))).statusCode).toBe(404);
    expect([403, 404]).toContain((await w.s.otherOfficer.get(file(analysis.id, 'csv'))).statusCode);
    expect((await w.s.otherOfficer.get(`${rBase(w, w.other)}/analyses/${analysis.id}/export.csv`)).statusCode).toBe(404);
    expect((await w.s.officer.get(file(analysis.id, 'csv', 'xx'))).statusCode).toBe(400);
  });

  it('is audited as an export with its format, language and the processes in the file; refusals leave no export event', async () => {
    const before = (await exportEvents('risk.analysis_export')).length;
    await w.s.staff.get(file(analysis.id, 'docx'));
    expect(await exportEvents('risk.analysis_export')).toHaveLength(before);
    expect((await w.s.officer.get(file(analysis.id, 'docx', 'fr'))).statusCode).toBe(200);
    const events = await exportEvents('risk.analysis_export');
    expect(events).toHaveLength(before + 1);
    const e = events.at(-1)!;
    expect(e).toMatchObject({ organisation_id: w.org, record_id: analysis.id, actor_user_id: w.users.officer.id });
    expect(e.details).toMatchObject({ format: 'docx', locale: 'fr', status: 'completed', count: 2 });
    expect([...(e.details.recordIds as string[])].sort()).toEqual([...procs].sort());
  });
});

describe('the register as a file', () => {
  const reg = (format: string) => `${rBase(w)}/register.${format}?lang=en`;

  it('CSV: owner, review date, current band, trend, high risks without action, late actions', async () => {
    const r = await w.s.head.get(reg('csv'));
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['cache-control']).toBe('no-store');
    expect(r.headers['content-disposition']).toMatch(/^attachment; filename="Zone_\d+_-_Risk_register_\d{4}-\d{2}-\d{2}\.csv"/);
    const rows = csvRows(r.body);
    const head = rows[0];
    const col = (h: string) => { const i = head.indexOf(h); expect(i, h).toBeGreaterThanOrEqual(0); return i; };
    expect(rows).toHaveLength(3);
    const [first, second] = rows.slice(1);
    // Highest risk first. The seized goods went from low (2 × 2) to very high: worse; no recommendation in the plan.
    expect(first[col('Process or function')]).toBe('Beheer van in beslag genomen goederen');
    expect([first[col('Current band')], first[col('Risk score')], first[col('Trend')], first[col('High risk without action')], first[col('Late plan actions')]])
      .toEqual(['very high', '25', 'worse', 'yes', '0']);
    expect(first[col('Latest completed analysis')]).toBe('Risicoanalyse 2026');
    expect(first[col('Open recommendations')]).toBe('1');
    expect([second[col('Current band')], second[col('Trend')], second[col('High risk without action')]]).toEqual(['low', 'first analysis', 'no']);
  });

  it('Word and PDF hold the totals and the table', async () => {
    const docx = await w.s.officer.get(reg('docx'));
    expect(docx.statusCode).toBe(200);
    const table = docxTables(docx.rawPayload).find((x) => x.header[0]?.[0] === 'Process or function')!;
    expect(table.rows.map((x) => x[0])).toEqual(['Beheer van in beslag genomen goederen', 'Aankoopprocedures']);
    expect(docxParagraphs(docx.rawPayload).map((p) => p.text).join('\n')).toContain('Integrity risk register');
    const pdf = await w.s.chief.get(reg('pdf'));
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('only for the register\'s readers, and audited with the processes in it', async () => {
    expect((await w.s.staff.get(reg('csv'))).statusCode).toBe(404);
    expect((await w.s.anna.get(reg('csv'))).statusCode).toBe(404);
    const before = (await exportEvents('risk.register_export')).length;
    expect((await w.s.chief.get(reg('csv'))).statusCode).toBe(200);
    const events = await exportEvents('risk.register_export');
    expect(events).toHaveLength(before + 1);
    expect(events.at(-1)).toMatchObject({ organisation_id: w.org, actor_user_id: w.users.chief.id, details: { format: 'csv', locale: 'en', count: 2 } });
  });
});
