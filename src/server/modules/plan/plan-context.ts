/**
 * What every part of the plan service shares: the per-request context, the views of stored rows, and the
 * lookups and checks bound to the database (actor, plan loading, audit, tree). The sub-services
 * (plan-lifecycle.ts, plan-objectives.ts, ...) each take the object built by makePlanContext.
 */
import { recordAudit, type AuditContext } from '../../platform/audit/service.js';
import type { Actor } from '../../platform/authz/actor.js';
import type { Db, Queryable, Tx } from '../../platform/db/pool.js';
import { withOrgTx } from '../../platform/db/tx.js';
import { conflict, forbidden, invalid, notFound } from '../../platform/errors.js';
import type { Mailer } from '../../platform/mail/index.js';
import { DEFAULT_LOCALE, type Locale } from '../../../shared/roles.js';
import { isLocale } from '../../platform/i18n/index.js';
import { unitsHeadedBy } from '../../platform/tenancy/units.js';
import { getOrganisation } from '../organisations/service.js';
import {
  EMPTY_SECTIONS, planSections, type ActionFilters, type ActionView, type EvaluationView, type IndicatorSnapshotItem, type IndicatorView,
  type ObjectiveNode, type PlanSections, type PlanStatus, type PlanSummary, type PlanTree, type StatusCounts, type TemplateKey,
} from './contract.js';
import * as P from './policy.js';
import * as repo from './repo.js';
import { defaultDataDir, planSealing, type PlanSealing } from './sealed.js';
import { todayInBelgium } from '../../platform/deadlines/service.js';

export interface PlanCtx {
  actor: Actor;
  audit: AuditContext;
}

export interface PlanDeps {
  db: Db;
  mailer: Mailer;
  publicUrl: string;
  dataDir?: string;
}

export const iso = (d: Date | string | null | undefined) => (d === null || d === undefined ? null : d instanceof Date ? d.toISOString() : new Date(d).toISOString());
/** Today in Belgium, not in UTC: between 23:00 and 24:00 UTC the day there is already the next one. */
export const todayIso = () => todayInBelgium();

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

