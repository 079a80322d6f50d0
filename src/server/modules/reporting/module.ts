import { hasRole } from '../../platform/authz/actor.js';
import { withOrgTx } from '../../platform/db/tx.js';
import { todayInBelgium } from '../../platform/deadlines/index.js';
import type { ServerModule } from '../../platform/module.js';
import { tablesOf } from '../../platform/module.js';
import './deadlines.js';
import { adviceAndReprisalFigures } from './advice-figures.js';
import { reportingDashboardTiles } from './dashboard.js';
import { loadDemoReporting } from './demo.js';
import { reportingOversightFigures } from './figures.js';
import { channelOffered } from './filing.js';
import { REPORTING_ROLES } from './policy.js';
import { reportingPublicRoutes } from './public-routes.js';
import * as repo from './repo.js';
import { registerReportingJobs } from './retention.js';
import { reportingRoutes } from './routes.js';
import * as schema from './schema.js';

/**
 * The reporting channel for integrity violations (issue 18): public filing and the reporter's
 * portal through the receipt, the recipients' follow-up with its legal deadlines. Content is
 * end-to-end encrypted per report (platform/vault).
 */
export const reportingModule: ServerModule = {
  name: 'reporting',
  routes: reportingRoutes() as ServerModule['routes'],
  publicRoutes: reportingPublicRoutes as ServerModule['publicRoutes'],
  publicServices: [{ id: 'reporting', offered: ({ deps, org }) => withOrgTx(deps.database.db, org.id, (tx) => channelOffered(tx, org.id, deps.today?.() ?? todayInBelgium())) }],
  tables: tablesOf(schema),
  // Daily: closed reports past their retention are deleted (retention.ts).
  jobs: (deps) => registerReportingJobs({ database: deps.database }),
  demo: loadDemoReporting,
  // What waits for the person among the reports they may read (a key grant): none of them say more than a count.
  homeFigures: async (deps, actor, orgId) => {
    if (!hasRole(actor, orgId, REPORTING_ROLES)) return [];
    const n = await withOrgTx(deps.database.db, orgId, (tx) => repo.homeCounts(tx, orgId, actor.userId, deps.today?.() ?? todayInBelgium()));
    return [
      { id: 'reporting.to_acknowledge', count: n.to_acknowledge },
      { id: 'reporting.overdue', count: n.overdue },
      { id: 'reporting.open', count: n.open, values: { unread: n.unread } },
      ...(await adviceAndReprisalFigures(deps.database.db, actor.userId, orgId)),
    ];
  },
  // Per organisation, small counts hidden: received this year, acknowledged and answered late, open (figures.ts).
  oversightFigures: (scope) => reportingOversightFigures(scope),
  // The organisation's own figures of this year and last, for the officer and the chief (dashboard.ts).
  dashboardTiles: (deps, actor, orgId) => reportingDashboardTiles(deps.database.db, actor, orgId, deps.today?.() ?? todayInBelgium()),
};
