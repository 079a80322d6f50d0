import { todayInBelgium } from '../../platform/deadlines/index.js';
import type { ServerModule } from '../../platform/module.js';
import { tablesOf } from '../../platform/module.js';
import { complaintsDashboardTiles } from './dashboard.js';
import { complaintsStatsRoutes } from './stats-routes.js';
import * as schema from './stats-schema.js';

/**
 * The complaints desk's statistics and yearly report (issue 19): registered on its own beside the
 * desk, so its tables (the signal's window, the recommendations) are declared once, here.
 */
export const complaintsStatsModule: ServerModule = {
  name: 'complaints-stats',
  routes: complaintsStatsRoutes() as ServerModule['routes'],
  tables: tablesOf(schema),
  // Received this year and last, lead times against the targets: the coordinator and the chief (dashboard.ts).
  dashboardTiles: (deps, actor, orgId) => complaintsDashboardTiles(deps.database.db, actor, orgId, deps.today?.() ?? todayInBelgium()),
};
