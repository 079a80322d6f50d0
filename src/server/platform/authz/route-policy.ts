import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import type { Role } from '../../../shared/roles.js';
import { AppError, forbidden, unauthenticated } from '../errors.js';
import { orgIdOf } from '../http/params.js';
import { hasAnyRole, hasRole, needsMfa, type Actor } from './actor.js';

/**
 * Every route declares who may call it in `config.policy`. Registration of a route without
 * one throws, and a test walks all routes as a second check: deny by default.
 */
export interface RoutePolicy {
  name: string;
  /** No sign-in needed (public desk, sign-in itself, health). */
  public?: boolean;
  /** Reachable by a signed-in user who still has to pass or set up the second factor. */
  beforeMfa?: boolean;
  check: (actor: Actor, req: FastifyRequest) => boolean | Promise<boolean>;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    policy?: RoutePolicy;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
}

export const policy = {
  public: (why: string): RoutePolicy => ({ name: `public:${why}`, public: true, check: () => true }),
  signedIn: (opts: { beforeMfa?: boolean } = {}): RoutePolicy => ({ name: 'signed-in', beforeMfa: opts.beforeMfa, check: () => true }),
  platformAdmin: (): RoutePolicy => ({ name: 'platform-admin', check: (a) => a.isPlatformAdmin }),
  /** Any current role in the organisation named by the `:orgId` path parameter. */
  member: (): RoutePolicy => ({ name: 'org-member', check: (a, req) => hasAnyRole(a, orgIdOf(req)) }),
  /** One of these roles in the organisation named by `:orgId`. */
  roles: (...roles: Role[]): RoutePolicy => ({ name: `org-roles:${roles.join(',')}`, check: (a, req) => hasRole(a, orgIdOf(req), roles) }),
  custom: (name: string, check: RoutePolicy['check']): RoutePolicy => ({ name, check }),
};

export class MissingPolicyError extends Error {}

export interface RegisteredRoute {
  method: string;
  url: string;
  policy: RoutePolicy;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route with its policy, for the deny-by-default test and the docs. */
    routePolicies: RegisteredRoute[];
  }
}

export function registerPolicyEnforcement(app: FastifyInstance): void {
  const table: RegisteredRoute[] = [];
  app.decorate('routePolicies', table);
  app.addHook('onRoute', (route: RouteOptions) => {
    const p = route.config && (route.config as { policy?: RoutePolicy }).policy;
    if (!p) throw new MissingPolicyError(`Route ${route.method} ${route.url} declares no policy`);
    table.push({ method: String(route.method), url: route.url, policy: p });
  });

  // preValidation: a caller who may not use the route is refused before their input is even parsed.
  app.addHook('preValidation', async (req) => {
    if (req.is404) return; // the not-found handler answers 404 to everyone
    const p = req.routeOptions.config.policy;
    if (!p) throw forbidden();
    if (p.public) return;
    const actor = req.actor;
    if (!actor) throw unauthenticated();
    // A user who enabled TOTP without needing it still had to pass it: an unverified session must not skip it.
    if (!p.beforeMfa && (needsMfa(actor) || actor.totpEnabled) && !actor.mfaVerified) {
      throw new AppError(actor.totpEnabled ? 'mfa_required' : 'mfa_setup_required', 403);
    }
    if (!(await p.check(actor, req))) throw forbidden();
  });
}
