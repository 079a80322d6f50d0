import type { Db } from '../../platform/db/pool.js';
import { rolesIn, type Actor } from '../../platform/authz/actor.js';
import { policy } from '../../platform/authz/route-policy.js';
import type { Role } from '../../../shared/roles.js';
import { oversightPolicy } from '../organisations/policy.js';
import type { PlanStatus } from './contract.js';

/**
 * Who may do what with a policy plan. Small pure functions, one rule each; the service calls
 * them with the plan or action at hand, the routes only let the plan roles in at all.
 * dpo and auditor hold none of these roles: they read the audit log, nothing here.
 */

/**
 * The actor as the plan rules see them in one organisation. `unitIds`: for a head of service,
 * the unit of their person record and the units under it; empty for everybody else.
 */
export interface PlanActor {
  userId: string;
  roles: readonly Role[];
  unitIds: readonly string[];
}

export const PLAN_MANAGERS: readonly Role[] = ['integrity_officer', 'chief'];
/** Roles that reach the plan routes at all; everything else is refused at the door. */
export const PLAN_ROLES: readonly Role[] = ['chief', 'integrity_officer', 'head_of_service', 'staff_member'];

export function planActor(a: Actor, orgId: string, unitIds: readonly string[] = []): PlanActor {
  return { userId: a.userId, roles: rolesIn(a, orgId), unitIds };
}

const has = (a: PlanActor, ...roles: Role[]) => roles.some((r) => a.roles.includes(r));
export const isPlanManager = (a: PlanActor) => has(a, 'integrity_officer', 'chief');
export const isHeadOfService = (a: PlanActor) => has(a, 'head_of_service');

interface PlanLike { status: PlanStatus }
interface ActionLike { ownerUserId: string | null; ownerUnitId: string | null }

/** Officer, chief and heads of service read every version; staff members only the plan in force. */
export function canReadPlan(a: PlanActor, p: PlanLike): boolean {
  if (isPlanManager(a) || isHeadOfService(a)) return true;
  return has(a, 'staff_member') && p.status === 'in_force';
}
/** Statuses the actor may list; null means all. */
export function readableStatuses(a: PlanActor): PlanStatus[] | null {
  if (isPlanManager(a) || isHeadOfService(a)) return null;
  return has(a, 'staff_member') ? ['in_force'] : [];
}
export const canCreatePlan = (a: PlanActor) => isPlanManager(a);
export const canSeePlanNotes = (a: PlanActor) => isPlanManager(a);
export const canEditPlan = (a: PlanActor, p: PlanLike) => isPlanManager(a) && p.status === 'draft';
export const canSubmitPlan = (a: PlanActor, p: PlanLike) => has(a, 'integrity_officer') && p.status === 'draft';
export const canApprovePlan = (a: PlanActor, p: PlanLike) => has(a, 'chief') && p.status === 'submitted';
/** The officer withdraws a submission, the chief sends it back: both return it to draft. */
export const canReturnToDraft = (a: PlanActor, p: PlanLike) => isPlanManager(a) && p.status === 'submitted';
export const canPutInForce = (a: PlanActor, p: PlanLike) => has(a, 'chief') && p.status === 'approved';
export const canCreateVersion = (a: PlanActor, p: PlanLike) => isPlanManager(a) && (p.status === 'in_force' || p.status === 'approved');
/** Shared with oversight is the chief's decision, at any status. */
export const canShareWithOversight = (a: PlanActor) => has(a, 'chief');
/** Indicator measurements are the Check of PDCA: recorded while the plan runs, not on a superseded one. */
export const canMeasure = (a: PlanActor, p: PlanLike) => isPlanManager(a) && p.status !== 'superseded';
export const canReadHistory = (a: PlanActor) => isPlanManager(a);
export const canEvaluate = (a: PlanActor, p: PlanLike) => isPlanManager(a) && ['approved', 'in_force', 'superseded'].includes(p.status);
export const canApproveEvaluation = (a: PlanActor) => has(a, 'chief');

/** Who is told, and whose home page shows it, when a plan or evaluation waits for the next step. */
export const APPROVERS: readonly Role[] = ['chief'];
export const AUTHORS: readonly Role[] = ['integrity_officer'];
/** The officer asks the chief to approve a yearly evaluation; the chief may approve any draft one. */
export const canSubmitEvaluation = (a: PlanActor, p: PlanLike) => has(a, 'integrity_officer') && canEvaluate(a, p);

// The plan's period ------------------------------------------------------------------------------

/**
 * Everything dated in a plan lies in its period, checked the same way everywhere: evaluations and
 * measurements by year, action start and due dates by day (1 January of the first year to 31
 * December of the last).
 */
interface PeriodLike { period_from: number; period_to: number }
export const yearInPeriod = (p: PeriodLike, year: number) => year >= p.period_from && year <= p.period_to;
export const dateInPeriod = (p: PeriodLike, isoDate: string) => yearInPeriod(p, Number(isoDate.slice(0, 4)));
export const periodStart = (p: PeriodLike) => `${p.period_from}-01-01`;

// Approval and the plan in force (decision 0011, addendum) -------------------------------------

/**
 * What approving (or putting in force) does on `today`: an approved plan whose period has started
 * goes in force at once; one whose period starts later waits, approved, until 1 January of its first
 * year (the daily job), unless the chief puts it in force earlier (from the year before). Going in
 * force replaces the organisation's plan in force for any of the same years, which ends that day.
 */
export function inForceTiming(p: PeriodLike, step: 'approve' | 'put_in_force', today: string): 'now' | 'on_start' {
  return step === 'put_in_force' || Number(today.slice(0, 4)) >= p.period_from ? 'now' : 'on_start';
}
/** Putting in force by hand is possible from the year before the period. */
export const mayStartEarly = (p: PeriodLike, today: string) => Number(today.slice(0, 4)) >= p.period_from - 1;

/** The owner, the head of the owning unit (or of a unit above it), the officer and the chief see an action's notes and evidence. */
export function canSeeActionNotes(a: PlanActor, action: ActionLike): boolean {
  if (isPlanManager(a)) return true;
  if (action.ownerUserId !== null && action.ownerUserId === a.userId) return true;
  return isHeadOfService(a) && action.ownerUnitId !== null && a.unitIds.includes(action.ownerUnitId);
}

/** Progress (status, %, note, evidence) is reported on an approved or running plan by the same people. */
export function canUpdateAction(a: PlanActor, p: PlanLike, action: ActionLike): boolean {
  if (p.status !== 'approved' && p.status !== 'in_force') return false;
  return canSeeActionNotes(a, action);
}

export function planPolicies(db: Db) {
  return {
    member: policy.roles(...PLAN_ROLES),
    templates: policy.signedIn(),
    oversight: oversightPolicy(db),
  };
}
