/**
 * The plan's deadlines and the heads of service's monthly listing.
 *
 * Due-date reminders are the platform's (platform/deadlines): an open action with a due date and an
 * owner in a plan in force has a deadline of kind `plan.action_due`; the daily job `deadline-reminders`
 * reminds the owner (for a unit: its heads of service) once per due date, within the organisation's
 * lead time. The write paths of actions sync their deadline; the job reconciles the kind with this
 * rule first, so plans that came into force or were superseded since are right on the day.
 *
 * The monthly listing stays the plan's own job: it is a digest per head of service and month over
 * all their units' actions (late ones included), not a step of one record's due date.
 */
import { sql, type SQL } from 'drizzle-orm';
import { currentRoleCondition } from '../../platform/authz/current-role.js';
import type { Queryable } from '../../platform/db/pool.js';
import { withSystemTx } from '../../platform/db/tx.js';
import { registerDeadlineKind, runDeadlineReminders, syncDeadlines, type DeadlineMail } from '../../platform/deadlines/index.js';
import { registerMailTemplate } from '../../platform/mail/index.js';
import { DEFAULT_LOCALE, type Locale } from '../../../shared/roles.js';
import { isLocale } from '../../platform/i18n/index.js';
import { unitsHeadedBy } from '../../platform/tenancy/units.js';
import { getOrganisationSettings } from '../organisations/service.js';
import { planEntryMails, planMails } from './messages.js';
import * as repo from './repo.js';
import { todayIso, type PlanContext } from './plan-context.js';

registerMailTemplate('plan.reminder', { subject: planMails.reminderSubject, body: planMails.reminderBody });
registerMailTemplate('plan.unit_reminder', { subject: planMails.reminderSubject, body: planMails.unitReminderBody });
registerMailTemplate('plan.person_reminder', { subject: planMails.reminderSubject, body: planEntryMails.personReminderBody });
registerMailTemplate('plan.monthly_listing', { subject: planMails.listingSubject, body: planMails.listingBody });

/** A user's language for their mail; an unknown stored value falls back to the default. */
const mailLocale = (v: string): Locale => (isLocale(v) ? v : DEFAULT_LOCALE);

export const PLAN_ACTION_DUE = 'plan.action_due';

/** The owning staff member can be mailed: an enabled account, and not gone from the organisation. */
const PERSON_REACHABLE = (today: string | null): SQL =>
  sql`(pu.id IS NOT NULL AND (pe.end_date IS NULL OR pe.end_date >= coalesce(${today}::date, current_date)))`;

/**
 * Which actions have a deadline, as the platform's sync wants it: open (planned, in progress), with
 * a due date and an owner, in a plan in force. Drafts have none: their dates are proposals until the
 * plan is adopted. Who is reminded:
 * - a staff member (person) who owns it: their account when they have one (enabled, still employed on
 *   `today`); otherwise the heads of service of their unit (of the owning unit when they have none);
 * - an account given directly: that account; a unit: its heads of service (unitRecipients below).
 * The person's account and unit are read as they are at each sync, so linking an account in the HR
 * list takes effect at the next daily run. The lead time is the organisation's setting, read by the
 * job each day (null here). Migration 0018 applied the rule of the day (accounts and units) to the
 * actions then open.
 */
export const planActionDeadlines = (today: string | null = null): SQL => sql`
  SELECT * FROM (
    SELECT a.organisation_id, a.id AS record_id, a.due_date AS due_on,
           CASE WHEN a.owner_person_id IS NULL THEN a.owner_user_id WHEN ${PERSON_REACHABLE(today)} THEN pu.id END AS assignee_user_id,
           CASE WHEN a.owner_person_id IS NOT NULL AND NOT ${PERSON_REACHABLE(today)} THEN coalesce(pe.unit_id, a.owner_unit_id)
                ELSE a.owner_unit_id END AS assignee_unit_id,
           NULL::int[] AS remind_days_before, NULL::int AS escalate_after_days
      FROM plan_action a
      JOIN plan p ON p.id = a.plan_id AND p.organisation_id = a.organisation_id AND p.status = 'in_force'
      LEFT JOIN person pe ON pe.id = a.owner_person_id AND pe.organisation_id = a.organisation_id
      LEFT JOIN app_user pu ON pu.id = pe.user_id AND pu.disabled_at IS NULL
     WHERE a.status IN ('planned', 'in_progress') AND a.due_date IS NOT NULL
  ) d WHERE d.assignee_user_id IS NOT NULL OR d.assignee_unit_id IS NOT NULL`;

