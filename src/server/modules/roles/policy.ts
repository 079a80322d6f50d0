import { hasRole, type Actor } from '../../platform/authz/actor.js';
import { policy } from '../../platform/authz/route-policy.js';
import { orgIdOf as orgOf } from '../../platform/http/params.js';
import { ROLE_MANAGERS, type Role } from '../../../shared/roles.js';

/** The DPO and the auditor read who held which role when, for the audit trail. */
export const ROLE_READERS: readonly Role[] = [...ROLE_MANAGERS, 'dpo', 'auditor'];

/** Platform administrators may also act, so a new organisation can receive its first administrator. */
export const canManageRoles = (a: Actor, orgId: string) => a.isPlatformAdmin || hasRole(a, orgId, ROLE_MANAGERS);
export const canReadRoles = (a: Actor, orgId: string) => a.isPlatformAdmin || hasRole(a, orgId, ROLE_READERS);

export const rolePolicies = {
  read: policy.custom('roles-read', (a, req) => canReadRoles(a, orgOf(req))),
  manage: policy.custom('roles-manage', (a, req) => canManageRoles(a, orgOf(req))),
};
