import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ifMatch, ownerQuery, type TestApp } from '../../../test/app.js';
import {
  api, filed, filePart, multipart, openChannel, PLAIN_JPEG, portalToken, pub, publicRequest, readReport, reportingWorld, reportPart, someAnswers,
  type Part, type ReportingWorld,
} from './reporting.testkit.js';

/**
 * Bad input on the reporting endpoints: malformed, oversized and hostile bodies get a clear 4xx
 * naming the field, and nothing is stored half-way (no report, no message, no file).
 */
let t: TestApp;
let w: ReportingWorld;
beforeAll(async () => {
  t = await createTestApp();
  w = await reportingWorld(t);
  await openChannel(w);
});
afterAll(async () => { await t.close(); });

const counts = async () => (await ownerQuery<{ reports: number; messages: number; files: number; keys: number }>(t, `SELECT
  (SELECT count(*)::int FROM report) AS reports, (SELECT count(*)::int FROM report_message) AS messages,
  (SELECT count(*)::int FROM report_file) AS files, (SELECT count(*)::int FROM record_key) AS keys`))[0];
const post = (parts: Part[], headers: Record<string, string> = {}) => {
  const m = multipart(parts);
  return publicRequest(t, { method: 'POST', url: pub(w, '/reports'), payload: m.payload, headers: { ...m.headers, ...headers } });
};
const good = (over: Record<string, unknown> = {}) => reportPart({ identityMode: 'anonymous', answers: someAnswers(), exclude: [], ...over });

