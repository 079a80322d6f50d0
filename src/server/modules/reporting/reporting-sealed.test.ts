import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ifMatch, type TestApp } from '../../../test/app.js';
import { columnsHoldingMarkers, markersInDump } from '../../../test/at-rest.js';
import {
  api, filed, filePart, jpegWithMetadata, multipart, openChannel, portalToken, pub, publicRequest, readReport, reportingWorld, type ReportingWorld,
} from './reporting.testkit.js';

/**
 * Issue 18: a unique marker written into a report (its answers, the reporter's name, a message both
 * ways, a reason, file names and the files) appears nowhere in the database in clear, nor in a dump
 * of it; the receipt appears nowhere at all. The people allowed still read everything.
 */
let t: TestApp;
let w: ReportingWorld;
beforeAll(async () => {
  t = await createTestApp();
  w = await reportingWorld(t);
  await openChannel(w);
});
afterAll(async () => { await t.close(); });

const tag = randomBytes(4).toString('hex');
const M = {
  answer: `MELDING-ANTWOORD-${tag}`,
  name: `MELDER-NAAM-${tag}`,
  contact: `melder-${tag}@example.org`,
  fileName: `BESTANDSNAAM-${tag}`,
  fileText: `BESTAND-INHOUD-${tag}`,
  photo: `FOTO-EXIF-${tag}`,
  reporterMessage: `MELDER-BERICHT-${tag}`,
  recipientMessage: `ONTVANGER-BERICHT-${tag}`,
  reason: `REDEN-${tag}`,
  ack: `ONTVANGST-${tag}`,
};
const markers = Object.values(M);

/** The report's tables, which every scan must cover. */
const databaseHits = (needles: string[]) =>
  columnsHoldingMarkers(t.db.url, needles, { tables: ['report', 'report_message', 'report_file', 'report_event', 'audit_event', 'mail_outbox'] });

describe('report content at rest', () => {
  let id: string;
  let receipt: string;

  beforeAll(async () => {
    const f = await filed(t, w, {
      identityMode: 'confidential', name: M.name, contact: M.contact, answers: { what: `Wat er gebeurde: ${M.answer}`, who: M.answer },
    }, [filePart(`${M.fileName}.txt`, 'text/plain', Buffer.from(`inhoud ${M.fileText}`)), filePart('foto.jpg', 'image/jpeg', jpegWithMetadata(M.photo))]);
    ({ id, receipt } = f);

    const v = await readReport(w.s.officer, w, id);
    const ack = await w.s.officer.post(api(w, `/reports/${id}/acknowledge`), { body: M.ack }, ifMatch(v.revision));
    expect(ack.statusCode, ack.body).toBe(200);
    const adm = await w.s.officer.post(api(w, `/reports/${id}/admissibility`), { admissible: true, reason: M.reason }, ifMatch(ack.json().revision));
    expect(adm.statusCode, adm.body).toBe(200);
    const ask = multipart([{ name: 'message', value: JSON.stringify({ body: M.recipientMessage }) }]);
    expect((await w.s.officer.request('POST', api(w, `/reports/${id}/messages`), ask.payload, ask.headers)).statusCode).toBe(201);
    const token = await portalToken(t, w, receipt);
    const answer = multipart([{ name: 'message', value: JSON.stringify({ body: M.reporterMessage }) }, filePart(`${M.fileName}-2.txt`, 'text/plain', Buffer.from(M.fileText))]);
    const a = await publicRequest(t, { method: 'POST', url: pub(w, '/portal/messages'), payload: answer.payload, headers: { ...answer.headers, 'x-kompas-report-token': token } });
    expect(a.statusCode, a.body).toBe(201);
  });

  it('the allowed readers read every part of it', async () => {
    const v = await readReport(w.s.officer2, w, id);
    expect(v.reporter).toEqual({ name: M.name, contact: M.contact });
    expect(v.answers.find((x) => x.questionId === 'who')?.value).toBe(M.answer);
    expect(v.admissibilityReason).toBe(M.reason);
    expect(v.messages.map((m) => m.body)).toEqual([M.ack, M.recipientMessage, M.reporterMessage]);
    expect(v.files.map((f) => f.name).sort()).toEqual([`${M.fileName}.txt`, 'foto.jpg']);
    const txt = v.files.find((f) => f.name.endsWith('.txt'))!;
    expect((await w.s.officer2.get(api(w, `/reports/${id}/files/${txt.id}`))).body).toBe(`inhoud ${M.fileText}`);
  });

  it('no marker is in any column of any table in clear, nor is the receipt (with or without spaces)', async () => {
    const digits = receipt.replace(/ /g, '');
    expect(await databaseHits([...markers, receipt, digits])).toEqual([]);
    // The scan itself finds what is in clear (the reference is, and the media type of a file).
    const [r] = (await readReport(w.s.officer, w, id)).reference.split(' ');
    expect(await databaseHits([r, 'image/jpeg'])).toEqual(expect.arrayContaining(['report.reference', 'report_file.media_type']));
  });

  it('nor in a dump of the database (bytea as hex)', () => {
    expect(markersInDump(t.db.url, [...markers, receipt.replace(/ /g, '')], { tables: ['report'] })).toEqual([]);
  });

  it('the picture lost its metadata before it was encrypted: the decrypted file holds none of it', async () => {
    const v = await readReport(w.s.officer, w, id);
    const photo = v.files.find((f) => f.name === 'foto.jpg')!;
    const r = await w.s.officer.get(api(w, `/reports/${id}/files/${photo.id}`));
    expect(r.statusCode).toBe(200);
    expect(r.rawPayload.includes(Buffer.from(M.photo))).toBe(false);
    expect(r.rawPayload.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
  });
});
