/** Indicators of an operational objective and their yearly measurements. */
import { randomUUID } from 'node:crypto';
import type { Queryable } from '../../platform/db/pool.js';
import { withOrgTx } from '../../platform/db/tx.js';
import { conflict, forbidden, invalid, notFound } from '../../platform/errors.js';
import type { IndicatorView } from './contract.js';
import * as P from './policy.js';
import * as repo from './repo.js';
import type { PlanContext, PlanCtx } from './plan-context.js';

export function makePlanIndicators({ db, actorIn, loadPlan, audit, editing }: PlanContext) {
  return {
    async createIndicator(ctx: PlanCtx, orgId: string, planId: string, objectiveId: string, body: { name: string; unit?: string | null; baseline?: number | null; target?: number | null; position?: number }) {
      return editing(ctx, orgId, planId, async (tx) => {
        if (!(await repo.findObjective(tx, orgId, planId, objectiveId))) throw notFound('plan_objective');
        const id = randomUUID();
        await repo.insertIndicators(tx, [{
          id, organisationId: orgId, planId, objectiveId, name: body.name, unit: body.unit ?? null,
          baseline: body.baseline == null ? null : String(body.baseline), target: body.target == null ? null : String(body.target), position: body.position ?? 0,
        }]);
        await audit(tx, ctx, orgId, planId, 'plan.indicator_create', { objectiveId, indicatorId: id });
        return indicatorOut(tx, orgId, planId, id);
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
  const i = (await repo.listIndicators(tx, orgId, planId)).find((x) => x.id === indicatorId)!;
  return {
    id: i.id, objectiveId: i.objective_id, name: i.name, unit: i.unit, baseline: i.baseline === null ? null : Number(i.baseline),
    target: i.target === null ? null : Number(i.target), position: i.position, revision: i.revision,
    measurements: (i.measurements ?? []).map((m) => ({ year: Number(m.year), value: Number(m.value), note: m.note ?? null, revision: Number(m.revision) })),
  };
}
