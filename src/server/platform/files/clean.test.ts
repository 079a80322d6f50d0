import { createHash, randomBytes } from 'node:crypto';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import { unzipSync } from 'fflate';
import { PDFDocument, PDFNumber } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { cleanUploads } from './clean.js';
import type { FilePolicy } from './accept.js';

const AUTHOR = `AUTEUR-${randomBytes(4).toString('hex')}`;
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const POLICY: FilePolicy = { maxBytes: 1024 * 1024, types: ['pdf', 'docx', 'png', 'txt'] };
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const codeOf = (p: Promise<unknown>) => p.then(() => 'accepted', (e) => (e instanceof AppError ? `${e.status} ${e.code}` : String(e)));

async function pdfBy(author: string, encrypted = false): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.addPage([595, 842]);
  doc.setAuthor(author);
  if (encrypted) doc.context.trailerInfo.Encrypt = doc.context.obj({ Filter: 'Standard', V: PDFNumber.of(1), R: PDFNumber.of(2), P: PDFNumber.of(-4) });
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

describe('cleanUploads: the policy, then metadata of pictures and documents, then the digest', () => {
  it('a PDF and a DOCX lose their author; the digest and size are those of the cleaned bytes; a text file is kept as is', async () => {
    const pdf = await pdfBy(AUTHOR);
    const docx = await Packer.toBuffer(new Document({ creator: AUTHOR, sections: [{ children: [new Paragraph({ children: [new TextRun('Verslag')] })] }] }));
    const txt = Buffer.from(`Notitie van ${AUTHOR}`);
    const [p, d, x] = await cleanUploads([
      { filename: 'scan.pdf', mimetype: 'application/pdf', data: pdf },
      { filename: 'dir/verslag.docx', mimetype: DOCX, data: docx },
      { filename: 'notitie.txt', mimetype: 'text/plain', data: txt },
    ], POLICY, { maxFiles: 5 });
    expect(p.data.includes(Buffer.from(AUTHOR))).toBe(false);
    expect((await PDFDocument.load(p.data, { updateMetadata: false })).getAuthor()).toBeUndefined();
    expect([p.name, p.mediaType, p.size, p.sha256]).toEqual(['scan.pdf', 'application/pdf', p.data.length, sha(p.data)]);
    const parts = unzipSync(new Uint8Array(d.data));
    expect(Object.keys(parts).some((n) => n.startsWith('docProps/'))).toBe(false);
    expect(d.name).toBe('verslag.docx');
    expect(d.sha256).toBe(sha(d.data));
    // Text has no metadata to remove: what the person wrote is theirs to keep.
    expect([x.data.equals(txt), x.sha256]).toEqual([true, sha(txt)]);
  });

  it('refuses too many files, a file against the policy and a document that cannot be cleaned, with the file service\'s codes', async () => {
    const one = { filename: 'a.txt', mimetype: 'text/plain', data: Buffer.from('a') };
    expect(await codeOf(cleanUploads([one, one, one], POLICY, { maxFiles: 2 }))).toBe('413 multipart_too_many_files');
    expect(await codeOf(cleanUploads([one, { filename: 'run.exe', mimetype: 'application/octet-stream', data: Buffer.from('MZ') }], POLICY, { maxFiles: 5 }))).toBe('415 file_type');
    expect(await codeOf(cleanUploads([one, { filename: 'x.pdf', mimetype: 'application/pdf', data: await pdfBy(AUTHOR, true) }], POLICY, { maxFiles: 5 }))).toBe('400 file_metadata_kept');
    expect(await codeOf(cleanUploads([{ filename: 'x.png', mimetype: 'image/png', data: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]) }], POLICY, { maxFiles: 5 }))).toBe('400 file_unreadable');
  });
});
