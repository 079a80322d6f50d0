import { randomBytes } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { SESSION_COOKIE } from '../auth/session.js';

/**
 * CSRF tokens are double-submit (a secret in an httpOnly cookie, a token derived from it in a
 * header) and bound to the session cookie they were minted for: a token carries an HMAC of the
 * session token, which another site can neither read nor guess. Without the binding, an
 * attacker able to plant their own CSRF cookie (a sibling subdomain, a network attacker on
 * plain HTTP) could pair it with their own valid token and ride the victim's session.
 *
 * Before sign-in the binding is "anonymous", so the sign-in and password-reset pages work as
 * before; after sign-in, sign-out or a session change the old token no longer passes, and
 * clients fetch a new one from /api/csrf (the web app does so once on `csrf_invalid`).
 */
export function csrfUserInfo(req: FastifyRequest): string {
  const session = req.cookies?.[SESSION_COOKIE];
  return session ? `session:${session}` : 'anonymous';
}

/**
 * Key of the HMAC over the session token. Random per process: it never leaves memory, and a
 * restart only makes clients fetch a new token once. (Several processes behind one address
 * would need a shared key, e.g. derived from the authentication master key.)
 */
export function csrfHmacKey(): Buffer {
  return randomBytes(32);
}
