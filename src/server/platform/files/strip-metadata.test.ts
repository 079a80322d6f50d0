import { randomBytes } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { translate } from '../i18n/index.js';
import { fileMessages } from './messages.js';
import { ImageUnreadableError, stripImageMetadata } from './strip-metadata.js';

const marker = `MELDER-SPOOR-${randomBytes(4).toString('hex')}`;
const has = (b: Buffer, s: string | Buffer) => b.includes(typeof s === 'string' ? Buffer.from(s, 'latin1') : s);

// 16×16 pictures made by libjpeg-turbo's cjpeg (no metadata but the JFIF APP0): a baseline one,
// and a progressive one with restart intervals (DRI, RSTn inside the scans, ten scans, DHT between them).
const BASELINE = Buffer.from('/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAA0JCgsKCA0LCgsODg0PEyAVExISEyccHhcgLikxMC4pLSwzOko+MzZGNywtQFdBRkxOUlNSMj5aYVpQYEpRUk//2wBDAQ4ODhMREyYVFSZPNS01T09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT0//wAARCAAQABADASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAABQb/xAAhEAABBAEDBQAAAAAAAAAAAAABAAQFMQIRIYEDEiJhcf/EABUBAQEAAAAAAAAAAAAAAAAAAAEC/8QAGhEBAAIDAQAAAAAAAAAAAAAAAQACBAUhEf/aAAwDAQACEQMRAD8AlGMUCASNk01i8dtOmObPCXZR3hgO33VlMtY7W6+KHIoUAOx1eyfTs//Z', 'base64');
const PROGRESSIVE = Buffer.from('/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAA0JCgsKCA0LCgsODg0PEyAVExISEyccHhcgLikxMC4pLSwzOko+MzZGNywtQFdBRkxOUlNSMj5aYVpQYEpRUk//2wBDAQ4ODhMREyYVFSZPNS01T09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT0//wgARCAAQABADASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAABAX/xAAVAQEBAAAAAAAAAAAAAAAAAAAAAv/dAAQAAf/aAAwDAQACEAMQAAABktYyX//EABYQAAMAAAAAAAAAAAAAAAAAAAACA//dAAQAAv/aAAgBAQABBQJJCyP/0EmLM//EABURAQEAAAAAAAAAAAAAAAAAAAQA/90ABAAB/9oACAEDAQE/ASpv/8QAFxEAAwEAAAAAAAAAAAAAAAAAAAERE//aAAgBAgEBPwHRQ//EABYQAQEBAAAAAAAAAAAAAAAAAAAQMf/dAAQAAv/aAAgBAQAGPwJj/9Cf/8QAFxAAAwEAAAAAAAAAAAAAAAAAAAEhEP/aAAgBAQABPyElD//Qgpl//90ABAAB/9oADAMBAAIAAwAAABDf/8QAFxEBAAMAAAAAAAAAAAAAAAAAAQARIf/aAAgBAwEBPxBLNn//xAAWEQEBAQAAAAAAAAAAAAAAAAABACH/2gAIAQIBAT8QRIG3/8QAGhAAAgIDAAAAAAAAAAAAAAAAATEAIRFxgf/dAAQAAv/aAAgBAQABPxAJAJFShgOs8n//0K/ZMzK1qf/Z', 'base64');

/** A JPEG segment: marker, big-endian length (counting itself), payload. */
const segment = (m: number, payload: Buffer | string) => {
  const p = typeof payload === 'string' ? Buffer.from(payload, 'latin1') : payload;
  const head = Buffer.from([0xff, m, 0, 0]);
  head.writeUInt16BE(p.length + 2, 2);
  return Buffer.concat([head, p]);
};

/**
 * A little-endian TIFF as cameras write it: IFD0 with Make and Artist (the marker) and a pointer
 * to a GPS IFD with latitude N 50°50'30.12" and longitude E 4°21'7.5".
 */
