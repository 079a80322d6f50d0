import type { FastifyRequest } from 'fastify';
import type { AuditContext } from '../audit/service.js';
import type { Locale } from '../../../shared/roles.js';
import { DEFAULT_LOCALE } from '../../../shared/roles.js';
import { isLocale, localeFromHeader } from '../i18n/index.js';
import { isPublicPath } from '../public/paths.js';

export const LOCALE_COOKIE = 'kompas_locale';

/** Who and from where, for the audit trail. Public pages (decision 0013) keep no address: ip NULL, no actor. */
export function auditContext(req: FastifyRequest): AuditContext {
  if (isPublicPath(req.url)) return { actorUserId: null, ip: null };
  return { actorUserId: req.actor?.userId ?? null, ip: req.ip ?? null };
}

/** The language of the answer: the user's own choice, else the remembered cookie, else the browser's. */
export function requestLocale(req: FastifyRequest): Locale {
  if (req.actor) return req.actor.locale;
  const cookie = req.cookies?.[LOCALE_COOKIE];
  if (isLocale(cookie)) return cookie;
  return localeFromHeader(req.headers['accept-language']) ?? DEFAULT_LOCALE;
}

/** The actor of a route whose policy already required sign-in. */
export function actorOf(req: FastifyRequest) {
  if (!req.actor) throw new Error('actorOf() on a route without a signed-in policy');
  return req.actor;
}
