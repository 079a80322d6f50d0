/**
 * The plan's workflow around its status steps (issue 17): whether a plan is complete enough to be
 * judged, what approving it does to the plan in force, who is told (a mail in their language, in the
 * step's transaction) and what waits for whom (the home page and the "waiting for you" list).
 */
import type { Actor } from '../../platform/authz/actor.js';
import type { Queryable } from '../../platform/db/pool.js';
import { withOrgTx } from '../../platform/db/tx.js';
import { conflict, forbidden, invalid, notFound, type Issue } from '../../platform/errors.js';
import { isLocale } from '../../platform/i18n/index.js';
import { registerMailTemplate, type Mailer } from '../../platform/mail/index.js';
import type { HomeFigure } from '../../platform/module.js';
import { DEFAULT_LOCALE, type Role } from '../../../shared/roles.js';
import type { InForceOutlook, PlanRef } from './contract.js';
import { planMissing, planWorkflowMails } from './messages.js';
import * as P from './policy.js';
import * as repo from './repo.js';
import { evaluationView, readSections, todayIso, type PlanContext, type PlanCtx } from './plan-context.js';

registerMailTemplate('plan.submitted', { subject: planWorkflowMails.submittedSubject, body: planWorkflowMails.submittedBody });
registerMailTemplate('plan.withdrawn', { subject: planWorkflowMails.withdrawnSubject, body: planWorkflowMails.withdrawnBody });
registerMailTemplate('plan.returned', { subject: planWorkflowMails.returnedSubject, body: planWorkflowMails.returnedBody });
registerMailTemplate('plan.approved_waiting', { subject: planWorkflowMails.approvedWaitingSubject, body: planWorkflowMails.approvedWaitingBody });
registerMailTemplate('plan.in_force', { subject: planWorkflowMails.inForceSubject, body: planWorkflowMails.inForceBody });
registerMailTemplate('plan.in_force_replacing', { subject: planWorkflowMails.inForceSubject, body: planWorkflowMails.inForceReplacingBody });
registerMailTemplate('plan.evaluation_submitted', { subject: planWorkflowMails.evaluationSubject, body: planWorkflowMails.evaluationBody });
registerMailTemplate('plan.evaluation_approved', { subject: planWorkflowMails.evaluationApprovedSubject, body: planWorkflowMails.evaluationApprovedBody });

// Completeness ----------------------------------------------------------------------------------

/** At most this many lines of one kind (owners, dates): a plan from a template may lack dozens. */
const PER_KIND = 10;

/**
 * What a plan lacks before the chief can judge it, in the order of the AIG model: sections 1 to 7
 * filled, at least one strategic objective with an operational objective, at least one action, an
 * owner (person, unit or description) for every operational objective and action, and every date in
 * the plan's period. Empty when it may be submitted.
 */
export async function completenessIssues(q: Queryable, orgId: string, plan: repo.PlanRow): Promise<Issue[]> {
  const s = readSections(plan.sections);
  const objectives = await repo.listObjectives(q, orgId, plan.id);
  const actions = await repo.listActions(q, orgId, plan.id);
  const indicators = await repo.listIndicators(q, orgId, plan.id);
  const blank = (v: string | null | undefined) => (v ?? '').trim() === '';
  const issues: Issue[] = [];
  const need = (ok: boolean, field: string, key: keyof typeof planMissing) => { if (!ok) issues.push({ field, code: 'missing', message: planMissing[key] }); };

  const sds = objectives.filter((o) => o.parent_id === null);
  const ods = objectives.filter((o) => o.parent_id !== null);
  need(!blank(s.identification.entityName), 'sections.identification.entityName', 'entityName');
  need(s.identification.responsible.some((r) => !blank(r.name)), 'sections.identification.responsible', 'responsible');
  need(!blank(s.ambition), 'sections.ambition', 'ambition');
  need(s.values.length > 0, 'sections.values', 'values');
  need(s.needs.length + s.vulnerableProcesses.length + s.priorityThemes.length > 0, 'sections.needs', 'needs');
  need(sds.some((sd) => ods.some((od) => od.parent_id === sd.id)), 'objectives', 'objectives');
  need(actions.length > 0, 'actions', 'actions');
  need(s.actors.length > 0, 'sections.actors', 'actors');
  need(!blank(s.monitoring) || indicators.length > 0, 'sections.monitoring', 'monitoring');
  need(!blank(s.evaluationPlanning), 'sections.evaluationPlanning', 'evaluationPlanning');
  need(!blank(s.communication), 'sections.communication', 'communication');

  const code = new Map(objectives.map((o) => [o.id, o.code || o.title.slice(0, 60)]));
  const period = { from: plan.period_from, to: plan.period_to };
  const capped = (list: Issue[]) => {
    issues.push(...list.slice(0, PER_KIND));
    if (list.length > PER_KIND) issues.push({ field: list[PER_KIND].field, code: list[PER_KIND].code, message: planMissing.more, values: { count: list.length - PER_KIND } });
  };
  capped(ods.filter((o) => !o.owner_person_id && !o.owner_user_id && !o.owner_unit_id && blank(o.owner_label))
    .map((o) => ({ field: `objectives.${o.id}.owner`, code: 'owner_missing', message: planMissing.objectiveOwner, values: { code: o.code, title: o.title.slice(0, 120) } })));
  capped(actions.filter((a) => !a.owner_person_id && !a.owner_user_id && !a.owner_unit_id && blank(a.owner_label))
    .map((a) => ({ field: `actions.${a.id}.owner`, code: 'owner_missing', message: planMissing.actionOwner, values: { title: a.title.slice(0, 120), objective: code.get(a.objective_id) ?? '' } })));
  capped(actions.filter((a) => [a.start_date, a.due_date].some((d) => d && !P.dateInPeriod(plan, d)))
    .map((a) => ({ field: `actions.${a.id}.dates`, code: 'date_outside_period', message: planMissing.actionDates, values: { title: a.title.slice(0, 120), objective: code.get(a.objective_id) ?? '', ...period } })));
  capped(indicators.flatMap((i) => (i.measurements ?? []).filter((m) => !P.yearInPeriod(plan, Number(m.year)))
    .map((m) => ({ field: `indicators.${i.id}.measurements.${m.year}`, code: 'year_outside_period', message: planMissing.measurementYear, values: { name: i.name.slice(0, 120), year: Number(m.year), ...period } }))));
  return issues;
}

