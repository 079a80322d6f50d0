import type { ServerModule } from '../../platform/module.js';
import { tablesOf } from '../../platform/module.js';
import { loadDemoRisk } from './demo.js';
import { loadDemoDilemmas } from './dilemma-demo.js';
import { dilemmaTables, riskDilemmaRoutes } from './dilemma-routes.js';
import { riskExportRoutes } from './export-routes.js';
import { riskOversightFigures } from './oversight.js';
import { riskRoutes } from './routes.js';
// Its completed analyses as linkable records (platform/records), e.g. for a maturity score's evidence.
import './linkable.js';
import * as schema from './schema.js';
import { makeRiskService } from './service.js';

/** Integrity risk analysis (issue 21): inventory of processes and functions, matrix, workshop analyses, register, recommendations to the plan, dilemmas. */
export const riskModule: ServerModule = {
  name: 'risk',
  // The analyses (routes.ts), their files and the oversight view (export-routes.ts), the dilemma inventory (dilemma-*.ts).
  routes: (async (app, opts) => { await riskRoutes(app, opts); await riskExportRoutes(app, opts); await riskDilemmaRoutes(app, opts); }) as typeof riskRoutes as ServerModule['routes'],
  tables: [...tablesOf(schema), ...dilemmaTables],
  // The demo zone's inventory, completed workshop and register (demo.ts), then its dilemma inventory (dilemma-demo.ts).
  demo: async (url) => [...(await loadDemoRisk(url)), ...(await loadDemoDilemmas(url))],
  homeFigures: async (deps, actor, orgId) =>
    makeRiskService({ db: deps.database.db, mailer: deps.mailer, publicUrl: deps.config.publicUrl, dataDir: deps.config.dataDir }).homeFigures(actor, orgId),
  // Per organisation, how many analyses it completed (oversight.ts); the cross-organisation view of ratings is its own route.
  oversightFigures: riskOversightFigures,
};
