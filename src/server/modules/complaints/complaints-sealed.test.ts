import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ifMatch, type TestApp } from '../../../test/app.js';
import { columnsHoldingMarkers, markersInDump } from '../../../test/at-rest.js';
import { COMPLAINT_TOKEN_HEADER } from './contract.js';
import {
  api, complaintsWorld, filed, filePart, jpegWithMetadata, multipart, openDesk, pub, publicRequest, readComplaint, statusToken, triaged, type ComplaintsWorld,
} from './complaints.testkit.js';

/**
 * Issue 19: "a copy of the database alone reveals no complainant". A unique marker written into a
 * complaint (the complainant's name and contact, what happened, where, who, a file's name and
 * content, a hearing record, a reason, the answer) appears nowhere in the database in clear, nor in a
 * dump of it; the status code appears nowhere at all. The people allowed still read everything.
 */
let t: TestApp;
let w: ComplaintsWorld;
beforeAll(async () => {
  t = await createTestApp();
  w = await complaintsWorld(t);
  await openDesk(w);
});
afterAll(async () => { await t.close(); });

const tag = randomBytes(4).toString('hex');
const M = {
  name: `KLAGER-NAAM-${tag}`,
  email: `klager-${tag}@example.org`,
  address: `KLAGER-ADRES-${tag}`,
  what: `KLACHT-TEKST-${tag}`,
  where: `KLACHT-PLAATS-${tag}`,
  involved: `KLACHT-BETROKKENE-${tag}`,
  fileName: `BESTANDSNAAM-${tag}`,
  fileText: `BESTAND-INHOUD-${tag}`,
  photo: `FOTO-EXIF-${tag}`,
  hearing: `VERHOOR-${tag}`,
  answer: `ANTWOORD-${tag}`,
  measure: `MAATREGEL-${tag}`,
};
const markers = Object.values(M);
const TABLES = ['complaint', 'complaint_entry', 'complaint_file', 'complaint_event', 'complaint_theme', 'audit_event', 'mail_outbox', 'deadline'];

describe('complaint content at rest', () => {
  let id: string;
  let code: string;

  beforeAll(async () => {
    ({ id, code } = await filed(t, w, {
      anonymous: false, name: M.name, email: M.email, address: M.address, what: `Wat er gebeurde: ${M.what}`, where: M.where, involved: M.involved,
    }, [filePart(`${M.fileName}.txt`, 'text/plain', Buffer.from(`inhoud ${M.fileText}`)), filePart('foto.jpg', 'image/jpeg', jpegWithMetadata(M.photo))]));
    const rev = await triaged(w, id);
    expect((await w.s.handler.post(api(w, `/${id}/entries`), { kind: 'hearing', body: M.hearing })).statusCode).toBe(201);
    const docs = multipart([{ name: 'document', value: '{}' }, filePart(`${M.fileName}-2.txt`, 'text/plain', Buffer.from(M.fileText))]);
    expect((await w.s.handler.request('POST', api(w, `/${id}/documents`), docs.payload, docs.headers)).statusCode).toBe(201);
    const a = await w.s.handler.post(api(w, `/${id}/answer`), { decision: 'unfounded', text: `Ons antwoord: ${M.answer}` }, ifMatch(rev));
    expect(a.statusCode, a.body).toBe(200);
    const c = await w.s.handler.post(api(w, `/${id}/close`), { measures: M.measure }, ifMatch(a.json().revision));
    expect(c.statusCode, c.body).toBe(200);
    const token = await statusToken(t, w, code);
    const st = await publicRequest(t, { method: 'GET', url: pub(w, '/status'), headers: { [COMPLAINT_TOKEN_HEADER]: token } });
    expect(st.json().answer).toBe(`Ons antwoord: ${M.answer}`);
  });

  it('the allowed readers read every part of it', async () => {
    const v = await readComplaint(w.s.coordinator, w, id);
    expect(v.complainant).toMatchObject({ name: M.name, email: M.email, address: M.address });
    expect(v.facts).toMatchObject({ where: M.where, involved: M.involved });
    expect(v.facts.what).toContain(M.what);
    expect(v.entries.map((e) => e.body)).toEqual([M.hearing, M.measure]);
    expect(v.files.map((f) => f.name).sort()).toEqual([`${M.fileName}-2.txt`, `${M.fileName}.txt`, 'foto.jpg']);
    const txt = v.files.find((f) => f.name === `${M.fileName}.txt`)!;
    expect((await w.s.handler.get(api(w, `/${id}/files/${txt.id}`))).body).toBe(`inhoud ${M.fileText}`);
  });

  it('no marker is in any column of any table in clear, nor is the status code (with or without spaces)', async () => {
    const digits = code.replace(/ /g, '');
    expect(await columnsHoldingMarkers(t.db.url, [...markers, code, digits], { tables: TABLES })).toEqual([]);
    // The scan itself finds what is in clear (the reference, a file's media type).
    const v = await readComplaint(w.s.coordinator, w, id);
    expect(await columnsHoldingMarkers(t.db.url, [v.reference, 'image/jpeg'], { tables: TABLES })).toEqual(expect.arrayContaining(['complaint.reference', 'complaint_file.media_type']));
  });

  it('nor in a dump of the database (bytea as hex)', () => {
    expect(markersInDump(t.db.url, [...markers, code.replace(/ /g, '')], { tables: ['complaint'] })).toEqual([]);
  });

  it('the picture lost its metadata before it was encrypted', async () => {
    const v = await readComplaint(w.s.coordinator, w, id);
    const photo = v.files.find((f) => f.name === 'foto.jpg')!;
    const r = await w.s.coordinator.get(api(w, `/${id}/files/${photo.id}`));
    expect(r.statusCode).toBe(200);
    expect(r.rawPayload.includes(Buffer.from(M.photo))).toBe(false);
    expect(r.rawPayload.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
  });
});
