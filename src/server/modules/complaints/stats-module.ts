import type { ServerModule } from '../../platform/module.js';
import { tablesOf } from '../../platform/module.js';
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
};
