/**
 * What the reporting benchmark sends: attachments that open as what they claim (a scanned page as
 * PDF, a photo as PNG with the metadata a phone adds), report texts of a realistic length, the
 * multipart bodies the web app sends, and a minimal HTTP client that can choose its source address.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import zlib from 'node:zlib';

/**
 * A valid one-page PDF of about `bytes`: a page showing a greyscale image of noise, as a scanner
 * writes it (raw pixels, incompressible like the JPEG or JBIG2 streams of a real scan).
 */
export function scannedPdf(bytes: number): Buffer {
  const width = 1024;
  const height = Math.max(1, Math.floor((bytes - 1_000) / width));
  const pixels = randomBytes(width * height);
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  const offsets: number[] = [];
  let at = parts[0].length;
  const obj = (n: number, body: Buffer | string) => {
    offsets[n] = at;
    const b = Buffer.concat([Buffer.from(`${n} 0 obj\n`), typeof body === 'string' ? Buffer.from(body, 'latin1') : body, Buffer.from('\nendobj\n')]);
    parts.push(b);
    at += b.length;
  };
  const stream = (dict: string, data: Buffer) => Buffer.concat([Buffer.from(`<< ${dict} /Length ${data.length} >>\nstream\n`), data, Buffer.from('\nendstream')]);
  obj(1, '<< /Type /Catalog /Pages 2 0 R >>');
  obj(2, '<< /Type /Pages /Kids [3 0 R] /Count 1 >>');
  obj(3, '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /XObject << /Im1 5 0 R >> >> >>');
  obj(4, stream('', Buffer.from('q 595 0 0 842 0 0 cm /Im1 Do Q')));
  obj(5, stream(`/Type /XObject /Subtype /Image /Width ${width} /Height ${height} /ColorSpace /DeviceGray /BitsPerComponent 8`, pixels));
  const xref = [`xref\n0 6\n0000000000 65535 f \n`, ...[1, 2, 3, 4, 5].map((n) => `${String(offsets[n]).padStart(10, '0')} 00000 n \n`)].join('');
  parts.push(Buffer.from(`${xref}trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n${at}\n%%EOF\n`));
  return Buffer.concat(parts);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(b: Buffer): number {
  let c = 0xffffffff;
  for (const x of b) c = CRC_TABLE[(c ^ x) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/**
 * A valid PNG of about `bytes` (RGB noise, so it does not compress), with the text and time chunks
 * a phone or editor adds: the platform strips them before encryption, so that work is measured too.
 */
export function photoPng(bytes: number): Buffer {
  const width = 600;
  const height = Math.max(1, Math.floor((bytes - 400) / (width * 3 + 1)));
  const raw = randomBytes((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) raw[y * (width * 3 + 1)] = 0; // filter type "none" on every row
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const time = Buffer.from([0x07, 0xea, 11, 23, 14, 5, 9]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('tEXt', Buffer.from('Author\0Bench Phone (GPS 50.8466 N, 4.3528 E)', 'latin1')),
    chunk('tIME', time),
    chunk('IDAT', zlib.deflateSync(raw, { level: 1 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const SENTENCES = [
  'Tijdens de nachtdienst van vorige week heb ik gezien dat een collega brandstof uit de dienstwagen overhevelde in jerrycans.',
  'De jerrycans werden daarna in de koffer van zijn eigen wagen gezet, op de parking achter het commissariaat.',
  'Dit is volgens mij al meerdere keren gebeurd, telkens op een moment dat er weinig mensen aanwezig waren.',
  'Ik heb het kilometerregister van het voertuig vergeleken met het tankregister en de verschillen zijn groot.',
  'Een andere collega heeft me verteld dat hij hetzelfde heeft opgemerkt, maar hij durft er niets over te zeggen.',
  'Ik wil geen problemen veroorzaken, maar ik vind dat dit gemeld moet worden omdat het om gemeenschapsgeld gaat.',
  'De leidinggevende van de ploeg lijkt op de hoogte te zijn en heeft er tot nu toe niets aan gedaan.',
  'Ik kan de data en uren van de diensten bezorgen als dat nodig is voor het onderzoek.',
];

/** A text of about `chars` characters, made of plausible sentences of a report. */
export function reportText(chars: number, salt = 0): string {
  let out = '';
  for (let i = salt; out.length < chars; i++) out += (out ? ' ' : '') + SENTENCES[i % SENTENCES.length];
  return out.slice(0, chars);
}

export interface Part { name: string; value?: string; filename?: string; type?: string; content?: Buffer }

/** A multipart/form-data body as a browser sends it. */
export function multipart(parts: Part[]): { body: Buffer; contentType: string } {
  const boundary = `----KompasBench${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disp = p.filename !== undefined ? `form-data; name="${p.name}"; filename="${p.filename}"` : `form-data; name="${p.name}"`;
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disp}\r\n${p.type ? `Content-Type: ${p.type}\r\n` : ''}\r\n`), p.content ?? Buffer.from(p.value ?? ''), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

export interface HttpAnswer { status: number; body: Buffer; headers: http.IncomingHttpHeaders; ms: number }

/**
 * One request on a new connection (as a browser of a distinct person would open), from
 * `localAddress` when given: on Linux every 127.x.y.z is the loopback, so each simulated reporter
 * reaches the server from its own address, as distinct people do.
 */
export function httpRequest(o: { port: number; method: string; path: string; headers?: Record<string, string>; body?: Buffer; localAddress?: string }): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = http.request({
      host: '127.0.0.1', port: o.port, method: o.method, path: o.path, agent: false, localAddress: o.localAddress,
      headers: { ...(o.headers ?? {}), ...(o.body ? { 'content-length': String(o.body.length) } : {}) },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), headers: res.headers, ms: performance.now() - t0 }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(o.body);
  });
}

/** Source addresses 127.20.0.1, 127.20.0.2, …: a new one for each simulated person. */
export function addressPool(firstOctet = 20): () => string {
  let n = 0;
  return () => {
    const i = n++;
    return `127.${firstOctet + Math.floor(i / 62_500)}.${Math.floor(i / 250) % 250}.${(i % 250) + 1}`;
  };
}