/** After a write of actions (created, changed, progress reported): their deadlines follow the rule, in the same transaction. */
export async function syncActionDeadlines(tx: Queryable, orgId: string, actionIds: string[]): Promise<void> {
  await syncDeadlines(tx, { kind: PLAN_ACTION_DUE, source: planActionDeadlines(), organisationId: orgId, recordIds: actionIds });
}

/** After a plan changed status (in force, superseded): the deadlines of all its actions follow. */
export async function syncPlanDeadlines(tx: Queryable, orgId: string, planId: string): Promise<void> {
  const ids = (await tx.execute<{ id: string }>(sql`SELECT id FROM plan_action WHERE organisation_id = ${orgId} AND plan_id = ${planId}`)).rows.map((r) => r.id);
  await syncActionDeadlines(tx, orgId, ids);
}

async function actionOf(tx: Queryable, orgId: string, actionId: string) {
  const r = await tx.execute<{ plan_id: string; title: string; progress: number; owner_person: string | null }>(sql`
    SELECT a.plan_id, a.title, a.progress, CASE WHEN pe.id IS NULL THEN NULL ELSE concat_ws(' ', pe.first_name, pe.last_name) END AS owner_person
      FROM plan_action a LEFT JOIN person pe ON pe.id = a.owner_person_id AND pe.organisation_id = a.organisation_id
     WHERE a.organisation_id = ${orgId} AND a.id = ${actionId}`);
  return r.rows[0];
}

registerDeadlineKind({
  kind: PLAN_ACTION_DUE,
  recordType: 'plan_action',
  link: async (tx, d) => `/o/${d.organisationId}/plans/${(await actionOf(tx, d.organisationId, d.recordId)).plan_id}/actions?action=${d.recordId}`,
  // An action's title is not confidential (the plan is shared with the whole organisation): the mail names it and its progress.
  mail: async (tx, m): Promise<DeadlineMail> => {
    const a = await actionOf(tx, m.deadline.organisationId, m.deadline.recordId);
    // A head of service reminded for a staff member without an account is told whose action it is, to pass it on.
    if (m.via === 'unit' && a.owner_person) {
      return { template: 'plan.person_reminder', params: { title: a.title, owner: a.owner_person, dueDate: m.deadline.dueOn, progress: a.progress, link: m.link } };
    }
    return {
      template: m.via === 'unit' ? 'plan.unit_reminder' : 'plan.reminder',
      params: { title: a.title, dueDate: m.deadline.dueOn, progress: a.progress, link: m.link },
    };
  },
  defaults: async (tx, orgId) => ({ remindDaysBefore: [(await getOrganisationSettings(tx, orgId)).reminderDaysBeforeDue] }),
  // A unit's action, or one owned by a staff member without an account: the heads of service of that
  // unit itself (a sub-unit without a head of its own has nobody to remind; its head above sees it in
  // the monthly listing).
  unitRecipients: async (tx, d, today) => (await tx.execute<{ user_id: string }>(sql`
    SELECT DISTINCT pe.user_id FROM person pe
      JOIN role_assignment ra ON ra.organisation_id = pe.organisation_id AND ra.user_id = pe.user_id AND ra.role = 'head_of_service'
                             AND ${currentRoleCondition('ra', today)}
     WHERE pe.organisation_id = ${d.organisationId} AND pe.unit_id = ${d.assigneeUnitId} AND pe.user_id IS NOT NULL
       AND (pe.end_date IS NULL OR pe.end_date >= ${today}::date)`)).rows.map((r) => r.user_id),
  // No escalation: late actions reach the heads of service in the monthly listing.
  reconcile: async (tx, today) => { await syncDeadlines(tx, { kind: PLAN_ACTION_DUE, source: planActionDeadlines(today) }); },
});

