/**
 * Objectives (SD/OD), actions, the owners' progress reports, the timeline and "my actions"; the
 * renumbering of codes in tree order. Owners are staff members (person), units or descriptions
 * (resolveOwner in plan-context.ts); a new objective or action may bring its indicators along.
 */
import { randomUUID } from 'node:crypto';
import type { Queryable } from '../../platform/db/pool.js';
import { withOrgTx } from '../../platform/db/tx.js';
import { removeDeadlinesOf } from '../../platform/deadlines/index.js';
import { conflict, forbidden, invalid, notFound } from '../../platform/errors.js';
import { renumberCodes, type CodeObjective } from '../../../shared/plan-codes.js';
import type { ActionFilters, ActionUpdateBody, CreateActionBody, CreateIndicatorBody, CreateObjectiveBody, UpdateActionBody, UpdateObjectiveBody } from './contract.js';
import * as P from './policy.js';
import * as repo from './repo.js';
import { actionView, iso, type PlanContext, type PlanCtx } from './plan-context.js';
import { requireDatesInPeriod } from './plan-workflow.js';
import { syncActionDeadlines } from './plan-reminders.js';
import type { PlanSealing } from './sealed.js';

export function makePlanObjectives({ db, sealed, actorIn, loadPlan, loadPlanForAction, audit, editing, resolveOwner, tree }: PlanContext) {
  /** The indicators entered with a new objective or action, in the same transaction. */
  async function insertNewIndicators(tx: Queryable, orgId: string, planId: string, objectiveId: string, actionId: string | null, list: CreateIndicatorBody[] = []) {
    if (list.length === 0) return [];
    const rows = list.map((i, k) => ({
      id: randomUUID(), organisationId: orgId, planId, objectiveId, actionId, name: i.name, unit: i.unit ?? null,
      baseline: i.baseline == null ? null : String(i.baseline), target: i.target == null ? null : String(i.target), position: i.position ?? k,
    }));
    await repo.insertIndicators(tx, rows);
    return rows.map((r) => r.id);
  }

  return {
    // Objectives --------------------------------------------------------------------------

    /**
     * `inSameTx` lets another module keep its own record of the new objective (a link to it) in
     * the same transaction: if that fails, the objective is not created either.
     */
    async createObjective(ctx: PlanCtx, orgId: string, planId: string, body: CreateObjectiveBody, inSameTx?: (tx: Queryable, created: ReturnType<typeof objectiveOut>) => Promise<void>) {
      return editing(ctx, orgId, planId, async (tx) => {
        if (body.parentId) {
          const parent = await repo.findObjective(tx, orgId, planId, body.parentId);
          if (!parent || parent.parent_id !== null) throw invalid('plan_objective_parent', 'parentId');
        }
        const owner = await resolveOwner(tx, orgId, body);
        const id = randomUUID();
        await repo.insertObjectives(tx, [{
          id, organisationId: orgId, planId, parentId: body.parentId ?? null, code: body.code ?? '', title: body.title, description: body.description ?? null,
          ownerLabel: body.ownerLabel ?? null, ownerUserId: owner.ownerUserId ?? null, ownerPersonId: owner.ownerPersonId ?? null, ownerUnitId: owner.ownerUnitId ?? null,
          coActors: body.coActors ?? [], position: body.position ?? 0,
        }]);
        const indicatorIds = await insertNewIndicators(tx, orgId, planId, id, null, body.indicators);
        await audit(tx, ctx, orgId, planId, 'plan.objective_create', { objectiveId: id, level: body.parentId ? 'OD' : 'SD', ...(indicatorIds.length ? { indicatorIds } : {}) });
        const created = objectiveOut((await repo.findObjective(tx, orgId, planId, id))!);
        if (inSameTx) await inSameTx(tx, created);
        return created;
      });
    },

    async updateObjective(ctx: PlanCtx, orgId: string, planId: string, objectiveId: string, body: UpdateObjectiveBody, expected: number) {
      return editing(ctx, orgId, planId, async (tx) => {
        if (!(await repo.findObjective(tx, orgId, planId, objectiveId))) throw notFound('plan_objective');
        const { ownerUserId: _u, ownerPersonId: _p, ownerUnitId: _n, ...rest } = body;
        const set = { ...rest, ...(await resolveOwner(tx, orgId, body)) };
        const current = async () => objectiveOut((await repo.findObjective(tx, orgId, planId, objectiveId))!);
        await repo.editObjective(tx, orgId, objectiveId, expected, set, current);
        await audit(tx, ctx, orgId, planId, 'plan.objective_update', { objectiveId, fields: Object.keys(body) });
        return objectiveOut((await repo.findObjective(tx, orgId, planId, objectiveId))!);
      });
    },

    async deleteObjective(ctx: PlanCtx, orgId: string, planId: string, objectiveId: string) {
      return editing(ctx, orgId, planId, async (tx) => {
        if (!(await repo.findObjective(tx, orgId, planId, objectiveId))) throw notFound('plan_objective');
        if ((await repo.objectiveDependents(tx, orgId, objectiveId)) > 0) throw conflict('plan_objective_not_empty');
        await repo.deleteObjective(tx, orgId, objectiveId);
        await audit(tx, ctx, orgId, planId, 'plan.objective_delete', { objectiveId });
      });
    },

    // Actions ------------------------------------------------------------------------------

    /** `inSameTx`: as for createObjective. */
    async createAction(ctx: PlanCtx, orgId: string, planId: string, body: CreateActionBody, inSameTx?: (tx: Queryable, created: ReturnType<typeof actionView>) => Promise<void>) {
      return editing(ctx, orgId, planId, async (tx, pa, plan) => {
        if (!(await repo.findObjective(tx, orgId, planId, body.objectiveId))) throw invalid('plan_objective_parent', 'objectiveId');
        requireDatesInPeriod(plan, body);
        const owner = await resolveOwner(tx, orgId, body);
        const id = randomUUID();
        await repo.insertActions(tx, [{ ...actionColumns(body, sealed), ...owner, id, organisationId: orgId, planId, objectiveId: body.objectiveId, title: body.title }]);
        const indicatorIds = await insertNewIndicators(tx, orgId, planId, body.objectiveId, id, body.indicators);
        await syncActionDeadlines(tx, orgId, [id]); // due date, owner and status decide its deadline (none in a draft)
        await audit(tx, ctx, orgId, planId, 'plan.action_create', { actionId: id, objectiveId: body.objectiveId, ...(indicatorIds.length ? { indicatorIds } : {}) });
        const created = actionView((await repo.findAction(tx, orgId, planId, id))!, pa, plan, sealed);
        if (inSameTx) await inSameTx(tx, created);
        return created;
      });
    },

    async updateAction(ctx: PlanCtx, orgId: string, planId: string, actionId: string, body: UpdateActionBody, expected: number) {
      return editing(ctx, orgId, planId, async (tx, pa, plan) => {
        const current = await repo.findAction(tx, orgId, planId, actionId, { forUpdate: true });
        if (!current) throw notFound('plan_action');
        if (body.objectiveId && !(await repo.findObjective(tx, orgId, planId, body.objectiveId))) throw invalid('plan_objective_parent', 'objectiveId');
        const start = body.startDate !== undefined ? body.startDate : current.start_date;
        const due = body.dueDate !== undefined ? body.dueDate : current.due_date;
        if (start && due && start > due) throw invalid('plan_dates_order', 'dueDate');
        requireDatesInPeriod(plan, body);
        const owner = await resolveOwner(tx, orgId, body);
        await repo.editAction(tx, orgId, actionId, expected, { ...actionColumns(body, sealed), ...owner }, async () => actionView((await repo.findAction(tx, orgId, planId, actionId))!, pa, plan, sealed));
        // An action's indicators belong to its objective too: they move with it.
        if (body.objectiveId && body.objectiveId !== current.objective_id) await repo.moveActionIndicators(tx, orgId, actionId, body.objectiveId);
        await syncActionDeadlines(tx, orgId, [actionId]);
        await audit(tx, ctx, orgId, planId, 'plan.action_update_definition', { actionId, fields: Object.keys(body) });
        return actionView((await repo.findAction(tx, orgId, planId, actionId))!, pa, plan, sealed);
      });
    },

    async deleteAction(ctx: PlanCtx, orgId: string, planId: string, actionId: string) {
      return editing(ctx, orgId, planId, async (tx) => {
        if (!(await repo.findAction(tx, orgId, planId, actionId))) throw notFound('plan_action');
        await repo.deleteAction(tx, orgId, actionId);
        await removeDeadlinesOf(tx, orgId, 'plan_action', actionId);
        await audit(tx, ctx, orgId, planId, 'plan.action_delete', { actionId });
      });
    },

    /** The owner's progress report: one history row each time, the action carries the latest state. */
    async reportProgress(ctx: PlanCtx, orgId: string, planId: string, actionId: string, body: ActionUpdateBody) {
      return withOrgTx(db, orgId, async (tx) => {
        const pa = await actorIn(tx, ctx.actor, orgId);
        const { plan, action, subject } = await loadPlanForAction(tx, orgId, planId, pa, actionId, true);
        if (!P.canUpdateAction(pa, plan, subject)) {
          if (plan.status !== 'approved' && plan.status !== 'in_force') throw conflict('plan_wrong_status', { status: plan.status });
          throw forbidden();
        }
        const status = body.status ?? action.stored_status;
        const progress = body.progress ?? (status === 'done' && body.status ? 100 : action.progress);
        await repo.updateAction(tx, orgId, actionId, { status, progress, ...(body.note !== undefined ? { notes: sealed.sealNotes(body.note) } : {}) });
        await syncActionDeadlines(tx, orgId, [actionId]); // done or stopped: completed; reopened: open again
        await repo.insertActionUpdate(tx, { orgId, planId, actionId, by: ctx.actor.userId, status, progress, note: sealed.sealNotes(body.note ?? null) });
        await audit(tx, ctx, orgId, planId, 'plan.action_progress', { actionId, status, progress, note: body.note !== undefined });
        return actionView((await repo.findAction(tx, orgId, planId, actionId))!, pa, plan, sealed);
      });
    },

    async listProgress(ctx: PlanCtx, orgId: string, planId: string, actionId: string) {
      return withOrgTx(db, orgId, async (tx) => {
        const pa = await actorIn(tx, ctx.actor, orgId);
        const { subject } = await loadPlanForAction(tx, orgId, planId, pa, actionId);
        const notes = P.canSeeActionNotes(pa, subject);
        if (notes) await audit(tx, ctx, orgId, planId, 'plan.action_history_read', { actionId });
        return {
          items: (await repo.listActionUpdates(tx, orgId, actionId)).map((u) => ({
            id: Number(u.id), at: iso(u.at)!, by: u.by ? { id: u.by, displayName: u.by_name ?? '' } : null,
            status: u.status as 'planned', progress: u.progress, note: notes ? sealed.openNotes(u.note) : null,
          })),
        };
      });
    },

    async timeline(ctx: PlanCtx, orgId: string, planId: string, filters: ActionFilters = {}) {
      return withOrgTx(db, orgId, async (tx) => {
        const pa = await actorIn(tx, ctx.actor, orgId);
        const plan = await loadPlan(tx, orgId, planId, pa);
        const objectives = await repo.listObjectives(tx, orgId, planId);
        const byId = new Map(objectives.map((o) => [o.id, o]));
        const sdOf = (id: string): repo.ObjectiveRow => { const o = byId.get(id)!; return o.parent_id ? sdOf(o.parent_id) : o; };
        const groups = new Map<string, { objective: { id: string; code: string; title: string }; actions: unknown[] }>();
        for (const sd of objectives.filter((o) => !o.parent_id)) groups.set(sd.id, { objective: { id: sd.id, code: sd.code, title: sd.title }, actions: [] });
        for (const a of await repo.listActions(tx, orgId, planId, filters)) {
          const sd = sdOf(a.objective_id);
          groups.get(sd.id)!.actions.push({
            id: a.id, title: a.title, objectiveCode: byId.get(a.objective_id)!.code, startDate: a.start_date, dueDate: a.due_date,
            timingLabel: a.timing_label, status: a.status, progress: a.progress,
          });
        }
        return { periodFrom: plan.period_from, periodTo: plan.period_to, groups: [...groups.values()] as never };
      });
    },

    /**
     * Renumbers every objective and action in tree order (SD i, OD i.j, A i.j.k in the plan's style,
     * shared/plan-codes.ts), in one transaction. A bulk edit of the plan: it requires the plan's
     * revision (If-Match) and moves it, and each changed row's, so editors holding an old one are told.
     */
    async renumber(ctx: PlanCtx, orgId: string, planId: string, expected: number) {
      return editing(ctx, orgId, planId, async (tx, pa, plan) => {
        const revision = await repo.editPlan(tx, orgId, planId, expected, {}, async () => tree(tx, orgId, plan, pa));
        const objectives = await repo.listObjectives(tx, orgId, planId);
        const actions = await repo.listActions(tx, orgId, planId);
        const nodes = new Map<string, CodeObjective & { children: CodeObjective[]; actions: { id: string; code: string | null }[] }>(
          objectives.map((o) => [o.id, { id: o.id, code: o.code, children: [], actions: [] }]));
        const roots: CodeObjective[] = [];
        for (const o of objectives) (o.parent_id ? nodes.get(o.parent_id)?.children : roots)?.push(nodes.get(o.id)!);
        for (const a of actions) nodes.get(a.objective_id)?.actions.push({ id: a.id, code: a.code });
        const codes = renumberCodes(roots, plan.language);
        const changed = {
          objectives: await repo.setCodes(tx, orgId, planId, 'plan_objective', codes.objectives),
          actions: await repo.setCodes(tx, orgId, planId, 'plan_action', codes.actions),
        };
        await audit(tx, ctx, orgId, planId, 'plan.renumber', changed);
        return { ...changed, revision };
      });
    },

    async myActions(ctx: PlanCtx, orgId: string) {
      return withOrgTx(db, orgId, async (tx) => {
        const pa = await actorIn(tx, ctx.actor, orgId);
        const rows = await repo.myActions(tx, orgId, ctx.actor.userId, pa.unitIds);
        return {
          items: rows.map((r) => ({
            ...actionView(r, pa, { status: r.plan_status }, sealed), plan: { id: r.plan_id, title: r.plan_title, status: r.plan_status },
            objectiveCode: r.objective_code, objectiveTitle: r.objective_title, viaUnit: r.via_unit,
          })),
        };
      });
    },
  };
}

