import { createHash } from 'node:crypto';
import { AppError, invalid } from '../errors.js';
import type { Upload } from '../http/upload.js';

/**
 * What the platform accepts as a file. A type is decided by the name's extension, the media type
 * the client declared must agree with it, and the content must open as that type (magic bytes,
 * or valid UTF-8 without NUL for text). The stored and served media type is always ours, never
 * the one the client sent.
 */
export interface FileType {
  mediaType: string;
  extensions: readonly string[];
  /** Other media types browsers send for the same files. */
  aliases?: readonly string[];
  sniff: (b: Buffer) => boolean;
}

const starts = (magic: number[] | string) => {
  const m = typeof magic === 'string' ? Buffer.from(magic, 'latin1') : Buffer.from(magic);
  return (b: Buffer) => b.length >= m.length && b.subarray(0, m.length).equals(m);
};
const ZIP = starts([0x50, 0x4b, 0x03, 0x04]);

/** Text files: valid UTF-8 and no NUL byte (which no text editor writes, and every binary has). */
export function isText(b: Buffer): boolean {
  if (b.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b);
    return true;
  } catch {
    return false;
  }
}

/** Every type some module accepts; a module names the ones it allows in its FilePolicy. */
export const FILE_TYPES = {
  pdf: { mediaType: 'application/pdf', extensions: ['pdf'], sniff: starts('%PDF-') },
  docx: { mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['docx'], sniff: ZIP },
  xlsx: { mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['xlsx'], sniff: ZIP },
  png: { mediaType: 'image/png', extensions: ['png'], sniff: starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  jpeg: { mediaType: 'image/jpeg', extensions: ['jpg', 'jpeg'], sniff: starts([0xff, 0xd8, 0xff]) },
  txt: { mediaType: 'text/plain', extensions: ['txt'], sniff: isText },
  // Windows browsers with Excel installed send CSV files as application/vnd.ms-excel.
  csv: { mediaType: 'text/csv', extensions: ['csv'], aliases: ['application/vnd.ms-excel'], sniff: isText },
} as const satisfies Record<string, FileType>;

export type FileTypeName = keyof typeof FILE_TYPES;

/** What one kind of upload of a module may be. */
export interface FilePolicy {
  maxBytes: number;
  types: readonly FileTypeName[];
}

/** A file that passed its policy: a clean name, our media type, the bytes and their digest. */
export interface AcceptedFile {
  filename: string;
  mediaType: string;
  data: Buffer;
  size: number;
  /** Hex SHA-256 of `data`; checked again on every read. */
  sha256: string;
}

export const MAX_FILENAME = 200;
// Control characters (header injection, log forging) and bidirectional overrides (a name that
// shows as "report‮fdp.exe" reads "reportexe.pdf") never belong in a file name.
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARS = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** The last path segment, without unsafe characters, at most MAX_FILENAME characters with its extension kept. */
export function cleanFilename(raw: string): string {
  const name = raw.normalize('NFC').replace(/^.*[\\/]/, '').replace(UNSAFE_CHARS, '').trim();
  if (name.length <= MAX_FILENAME) return name || 'file';
  const ext = extensionOf(name);
  const keep = ext && ext.length < 20 ? `.${ext}` : '';
  return name.slice(0, MAX_FILENAME - keep.length) + keep;
}

export const extensionOf = (name: string): string => (name.includes('.') ? name.split('.').pop()!.toLowerCase() : '');

/** `.pdf, .docx, …` for the message that says what is accepted. */
export const allowedExtensions = (policy: FilePolicy): string =>
  policy.types.flatMap((n) => FILE_TYPES[n].extensions.map((e) => `.${e}`)).join(', ');

/**
 * Checks an upload against a module's policy; throws an AppError naming the problem:
 * `file_empty` (400), `file_too_large` (413, `maxMb`), `file_type` (415, `allowed`: the extension
 * or the declared media type is not one the policy accepts), `file_content` (415, `ext`: the content
 * is not what the name says, e.g. an executable named .pdf).
 */
export function acceptFile(file: Upload, policy: FilePolicy): AcceptedFile {
  const filename = cleanFilename(file.filename);
  if (file.data.length === 0) throw invalid('file_empty', 'file');
  if (file.data.length > policy.maxBytes) {
    throw new AppError('file_too_large', 413, { maxMb: Math.floor(policy.maxBytes / (1024 * 1024) * 10) / 10 }, 'file');
  }
  const ext = extensionOf(filename);
  const type = policy.types.map((n) => FILE_TYPES[n] as FileType).find((t) => t.extensions.includes(ext));
  const declared = file.mimetype.split(';')[0].trim().toLowerCase();
  if (!type || (declared !== type.mediaType && !type.aliases?.includes(declared))) {
    throw new AppError('file_type', 415, { allowed: allowedExtensions(policy) }, 'file');
  }
  if (!type.sniff(file.data)) throw new AppError('file_content', 415, { ext: `.${ext}` }, 'file');
  return {
    filename, mediaType: type.mediaType, data: file.data, size: file.data.length,
    sha256: createHash('sha256').update(file.data).digest('hex'),
  };
}
