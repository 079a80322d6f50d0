import { hasRole, type Actor } from '../../platform/authz/actor.js';
import { policy } from '../../platform/authz/route-policy.js';
import { ROLE_MANAGERS, type Role } from '../../../shared/roles.js';

/** Who exercises oversight is the platform's rule (platform/oversight), re-exported for this module's callers. */
export { OVERSIGHT_KINDS, oversightGrantOrgs, oversightPolicy } from '../../platform/oversight/index.js';

/** Roles that read the unit tree (filters and forms of people, plans, complaints). */
export const UNIT_READERS: readonly Role[] = ['administrator', 'chief', 'integrity_officer', 'head_of_service'];

export const canReadOrganisation = (a: Actor, orgId: string) => a.grants.some((g) => g.organisationId === orgId);
export const canManageOrganisation = (a: Actor, orgId: string) => hasRole(a, orgId, ROLE_MANAGERS);
export const canReadUnits = (a: Actor, orgId: string) => hasRole(a, orgId, UNIT_READERS);

export const organisationPolicies = {
  read: policy.member(),
  manage: policy.roles(...ROLE_MANAGERS),
  readUnits: policy.roles(...UNIT_READERS),
  platformAdmin: policy.platformAdmin(),
};
