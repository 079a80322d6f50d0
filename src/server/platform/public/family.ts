import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { sql } from 'drizzle-orm';
import { LOCALES, type Locale } from '../../../shared/roles.js';
import type { RoutePolicy } from '../authz/route-policy.js';
import type { Deps } from '../deps.js';
import { send } from '../http/error-handler.js';
import { publicWriteRefusal } from './guard.js';
import type { AddressThrottle, BucketLimit } from './throttle.js';
import type { PublicOrganisation, PublicRoutes, PublicServiceOffer, PublicServiceProvider } from './types.js';

export const PUBLIC_ORG_PREFIX = '/api/public/orgs/:orgCode';

/** Default buckets per client address (keyed hash), shared by all public routes of a kind. */
export const PUBLIC_READ_LIMIT: BucketLimit = { burst: 60, perMinute: 60 };
export const PUBLIC_WRITE_LIMIT: BucketLimit = { burst: 5, perMinute: 1 };

/** Headers of every public answer: not cached anywhere, no referrer sent onward. */
export function publicHeaders(reply: FastifyReply): void {
  reply.header('cache-control', 'no-store');
  reply.header('referrer-policy', 'no-referrer');
}

/** Refuses with 429 when the address's bucket is empty; true when refused (the answer is sent). */
export function throttled(throttle: AddressThrottle, req: FastifyRequest, reply: FastifyReply, name: string, limit: BucketLimit): boolean {
  const r = throttle.take(req.ip ?? '', name, limit);
  if (r.ok) return false;
  reply.header('retry-after', String(r.retryAfterSeconds));
  void send(reply, req, 429, 'rate_limited');
  return true;
}

const ORG_CODE = /^[A-Za-z0-9][A-Za-z0-9 ./_-]*$/;

async function organisationByCode(deps: Deps, code: string): Promise<PublicOrganisation | undefined> {
  // The shape of an organisation code (organisations/contract.ts orgCode): anything else (a NUL byte, a quote) is not one.
  if (code.length > 40 || !ORG_CODE.test(code)) return undefined;
  // The organisation's public header only (names are public); the organisations module owns the row.
  const r = await deps.database.db.execute<{ id: string; code: string; names: PublicOrganisation['names']; languages: string[] }>(sql`
    SELECT id, code, names, languages FROM organisation WHERE code = ${code}`);
  const row = r.rows[0];
  if (!row) return undefined;
  return { id: row.id, code: row.code, names: row.names, languages: row.languages.filter((l): l is Locale => (LOCALES as readonly string[]).includes(l)) };
}

export interface PublicModule {
  name: string;
  publicRoutes?: PublicRoutes;
  publicServices?: PublicServiceProvider[];
}

/**
 * The public route family `/api/public/orgs/:orgCode/...`: no sign-in, no session, no cookie,
 * no stored address (docs/decisions/0013-public-pages.md). Every module's `publicRoutes` is
 * registered inside it, so each of its routes gets, before its handler:
 * the throttle (per keyed address), the CSRF defence of writes (guard.ts), the organisation
 * (`req.publicOrg`, 404 when the code is unknown) and the headers; Set-Cookie never leaves.
 */
export async function registerPublicFamily(app: FastifyInstance, deps: Deps, modules: PublicModule[], throttle: AddressThrottle): Promise<void> {
  const providers = modules.flatMap((m) => m.publicServices ?? []);
  const servicesOf = async (org: PublicOrganisation): Promise<PublicServiceOffer[]> => {
    const offered = await Promise.all(providers.map(async (p) => ((await p.offered({ deps, org })) ? { id: p.id } : null)));
    return offered.filter((o): o is PublicServiceOffer => o !== null);
  };

  await app.register(async (scope) => {
    scope.decorateRequest('publicOrg', null);
    // Only public policies here: a signed-in route would see no session in this family.
    scope.addHook('onRoute', (route: RouteOptions) => {
      const p = (route.config as { policy?: RoutePolicy } | undefined)?.policy;
      if (!p?.public || !p.name.startsWith('public:')) throw new Error(`Public route ${route.method} ${route.url} must use policy.public(<name>)`);
    });
    scope.addHook('onRequest', async (req, reply) => {
      publicHeaders(reply);
      const safe = ['GET', 'HEAD', 'OPTIONS'].includes(req.method);
      const own = req.routeOptions.config.publicThrottle;
      const name = own ? `api:${req.method}:${req.routeOptions.url}` : safe ? 'api:read' : 'api:write';
      if (throttled(throttle, req, reply, name, own ?? (safe ? PUBLIC_READ_LIMIT : PUBLIC_WRITE_LIMIT))) return reply;
      if (!safe) {
        const refusal = publicWriteRefusal(req, deps.config);
        if (refusal) return send(reply, req, refusal.status, refusal.code);
      }
      const org = await organisationByCode(deps, (req.params as { orgCode?: string }).orgCode ?? '');
      if (!org) return send(reply, req, 404, 'public_org_not_found');
      req.publicOrg = org;
    });
    scope.addHook('onSend', async (_req, reply, payload) => {
      reply.removeHeader('set-cookie');
      return payload;
    });
    for (const m of modules) if (m.publicRoutes) await scope.register(m.publicRoutes, { deps, servicesOf });
  }, { prefix: PUBLIC_ORG_PREFIX });
}

/** The organisation of a public route (the family resolved it before the handler). */
export function publicOrgOf(req: FastifyRequest): PublicOrganisation {
  if (!req.publicOrg) throw new Error('publicOrgOf() outside the public route family');
  return req.publicOrg;
}
