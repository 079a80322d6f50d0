import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';

/** Reading the revision a write was made on (docs/decisions/0011-optimistic-concurrency.md); the check itself is db/revision.ts. */

const ETAG = /^"(\d{1,9})"$/;

/**
 * The revision a write was made on, from `If-Match: "<n>"`. No header → 428 (a write must say what
 * it saw: silently overwriting is the bug this prevents); anything but one strong entity tag of
 * digits → 400. `*` is refused too: "whatever is there" is exactly a blind overwrite.
 */
export function expectedRevision(req: FastifyRequest): number {
  const raw = req.headers['if-match'];
  if (raw === undefined || raw === '') throw new AppError('if_match_required', 428);
  const m = typeof raw === 'string' ? ETAG.exec(raw.trim()) : null;
  if (!m) throw new AppError('if_match_invalid', 400, {}, 'If-Match');
  return Number(m[1]);
}

/** The ETag form of a revision, as the web app sends it back. */
export const etagOf = (revision: number) => `"${revision}"`;

/** For steps that are not form edits (lifecycle, approval): checked when sent, malformed still 400, absent allowed. */
export function optionalRevision(req: FastifyRequest): number | undefined {
  return req.headers['if-match'] === undefined ? undefined : expectedRevision(req);
}