function objectiveOut(o: repo.ObjectiveRow) {
  return {
    id: o.id, parentId: o.parent_id, code: o.code, title: o.title, description: o.description, ownerLabel: o.owner_label,
    ownerUserId: o.owner_user_id, ownerPersonId: o.owner_person_id, ownerUnitId: o.owner_unit_id, coActors: o.co_actors ?? [], position: o.position, revision: o.revision,
  };
}

function actionColumns(b: Partial<CreateActionBody>, sealed: PlanSealing) {
  const out: Record<string, unknown> = {};
  const map: [keyof CreateActionBody, string][] = [
    ['objectiveId', 'objectiveId'], ['code', 'code'], ['title', 'title'], ['description', 'description'], ['ownerLabel', 'ownerLabel'],
    ['coActors', 'coActors'], ['startDate', 'startDate'], ['dueDate', 'dueDate'],
    ['timingLabel', 'timingLabel'], ['status', 'status'], ['progress', 'progress'], ['imfFunction', 'imfFunction'], ['imfLayer', 'imfLayer'],
    ['nature', 'nature'], ['meansTime', 'meansTime'], ['meansPeople', 'meansPeople'], ['meansNote', 'meansNote'], ['notes', 'notes'], ['position', 'position'],
  ];
  for (const [k, col] of map) if (b[k] !== undefined) out[col] = b[k];
  if (b.notes !== undefined) out.notes = sealed.sealNotes(b.notes);
  if (b.meansBudgetEur !== undefined) out.meansBudgetEur = b.meansBudgetEur === null ? null : String(b.meansBudgetEur);
  return out;
}
