import type { Role } from '../../../shared/roles.js';
import { hasRole, type Actor } from '../../platform/authz/actor.js';
import { policy } from '../../platform/authz/route-policy.js';
import { orgIdOf } from '../../platform/http/params.js';

/** The data protection officer and the auditor read the log of their own organisation; nobody else does. */
export const AUDIT_READERS: readonly Role[] = ['dpo', 'auditor'];

export function canReadAuditLog(actor: Actor, orgId: string): boolean {
  return hasRole(actor, orgId, AUDIT_READERS);
}

export const auditTrailPolicies = {
  read: policy.custom('audit-trail:read', (a, req) => canReadAuditLog(a, orgIdOf(req))),
};
