import { crc32, inflateRawSync } from 'node:zlib';
import { zipSync, type Zippable } from 'fflate';
import { PDFArray, PDFDict, PDFDocument, PDFInvalidObject, PDFName, PDFRef, PDFStream, type PDFObject } from 'pdf-lib';
import { AppError } from '../errors.js';
import { ImageUnreadableError, stripImageMetadata } from './strip-metadata.js';

/**
 * Removes what a PDF or Office file says about who wrote it (author, last editor, company,
 * software, dates, XMP packets, thumbnails, photos' EXIF inside documents) before it is stored,
 * for channels whose senders must not be identified by their files (decision 0017).
 *
 * A file whose metadata cannot be removed with certainty (it does not parse, it is encrypted, it
 * uses a structure we do not rewrite) is refused with `file_metadata_kept` rather than stored
 * with its metadata: a reporter's anonymity outweighs one attachment, and the message tells them
 * what to do (save or print it again as PDF, or paste its text).
 */
export async function stripMetadata(buf: Buffer, mediaType: string): Promise<Buffer> {
  return stripImageMetadata(await stripDocumentMetadata(buf, mediaType), mediaType);
}

/** PDF and Office Open XML (docx, xlsx, pptx) only; any other media type is returned unchanged. */
export async function stripDocumentMetadata(buf: Buffer, mediaType: string): Promise<Buffer> {
  const type = mediaType.split(';')[0].trim().toLowerCase();
  if (type === 'application/pdf') return stripPdf(buf);
  if (OOXML_TYPES.has(type)) return stripOoxml(buf);
  return buf;
}

/** 400 `file_metadata_kept` on the field `file`: the file would keep metadata, so it is not taken. `reason` is for logs and tests, never sent. */
export class MetadataKeptError extends AppError {
  constructor(readonly reason: string) {
    super('file_metadata_kept', 400, {}, 'file');
  }
}
const kept = (reason: string) => new MetadataKeptError(reason);

// PDF ---------------------------------------------------------------------------------------------

/** Keys that hold metadata wherever they appear: XMP packets (catalog, pages, images, fonts), applications' private data, a page's last change. */
const PDF_DROP_KEYS = ['Metadata', 'PieceInfo', 'LastModified'].map((k) => PDFName.of(k));
/** Markup annotations (comments, highlights, stamps…): their author (`/T`) and dates are dropped; widgets keep `/T`, a form field's name. */
const MARKUP = new Set(['Text', 'FreeText', 'Line', 'Square', 'Circle', 'Polygon', 'PolyLine', 'Highlight', 'Underline', 'Squiggly', 'StrikeOut', 'Stamp', 'Caret', 'Ink', 'FileAttachment', 'Sound', 'Redact', 'Popup']);
const ANNOT_DROP_KEYS = ['T', 'M', 'CreationDate'].map((k) => PDFName.of(k));
const SUBTYPE = PDFName.of('Subtype');

/**
 * Parses the PDF (pdf-lib), drops the trailer's Info dictionary (Title, Author, Subject, Keywords,
 * Creator, Producer, dates) and file identifier, every `/Metadata`, `/PieceInfo` and
 * `/LastModified`, the author and dates of markup annotations, and then every object no longer
 * reachable from the catalog (older revisions of an incrementally saved file, the dropped Info
 * and XMP streams, object and cross-reference streams), and writes the file anew. Content
 * streams, fonts and images are copied as they are, never decoded.
 */
