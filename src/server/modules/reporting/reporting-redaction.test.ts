import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ifMatch, ownerQuery, type TestApp } from '../../../test/app.js';
import { columnsHoldingMarkers } from '../../../test/at-rest.js';
import { withOrgTx } from '../../platform/db/tx.js';
import { decryptText, isEncrypted, openRecordKeyWithSecret, type OpenRecordKey } from '../../platform/vault/index.js';
import type { PortalView } from './contract.js';
import { applyMask } from './redaction.js';
import { MASK } from './redaction-contract.js';
import {
  api, filed, multipart, openChannel, portalToken, pub, publicRequest, readReport, reportingWorld, type ReportingWorld,
} from './reporting.testkit.js';

/**
 * Redaction (issue 18): a recipient masks personal data irrelevant to the case in an answer and in
 * a message; every other reader sees only the masked text with who and when; the reporter keeps
 * their original in the portal until a recipient deletes it for good, and then sees the masked text
 * with the hash of their original; the deleted original is nowhere in the database any more, in
 * clear or as a ciphertext; both steps need If-Match and are audited without content.
 */
let t: TestApp;
let w: ReportingWorld;
beforeAll(async () => {
  t = await createTestApp();
  w = await reportingWorld(t);
  await openChannel(w);
});
afterAll(async () => { await t.close(); });

const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

describe('applyMask', () => {
  it('turns each masked stretch into one mask, merging touching and earlier masks, never splitting a character', () => {
    const a = applyMask('Jan Peeters woont in Gent', [], [{ start: 0, end: 11 }, { start: 21, end: 25 }]);
    expect(a.text).toBe(`${MASK} woont in ${MASK}`);
    expect(a.marks.map((m) => a.text.slice(m.start, m.end))).toEqual([MASK, MASK]);
    // A new range touching an earlier mask joins it.
    const b = applyMask(a.text, a.marks, [{ start: a.marks[0].end, end: a.marks[0].end + 6 }]);
    expect(b.text).toBe(`${MASK} in ${MASK}`);
    const emoji = applyMask('a😀b', [], [{ start: 2, end: 3 }]);
    expect(emoji.text).toBe(`a${MASK}b`);
    expect(() => applyMask('abc', [], [{ start: 2, end: 9 }])).toThrow();
  });
});

