import { createHash, randomBytes } from 'node:crypto';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import { unzipSync } from 'fflate';
import { PDFDocument, PDFNumber } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ownerQuery, type TestApp } from '../../../test/app.js';
import { api, complaintsWorld, fileComplaint, filed, filePart, multipart, openDesk, plainPdf, readComplaint, type ComplaintsWorld } from './complaints.testkit.js';

/**
 * Files of a complaint lose what PDF and Office documents say about who made them (platform/files
 * `cleanUploads`, shared with the reporting channel) before they are encrypted: the coordinator
 * decrypts a file that still opens, without the author. A file that cannot be cleaned is refused
 * with the file service's translated error and nothing of the complaint is stored.
 */
let t: TestApp;
let w: ComplaintsWorld;
const AUTHOR = `Klager-${process.pid}-${randomBytes(3).toString('hex')}`;
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
beforeAll(async () => {
  t = await createTestApp();
  w = await complaintsWorld(t);
  await openDesk(w);
});
afterAll(async () => { await t.close(); });

const docxBy = (author: string, text: string) =>
  Packer.toBuffer(new Document({ creator: author, lastModifiedBy: author, sections: [{ children: [new Paragraph({ children: [new TextRun(text)] })] }] }));
const counts = async () => Object.fromEntries(await Promise.all(['complaint', 'complaint_file', 'complaint_event', 'record_key', 'complaint_counter'].map(async (table) =>
  [table, (await ownerQuery<{ n: number }>(t, `SELECT count(*)::int AS n FROM ${table} WHERE organisation_id = $1`, [w.org]))[0].n] as const)));

describe('documents filed on the public form', () => {
  it('a PDF with an Author and a DOCX with a creator are stored without them; the decrypted files still open', async () => {
    const pdf = await plainPdf(AUTHOR);
    const docx = await docxBy(AUTHOR, 'Wat ik zag op 3 maart');
    expect([(await PDFDocument.load(pdf, { updateMetadata: false })).getAuthor(), Buffer.from(docx).includes(Buffer.from('docProps/core.xml'))]).toEqual([AUTHOR, true]);
    const { id } = await filed(t, w, { what: 'Onbeleefd bij de controle.' }, [filePart('scan.pdf', 'application/pdf', pdf), filePart('verslag.docx', DOCX, docx)]);
    const v = await readComplaint(w.s.coordinator, w, id);
    const byName = Object.fromEntries(v.files.map((f) => [f.name, f]));
    const stored = new Map((await ownerQuery<{ id: string; size: number; sha256: string }>(t, `SELECT id, size, sha256 FROM complaint_file WHERE complaint_id = $1`, [id])).map((r) => [r.id, r]));

    const gotPdf = await w.s.coordinator.get(api(w, `/${id}/files/${byName['scan.pdf'].id}`));
    expect(gotPdf.statusCode).toBe(200);
    expect(gotPdf.rawPayload.includes(Buffer.from(AUTHOR))).toBe(false);
    const reread = await PDFDocument.load(gotPdf.rawPayload, { updateMetadata: false });
    expect([reread.getAuthor(), reread.getPageCount()]).toEqual([undefined, 1]);
    // What is stored (size, digest checked on every read) is the cleaned file.
    expect(stored.get(byName['scan.pdf'].id)).toMatchObject({ size: gotPdf.rawPayload.length, sha256: createHash('sha256').update(gotPdf.rawPayload).digest('hex') });

    const gotDocx = await w.s.coordinator.get(api(w, `/${id}/files/${byName['verslag.docx'].id}`));
    expect(gotDocx.statusCode).toBe(200);
    const parts = unzipSync(new Uint8Array(gotDocx.rawPayload));
    expect(Object.keys(parts).filter((n) => n.startsWith('docProps/'))).toEqual([]);
    expect(Object.values(parts).some((p) => Buffer.from(p).includes(Buffer.from(AUTHOR)))).toBe(false);
    expect(Buffer.from(parts['word/document.xml']).toString('utf8')).toContain('Wat ik zag op 3 maart');

    // Documents the staff add are cleaned the same way.
    const m = multipart([{ name: 'document', value: '{}' }, filePart('pv.docx', DOCX, await docxBy(AUTHOR, 'Proces-verbaal'))]);
    const added = await w.s.coordinator.request('POST', api(w, `/${id}/documents`), m.payload, m.headers);
    expect(added.statusCode, added.body).toBe(201);
    const [f] = added.json().files as { id: string }[];
    const got = await w.s.coordinator.get(api(w, `/${id}/files/${f.id}`));
    expect(Object.values(unzipSync(new Uint8Array(got.rawPayload))).some((p) => Buffer.from(p).includes(Buffer.from(AUTHOR)))).toBe(false);
  });

  it('a PDF that cannot be cleaned (encrypted) is refused with file_metadata_kept, and nothing of the complaint is stored', async () => {
    const doc = await PDFDocument.create();
    doc.addPage([595, 842]);
    doc.setAuthor(AUTHOR);
    doc.context.trailerInfo.Encrypt = doc.context.obj({ Filter: 'Standard', V: PDFNumber.of(1), R: PDFNumber.of(2), P: PDFNumber.of(-4) });
    const locked = Buffer.from(await doc.save({ useObjectStreams: false }));
    const before = await counts();
    const last = async () => (await ownerQuery<{ last: number }>(t, `SELECT coalesce(max(last), 0)::int AS last FROM complaint_counter WHERE organisation_id = $1`, [w.org]))[0].last;
    const lastBefore = await last();
    const r = await fileComplaint(t, w, { what: 'Met een beveiligd bestand.' }, [filePart('brief.txt', 'text/plain', Buffer.from('ok')), filePart('beveiligd.pdf', 'application/pdf', locked)]);
    expect(r.statusCode, r.body).toBe(400);
    expect(r.json()).toMatchObject({ code: 'file_metadata_kept' });
    expect(r.json().message).toMatch(/\S/);
    expect(await counts()).toEqual(before);
    // The next complaint gets the next reference: no number was used up by the refused one.
    const next = await filed(t, w, { what: 'Zonder bestand.' });
    expect(Number(next.reference.slice(-4))).toBe(lastBefore + 1);
  });
});
