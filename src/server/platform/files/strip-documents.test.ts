import { randomBytes } from 'node:crypto';
import { Document, ImageRun, Packer, Paragraph, patchDocument, TextRun } from 'docx';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFString, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { translate } from '../i18n/index.js';
import { fileMessages } from './messages.js';
import { MetadataKeptError, stripMetadata } from './strip-documents.js';

const marker = `MELDER-AUTEUR-${randomBytes(4).toString('hex')}`;
const has = (b: Uint8Array, s: string) => Buffer.from(b).includes(Buffer.from(s, 'latin1'));
/** A PDF text string as pdf-lib's setters write it (UTF-16BE in hex). */
const hexOf = (s: string) => PDFHexString.fromText(s).asString().toUpperCase();
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const reasonOf = async (p: Promise<unknown>) => p.then(() => 'accepted', (e) => (e instanceof MetadataKeptError ? `${e.status} ${e.code}` : String(e)));

// A 16×16 baseline JPEG (cjpeg) with a comment segment naming the marker, as a photo inside a document.
const JPEG = Buffer.from('/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAA0JCgsKCA0LCgsODg0PEyAVExISEyccHhcgLikxMC4pLSwzOko+MzZGNywtQFdBRkxOUlNSMj5aYVpQYEpRUk//2wBDAQ4ODhMREyYVFSZPNS01T09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT0//wAARCAAQABADASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAABQb/xAAhEAABBAEDBQAAAAAAAAAAAAABAAQFMQIRIYEDEiJhcf/EABUBAQEAAAAAAAAAAAAAAAAAAAEC/8QAGhEBAAIDAQAAAAAAAAAAAAAAAQACBAUhEf/aAAwDAQACEQMRAD8AlGMUCASNk01i8dtOmObPCXZR3hgO33VlMtY7W6+KHIoUAOx1eyfTs//Z', 'base64');
const comment = Buffer.from(`camera of ${marker}`, 'latin1');
const JPEG_WITH_COMMENT = Buffer.concat([JPEG.subarray(0, 20), Buffer.from([0xff, 0xfe, 0, comment.length + 2]), comment, JPEG.subarray(20)]);

/**
 * A PDF as an office suite writes it: Info (author, creator, producer, dates, as literal strings
 * and as pdf-lib's hex), an XMP packet on the catalog and on the page, a page's LastModified, a
 * comment annotation signed by its author, and an orphan object such as an earlier revision's Info.
 */
