import { Document, Packer, Paragraph, TextRun } from 'docx';
import { unzipSync } from 'fflate';
import { PDFDict, PDFDocument, PDFName, PDFNumber, PDFString } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ownerQuery, type TestApp } from '../../../test/app.js';
import { api, filed, filePart, fileReport, openChannel, readReport, reportingWorld, type ReportingWorld } from './reporting.testkit.js';

/**
 * Attachments of a report lose what PDF and Office files say about their author before they are
 * encrypted: the recipient downloads a file that still opens, without the name. A file whose
 * metadata cannot be removed is refused with a translated explanation, and nothing is stored.
 */
let t: TestApp;
let w: ReportingWorld;
const AUTHOR = `Inspecteur-${process.pid}-Janssens`;
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
beforeAll(async () => {
  t = await createTestApp();
  w = await reportingWorld(t);
  await openChannel(w);
});
afterAll(async () => { await t.close(); });

async function pdfBy(author: string, opts: { encrypted?: boolean } = {}): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.addPage([595, 842]);
  doc.setAuthor(author);
  const info = doc.context.lookup(doc.context.trailerInfo.Info, PDFDict);
  info.set(PDFName.of('Creator'), PDFString.of(`Word for ${author}`));
  if (opts.encrypted) doc.context.trailerInfo.Encrypt = doc.context.obj({ Filter: 'Standard', V: PDFNumber.of(1), R: PDFNumber.of(2), P: PDFNumber.of(-4) });
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

describe('document attachments of a report', () => {
  it('a PDF and a DOCX carrying the author\'s name reach the recipient without it, and still open', async () => {
    const pdf = await pdfBy(AUTHOR);
    const docx = await Packer.toBuffer(new Document({ creator: AUTHOR, lastModifiedBy: AUTHOR, sections: [{ children: [new Paragraph({ children: [new TextRun('Tankregister maart')] })] }] }));
    expect(pdf.includes(Buffer.from(AUTHOR))).toBe(true);
    const { id } = await filed(t, w, {}, [filePart('scan.pdf', 'application/pdf', pdf), filePart('verslag.docx', DOCX, docx)]);
    const v = await readReport(w.s.officer, w, id);
    const byName = Object.fromEntries(v.files.map((f) => [f.name, f]));

    const gotPdf = await w.s.officer.get(api(w, `/reports/${id}/files/${byName['scan.pdf'].id}`));
    expect(gotPdf.statusCode).toBe(200);
    expect(gotPdf.rawPayload.includes(Buffer.from(AUTHOR))).toBe(false);
    const reread = await PDFDocument.load(gotPdf.rawPayload, { updateMetadata: false });
    expect([reread.getAuthor(), reread.getCreator(), reread.getPageCount()]).toEqual([undefined, undefined, 1]);
    expect(byName['scan.pdf'].size).toBe(gotPdf.rawPayload.length);

    const gotDocx = await w.s.officer.get(api(w, `/reports/${id}/files/${byName['verslag.docx'].id}`));
    expect(gotDocx.statusCode).toBe(200);
    const parts = unzipSync(new Uint8Array(gotDocx.rawPayload));
    expect(Object.keys(parts).filter((n) => n.startsWith('docProps/'))).toEqual([]);
    expect(Object.values(parts).some((p) => Buffer.from(p).includes(Buffer.from(AUTHOR)))).toBe(false);
    expect(Buffer.from(parts['word/document.xml']).toString('utf8')).toContain('Tankregister maart');
  });

  it('an encrypted PDF is refused (400 file_metadata_kept on the file field), and no report is stored', async () => {
    const before = await ownerQuery<{ n: number }>(t, `SELECT count(*)::int AS n FROM report WHERE organisation_id = $1`, [w.org]);
    const r = await fileReport(t, w, { language: 'fr' }, [filePart('beveiligd.pdf', 'application/pdf', await pdfBy(AUTHOR, { encrypted: true }))]);
    expect(r.statusCode, r.body).toBe(400);
    expect(r.json()).toMatchObject({ code: 'file_metadata_kept' });
    expect(JSON.stringify(r.json())).toContain('file');
    const after = await ownerQuery<{ n: number }>(t, `SELECT count(*)::int AS n FROM report WHERE organisation_id = $1`, [w.org]);
    expect(after[0].n).toBe(before[0].n);
  });
});
