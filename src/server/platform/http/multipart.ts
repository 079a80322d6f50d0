import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { AppError, invalid, type Issue } from '../errors.js';
import type { Upload } from './upload.js';

/** Messages of multipart forms with a JSON part and several files. */
export const multipartMessages = {
  part_unknown: /*i18n*/ { id: 'error.multipart_part_unknown', message: 'The upload holds a part that is not expected here ({part}).' },
  part_missing: /*i18n*/ { id: 'error.multipart_part_missing', message: 'The upload lacks its part "{part}".' },
  part_too_large: /*i18n*/ { id: 'error.multipart_part_too_large', message: 'The part "{part}" of the upload is too large.' },
  too_many_files: /*i18n*/ { id: 'error.multipart_too_many_files', message: 'At most {max} files can be sent at once.' },
};

export interface MultipartForm {
  /** The JSON part, parsed (not yet validated). */
  json: unknown;
  files: Upload[];
}

export interface MultipartFormOptions {
  /** Name of the one JSON part (sent as a plain field holding JSON text). */
  jsonPart: string;
  /** Name of the file parts (repeated). */
  filePart: string;
  maxFiles: number;
  maxFileBytes: number;
  maxJsonBytes: number;
}

const tooLarge = (maxBytes: number) => new AppError('file_too_large', 413, { maxMb: Math.floor(maxBytes / (1024 * 1024) * 10) / 10 }, 'file');

/**
 * A multipart/form-data request made of one JSON part and up to `maxFiles` files, read into memory
 * within the given limits (a report with its attachments, a message with files). Anything else is
 * refused with a code naming the part: an unknown part (400 `multipart_part_unknown`), a missing or
 * repeated JSON part, a JSON part that is too large (413) or not JSON (400 `invalid_json`), too many
 * files (413 `multipart_too_many_files`), a file over the limit (413 `file_too_large`), a truncated
 * or malformed body (400 `multipart_invalid`). Only then does the caller validate and store.
 */
export async function readMultipartForm(req: FastifyRequest, o: MultipartFormOptions): Promise<MultipartForm> {
  if (!req.isMultipart()) throw new AppError('unsupported_media_type', 415);
  let raw: string | undefined;
  const files: Upload[] = [];
  try {
    const parts = req.parts({ limits: { fileSize: o.maxFileBytes, files: o.maxFiles, fields: 2, parts: o.maxFiles + 2, fieldSize: o.maxJsonBytes, fieldNameSize: 100 } });
    for await (const part of parts) {
      if (part.type === 'file') {
        if (part.fieldname !== o.filePart) {
          await part.toBuffer().catch(() => undefined);
          throw invalid('multipart_part_unknown', part.fieldname.slice(0, 100), { part: part.fieldname.slice(0, 100) });
        }
        files.push({ filename: part.filename, mimetype: part.mimetype, data: await part.toBuffer() });
      } else {
        if (part.fieldname !== o.jsonPart) throw invalid('multipart_part_unknown', part.fieldname.slice(0, 100), { part: part.fieldname.slice(0, 100) });
        if (part.valueTruncated) throw new AppError('multipart_part_too_large', 413, { part: o.jsonPart }, o.jsonPart);
        if (raw !== undefined) throw invalid('multipart_part_unknown', o.jsonPart, { part: o.jsonPart });
        raw = typeof part.value === 'string' ? part.value : JSON.stringify(part.value);
      }
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(o.maxFileBytes);
    if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT') throw new AppError('multipart_too_many_files', 413, { max: o.maxFiles }, o.filePart);
    if (code === 'FST_FIELDS_LIMIT') throw invalid('multipart_part_unknown', o.jsonPart, { part: o.jsonPart });
    if (code === 'FST_INVALID_JSON_FIELD_ERROR') throw invalid('invalid_json', o.jsonPart);
    if (code === 'FST_PROTO_VIOLATION') throw invalid('multipart_invalid', o.jsonPart);
    const status = (err as { statusCode?: number }).statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) throw err;
    throw new AppError('multipart_invalid', 400);
  }
  if (raw === undefined) throw invalid('multipart_part_missing', o.jsonPart, { part: o.jsonPart });
  let json: unknown;
  try {
    // As Fastify's own JSON bodies (secure-json-parse): keys that could reach an object's prototype are refused.
    json = JSON.parse(raw, (k, v: unknown) => {
      if (k === '__proto__' || k === 'constructor') throw new Error('prototype key');
      return v;
    });
  } catch {
    throw invalid('invalid_json', o.jsonPart);
  }
  return { json, files };
}

const FIELD_MESSAGES: Record<string, string> = {
  invalid_type: 'field.invalid_type', too_small: 'field.too_small', too_big: 'field.too_big', invalid_format: 'field.invalid_format',
  invalid_value: 'field.invalid_value', unrecognized_keys: 'field.unrecognized_keys', invalid_union: 'field.invalid', custom: 'field.invalid',
};

/**
 * Validates a JSON value that did not come through a route schema (a multipart part) with the same
 * answer as a route's body validation: 400 `validation_failed`, each issue naming its field path.
 */
export function parseJsonPart<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issues: Issue[] = r.error.issues.map((i) => {
    const keys = i.code === 'unrecognized_keys' ? i.keys : [];
    const field = [...i.path.map(String), ...keys].join('.') || '';
    const missing = i.code === 'invalid_type' && / received undefined$/.test(i.message);
    const custom = i.code === 'custom' && i.message.includes('.') ? i.message : undefined;
    const id = missing ? 'field.required' : custom ?? (i.message.startsWith('field.') ? i.message : FIELD_MESSAGES[i.code] ?? 'field.invalid');
    return { field, code: missing ? 'required' : i.code, message: { id } };
  });
  throw new AppError('validation_failed', 400, {}, issues[0]?.field, issues);
}