/** An action's start and due dates, as given, lie in the plan's period (400 naming the field otherwise). */
export function requireDatesInPeriod(plan: repo.PlanRow, b: { startDate?: string | null; dueDate?: string | null }) {
  for (const field of ['startDate', 'dueDate'] as const) {
    const d = b[field];
    if (d && !P.dateInPeriod(plan, d)) throw invalid('plan_action_date_period', field, { from: plan.period_from, to: plan.period_to });
  }
}

// The plan in force ------------------------------------------------------------------------------

const ref = (p: repo.PlanRef): PlanRef => ({ id: p.id, title: p.title, version: p.version, status: p.status, periodFrom: p.period_from, periodTo: p.period_to });

/**
 * What approving or putting `plan` in force does today (decision 0011, addendum): when it goes in force
 * now, plans of other lineages in force for any of its years end; plans of other lineages approved for
 * its years and still waiting are withdrawn at once (the latest approval wins); other approved or
 * in-force versions of its own lineage are superseded at once, as before.
 */
export async function inForceOutlook(q: Queryable, orgId: string, plan: repo.PlanRow, step: 'approve' | 'put_in_force', today: string): Promise<InForceOutlook> {
  const timing = P.inForceTiming(plan, step, today);
  const others = await repo.replaceablePlans(q, orgId, plan);
  const own = others.filter((o) => o.lineage_id === plan.lineage_id);
  const foreign = others.filter((o) => o.lineage_id !== plan.lineage_id);
  return {
    timing,
    startsOn: P.periodStart(plan),
    ends: timing === 'now' ? foreign.filter((o) => o.status === 'in_force').map(ref) : [],
    endsOnStart: timing === 'on_start' ? foreign.filter((o) => o.status === 'in_force').map(ref) : [],
    withdraws: foreign.filter((o) => o.status === 'approved').map(ref),
    versions: own.map(ref),
  };
}

/** The plans of other lineages the step retires now: those it ends and those it withdraws. */
export const replacedNow = (o: InForceOutlook) => [...o.ends, ...o.withdraws];

/** The client names the plans it was shown; a different set now means the chief did not read what will happen. */
export function checkReplacing(o: InForceOutlook, replacing: readonly string[] | undefined) {
  if (replacing === undefined) return;
  const now = replacedNow(o).map((p) => p.id).sort();
  const shown = [...new Set(replacing)].sort();
  if (now.length !== shown.length || now.some((id, i) => id !== shown[i])) throw conflict('plan_replacement_changed');
}

// Who is told -----------------------------------------------------------------------------------

export type PlanMail = 'plan.submitted' | 'plan.withdrawn' | 'plan.returned' | 'plan.approved_waiting' | 'plan.in_force' | 'plan.in_force_replacing'
  | 'plan.evaluation_submitted' | 'plan.evaluation_approved';

const periodText = (p: { period_from: number; period_to: number }) => `${p.period_from}–${p.period_to}`;

/**
 * Mails the people holding `roles` (but not the one who took the step) about a plan, each in their
 * own language, into the outbox in the caller's transaction: the step and its mails commit together.
 * Only the plan's title, version, period and a link, as the reminder mails.
 */
export async function tell(q: Queryable, mailer: Mailer, publicUrl: string, orgId: string, roles: readonly Role[], except: string | null,
  template: PlanMail, plan: { id: string; title: string; version: number; period_from: number; period_to: number }, extra: Record<string, string | number> = {}, path = ''): Promise<number> {
  const to = await repo.planRecipients(q, orgId, roles, except);
  for (const r of to) {
    await mailer.enqueue(q, {
      organisationId: orgId, to: r.email, locale: isLocale(r.locale) ? r.locale : DEFAULT_LOCALE, template,
      params: { title: plan.title, version: plan.version, period: periodText(plan), link: `${publicUrl}/o/${orgId}/plans/${plan.id}${path}`, ...extra },
    });
  }
  return to.length;
}

