import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { publicHeaders, throttled } from './family.js';
import type { AddressThrottle, BucketLimit } from './throttle.js';

/**
 * React Aria's usePress adds one <style> element with exactly this text (react-aria 3.53,
 * interactions/usePress). It is allowed by its hash, not by 'unsafe-inline'; if a new React Aria
 * changes the text, the e2e test of the public pages reports the CSP violation.
 */
const REACT_ARIA_PRESS_STYLE = '@layer {\n  [data-react-aria-pressable] {\n    touch-action: pan-x pan-y pinch-zoom;\n  }\n}';
const hashSource = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/**
 * The Content-Security-Policy of the public pages (/p/...): only this site's own files, no
 * inline script, no inline style but the one above (by hash), nothing of a third party, no
 * framing, forms post here only. (`data:` images: the page's empty favicon; not a third party.)
 */
export const PUBLIC_PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "script-src-attr 'none'",
  `style-src 'self' ${hashSource(REACT_ARIA_PRESS_STYLE)}`,
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

export const PUBLIC_PAGE_LIMIT: BucketLimit = { burst: 30, perMinute: 30 };

/** Serves the web app's index.html for a /p/... address with the public headers (no cookie is ever set here). */
export function publicPageHandler(throttle: AddressThrottle) {
  return (req: FastifyRequest, reply: FastifyReply) => {
    publicHeaders(reply);
    if (throttled(throttle, req, reply, 'page', PUBLIC_PAGE_LIMIT)) return reply;
    return reply.header('content-security-policy', PUBLIC_PAGE_CSP).sendFile('index.html', { cacheControl: false });
  };
}
