import { createHash, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { recordAudit, type AuditContext } from '../../platform/audit/service.js';
import type { Actor } from '../../platform/authz/actor.js';
import type { Db, Queryable, Tx } from '../../platform/db/pool.js';
import { withOrgTx, withSystemTx } from '../../platform/db/tx.js';
import { EditConflict } from '../../platform/db/revision.js';
import { AppError, conflict, forbidden, invalid, notFound } from '../../platform/errors.js';
import { registerMailTemplate, type Mailer } from '../../platform/mail/index.js';
import { DEFAULT_LOCALE, type Locale } from '../../../shared/roles.js';
import { isLocale } from '../../platform/i18n/index.js';
import { getOrganisation, getOrganisationSettings, unitsHeadedBy } from '../organisations/service.js';
import {
  EMPTY_SECTIONS, planSections, type ActionFilters, type ActionUpdateBody, type ActionView, type CreateActionBody,
  type CreatePlanBody, type EvaluationView, type IndicatorSnapshotItem, type IndicatorView, type ObjectiveNode, type PlanDiff,
  type PlanSections, type PlanStatus, type PlanSummary, type PlanTree, type StatusCounts, type TemplateKey, type UpdateActionBody,
  type UpdatePlanBody,
} from './contract.js';
import { diffPlans, type DiffAction, type DiffObjective } from './diff.js';
import { actionsCsv, evaluationBlocks, planBlocks, renderDocx, renderPdf } from './export.js';
import { planMails } from './messages.js';
import * as P from './policy.js';
import * as repo from './repo.js';
import { defaultDataDir, planSealing, type PlanSealing } from './sealed.js';
import { planTemplates } from './templates/index.js';
import type { PlanTemplate } from './templates/types.js';

registerMailTemplate('plan.reminder', { subject: planMails.reminderSubject, body: planMails.reminderBody });
registerMailTemplate('plan.unit_reminder', { subject: planMails.reminderSubject, body: planMails.unitReminderBody });
registerMailTemplate('plan.monthly_listing', { subject: planMails.listingSubject, body: planMails.listingBody });

export interface PlanCtx {
  actor: Actor;
  audit: AuditContext;
}

/** Evidence content types accepted, with the magic bytes that must open the file. */
export const EVIDENCE_TYPES: Record<string, { ext: string[]; magic: ((b: Buffer) => boolean) }> = {
  'application/pdf': { ext: ['pdf'], magic: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { ext: ['docx'], magic: (b) => b.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])) },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { ext: ['xlsx'], magic: (b) => b.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])) },
  'image/png': { ext: ['png'], magic: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  'image/jpeg': { ext: ['jpg', 'jpeg'], magic: (b) => b.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff])) },
  'text/plain': { ext: ['txt'], magic: isText },
  'text/csv': { ext: ['csv'], magic: isText },
};
export const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;
// Control characters never belong in a file name (header injection, log forging).
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/g;

function isText(b: Buffer): boolean {
  if (b.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b);
    return true;
  } catch {
    return false;
  }
}

const iso = (d: Date | string | null | undefined) => (d === null || d === undefined ? null : d instanceof Date ? d.toISOString() : new Date(d).toISOString());
const todayIso = () => new Date().toISOString().slice(0, 10);
/** A user's language for their mail; an unknown stored value falls back to the default. */
const mailLocale = (v: string): Locale => (isLocale(v) ? v : DEFAULT_LOCALE);

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

export function toSummary(r: repo.PlanRow): PlanSummary {
  return {
    id: r.id, lineageId: r.lineage_id, version: r.version, previousVersionId: r.previous_version_id, title: r.title,
    periodFrom: r.period_from, periodTo: r.period_to, language: r.language as Locale, templateKey: r.template_key as TemplateKey,
    status: r.status, sharedWithOversight: r.shared_with_oversight, revision: r.revision, createdAt: iso(r.created_at)!, updatedAt: iso(r.updated_at)!,
    submittedAt: iso(r.submitted_at), approvedAt: iso(r.approved_at), inForceAt: iso(r.in_force_at), supersededAt: iso(r.superseded_at),
  };
}

/** Stored sections with defaults for any key an older row lacks. */
export function readSections(raw: Record<string, unknown>): PlanSections {
  const merged = { ...EMPTY_SECTIONS, ...raw, identification: { ...EMPTY_SECTIONS.identification, ...((raw.identification as object) ?? {}) } };
  const parsed = planSections.safeParse(merged);
  return parsed.success ? parsed.data : (merged as PlanSections);
}

function actionView(r: repo.ActionRow, pa: P.PlanActor, plan: { status: PlanStatus }, sealed: PlanSealing): ActionView {
  const subject = { ownerUserId: r.owner_user_id, ownerUnitId: r.owner_unit_id };
  const notesVisible = P.canSeeActionNotes(pa, subject);
  return {
    id: r.id, objectiveId: r.objective_id, code: r.code, title: r.title, description: r.description, ownerLabel: r.owner_label,
    owner: r.owner_user_id ? { id: r.owner_user_id, displayName: r.owner_name ?? '' } : null,
    ownerUnit: r.owner_unit_id ? { id: r.owner_unit_id, name: r.unit_name ?? '' } : null,
    coActors: r.co_actors ?? [], startDate: r.start_date, dueDate: r.due_date, timingLabel: r.timing_label,
    status: r.status, storedStatus: r.stored_status, progress: r.progress,
    imfFunction: r.imf_function as ActionView['imfFunction'], imfLayer: r.imf_layer as ActionView['imfLayer'], nature: r.nature as ActionView['nature'],
    meansTime: r.means_time, meansBudgetEur: r.means_budget_eur === null ? null : Number(r.means_budget_eur), meansPeople: r.means_people,
    meansNote: r.means_note, notes: notesVisible ? sealed.openNotes(r.notes) : null, notesVisible, position: r.position, revision: r.revision,
    evidenceCount: Number(r.evidence_count ?? 0), lastUpdateAt: iso(r.last_update_at), updatedAt: iso(r.updated_at)!,
    canUpdate: P.canUpdateAction(pa, plan, subject),
  };
}