export function actionView(r: repo.ActionRow, pa: P.PlanActor, plan: { status: PlanStatus }, sealed: PlanSealing): ActionView {
  const subject = { ownerUserId: r.owner_user_id, ownerUnitId: r.owner_unit_id };
  const notesVisible = P.canSeeActionNotes(pa, subject);
  return {
    id: r.id, objectiveId: r.objective_id, code: r.code, title: r.title, description: r.description, ownerLabel: r.owner_label,
    owner: r.owner_user_id ? { id: r.owner_user_id, displayName: r.owner_name ?? '' } : null,
    ownerPerson: ownerPersonOf(r),
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

/** The staff member owning an objective or action, as the views show them. */
export function ownerPersonOf(r: repo.OwnerPersonColumns): ActionView['ownerPerson'] {
  return r.owner_person_id ? { id: r.owner_person_id, displayName: r.owner_person_name ?? '', userId: r.owner_person_user_id, unitId: r.owner_person_unit_id } : null;
}

/** The view of an indicator row (of an objective, or of one of its actions). */
export function indicatorViewOf(i: repo.IndicatorRow): IndicatorView {
  return {
    id: i.id, objectiveId: i.objective_id, actionId: i.action_id, name: i.name, unit: i.unit, baseline: i.baseline === null ? null : Number(i.baseline),
    target: i.target === null ? null : Number(i.target), position: i.position, revision: i.revision,
    measurements: (i.measurements ?? []).map((m) => ({ year: Number(m.year), value: Number(m.value), note: m.note ?? null, revision: Number(m.revision) })),
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

export const emptyCounts = (): StatusCounts => ({ planned: 0, in_progress: 0, done: 0, late: 0, stopped: 0 });

/** SD → OD → action tree from flat rows; the flags and counts look at all actions, the lists at the filtered ones. */
export function buildTree(
  objectives: repo.ObjectiveRow[], indicators: repo.IndicatorRow[], actions: ActionView[], counts: { objective_id: string; status: string; n: number }[],
): { nodes: ObjectiveNode[]; counts: PlanTree['counts'] } {
  const byId = new Map<string, ObjectiveNode>();
  for (const o of objectives) {
    byId.set(o.id, {
      id: o.id, parentId: o.parent_id, code: o.code, title: o.title, description: o.description, ownerLabel: o.owner_label,
      owner: o.owner_user_id ? { id: o.owner_user_id, displayName: o.owner_name ?? '' } : null,
      ownerPerson: ownerPersonOf(o),
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
  // An action's indicators sit with its objective's (actionId says which action they measure).
  for (const i of indicators) byId.get(i.objective_id)?.indicators.push(indicatorViewOf(i));
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

/** The met flag follows the direction from baseline to target (a fall in complaints is a lower target). */
export function targetMet(baseline: number | null, target: number | null, value: number | null): boolean | null {
  if (target === null || value === null) return null;
  return baseline !== null && target < baseline ? value <= target : value >= target;
}

export function evaluationView(r: repo.EvaluationRow): EvaluationView {
  const snap = (r.indicators_snapshot ?? {}) as { indicators?: IndicatorSnapshotItem[]; actionCounts?: StatusCounts } | IndicatorSnapshotItem[];
  const indicators = Array.isArray(snap) ? snap : snap.indicators ?? [];
  return {
    id: r.id, planId: r.plan_id, year: r.year, doneText: r.done_text, indicatorsText: r.indicators_text, changesText: r.changes_text,
    indicators, actionCounts: Array.isArray(snap) ? undefined : snap.actionCounts, status: r.status, approvedAt: iso(r.approved_at),
    approvedBy: r.approved_by ? { id: r.approved_by, displayName: r.approver_name ?? '' } : null, createdAt: iso(r.created_at)!, updatedAt: iso(r.updated_at)!, revision: r.revision,
    submittedAt: iso(r.submitted_at),
  };
}

export function makePlanContext(deps: PlanDeps) {
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

  function requireEdit(pa: P.PlanActor, plan: repo.PlanRow, deleting = false) {
    if (!P.isPlanManager(pa)) throw forbidden();
    if (P.canEditPlan(pa, plan)) return;
    // Deleting says why it cannot be done for this status (a new version is no way to delete).
    if (deleting) throw conflict(plan.status === 'submitted' ? 'plan_delete_submitted' : 'plan_delete_not_draft');
    throw conflict('plan_not_draft');
  }

  /** A change to a plan the actor may edit, with the plan row locked until commit. */
  function editing<T>(ctx: PlanCtx, orgId: string, planId: string, fn: (tx: Tx, pa: P.PlanActor, plan: repo.PlanRow) => Promise<T>, opts: { deleting?: boolean } = {}): Promise<T> {
    return withOrgTx(db, orgId, async (tx) => {
      const pa = await actorIn(tx, ctx.actor, orgId);
      const plan = await loadPlan(tx, orgId, planId, pa, { forUpdate: true });
      requireEdit(pa, plan, opts.deleting);
      return fn(tx, pa, plan);
    });
  }

  /**
   * The owner columns to store from a body, checked against the organisation (400 naming the field):
   * a staff member (`ownerPersonId`) brings their account and, unless `ownerUnitId` is given, their unit;
   * an account (`ownerUserId`, the older form) brings the staff member linked to it, if any. Absent
   * fields leave the stored owner as it is.
   */
  async function resolveOwner(tx: Queryable, orgId: string, b: { ownerUserId?: string | null; ownerPersonId?: string | null; ownerUnitId?: string | null }) {
    const out: { ownerUserId?: string | null; ownerPersonId?: string | null; ownerUnitId?: string | null } = {};
    if (b.ownerUnitId) {
      if (!(await repo.unitExists(tx, orgId, b.ownerUnitId))) throw invalid('plan_unit_not_found', 'ownerUnitId');
    }
    if (b.ownerUnitId !== undefined) out.ownerUnitId = b.ownerUnitId;
    if (b.ownerPersonId) {
      const person = await repo.findPerson(tx, orgId, b.ownerPersonId);
      if (!person) throw invalid('plan_owner_person_not_found', 'ownerPersonId');
      if (b.ownerUserId && b.ownerUserId !== person.user_id) throw invalid('plan_owner_conflict', 'ownerUserId');
      out.ownerPersonId = person.id;
      out.ownerUserId = person.user_id;
      if (b.ownerUnitId === undefined) out.ownerUnitId = person.unit_id;
    } else if (b.ownerUserId) {
      if (!(await repo.isMember(tx, orgId, b.ownerUserId))) throw invalid('plan_owner_not_member', 'ownerUserId');
      out.ownerUserId = b.ownerUserId;
      out.ownerPersonId = (await repo.personOfUser(tx, orgId, b.ownerUserId))?.id ?? null;
    } else if (b.ownerPersonId === null || b.ownerUserId === null) {
      // No personal owner any more: neither the staff member nor the account that came with them.
      out.ownerPersonId = null;
      out.ownerUserId = null;
    }
    return out;
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

  return { deps, db, sealed, actorIn, loadPlan, loadPlanForAction, audit, requireEdit, editing, resolveOwner, tree, orgName, exportLocale };
}

/** The shared context the sub-services are built from. */
export type PlanContext = ReturnType<typeof makePlanContext>;
