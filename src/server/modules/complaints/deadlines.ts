/**
 * The lead times of a complaint, through the platform's deadlines (platform/deadlines):
 * - `complaints.acknowledge`: acknowledged within the organisation's days from receipt, while `received`;
 * - `complaints.triage`: triaged within the desk's days from receipt, while `received` or `acknowledged`;
 * - `complaints.resolve`: answered within the organisation's days from receipt, until answered or closed.
 * The rule lives in the SQL below (repo.dueColumns says the same for the screens); staff write paths
 * sync the complaint they touched and the daily job reconciles every complaint before it sends
 * anything (a citizen's filing writes no deadline row: its times would date the filing).
 * Reminders go to the coordinators (acknowledge, triage) or the handler (resolve), two days before
 * and on the day; the day after, the coordinators are told. Mails say only that something waits.
 */
import { sql, type SQL } from 'drizzle-orm';
import { currentRoleCondition } from '../../platform/authz/current-role.js';
import type { Queryable, Tx } from '../../platform/db/pool.js';
import { registerDeadlineKind, syncDeadlines, type DeadlineRecord } from '../../platform/deadlines/index.js';
import { textArray } from '../../platform/deadlines/service.js';
import { ASSIGNABLE_ROLES, COORDINATOR_ROLES } from './policy.js';
import { ACK_DAYS, RECORD_TYPE, RESOLVE_DAYS, TRIAGE_DAYS } from './repo.js';

export const COMPLAINT_ACKNOWLEDGE = 'complaints.acknowledge';
export const COMPLAINT_TRIAGE = 'complaints.triage';
export const COMPLAINT_RESOLVE = 'complaints.resolve';

const source = (due: SQL, where: SQL, assignee: SQL = sql`NULL::uuid`): SQL => sql`
  SELECT c.organisation_id, c.id AS record_id, c.received_on + ${due} AS due_on, ${assignee} AS assignee_user_id, NULL::uuid AS assignee_unit_id,
         ARRAY[2, 0]::int[] AS remind_days_before, 1 AS escalate_after_days
    FROM complaint c WHERE ${where}`;

export const acknowledgeSource = () => source(ACK_DAYS('c'), sql`c.status = 'received'`);
export const triageSource = () => source(TRIAGE_DAYS('c'), sql`c.status IN ('received', 'acknowledged')`);
export const resolveSource = () => source(RESOLVE_DAYS('c'), sql`c.status IN ('received', 'acknowledged', 'triaged')`, sql`c.handler_user_id`);

const KINDS = [[COMPLAINT_ACKNOWLEDGE, acknowledgeSource], [COMPLAINT_TRIAGE, triageSource], [COMPLAINT_RESOLVE, resolveSource]] as const;

/** After a staff step: the complaint's (or the organisation's) deadlines follow the rule. */
export async function syncComplaintDeadlines(tx: Queryable, orgId: string, ids?: readonly string[]): Promise<void> {
  for (const [kind, src] of KINDS) await syncDeadlines(tx, { kind, source: src(), organisationId: orgId, recordIds: ids });
}

/** The organisation's current coordinators (reminded of what waits for triage; told when any lead time passed). */
async function coordinatorsOf(tx: Tx, d: DeadlineRecord, today: string): Promise<string[]> {
  const r = await tx.execute<{ user_id: string }>(sql`
    SELECT DISTINCT ra.user_id FROM role_assignment ra
     WHERE ra.organisation_id = ${d.organisationId} AND ra.role = ANY(${textArray(COORDINATOR_ROLES)}::text[]) AND ${currentRoleCondition('ra', today)}`);
  return r.rows.map((x) => x.user_id);
}

/** The complaint's handler while they still hold a role of the desk. */
async function handlerOf(tx: Tx, d: DeadlineRecord, today: string): Promise<string[]> {
  const r = await tx.execute<{ user_id: string }>(sql`
    SELECT DISTINCT c.handler_user_id AS user_id FROM complaint c
      JOIN role_assignment ra ON ra.organisation_id = c.organisation_id AND ra.user_id = c.handler_user_id
                             AND ra.role = ANY(${textArray(ASSIGNABLE_ROLES)}::text[]) AND ${currentRoleCondition('ra', today)}
     WHERE c.organisation_id = ${d.organisationId} AND c.id = ${d.recordId}`);
  return r.rows.map((x) => x.user_id);
}

/** The page of a complaint in the web app: the only way into it a mail gives (after sign-in and with access). */
export const complaintPath = (orgId: string, id: string) => `/o/${orgId}/complaints/${id}`;

for (const [kind, src] of KINDS) {
  registerDeadlineKind({
    kind,
    recordType: RECORD_TYPE,
    link: (_tx, d) => complaintPath(d.organisationId, d.recordId),
    // Without a handler (not yet triaged) the coordinators are reminded; the platform's mails say nothing of the complaint.
    recipients: async (tx, d, today) => (kind === COMPLAINT_RESOLVE ? [...new Set([...(await handlerOf(tx, d, today)), ...(await coordinatorsOf(tx, d, today))])] : coordinatorsOf(tx, d, today)),
    escalateTo: coordinatorsOf,
    reconcile: async (tx) => { await syncDeadlines(tx, { kind, source: src() }); },
  });
}