describe('filing: refused input stores nothing', () => {
  const cases: [string, () => Promise<{ statusCode: number; json: () => { code: string; field?: string; fields?: { field: string }[] } }>, number, string, string | undefined][] = [
    ['a JSON body instead of a form', () => publicRequest(t, { method: 'POST', url: pub(w, '/reports'), payload: { identityMode: 'anonymous', answers: someAnswers() } }), 415, 'unsupported_media_type', undefined],
    ['no report part', () => post([filePart('a.txt', 'text/plain', Buffer.from('x'))]), 400, 'multipart_part_missing', 'report'],
    ['a report part that is not JSON', () => post([reportPart('{"identityMode": "anonymous", ')]), 400, 'invalid_json', 'report'],
    ['two report parts', () => post([good(), good()]), 400, 'multipart_part_unknown', 'report'],
    ['an unexpected part', () => post([good(), { name: 'evil', value: 'x' }]), 400, 'multipart_part_unknown', 'evil'],
    ['a file under another name', () => post([good(), { name: 'file', filename: 'a.txt', type: 'text/plain', content: Buffer.from('x') }]), 400, 'multipart_part_unknown', 'file'],
    ['an unknown field', () => post([good({ ip: '1.2.3.4' })]), 400, 'validation_failed', 'ip'],
    ['a wrong identity mode', () => post([good({ identityMode: 'pseudonymous' })]), 400, 'validation_failed', 'identityMode'],
    ['answers as a list', () => post([good({ answers: ['what'] })]), 400, 'validation_failed', 'answers'],
    ['an answer that is a number', () => post([good({ answers: { what: 42 } })]), 400, 'validation_failed', 'answers.what'],
    ['a required answer missing', () => post([good({ answers: { where: 'hier' } })]), 400, 'reporting_answer_required', 'answers.what'],
    ['a blank required answer', () => post([good({ answers: { what: '   \n ' } })]), 400, 'reporting_answer_required', 'answers.what'],
    ['an answer to no question', () => post([good({ answers: { what: 'x', salary: 'y' } })]), 400, 'reporting_answer_unknown', 'answers.salary'],
    ['a question id that is not one', () => post([good({ answers: { what: 'x', __proto__x: 'y' } })]), 400, 'validation_failed', 'answers.__proto__x'],
    ['a __proto__ key', () => post([reportPart('{"identityMode":"anonymous","answers":{"what":"x","__proto__":{"admin":true}},"exclude":[]}')]), 400, 'invalid_json', 'report'],
    ['a choice outside its options', () => post([good({ answers: { what: 'x', reported_before: 'maybe' } })]), 400, 'reporting_answer_invalid', 'answers.reported_before'],
    ['an oversized answer', () => post([good({ answers: { what: 'x'.repeat(20_001) } })]), 400, 'validation_failed', 'answers.what'],
    ['a long answer to a short question', () => post([good({ answers: { what: 'x', where: 'y'.repeat(1_001) } })]), 400, 'reporting_answer_too_long', 'answers.where'],
    ['a NUL byte in an answer', () => post([good({ answers: { what: 'a\u0000b' } })]), 400, 'validation_failed', 'answers.what'],
    ['a control character in the name', () => post([good({ identityMode: 'named', name: 'Jan\u001bPeeters' })]), 400, 'validation_failed', 'name'],
    ['an oversized name', () => post([good({ identityMode: 'named', name: 'J'.repeat(201) })]), 400, 'validation_failed', 'name'],
    ['an unknown category', () => post([good({ category: 'gossip' })]), 400, 'validation_failed', 'category'],
    ['an exclusion that is not a uuid', () => post([good({ exclude: ["1' OR '1'='1"] })]), 400, 'validation_failed', 'exclude.0'],
    ['an exclusion of someone not listed', () => post([good({ exclude: [crypto.randomUUID()] })]), 400, 'reporting_exclude_unknown', 'exclude.0'],
    ['too many exclusions', () => post([good({ exclude: Array.from({ length: 51 }, () => crypto.randomUUID()) })]), 400, 'validation_failed', 'exclude'],
    ['excluding everyone', () => post([good({ exclude: [w.users.officer.id, w.users.officer2.id, w.users.alternate.id] })]), 400, 'reporting_no_recipient', 'exclude'],
    ['six files', () => post([good(), ...Array.from({ length: 6 }, (_, i) => filePart(`f${i}.txt`, 'text/plain', Buffer.from('x')))]), 413, 'multipart_too_many_files', 'files'],
    ['a file over 10 MB', () => post([good(), filePart('big.txt', 'text/plain', Buffer.alloc(10 * 1024 * 1024 + 1, 0x61))]), 413, 'file_too_large', 'file'],
    ['an executable named .pdf', () => post([good(), filePart('brief.pdf', 'application/pdf', Buffer.from('MZ\x90\x00 this program', 'latin1'))]), 415, 'file_content', 'file'],
    ['a type that is not accepted', () => post([good(), filePart('macro.docm', 'application/vnd.ms-word.document.macroEnabled.12', Buffer.from('PK\x03\x04'))]), 415, 'file_type', 'file'],
    ['an empty file', () => post([good(), filePart('leeg.txt', 'text/plain', Buffer.alloc(0))]), 400, 'file_empty', 'file'],
    ['a JPEG cut short after its header', () => post([good(), filePart('kapot.jpg', 'image/jpeg', PLAIN_JPEG.subarray(0, 30))]), 400, 'file_unreadable', 'file'],
  ];

  for (const [what, send, status, code, field] of cases) {
    it(`${what}: ${status} ${code}${field ? ` on ${field}` : ''}`, async () => {
      const before = await counts();
      const r = await send();
      expect(r.statusCode, JSON.stringify(r.json())).toBe(status);
      const b = r.json();
      expect(b.code).toBe(code);
      if (field !== undefined) expect(b.field ?? b.fields?.[0]?.field).toBe(field);
      expect(await counts()).toEqual(before);
    });
  }

  it('a truncated multipart body is a 400, and nothing is stored', async () => {
    const before = await counts();
    const m = multipart([good(), filePart('a.txt', 'text/plain', Buffer.from('hallo'))]);
    const r = await publicRequest(t, { method: 'POST', url: pub(w, '/reports'), payload: m.payload.subarray(0, m.payload.length - 30), headers: m.headers });
    expect(r.statusCode).toBe(400);
    expect(await counts()).toEqual(before);
  });

  it('without the public header (a form of another site) a write is refused before anything is read', async () => {
    const m = multipart([good()]);
    const r = await t.app.inject({ method: 'POST', url: pub(w, '/reports'), payload: m.payload, headers: { ...m.headers, 'x-forwarded-for': '198.51.100.201' } });
    expect(r.statusCode).toBe(403);
  });

  it('script and SQL in answers are stored as typed and given back as text', async () => {
    const hostile = `<script>alert(1)</script>'; DROP TABLE report; --`;
    const f = await filed(t, w, { answers: { what: hostile, where: '<img src=x onerror=alert(2)>' } });
    const v = await readReport(w.s.officer, w, f.id);
    expect(v.answers.find((a) => a.questionId === 'what')?.value).toBe(hostile);
    expect(v.answers.find((a) => a.questionId === 'where')?.value).toBe('<img src=x onerror=alert(2)>');
  });
});

