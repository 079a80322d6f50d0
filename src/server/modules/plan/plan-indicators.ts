/** Indicators of an objective or of one of its actions, and their yearly measurements. */
import { randomUUID } from 'node:crypto';
import type { Queryable } from '../../platform/db/pool.js';
import { withOrgTx } from '../../platform/db/tx.js';
import { conflict, forbidden, invalid, notFound } from '../../platform/errors.js';
import type { CreateIndicatorBody, IndicatorView } from './contract.js';
import * as P from './policy.js';
import * as repo from './repo.js';
import { indicatorViewOf, type PlanContext, type PlanCtx } from './plan-context.js';

export function makePlanIndicators({ db, actorIn, loadPlan, audit, editing }: PlanContext) {
  async function insert(tx: Queryable, ctx: PlanCtx, orgId: string, planId: string, objectiveId: string, actionId: string | null, body: CreateIndicatorBody) {
    const id = randomUUID();
    await repo.insertIndicators(tx, [{
      id, organisationId: orgId, planId, objectiveId, actionId, name: body.name, unit: body.unit ?? null,
      baseline: body.baseline == null ? null : String(body.baseline), target: body.target == null ? null : String(body.target), position: body.position ?? 0,
    }]);
    await audit(tx, ctx, orgId, planId, 'plan.indicator_create', { objectiveId, ...(actionId ? { actionId } : {}), indicatorId: id });
    return indicatorOut(tx, orgId, planId, id);
  }

  return {
    async createIndicator(ctx: PlanCtx, orgId: string, planId: string, objectiveId: string, body: CreateIndicatorBody) {
      return editing(ctx, orgId, planId, async (tx) => {
        if (!(await repo.findObjective(tx, orgId, planId, objectiveId))) throw notFound('plan_objective');
        return insert(tx, ctx, orgId, planId, objectiveId, null, body);
      });
    },

    /** An indicator of one action: it sits with the action's objective and goes when the action is deleted. */
    async createActionIndicator(ctx: PlanCtx, orgId: string, planId: string, actionId: string, body: CreateIndicatorBody) {
      return editing(ctx, orgId, planId, async (tx) => {
        const action = await repo.findAction(tx, orgId, planId, actionId);
        if (!action) throw notFound('plan_action');
        return insert(tx, ctx, orgId, planId, action.objective_id, action.id, body);
      });
    },

    async updateIndicator(ctx: PlanCtx, orgId: string, planId: string, indicatorId: string, body: { name?: string; unit?: string | null; baseline?: number | null; target?: number | null; position?: number }, expected: number) {
      return editing(ctx, orgId, planId, async (tx) => {
        if (!(await repo.findIndicator(tx, orgId, planId, indicatorId))) throw notFound('plan_indicator');
        const set: Record<string, unknown> = { ...body };
        if (body.baseline !== undefined) set.baseline = body.baseline === null ? null : String(body.baseline);
        if (body.target !== undefined) set.target = body.target === null ? null : String(body.target);
        await repo.editIndicator(tx, orgId, indicatorId, expected, set, () => indicatorOut(tx, orgId, planId, indicatorId));
        await audit(tx, ctx, orgId, planId, 'plan.indicator_update', { indicatorId, fields: Object.keys(body) });
        return indicatorOut(tx, orgId, planId, indicatorId);
      });
    },

    async deleteIndicator(ctx: PlanCtx, orgId: string, planId: string, indicatorId: string) {
      return editing(ctx, orgId, planId, async (tx) => {
        if (!(await repo.findIndicator(tx, orgId, planId, indicatorId))) throw notFound('plan_indicator');
        await repo.deleteIndicator(tx, orgId, indicatorId);
        await audit(tx, ctx, orgId, planId, 'plan.indicator_delete', { indicatorId });
      });
    },

    async putMeasurement(ctx: PlanCtx, orgId: string, planId: string, indicatorId: string, year: number, body: { value: number; note?: string | null }, expected: number) {
      return withOrgTx(db, orgId, async (tx) => {
        const pa = await actorIn(tx, ctx.actor, orgId);
        const plan = await loadPlan(tx, orgId, planId, pa, { forUpdate: true });
        if (!P.isPlanManager(pa)) throw forbidden();
        if (!P.canMeasure(pa, plan)) throw conflict('plan_wrong_status', { status: plan.status });
        if (!(await repo.findIndicator(tx, orgId, planId, indicatorId))) throw notFound('plan_indicator');
        // A measurement belongs to a year of the plan, as an evaluation does (same rule, policy.ts).
        if (!P.yearInPeriod(plan, year)) throw invalid('plan_measurement_year', 'year');
        // The conflict answer is the indicator with its measurements as they are now.
        await repo.putMeasurementAt(tx, orgId, planId, indicatorId, year, expected, { value: body.value, note: body.note ?? null }, () => indicatorOut(tx, orgId, planId, indicatorId));
        await audit(tx, ctx, orgId, planId, 'plan.measurement_put', { indicatorId, year });
        return indicatorOut(tx, orgId, planId, indicatorId);
      });
    },

    async deleteMeasurement(ctx: PlanCtx, orgId: string, planId: string, indicatorId: string, year: number) {
      return withOrgTx(db, orgId, async (tx) => {
        const pa = await actorIn(tx, ctx.actor, orgId);
        const plan = await loadPlan(tx, orgId, planId, pa, { forUpdate: true });
        if (!P.isPlanManager(pa)) throw forbidden();
        if (!P.canMeasure(pa, plan)) throw conflict('plan_wrong_status', { status: plan.status });
        if (!(await repo.findIndicator(tx, orgId, planId, indicatorId))) throw notFound('plan_indicator');
        if ((await repo.deleteMeasurement(tx, orgId, indicatorId, year)) === 0) throw notFound('plan_measurement');
        await audit(tx, ctx, orgId, planId, 'plan.measurement_delete', { indicatorId, year });
      });
    },
  };
}

async function indicatorOut(tx: Queryable, orgId: string, planId: string, indicatorId: string): Promise<IndicatorView> {
  return indicatorViewOf((await repo.listIndicators(tx, orgId, planId)).find((x) => x.id === indicatorId)!);
}
