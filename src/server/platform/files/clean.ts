import { createHash } from 'node:crypto';
import { AppError } from '../errors.js';
import type { Upload } from '../http/upload.js';
import { acceptFile, type FilePolicy } from './accept.js';
import { stripMetadata } from './strip-documents.js';

/** An upload that passed its policy and lost its metadata: the bytes to seal, their size and digest. */
export interface CleanFile {
  name: string;
  mediaType: string;
  data: Buffer;
  size: number;
  /** Hex SHA-256 of the cleaned `data` (what is stored and checked on every read). */
  sha256: string;
}

/**
 * The files of one request of a channel whose senders must not be identified by their files
 * (reports, complaints): at most `maxFiles` (413 `multipart_too_many_files`), each checked against
 * the policy (`acceptFile`: type, declared media type, content, size), then cleaned of what a
 * picture, a PDF or an Office file says about who made it (`stripMetadata`), then hashed.
 *
 * Every file is checked before any is cleaned, and a file whose metadata cannot be removed with
 * certainty is refused (400 `file_metadata_kept`, or `file_unreadable` for a broken picture): the
 * caller runs this before its transaction, so a refused file leaves nothing stored.
 */
export async function cleanUploads(uploads: readonly Upload[], policy: FilePolicy, opts: { maxFiles: number }): Promise<CleanFile[]> {
  if (uploads.length > opts.maxFiles) throw new AppError('multipart_too_many_files', 413, { max: opts.maxFiles }, 'files');
  const accepted = uploads.map((u) => acceptFile(u, policy));
  const out: CleanFile[] = [];
  for (const a of accepted) {
    const data = await stripMetadata(a.data, a.mediaType);
    const sha256 = data === a.data ? a.sha256 : createHash('sha256').update(data).digest('hex');
    out.push({ name: a.filename, mediaType: a.mediaType, data, size: data.length, sha256 });
  }
  return out;
}