describe('the portal and the access route', () => {
  it('a receipt of the wrong type or size is a 400 naming it; a missing or forged token is a 401', async () => {
    for (const [payload, field] of [[{ receipt: 1234567812345678 }, 'receipt'], [{ receipt: '1'.repeat(65) }, 'receipt'], [{}, 'receipt'], [{ receipt: '1234', extra: 1 }, 'extra']] as const) {
      const r = await publicRequest(t, { method: 'POST', url: pub(w, '/access'), payload });
      expect(r.statusCode).toBe(400);
      expect(r.json().fields[0].field).toBe(field);
    }
    expect((await publicRequest(t, { method: 'GET', url: pub(w, '/portal') })).statusCode).toBe(401);
    expect((await publicRequest(t, { method: 'GET', url: pub(w, '/portal'), headers: { 'x-kompas-report-token': 'x'.repeat(5000) } })).statusCode).toBe(401);
    const m = multipart([{ name: 'message', value: JSON.stringify({ body: 'hallo' }) }]);
    const before = await counts();
    const r = await publicRequest(t, { method: 'POST', url: pub(w, '/portal/messages'), payload: m.payload, headers: { ...m.headers, 'x-kompas-report-token': 'forged' } });
    expect(r.statusCode).toBe(401);
    expect(await counts()).toEqual(before);
  });

  it('a message needs words or a file; an unknown file id is 404; a malformed one 400', async () => {
    const f = await filed(t, w);
    const token = await portalToken(t, w, f.receipt);
    const before = await counts();
    const m = multipart([{ name: 'message', value: JSON.stringify({ body: '  ' }) }]);
    const r = await publicRequest(t, { method: 'POST', url: pub(w, '/portal/messages'), payload: m.payload, headers: { ...m.headers, 'x-kompas-report-token': token } });
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ code: 'reporting_message_empty', field: 'body' });
    const big = multipart([{ name: 'message', value: JSON.stringify({ body: 'x'.repeat(20_001) }) }]);
    const r2 = await publicRequest(t, { method: 'POST', url: pub(w, '/portal/messages'), payload: big.payload, headers: { ...big.headers, 'x-kompas-report-token': token } });
    expect(r2.statusCode).toBe(400);
    expect(r2.json().fields[0].field).toBe('body');
    expect(await counts()).toEqual(before);
    const h = { 'x-kompas-report-token': token };
    expect((await publicRequest(t, { method: 'GET', url: pub(w, `/portal/files/${crypto.randomUUID()}`), headers: h })).statusCode).toBe(404);
    expect((await publicRequest(t, { method: 'GET', url: pub(w, '/portal/files/..%2F..%2Fetc'), headers: h })).statusCode).toBe(400);
  });
});

describe('the recipients\' steps and settings', () => {
  it('bodies are checked: unknown fields, wrong types, oversized texts, bad outcomes', async () => {
    const f = await filed(t, w);
    const v = await readReport(w.s.officer, w, f.id);
    const cases: [string, unknown, string][] = [
      ['acknowledge', { body: 'x', cc: 'someone' }, 'cc'],
      ['acknowledge', { body: 'x'.repeat(20_001) }, 'body'],
      ['admissibility', { admissible: 'yes' }, 'admissible'],
      ['investigator', { userId: 'me' }, 'userId'],
      ['feedback', { body: '' }, 'body'],
      ['close', { outcome: 'dismissed' }, 'outcome'],
    ];
    for (const [step, body, field] of cases) {
      const r = await w.s.officer.post(api(w, `/reports/${f.id}/${step}`), body, ifMatch(v.revision));
      expect(r.statusCode, `${step} ${r.body}`).toBe(400);
      expect(r.json().fields[0].field).toBe(field);
    }
    expect((await w.s.officer.post(api(w, `/reports/${f.id}/acknowledge`), {}, { 'if-match': 'W/"1"' })).statusCode).toBe(400);
    expect((await readReport(w.s.officer, w, f.id)).revision).toBe(v.revision);
  });

  it('settings: the legal maxima, duplicate question ids, a choice without options are refused with their field', async () => {
    const s = (await w.s.officer.get(api(w, '/settings'))).json();
    const base = { open: true, intro: {}, questions: s.questions, ackDays: 7, feedbackMonths: 3, alertDaysBefore: 2, reprisalCheckMonths: [3], retentionMonths: 60, autoAck: null, recipients: [] };
    const q = { id: 'what', kind: 'choice', label: { nl: 'Wat?' }, required: true };
    for (const [over, field] of [
      [{ ackDays: 8 }, 'ackDays'], [{ feedbackMonths: 4 }, 'feedbackMonths'], [{ questions: [s.questions[0], s.questions[0]] }, 'questions'],
      [{ questions: [q] }, 'questions.0.options'], [{ questions: [{ ...q, kind: 'text', label: { nl: ' ' } }] }, 'questions.0.label'],
      [{ intro: { nl: 'x'.repeat(20_001) } }, 'intro.nl'], [{ recipients: [{ userId: w.users.officer.id, kind: 'boss' }] }, 'recipients.0.kind'],
    ] as const) {
      const r = await w.s.officer.put(api(w, '/settings'), { ...base, ...over }, ifMatch(s.revision));
      expect(r.statusCode, `${field} ${r.body}`).toBe(400);
      expect(r.json().fields[0].field).toBe(field);
    }
    expect((await w.s.officer.get(api(w, '/settings'))).json().revision).toBe(s.revision);
  });
});