/** What confidential text a plan read handed out: the plan's notes (yes/no) and the number of actions with notes. */
export function notesReturned(t: PlanTree): { notes: boolean; actionNotes: number } {
  let actionNotes = 0;
  const walk = (nodes: ObjectiveNode[]) => {
    for (const n of nodes) {
      actionNotes += n.actions.filter((a) => a.notes !== null && a.notes !== '').length;
      walk(n.children);
    }
  };
  walk(t.objectives);
  return { notes: t.plan.confidentialNotes !== null && t.plan.confidentialNotes !== '', actionNotes };
}

const emptyCounts = (): StatusCounts => ({ planned: 0, in_progress: 0, done: 0, late: 0, stopped: 0 });

/** SD → OD → action tree from flat rows; the flags and counts look at all actions, the lists at the filtered ones. */
export function buildTree(
  objectives: repo.ObjectiveRow[], indicators: repo.IndicatorRow[], actions: ActionView[], counts: { objective_id: string; status: string; n: number }[],
): { nodes: ObjectiveNode[]; counts: PlanTree['counts'] } {
  const byId = new Map<string, ObjectiveNode>();
  for (const o of objectives) {
    byId.set(o.id, {
      id: o.id, parentId: o.parent_id, code: o.code, title: o.title, description: o.description, ownerLabel: o.owner_label,
      owner: o.owner_user_id ? { id: o.owner_user_id, displayName: o.owner_name ?? '' } : null,
      ownerUnit: o.owner_unit_id ? { id: o.owner_unit_id, name: o.unit_name ?? '' } : null,
      coActors: o.co_actors ?? [], position: o.position, revision: o.revision, actionCount: 0, withoutAction: true, indicators: [], actions: [], children: [],
    });
  }
  const roots: ObjectiveNode[] = [];
  for (const o of objectives) {
    const n = byId.get(o.id)!;
    const parent = o.parent_id ? byId.get(o.parent_id) : undefined;
    (parent ? parent.children : roots).push(n);
  }
  for (const i of indicators) {
    byId.get(i.objective_id)?.indicators.push({
      id: i.id, objectiveId: i.objective_id, name: i.name, unit: i.unit, baseline: i.baseline === null ? null : Number(i.baseline),
      target: i.target === null ? null : Number(i.target), position: i.position, revision: i.revision,
      measurements: (i.measurements ?? []).map((m) => ({ year: Number(m.year), value: Number(m.value), note: m.note ?? null, revision: Number(m.revision) })),
    } satisfies IndicatorView);
  }
  for (const a of actions) byId.get(a.objectiveId)?.actions.push(a);
  const byStatus = emptyCounts();
  let total = 0;
  for (const c of counts) {
    const n = byId.get(c.objective_id);
    if (n) n.actionCount += Number(c.n);
    byStatus[c.status as keyof StatusCounts] += Number(c.n);
    total += Number(c.n);
  }
  let withoutAction = 0;
  const mark = (n: ObjectiveNode): number => {
    const sub = n.actionCount + n.children.reduce((s, c) => s + mark(c), 0);
    n.withoutAction = sub === 0;
    if (n.withoutAction && n.children.length === 0) withoutAction++;
    return sub;
  };
  roots.forEach(mark);
  return {
    nodes: roots,
    counts: {
      strategicObjectives: roots.length,
      operationalObjectives: objectives.length - roots.length,
      actions: total,
      shownActions: actions.length,
      objectivesWithoutAction: withoutAction,
      lateActions: byStatus.late,
      byStatus,
    },
  };
}

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

/** The met flag follows the direction from baseline to target (a fall in complaints is a lower target). */
export function targetMet(baseline: number | null, target: number | null, value: number | null): boolean | null {
  if (target === null || value === null) return null;
  return baseline !== null && target < baseline ? value <= target : value >= target;
}

function evaluationView(r: repo.EvaluationRow): EvaluationView {
  const snap = (r.indicators_snapshot ?? {}) as { indicators?: IndicatorSnapshotItem[]; actionCounts?: StatusCounts } | IndicatorSnapshotItem[];
  const indicators = Array.isArray(snap) ? snap : snap.indicators ?? [];
  return {
    id: r.id, planId: r.plan_id, year: r.year, doneText: r.done_text, indicatorsText: r.indicators_text, changesText: r.changes_text,
    indicators, actionCounts: Array.isArray(snap) ? undefined : snap.actionCounts, status: r.status, approvedAt: iso(r.approved_at),
    approvedBy: r.approved_by ? { id: r.approved_by, displayName: r.approver_name ?? '' } : null, createdAt: iso(r.created_at)!, updatedAt: iso(r.updated_at)!, revision: r.revision,
  };
}

