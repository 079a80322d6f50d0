import { hasRole } from '../../platform/authz/actor.js';
import { withOrgTx } from '../../platform/db/tx.js';
import type { ServerModule } from '../../platform/module.js';
import { tablesOf } from '../../platform/module.js';
import { todayInBelgium } from '../../platform/deadlines/index.js';
import { planDashboardTiles } from './dashboard.js';
// Its actions and objectives as linkable records (platform/records), e.g. for a maturity score's evidence.
import './linkable.js';
import { loadDemoPlans } from './demo.js';
import { registerPlanJobs } from './jobs.js';
import { planOversightFigures } from './oversight-figures.js';
import { PLAN_ROLES } from './policy.js';
import { planRoutes } from './routes.js';
import * as schema from './schema.js';
import { makePlanService } from './service.js';
import { waitingFigures } from './plan-workflow.js';

/** The integrity policy plan: plans, objectives, actions, indicators, evaluations, exports. */
export const planModule: ServerModule = {
  name: 'plan',
  routes: planRoutes as ServerModule['routes'],
  jobs: (deps) => registerPlanJobs({ database: deps.database, mailer: deps.mailer, publicUrl: deps.config.publicUrl }),
  tables: tablesOf(schema),
  demo: loadDemoPlans,
  oversightFigures: planOversightFigures,
  homeFigures: async (deps, actor, orgId) => {
    if (!hasRole(actor, orgId, PLAN_ROLES)) return [];
    const svc = makePlanService({ db: deps.database.db, mailer: deps.mailer, publicUrl: deps.config.publicUrl, dataDir: deps.config.dataDir });
    const { items } = await svc.myActions({ actor, audit: { actorUserId: actor.userId, ip: null } }, orgId);
    const open = items.filter((a) => a.status !== 'done' && a.status !== 'stopped');
    // What waits for the chief's approval, the officer's drafts, approved plans not yet in force (plan-workflow.ts).
    const steps = await withOrgTx(deps.database.db, orgId, (tx) => waitingFigures(tx, actor, orgId));
    return [{ id: 'plan.my_actions', count: open.length, values: { late: open.filter((a) => a.status === 'late').length } }, ...steps];
  },
  dashboardTiles: (deps, actor, orgId) => planDashboardTiles(deps.database.db, actor, orgId, deps.today?.() ?? todayInBelgium()),
};
