import type { Role } from '../../../shared/roles.js';
import { hasRole, type Actor } from '../authz/actor.js';
import { policy } from '../authz/route-policy.js';
import { orgIdOf as orgOf } from '../http/params.js';

/** Who may see and manage the accounts of an organisation. Platform administrators may everywhere. */
export const USER_READERS: readonly Role[] = ['administrator', 'chief', 'dpo', 'auditor'];
export const USER_MANAGERS: readonly Role[] = ['administrator', 'chief'];
export const USER_DISABLERS: readonly Role[] = ['administrator'];

export const canListUsers = (a: Actor, orgId: string) => a.isPlatformAdmin || hasRole(a, orgId, USER_READERS);
export const canCreateUsers = (a: Actor, orgId: string) => a.isPlatformAdmin || hasRole(a, orgId, USER_MANAGERS);
/** Further narrowed in the service: an organisation administrator disables only accounts that belong to that organisation alone. */
export const canDisableUsers = (a: Actor, orgId: string) => a.isPlatformAdmin || hasRole(a, orgId, USER_DISABLERS);

/** Lost phone: the same people who may disable an account may reset its second factor. */
export const canResetSecondFactor = (a: Actor, orgId: string) => a.isPlatformAdmin || hasRole(a, orgId, USER_DISABLERS);

export const accountPolicies = {
  list: policy.custom('users:list', (a, req) => canListUsers(a, orgOf(req))),
  create: policy.custom('users:create', (a, req) => canCreateUsers(a, orgOf(req))),
  disable: policy.custom('users:disable', (a, req) => canDisableUsers(a, orgOf(req))),
  resetSecondFactor: policy.custom('users:reset-second-factor', (a, req) => canResetSecondFactor(a, orgOf(req))),
};
