/** Plans as a whole: templates, list, create, read, edit, delete, the status steps, versions, compare and history. */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/service.js';
import type { Tx } from '../../platform/db/pool.js';
import { withOrgTx, withSystemTx } from '../../platform/db/tx.js';
import { EditConflict } from '../../platform/db/revision.js';
import { conflict, forbidden, invalid, unprocessable } from '../../platform/errors.js';
import type { Locale, Role } from '../../../shared/roles.js';
import {
  EMPTY_SECTIONS, type ActionFilters, type CreatePlanBody, type PlanDiff, type PlanSections, type PlanStatus, type UpdatePlanBody,
} from './contract.js';
import { diffPlans, type DiffAction, type DiffObjective } from './diff.js';
import * as P from './policy.js';
import * as repo from './repo.js';
import { iso, notesReturned, readSections, todayIso, toSummary, type PlanContext, type PlanCtx } from './plan-context.js';
import { syncPlanDeadlines } from './plan-reminders.js';
import { checkReplacing, completenessIssues, inForceMail, inForceOutlook, replacedNow, tell, type PlanMail } from './plan-workflow.js';
import { adoptTemplate, planTemplates } from './templates/index.js';
import type { PlanTemplate } from './templates/types.js';

/** The database's own rule (exclusion constraint plan_one_in_force_ex) answers 409 too, never 500. */
async function inForceGuard<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    const e = err as { code?: string; constraint?: string; cause?: { code?: string; constraint?: string } };
    if ((e.cause?.constraint ?? e.constraint) === 'plan_one_in_force_ex') throw conflict('plan_in_force_exists');
    throw err;
  }
}

/** The sections of a new plan; `t` is already adopted (see `adoptTemplate`), guidance is never among them. */
function templateSections(t: PlanTemplate | null, entityName: string): PlanSections {
  if (!t) return { ...EMPTY_SECTIONS, identification: { entityName, responsible: [] } };
  return {
    // The plan is the adopting organisation's own, whichever seed it starts from.
    identification: { entityName, responsible: [] },
    ambition: t.ambition ?? '',
    values: t.values.map((v) => ({ name: v.name, description: v.description ?? '' })),
    needs: [...t.needs],
    vulnerableProcesses: [...t.vulnerableProcesses],
    priorityThemes: [...t.priorityThemes],
    actors: t.actors.map((a) => ({ name: a.name, role: a.role })),
    monitoring: t.monitoring ?? '',
    evaluationPlanning: t.evaluation ?? '',
    communication: t.communication ?? '',
  };
}

async function instantiate(tx: Tx, orgId: string, planId: string, t: PlanTemplate) {
  const objectives: Parameters<typeof repo.insertObjectives>[1] = [];
  const indicators: Parameters<typeof repo.insertIndicators>[1] = [];
  const actions: Parameters<typeof repo.insertActions>[1] = [];
  t.strategicObjectives.forEach((sd, i) => {
    const sdId = randomUUID();
    objectives.push({ id: sdId, organisationId: orgId, planId, parentId: null, code: sd.code, title: sd.title, description: sd.description ?? null, position: i });
    sd.operationalObjectives.forEach((od, j) => {
      const odId = randomUUID();
      objectives.push({
        id: odId, organisationId: orgId, planId, parentId: sdId, code: od.code, title: od.title, description: od.description ?? null,
        ownerLabel: od.owner ?? null, coActors: od.coActors ?? [], position: j,
      });
      (od.indicators ?? []).forEach((name, k) => indicators.push({ organisationId: orgId, planId, objectiveId: odId, name, position: k }));
      od.actions.forEach((a, k) => actions.push({
        organisationId: orgId, planId, objectiveId: odId, title: a.title, ownerLabel: a.owner ?? null, coActors: a.coActors ?? [],
        timingLabel: a.timing ?? null, meansNote: a.means ?? null, imfFunction: a.imfFunction ?? null, nature: a.nature ?? null, position: k,
      }));
    });
  });
  await repo.insertObjectives(tx, objectives);
  await repo.insertIndicators(tx, indicators);
  await repo.insertActions(tx, actions);
  return { objectives: objectives.length, actions: actions.length };
}

