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

export interface ModuleRoutes {
  name: string;
  prefix: string;
  routes: FastifyPluginAsync<{ deps: Deps }>;
}

/** The API of every module. Adding a module means one line here. */
export const modules: ModuleRoutes[] = [
  { name: 'health', prefix: '/api', routes: healthRoutes as FastifyPluginAsync<{ deps: Deps }> },
  { name: 'auth', prefix: '/api', routes: authRoutes as FastifyPluginAsync<{ deps: Deps }> },
  { name: 'organisations', prefix: '/api', routes: organisationRoutes as FastifyPluginAsync<{ deps: Deps }> },
  { name: 'people', prefix: '/api', routes: peopleRoutes as FastifyPluginAsync<{ deps: Deps }> },
  { name: 'roles', prefix: '/api', routes: roleRoutes as FastifyPluginAsync<{ deps: Deps }> },
  { name: 'audit-trail', prefix: '/api', routes: auditTrailRoutes as FastifyPluginAsync<{ deps: Deps }> },
  { name: 'admin', prefix: '/api', routes: adminRoutes as FastifyPluginAsync<{ deps: Deps }> },
  { name: 'plan', prefix: '/api', routes: planRoutes as FastifyPluginAsync<{ deps: Deps }> },
];
