import { sql } from 'drizzle-orm';
import { check, date, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { appUser } from '../../platform/auth/schema.js';
import { organisation } from '../organisations/schema.js';

/**
 * The complaints desk's statistics and yearly report (issue 19). The figures themselves are counted
 * from the complaints' clear facts (stats-repo); stored here is only what people decide: the
 * window of the repeated-complaints signal and the coordinator's recommendations per year.
 */

/** When a staff member's complaints become a signal: `repeatCount` complaints within `repeatMonths` months. */
export const complaintStatsSettings = pgTable('complaint_stats_settings', {
  organisationId: uuid('organisation_id').primaryKey().references(() => organisation.id),
  repeatCount: integer('repeat_count').notNull().default(3),
  repeatMonths: integer('repeat_months').notNull().default(12),
  revision: integer('revision').notNull().default(1),
}, (t) => [
  check('complaint_stats_settings_count_ck', sql`${t.repeatCount} BETWEEN 2 AND 20`),
  check('complaint_stats_settings_months_ck', sql`${t.repeatMonths} BETWEEN 1 AND 60`),
]);

/**
 * The recommendations of the yearly complaints report, written by the coordinator: in clear, as they
 * are published in the public version too (they speak of the organisation, never of a complainant).
 */
export const complaintYearReport = pgTable('complaint_year_report', {
  organisationId: uuid('organisation_id').notNull().references(() => organisation.id),
  year: integer('year').notNull(),
  recommendations: text('recommendations').notNull(),
  updatedBy: uuid('updated_by').references(() => appUser.id),
  updatedOn: date('updated_on').notNull(),
  revision: integer('revision').notNull().default(1),
}, (t) => [
  primaryKey({ columns: [t.organisationId, t.year] }),
  check('complaint_year_report_length_ck', sql`length(${t.recommendations}) <= 20000`),
]);
