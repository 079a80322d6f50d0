import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';

export interface Upload { filename: string; mimetype: string; data: Buffer }

/**
 * The one file of a multipart/form-data request, read into memory (the route's multipart
 * limits bound its size). A body that ends before its closing boundary, or whose boundary or
 * part headers are broken, makes the parser throw plain errors without a code: that is the
 * client's fault, so it is a 400 `multipart_invalid`, not a 500. The plugin's own errors
 * (size and part limits: 413) keep their status.
 */
export async function readUpload(req: FastifyRequest): Promise<Upload | undefined> {
  if (!req.isMultipart()) throw new AppError('unsupported_media_type', 415);
  try {
    const part = await req.file();
    if (!part) return undefined;
    return { filename: part.filename, mimetype: part.mimetype, data: await part.toBuffer() };
  } catch (err) {
    if (err instanceof AppError) throw err;
    const status = (err as { statusCode?: number }).statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) throw err;
    throw new AppError('multipart_invalid', 400);
  }
}
