import { hasRole, type Actor } from '../../platform/authz/actor.js';
import { policy } from '../../platform/authz/route-policy.js';
import { ROLE_MANAGERS, type Role } from '../../../shared/roles.js';
import type { FastifyRequest } from 'fastify';

/** The DPO and the auditor read who held which role when, for the audit trail. */
export const ROLE_READERS: readonly Role[] = [...ROLE_MANAGERS, 'dpo', 'auditor'];

const orgOf = (req: FastifyRequest) => (req.params as { orgId?: string }).orgId ?? '';

/** Platform administrators may also act, so a new organisation can receive its first administrator. */
export const canManageRoles = (a: Actor, orgId: string) => a.isPlatformAdmin || hasRole(a, orgId, ROLE_MANAGERS);
export const canReadRoles = (a: Actor, orgId: string) => a.isPlatformAdmin || hasRole(a, orgId, ROLE_READERS);

export const rolePolicies = {
  read: policy.custom('roles-read', (a, req) => canReadRoles(a, orgOf(req))),
  manage: policy.custom('roles-manage', (a, req) => canManageRoles(a, orgOf(req))),
};
