import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, pgTable, primaryKey, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { appUser } from '../../platform/auth/schema.js';
import { organisation } from '../organisations/schema.js';
import { report } from './schema.js';
import { bytea } from '../../platform/db/columns.js';


/**
 * Core-group advice on a report: the recipient's question (encrypted, field `advice:<id>:question`)
 * and the day until which the members asked may read the report (their key grants expire then).
 */
export const reportAdviceRequest = pgTable('report_advice_request', {
  id: uuid('id').primaryKey(),
  organisationId: uuid('organisation_id').notNull().references(() => organisation.id),
  reportId: uuid('report_id').notNull().references(() => report.id, { onDelete: 'cascade' }),
  askedByUserId: uuid('asked_by_user_id').references(() => appUser.id),
  question: bytea('question').notNull(),
  askedOn: date('asked_on').notNull(),
  untilOn: date('until_on').notNull(),
  /** Withdrawn by a recipient: the members who had not answered lose their access that day. */
  withdrawnOn: date('withdrawn_on'),
}, (t) => [index('report_advice_request_report_idx').on(t.organisationId, t.reportId)]);

/** One member asked, and their advice once given (encrypted, field `advice:<request id>:<user id>`). */
export const reportAdvice = pgTable('report_advice', {
  organisationId: uuid('organisation_id').notNull().references(() => organisation.id),
  requestId: uuid('request_id').notNull().references(() => reportAdviceRequest.id, { onDelete: 'cascade' }),
  reportId: uuid('report_id').notNull().references(() => report.id, { onDelete: 'cascade' }),
  userId: uuid('user_id').notNull().references(() => appUser.id),
  advice: bytea('advice'),
  givenOn: date('given_on'),
}, (t) => [
  primaryKey({ columns: [t.organisationId, t.requestId, t.userId] }),
  index('report_advice_user_idx').on(t.organisationId, t.userId),
]);

/** A measure a recipient took to protect the reporter against reprisals (description encrypted, field `measure:<id>`). */
export const reportProtectiveMeasure = pgTable('report_protective_measure', {
  id: uuid('id').primaryKey(),
  organisationId: uuid('organisation_id').notNull().references(() => organisation.id),
  reportId: uuid('report_id').notNull().references(() => report.id, { onDelete: 'cascade' }),
  description: bytea('description').notNull(),
  takenOn: date('taken_on').notNull(),
  recordedOn: date('recorded_on').notNull(),
  recordedByUserId: uuid('recorded_by_user_id').references(() => appUser.id),
}, (t) => [index('report_protective_measure_report_idx').on(t.organisationId, t.reportId)]);

/**
 * The reporter's answer to a reprisal check-in (`check_months`: 3, 6, 12 … after the
 * acknowledgement) or a reprisal they reported of their own accord (`check_months` null). Only the
 * day, as for everything a reporter creates; what happened is encrypted (field `reprisal:<id>`).
 */
export const reportReprisal = pgTable('report_reprisal', {
  id: uuid('id').primaryKey(),
  organisationId: uuid('organisation_id').notNull().references(() => organisation.id),
  reportId: uuid('report_id').notNull().references(() => report.id, { onDelete: 'cascade' }),
  seq: integer('seq').notNull(),
  checkMonths: integer('check_months'),
  suffered: boolean('suffered').notNull(),
  description: bytea('description'),
  answeredOn: date('answered_on').notNull(),
  /** A recipient took note of a reprisal reported (the flag on their home page ends). */
  handledOn: date('handled_on'),
  handledByUserId: uuid('handled_by_user_id').references(() => appUser.id),
}, (t) => [
  uniqueIndex('report_reprisal_seq_uq').on(t.organisationId, t.reportId, t.seq),
  uniqueIndex('report_reprisal_check_uq').on(t.organisationId, t.reportId, t.checkMonths).where(sql`${t.checkMonths} IS NOT NULL`),
  check('report_reprisal_description_ck', sql`${t.suffered} OR ${t.description} IS NULL`),
]);
