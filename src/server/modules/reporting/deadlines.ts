/**
 * The legal deadlines of a report, through the platform's deadlines (platform/deadlines):
 * - `reporting.acknowledge`: acknowledge receipt within the organisation's days (7 at most) from the
 *   day of receipt, while the report is `received`;
 * - `reporting.feedback`: feedback to the reporter within its months (3 at most) from the
 *   acknowledgement, until feedback is given or the report is closed.
 * The rule lives in the SQL below, over the reports and the current settings; recipients' write
 * paths sync the report they touched, the settings sync the organisation, and the daily job
 * reconciles every report before it sends anything.
 *
 * A reporter's own actions never write a deadline: the platform's deadline row carries exact
 * creation and update times, which would date an anonymous report to the second. A report filed
 * today gets its deadlines from the next morning's run, whose first step (as many days before the
 * due date as the whole delay) is the recipients' notice that a report waits: once a day, at the
 * job's hour, never at the moment of filing. Mails say only that something waits, and when, with a
 * link (the platform's own mails: nothing of the report). Reminders go to the report's recipients
 * `alert_days_before` days before and on the day; the day after, the chief is told (escalation),
 * unless the reporter excluded them.
 */
import { sql, type SQL } from 'drizzle-orm';
import { currentRoleCondition } from '../../platform/authz/current-role.js';
import type { Queryable } from '../../platform/db/pool.js';
import { registerDeadlineKind, syncDeadlines, type DeadlineRecord } from '../../platform/deadlines/index.js';
import type { Tx } from '../../platform/db/pool.js';
import { textArray } from '../../platform/deadlines/service.js';
import type { Role } from '../../../shared/roles.js';
import { ESCALATION_ROLES, REPORTING_ROLES } from './policy.js';
import { ACK_DAYS, FEEDBACK_MONTHS, RECORD_TYPE } from './repo.js';

export const REPORT_ACKNOWLEDGE = 'reporting.acknowledge';
export const REPORT_FEEDBACK = 'reporting.feedback';

const ALERT = sql`coalesce((SELECT s.alert_days_before FROM report_settings s WHERE s.organisation_id = r.organisation_id), 2)`;

/** Reports waiting for their acknowledgement, due `ack_days` after the day of receipt. */
export const acknowledgeSource = (): SQL => sql`
  SELECT r.organisation_id, r.id AS record_id, r.received_on + ${ACK_DAYS} AS due_on, NULL::uuid AS assignee_user_id, NULL::uuid AS assignee_unit_id,
         ARRAY[${ACK_DAYS}, ${ALERT}, 0]::int[] AS remind_days_before, 1 AS escalate_after_days
    FROM report r WHERE r.status = 'received'`;

/**
 * Acknowledged reports waiting for feedback. A report acknowledged automatically at filing also
 * gets the first-morning notice (its whole delay as a lead time): no acknowledgement deadline told
 * the recipients that it came.
 */
export const feedbackSource = (): SQL => sql`
  SELECT d.organisation_id, d.record_id, d.due_on, NULL::uuid AS assignee_user_id, NULL::uuid AS assignee_unit_id,
         CASE WHEN d.automatic THEN ARRAY[least(d.due_on - d.acknowledged_on, 366), d.alert, 0] ELSE ARRAY[d.alert, 0] END::int[] AS remind_days_before,
         1 AS escalate_after_days
    FROM (
      SELECT r.organisation_id, r.id AS record_id, r.acknowledged_on, ${ALERT} AS alert,
             (r.acknowledged_on + make_interval(months => ${FEEDBACK_MONTHS}))::date AS due_on,
             EXISTS (SELECT 1 FROM report_event e WHERE e.organisation_id = r.organisation_id AND e.report_id = r.id
                        AND e.kind = 'acknowledged' AND e.by_user_id IS NULL) AS automatic
        FROM report r WHERE r.acknowledged_on IS NOT NULL AND r.feedback_on IS NULL AND r.status <> 'closed'
    ) d`;

/** After a recipient's step, or a change of the settings: the report's (or the organisation's) deadlines follow the rule. */
export async function syncReportDeadlines(tx: Queryable, orgId: string, reportIds?: readonly string[]): Promise<void> {
  await syncDeadlines(tx, { kind: REPORT_ACKNOWLEDGE, source: acknowledgeSource(), organisationId: orgId, recordIds: reportIds });
  await syncDeadlines(tx, { kind: REPORT_FEEDBACK, source: feedbackSource(), organisationId: orgId, recordIds: reportIds });
}

/** The people with access of `kind` to the report who still hold one of `roles` (on `today`). */
async function accessHolders(tx: Tx, d: DeadlineRecord, today: string, kind: 'recipient' | 'escalation', roles: readonly Role[]): Promise<string[]> {
  const r = await tx.execute<{ user_id: string }>(sql`
    SELECT DISTINCT a.user_id FROM report_access a
      JOIN role_assignment ra ON ra.organisation_id = a.organisation_id AND ra.user_id = a.user_id
                             AND ra.role = ANY(${textArray(roles)}::text[]) AND ${currentRoleCondition('ra', today)}
     WHERE a.organisation_id = ${d.organisationId} AND a.report_id = ${d.recordId} AND a.kind = ${kind}`);
  return r.rows.map((x) => x.user_id);
}

/**
 * The report's recipients who still hold a role of the module (their key grant decides what they
 * can open): whom every deadline of a report (here and reprisals.ts) reminds.
 */
export const reportRecipients = (tx: Tx, d: DeadlineRecord, today: string) => accessHolders(tx, d, today, 'recipient', REPORTING_ROLES);

/** The chiefs the report may be escalated to (those the reporter did not exclude), if still chief. */
const escalationOf = (tx: Tx, d: DeadlineRecord, today: string) => accessHolders(tx, d, today, 'escalation', ESCALATION_ROLES);

/** The page of a report in the web app: the only way into it a mail gives (after sign-in and with access). */
export const reportPath = (orgId: string, reportId: string) => `/o/${orgId}/reports/${reportId}`;

for (const [kind, source] of [[REPORT_ACKNOWLEDGE, acknowledgeSource], [REPORT_FEEDBACK, feedbackSource]] as const) {
  registerDeadlineKind({
    kind,
    recordType: RECORD_TYPE,
    link: (_tx, d) => reportPath(d.organisationId, d.recordId),
    // No `mail`: the platform's mails say that something waits and when, with a link, and nothing else.
    recipients: reportRecipients,
    escalateTo: escalationOf,
    reconcile: async (tx) => { await syncDeadlines(tx, { kind, source: source() }); },
  });
}
