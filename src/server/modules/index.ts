import type { ServerModule } from '../platform/module.js';
import { tablesOf } from '../platform/module.js';
import { healthRoutes } from './health/routes.js';
import { authRoutes } from '../platform/auth/routes.js';
import { organisationRoutes } from './organisations/routes.js';
import { organisationPublicRoutes } from './organisations/public-routes.js';
import * as organisationSchema from './organisations/schema.js';
import { peopleRoutes } from './people/routes.js';
import * as peopleSchema from './people/schema.js';
import { roleRoutes } from './roles/routes.js';
import * as roleSchema from './roles/schema.js';
import { auditTrailRoutes } from './audit-trail/routes.js';
import { adminRoutes } from './admin/routes.js';
import { planModule } from './plan/module.js';
import { reportingModule } from './reporting/module.js';
import { complaintsModule } from './complaints/module.js';
import { complaintsStatsModule } from './complaints/stats-module.js';
import { maturityModule } from './maturity/module.js';
import { riskModule } from './risk/module.js';

type Routes = ServerModule['routes'];

/**
 * The server's module registry: the only list the platform is handed (docs/development.md,
 * "Adding a module"). Adding a module means one line here; its routes, public routes, jobs,
 * demo data, home figures and tables are then wired and checked by the platform.
 */
export const modules: ServerModule[] = [
  { name: 'health', routes: healthRoutes as Routes },
  { name: 'auth', routes: authRoutes as Routes },
  // The organisation table itself is the platform's (platform/tenancy); units and settings are this module's.
  { name: 'organisations', routes: organisationRoutes as Routes, publicRoutes: organisationPublicRoutes as ServerModule['publicRoutes'], tables: tablesOf(organisationSchema).filter((t) => t !== 'organisation') },
  { name: 'people', routes: peopleRoutes as Routes, tables: tablesOf(peopleSchema) },
  { name: 'roles', routes: roleRoutes as Routes, tables: tablesOf(roleSchema) },
  { name: 'audit-trail', routes: auditTrailRoutes as Routes },
  { name: 'admin', routes: adminRoutes as Routes },
  planModule,
  reportingModule,
  complaintsModule,
  complaintsStatsModule,
  maturityModule,
  riskModule,
];
