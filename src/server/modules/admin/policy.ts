import { hasRole, type Actor } from '../../platform/authz/actor.js';
import { policy } from '../../platform/authz/route-policy.js';
import { orgIdOf } from '../../platform/http/params.js';

/** The organisation's administrator reads the mails of that organisation (not of others, not the platform's). */
export function canReadOrgOutbox(actor: Actor, orgId: string): boolean {
  return hasRole(actor, orgId, ['administrator']);
}

export const adminPolicies = {
  orgOutbox: policy.custom('admin:org-outbox', (a, req) => canReadOrgOutbox(a, orgIdOf(req))),
  platformOutbox: policy.platformAdmin(),
  /**
   * The job queue is the platform's, shared by every organisation: its failures and counts tell
   * what other organisations' jobs do (failed mails, imports). Platform administrators only.
   */
  jobs: policy.platformAdmin(),
};
