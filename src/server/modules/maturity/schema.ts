import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { appUser } from '../../platform/auth/schema.js';
import { organisation } from '../organisations/schema.js';
import { plan, planAction, planObjective } from '../plan/schema.js';

/** A text in the four languages of the platform. */
export type LocalizedText = { nl: string; fr: string; de: string; en: string };

/**
 * A maturity framework version (issue 20): global data, not an organisation's. The inspectorate
 * publishes versions of a code ('imf'); a measurement keeps the version it started with, so a
 * published version is never edited, only followed by the next one.
 */
export const maturityFramework = pgTable('maturity_framework', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull(),
  version: integer('version').notNull(),
  status: text('status').notNull().default('draft'),
  title: jsonb('title').$type<LocalizedText>().notNull(),
  description: jsonb('description').$type<LocalizedText>(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  createdBy: uuid('created_by').references(() => appUser.id),
  publishedAt: timestamp('published_at', { withTimezone: true }),
  publishedBy: uuid('published_by').references(() => appUser.id),
}, (t) => [
  unique('maturity_framework_code_version_uq').on(t.code, t.version),
  check('maturity_framework_status_ck', sql`${t.status} IN ('draft', 'published')`),
  check('maturity_framework_published_ck', sql`(${t.status} = 'published') = (${t.publishedAt} IS NOT NULL)`),
]);

/** One criterion of a framework version: its pillar, IMF function (instruments only), texts and five level descriptors. */
export const maturityCriterion = pgTable('maturity_criterion', {
  id: uuid('id').primaryKey().defaultRandom(),
  frameworkId: uuid('framework_id').notNull().references(() => maturityFramework.id, { onDelete: 'cascade' }),
  pillar: text('pillar').notNull(),
  function: text('function'),
  code: text('code').notNull(),
  position: integer('position').notNull().default(0),
  title: jsonb('title').$type<LocalizedText>().notNull(),
  description: jsonb('description').$type<LocalizedText>().notNull(),
  /** Level 0 (absent) to 4 (leading), each in four languages. */
  levels: jsonb('levels').$type<LocalizedText[]>().notNull(),
}, (t) => [
  unique('maturity_criterion_code_uq').on(t.frameworkId, t.code),
  check('maturity_criterion_pillar_ck', sql`${t.pillar} IN ('instruments', 'processes', 'structures')`),
  check('maturity_criterion_function_ck', sql`(${t.pillar} = 'instruments' AND ${t.function} IN ('define', 'guide', 'monitor', 'enforce')) OR (${t.pillar} <> 'instruments' AND ${t.function} IS NULL)`),
  check('maturity_criterion_levels_ck', sql`jsonb_array_length(${t.levels}) = 5`),
]);

/**
 * A measurement of one organisation: scoring → consolidating → submitted → approved (locked).
 * `revision` moves with every step and with the assessor list (ADR 0011).
 */