export function makePlanLifecycle({ db, deps, sealed, actorIn, loadPlan, audit, requireEdit, editing, tree, orgName, exportLocale }: PlanContext) {
  return {
    templates() {
      return {
        items: Object.values(planTemplates).map((t) => ({
          key: t.key, title: t.title, entityName: t.entityName, language: t.language, period: t.period ?? null,
          strategicObjectives: t.strategicObjectives.length,
          operationalObjectives: t.strategicObjectives.reduce((s, sd) => s + sd.operationalObjectives.length, 0),
          actions: t.strategicObjectives.reduce((s, sd) => s + sd.operationalObjectives.reduce((x, od) => x + od.actions.length, 0), 0),
          values: t.values.length, actors: t.actors.length,
        })),
      };
    },

    async list(ctx: PlanCtx, orgId: string, status?: PlanStatus) {
      return withOrgTx(db, orgId, async (tx) => {
        const allowed = P.readableStatuses(P.planActor(ctx.actor, orgId));
        const statuses = allowed === null ? (status ? [status] : null) : allowed.filter((s) => !status || s === status);
        return { items: (await repo.listPlans(tx, orgId, statuses)).map(toSummary) };
      });
    },

    async create(ctx: PlanCtx, orgId: string, body: CreatePlanBody) {
      return withOrgTx(db, orgId, async (tx) => {
        const pa = P.planActor(ctx.actor, orgId);
        if (!P.canCreatePlan(pa)) throw forbidden();
        const source = body.templateKey === 'empty' ? null : planTemplates[body.templateKey];
        const language = body.language ?? (source?.language as Locale | undefined) ?? (await exportLocale(tx, orgId));
        const entity = await orgName(tx, orgId, language);
        // The adopting organisation's name replaces the source's in every text copied into the plan.
        const t = source ? adoptTemplate(source, entity) : null;
        const planId = await repo.insertPlan(tx, {
          organisationId: orgId, lineageId: randomUUID(), version: 1, title: body.title, periodFrom: body.periodFrom, periodTo: body.periodTo,
          language, templateKey: body.templateKey, status: 'draft', sections: templateSections(t, entity), createdBy: ctx.actor.userId,
        });
        const copied = t ? await instantiate(tx, orgId, planId, t) : { objectives: 0, actions: 0 };
        await audit(tx, ctx, orgId, planId, 'plan.create', { templateKey: body.templateKey, ...copied });
        return tree(tx, orgId, (await repo.findPlan(tx, orgId, planId))!, pa);
      });
    },

    async get(ctx: PlanCtx, orgId: string, planId: string, filters: ActionFilters = {}) {
      return withOrgTx(db, orgId, async (tx) => {
        const pa = await actorIn(tx, ctx.actor, orgId);
        const plan = await loadPlan(tx, orgId, planId, pa);
        const result = await tree(tx, orgId, plan, pa, filters);
        // Reading confidential notes is a read of a confidential record: it is logged, with what was
        // actually returned (the plan's notes, how many actions' notes), not what the role may see.
        const returned = notesReturned(result);
        if (P.canSeePlanNotes(pa) || P.isHeadOfService(pa) || returned.actionNotes > 0) await audit(tx, ctx, orgId, planId, 'plan.read', returned);
        return result;
      });
    },

    async update(ctx: PlanCtx, orgId: string, planId: string, body: UpdatePlanBody, expected: number) {
      return withOrgTx(db, orgId, async (tx) => {
        const pa = await actorIn(tx, ctx.actor, orgId);
        const plan = await loadPlan(tx, orgId, planId, pa, { forUpdate: true });
        const { sharedWithOversight, confidentialNotes, ...content } = body;
        if (sharedWithOversight !== undefined && !P.canShareWithOversight(pa)) throw forbidden();
        if (confidentialNotes !== undefined && (!P.canSeePlanNotes(pa) || plan.status === 'superseded')) throw forbidden();
        if (Object.keys(content).length > 0) requireEdit(pa, plan);
        const from = content.periodFrom ?? plan.period_from;
        const to = content.periodTo ?? plan.period_to;
        if (to < from || to - from > 10) throw invalid('plan_period_invalid', 'periodTo');
        const set: Record<string, unknown> = {};
        if (content.title !== undefined) set.title = content.title;
        if (content.periodFrom !== undefined) set.periodFrom = content.periodFrom;
        if (content.periodTo !== undefined) set.periodTo = content.periodTo;
        if (content.language !== undefined) set.language = content.language;
        if (content.sections) set.sections = { ...readSections(plan.sections), ...content.sections };
        if (confidentialNotes !== undefined) set.confidentialNotes = sealed.sealNotes(confidentialNotes);
        if (sharedWithOversight !== undefined) set.sharedWithOversight = sharedWithOversight;
        await repo.editPlan(tx, orgId, planId, expected, set, async () => tree(tx, orgId, (await repo.findPlan(tx, orgId, planId))!, pa));
        await audit(tx, ctx, orgId, planId, 'plan.update', { fields: Object.keys(body), sections: content.sections ? Object.keys(content.sections) : [] });
        return tree(tx, orgId, (await repo.findPlan(tx, orgId, planId))!, pa);
      });
    },

    async remove(ctx: PlanCtx, orgId: string, planId: string) {
      return editing(ctx, orgId, planId, async (tx, _pa, plan) => {
        await audit(tx, ctx, orgId, planId, 'plan.delete', { version: plan.version });
        await tx.execute(sql`DELETE FROM plan_action WHERE organisation_id = ${orgId} AND plan_id = ${planId}`);
        await tx.execute(sql`DELETE FROM plan_indicator WHERE organisation_id = ${orgId} AND plan_id = ${planId}`);
        await tx.execute(sql`UPDATE plan_objective SET parent_id = NULL WHERE organisation_id = ${orgId} AND plan_id = ${planId}`);
        await tx.execute(sql`DELETE FROM plan WHERE organisation_id = ${orgId} AND id = ${planId}`);
      }, { deleting: true });
    },

    /**
     * A status step. Submitting checks the plan is complete enough to be judged (422 naming what is
     * missing); approving and putting in force replace the plans in force for the same years (decision
     * 0011, addendum; `replacing` names those the chief was shown); each step tells whom it now waits for.
     */
    async transition(ctx: PlanCtx, orgId: string, planId: string, step: 'submit' | 'approve' | 'return_to_draft' | 'put_in_force', today = todayIso(), expected?: number,
      opts: { replacing?: readonly string[] } = {}) {
      return withOrgTx(db, orgId, async (tx) => {
        const pa = await actorIn(tx, ctx.actor, orgId);
        const found = await loadPlan(tx, orgId, planId, pa);
        // Lock order organisation → lineage → row, as the daily activation job: no deadlock between them.
        if (step === 'approve' || step === 'put_in_force') await repo.lockInForce(tx, orgId);
        await repo.lockLineage(tx, found.lineage_id);
        const plan = (await repo.findPlan(tx, orgId, planId, { forUpdate: true }))!;
        // Optional here (ADR 0011): a chief approving the text they read names its revision; the row lock makes the check final.
        if (expected !== undefined && plan.revision !== expected) throw new EditConflict(await tree(tx, orgId, plan, pa));
        const allowed = { submit: P.canSubmitPlan, approve: P.canApprovePlan, return_to_draft: P.canReturnToDraft, put_in_force: P.canPutInForce }[step];
        if (!allowed(pa, plan)) {
          // Wrong role → 403; right role at the wrong moment → 409 naming the status.
          const roleOk = allowed(pa, { status: ({ submit: 'draft', approve: 'submitted', return_to_draft: 'submitted', put_in_force: 'approved' } as const)[step] });
          throw roleOk ? conflict('plan_wrong_status', { status: plan.status }) : forbidden();
        }
        const me = ctx.actor.userId;
        const told = (roles: readonly Role[], template: PlanMail, extra: Record<string, string | number> = {}) =>
          tell(tx, deps.mailer, deps.publicUrl, orgId, roles, me, template, plan, extra);
        if (step === 'submit') {
          const missing = await completenessIssues(tx, orgId, plan);
          if (missing.length > 0) throw unprocessable('plan_incomplete', missing);
          await repo.updatePlanColumns(tx, orgId, planId, { status: 'submitted', submittedAt: new Date(), submittedBy: me });
          await told(P.APPROVERS, 'plan.submitted');
        } else if (step === 'return_to_draft') {
          await repo.updatePlanColumns(tx, orgId, planId, { status: 'draft', submittedAt: null, submittedBy: null });
          // The one who submitted withdraws it (the chief need not act any more); anyone else sends it back to the officer.
          if (plan.submitted_by === me) await told(P.APPROVERS, 'plan.withdrawn');
          else await told(P.AUTHORS, 'plan.returned');
        } else {
          if (step === 'put_in_force' && !P.mayStartEarly(plan, today)) throw conflict('plan_period_not_started');
          const outlook = await inForceOutlook(tx, orgId, plan, step, today);
          checkReplacing(outlook, opts.replacing);
          const inForce = outlook.timing === 'now';
          // The approval of a newer version retires the older one (first: the older one may be the plan in force).
          const superseded = await repo.supersedeOthers(tx, orgId, plan.lineage_id, planId);
          for (const id of superseded) await audit(tx, ctx, orgId, id, 'plan.supersede', { by: planId });
          // Plans of other lineages for the same years: the one in force ends now, approved ones waiting are withdrawn.
          for (const other of replacedNow(outlook)) {
            if (await repo.supersedePlan(tx, orgId, other.id)) await audit(tx, ctx, orgId, other.id, 'plan.supersede', { by: planId, replaced: true, wasInForce: other.status === 'in_force' });
          }
          // The lock above makes the replacement and the update one step; the constraint stays the last word.
          await inForceGuard(() => repo.updatePlanColumns(tx, orgId, planId, {
            status: inForce ? 'in_force' : 'approved',
            ...(step === 'approve' ? { approvedAt: new Date(), approvedBy: me } : {}),
            ...(inForce ? { inForceAt: new Date() } : {}),
          }));
          // Reminders follow the plans' new status now, not at the next daily reconciliation.
          for (const id of [planId, ...superseded, ...replacedNow(outlook).map((o) => o.id)]) await syncPlanDeadlines(tx, orgId, id);
          if (inForce) {
            await audit(tx, ctx, orgId, planId, 'plan.in_force', outlook.ends.length ? { replaced: outlook.ends.map((o) => o.id) } : {});
            const mail = inForceMail(outlook.ends);
            await told([...P.AUTHORS, ...P.APPROVERS], mail.template, mail.extra);
          } else {
            await told(P.AUTHORS, 'plan.approved_waiting', { year: plan.period_from });
          }
        }
        await audit(tx, ctx, orgId, planId, `plan.${step}`, { from: plan.status });
        return tree(tx, orgId, (await repo.findPlan(tx, orgId, planId))!, pa);
      });
    },

    /**
     * Approved plans whose period has started go in force (daily job), replacing the plan in force for
     * the same years as an approval would; the officers and the chief are told.
     */
    async activateDuePlans(today = todayIso()): Promise<number> {
      return withSystemTx(db, async (tx) => {
        const due = await tx.execute<{ id: string; organisation_id: string; lineage_id: string; period_from: number; period_to: number }>(sql`
          SELECT id, organisation_id, lineage_id, period_from, period_to FROM plan
           WHERE status = 'approved' AND period_from <= ${Number(today.slice(0, 4))} ORDER BY organisation_id, approved_at, id`);
        let n = 0;
        const system = { actorUserId: null, ip: null };
        for (const p of due.rows) {
          // Same lock as an approval, then the plan as it is now (an approval may have withdrawn it meanwhile).
          await repo.lockInForce(tx, p.organisation_id);
          const plan = await repo.findPlan(tx, p.organisation_id, p.id, { forUpdate: true });
          if (!plan || plan.status !== 'approved') continue;
          const outlook = await inForceOutlook(tx, p.organisation_id, plan, 'approve', today);
          for (const other of replacedNow(outlook)) {
            if (await repo.supersedePlan(tx, p.organisation_id, other.id)) {
              await recordAudit(tx, system, { organisationId: p.organisation_id, action: 'plan.supersede', recordType: 'plan', recordId: other.id, details: { by: p.id, replaced: true, automatic: true } });
            }
          }
          await tx.execute(sql`UPDATE plan SET status = 'in_force', in_force_at = now(), updated_at = now(), revision = revision + 1 WHERE id = ${p.id} AND status = 'approved'`);
          for (const id of [p.id, ...replacedNow(outlook).map((o) => o.id)]) await syncPlanDeadlines(tx, p.organisation_id, id);
          const details = { automatic: true, ...(outlook.ends.length ? { replaced: outlook.ends.map((o) => o.id) } : {}) };
          await recordAudit(tx, system, { organisationId: p.organisation_id, action: 'plan.in_force', recordType: 'plan', recordId: p.id, details });
          const mail = inForceMail(outlook.ends);
          await tell(tx, deps.mailer, deps.publicUrl, p.organisation_id, [...P.AUTHORS, ...P.APPROVERS], null, mail.template, plan, mail.extra);
          n++;
        }
        return n;
      });
    },

    async newVersion(ctx: PlanCtx, orgId: string, planId: string) {
      return withOrgTx(db, orgId, async (tx) => {
        const pa = await actorIn(tx, ctx.actor, orgId);
        const plan = await loadPlan(tx, orgId, planId, pa);
        if (!P.isPlanManager(pa)) throw forbidden();
        if (!P.canCreateVersion(pa, plan)) throw conflict('plan_wrong_status', { status: plan.status });
        await repo.lockLineage(tx, plan.lineage_id);
        if ((await repo.latestVersion(tx, orgId, plan.lineage_id)) !== plan.version) throw conflict('plan_newer_version_exists');
        const newId = await repo.insertPlan(tx, {
          organisationId: orgId, lineageId: plan.lineage_id, version: plan.version + 1, previousVersionId: plan.id, title: plan.title,
          periodFrom: plan.period_from, periodTo: plan.period_to, language: plan.language, templateKey: plan.template_key, status: 'draft',
          sections: plan.sections, confidentialNotes: plan.confidential_notes, sharedWithOversight: plan.shared_with_oversight, createdBy: ctx.actor.userId,
        });
        await repo.copyPlanContents(tx, orgId, plan.id, newId);
        await audit(tx, ctx, orgId, newId, 'plan.new_version', { from: plan.id, version: plan.version + 1 });
        return tree(tx, orgId, (await repo.findPlan(tx, orgId, newId))!, pa);
      });
    },

    async versions(ctx: PlanCtx, orgId: string, planId: string) {
      return withOrgTx(db, orgId, async (tx) => {
        const pa = P.planActor(ctx.actor, orgId);
        const plan = await loadPlan(tx, orgId, planId, pa);
        return { items: (await repo.listVersions(tx, orgId, plan.lineage_id)).filter((v) => P.canReadPlan(pa, v)).map(toSummary) };
      });
    },

    async compare(ctx: PlanCtx, orgId: string, planId: string, otherId: string): Promise<PlanDiff> {
      if (planId === otherId) throw invalid('plan_compare_same', 'with');
      return withOrgTx(db, orgId, async (tx) => {
        const pa = P.planActor(ctx.actor, orgId);
        const a = await loadPlan(tx, orgId, planId, pa);
        const b = await loadPlan(tx, orgId, otherId, pa);
        const [from, to] = a.version <= b.version ? [a, b] : [b, a];
        const load = async (p: repo.PlanRow) => {
          const objectives: DiffObjective[] = (await repo.listObjectives(tx, orgId, p.id)).map((o) => ({
            id: o.id, parentId: o.parent_id, code: o.code, title: o.title, description: o.description, ownerLabel: o.owner_label,
            ownerUserId: o.owner_user_id, ownerUnitId: o.owner_unit_id, coActors: o.co_actors,
          }));
          const actions: DiffAction[] = (await repo.listActions(tx, orgId, p.id)).map((x) => ({
            id: x.id, sourceActionId: x.source_action_id, objectiveId: x.objective_id, code: x.code, title: x.title, description: x.description,
            ownerLabel: x.owner_label, ownerUserId: x.owner_user_id, ownerUnitId: x.owner_unit_id, coActors: x.co_actors, startDate: x.start_date,
            dueDate: x.due_date, timingLabel: x.timing_label, storedStatus: x.stored_status, progress: x.progress, imfFunction: x.imf_function,
            imfLayer: x.imf_layer, nature: x.nature, meansTime: x.means_time, meansBudgetEur: x.means_budget_eur === null ? null : Number(x.means_budget_eur),
            meansPeople: x.means_people, meansNote: x.means_note,
          }));
          const s = toSummary(p);
          return { sections: readSections(p.sections) as unknown as Record<string, unknown>, plan: s as unknown as Record<string, unknown>, objectives, actions };
        };
        return { from: toSummary(from), to: toSummary(to), ...diffPlans(await load(from), await load(to)) };
      });
    },

    async history(ctx: PlanCtx, orgId: string, planId: string) {
      return withOrgTx(db, orgId, async (tx) => {
        const pa = P.planActor(ctx.actor, orgId);
        const plan = await loadPlan(tx, orgId, planId, pa);
        if (!P.canReadHistory(pa)) throw forbidden();
        const versions = await repo.listVersions(tx, orgId, plan.lineage_id);
        const versionOf = new Map(versions.map((v) => [v.id, v.version]));
        const rows = await repo.history(tx, orgId, versions.map((v) => v.id));
        await audit(tx, ctx, orgId, planId, 'plan.history_read', {});
        return {
          items: rows.map((r) => ({
            at: iso(r.at)!, kind: r.kind, planId: r.plan_id, version: versionOf.get(r.plan_id) ?? 0, action: r.action,
            actor: r.actor_id ? { id: r.actor_id, displayName: r.actor_name ?? '' } : null, details: r.details ?? {},
          })),
        };
      });
    },
  };
}