describe('masking an answer and a message', () => {
  const tag = randomBytes(4).toString('hex');
  const NAME = `BUURVROUW-${tag}`;
  const PHONE = `0470-${tag}`;
  const what = `Agent X neemt brandstof mee. Mijn buurvrouw ${NAME} zag het ook.`;
  const message = `Bel mij gerust op ${PHONE} na vijf uur.`;
  let id: string;
  let receipt: string;
  let token: string;
  let answerRedaction: string;
  let originalCiphertext: Buffer;

  beforeAll(async () => {
    ({ id, receipt } = await filed(t, w, { identityMode: 'anonymous', answers: { what, where: 'Commissariaat Centrum' } }));
    token = await portalToken(t, w, receipt);
    const m = multipart([{ name: 'message', value: JSON.stringify({ body: message }) }]);
    const sent = await publicRequest(t, { method: 'POST', url: pub(w, '/portal/messages'), payload: m.payload, headers: { ...m.headers, 'x-kompas-report-token': token } });
    expect(sent.statusCode, sent.body).toBe(201);
  });

  const portal = async (): Promise<PortalView> => {
    const r = await publicRequest(t, { method: 'GET', url: pub(w, '/portal'), headers: { 'x-kompas-report-token': token } });
    expect(r.statusCode, r.body).toBe(200);
    return r.json();
  };

  it('needs the revision the recipient saw: none is 428, a stale one 409, and only a recipient may mask', async () => {
    const v = await readReport(w.s.officer, w, id);
    const start = v.answers.find((a) => a.questionId === 'what')!.value!.indexOf(NAME);
    const body = { target: 'answer', targetId: 'what', ranges: [{ start, end: start + NAME.length }] };
    expect((await w.s.officer.post(api(w, `/reports/${id}/redactions`), body)).statusCode).toBe(428);
    expect((await w.s.officer.post(api(w, `/reports/${id}/redactions`), body, ifMatch(v.revision + 5))).statusCode).toBe(409);
    expect((await w.s.staff.post(api(w, `/reports/${id}/redactions`), body, ifMatch(v.revision))).statusCode).toBe(403);
    // Another zone's officer does not learn that the report exists.
    expect((await w.s.otherOfficer.post(`/api/orgs/${w.org}/reporting/reports/${id}/redactions`, body, ifMatch(v.revision))).statusCode).toBe(403);
    // Choices and dates hold no free text to mask; a range outside the text is refused.
    expect((await w.s.officer.post(api(w, `/reports/${id}/redactions`), { target: 'answer', targetId: 'where', ranges: [{ start: 0, end: 999 }] }, ifMatch(v.revision))).statusCode).toBe(400);
  });

  it('other recipients see only the masked text, with where, who and when', async () => {
    const v = await readReport(w.s.officer, w, id);
    const start = what.indexOf(NAME);
    const r = await w.s.officer.post(api(w, `/reports/${id}/redactions`), { target: 'answer', targetId: 'what', ranges: [{ start, end: start + NAME.length }] }, ifMatch(v.revision));
    expect(r.statusCode, r.body).toBe(201);
    answerRedaction = r.json().id;
    const msg = v.messages.find((m) => m.author === 'reporter')!;
    const p = msg.body.indexOf(PHONE);
    const r2 = await w.s.officer.post(api(w, `/reports/${id}/redactions`), { target: 'message', targetId: msg.id, ranges: [{ start: p, end: p + PHONE.length }] }, ifMatch(r.json().revision));
    expect(r2.statusCode, r2.body).toBe(201);

    const other = await readReport(w.s.officer2, w, id);
    const answer = other.answers.find((a) => a.questionId === 'what')!;
    expect(answer.value).toBe(what.replace(NAME, MASK));
    expect(answer.redaction!.marks.map((m) => answer.value!.slice(m.start, m.end))).toEqual([MASK]);
    expect(answer.redaction).toMatchObject({ maskedBy: expect.any(String), originalKept: true, originalDeletedOn: null, sha256: sha(what) });
    expect(answer.redaction!.maskedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const m = other.messages.find((x) => x.id === msg.id)!;
    expect(m.body).toBe(message.replace(PHONE, MASK));
    expect(m.redaction!.sha256).toBe(sha(message));
    expect(JSON.stringify(other)).not.toContain(NAME);
    expect(JSON.stringify(other)).not.toContain(PHONE);
    expect(other.history.map((h) => h.action)).toEqual(expect.arrayContaining(['redacted']));
  });

  it('the reporter still sees their original, and the hash of it', async () => {
    const v = await portal();
    const answer = v.answers.find((a) => a.questionId === 'what')!;
    expect(answer.value).toBe(what);
    expect(answer.redaction).toMatchObject({ originalKept: true, sha256: sha(what), marks: [] });
    expect(answer.redaction!.maskedBy).toBeUndefined();
    expect(v.messages.find((m) => m.author === 'reporter')!.body).toBe(message);
  });

  it('deleting the original for good leaves the masked text and the hash, also for the reporter', async () => {
    const [row] = await ownerQuery<{ original: Buffer }>(t, `SELECT original FROM report_redaction WHERE id = $1`, [answerRedaction]);
    originalCiphertext = row.original;
    expect(isEncrypted(originalCiphertext)).toBe(true);
    // The scan that later proves it gone finds it while it is kept.
    expect(await columnsHoldingMarkers(t.db.url, [originalCiphertext])).toContain('report_redaction.original');
    const v = await readReport(w.s.officer, w, id);
    expect((await w.s.officer.delete(api(w, `/reports/${id}/redactions/${answerRedaction}/original`), ifMatch(v.revision - 1))).statusCode).toBe(409);
    const d = await w.s.officer.delete(api(w, `/reports/${id}/redactions/${answerRedaction}/original`), ifMatch(v.revision));
    expect(d.statusCode, d.body).toBe(200);
    expect((await w.s.officer.delete(api(w, `/reports/${id}/redactions/${answerRedaction}/original`), ifMatch(d.json().revision))).statusCode).toBe(409);

    const p = await portal();
    const answer = p.answers.find((a) => a.questionId === 'what')!;
    expect(answer.value).toBe(what.replace(NAME, MASK));
    expect(answer.redaction).toMatchObject({ originalKept: false, sha256: sha(what) });
    expect(answer.redaction!.originalDeletedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // The message's original is still kept: the reporter still reads it.
    expect(p.messages.find((m) => m.author === 'reporter')!.body).toBe(message);
  });

  it('the deleted original is nowhere in the database: not in clear, not its ciphertext, not in anything the report key opens', async () => {
    expect(await columnsHoldingMarkers(t.db.url, [NAME, originalCiphertext], { tables: ['report', 'report_redaction'] })).toEqual([]);
    // Every encrypted field of the report that the key still opens: the name is in none of them.
    const opened = await withOrgTx(t.db.db, w.org, async (tx) => {
      const key = (await openRecordKeyWithSecret(tx, { organisationId: w.org, recordType: 'report', recordId: id }, receipt.replace(/ /g, '')))!;
      const open = (k: OpenRecordKey, field: string, b: Buffer | null) => (b ? decryptText(k, field, b) : '');
      const texts: string[] = [];
      const [rep] = (await tx.execute<{ content: Buffer }>(sql`SELECT content FROM report WHERE id = ${id}`)).rows;
      texts.push(open(key, 'content', rep.content));
      for (const m of (await tx.execute<{ id: string; body: Buffer }>(sql`SELECT id, body FROM report_message WHERE report_id = ${id}`)).rows) texts.push(open(key, `message:${m.id}`, m.body));
      for (const e of (await tx.execute<{ id: string; note: Buffer | null }>(sql`SELECT id, note FROM report_event WHERE report_id = ${id}`)).rows) texts.push(open(key, `event:${e.id}`, e.note));
      for (const x of (await tx.execute<{ id: string; original: Buffer | null; marks: Buffer }>(sql`SELECT id, original, marks FROM report_redaction WHERE report_id = ${id}`)).rows) {
        texts.push(open(key, `redaction:${x.id}:original`, x.original), open(key, `redaction:${x.id}:marks`, x.marks));
      }
      return texts;
    });
    expect(opened.join('\n')).toContain(PHONE); // the message's original, still kept, proves the scan opens what is there
    expect(opened.join('\n')).not.toContain(NAME);
  });

  it('masking and deletion are audited, with ids only', async () => {
    const rows = await ownerQuery<{ action: string; details: Record<string, unknown>; actor_user_id: string }>(t,
      `SELECT action, details, actor_user_id FROM audit_event WHERE organisation_id = $1 AND record_id = $2 AND action LIKE 'reporting.redaction_%' ORDER BY id`, [w.org, id]);
    expect(rows.map((r) => r.action)).toEqual(['reporting.redaction_masked', 'reporting.redaction_masked', 'reporting.redaction_original_deleted']);
    expect(rows.every((r) => r.actor_user_id === w.users.officer.id)).toBe(true);
    expect(rows[0].details).toMatchObject({ redactionId: answerRedaction, target: 'answer', targetId: 'what' });
    const all = JSON.stringify(rows);
    expect(all).not.toContain(NAME);
    expect(all).not.toContain(PHONE);
  });

  it('masking the whole message, and again over a mask, keeps the first original and its hash', async () => {
    const v = await readReport(w.s.officer, w, id);
    const msg = v.messages.find((m) => m.author === 'reporter')!;
    const r = await w.s.officer.post(api(w, `/reports/${id}/redactions`), { target: 'message', targetId: msg.id, whole: true }, ifMatch(v.revision));
    expect(r.statusCode, r.body).toBe(201);
    const after = await readReport(w.s.officer2, w, id);
    const m = after.messages.find((x) => x.id === msg.id)!;
    expect(m.body).toBe(MASK);
    expect(m.redaction!.sha256).toBe(sha(message));
    expect((await portal()).messages.find((x) => x.id === msg.id)!.body).toBe(message);
    // Nothing left to mask.
    expect((await w.s.officer.post(api(w, `/reports/${id}/redactions`), { target: 'message', targetId: msg.id, whole: true }, ifMatch(r.json().revision))).statusCode).toBe(400);
  });
});
