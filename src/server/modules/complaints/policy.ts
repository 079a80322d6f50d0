import { hasRole, type Actor } from '../../platform/authz/actor.js';
import { policy } from '../../platform/authz/route-policy.js';
import type { Role } from '../../../shared/roles.js';
import type { Action, ComplaintStatus } from './contract.js';

/**
 * Who may do what at the complaints desk. The door: a current role of the module (route policies).
 * A complaint: the coordinator sees every complaint of the organisation; a handler only those
 * assigned to them, and any other does not exist for them (404, never 403). Reading the content
 * needs a key grant too (vault): given to the coordinators at filing and to the handler at assignment.
 * The chief reads figures only (the statistics), never a complaint, unless also coordinator.
 */
export const COORDINATOR_ROLES: readonly Role[] = ['complaints_coordinator'];
export const HANDLER_ROLES: readonly Role[] = ['complaint_handler'];
export const COMPLAINTS_ROLES: readonly Role[] = [...COORDINATOR_ROLES, ...HANDLER_ROLES];
/** Who may be assigned a complaint: a handler, or a coordinator who handles it themselves. */
export const ASSIGNABLE_ROLES: readonly Role[] = COMPLAINTS_ROLES;

export const seesAll = (actor: Actor, orgId: string) => hasRole(actor, orgId, COORDINATOR_ROLES);

const OPEN: readonly ComplaintStatus[] = ['received', 'acknowledged', 'triaged', 'answered'];

/** What the reader may do with a complaint they see: `coordinator` or the assigned `handler`. */
export function permissions(part: { coordinator: boolean; handler: boolean }, status: ComplaintStatus): Record<Action, boolean> {
  const either = part.coordinator || part.handler;
  const open = OPEN.includes(status);
  return {
    acknowledge: either && status === 'received',
    triage: part.coordinator && (status === 'received' || status === 'acknowledged'),
    assign: part.coordinator && (status === 'triaged' || status === 'answered'),
    forward: part.coordinator && (status === 'received' || status === 'acknowledged' || status === 'triaged'),
    note: either && open,
    document: either && open,
    answer: either && status === 'triaged',
    close: either && status === 'answered',
  };
}

/** The desk's settings (lead-time targets among them): its coordinator, or the organisation's administrator. */
export const SETTINGS_ROLES: readonly Role[] = [...COORDINATOR_ROLES, 'administrator'];

export function complaintsPolicies() {
  return {
    member: policy.roles(...COMPLAINTS_ROLES),
    coordinator: policy.roles(...COORDINATOR_ROLES),
    settings: policy.roles(...SETTINGS_ROLES),
  };
}