export function makePlanService(deps: { db: Db; mailer: Mailer; publicUrl: string; dataDir?: string }) {
  const { db } = deps;
  const sealed = planSealing(deps.dataDir ?? defaultDataDir());

  /** The actor as plan rules see them; the unit lookup only for heads of service. */
  async function actorIn(tx: Queryable, actor: Actor, orgId: string): Promise<P.PlanActor> {
    const pa = P.planActor(actor, orgId);
    return P.isHeadOfService(pa) ? { ...pa, unitIds: await unitsHeadedBy(tx, orgId, actor.userId) } : pa;
  }

  async function loadPlan(tx: Queryable, orgId: string, planId: string, pa: P.PlanActor, opts: { forUpdate?: boolean } = {}): Promise<repo.PlanRow> {
    const plan = await repo.findPlan(tx, orgId, planId, opts);
    // A plan the actor may not read is "not found", as one of another organisation is.
    if (!plan || !P.canReadPlan(pa, plan)) throw notFound('plan');
    return plan;
  }

  /** For action-level work: the owner of an action may reach it even when the plan itself is not readable to them. */
  async function loadPlanForAction(tx: Queryable, orgId: string, planId: string, pa: P.PlanActor, actionId: string, forUpdate = false) {
    const plan = await repo.findPlan(tx, orgId, planId, { forUpdate });
    const action = plan ? await repo.findAction(tx, orgId, planId, actionId, { forUpdate }) : undefined;
    if (!plan || !action) throw notFound('plan_action');
    const subject = { ownerUserId: action.owner_user_id, ownerUnitId: action.owner_unit_id };
    if (!P.canReadPlan(pa, plan) && !P.canSeeActionNotes(pa, subject)) throw notFound('plan_action');
    return { plan, action, subject };
  }

  const audit = (tx: Queryable, ctx: PlanCtx, orgId: string, planId: string, action: string, details: Record<string, unknown> = {}) =>
    recordAudit(tx, ctx.audit, { organisationId: orgId, action, recordType: 'plan', recordId: planId, details });

  function requireEdit(pa: P.PlanActor, plan: repo.PlanRow) {
    if (!P.isPlanManager(pa)) throw forbidden();
    if (!P.canEditPlan(pa, plan)) throw conflict('plan_not_draft');
  }

  /** A change to a plan the actor may edit, with the plan row locked until commit. */
  function editing<T>(ctx: PlanCtx, orgId: string, planId: string, fn: (tx: Tx, pa: P.PlanActor, plan: repo.PlanRow) => Promise<T>): Promise<T> {
    return withOrgTx(db, orgId, async (tx) => {
      const pa = await actorIn(tx, ctx.actor, orgId);
      const plan = await loadPlan(tx, orgId, planId, pa, { forUpdate: true });
      requireEdit(pa, plan);
      return fn(tx, pa, plan);
    });
  }

  async function checkOwner(tx: Queryable, orgId: string, b: { ownerUserId?: string | null; ownerUnitId?: string | null }) {
    if (b.ownerUserId && !(await repo.isMember(tx, orgId, b.ownerUserId))) throw invalid('plan_owner_not_member', 'ownerUserId');
    if (b.ownerUnitId && !(await repo.unitExists(tx, orgId, b.ownerUnitId))) throw invalid('plan_unit_not_found', 'ownerUnitId');
  }

  async function tree(tx: Queryable, orgId: string, plan: repo.PlanRow, pa: P.PlanActor, filters: ActionFilters = {}): Promise<PlanTree> {
    const [objectives, indicators, actions, counts] = [
      await repo.listObjectives(tx, orgId, plan.id),
      await repo.listIndicators(tx, orgId, plan.id),
      await repo.listActions(tx, orgId, plan.id, filters),
      await repo.actionCounts(tx, orgId, plan.id),
    ];
    const built = buildTree(objectives, indicators, actions.map((a) => actionView(a, pa, plan, sealed)), counts);
    return {
      plan: { ...toSummary(plan), sections: readSections(plan.sections), confidentialNotes: P.canSeePlanNotes(pa) ? sealed.openNotes(plan.confidential_notes) : null },
      objectives: built.nodes,
      counts: built.counts,
      permissions: {
        edit: P.canEditPlan(pa, plan), submit: P.canSubmitPlan(pa, plan), approve: P.canApprovePlan(pa, plan), putInForce: P.canPutInForce(pa, plan),
        newVersion: P.canCreateVersion(pa, plan), returnToDraft: P.canReturnToDraft(pa, plan), evaluate: P.canEvaluate(pa, plan), history: P.canReadHistory(pa),
        notes: P.canSeePlanNotes(pa), measure: P.canMeasure(pa, plan),
      },
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

  async function snapshot(tx: Queryable, orgId: string, plan: repo.PlanRow, year: number) {
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

  async function orgName(tx: Queryable, orgId: string, locale: Locale): Promise<string> {
    const org = await getOrganisation(tx, orgId);
    if (!org) return '';
    return org.names[locale] ?? org.names[org.languages[0]] ?? Object.values(org.names)[0] ?? '';
  }

  async function exportLocale(tx: Queryable, orgId: string, requested?: Locale): Promise<Locale> {
    if (requested) return requested;
    const org = await getOrganisation(tx, orgId);
    const first = org?.languages[0];
    return isLocale(first) ? first : DEFAULT_LOCALE;
  }

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
        const t = body.templateKey === 'empty' ? null : planTemplates[body.templateKey];
        const language = body.language ?? (t?.language as Locale | undefined) ?? (await exportLocale(tx, orgId));
        const entity = await orgName(tx, orgId, language);
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
      });
    },

    // Objectives, indicators, measurements ------------------------------------------------

    async createObjective(ctx: PlanCtx, orgId: string, planId: string, body: { parentId?: string | null; code?: string; title: string; description?: string | null; ownerLabel?: string | null; ownerUserId?: string | null; ownerUnitId?: string | null; coActors?: string[]; position?: number }) {
      return editing(ctx, orgId, planId, async (tx) => {
        if (body.parentId) {
          const parent = await repo.findObjective(tx, orgId, planId, body.parentId);
          if (!parent || parent.parent_id !== null) throw invalid('plan_objective_parent', 'parentId');
        }
        await checkOwner(tx, orgId, body);
        const id = randomUUID();
        await repo.insertObjectives(tx, [{
          id, organisationId: orgId, planId, parentId: body.parentId ?? null, code: body.code ?? '', title: body.title, description: body.description ?? null,
          ownerLabel: body.ownerLabel ?? null, ownerUserId: body.ownerUserId ?? null, ownerUnitId: body.ownerUnitId ?? null, coActors: body.coActors ?? [], position: body.position ?? 0,
        }]);
        await audit(tx, ctx, orgId, planId, 'plan.objective_create', { objectiveId: id, level: body.parentId ? 'OD' : 'SD' });
        return objectiveOut((await repo.findObjective(tx, orgId, planId, id))!);
      });
    },

    async updateObjective(ctx: PlanCtx, orgId: string, planId: string, objectiveId: string, body: Record<string, unknown>, expected: number) {
      return editing(ctx, orgId, planId, async (tx) => {
        if (!(await repo.findObjective(tx, orgId, planId, objectiveId))) throw notFound('plan_objective');
        await checkOwner(tx, orgId, body as { ownerUserId?: string; ownerUnitId?: string });
        const current = async () => objectiveOut((await repo.findObjective(tx, orgId, planId, objectiveId))!);
        await repo.editObjective(tx, orgId, objectiveId, expected, body, current);
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

    // Actions ------------------------------------------------------------------------------

    async createAction(ctx: PlanCtx, orgId: string, planId: string, body: CreateActionBody) {
      return editing(ctx, orgId, planId, async (tx, pa, plan) => {
        if (!(await repo.findObjective(tx, orgId, planId, body.objectiveId))) throw invalid('plan_objective_parent', 'objectiveId');
        await checkOwner(tx, orgId, body);
        const id = randomUUID();
        await repo.insertActions(tx, [{ ...actionColumns(body, sealed), id, organisationId: orgId, planId, objectiveId: body.objectiveId, title: body.title }]);
        await audit(tx, ctx, orgId, planId, 'plan.action_create', { actionId: id, objectiveId: body.objectiveId });
        return actionView((await repo.findAction(tx, orgId, planId, id))!, pa, plan, sealed);
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
        await checkOwner(tx, orgId, body);
        await repo.editAction(tx, orgId, actionId, expected, actionColumns(body, sealed), async () => actionView((await repo.findAction(tx, orgId, planId, actionId))!, pa, plan, sealed));
        await audit(tx, ctx, orgId, planId, 'plan.action_update_definition', { actionId, fields: Object.keys(body) });
        return actionView((await repo.findAction(tx, orgId, planId, actionId))!, pa, plan, sealed);
      });
    },

    async deleteAction(ctx: PlanCtx, orgId: string, planId: string, actionId: string) {
      return editing(ctx, orgId, planId, async (tx) => {
        if (!(await repo.findAction(tx, orgId, planId, actionId))) throw notFound('plan_action');
        await repo.deleteAction(tx, orgId, actionId);
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

    // Evidence -----------------------------------------------------------------------------

    async uploadEvidence(ctx: PlanCtx, orgId: string, planId: string, actionId: string, file: { filename: string; mimetype: string; data: Buffer }) {
      const type = EVIDENCE_TYPES[file.mimetype];
      const name = file.filename.replace(/^.*[\\/]/, '').replace(CONTROL_CHARS, '').trim().slice(0, 200) || 'file';
      const ext = name.includes('.') ? name.split('.').pop()!.toLowerCase() : '';
      if (!type || !type.ext.includes(ext) || !type.magic(file.data)) throw new AppError('plan_evidence_type', 415, {}, 'file');
      if (file.data.length === 0) throw invalid('plan_evidence_empty', 'file');
      if (file.data.length > EVIDENCE_MAX_BYTES) throw new AppError('body_too_large', 413, {}, 'file');
      return withOrgTx(db, orgId, async (tx) => {
        const pa = await actorIn(tx, ctx.actor, orgId);
        const { plan, subject } = await loadPlanForAction(tx, orgId, planId, pa, actionId, true);
        if (!P.canUpdateAction(pa, plan, subject)) throw forbidden();
        const sha256 = createHash('sha256').update(file.data).digest('hex');
        const id = await repo.insertEvidence(tx, { orgId, planId, actionId, filename: name, contentType: file.mimetype, data: sealed.sealFile(file.data), size: file.data.length, sha256, by: ctx.actor.userId });
        await audit(tx, ctx, orgId, planId, 'plan.evidence_upload', { actionId, evidenceId: id, size: file.data.length, contentType: file.mimetype });
        const row = (await repo.listEvidence(tx, orgId, actionId)).find((e) => e.id === id)!;
        return evidenceOut(row);
      });
    },

    async listEvidence(ctx: PlanCtx, orgId: string, planId: string, actionId: string) {
      return withOrgTx(db, orgId, async (tx) => {
        const pa = await actorIn(tx, ctx.actor, orgId);
        const { subject } = await loadPlanForAction(tx, orgId, planId, pa, actionId);
        if (!P.canSeeActionNotes(pa, subject)) throw forbidden();
        return { items: (await repo.listEvidence(tx, orgId, actionId)).map(evidenceOut) };
      });
    },

    async downloadEvidence(ctx: PlanCtx, orgId: string, planId: string, actionId: string, evidenceId: string) {
      return withOrgTx(db, orgId, async (tx) => {
        const pa = await actorIn(tx, ctx.actor, orgId);
        const { subject } = await loadPlanForAction(tx, orgId, planId, pa, actionId);
        if (!P.canSeeActionNotes(pa, subject)) throw forbidden();
        const file = await repo.findEvidenceData(tx, orgId, actionId, evidenceId);
        if (!file) throw notFound('plan_evidence');
        await audit(tx, ctx, orgId, planId, 'plan.evidence_download', { actionId, evidenceId });
        return { filename: file.filename, contentType: file.content_type, data: sealed.openFile(file.data) };
      });
    },

    async deleteEvidence(ctx: PlanCtx, orgId: string, planId: string, actionId: string, evidenceId: string) {
      return withOrgTx(db, orgId, async (tx) => {
        const pa = await actorIn(tx, ctx.actor, orgId);
        const { plan, subject } = await loadPlanForAction(tx, orgId, planId, pa, actionId, true);
        if (!P.canUpdateAction(pa, plan, subject)) throw forbidden();
        if ((await repo.deleteEvidence(tx, orgId, actionId, evidenceId)) === 0) throw notFound('plan_evidence');
        await audit(tx, ctx, orgId, planId, 'plan.evidence_delete', { actionId, evidenceId });
      });
    },

    // Lifecycle ----------------------------------------------------------------------------

    async transition(ctx: PlanCtx, orgId: string, planId: string, step: 'submit' | 'approve' | 'return_to_draft' | 'put_in_force', today = todayIso(), expected?: number) {
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
        if (step === 'submit') {
          await repo.updatePlanColumns(tx, orgId, planId, { status: 'submitted', submittedAt: new Date(), submittedBy: me });
        } else if (step === 'return_to_draft') {
          await repo.updatePlanColumns(tx, orgId, planId, { status: 'draft', submittedAt: null, submittedBy: null });
        } else {
          if (step === 'put_in_force' && Number(today.slice(0, 4)) < plan.period_from - 1) throw conflict('plan_period_not_started');
          const startsNow = Number(today.slice(0, 4)) >= plan.period_from;
          const inForce = step === 'put_in_force' || startsNow;
          // The approval of a newer version retires the older one (first: the older one may be the plan in force).
          const superseded = await repo.supersedeOthers(tx, orgId, plan.lineage_id, planId);
          for (const id of superseded) await audit(tx, ctx, orgId, id, 'plan.supersede', { by: planId });
          // At most one plan in force per organisation and year; the lock above makes this check and the update one step.
          const other = inForce ? await repo.overlappingInForce(tx, orgId, plan) : undefined;
          if (other) throw conflict('plan_in_force_exists');
          await inForceGuard(() => repo.updatePlanColumns(tx, orgId, planId, {
            status: inForce ? 'in_force' : 'approved',
            ...(step === 'approve' ? { approvedAt: new Date(), approvedBy: me } : {}),
            ...(inForce ? { inForceAt: new Date() } : {}),
          }));
          if (inForce) await audit(tx, ctx, orgId, planId, 'plan.in_force', {});
        }
        await audit(tx, ctx, orgId, planId, `plan.${step}`, { from: plan.status });
        return tree(tx, orgId, (await repo.findPlan(tx, orgId, planId))!, pa);
      });
    },

    /** Approved plans whose period has started go in force (daily job). */
    async activateDuePlans(today = todayIso()): Promise<number> {
      return withSystemTx(db, async (tx) => {
        const due = await tx.execute<{ id: string; organisation_id: string; lineage_id: string; period_from: number; period_to: number }>(sql`
          SELECT id, organisation_id, lineage_id, period_from, period_to FROM plan
           WHERE status = 'approved' AND period_from <= ${Number(today.slice(0, 4))} ORDER BY organisation_id, approved_at, id`);
        let n = 0;
        for (const p of due.rows) {
          // Same lock as an approval; a plan whose years are taken by another plan in force stays approved
          // (until the rules for replacing a plan decide otherwise) instead of failing the whole run.
          await repo.lockInForce(tx, p.organisation_id);
          if (await repo.overlappingInForce(tx, p.organisation_id, p)) continue;
          const r = await tx.execute(sql`
            UPDATE plan SET status = 'in_force', in_force_at = now(), updated_at = now(), revision = revision + 1 WHERE id = ${p.id} AND status = 'approved'`);
          if ((r.rowCount ?? 0) === 0) continue;
          await recordAudit(tx, { actorUserId: null, ip: null }, { organisationId: p.organisation_id, action: 'plan.in_force', recordType: 'plan', recordId: p.id, details: { automatic: true } });
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

    // Evaluations --------------------------------------------------------------------------

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
        if (body.year < plan.period_from || body.year > plan.period_to) throw invalid('plan_evaluation_year', 'year');
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

    // Exports ------------------------------------------------------------------------------

    async exportPlan(ctx: PlanCtx, orgId: string, planId: string, format: 'docx' | 'pdf' | 'csv', lang?: Locale, opts: { compress?: boolean } = {}) {
      const data = await withOrgTx(db, orgId, async (tx) => {
        const pa = await actorIn(tx, ctx.actor, orgId);
        const plan = await loadPlan(tx, orgId, planId, pa);
        const locale = await exportLocale(tx, orgId, lang);
        const t = await tree(tx, orgId, plan, pa);
        await audit(tx, ctx, orgId, planId, 'plan.export', { format, locale });
        return { tree: t, locale, org: await orgName(tx, orgId, locale) };
      });
      const base = `plan-${data.tree.plan.periodFrom}-${data.tree.plan.periodTo}-v${data.tree.plan.version}`;
      if (format === 'csv') return { filename: `${base}-actions.csv`, contentType: 'text/csv; charset=utf-8', body: Buffer.from(actionsCsv(data.tree, data.locale), 'utf8') };
      const blocks = planBlocks(data.tree, data.org, data.locale);
      if (format === 'docx') return { filename: `${base}.docx`, contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', body: await renderDocx(blocks, { title: data.tree.plan.title, locale: data.locale }) };
      return { filename: `${base}.pdf`, contentType: 'application/pdf', body: await renderPdf(blocks, { title: data.tree.plan.title, locale: data.locale, compress: opts.compress }) };
    },

    async exportEvaluation(ctx: PlanCtx, orgId: string, planId: string, year: number, format: 'docx' | 'pdf', lang?: Locale, opts: { compress?: boolean } = {}) {
      const data = await withOrgTx(db, orgId, async (tx) => {
        const pa = P.planActor(ctx.actor, orgId);
        const plan = await loadPlan(tx, orgId, planId, pa);
        const ev = await repo.findEvaluation(tx, orgId, planId, year);
        if (!ev) throw notFound('plan_evaluation');
        const locale = await exportLocale(tx, orgId, lang);
        await audit(tx, ctx, orgId, planId, 'plan.export', { format, locale, evaluationYear: year });
        return { plan, ev: evaluationView(ev), locale, org: await orgName(tx, orgId, locale) };
      });
      const blocks = evaluationBlocks(data.ev, { title: data.plan.title, periodFrom: data.plan.period_from, periodTo: data.plan.period_to }, data.org, data.locale);
      const title = `${data.plan.title} — ${year}`;
      const base = `plan-evaluation-${year}`;
      if (format === 'docx') return { filename: `${base}.docx`, contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', body: await renderDocx(blocks, { title, locale: data.locale }) };
      return { filename: `${base}.pdf`, contentType: 'application/pdf', body: await renderPdf(blocks, { title, locale: data.locale, compress: opts.compress }) };
    },

    // Oversight ----------------------------------------------------------------------------

    /** Per organisation: plan in force, period and progress figures; content only when shared. Never notes. */
    async oversight(ctx: PlanCtx) {
      return withSystemTx(db, async (tx) => {
        const orgs = await tx.execute<{ id: string; code: string; kind: string; names: Record<string, string> }>(sql`
          SELECT id, code, kind, names FROM organisation WHERE kind IN ('local_police_zone', 'federal_directorate', 'federal_unit') ORDER BY code`);
        const plans = await tx.execute<repo.PlanRow>(sql`
          SELECT DISTINCT ON (organisation_id) id, organisation_id, version, title, period_from, period_to, in_force_at, sections, shared_with_oversight
            FROM plan WHERE status = 'in_force' ORDER BY organisation_id, in_force_at DESC NULLS LAST, version DESC`);
        const byOrg = new Map(plans.rows.map((p) => [p.organisation_id, p]));
        const ids = plans.rows.map((p) => p.id);
        const counts = ids.length === 0 ? [] : (await tx.execute<{ plan_id: string; status: string; n: number }>(sql`
          SELECT a.plan_id, ${repo.effectiveStatus()} AS status, count(*)::int AS n FROM plan_action a
           WHERE a.plan_id = ANY(${repo.pgArray(ids)}::uuid[]) GROUP BY 1, 2`)).rows;
        const shared = plans.rows.filter((p) => p.shared_with_oversight).map((p) => p.id);
        const objectives = shared.length === 0 ? [] : (await tx.execute<{ id: string; plan_id: string; parent_id: string | null; code: string; title: string }>(sql`
          SELECT id, plan_id, parent_id, code, title FROM plan_objective WHERE plan_id = ANY(${repo.pgArray(shared)}::uuid[]) ORDER BY position, code`)).rows;
        await recordAudit(tx, ctx.audit, { organisationId: null, action: 'plan.oversight_read', recordType: 'plan', details: { organisations: orgs.rows.length } });
        return {
          items: orgs.rows.map((o) => {
            const p = byOrg.get(o.id);
            if (!p) return { organisation: o, planInForce: false, plan: null, actions: null, content: null };
            const byStatus = emptyCounts();
            for (const c of counts.filter((c) => c.plan_id === p.id)) byStatus[c.status as keyof StatusCounts] += Number(c.n);
            const total = Object.values(byStatus).reduce((s, n) => s + n, 0);
            const mine = objectives.filter((x) => x.plan_id === p.id);
            return {
              organisation: o,
              planInForce: true,
              plan: { id: p.id, title: p.title, version: p.version, periodFrom: p.period_from, periodTo: p.period_to, inForceAt: iso(p.in_force_at) },
              actions: { total, byStatus, percentDone: total === 0 ? null : Math.round((byStatus.done / total) * 1000) / 10 },
              content: p.shared_with_oversight ? {
                sections: readSections(p.sections),
                objectives: mine.filter((x) => !x.parent_id).map((sd) => ({ code: sd.code, title: sd.title, children: mine.filter((x) => x.parent_id === sd.id).map((od) => ({ code: od.code, title: od.title })) })),
              } : null,
            };
          }),
        };
      });
    },

    // Reminders and listings (jobs call these with today's date; tests with any date) --------------

    /**
     * Reminders before the due date of a running plan's open actions: to the owner, or, for an
     * action owned by a unit, to the heads of service of that unit. One claim per action and due
     * date, so a reminder goes out once; a later due date earns a new one.
     */
    async sendDueReminders(today = todayIso()): Promise<number> {
      return withSystemTx(db, async (tx) => {
        const rows = (await tx.execute<{ id: string; organisation_id: string; plan_id: string; title: string; due_date: string; progress: number; days_left: number; by_unit: boolean; email: string; locale: string }>(sql`
          WITH due AS (
            SELECT a.id, a.organisation_id, a.plan_id, a.title, a.due_date, a.progress, a.owner_user_id, a.owner_unit_id, (a.due_date - ${today}::date) AS days_left
              FROM plan_action a
              JOIN plan p ON p.id = a.plan_id AND p.status = 'in_force'
             WHERE a.status IN ('planned', 'in_progress') AND a.due_date BETWEEN ${today}::date AND ${today}::date + 90
               AND (a.owner_user_id IS NOT NULL OR a.owner_unit_id IS NOT NULL)
               AND NOT EXISTS (SELECT 1 FROM plan_reminder_sent r WHERE r.action_id = a.id AND r.due_date = a.due_date)
          ), recipient AS (
            SELECT d.id AS action_id, d.owner_user_id AS user_id, false AS by_unit FROM due d WHERE d.owner_user_id IS NOT NULL
            UNION
            SELECT d.id, ra.user_id, true
              FROM due d
              JOIN person pe ON pe.organisation_id = d.organisation_id AND pe.unit_id = d.owner_unit_id AND pe.user_id IS NOT NULL
                            AND (pe.end_date IS NULL OR pe.end_date >= ${today}::date)
              JOIN role_assignment ra ON ra.organisation_id = d.organisation_id AND ra.user_id = pe.user_id AND ra.role = 'head_of_service'
                            AND ra.withdrawn_at IS NULL AND ra.valid_from <= ${today}::date AND (ra.valid_to IS NULL OR ra.valid_to >= ${today}::date)
             WHERE d.owner_user_id IS NULL
          )
          SELECT d.id, d.organisation_id, d.plan_id, d.title, d.due_date, d.progress, d.days_left, r.by_unit, u.email, u.locale
            FROM due d
            JOIN recipient r ON r.action_id = d.id
            JOIN app_user u ON u.id = r.user_id AND u.disabled_at IS NULL
           ORDER BY d.organisation_id, d.due_date, d.id, u.email`)).rows;
        const settings = new Map<string, number>();
        const claimed = new Map<string, boolean>();
        let sent = 0;
        for (const r of rows) {
          if (!settings.has(r.organisation_id)) settings.set(r.organisation_id, (await getOrganisationSettings(tx, r.organisation_id)).reminderDaysBeforeDue);
          if (Number(r.days_left) > settings.get(r.organisation_id)!) continue;
          if (!claimed.has(r.id)) {
            const claim = await tx.execute(sql`
              INSERT INTO plan_reminder_sent (action_id, due_date, organisation_id) VALUES (${r.id}, ${r.due_date}, ${r.organisation_id}) ON CONFLICT DO NOTHING`);
            claimed.set(r.id, (claim.rowCount ?? 0) > 0);
          }
          if (!claimed.get(r.id)) continue;
          await deps.mailer.enqueue(tx, {
            organisationId: r.organisation_id, to: r.email, locale: mailLocale(r.locale), template: r.by_unit ? 'plan.unit_reminder' : 'plan.reminder',
            params: { title: r.title, dueDate: r.due_date, progress: r.progress, link: `${deps.publicUrl}/o/${r.organisation_id}/plans/${r.plan_id}/actions?action=${r.id}` },
          });
          sent++;
        }
        return sent;
      });
    },

    /**
     * Monthly listing to heads of service on the organisation's listing day: the open actions of
     * their unit and of the units under it that are due this month, and the late ones.
     */
    async sendMonthlyListings(today = todayIso()): Promise<number> {
      return withSystemTx(db, async (tx) => {
        const day = Number(today.slice(8, 10));
        const month = `${today.slice(0, 7)}-01`;
        const heads = (await tx.execute<{ organisation_id: string; user_id: string; email: string; locale: string; unit_id: string }>(sql`
          SELECT DISTINCT ON (ra.organisation_id, ra.user_id) ra.organisation_id, ra.user_id, u.email, u.locale, pe.unit_id
            FROM role_assignment ra
            JOIN app_user u ON u.id = ra.user_id AND u.disabled_at IS NULL
            JOIN person pe ON pe.organisation_id = ra.organisation_id AND pe.user_id = ra.user_id AND pe.unit_id IS NOT NULL
                          AND (pe.end_date IS NULL OR pe.end_date >= ${today}::date)
           WHERE ra.role = 'head_of_service' AND ra.withdrawn_at IS NULL AND ra.valid_from <= ${today}::date
             AND (ra.valid_to IS NULL OR ra.valid_to >= ${today}::date)
             AND NOT EXISTS (SELECT 1 FROM plan_listing_sent s WHERE s.organisation_id = ra.organisation_id AND s.user_id = ra.user_id AND s.month = ${month}::date)
           ORDER BY ra.organisation_id, ra.user_id, pe.start_date DESC`)).rows;
        const listingDay = new Map<string, number>();
        let sent = 0;
        for (const h of heads) {
          if (!listingDay.has(h.organisation_id)) listingDay.set(h.organisation_id, (await getOrganisationSettings(tx, h.organisation_id)).monthlyListingDay);
          // On or after the listing day, so a missed run catches up later in the month.
          if (day < listingDay.get(h.organisation_id)!) continue;
          // The same units as the head's rights on the plan (one rule, in the organisations module).
          const units = await unitsHeadedBy(tx, h.organisation_id, h.user_id, today);
          const actions = (await tx.execute<{ id: string; plan_id: string; title: string; due_date: string; status: string }>(sql`
            SELECT a.id, a.plan_id, a.title, a.due_date, ${repo.effectiveStatus(today)} AS status
              FROM plan_action a JOIN plan p ON p.id = a.plan_id AND p.status = 'in_force'
             WHERE a.organisation_id = ${h.organisation_id} AND a.owner_unit_id = ANY(${repo.pgArray(units)}::uuid[])
               AND a.status IN ('planned', 'in_progress') AND a.due_date < (${month}::date + interval '1 month')
             ORDER BY a.due_date, a.title`)).rows;
          const late = actions.filter((a) => a.status === 'late');
          const due = actions.filter((a) => a.status !== 'late' && a.due_date >= month);
          if (late.length === 0 && due.length === 0) continue;
          const fmt = (xs: typeof actions) => (xs.length ? xs.slice(0, 100).map((a) => `- ${a.due_date} ${a.title}`).join('\n') : '-');
          await tx.execute(sql`INSERT INTO plan_listing_sent (organisation_id, user_id, month) VALUES (${h.organisation_id}, ${h.user_id}, ${month}::date) ON CONFLICT DO NOTHING`);
          // The plan in force, filtered on the unit: what the listing names, where it can be updated.
          const link = `${deps.publicUrl}/o/${h.organisation_id}/plans/${actions[0].plan_id}/actions?unit=${h.unit_id}`;
          await deps.mailer.enqueue(tx, {
            organisationId: h.organisation_id, to: h.email, locale: mailLocale(h.locale), template: 'plan.monthly_listing',
            params: { month: today.slice(0, 7), dueCount: due.length, lateCount: late.length, dueList: fmt(due), lateList: fmt(late), link },
          });
          sent++;
        }
        return sent;
      });
    },
  };

  function objectiveOut(o: repo.ObjectiveRow) {
    return {
      id: o.id, parentId: o.parent_id, code: o.code, title: o.title, description: o.description, ownerLabel: o.owner_label,
      ownerUserId: o.owner_user_id, ownerUnitId: o.owner_unit_id, coActors: o.co_actors ?? [], position: o.position, revision: o.revision,
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
}

function evidenceOut(e: repo.EvidenceRow) {
  return {
    id: e.id, filename: e.filename, contentType: e.content_type, size: Number(e.size), sha256: e.sha256,
    uploadedBy: e.uploaded_by ? { id: e.uploaded_by, displayName: e.uploader_name ?? '' } : null, uploadedAt: iso(e.uploaded_at)!,
  };
}

function actionColumns(b: Partial<CreateActionBody>, sealed: PlanSealing) {
  const out: Record<string, unknown> = {};
  const map: [keyof CreateActionBody, string][] = [
    ['objectiveId', 'objectiveId'], ['code', 'code'], ['title', 'title'], ['description', 'description'], ['ownerLabel', 'ownerLabel'],
    ['ownerUserId', 'ownerUserId'], ['ownerUnitId', 'ownerUnitId'], ['coActors', 'coActors'], ['startDate', 'startDate'], ['dueDate', 'dueDate'],
    ['timingLabel', 'timingLabel'], ['status', 'status'], ['progress', 'progress'], ['imfFunction', 'imfFunction'], ['imfLayer', 'imfLayer'],
    ['nature', 'nature'], ['meansTime', 'meansTime'], ['meansPeople', 'meansPeople'], ['meansNote', 'meansNote'], ['notes', 'notes'], ['position', 'position'],
  ];
  for (const [k, col] of map) if (b[k] !== undefined) out[col] = b[k];
  if (b.notes !== undefined) out.notes = sealed.sealNotes(b.notes);
  if (b.meansBudgetEur !== undefined) out.meansBudgetEur = b.meansBudgetEur === null ? null : String(b.meansBudgetEur);
  return out;
}

export type PlanService = ReturnType<typeof makePlanService>;
