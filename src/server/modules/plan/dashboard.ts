import type { Actor } from '../../platform/authz/actor.js';
import type { DashboardTile } from '../../platform/dashboard/contract.js';
import type { Db } from '../../platform/db/pool.js';
import { withOrgTx } from '../../platform/db/tx.js';
import { emptyCounts } from './plan-context.js';
import { isHeadOfService, isPlanManager, planActor } from './policy.js';
import * as repo from './repo.js';
import type { StatusCounts } from './contract.js';

export const planDashboardMessages = {
  progress: /*i18n*/ { id: 'plan.dashboard.progress', message: 'Progress of the plan in force' },
  progressNote: /*i18n*/ { id: 'plan.dashboard.progress_note', message: '{title} ({from}–{to}), version {version}.' },
  noPlan: /*i18n*/ { id: 'plan.dashboard.no_plan', message: 'No policy plan is in force.' },
  actions: /*i18n*/ { id: 'plan.dashboard.actions', message: 'Actions' },
  percentDone: /*i18n*/ { id: 'plan.dashboard.percent_done', message: 'Done' },
  late: /*i18n*/ { id: 'plan.dashboard.late', message: 'Late' },
  byStatus: /*i18n*/ { id: 'plan.dashboard.by_status', message: 'Actions of the plan in force by status' },
  status: {
    planned: /*i18n*/ { id: 'plan.dashboard.status.planned', message: 'Planned' },
    in_progress: /*i18n*/ { id: 'plan.dashboard.status.in_progress', message: 'In progress' },
    done: /*i18n*/ { id: 'plan.dashboard.status.done', message: 'Done' },
    late: /*i18n*/ { id: 'plan.dashboard.status.late', message: 'Late' },
    stopped: /*i18n*/ { id: 'plan.dashboard.status.stopped', message: 'Stopped' },
  },
};
const M = planDashboardMessages;

/**
 * The plan's tiles on the organisation's dashboard: how the actions of the plan in force stand
 * (by status, share done, late). Counts of the organisation's work, not of people: the officer, the
 * chief and the heads of service, who read every plan, see them; a staff member does not.
 */
export async function planDashboardTiles(db: Db, actor: Actor, orgId: string, today: string): Promise<DashboardTile[]> {
  const pa = planActor(actor, orgId);
  if (!isPlanManager(pa) && !isHeadOfService(pa)) return [];
  return withOrgTx(db, orgId, async (tx) => {
    const plans = await repo.listPlans(tx, orgId, ['in_force']);
    // The latest put in force (raw SQL may give the time as a string).
    const at = (p: repo.PlanRow) => (p.in_force_at ? new Date(p.in_force_at).getTime() : 0);
    const plan = plans.sort((a, b) => at(b) - at(a))[0];
    if (!plan) return [{ id: 'plan.progress', title: M.progress, note: M.noPlan, unit: 'count', kind: 'figures', figures: [] }];
    const byStatus = emptyCounts();
    for (const c of await repo.actionCounts(tx, orgId, plan.id, today)) byStatus[c.status as keyof StatusCounts] += Number(c.n);
    const total = Object.values(byStatus).reduce((s, n) => s + n, 0);
    const note = { ...M.progressNote, values: { title: plan.title, from: plan.period_from, to: plan.period_to, version: plan.version } };
    const statuses = Object.keys(M.status) as (keyof StatusCounts)[];
    return [
      {
        id: 'plan.progress', title: M.progress, note, unit: 'count', kind: 'figures',
        figures: [
          { label: M.actions, value: total },
          { label: M.percentDone, value: total === 0 ? null : Math.round((byStatus.done / total) * 1000) / 10, unit: 'percent' },
          { label: M.late, value: byStatus.late },
        ],
      },
      {
        id: 'plan.by_status', title: M.byStatus, note, unit: 'count', kind: 'series', chart: 'bar',
        categories: statuses.map((s) => M.status[s]), series: [{ label: M.actions, values: statuses.map((s) => byStatus[s]) }],
      },
    ];
  });
}
