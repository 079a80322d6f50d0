import { policy } from '../../platform/authz/route-policy.js';
import type { Role } from '../../../shared/roles.js';
import { ACTIONS, type AccessKind, type ReportStatus } from './contract.js';

/**
 * Who may do what in the reporting channel. The door: a current role of the module (the route
 * policies). A report: a current key grant on it (repo.grantedTo), which an excluded or implicated
 * person never receives; without one the report does not exist for them (404, never 403). What they
 * may do with a report they read: their part in it (report_access), by the rules below.
 * The chief is told of missed deadlines (escalation mails) but reads no report.
 */
export const REPORTING_ROLES: readonly Role[] = ['integrity_officer', 'confidential_counsellor', 'integrity_investigator', 'core_group_member'];
/** Who may be configured as a recipient: anyone with a role of the module. */
export const RECIPIENT_ROLES: readonly Role[] = REPORTING_ROLES;
/** Without configured primary recipients, the current integrity officers receive. */
export const DEFAULT_RECIPIENT_ROLES: readonly Role[] = ['integrity_officer'];
export const INVESTIGATOR_ROLES: readonly Role[] = ['integrity_investigator'];
/** Who is told when a deadline of a report passed (never the content). */
export const ESCALATION_ROLES: readonly Role[] = ['chief'];

export type Action = (typeof ACTIONS)[number];

const isRecipient = (kinds: readonly AccessKind[]) => kinds.includes('recipient');

/** What the reader may do with a report, given their part in it and its status. */
export function permissions(kinds: readonly AccessKind[], status: ReportStatus): Record<Action, boolean> {
  const open = status !== 'closed';
  const recipient = isRecipient(kinds);
  const acknowledged = status === 'acknowledged' || status === 'in_progress';
  return {
    acknowledge: recipient && status === 'received',
    admissibility: recipient && acknowledged,
    investigator: recipient && open,
    // The investigator asks the reporter questions too; counsellors and advisers read only.
    message: open && (recipient || kinds.includes('investigator')),
    feedback: recipient && acknowledged,
    close: recipient && acknowledged,
  };
}

export function reportingPolicies() {
  return {
    member: policy.roles(...REPORTING_ROLES),
    settings: policy.roles('integrity_officer'),
    /** A counsellor files a report for someone who came to them. */
    counsellor: policy.roles('confidential_counsellor'),
  };
}
