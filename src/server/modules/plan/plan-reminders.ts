/** Due-date reminders and the heads of service's monthly listing (daily jobs). */
import { sql } from 'drizzle-orm';
import { withSystemTx } from '../../platform/db/tx.js';
import { registerMailTemplate } from '../../platform/mail/index.js';
import { DEFAULT_LOCALE, type Locale } from '../../../shared/roles.js';
import { isLocale } from '../../platform/i18n/index.js';
import { currentRoleCondition } from '../../platform/authz/current-role.js';
import { unitsHeadedBy } from '../../platform/tenancy/units.js';
import { getOrganisationSettings } from '../organisations/service.js';
import { planMails } from './messages.js';
import * as repo from './repo.js';
import { todayIso, type PlanContext } from './plan-context.js';

registerMailTemplate('plan.reminder', { subject: planMails.reminderSubject, body: planMails.reminderBody });
registerMailTemplate('plan.unit_reminder', { subject: planMails.reminderSubject, body: planMails.unitReminderBody });
registerMailTemplate('plan.monthly_listing', { subject: planMails.listingSubject, body: planMails.listingBody });

/** A user's language for their mail; an unknown stored value falls back to the default. */
const mailLocale = (v: string): Locale => (isLocale(v) ? v : DEFAULT_LOCALE);

export function makePlanReminders({ db, deps }: PlanContext) {
  return {
    // Reminders and listings (jobs call these with today's date; tests with any date) --------------

    /**
     * Reminders before the due date of a running plan's open actions: to the owner, or, for an
     * action owned by a unit, to the heads of service of that unit. One claim per action and due
     * date, so a reminder goes out once; a later due date earns a new one.
     */
    async sendDueReminders(today = todayIso()): Promise<number> {
      return withSystemTx(db, async (tx) => {
        const rows = (await tx.execute<{ id: string; organisation_id: string; plan_id: string; title: string; due_date: string; progress: number; days_left: number; by_unit: boolean; email: string; locale: string }>(sql`
          WITH due AS (
            SELECT a.id, a.organisation_id, a.plan_id, a.title, a.due_date, a.progress, a.owner_user_id, a.owner_unit_id, (a.due_date - ${today}::date) AS days_left
              FROM plan_action a
              JOIN plan p ON p.id = a.plan_id AND p.status = 'in_force'
             WHERE a.status IN ('planned', 'in_progress') AND a.due_date BETWEEN ${today}::date AND ${today}::date + 90
               AND (a.owner_user_id IS NOT NULL OR a.owner_unit_id IS NOT NULL)
               AND NOT EXISTS (SELECT 1 FROM plan_reminder_sent r WHERE r.action_id = a.id AND r.due_date = a.due_date)
          ), recipient AS (
            SELECT d.id AS action_id, d.owner_user_id AS user_id, false AS by_unit FROM due d WHERE d.owner_user_id IS NOT NULL
            UNION
            SELECT d.id, ra.user_id, true
              FROM due d
              JOIN person pe ON pe.organisation_id = d.organisation_id AND pe.unit_id = d.owner_unit_id AND pe.user_id IS NOT NULL
                            AND (pe.end_date IS NULL OR pe.end_date >= ${today}::date)
              JOIN role_assignment ra ON ra.organisation_id = d.organisation_id AND ra.user_id = pe.user_id AND ra.role = 'head_of_service'
                            AND ${currentRoleCondition('ra', today)}
             WHERE d.owner_user_id IS NULL
          )
          SELECT d.id, d.organisation_id, d.plan_id, d.title, d.due_date, d.progress, d.days_left, r.by_unit, u.email, u.locale
            FROM due d
            JOIN recipient r ON r.action_id = d.id
            JOIN app_user u ON u.id = r.user_id AND u.disabled_at IS NULL
           ORDER BY d.organisation_id, d.due_date, d.id, u.email`)).rows;
        const settings = new Map<string, number>();
        const claimed = new Map<string, boolean>();
        let sent = 0;
        for (const r of rows) {
          if (!settings.has(r.organisation_id)) settings.set(r.organisation_id, (await getOrganisationSettings(tx, r.organisation_id)).reminderDaysBeforeDue);
          if (Number(r.days_left) > settings.get(r.organisation_id)!) continue;
          if (!claimed.has(r.id)) {
            const claim = await tx.execute(sql`
              INSERT INTO plan_reminder_sent (action_id, due_date, organisation_id) VALUES (${r.id}, ${r.due_date}, ${r.organisation_id}) ON CONFLICT DO NOTHING`);
            claimed.set(r.id, (claim.rowCount ?? 0) > 0);
          }
          if (!claimed.get(r.id)) continue;
          await deps.mailer.enqueue(tx, {
            organisationId: r.organisation_id, to: r.email, locale: mailLocale(r.locale), template: r.by_unit ? 'plan.unit_reminder' : 'plan.reminder',
            params: { title: r.title, dueDate: r.due_date, progress: r.progress, link: `${deps.publicUrl}/o/${r.organisation_id}/plans/${r.plan_id}/actions?action=${r.id}` },
          });
          sent++;
        }
        return sent;
      });
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
