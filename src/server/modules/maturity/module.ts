import type { ServerModule } from '../../platform/module.js';
import { tablesOf } from '../../platform/module.js';
import { maturityDashboardTiles } from './dashboard.js';
import { loadDemoMaturity } from './demo.js';
import { loadDemoMaturityPeers } from './oversight-demo.js';
import { maturityEvidenceRoutes } from './evidence-routes.js';
import { maturityOversightRoutes } from './oversight-routes.js';
import { maturityRoutes } from './routes.js';
import * as evidenceSchema from './evidence-schema.js';
import * as oversightSchema from './oversight-schema.js';
import * as schema from './schema.js';
import { makeMaturityService } from './service.js';

/** Maturity measurement (issue 20): frameworks as versioned data, measurements, consolidation, approval, gaps to the plan. */
export const maturityModule: ServerModule = {
  name: 'maturity',
  routes: (async (app, opts) => { await maturityRoutes(app, opts); await maturityOversightRoutes(app, opts); await app.register(maturityEvidenceRoutes, { deps: opts.deps }); }) as typeof maturityRoutes as ServerModule['routes'],
  tables: [...tablesOf(schema), ...tablesOf(oversightSchema), ...tablesOf(evidenceSchema)],
  // The demo zone's measurements, then the other demo organisations of the inspectorate's comparison.
  demo: async (url) => [...(await loadDemoMaturity(url)), ...(await loadDemoMaturityPeers(url))],
  homeFigures: async (deps, actor, orgId) =>
    makeMaturityService({ db: deps.database.db, mailer: deps.mailer, publicUrl: deps.config.publicUrl, dataDir: deps.config.dataDir }).homeFigures(actor, orgId),
  // The latest approved measurement per pillar and function, and the trend: the officer and the chief (dashboard.ts).
  dashboardTiles: async (deps, actor, orgId, audit) => maturityDashboardTiles(
    makeMaturityService({ db: deps.database.db, mailer: deps.mailer, publicUrl: deps.config.publicUrl, dataDir: deps.config.dataDir }), actor, orgId, audit),
};