function tiff(): Buffer {
  const b = Buffer.alloc(202);
  b.write('II*\0', 0, 'latin1');
  b.writeUInt32LE(8, 4);
  const entry = (at: number, tag: number, type: number, count: number, value: number) => {
    b.writeUInt16LE(tag, at); b.writeUInt16LE(type, at + 2); b.writeUInt32LE(count, at + 4); b.writeUInt32LE(value, at + 8);
  };
  // IFD0 at 8: 3 entries, then the next-IFD offset 0; data from 50.
  b.writeUInt16LE(3, 8);
  entry(10, 0x010f, 2, 6, 50); // Make "Phone\0"
  entry(22, 0x013b, 2, marker.length + 1, 56); // Artist
  entry(34, 0x8825, 4, 1, 100); // GPSInfo IFD pointer
  b.write('Phone\0', 50, 'latin1');
  b.write(`${marker}\0`, 56, 'latin1');
  // GPS IFD at 100: 4 entries; rationals from 154.
  b.writeUInt16LE(4, 100);
  entry(102, 0x0001, 2, 2, 0x4e); // GPSLatitudeRef "N"
  entry(114, 0x0002, 5, 3, 154); // GPSLatitude
  entry(126, 0x0003, 2, 2, 0x45); // GPSLongitudeRef "E"
  entry(138, 0x0004, 5, 3, 178); // GPSLongitude
  [50, 1, 50, 1, 3012, 100, 4, 1, 21, 1, 75, 10].forEach((v, i) => b.writeUInt32LE(v, 154 + i * 4));
  return b;
}
const GPS_LATITUDE = Buffer.from([50, 0, 0, 0, 1, 0, 0, 0, 50, 0, 0, 0, 1, 0, 0, 0, 0xc4, 0x0b, 0, 0, 100, 0, 0, 0]);

const exifApp1 = () => segment(0xe1, Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff()]));
const xmpApp1 = () => segment(0xe1, `http://ns.adobe.com/xap/1.0/\0<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><rdf:Description dc:creator="${marker}" exif:GPSLatitude="50,50.502N"/></rdf:RDF></x:xmpmeta>`);
const iccApp2 = () => segment(0xe2, `ICC_PROFILE\0\x01\x01profile of ${marker}`);
const iptcApp13 = () => segment(0xed, `Photoshop 3.0\x008BIM\x04\x04 by-line ${marker}`);
const comment = () => segment(0xfe, `taken by ${marker}`);
const ADOBE = segment(0xee, Buffer.from([...Buffer.from('Adobe'), 0, 100, 0, 0, 0, 0, 1]));

/** The segments of a JPEG as [marker, bytes], the scan data counted with its SOS. */
function jpegSegments(b: Buffer): [number, Buffer][] {
  const out: [number, Buffer][] = [];
  let p = 2;
  while (p < b.length) {
    const m = b[p + 1];
    if (m === 0xd9) { out.push([m, b.subarray(p, p + 2)]); break; }
    let end = p + 2 + b.readUInt16BE(p + 2);
    if (m === 0xda) {
      while (!(b[end] === 0xff && b[end + 1] !== 0 && (b[end + 1] < 0xd0 || b[end + 1] > 0xd7))) end++;
    }
    out.push([m, b.subarray(p, end)]);
    p = end;
  }
  return out;
}

/** `jpeg` with `extra` inserted right after its APP0 (and `before` right before its first SOF), `trailer` after EOI. */
function withJpegMetadata(jpeg: Buffer, extra: Buffer[], before: Buffer[] = [], trailer = Buffer.alloc(0)): Buffer {
  const parts = jpegSegments(jpeg);
  const sof = parts.findIndex(([m]) => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc);
  const body = parts.flatMap(([, s], i) => [...(i === sof ? before : []), s, ...(i === 0 ? extra : [])]);
  return Buffer.concat([jpeg.subarray(0, 2), ...body, trailer]);
}

const chunk = (type: string, data: Buffer | string) => {
  const d = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
  const head = Buffer.alloc(8);
  head.writeUInt32BE(d.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), d])), 0);
  return Buffer.concat([head, d, crc]);
};
const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
// A 2×2 RGB picture (filter byte 0 before each row) with the chunks a plain export has.
const IHDR = chunk('IHDR', Buffer.from([0, 0, 0, 2, 0, 0, 0, 2, 8, 2, 0, 0, 0]));
const PNG_PARTS = {
  head: [IHDR, chunk('sRGB', Buffer.from([0])), chunk('gAMA', Buffer.from([0, 0, 0xb1, 0x8f])), chunk('pHYs', Buffer.from([0, 0, 0x0b, 0x13, 0, 0, 0x0b, 0x13, 1]))],
  data: [chunk('IDAT', deflateSync(Buffer.from([0, 255, 0, 0, 0, 255, 0, 0, 0, 0, 255, 255, 255, 255]))), chunk('IEND', '')],
};
const PNG = Buffer.concat([SIGNATURE, ...PNG_PARTS.head, ...PNG_PARTS.data]);
const exifChunk = () => chunk('eXIf', tiff());
const PNG_METADATA = () => [
  chunk('tEXt', `Author\0${marker}`),
  chunk('zTXt', Buffer.concat([Buffer.from('Comment\0\0', 'latin1'), deflateSync(`by ${marker}`)])),
  chunk('iTXt', `XML:com.adobe.xmp\0\0\0\0\0<x:xmpmeta><rdf:Description dc:creator="${marker}"/></x:xmpmeta>`),
  exifChunk(),
  chunk('tIME', Buffer.from([0x07, 0xea, 3, 14, 9, 26, 53])),
  chunk('iCCP', Buffer.concat([Buffer.from(`${marker}\0\0`, 'latin1'), deflateSync('profile')])),
  chunk('prVt', `editor note ${marker}`),
];