async function stripPdf(buf: Buffer): Promise<Buffer> {
  let doc: PDFDocument;
  try {
    // Loaded even when encrypted, to be refused by name below (pdf-lib's error classes do not survive `instanceof`).
    doc = await PDFDocument.load(buf, { updateMetadata: false, throwOnInvalidObject: false, ignoreEncryption: true });
  } catch (e) {
    throw kept(`unparsable: ${(e as Error).message}`);
  }
  // Encrypted strings and streams cannot be read or rewritten without the password.
  if (doc.isEncrypted) throw kept('encrypted');
  const ctx = doc.context;
  ctx.trailerInfo.Info = undefined;
  ctx.trailerInfo.ID = undefined;
  const root = ctx.trailerInfo.Root;
  if (!(root instanceof PDFRef)) throw kept('no catalog');

  const reachable = new Set<PDFRef>();
  const stack: PDFObject[] = [root];
  while (stack.length) {
    const o = stack.pop()!;
    if (o instanceof PDFRef) {
      if (reachable.has(o)) continue;
      reachable.add(o);
      const target = ctx.lookup(o);
      if (target) stack.push(target);
    } else if (o instanceof PDFInvalidObject) {
      // Bytes pdf-lib could not read would be written back unseen: they might hold anything.
      throw kept('invalid object');
    } else if (o instanceof PDFStream) {
      stack.push(o.dict);
    } else if (o instanceof PDFDict) {
      for (const k of PDF_DROP_KEYS) o.delete(k);
      const sub = o.get(SUBTYPE);
      if (sub instanceof PDFName && MARKUP.has(sub.decodeText())) for (const k of ANNOT_DROP_KEYS) o.delete(k);
      for (const [, v] of o.entries()) stack.push(v);
    } else if (o instanceof PDFArray) {
      for (const v of o.asArray()) stack.push(v);
    }
  }
  // pdf-lib writes every object of its context: those not reached (PDFRef instances are interned, so identity holds) go.
  for (const [ref] of ctx.enumerateIndirectObjects()) if (!reachable.has(ref)) ctx.delete(ref);
  try {
    return Buffer.from(await doc.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false }));
  } catch (e) {
    throw kept(`unwritable: ${(e as Error).message}`);
  }
}

// Office Open XML -------------------------------------------------------------------------------

const OOXML_TYPES = new Set([
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
]);
/** Unpacked size allowed for one document (a zip bomb is refused before it fills memory). */
const OOXML_MAX_UNPACKED = 200 * 1024 * 1024;
const OOXML_MAX_ENTRIES = 10_000;
/** One fixed date for every entry: the zip's own timestamps would say when the file was last saved. */
const ZIP_TIME = new Date(1980, 0, 1, 0, 0, 0);

/** The package's document properties: core (creator, last editor, dates, revision), extended (company, manager, template, editing time), custom, and the first page's thumbnail. */
const isDocProps = (name: string) => /^docprops\//i.test(name);
/** Relationship types that point at document properties (ECMA-376 part 2, 15.2; also the strict namespace). */
const PROPERTY_RELATIONSHIP = /\/(core-properties|extended-properties|custom-properties|metadata\/thumbnail)"/;

interface ZipEntry { name: string; data: Buffer }

/**
 * Reads the package, drops `docProps/` (core.xml, app.xml, custom.xml, thumbnails) with their
 * relationships and content-type overrides, a Word file's attached template (its path names the
 * author's profile folder) and Excel's saved folder path (`x15ac:absPath`), removes the metadata
 * of JPEG and PNG pictures inside (`*\/media/`), and writes a new zip without the original's
 * timestamps, extra fields and comments.
 */
