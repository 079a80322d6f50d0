import { rolesIn, type Actor } from '../../platform/authz/actor.js';
import { policy } from '../../platform/authz/route-policy.js';
import type { Role } from '../../../shared/roles.js';
import type { MeasurementStatus } from './contract.js';

/**
 * Who may do what with a maturity measurement. The integrity officer runs it (creates it, names the
 * assessors, consolidates, submits, turns gaps into plan entries), the chief approves it, each named
 * assessor scores it on their own. Nobody reads another assessor's scores before consolidation, not
 * even the officer or the chief: the scores stay independent. Everybody else finds nothing (404).
 */
export interface MaturityActor {
  userId: string;
  roles: readonly Role[];
  /** Named assessor of the measurement at hand. */
  assessor: boolean;
}

export const maturityActor = (a: Actor, orgId: string, assessor = false): MaturityActor => ({ userId: a.userId, roles: rolesIn(a, orgId), assessor });

const has = (a: MaturityActor, role: Role) => a.roles.includes(role);
export const isOfficer = (a: MaturityActor) => has(a, 'integrity_officer');
export const isChief = (a: MaturityActor) => has(a, 'chief');
/** Officer and chief see every measurement of the organisation, its trend and exports. */
export const isManager = (a: MaturityActor) => isOfficer(a) || isChief(a);

interface MeasurementLike { status: MeasurementStatus }

export const canRead = (a: MaturityActor) => isManager(a) || a.assessor;
export const canCreate = (a: MaturityActor) => isOfficer(a);
export const canScore = (a: MaturityActor, m: MeasurementLike) => a.assessor && m.status === 'scoring';
export const canEditAssessors = (a: MaturityActor, m: MeasurementLike) => isOfficer(a) && m.status === 'scoring';
export const canRemove = canEditAssessors;
export const canConsolidate = (a: MaturityActor, m: MeasurementLike) => isOfficer(a) && m.status === 'scoring';
/** From consolidation on, the officer, the chief and the assessors see every assessor's scores. */
export const canReadConsolidation = (a: MaturityActor, m: MeasurementLike) => canRead(a) && m.status !== 'scoring';
export const canAgree = (a: MaturityActor, m: MeasurementLike) => isOfficer(a) && m.status === 'consolidating';
export const canSubmit = canAgree;
export const canReturn = (a: MaturityActor, m: MeasurementLike) => isManager(a) && m.status === 'submitted';
export const canApprove = (a: MaturityActor, m: MeasurementLike) => isChief(a) && m.status === 'submitted';
/** A gap becomes a plan entry once levels are agreed; the entry is the plan's, so an approved measurement allows it too. */
export const canLinkToPlan = (a: MaturityActor, m: MeasurementLike) => isOfficer(a) && m.status !== 'scoring';
export const canExport = (a: MaturityActor, m: MeasurementLike) => isManager(a) && m.status !== 'scoring';

export function permissions(a: MaturityActor, m: MeasurementLike) {
  return {
    score: canScore(a, m), editAssessors: canEditAssessors(a, m), remove: canRemove(a, m), consolidate: canConsolidate(a, m),
    readConsolidation: canReadConsolidation(a, m), agree: canAgree(a, m), submit: canSubmit(a, m), returnToConsolidation: canReturn(a, m),
    approve: canApprove(a, m), linkToPlan: canLinkToPlan(a, m), export: canExport(a, m),
  };
}

/** Frameworks are global: any signed-in person reads the published ones; an inspectorate's administrator publishes. */
export const INSPECTORATE_ADMIN: Role = 'administrator';
export const adminGrantOrgs = (a: Actor) => a.grants.filter((g) => g.role === INSPECTORATE_ADMIN).map((g) => g.organisationId);

export const maturityPolicies = {
  /** Any current role in the organisation; the service then lets in the officer, the chief and the measurement's assessors. */
  member: policy.member(),
  signedIn: policy.signedIn(),
};
