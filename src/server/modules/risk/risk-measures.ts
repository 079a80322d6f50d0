/**
 * What an analysis decides per process: controls in place, recommendations (edited until completion,
 * followed up after it) and a recommendation turned into a plan entry by the plan's own service.
 */
import type { Queryable } from '../../platform/db/pool.js';
import { withOrgTx } from '../../platform/db/tx.js';
import { conflict, forbidden, invalid, notFound } from '../../platform/errors.js';
import { createActionBody, createObjectiveBody } from '../plan/contract.js';
import type * as c from './contract.js';
import * as P from './policy.js';
import * as repo from './repo.js';
import type { RiskContext, RiskCtx } from './risk-context.js';
import { controlView, recommendationView } from './risk-views.js';

export function makeRiskMeasures({ db, plan, audit, load, requireWrite, requireInScope, checkOwner, findControl, findRec }: RiskContext) {
  return {
    // Controls ----------------------------------------------------------------------------------

    async createControl(ctx: RiskCtx, orgId: string, id: string, processId: string, body: c.ControlBody): Promise<c.ControlView> {
      return withOrgTx(db, orgId, async (tx) => {
        const { m, ra } = await load(tx, ctx, orgId, id, { lock: 'share' });
        requireWrite(m, P.canEditControls(ra, m), P.isOfficer(ra));
        await requireInScope(tx, orgId, m, processId);
        const cid = await repo.insertControl(tx, { orgId, analysisId: id, processId, ...body });
        await audit(tx, ctx, orgId, 'risk_control', id, 'control_create', { processId, controlId: cid, type: body.type, effectiveness: body.effectiveness });
        return controlView(await findControl(tx, orgId, id, cid));
      });
    },

    async updateControl(ctx: RiskCtx, orgId: string, id: string, controlId: string, body: c.UpdateControlBody, expected: number): Promise<c.ControlView> {
      return withOrgTx(db, orgId, async (tx) => {
        const { m, ra } = await load(tx, ctx, orgId, id, { lock: 'share' });
        requireWrite(m, P.canEditControls(ra, m), P.isOfficer(ra));
        await findControl(tx, orgId, id, controlId);
        const current = async () => (await repo.controlsOf(tx, orgId, id)).filter((x) => x.id === controlId).map(controlView)[0];
        await repo.updateControl(tx, orgId, id, controlId, { ...body }, expected, current);
        await audit(tx, ctx, orgId, 'risk_control', id, 'control_update', { controlId, fields: Object.keys(body) });
        return (await current())!;
      });
    },

    async deleteControl(ctx: RiskCtx, orgId: string, id: string, controlId: string) {
      return withOrgTx(db, orgId, async (tx) => {
        const { m, ra } = await load(tx, ctx, orgId, id, { lock: 'share' });
        requireWrite(m, P.canEditControls(ra, m), P.isOfficer(ra));
        if (!(await repo.deleteControl(tx, orgId, id, controlId))) throw notFound('risk_control');
        await audit(tx, ctx, orgId, 'risk_control', id, 'control_delete', { controlId });
      });
    },

    // Recommendations ---------------------------------------------------------------------------

    async createRecommendation(ctx: RiskCtx, orgId: string, id: string, processId: string, body: c.RecommendationBody): Promise<c.RecommendationView> {
      return withOrgTx(db, orgId, async (tx) => {
        const { m, ra } = await load(tx, ctx, orgId, id, { lock: 'share' });
        requireWrite(m, P.canEditRecommendations(ra, m), P.isOfficer(ra));
        await requireInScope(tx, orgId, m, processId);
        await checkOwner(tx, orgId, body.ownerPersonId, 'ownerPersonId');
        const rid = await repo.insertRecommendation(tx, { orgId, analysisId: id, processId, text: body.text, ownerPersonId: body.ownerPersonId ?? null, dueDate: body.dueDate ?? null, userId: ctx.actor.userId });
        await audit(tx, ctx, orgId, 'risk_recommendation', id, 'recommendation_create', { processId, recommendationId: rid });
        return recommendationView(await findRec(tx, orgId, id, rid));
      });
    },

    /** Before completion everything; after it, the follow-up only (status, owner, due date). */
    async updateRecommendation(ctx: RiskCtx, orgId: string, id: string, recId: string, body: c.UpdateRecommendationBody, expected: number): Promise<c.RecommendationView> {
      return withOrgTx(db, orgId, async (tx) => {
        const { m, ra } = await load(tx, ctx, orgId, id, { lock: 'share' });
        const followUpOnly = body.text === undefined;
        requireWrite(m, followUpOnly ? P.canFollowUp(ra, m) : P.canEditRecommendations(ra, m), P.isOfficer(ra), followUpOnly);
        await findRec(tx, orgId, id, recId);
        await checkOwner(tx, orgId, body.ownerPersonId, 'ownerPersonId');
        const set: Record<string, unknown> = {};
        if (body.text !== undefined) set.text = body.text;
        if (body.ownerPersonId !== undefined) set.ownerPersonId = body.ownerPersonId;
        if (body.dueDate !== undefined) set.dueDate = body.dueDate;
        if (body.status !== undefined) set.status = body.status;
        const current = async () => {
          const r = await repo.findRecommendation(tx, orgId, id, recId);
          return r ? recommendationView(r) : undefined;
        };
        await repo.updateRecommendation(tx, orgId, id, recId, set, expected, current);
        await audit(tx, ctx, orgId, 'risk_recommendation', id, 'recommendation_update', { recommendationId: recId, fields: Object.keys(set), status: body.status });
        return (await current())!;
      });
    },

    async deleteRecommendation(ctx: RiskCtx, orgId: string, id: string, recId: string) {
      return withOrgTx(db, orgId, async (tx) => {
        const { m, ra } = await load(tx, ctx, orgId, id, { lock: 'share' });
        requireWrite(m, P.canEditRecommendations(ra, m), P.isOfficer(ra));
        const r = await findRec(tx, orgId, id, recId);
        if (r.plan_kind) throw conflict('risk_recommendation_linked');
        await repo.deleteRecommendation(tx, orgId, id, recId);
        await audit(tx, ctx, orgId, 'risk_recommendation', id, 'recommendation_delete', { recommendationId: recId });
      });
    },

    /**
     * A recommendation becomes an action (or objective) in a draft policy plan, in one step: the plan's
     * own service writes it (its rules, its audit) and, in the same transaction, the link is kept on the
     * recommendation. The checks run first, so a refused recommendation leaves the plan untouched; a
     * refused plan entry leaves the recommendation unlinked.
     */
    async createPlanEntry(ctx: RiskCtx, orgId: string, id: string, recId: string, body: c.PlanEntryBody): Promise<c.RecommendationView> {
      const rec = await withOrgTx(db, orgId, async (tx) => {
        const { m, ra } = await load(tx, ctx, orgId, id);
        if (!P.canLinkToPlan(ra, m)) {
          if (!P.isOfficer(ra)) throw forbidden();
          throw conflict('risk_wrong_status', { status: m.status });
        }
        const r = await findRec(tx, orgId, id, recId);
        if (r.plan_kind) throw conflict('risk_already_linked');
        return r;
      });
      const planCtx = { actor: ctx.actor, audit: ctx.audit };
      let out: c.RecommendationView | undefined;
      const keepLink = async (tx: Queryable, entry: { kind: 'action' | 'objective'; objectiveId: string | null; actionId: string | null }) => {
        // The recommendation may have been linked meanwhile: then the plan entry goes too (the whole transaction rolls back).
        if (!(await repo.linkRecommendation(tx, orgId, recId, { planId: body.planId, ...entry }))) throw conflict('risk_already_linked');
        await audit(tx, ctx, orgId, 'risk_recommendation', id, 'plan_link', { recommendationId: recId, planId: body.planId, kind: entry.kind, actionId: entry.actionId, objectiveId: entry.objectiveId });
        out = recommendationView((await repo.findRecommendation(tx, orgId, id, recId))!);
      };
      const title = body.title ?? rec.text.split('\n')[0].trim().slice(0, 1000);
      if (body.kind === 'action') {
        const parsed = createActionBody.safeParse({
          objectiveId: body.objectiveId, title, description: body.description ?? rec.text, dueDate: body.dueDate !== undefined ? body.dueDate : rec.due_date,
          ...(rec.owner_person_id ? { ownerPersonId: rec.owner_person_id } : {}),
        });
        if (!parsed.success) throw invalid('risk_plan_entry_invalid');
        await plan.createAction(planCtx, orgId, body.planId, parsed.data, (tx, action) => keepLink(tx, { kind: 'action', objectiveId: action.objectiveId, actionId: action.id }));
      } else {
        const parsed = createObjectiveBody.safeParse({ parentId: body.objectiveId ?? null, title, description: body.description ?? rec.text });
        if (!parsed.success) throw invalid('risk_plan_entry_invalid');
        await plan.createObjective(planCtx, orgId, body.planId, parsed.data, (tx, objective) => keepLink(tx, { kind: 'objective', objectiveId: objective.id, actionId: null }));
      }
      return out!;
    },
  };
}
