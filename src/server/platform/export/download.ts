import type { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';

/**
 * File names in `Content-Disposition` come from user text (a plan title, an uploaded file's
 * name). The header never carries a quote, a backslash, a control character or a path: the
 * name is reduced to its last path segment, and written twice as RFC 6266 recommends, an ASCII
 * fallback in `filename="…"` and the exact name in `filename*=UTF-8''…` (RFC 5987 encoding),
 * the latter only when it differs.
 */

const MAX_NAME = 150;
const FALLBACK = 'download';

// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001F\u007F-\u009F\u2028\u2029\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF"*:<>?|]/g;

/** Keeps the extension when a long name is cut, and never splits a surrogate pair. */
function truncate(name: string): string {
  const chars = [...name];
  if (chars.length <= MAX_NAME) return name;
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 && name.length - dot <= 10 ? name.slice(dot) : '';
  return chars.slice(0, MAX_NAME - ext.length).join('').trimEnd() + ext;
}

/**
 * The name a download is saved under: last segment of any path (`/` or `\`), without control,
 * bidirectional-override or reserved characters, without leading dots (no hidden file, no
 * `..`), trimmed, at most 150 characters; `download` when nothing is left.
 */
export function safeFilename(name: string): string {
  const last = name.normalize('NFC').split(/[/\\]/).pop() ?? '';
  const cleaned = last.replace(UNSAFE, '').replace(/\s+/g, ' ').trim().replace(/^[.\s]+/, '').replace(/[.\s]+$/, '');
  return cleaned ? truncate(cleaned) : FALLBACK;
}

const toAscii = (s: string) => s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z0-9._-]+/g, '_');

/**
 * ASCII letters and digits, `.`, `_` and `-`: accents lose their marks, anything else becomes
 * `_`; a name with no letter or digit left becomes `download` (keeping a plain extension).
 */
export function asciiFilename(name: string): string {
  const dot = name.lastIndexOf('.');
  const plainExt = dot > 0 && /^\.[A-Za-z0-9]{1,10}$/.test(name.slice(dot));
  const base = toAscii(plainExt ? name.slice(0, dot) : name).replace(/^[._-]+/, '');
  return (/[A-Za-z0-9]/.test(base) ? base : FALLBACK) + (plainExt ? name.slice(dot) : '');
}

/** RFC 5987 ext-value: percent-encoding of the UTF-8 bytes of everything that is not an attr-char. */
function encodeExtValue(name: string): string {
  return encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function contentDisposition(filename: string, disposition: 'attachment' | 'inline' = 'attachment'): string {
  const name = safeFilename(filename);
  const ascii = asciiFilename(name);
  return ascii === name
    ? `${disposition}; filename="${ascii}"`
    : `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeExtValue(name)}`;
}

export interface Download {
  filename: string;
  contentType: string;
  body: Buffer | string | Readable;
  /** `attachment` (default): saved, never shown in the page's origin. */
  disposition?: 'attachment' | 'inline';
}

/**
 * Sends a file: safe `Content-Disposition`, `Cache-Control: no-store` (exports name people; a
 * shared workstation's disk cache must not keep them) and `nosniff` so the browser keeps to the
 * declared type. Auditing is the service's, in the transaction that read the data (`recordExport`).
 */
export function sendDownload(reply: FastifyReply, d: Download): FastifyReply {
  return reply
    .type(d.contentType)
    .header('content-disposition', contentDisposition(d.filename, d.disposition))
    .header('cache-control', 'no-store')
    .header('x-content-type-options', 'nosniff')
    .send(d.body);
}