function stripOoxml(buf: Buffer): Buffer {
  const entries = readZip(buf);
  const out: Zippable = {};
  for (const e of entries) {
    if (isDocProps(e.name)) continue;
    let data = e.data;
    if (e.name === '[Content_Types].xml') data = Buffer.from(data.toString('utf8').replace(/<Override\b[^>]*?PartName="\/docProps\/[^"]*"[^>]*?(?:\/>|>\s*<\/Override>)/gi, ''), 'utf8');
    else if (e.name === '_rels/.rels') {
      data = Buffer.from(data.toString('utf8').replace(/<Relationship\b[^>]*?(?:\/>|>\s*<\/Relationship>)/g,
        (rel) => (PROPERTY_RELATIONSHIP.test(rel) || /Target="\/?docProps\//i.test(rel) ? '' : rel)), 'utf8');
    } else if (/^word\/_rels\/settings\.xml\.rels$/i.test(e.name)) {
      // The attached template's path names the author's profile folder (file:///C:/Users/<name>/…/Normal.dotm).
      data = Buffer.from(data.toString('utf8').replace(/<Relationship\b[^>]*?(?:\/>|>\s*<\/Relationship>)/g, (rel) => (/\/attachedTemplate"/.test(rel) ? '' : rel)), 'utf8');
    } else if (/^word\/settings\.xml$/i.test(e.name)) {
      data = Buffer.from(data.toString('utf8').replace(/<w:attachedTemplate\b[^>]*?(?:\/>|>\s*<\/w:attachedTemplate>)/g, ''), 'utf8');
    } else if (/^xl\/workbook\.xml$/i.test(e.name)) {
      // Excel keeps the folder it last saved to (C:\Users\<name>\…) in an x15ac:absPath element.
      data = Buffer.from(data.toString('utf8')
        .replace(/<mc:AlternateContent\b[^>]*>\s*<mc:Choice\b[^>]*>\s*<x15ac:absPath\b[^>]*?(?:\/>|>\s*<\/x15ac:absPath>)\s*<\/mc:Choice>\s*<\/mc:AlternateContent>/g, '')
        .replace(/<x15ac:absPath\b[^>]*?(?:\/>|>\s*<\/x15ac:absPath>)/g, ''), 'utf8');
    } else if (/(^|\/)media\/[^/]+\.(jpe?g|png)$/i.test(e.name)) {
      try {
        data = stripImageMetadata(data, /\.png$/i.test(e.name) ? 'image/png' : 'image/jpeg');
      } catch (err) {
        if (err instanceof ImageUnreadableError) throw kept(`picture ${e.name}: ${err.reason}`);
        throw err;
      }
    }
    out[e.name] = [new Uint8Array(data.buffer, data.byteOffset, data.length), { level: 6, mtime: ZIP_TIME }];
  }
  if (!entries.some((e) => e.name === '[Content_Types].xml')) throw kept('no [Content_Types].xml');
  return Buffer.from(zipSync(out));
}

/**
 * The entries of a zip, from its central directory, each inflated and checked against its CRC.
 * Refused: ZIP64, encrypted entries, methods other than stored and deflate, duplicate names,
 * entries that overlap the directory or the end, more than the size allowed once unpacked.
 */
function readZip(b: Buffer): ZipEntry[] {
  const eocd = b.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]), b.length - 22);
  if (eocd < 0 || b.length - eocd > 22 + 0xffff) throw kept('no end of central directory');
  const count = b.readUInt16LE(eocd + 10);
  const cdSize = b.readUInt32LE(eocd + 12);
  const cdOffset = b.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) throw kept('zip64');
  if (count > OOXML_MAX_ENTRIES || cdOffset + cdSize > eocd) throw kept('central directory out of bounds');
  const names = new Set<string>();
  const entries: ZipEntry[] = [];
  let unpacked = 0;
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > eocd || b.readUInt32LE(p) !== 0x02014b50) throw kept(`central entry ${i}`);
    const flags = b.readUInt16LE(p + 8);
    const method = b.readUInt16LE(p + 10);
    const crc = b.readUInt32LE(p + 16);
    const csize = b.readUInt32LE(p + 20);
    const usize = b.readUInt32LE(p + 24);
    const nameLen = b.readUInt16LE(p + 28);
    const next = p + 46 + nameLen + b.readUInt16LE(p + 30) + b.readUInt16LE(p + 32);
    const local = b.readUInt32LE(p + 42);
    if (next > eocd) throw kept(`central entry ${i} too long`);
    const name = b.toString(flags & 0x800 ? 'utf8' : 'latin1', p + 46, p + 46 + nameLen);
    p = next;
    if (flags & 0x1) throw kept('encrypted entry');
    if (names.has(name)) throw kept(`duplicate entry ${name}`);
    names.add(name);
    if (csize === 0xffffffff || usize === 0xffffffff) throw kept('zip64 entry');
    unpacked += usize;
    if (unpacked > OOXML_MAX_UNPACKED) throw kept('too large once unpacked');
    if (local + 30 > cdOffset || b.readUInt32LE(local) !== 0x04034b50) throw kept(`local header of ${name}`);
    const start = local + 30 + b.readUInt16LE(local + 26) + b.readUInt16LE(local + 28);
    if (start + csize > cdOffset) throw kept(`data of ${name} out of bounds`);
    const raw = b.subarray(start, start + csize);
    let data: Buffer;
    if (method === 0) data = raw;
    else if (method === 8) {
      try {
        data = usize === 0 ? Buffer.alloc(0) : inflateRawSync(raw, { maxOutputLength: usize });
      } catch {
        throw kept(`inflate ${name}`);
      }
    } else throw kept(`method ${method}`);
    if (data.length !== usize || crc32(data) !== crc) throw kept(`crc of ${name}`);
    if (!name.endsWith('/')) entries.push({ name, data });
  }
  return entries;
}
