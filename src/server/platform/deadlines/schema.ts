import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { appUser } from '../auth/schema.js';
import { organisation } from '../tenancy/schema.js';

/**
 * A due date on any record of any module (an action of the plan, the acknowledgement of a report, …),
 * with what the daily reminder job has already sent for it. The module keeps its record; this row is
 * what the platform needs to remind, escalate and list "what waits for me". One row per record and
 * kind (a report has an acknowledgement and a feedback deadline).
 */
export const deadline = pgTable(
  'deadline',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id').notNull().references(() => organisation.id),
    recordType: text('record_type').notNull(),
    recordId: uuid('record_id').notNull(),
    /** A registered kind (`registerDeadlineKind`): it decides the mails, the link and the escalation. */
    kind: text('kind').notNull(),
    /** A calendar day: reminders are daily, and a legal deadline counts in days. */
    dueOn: date('due_on').notNull(),
    /** The person who must act; null when a unit answers for it (then the kind names its people). */
    assigneeUserId: uuid('assignee_user_id').references(() => appUser.id, { onDelete: 'set null' }),
    /** A unit of the organisation (org_unit is a module's table: no foreign key from the platform). */
    assigneeUnitId: uuid('assignee_unit_id'),
    /** Days before the due date that earn a reminder; 0 is the notice on the day. Null: the kind's default for the organisation. */
    remindDaysBefore: integer('remind_days_before').array(),
    /** Days after the due date when the kind's escalation target is told. Null: the kind's default (none without one). */
    escalateAfterDays: integer('escalate_after_days'),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    /**
     * The last step sent, as days from the due date (-N: the reminder N days before, 0: the notice on
     * the day, +N: the escalation), and the day it went. Reset when the due date moves.
     */
    lastSentStep: integer('last_sent_step'),
    lastSentOn: date('last_sent_on'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // organisation_id leads the key: Citus needs the distribution column in every unique index.
    uniqueIndex('deadline_record_kind_uq').on(t.organisationId, t.recordType, t.recordId, t.kind),
    index('deadline_open_due_idx').on(t.dueOn).where(sql`completed_at IS NULL`),
    index('deadline_assignee_idx').on(t.organisationId, t.assigneeUserId).where(sql`completed_at IS NULL`),
    index('deadline_unit_idx').on(t.organisationId, t.assigneeUnitId).where(sql`completed_at IS NULL`),
    check('deadline_remind_days_ck', sql`0 <= ALL(${t.remindDaysBefore}) AND 366 >= ALL(${t.remindDaysBefore})`),
    check('deadline_escalate_days_ck', sql`${t.escalateAfterDays} BETWEEN 1 AND 366`),
  ],
);