/** The chunks of a PNG as [type, whole chunk]; throws when a CRC is wrong. */
function pngChunks(b: Buffer): [string, Buffer][] {
  const out: [string, Buffer][] = [];
  for (let p = 8; p < b.length;) {
    const len = b.readUInt32BE(p);
    const type = b.toString('latin1', p + 4, p + 8);
    if (crc32(b.subarray(p + 4, p + 8 + len)) !== b.readUInt32BE(p + 8 + len)) throw new Error(`bad CRC in ${type}`);
    out.push([type, b.subarray(p, p + 12 + len)]);
    p += 12 + len;
  }
  return out;
}

function refusal(fn: () => unknown): ImageUnreadableError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ImageUnreadableError) return err;
    throw err;
  }
  throw new Error('accepted');
}

/** A deterministic byte source for the mutation runs (mulberry32). */
function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('stripImageMetadata: JPEG', () => {
  it('the fixture carries what a phone writes: EXIF with GPS and the marker, XMP, ICC, IPTC, comments, a trailer', () => {
    const dirty = withJpegMetadata(BASELINE, [exifApp1(), xmpApp1(), iccApp2(), iptcApp13(), comment()], [comment()], Buffer.from(`MPF trailer ${marker}`));
    expect(has(dirty, marker)).toBe(true);
    expect(has(dirty, GPS_LATITUDE)).toBe(true);
    expect(has(dirty, 'Exif\0\0')).toBe(true);
  });

  it.each([['baseline', BASELINE], ['progressive with restart markers', PROGRESSIVE]])('removes every trace and leaves the %s picture byte-identical', (_, jpeg) => {
    const dirty = withJpegMetadata(jpeg, [exifApp1(), xmpApp1(), iccApp2(), iptcApp13(), comment()], [comment()], Buffer.from(`MPF trailer ${marker}`));
    const clean = stripImageMetadata(dirty, 'image/jpeg');
    for (const trace of [marker, GPS_LATITUDE, 'Exif\0\0', 'http://ns.adobe.com/xap', 'ICC_PROFILE', 'Photoshop 3.0', 'Phone']) {
      expect(has(clean, trace)).toBe(false);
    }
    expect(clean.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    expect(clean.subarray(-2)).toEqual(Buffer.from([0xff, 0xd9]));
    // Only JFIF is left of the APPn; tables, frame, scans and scan data are the cjpeg output's, byte for byte.
    const segs = jpegSegments(clean);
    expect(segs.filter(([m]) => (m >= 0xe0 && m <= 0xef) || m === 0xfe).map(([m]) => m)).toEqual([0xe0]);
    expect(segs.map(([m, s]) => [m, s.toString('hex')])).toEqual(jpegSegments(jpeg).map(([m, s]) => [m, s.toString('hex')]));
    expect(clean.equals(jpeg)).toBe(true);
  });

  it('returns a JPEG without metadata unchanged (the same buffer)', () => {
    expect(stripImageMetadata(BASELINE, 'image/jpeg')).toBe(BASELINE);
    expect(stripImageMetadata(PROGRESSIVE, 'image/jpeg')).toBe(PROGRESSIVE);
  });

  it('keeps the Adobe colour-transform APP14 (decoders need it), drops any other APP14', () => {
    const dirty = withJpegMetadata(BASELINE, [ADOBE, segment(0xee, `Adobe but longer ${marker}`)]);
    const clean = stripImageMetadata(dirty, 'image/jpeg');
    expect(clean.equals(withJpegMetadata(BASELINE, [ADOBE]))).toBe(true);
    expect(has(clean, marker)).toBe(false);
  });

  it('removes the JFIF thumbnail and drops a JFXX thumbnail APP0', () => {
    const jfif = segment(0xe0, Buffer.concat([Buffer.from('JFIF\0\x01\x01\x00\x00\x01\x00\x01\x02\x01', 'latin1'), Buffer.from(marker.slice(0, 6), 'latin1')]));
    const jfxx = segment(0xe0, `JFXX\0\x13 thumb ${marker}`);
    const dirty = Buffer.concat([BASELINE.subarray(0, 2), jfif, jfxx, ...jpegSegments(BASELINE).slice(1).map(([, s]) => s)]);
    const clean = stripImageMetadata(dirty, 'image/jpeg');
    expect(has(clean, marker.slice(0, 6))).toBe(false);
    expect(has(clean, 'JFXX')).toBe(false);
    expect(clean.equals(BASELINE)).toBe(true);
  });

  it('keeps fill bytes and leaves an uppercase or parameterised media type working', () => {
    const filled = Buffer.concat([BASELINE.subarray(0, 2), Buffer.from([0xff, 0xff]), BASELINE.subarray(2)]);
    expect(stripImageMetadata(filled, 'image/jpeg')).toBe(filled);
    const dirty = withJpegMetadata(BASELINE, [comment()]);
    expect(stripImageMetadata(dirty, 'IMAGE/JPEG; charset=binary').equals(BASELINE)).toBe(true);
  });

  it('refuses what is not a whole JPEG with a 400 file_unreadable', () => {
    const err = refusal(() => stripImageMetadata(Buffer.from('not a picture'), 'image/jpeg'));
    expect(err).toBeInstanceOf(AppError);
    expect([err.code, err.status, err.field]).toEqual(['file_unreadable', 400, 'file']);
    expect(translate('en', fileMessages.file_unreadable)).toBe('This file cannot be read: it is damaged or incomplete. Check the file and send it again.');
    for (const bad of [Buffer.alloc(0), Buffer.from([0xff, 0xd8]), Buffer.from([0xff, 0xd8, 0xff, 0xd9]), PNG, randomBytes(64)]) {
      refusal(() => stripImageMetadata(bad, 'image/jpeg'));
    }
    // Garbage after the SOI, a stray SOI or 0xFF00 between segments.
    refusal(() => stripImageMetadata(Buffer.concat([BASELINE.subarray(0, 2), Buffer.from('garbage'), BASELINE.subarray(2)]), 'image/jpeg'));
    refusal(() => stripImageMetadata(Buffer.concat([BASELINE.subarray(0, 2), Buffer.from([0xff, 0xd8]), BASELINE.subarray(2)]), 'image/jpeg'));
    refusal(() => stripImageMetadata(Buffer.concat([BASELINE.subarray(0, 2), Buffer.from([0xff, 0x00]), BASELINE.subarray(2)]), 'image/jpeg'));
  });

  it('refuses every truncation, with no other error on the way', () => {
    const dirty = withJpegMetadata(PROGRESSIVE, [exifApp1(), comment()]);
    for (let n = 0; n < dirty.length; n++) refusal(() => stripImageMetadata(dirty.subarray(0, n), 'image/jpeg'));
  });

  it('refuses length fields that point past the end or below their own size, without reading out of bounds', () => {
    const head = BASELINE.subarray(0, 2);
    const lengthOf = (n: number) => Buffer.from([0xff, 0xe1, n >> 8, n & 0xff]);
    for (const n of [0xffff, 0x1000, 0, 1]) {
      const err = refusal(() => stripImageMetadata(Buffer.concat([head, lengthOf(n), Buffer.from(marker), BASELINE.subarray(2)]), 'image/jpeg'));
      expect(err.reason).toMatch(/^segment length/);
    }
    // A huge length on the very last segment before EOI.
    refusal(() => stripImageMetadata(Buffer.concat([BASELINE.subarray(0, -2), lengthOf(0xffff).subarray(0, 2), Buffer.from([0xff, 0xff])]), 'image/jpeg'));
  });

  it('either cleans or refuses a corrupted file, never anything else', () => {
    const dirty = withJpegMetadata(BASELINE, [exifApp1(), xmpApp1(), comment()]);
    const random = prng(20260314);
    for (let run = 0; run < 2000; run++) {
      const b = Buffer.from(dirty);
      for (let k = 0; k < 1 + run % 4; k++) b[Math.floor(random() * b.length)] = Math.floor(random() * 256);
      try {
        const out = stripImageMetadata(b, 'image/jpeg');
        expect(out.subarray(-2)).toEqual(Buffer.from([0xff, 0xd9]));
      } catch (err) {
        expect(err).toBeInstanceOf(ImageUnreadableError);
      }
    }
  });
});

describe('stripImageMetadata: PNG', () => {
  it('removes text, XMP, EXIF, time, ICC and private chunks and leaves the picture byte-identical', () => {
    const dirty = Buffer.concat([SIGNATURE, IHDR, ...PNG_METADATA().slice(0, 3), ...PNG_PARTS.head.slice(1), ...PNG_METADATA().slice(3), ...PNG_PARTS.data, Buffer.from(`trailer ${marker}`)]);
    expect(has(dirty, marker)).toBe(true);
    expect(has(dirty, GPS_LATITUDE)).toBe(true);
    const clean = stripImageMetadata(dirty, 'image/png');
    expect(has(clean, marker)).toBe(false);
    expect(has(clean, GPS_LATITUDE)).toBe(false);
    expect(clean.subarray(0, 8).equals(SIGNATURE)).toBe(true);
    const chunks = pngChunks(clean); // every CRC valid
    expect(chunks[0][0]).toBe('IHDR');
    expect(chunks.at(-1)![0]).toBe('IEND');
    expect(chunks.map(([t]) => t)).toEqual(['IHDR', 'sRGB', 'gAMA', 'pHYs', 'IDAT', 'IEND']);
    expect(clean.equals(PNG)).toBe(true);
  });

  it('returns a PNG without metadata unchanged (the same buffer)', () => {
    expect(stripImageMetadata(PNG, 'image/png')).toBe(PNG);
  });

  it('keeps palette, transparency and animation chunks, and unknown critical chunks', () => {
    const kept = [chunk('PLTE', Buffer.from([0, 0, 0, 255, 255, 255])), chunk('tRNS', Buffer.from([0, 255])), chunk('acTL', Buffer.alloc(8)), chunk('fcTL', Buffer.alloc(26)), chunk('ABCD', 'x')];
    const png = Buffer.concat([SIGNATURE, IHDR, ...kept, ...PNG_PARTS.data]);
    expect(stripImageMetadata(png, 'image/png')).toBe(png);
  });

  it('refuses what is not a whole PNG with a 400 file_unreadable', () => {
    const noIhdr = Buffer.concat([SIGNATURE, ...PNG_PARTS.data]);
    const noIend = Buffer.concat([SIGNATURE, ...PNG_PARTS.head, PNG_PARTS.data[0]]);
    const badType = Buffer.concat([SIGNATURE, IHDR, chunk('a1b2', 'x'), ...PNG_PARTS.data]);
    for (const bad of [Buffer.alloc(0), SIGNATURE, BASELINE, noIhdr, noIend, badType, Buffer.concat([SIGNATURE, randomBytes(64)])]) {
      const err = refusal(() => stripImageMetadata(bad, 'image/png'));
      expect([err.code, err.status]).toEqual(['file_unreadable', 400]);
    }
  });

  it('refuses every truncation, with no other error on the way', () => {
    const dirty = Buffer.concat([SIGNATURE, IHDR, ...PNG_METADATA(), ...PNG_PARTS.head.slice(1), ...PNG_PARTS.data]);
    for (let n = 0; n < dirty.length; n++) refusal(() => stripImageMetadata(dirty.subarray(0, n), 'image/png'));
  });

  it('refuses huge length fields without reading out of bounds', () => {
    for (const n of [0xffffffff, 0x80000000, 0x7fffffff, 0x10000]) {
      const text = chunk('tEXt', `Author\0${marker}`);
      text.writeUInt32BE(n, 0);
      const err = refusal(() => stripImageMetadata(Buffer.concat([SIGNATURE, IHDR, text, ...PNG_PARTS.data]), 'image/png'));
      expect(err.reason).toMatch(/chunk length|past the end/);
    }
  });

  it('either cleans or refuses a corrupted file, never anything else', () => {
    const dirty = Buffer.concat([SIGNATURE, IHDR, ...PNG_METADATA(), ...PNG_PARTS.data]);
    const random = prng(20260315);
    for (let run = 0; run < 2000; run++) {
      const b = Buffer.from(dirty);
      for (let k = 0; k < 1 + run % 4; k++) b[Math.floor(random() * b.length)] = Math.floor(random() * 256);
      try {
        const out = stripImageMetadata(b, 'image/png');
        expect(out.subarray(0, 8).equals(SIGNATURE)).toBe(true);
      } catch (err) {
        expect(err).toBeInstanceOf(ImageUnreadableError);
      }
    }
  });
});

describe('stripImageMetadata: other types', () => {
  it('returns PDF, Office and text files unchanged (their metadata is out of scope)', () => {
    for (const [type, data] of [['application/pdf', `%PDF-1.4\n/Author (${marker})\n%%EOF\n`], ['text/plain', marker], ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', `PK\x03\x04${marker}`]] as const) {
      const b = Buffer.from(data, 'latin1');
      expect(stripImageMetadata(b, type)).toBe(b);
    }
  });
});