async function pdfWithAuthor(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.setAuthor(marker);
  doc.setCreator(`Writer (${marker})`);
  doc.setProducer('LibreOffice 24.2');
  doc.setCreationDate(new Date('2026-03-04T10:11:12Z'));
  const page = doc.addPage([595, 842]);
  page.drawText('Inhoud van de melding', { x: 50, y: 780, size: 12, font: await doc.embedFont(StandardFonts.Helvetica) });
  const ctx = doc.context;
  const info = ctx.lookup(ctx.trailerInfo.Info, PDFDict);
  info.set(PDFName.of('Company'), PDFString.of(marker));
  const xmp = `<?xpacket begin=""?><x:xmpmeta xmlns:x="adobe:ns:meta/"><dc:creator>${marker}</dc:creator></x:xmpmeta><?xpacket end="w"?>`;
  doc.catalog.set(PDFName.of('Metadata'), ctx.register(ctx.stream(xmp, { Type: 'Metadata', Subtype: 'XML' })));
  page.node.set(PDFName.of('Metadata'), ctx.register(ctx.stream(xmp, { Type: 'Metadata', Subtype: 'XML' })));
  page.node.set(PDFName.of('LastModified'), PDFString.of('D:20260304101112Z'));
  page.node.set(PDFName.of('PieceInfo'), ctx.obj({ Writer: { Private: PDFString.of(marker) } }));
  const note = ctx.register(ctx.obj({ Type: 'Annot', Subtype: 'Text', Rect: [10, 10, 30, 30], T: PDFString.of(marker), Contents: PDFString.of('Zie pagina 2'), M: PDFString.of('D:20260304') }));
  page.node.set(PDFName.of('Annots'), ctx.obj([note]));
  ctx.register(ctx.obj({ Author: PDFString.of(`old revision ${marker}`) }));
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

describe('PDF', () => {
  it('the Info dictionary, XMP packets, private data, comment authors and orphan objects are gone; the pages and text stay', async () => {
    const original = await pdfWithAuthor();
    expect(has(original, marker)).toBe(true);
    expect((await PDFDocument.load(original, { updateMetadata: false })).getAuthor()).toBe(marker);

    const clean = await stripMetadata(original, 'application/pdf');
    expect(has(clean, marker)).toBe(false);
    expect(has(clean, hexOf(marker))).toBe(false);
    expect(has(clean, 'LibreOffice')).toBe(false);
    for (const key of ['/Info', '/Metadata', '/PieceInfo', '/LastModified', '/ID', '/Author', '/Producer', '/CreationDate']) expect(has(clean, key), key).toBe(false);

    const reread = await PDFDocument.load(clean, { updateMetadata: false });
    expect(reread.getAuthor()).toBeUndefined();
    expect(reread.getProducer()).toBeUndefined();
    expect(reread.getPageCount()).toBe(1);
    expect(reread.getPage(0).getSize()).toEqual({ width: 595, height: 842 });
    // The comment stays, without its author; the text's content stream and font are still there.
    expect(has(clean, 'Zie pagina 2')).toBe(true);
    expect(has(clean, '/Helvetica')).toBe(true);
    expect(reread.getPage(0).node.Contents()).toBeDefined();
    // Saved with object streams (as PDF 1.5+ writers do, metadata compressed inside): the same.
    const doc = await PDFDocument.load(original, { updateMetadata: false });
    const packed = Buffer.from(await doc.save({ useObjectStreams: true }));
    expect((await PDFDocument.load(packed, { updateMetadata: false })).getAuthor()).toBe(marker);
    const unpacked = await PDFDocument.load(await stripMetadata(packed, 'application/pdf'), { updateMetadata: false });
    expect([unpacked.getAuthor(), unpacked.getCreator(), unpacked.getPageCount()]).toEqual([undefined, undefined, 1]);
    expect(has(await stripMetadata(packed, 'application/pdf'), marker)).toBe(false);
    // Stripping again changes nothing more.
    expect(has(await stripMetadata(clean, 'application/pdf'), marker)).toBe(false);
  });

  it('a scan as written by hand (no Info) keeps its image bytes', async () => {
    const pixels = randomBytes(4096);
    const parts: Buffer[] = [Buffer.from('%PDF-1.4\n', 'latin1')];
    const offsets: number[] = [];
    let at = parts[0].length;
    const obj = (n: number, body: Buffer) => {
      offsets[n] = at;
      const b = Buffer.concat([Buffer.from(`${n} 0 obj\n`), body, Buffer.from('\nendobj\n')]);
      parts.push(b);
      at += b.length;
    };
    obj(1, Buffer.from('<< /Type /Catalog /Pages 2 0 R >>'));
    obj(2, Buffer.from('<< /Type /Pages /Kids [3 0 R] /Count 1 >>'));
    obj(3, Buffer.from('<< /Type /Page /Parent 2 0 R /MediaBox [0 0 64 64] /Resources << /XObject << /Im1 4 0 R >> >> >>'));
    obj(4, Buffer.concat([Buffer.from(`<< /Type /XObject /Subtype /Image /Width 64 /Height 64 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length ${pixels.length} >>\nstream\n`), pixels, Buffer.from('\nendstream')]));
    obj(5, Buffer.from(`<< /Producer (Scanner of ${marker}) >>`));
    const xref = `xref\n0 6\n0000000000 65535 f \n${[1, 2, 3, 4, 5].map((n) => `${String(offsets[n]).padStart(10, '0')} 00000 n \n`).join('')}`;
    parts.push(Buffer.from(`${xref}trailer\n<< /Size 6 /Root 1 0 R /Info 5 0 R >>\nstartxref\n${at}\n%%EOF\n`));
    const clean = await stripMetadata(Buffer.concat(parts), 'application/pdf');
    expect(has(clean, marker)).toBe(false);
    expect(clean.includes(pixels)).toBe(true);
    expect((await PDFDocument.load(clean)).getPageCount()).toBe(1);
  });

  it('an encrypted or unreadable PDF is refused (400 file_metadata_kept), never kept with its metadata', async () => {
    const doc = await PDFDocument.create();
    doc.addPage();
    doc.setAuthor(marker);
    doc.context.trailerInfo.Encrypt = doc.context.obj({ Filter: 'Standard', V: PDFNumber.of(1), R: PDFNumber.of(2), P: PDFNumber.of(-4) });
    const encrypted = Buffer.from(await doc.save({ useObjectStreams: false }));
    expect(await reasonOf(stripMetadata(encrypted, 'application/pdf'))).toBe('400 file_metadata_kept');
    expect(await stripMetadata(encrypted, 'application/pdf').catch((e: MetadataKeptError) => e.reason)).toBe('encrypted');
    expect(await reasonOf(stripMetadata(Buffer.from(`%PDF-1.7\n/Author (${marker})\n`), 'application/pdf'))).toBe('400 file_metadata_kept');
    const truncated = (await pdfWithAuthor()).subarray(0, 300);
    expect(await reasonOf(stripMetadata(truncated, 'application/pdf'))).toBe('400 file_metadata_kept');
  });
});

describe('Office Open XML', () => {
  async function docxWithAuthor(): Promise<Buffer> {
    const doc = new Document({
      creator: marker, lastModifiedBy: marker, title: 'Verslag', description: `door ${marker}`,
      customProperties: [{ name: 'Afdeling', value: marker }],
      sections: [{ children: [
        new Paragraph({ children: [new TextRun('Inhoud blijft staan')] }),
        new Paragraph({ children: [new ImageRun({ type: 'jpg', data: JPEG_WITH_COMMENT, transformation: { width: 16, height: 16 } })] }),
      ] }],
    });
    return Packer.toBuffer(doc);
  }
  const entries = (b: Buffer) => unzipSync(new Uint8Array(b));
  const anyHas = (files: Record<string, Uint8Array>, s: string) => Object.keys(files).filter((n) => has(files[n], s));

  it('a DOCX loses docProps (core, app, custom) with their relationships, and its photos their comments; the text opens again', async () => {
    const original = await docxWithAuthor();
    const before = entries(original);
    expect(Object.keys(before)).toEqual(expect.arrayContaining(['docProps/core.xml', 'docProps/app.xml', 'docProps/custom.xml']));
    expect(anyHas(before, marker)).toEqual(expect.arrayContaining(['docProps/core.xml', 'docProps/custom.xml']));

    const clean = await stripMetadata(original, DOCX);
    const after = entries(clean);
    expect(Object.keys(after).filter((n) => n.startsWith('docProps/'))).toEqual([]);
    expect(anyHas(after, marker)).toEqual([]);
    const rels = Buffer.from(after['_rels/.rels']).toString('utf8');
    expect(rels).not.toMatch(/docProps|core-properties|extended-properties|custom-properties/);
    expect(rels).toMatch(/officeDocument/);
    expect(Buffer.from(after['[Content_Types].xml']).toString('utf8')).not.toMatch(/docProps/);
    expect(Buffer.from(after['word/document.xml']).toString('utf8')).toContain('Inhoud blijft staan');
    const media = Object.keys(after).filter((n) => n.startsWith('word/media/'));
    expect(media).toHaveLength(1);
    expect(Buffer.from(after[media[0]]).equals(JPEG)).toBe(true);

    // It opens: docx's own reader parses every part of the package again, and the result still has the text.
    const reopened = await patchDocument({ outputType: 'nodebuffer', data: clean, patches: {} });
    expect(Buffer.from(entries(reopened)['word/document.xml']).toString('utf8')).toContain('Inhoud blijft staan');
    // Our reader takes its own output (CRCs and sizes right); nothing more to remove.
    expect(anyHas(entries(await stripMetadata(clean, DOCX)), marker)).toEqual([]);
  });

  it('an XLSX loses the company and manager (app.xml) and the creator; the sheet stays; zip timestamps are all one fixed date', async () => {
    const original = Buffer.from(zipSync({
      '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>'),
      '_rels/.rels': strToU8('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>'),
      'xl/workbook.xml': strToU8(`<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><mc:Choice Requires="x15"><x15ac:absPath url="C:\\Users\\${marker}\\Documents\\" xmlns:x15ac="http://schemas.microsoft.com/office/spreadsheetml/2010/11/ac"/></mc:Choice></mc:AlternateContent><sheets><sheet name="Tankregister" sheetId="1"/></sheets></workbook>`),
      'docProps/core.xml': strToU8(`<cp:coreProperties xmlns:cp="x" xmlns:dc="y"><dc:creator>${marker}</dc:creator></cp:coreProperties>`),
      'docProps/app.xml': strToU8(`<Properties><Company>${marker}</Company><Manager>${marker}</Manager></Properties>`),
    }, { mtime: new Date(2026, 2, 4, 10, 11, 12) }));
    const clean = await stripMetadata(original, XLSX);
    const after = entries(clean);
    expect(Object.keys(after).sort()).toEqual(['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml']);
    expect(Buffer.from(after['xl/workbook.xml']).toString('utf8')).not.toMatch(/absPath|AlternateContent/);
    expect(anyHas(after, marker)).toEqual([]);
    expect(Buffer.from(after['xl/workbook.xml']).toString('utf8')).toContain('Tankregister');
    // Each local header's modification time and date (DOS format) is 1980-01-01 00:00.
    for (let p = clean.indexOf('PK\x03\x04'); p >= 0; p = clean.indexOf('PK\x03\x04', p + 4)) {
      expect([clean.readUInt16LE(p + 10), clean.readUInt16LE(p + 12)]).toEqual([0, 0x21]);
    }
  });

  it('a Word file\'s attached template path (the author\'s profile folder) goes; its other settings stay', async () => {
    const files = entries(await docxWithAuthor());
    files['word/settings.xml'] = strToU8('<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="r"><w:zoom w:percent="100"/><w:attachedTemplate r:id="rId1"/></w:settings>');
    files['word/_rels/settings.xml.rels'] = strToU8(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate" Target="file:///C:/Users/${marker}/AppData/Roaming/Microsoft/Templates/Normal.dotm" TargetMode="External"/></Relationships>`);
    const after = entries(await stripMetadata(Buffer.from(zipSync(files)), DOCX));
    expect(anyHas(after, marker)).toEqual([]);
    expect(Buffer.from(after['word/settings.xml']).toString('utf8')).toBe('<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="r"><w:zoom w:percent="100"/></w:settings>');
  });

  it('a package that cannot be read with certainty is refused: not a zip, a size that lies, an encrypted entry, a zip bomb', async () => {
    const good = await docxWithAuthor();
    expect(await reasonOf(stripMetadata(Buffer.concat([Buffer.from('PK\x03\x04'), randomBytes(200)]), DOCX))).toBe('400 file_metadata_kept');
    const cd = good.lastIndexOf(Buffer.from('PK\x01\x02'));
    const lying = Buffer.from(good);
    lying.writeUInt32LE(lying.readUInt32LE(cd + 24) - 1, cd + 24);
    expect(await reasonOf(stripMetadata(lying, DOCX))).toBe('400 file_metadata_kept');
    const locked = Buffer.from(good);
    locked.writeUInt16LE(locked.readUInt16LE(cd + 8) | 1, cd + 8);
    expect(await reasonOf(stripMetadata(locked, DOCX))).toBe('400 file_metadata_kept');
    // A bomb declares its size honestly or not: declared, it is refused before anything is inflated; a lie is caught above.
    const bomb = Buffer.from(good);
    bomb.writeUInt32LE(250 * 1024 * 1024, cd + 24);
    await expect(stripMetadata(bomb, DOCX)).rejects.toMatchObject({ reason: 'too large once unpacked' });
  });

  it('the refusal says why and what to do', () => {
    const e = new MetadataKeptError('test');
    expect(e).toBeInstanceOf(AppError);
    expect([e.status, e.code, e.field]).toEqual([400, 'file_metadata_kept', 'file']);
    expect(translate('en', fileMessages.file_metadata_kept)).toBe(fileMessages.file_metadata_kept.message);
  });
});