export function makePlanReminders({ db, deps }: PlanContext) {
  return {
    // Reminders and listings (jobs call these with today's date; tests with any date) --------------

    /**
     * The platform's deadline job for the plan's kind only, on `today` (default: today in Belgium).
     * Returns the number of mails written.
     */
    async sendDueReminders(today?: string): Promise<number> {
      return (await runDeadlineReminders({ db, mailer: deps.mailer, publicUrl: deps.publicUrl }, { today, kinds: [PLAN_ACTION_DUE] })).mails;
    },

    /**
     * Monthly listing to heads of service on the organisation's listing day: the open actions of
     * their unit and of the units under it that are due this month, and the late ones.
     */
    async sendMonthlyListings(today = todayIso()): Promise<number> {
      return withSystemTx(db, async (tx) => {
        const day = Number(today.slice(8, 10));
        const month = `${today.slice(0, 7)}-01`;
        const heads = (await tx.execute<{ organisation_id: string; user_id: string; email: string; locale: string; unit_id: string }>(sql`
          SELECT DISTINCT ON (ra.organisation_id, ra.user_id) ra.organisation_id, ra.user_id, u.email, u.locale, pe.unit_id
            FROM role_assignment ra
            JOIN app_user u ON u.id = ra.user_id AND u.disabled_at IS NULL
            JOIN person pe ON pe.organisation_id = ra.organisation_id AND pe.user_id = ra.user_id AND pe.unit_id IS NOT NULL
                          AND (pe.end_date IS NULL OR pe.end_date >= ${today}::date)
           WHERE ra.role = 'head_of_service' AND ${currentRoleCondition('ra', today)}
             AND NOT EXISTS (SELECT 1 FROM plan_listing_sent s WHERE s.organisation_id = ra.organisation_id AND s.user_id = ra.user_id AND s.month = ${month}::date)
           ORDER BY ra.organisation_id, ra.user_id, pe.start_date DESC`)).rows;
        const listingDay = new Map<string, number>();
        let sent = 0;
        for (const h of heads) {
          if (!listingDay.has(h.organisation_id)) listingDay.set(h.organisation_id, (await getOrganisationSettings(tx, h.organisation_id)).monthlyListingDay);
          // On or after the listing day, so a missed run catches up later in the month.
          if (day < listingDay.get(h.organisation_id)!) continue;
          // The same units as the head's rights on the plan (one rule, in the organisations module).
          const units = await unitsHeadedBy(tx, h.organisation_id, h.user_id, today);
          const actions = (await tx.execute<{ id: string; plan_id: string; title: string; due_date: string; status: string }>(sql`
            SELECT a.id, a.plan_id, a.title, a.due_date, ${repo.effectiveStatus(today)} AS status
              FROM plan_action a JOIN plan p ON p.id = a.plan_id AND p.status = 'in_force'
             WHERE a.organisation_id = ${h.organisation_id} AND a.owner_unit_id = ANY(${repo.pgArray(units)}::uuid[])
               AND a.status IN ('planned', 'in_progress') AND a.due_date < (${month}::date + interval '1 month')
             ORDER BY a.due_date, a.title`)).rows;
          const late = actions.filter((a) => a.status === 'late');
          const due = actions.filter((a) => a.status !== 'late' && a.due_date >= month);
          if (late.length === 0 && due.length === 0) continue;
          const fmt = (xs: typeof actions) => (xs.length ? xs.slice(0, 100).map((a) => `- ${a.due_date} ${a.title}`).join('\n') : '-');
          await tx.execute(sql`INSERT INTO plan_listing_sent (organisation_id, user_id, month) VALUES (${h.organisation_id}, ${h.user_id}, ${month}::date) ON CONFLICT DO NOTHING`);
          // The plan in force, filtered on the unit: what the listing names, where it can be updated.
          const link = `${deps.publicUrl}/o/${h.organisation_id}/plans/${actions[0].plan_id}/actions?unit=${h.unit_id}`;
          await deps.mailer.enqueue(tx, {
            organisationId: h.organisation_id, to: h.email, locale: mailLocale(h.locale), template: 'plan.monthly_listing',
            params: { month: today.slice(0, 7), dueCount: due.length, lateCount: late.length, dueList: fmt(due), lateList: fmt(late), link },
          });
          sent++;
        }
        return sent;
      });
    },
  };
}
