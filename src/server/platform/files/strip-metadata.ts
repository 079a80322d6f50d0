import { AppError } from '../errors.js';

/**
 * Removes what a photo says about the person who took or sent it (camera, owner, GPS position,
 * time, editing software, comments, thumbnails of the uncropped picture) before it is stored, for
 * channels whose senders must not be identified by their files (anonymous reports, complaints).
 *
 * Lossless: segments and chunks are dropped or copied byte for byte, pixels are never decoded or
 * re-encoded. Hand-written because no npm package does this for both JPEG and PNG without native
 * code: piexifjs handles only JPEG EXIF, exif-be-gone searches the bytes for an APP1 pattern (it
 * can cut into scan data) and keeps COM, ICC and text chunks, sharp/ImageMagick re-encode.
 *
 * Only JPEG and PNG are cleaned here; any other media type is returned unchanged. PDF and Office
 * files: `stripDocumentMetadata` (strip-documents.ts), which also cleans the pictures inside them.
 */
export function stripImageMetadata(buf: Buffer, mediaType: string): Buffer {
  switch (mediaType.split(';')[0].trim().toLowerCase()) {
    case 'image/jpeg': return stripJpeg(buf);
    case 'image/png': return stripPng(buf);
    default: return buf;
  }
}

/**
 * The image does not have the structure of its type (no signature, a truncated or overlong
 * segment, no end): a 400 `file_unreadable` on the field `file`. `reason` is for logs and tests,
 * never sent.
 */
export class ImageUnreadableError extends AppError {
  constructor(readonly reason: string) {
    super('file_unreadable', 400, {}, 'file');
  }
}

const unreadable = (reason: string) => new ImageUnreadableError(reason);

// JPEG markers (ITU T.81, B.1.1.3): standalone markers have no length field.
const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const APP0 = 0xe0;
const APP14 = 0xee;
const COM = 0xfe;
const standalone = (m: number) => m === 0x01 || (m >= 0xd0 && m <= 0xd7); // TEM, RST0..7

/**
 * Keeps APP0 only as plain JFIF (its optional thumbnail removed; JFXX thumbnails and other APP0
 * go) and APP14 only as the 12-byte Adobe colour-transform flag (decoders need it to read RGB and
 * CMYK files right; it says nothing about anyone). Drops every other APPn (EXIF and XMP in APP1,
 * ICC in APP2 — colours may shift slightly —, IPTC in APP13, maker data) and COM. Everything
 * else, and the scan data, is copied as it is. Anything after EOI (phone trailers, motion-photo
 * videos, extra MPF images with their own EXIF) is dropped.
 */
function stripJpeg(b: Buffer): Buffer {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== SOI) throw unreadable('no JPEG signature');
  const out: Buffer[] = [b.subarray(0, 2)];
  let changed = false;
  let scans = 0;
  let p = 2;
  for (;;) {
    const start = p;
    if (p >= b.length) throw unreadable('no EOI');
    if (b[p] !== 0xff) throw unreadable(`no marker at ${p}`);
    while (p < b.length && b[p] === 0xff) p++; // fill bytes may precede a marker
    if (p >= b.length) throw unreadable('no EOI');
    const marker = b[p++];
    if (marker === EOI) {
      if (scans === 0) throw unreadable('no scan');
      out.push(b.subarray(start, p));
      if (p < b.length) changed = true;
      break;
    }
    if (marker === 0x00 || marker === SOI) throw unreadable(`marker ${marker} at ${p - 1}`);
    if (standalone(marker)) {
      out.push(b.subarray(start, p));
      continue;
    }
    if (p + 2 > b.length) throw unreadable('truncated segment length');
    const len = b.readUInt16BE(p); // counts itself, not the marker
    if (len < 2 || p + len > b.length) throw unreadable(`segment length ${len} at ${p}`);
    const payload = b.subarray(p + 2, p + len);
    let end = p + len;
    if (marker === SOS) {
      end = scanEnd(b, end);
      scans++;
    }
    const segment = b.subarray(start, end);
    const kept = keepJpegSegment(marker, payload, segment);
    if (kept) out.push(kept);
    if (kept !== segment) changed = true;
    p = end;
  }
  return changed ? Buffer.concat(out) : b;
}

