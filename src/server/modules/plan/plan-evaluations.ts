/** Yearly evaluations of a plan, with the indicator snapshot they keep, and the yearly report's plan chapter. */
import type { Queryable } from '../../platform/db/pool.js';
import { withOrgTx } from '../../platform/db/tx.js';
import { EditConflict } from '../../platform/db/revision.js';
import { conflict, forbidden, invalid, notFound } from '../../platform/errors.js';
import type { EvaluationView, IndicatorSnapshotItem, StatusCounts } from './contract.js';
import * as P from './policy.js';
import * as repo from './repo.js';
import { emptyCounts, evaluationView, targetMet, todayIso, type PlanContext, type PlanCtx } from './plan-context.js';
import { tell } from './plan-workflow.js';

/** The indicators' values of a year and the actions' status counts at its end (or today, for the running year). */
export async function snapshot(tx: Queryable, orgId: string, plan: repo.PlanRow, year: number) {
  const objectives = new Map((await repo.listObjectives(tx, orgId, plan.id)).map((o) => [o.id, o]));
  const indicators = await repo.listIndicators(tx, orgId, plan.id);
  const items: IndicatorSnapshotItem[] = indicators.map((i) => {
    const o = objectives.get(i.objective_id);
    const m = (i.measurements ?? []).find((x) => Number(x.year) === year);
    const baseline = i.baseline === null ? null : Number(i.baseline);
    const target = i.target === null ? null : Number(i.target);
    const value = m ? Number(m.value) : null;
    return { indicatorId: i.id, objectiveCode: o?.code ?? '', objectiveTitle: o?.title ?? '', name: i.name, unit: i.unit, baseline, target, value, met: targetMet(baseline, target, value) };
  });
  const endOfYear = `${year}-12-31`;
  const asOf = endOfYear < todayIso() ? endOfYear : todayIso();
  const actionCounts = emptyCounts();
  for (const c of await repo.yearActionCounts(tx, orgId, plan.id, year, asOf)) actionCounts[c.status as keyof StatusCounts] += Number(c.n);
  return { indicators: items, actionCounts };
}

export function makePlanEvaluations({ db, deps, loadPlan, audit }: PlanContext) {
  return {
    async listEvaluations(ctx: PlanCtx, orgId: string, planId: string) {
      return withOrgTx(db, orgId, async (tx) => {
        const pa = P.planActor(ctx.actor, orgId);
        await loadPlan(tx, orgId, planId, pa);
        return { items: (await repo.listEvaluations(tx, orgId, planId)).map(evaluationView) };
      });
    },

    async createEvaluation(ctx: PlanCtx, orgId: string, planId: string, body: { year: number; doneText?: string; indicatorsText?: string; changesText?: string }) {
      return withOrgTx(db, orgId, async (tx) => {
        const pa = P.planActor(ctx.actor, orgId);
        const plan = await loadPlan(tx, orgId, planId, pa, { forUpdate: true });
        if (!P.isPlanManager(pa)) throw forbidden();
        if (!P.canEvaluate(pa, plan)) throw conflict('plan_wrong_status', { status: plan.status });
        if (!P.yearInPeriod(plan, body.year)) throw invalid('plan_evaluation_year', 'year');
        if (await repo.findEvaluation(tx, orgId, planId, body.year)) throw conflict('plan_evaluation_exists', {}, 'year');
        await repo.insertEvaluation(tx, {
          orgId, planId, year: body.year, doneText: body.doneText ?? '', indicatorsText: body.indicatorsText ?? '', changesText: body.changesText ?? '',
          snapshot: await snapshot(tx, orgId, plan, body.year), by: ctx.actor.userId,
        });
        await audit(tx, ctx, orgId, planId, 'plan.evaluation_create', { year: body.year });
        return evaluationView((await repo.findEvaluation(tx, orgId, planId, body.year))!);
      });
    },

    async updateEvaluation(ctx: PlanCtx, orgId: string, planId: string, year: number, body: { doneText?: string; indicatorsText?: string; changesText?: string }, expected: number) {
      return withOrgTx(db, orgId, async (tx) => {
        const pa = P.planActor(ctx.actor, orgId);
        const plan = await loadPlan(tx, orgId, planId, pa);
        if (!P.isPlanManager(pa)) throw forbidden();
        const ev = await repo.findEvaluation(tx, orgId, planId, year, { forUpdate: true });
        if (!ev) throw notFound('plan_evaluation');
        if (ev.status === 'approved') throw conflict('plan_evaluation_approved');
        // Each save refreshes the indicator snapshot: measurements may have been added since.
        await repo.editEvaluation(tx, orgId, ev.id, expected, { ...body, indicatorsSnapshot: await snapshot(tx, orgId, plan, year) as never },
          async () => evaluationView((await repo.findEvaluation(tx, orgId, planId, year))!));
        await audit(tx, ctx, orgId, planId, 'plan.evaluation_update', { year, fields: Object.keys(body) });
        return evaluationView((await repo.findEvaluation(tx, orgId, planId, year))!);
      });
    },

    async approveEvaluation(ctx: PlanCtx, orgId: string, planId: string, year: number, expected?: number) {
      return withOrgTx(db, orgId, async (tx) => {
        const pa = P.planActor(ctx.actor, orgId);
        const plan = await loadPlan(tx, orgId, planId, pa);
        if (!P.canApproveEvaluation(pa)) throw forbidden();
        const ev = await repo.findEvaluation(tx, orgId, planId, year, { forUpdate: true });
        if (!ev) throw notFound('plan_evaluation');
        if (ev.status === 'approved') throw conflict('plan_evaluation_approved');
        // The chief approves the text they read: when they name its revision, a newer text is a conflict (row locked above).
        if (expected !== undefined && ev.revision !== expected) throw new EditConflict(evaluationView(ev));
        await repo.updateEvaluation(tx, orgId, ev.id, { snapshot: await snapshot(tx, orgId, plan, year), approvedBy: ctx.actor.userId });
        await audit(tx, ctx, orgId, planId, 'plan.evaluation_approve', { year });
        await tell(tx, deps.mailer, deps.publicUrl, orgId, P.AUTHORS, ctx.actor.userId, 'plan.evaluation_approved', plan, { year }, '/evaluations');
        return evaluationView((await repo.findEvaluation(tx, orgId, planId, year))!);
      });
    },

    /** The plan chapter of the yearly integrity report: the approved evaluation of that year, if any. */
    async yearlyReportChapter(orgId: string, year: number): Promise<EvaluationView | null> {
      return withOrgTx(db, orgId, async (tx) => {
        const ev = await repo.approvedEvaluationOfYear(tx, orgId, year);
        return ev ? evaluationView(ev) : null;
      });
    },
  };
}
