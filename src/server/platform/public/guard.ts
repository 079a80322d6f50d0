import type { FastifyRequest } from 'fastify';
import type { Config } from '../config.js';

/**
 * The CSRF defence of public writes (no cookie, so no double-submit token; decision 0013):
 * - a custom header `X-Kompas-Public: 1`, which a page of another origin can only send after a
 *   CORS preflight that this server never grants (no CORS headers at all), and which a plain
 *   HTML form cannot send;
 * - when the browser names the origin (`Origin`, `Sec-Fetch-Site`), it must be this site;
 * - a body must be JSON (or multipart for attachments): no `text/plain` or urlencoded form posts.
 * Returns the refusal code, or null when the request may go on.
 */
export const PUBLIC_WRITE_HEADER = 'x-kompas-public';

export function publicWriteRefusal(req: FastifyRequest, config: Pick<Config, 'publicUrl'>): { status: number; code: string } | null {
  if (req.headers[PUBLIC_WRITE_HEADER] !== '1') return { status: 403, code: 'public_origin_refused' };
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin') return { status: 403, code: 'public_origin_refused' };
  const origin = req.headers.origin;
  if (origin !== undefined && !ownOrigins(req, config).has(origin)) return { status: 403, code: 'public_origin_refused' };
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  const hasBody = req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0' || req.headers['transfer-encoding'] !== undefined;
  if (hasBody && type !== 'application/json' && type !== 'multipart/form-data') return { status: 415, code: 'unsupported_media_type' };
  return null;
}

function ownOrigins(req: FastifyRequest, config: Pick<Config, 'publicUrl'>): Set<string> {
  const out = new Set<string>([`${req.protocol}://${req.host}`]);
  try {
    out.add(new URL(config.publicUrl).origin);
  } catch {
    /* config validated at start */
  }
  return out;
}