/** Where the entropy-coded data after an SOS header ends: the next marker other than a stuffed 0xFF00 or RSTn. */
function scanEnd(b: Buffer, from: number): number {
  let i = from;
  for (;;) {
    const ff = b.indexOf(0xff, i);
    if (ff < 0 || ff + 1 >= b.length) throw unreadable('scan data without end');
    const next = b[ff + 1];
    if (next === 0x00 || (next >= 0xd0 && next <= 0xd7)) i = ff + 2;
    else if (next === 0xff) i = ff + 1;
    else return ff;
  }
}

const JFIF = Buffer.from('JFIF\0', 'latin1');
const ADOBE = Buffer.from('Adobe', 'latin1');

function keepJpegSegment(marker: number, payload: Buffer, segment: Buffer): Buffer | null {
  if (marker === APP0) {
    // JFIF: identifier, version, units, densities (12 bytes), then thumbnail width, height and pixels.
    if (payload.length < 14 || !payload.subarray(0, 5).equals(JFIF)) return null;
    if (payload.length === 14 && payload[12] === 0 && payload[13] === 0) return segment;
    return Buffer.concat([Buffer.from([0xff, APP0, 0x00, 0x10]), payload.subarray(0, 12), Buffer.from([0, 0])]);
  }
  if (marker === APP14) return payload.length === 12 && payload.subarray(0, 5).equals(ADOBE) ? segment : null;
  if ((marker > APP0 && marker <= 0xef) || marker === COM) return null;
  return segment;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/**
 * Ancillary chunks that only tell how to show the pixels or animate them. Every other ancillary
 * chunk is dropped, the text and time ones named in the PNG spec (tEXt, zTXt, iTXt, eXIf, tIME)
 * as well as private ones (editors' and phones' own) and iCCP and sPLT, which carry names: a
 * decoder may skip any ancillary chunk by definition, so dropping never breaks the image.
 * Critical chunks (IHDR, PLTE, IDAT, IEND, unknown critical ones) are always kept.
 */
const PNG_KEEP = new Set(['tRNS', 'gAMA', 'cHRM', 'sRGB', 'sBIT', 'bKGD', 'hIST', 'pHYs', 'cICP', 'mDCV', 'cLLI', 'acTL', 'fcTL', 'fdAT']);
const PNG_MAX_LENGTH = 0x7fffffff; // PNG spec 5.3

/**
 * Walks the chunks (length, type, data, CRC), requires IHDR first and IEND, keeps the chunks
 * above byte for byte and drops anything after IEND. CRCs must be there but are not checked:
 * kept chunks are copied unchanged, so a decoder judges them as it would have before.
 */
function stripPng(b: Buffer): Buffer {
  if (b.length < PNG_SIGNATURE.length || !b.subarray(0, 8).equals(PNG_SIGNATURE)) throw unreadable('no PNG signature');
  const out: Buffer[] = [b.subarray(0, 8)];
  let changed = false;
  let p = 8;
  for (;;) {
    if (p + 8 > b.length) throw unreadable('no IEND');
    const len = b.readUInt32BE(p);
    const type = b.toString('latin1', p + 4, p + 8);
    if (len > PNG_MAX_LENGTH) throw unreadable(`chunk length ${len} at ${p}`);
    if (!/^[A-Za-z]{4}$/.test(type)) throw unreadable(`chunk type at ${p + 4}`);
    if (p === 8 && type !== 'IHDR') throw unreadable('IHDR not first');
    const end = p + 12 + len; // at most 2^31 + 12 past p: no overflow in a JS number
    if (end > b.length) throw unreadable(`chunk ${type} of ${len} bytes past the end`);
    const critical = (b[p + 4] & 0x20) === 0;
    if (critical || PNG_KEEP.has(type)) out.push(b.subarray(p, end));
    else changed = true;
    p = end;
    if (type === 'IEND') break;
  }
  if (p < b.length) changed = true;
  return changed ? Buffer.concat(out) : b;
}
