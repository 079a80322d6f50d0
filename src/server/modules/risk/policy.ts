import { rolesIn, type Actor } from '../../platform/authz/actor.js';
import { policy } from '../../platform/authz/route-policy.js';
import type { Role } from '../../../shared/roles.js';
import type { AnalysisStatus } from './contract.js';

/**
 * Who may do what in the risk analysis (issue 21). The integrity officer runs everything: the
 * inventory, the matrix, the analyses (scope, participants, consolidation, controls,
 * recommendations, completion, the plan). The chief reads everything. A participant reads the
 * analyses they take part in and scores them on their own; nobody reads another participant's
 * scores before the consolidation, not even the officer. Heads of service read the register and
 * the inventory. Everybody else finds nothing (404).
 */
export interface RiskActor {
  userId: string;
  roles: readonly Role[];
  /** Participant of the analysis at hand. */
  participant: boolean;
}

export const riskActor = (a: Actor, orgId: string, participant = false): RiskActor => ({ userId: a.userId, roles: rolesIn(a, orgId), participant });

const has = (a: RiskActor, role: Role) => a.roles.includes(role);
export const isOfficer = (a: RiskActor) => has(a, 'integrity_officer');
export const isChief = (a: RiskActor) => has(a, 'chief');
/** Officer and chief read every analysis of the organisation. */
export const isManager = (a: RiskActor) => isOfficer(a) || isChief(a);
/** The register, the heat map and the inventory: officer, chief and heads of service. */
export const canReadRegister = (a: RiskActor) => isManager(a) || has(a, 'head_of_service');
export const canManageInventory = isOfficer;
export const canEditSettings = isOfficer;

interface AnalysisLike { status: AnalysisStatus }

export const canRead = (a: RiskActor) => isManager(a) || a.participant;
export const canCreate = (a: RiskActor) => isOfficer(a);
const open = (m: AnalysisLike) => m.status !== 'completed';
export const canEdit = (a: RiskActor, m: AnalysisLike) => isOfficer(a) && (m.status === 'draft' || m.status === 'scoring');
export const canEditScope = (a: RiskActor, m: AnalysisLike) => isOfficer(a) && m.status === 'draft';
export const canRemove = canEdit;
export const canStart = (a: RiskActor, m: AnalysisLike) => isOfficer(a) && m.status === 'draft';
export const canScore = (a: RiskActor, m: AnalysisLike) => a.participant && m.status === 'scoring';
export const canConsolidate = (a: RiskActor, m: AnalysisLike) => isOfficer(a) && m.status === 'scoring';
/** From consolidation on, the officer, the chief and the participants see every participant's scores. */
export const canReadConsolidation = (a: RiskActor, m: AnalysisLike) => canRead(a) && (m.status === 'consolidating' || m.status === 'completed');
export const canAgree = (a: RiskActor, m: AnalysisLike) => isOfficer(a) && m.status === 'consolidating';
export const canComplete = canAgree;
export const canEditControls = (a: RiskActor, m: AnalysisLike) => isOfficer(a) && open(m);
export const canEditRecommendations = canEditControls;
/** A recommendation's follow-up (status, owner, due date) goes on after completion. */
export const canFollowUp = (a: RiskActor, m: AnalysisLike) => isOfficer(a) && m.status !== 'draft';
export const canLinkToPlan = (a: RiskActor, m: AnalysisLike) => isOfficer(a) && (m.status === 'consolidating' || m.status === 'completed');

export function permissions(a: RiskActor, m: AnalysisLike) {
  return {
    edit: canEdit(a, m), editScope: canEditScope(a, m), remove: canRemove(a, m), start: canStart(a, m), score: canScore(a, m),
    consolidate: canConsolidate(a, m), readConsolidation: canReadConsolidation(a, m), agree: canAgree(a, m),
    editControls: canEditControls(a, m), editRecommendations: canEditRecommendations(a, m), followUp: canFollowUp(a, m),
    linkToPlan: canLinkToPlan(a, m), complete: canComplete(a, m),
  };
}

export const riskPolicies = {
  /** Any current role in the organisation; the service then decides (officer, chief, head of service, participants). */
  member: policy.member(),
};