/** The mail that a plan went in force says which plan it replaced, if any. */
export function inForceMail(replaced: readonly PlanRef[]): { template: PlanMail; extra: Record<string, string | number> } {
  const first = replaced[0];
  return first
    ? { template: 'plan.in_force_replacing', extra: { replaced: replaced.map((p) => p.title).join('", "'), replacedPeriod: `${first.periodFrom}–${first.periodTo}` } }
    : { template: 'plan.in_force', extra: {} };
}

// What waits for whom -----------------------------------------------------------------------------

/** Which waiting steps are the actor's: the chief approves plans and evaluations and may start an approved plan; the officer completes drafts. */
function stepsFor(pa: P.PlanActor): Set<repo.WaitingRow['kind']> {
  const kinds = new Set<repo.WaitingRow['kind']>();
  if (pa.roles.includes('chief')) ['approve_plan', 'approve_evaluation', 'start_plan'].forEach((k) => kinds.add(k as repo.WaitingRow['kind']));
  if (pa.roles.includes('integrity_officer')) ['submit_plan', 'start_plan'].forEach((k) => kinds.add(k as repo.WaitingRow['kind']));
  return kinds;
}

export async function waitingFor(q: Queryable, actor: Actor, orgId: string) {
  const kinds = stepsFor(P.planActor(actor, orgId));
  if (kinds.size === 0) return [];
  return (await repo.waitingSteps(q, orgId)).filter((r) => kinds.has(r.kind));
}

/** The home page's figures: what waits for the chief's approval; the officer's drafts and approved plans not yet in force. */
export async function waitingFigures(q: Queryable, actor: Actor, orgId: string): Promise<HomeFigure[]> {
  const pa = P.planActor(actor, orgId);
  const rows = await waitingFor(q, actor, orgId);
  const n = (kind: repo.WaitingRow['kind']) => rows.filter((r) => r.kind === kind).length;
  const figures: HomeFigure[] = [];
  if (pa.roles.includes('chief')) {
    figures.push({ id: 'plan.awaiting_approval', count: n('approve_plan') }, { id: 'plan.evaluations_awaiting_approval', count: n('approve_evaluation') });
  }
  if (pa.roles.includes('integrity_officer')) figures.push({ id: 'plan.drafts', count: n('submit_plan') }, { id: 'plan.awaiting_in_force', count: n('start_plan') });
  return figures;
}

// The sub-service ---------------------------------------------------------------------------------

export function makePlanWorkflow({ db, deps, actorIn, loadPlan, audit }: PlanContext) {
  return {
    /** What approving and putting in force would do now, for the steps the reader may take. */
    async outlook(ctx: PlanCtx, orgId: string, planId: string, today = todayIso()) {
      return withOrgTx(db, orgId, async (tx) => {
        const pa = await actorIn(tx, ctx.actor, orgId);
        const plan = await loadPlan(tx, orgId, planId, pa);
        return {
          approve: P.canApprovePlan(pa, plan) ? await inForceOutlook(tx, orgId, plan, 'approve', today) : null,
          putInForce: P.canPutInForce(pa, plan) && P.mayStartEarly(plan, today) ? await inForceOutlook(tx, orgId, plan, 'put_in_force', today) : null,
        };
      });
    },

    /** Plans and evaluations waiting for a step of the reader (the home page's tiles lead here). */
    async waiting(ctx: PlanCtx, orgId: string) {
      return withOrgTx(db, orgId, async (tx) => ({
        items: (await waitingFor(tx, ctx.actor, orgId)).map((r) => ({
          kind: r.kind, plan: { id: r.plan_id, title: r.title, version: r.version, periodFrom: r.period_from, periodTo: r.period_to },
          year: r.year === null ? null : Number(r.year), since: r.since ? new Date(r.since).toISOString() : null,
        })),
      }));
    },

    /** The officer sends a written evaluation to the chief for approval: the chief is told and sees it on the home page. */
    async submitEvaluation(ctx: PlanCtx, orgId: string, planId: string, year: number) {
      return withOrgTx(db, orgId, async (tx) => {
        const pa = P.planActor(ctx.actor, orgId);
        const plan = await loadPlan(tx, orgId, planId, pa);
        if (!P.canSubmitEvaluation(pa, plan)) throw forbidden();
        const ev = await repo.findEvaluation(tx, orgId, planId, year, { forUpdate: true });
        if (!ev) throw notFound('plan_evaluation');
        if (ev.status === 'approved') throw conflict('plan_evaluation_approved');
        if (ev.submitted_at) throw conflict('plan_evaluation_submitted');
        await repo.markEvaluationSubmitted(tx, orgId, ev.id, ctx.actor.userId);
        await audit(tx, ctx, orgId, planId, 'plan.evaluation_submit', { year });
        await tell(tx, deps.mailer, deps.publicUrl, orgId, P.APPROVERS, ctx.actor.userId, 'plan.evaluation_submitted', plan, { year }, '/evaluations');
        return evaluationView((await repo.findEvaluation(tx, orgId, planId, year))!);
      });
    },
  };
}
