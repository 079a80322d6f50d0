import { hasRole, type Actor } from '../../platform/authz/actor.js';
import { policy } from '../../platform/authz/route-policy.js';

/** The organisation's administrator reads the mails of that organisation (not of others, not the platform's). */
export function canReadOrgOutbox(actor: Actor, orgId: string): boolean {
  return hasRole(actor, orgId, ['administrator']);
}

/** Job state holds queue names, counts and technical errors, no personal data: any administrator may see it. */
export function canReadJobs(actor: Actor): boolean {
  return actor.isPlatformAdmin || actor.grants.some((g) => g.role === 'administrator');
}

export const adminPolicies = {
  orgOutbox: policy.custom('admin:org-outbox', (a, req) => canReadOrgOutbox(a, (req.params as { orgId?: string }).orgId ?? '')),
  platformOutbox: policy.platformAdmin(),
  jobs: policy.custom('admin:jobs', (a) => canReadJobs(a)),
};
