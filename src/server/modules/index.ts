import type { FastifyPluginAsync } from 'fastify';
import type { Deps } from '../platform/deps.js';
import { healthRoutes } from './health/routes.js';
import { authRoutes } from '../platform/auth/routes.js';
import { organisationRoutes } from './organisations/routes.js';
import { peopleRoutes } from './people/routes.js';
import { roleRoutes } from './roles/routes.js';
import { auditTrailRoutes } from './audit-trail/routes.js';
import { adminRoutes } from './admin/routes.js';
import { planRoutes } from './plan/routes.js';
import { organisationPublicRoutes } from './organisations/public-routes.js';
import type { PublicRoutes, PublicServiceProvider } from '../platform/public/types.js';

export interface ModuleRoutes {
  name: string;
  prefix: string;
  routes: FastifyPluginAsync<{ deps: Deps }>;
  /**
   * Routes without sign-in under `/api/public/orgs/:orgCode` (docs/development.md, "Public pages"):
   * throttled per keyed address, no session, no cookie, no stored address; `req.publicOrg` is set.
   */
  publicRoutes?: PublicRoutes;
  /** Public services the module offers on an organisation's public landing page (`/p/<code>`). */
  publicServices?: PublicServiceProvider[];
}

/** The API of every module. Adding a module means one line here. */
export const modules: ModuleRoutes[] = [
  { name: 'health', prefix: '/api', routes: healthRoutes as FastifyPluginAsync<{ deps: Deps }> },
  { name: 'auth', prefix: '/api', routes: authRoutes as FastifyPluginAsync<{ deps: Deps }> },
  { name: 'organisations', prefix: '/api', routes: organisationRoutes as FastifyPluginAsync<{ deps: Deps }>, publicRoutes: organisationPublicRoutes as PublicRoutes },
  { name: 'people', prefix: '/api', routes: peopleRoutes as FastifyPluginAsync<{ deps: Deps }> },
  { name: 'roles', prefix: '/api', routes: roleRoutes as FastifyPluginAsync<{ deps: Deps }> },
  { name: 'audit-trail', prefix: '/api', routes: auditTrailRoutes as FastifyPluginAsync<{ deps: Deps }> },
  { name: 'admin', prefix: '/api', routes: adminRoutes as FastifyPluginAsync<{ deps: Deps }> },
  { name: 'plan', prefix: '/api', routes: planRoutes as FastifyPluginAsync<{ deps: Deps }> },
];
