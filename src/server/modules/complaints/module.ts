import { hasRole } from '../../platform/authz/actor.js';
import { withOrgTx } from '../../platform/db/tx.js';
import { todayInBelgium } from '../../platform/deadlines/index.js';
import type { OversightFigure, ServerModule } from '../../platform/module.js';
import { tablesOf } from '../../platform/module.js';
import type { OversightScope } from '../../platform/oversight/index.js';
import './deadlines.js';
import { loadDemoComplaints } from './demo.js';
import { deskOffered } from './filing.js';
import { COMPLAINTS_ROLES, COORDINATOR_ROLES } from './policy.js';
import { complaintsPublicRoutes } from './public-routes.js';
import * as repo from './repo.js';
import { complaintsRoutes } from './routes.js';
import * as schema from './schema.js';

/** Per organisation, small counts hidden: received and answered this year, open, late now. */
export async function complaintsOversightFigures(scope: OversightScope, today = todayInBelgium()): Promise<OversightFigure[]> {
  const rows = await repo.oversightCounts(scope.tx, today);
  return rows.flatMap((x) => (['received', 'answered', 'open', 'late'] as const).map((k) => ({
    id: `complaints.${k}`, organisationId: x.organisation_id, value: scope.count(x.organisation_id, x[k]),
  })));
}

/**
 * The citizens' complaints desk (issue 19): the public form and the status page through the code,
 * the coordinator's registration and triage, the handlers' work on the complaints assigned to them,
 * lead times through the platform's deadlines. Content encrypted per complaint (platform/vault).
 */
export const complaintsModule: ServerModule = {
  name: 'complaints',
  routes: complaintsRoutes() as ServerModule['routes'],
  publicRoutes: complaintsPublicRoutes() as ServerModule['publicRoutes'],
  publicServices: [{ id: 'complaints', offered: ({ deps, org }) => withOrgTx(deps.database.db, org.id, (tx) => deskOffered(tx, org.id)) }],
  tables: tablesOf(schema),
  demo: loadDemoComplaints,
  // What waits for the person: complaints to triage (coordinators), late ones and those assigned to them; counts only.
  homeFigures: async (deps, actor, orgId) => {
    if (!hasRole(actor, orgId, COMPLAINTS_ROLES)) return [];
    const coordinator = hasRole(actor, orgId, COORDINATOR_ROLES);
    const n = await withOrgTx(deps.database.db, orgId, (tx) => repo.homeCounts(tx, orgId, actor.userId, coordinator, deps.today?.() ?? todayInBelgium()));
    return [
      ...(coordinator ? [{ id: 'complaints.to_triage', count: n.to_triage }] : []),
      { id: 'complaints.late', count: n.late },
      { id: 'complaints.mine', count: n.mine },
    ];
  },
  oversightFigures: (scope) => complaintsOversightFigures(scope),
};