export const maturityMeasurement = pgTable('maturity_measurement', {
  id: uuid('id').primaryKey().defaultRandom(),
  organisationId: uuid('organisation_id').notNull().references(() => organisation.id),
  frameworkId: uuid('framework_id').notNull().references(() => maturityFramework.id),
  kind: text('kind').notNull(),
  year: integer('year').notNull(),
  status: text('status').notNull().default('scoring'),
  createdBy: uuid('created_by').references(() => appUser.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  consolidationStartedAt: timestamp('consolidation_started_at', { withTimezone: true }),
  submittedAt: timestamp('submitted_at', { withTimezone: true }),
  submittedBy: uuid('submitted_by').references(() => appUser.id),
  approvedAt: timestamp('approved_at', { withTimezone: true }),
  approvedBy: uuid('approved_by').references(() => appUser.id),
  revision: integer('revision').notNull().default(1),
}, (t) => [
  index('maturity_measurement_org_idx').on(t.organisationId, t.year),
  // The oversight view's latest approved measurement per organisation of a year (oversight-repo.ts).
  index('maturity_measurement_approved_idx').on(t.frameworkId, t.year, t.organisationId, t.approvedAt).where(sql`${t.status} = 'approved'`),
  check('maturity_measurement_kind_ck', sql`${t.kind} IN ('baseline', 'yearly', 'final')`),
  check('maturity_measurement_status_ck', sql`${t.status} IN ('scoring', 'consolidating', 'submitted', 'approved')`),
  check('maturity_measurement_year_ck', sql`${t.year} BETWEEN 2000 AND 2100`),
]);

/** The people who score a measurement, each on their own. */
export const maturityAssessor = pgTable('maturity_assessor', {
  organisationId: uuid('organisation_id').notNull().references(() => organisation.id),
  measurementId: uuid('measurement_id').notNull().references(() => maturityMeasurement.id, { onDelete: 'cascade' }),
  userId: uuid('user_id').notNull().references(() => appUser.id),
}, (t) => [primaryKey({ columns: [t.measurementId, t.userId] })]);

/** One assessor's score of one criterion, with its written evidence (files and links: maturity_evidence). */
export const maturityScore = pgTable('maturity_score', {
  id: uuid('id').primaryKey().defaultRandom(),
  organisationId: uuid('organisation_id').notNull().references(() => organisation.id),
  measurementId: uuid('measurement_id').notNull().references(() => maturityMeasurement.id, { onDelete: 'cascade' }),
  criterionId: uuid('criterion_id').notNull().references(() => maturityCriterion.id),
  assessorUserId: uuid('assessor_user_id').notNull().references(() => appUser.id),
  level: integer('level').notNull(),
  evidence: text('evidence').notNull().default(''),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  revision: integer('revision').notNull().default(1),
}, (t) => [
  unique('maturity_score_uq').on(t.measurementId, t.criterionId, t.assessorUserId),
  check('maturity_score_level_ck', sql`${t.level} BETWEEN 0 AND 4`),
]);

/** The consolidated result of a criterion: the agreed level, the target and why. */
export const maturityAgreement = pgTable('maturity_agreement', {
  organisationId: uuid('organisation_id').notNull().references(() => organisation.id),
  measurementId: uuid('measurement_id').notNull().references(() => maturityMeasurement.id, { onDelete: 'cascade' }),
  criterionId: uuid('criterion_id').notNull().references(() => maturityCriterion.id),
  agreedLevel: integer('agreed_level').notNull(),
  targetLevel: integer('target_level').notNull(),
  reason: text('reason').notNull(),
  decidedBy: uuid('decided_by').references(() => appUser.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  revision: integer('revision').notNull().default(1),
}, (t) => [
  primaryKey({ columns: [t.measurementId, t.criterionId] }),
  check('maturity_agreement_levels_ck', sql`${t.agreedLevel} BETWEEN 0 AND 4 AND ${t.targetLevel} BETWEEN 0 AND 4`),
]);

/**
 * A plan objective or action made from a criterion's gap. Kept so the next measurement shows what was
 * done about the gap; an entry deleted from the plan leaves the link with its id emptied.
 */
export const maturityPlanLink = pgTable('maturity_plan_link', {
  id: uuid('id').primaryKey().defaultRandom(),
  organisationId: uuid('organisation_id').notNull().references(() => organisation.id),
  measurementId: uuid('measurement_id').notNull().references(() => maturityMeasurement.id, { onDelete: 'cascade' }),
  criterionId: uuid('criterion_id').notNull().references(() => maturityCriterion.id),
  kind: text('kind').notNull(),
  planId: uuid('plan_id').notNull().references(() => plan.id, { onDelete: 'cascade' }),
  objectiveId: uuid('objective_id').references(() => planObjective.id, { onDelete: 'set null' }),
  actionId: uuid('action_id').references(() => planAction.id, { onDelete: 'set null' }),
  createdBy: uuid('created_by').references(() => appUser.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('maturity_plan_link_measurement_idx').on(t.measurementId),
  check('maturity_plan_link_kind_ck', sql`${t.kind} IN ('action', 'objective')`),
]);
