import { sql } from 'drizzle-orm';
import { check, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid, boolean } from 'drizzle-orm/pg-core';
import { appUser } from '../../platform/auth/schema.js';
import { organisation } from '../organisations/schema.js';
import { person } from '../people/schema.js';
import { plan, planAction, planObjective } from '../plan/schema.js';

/** A band of the matrix, low to very high. */
export type RiskBand = 'low' | 'medium' | 'high' | 'very_high';
export type RiskFactors = Record<string, number>;

/**
 * An organisation's matrix (issue 21): likelihood and impact levels (3..7) and the band of every
 * cell, `matrix[l - 1][i - 1]`. Absent: the defaults (5 × 5, derived bands; scoring.ts).
 */
export const riskSettings = pgTable('risk_settings', {
  organisationId: uuid('organisation_id').primaryKey().references(() => organisation.id),
  likelihoodLevels: integer('likelihood_levels').notNull().default(5),
  impactLevels: integer('impact_levels').notNull().default(5),
  matrix: jsonb('matrix').$type<RiskBand[][]>().notNull(),
  updatedBy: uuid('updated_by').references(() => appUser.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  revision: integer('revision').notNull().default(1),
}, (t) => [
  check('risk_settings_levels_ck', sql`${t.likelihoodLevels} BETWEEN 3 AND 7 AND ${t.impactLevels} BETWEEN 3 AND 7`),
  check('risk_settings_matrix_ck', sql`jsonb_array_length(${t.matrix}) = ${t.likelihoodLevels}`),
]);

/** The organisation's inventory of processes and functions, from the catalogue or entered freely. */
export const riskProcess = pgTable('risk_process', {
  id: uuid('id').primaryKey().defaultRandom(),
  organisationId: uuid('organisation_id').notNull().references(() => organisation.id),
  kind: text('kind').notNull(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  catalogueCode: text('catalogue_code'),
  ownerPersonId: uuid('owner_person_id').references(() => person.id),
  reviewDate: date('review_date'),
  archived: boolean('archived').notNull().default(false),
  createdBy: uuid('created_by').references(() => appUser.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  revision: integer('revision').notNull().default(1),
}, (t) => [
  index('risk_process_org_idx').on(t.organisationId, t.name),
  unique('risk_process_catalogue_uq').on(t.organisationId, t.catalogueCode),
  check('risk_process_kind_ck', sql`${t.kind} IN ('process', 'function')`),
]);

/**
 * A risk analysis: draft → scoring → consolidating → completed (locked). It keeps the matrix it
 * started with, so history keeps its matrix. `revision` moves with every step and edit (ADR 0011).
 */
export const riskAnalysis = pgTable('risk_analysis', {
  id: uuid('id').primaryKey().defaultRandom(),
  organisationId: uuid('organisation_id').notNull().references(() => organisation.id),
  title: text('title').notNull(),
  scopeNote: text('scope_note').notNull().default(''),
  status: text('status').notNull().default('draft'),
  moderatorUserId: uuid('moderator_user_id').references(() => appUser.id),
  likelihoodLevels: integer('likelihood_levels').notNull(),
  impactLevels: integer('impact_levels').notNull(),
  matrix: jsonb('matrix').$type<RiskBand[][]>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  startedAt: timestamp('started_at', { withTimezone: true }),
  consolidationStartedAt: timestamp('consolidation_started_at', { withTimezone: true }),
  completedAt: timestamp('completed_at', { withTimezone: true }),
  revision: integer('revision').notNull().default(1),
}, (t) => [
  index('risk_analysis_org_idx').on(t.organisationId, t.completedAt),
  check('risk_analysis_status_ck', sql`${t.status} IN ('draft', 'scoring', 'consolidating', 'completed')`),
  check('risk_analysis_completed_ck', sql`(${t.status} = 'completed') = (${t.completedAt} IS NOT NULL)`),
]);

/** The analysis's scope: which processes of the inventory it covers. */
export const riskAnalysisProcess = pgTable('risk_analysis_process', {
  organisationId: uuid('organisation_id').notNull().references(() => organisation.id),
  analysisId: uuid('analysis_id').notNull().references(() => riskAnalysis.id, { onDelete: 'cascade' }),
  processId: uuid('process_id').notNull().references(() => riskProcess.id),
}, (t) => [primaryKey({ columns: [t.analysisId, t.processId] }), index('risk_analysis_process_process_idx').on(t.processId)]);

/** The people who score an analysis, each on their own. */
export const riskParticipant = pgTable('risk_participant', {
  organisationId: uuid('organisation_id').notNull().references(() => organisation.id),
  analysisId: uuid('analysis_id').notNull().references(() => riskAnalysis.id, { onDelete: 'cascade' }),
  userId: uuid('user_id').notNull().references(() => appUser.id),
}, (t) => [primaryKey({ columns: [t.analysisId, t.userId] })]);

/** One participant's own score of one process (the agreed assessment has its own table). */
export const riskScore = pgTable('risk_score', {
  id: uuid('id').primaryKey().defaultRandom(),
  organisationId: uuid('organisation_id').notNull().references(() => organisation.id),
  analysisId: uuid('analysis_id').notNull().references(() => riskAnalysis.id, { onDelete: 'cascade' }),
  processId: uuid('process_id').notNull().references(() => riskProcess.id),
  participantUserId: uuid('participant_user_id').notNull().references(() => appUser.id),
  inherent: jsonb('inherent').$type<RiskFactors>().notNull(),
  aggravating: jsonb('aggravating').$type<RiskFactors>().notNull(),
  likelihood: integer('likelihood').notNull(),
  impact: integer('impact').notNull(),
  comment: text('comment').notNull().default(''),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  revision: integer('revision').notNull().default(1),
}, (t) => [
  unique('risk_score_uq').on(t.analysisId, t.processId, t.participantUserId),
  check('risk_score_scale_ck', sql`${t.likelihood} BETWEEN 1 AND 7 AND ${t.impact} BETWEEN 1 AND 7`),
]);

/** The agreed assessment of a process, recorded by the moderator in consolidation. */
export const riskAgreement = pgTable('risk_agreement', {
  organisationId: uuid('organisation_id').notNull().references(() => organisation.id),
  analysisId: uuid('analysis_id').notNull().references(() => riskAnalysis.id, { onDelete: 'cascade' }),
  processId: uuid('process_id').notNull().references(() => riskProcess.id),
  inherent: jsonb('inherent').$type<RiskFactors>().notNull(),
  aggravating: jsonb('aggravating').$type<RiskFactors>().notNull(),
  likelihood: integer('likelihood').notNull(),
  impact: integer('impact').notNull(),
  /** Derived at write time from the analysis's matrix (kept for the register and the heat map). */
  riskScore: integer('risk_score').notNull(),
  band: text('band').notNull(),
  vulnerability: text('vulnerability').notNull(),
  comment: text('comment').notNull().default(''),
  reason: text('reason').notNull().default(''),
  decidedBy: uuid('decided_by').references(() => appUser.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  revision: integer('revision').notNull().default(1),
}, (t) => [
  primaryKey({ columns: [t.analysisId, t.processId] }),
  index('risk_agreement_process_idx').on(t.organisationId, t.processId),
  check('risk_agreement_scale_ck', sql`${t.likelihood} BETWEEN 1 AND 7 AND ${t.impact} BETWEEN 1 AND 7`),
  check('risk_agreement_band_ck', sql`${t.band} IN ('low', 'medium', 'high', 'very_high') AND ${t.vulnerability} IN ('low', 'medium', 'high', 'very_high')`),
]);

/** An existing control of an analysed process (step 5). */
export const riskControl = pgTable('risk_control', {
  id: uuid('id').primaryKey().defaultRandom(),
  organisationId: uuid('organisation_id').notNull().references(() => organisation.id),
  analysisId: uuid('analysis_id').notNull().references(() => riskAnalysis.id, { onDelete: 'cascade' }),
  processId: uuid('process_id').notNull().references(() => riskProcess.id),
  description: text('description').notNull(),
  type: text('type').notNull(),
  effectiveness: text('effectiveness').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  revision: integer('revision').notNull().default(1),
}, (t) => [
  index('risk_control_analysis_idx').on(t.analysisId),
  check('risk_control_type_ck', sql`${t.type} IN ('preventive', 'detective', 'reactive')`),
  check('risk_control_effectiveness_ck', sql`${t.effectiveness} IN ('effective', 'partly', 'ineffective', 'unknown')`),
]);

/** A recommendation for an analysed process (step 6), followed up, and linked to the plan entry it became. */
export const riskRecommendation = pgTable('risk_recommendation', {
  id: uuid('id').primaryKey().defaultRandom(),
  organisationId: uuid('organisation_id').notNull().references(() => organisation.id),
  analysisId: uuid('analysis_id').notNull().references(() => riskAnalysis.id, { onDelete: 'cascade' }),
  processId: uuid('process_id').notNull().references(() => riskProcess.id),
  text: text('text').notNull(),
  ownerPersonId: uuid('owner_person_id').references(() => person.id),
  dueDate: date('due_date'),
  status: text('status').notNull().default('open'),
  planKind: text('plan_kind'),
  planId: uuid('plan_id').references(() => plan.id, { onDelete: 'set null' }),
  planObjectiveId: uuid('plan_objective_id').references(() => planObjective.id, { onDelete: 'set null' }),
  planActionId: uuid('plan_action_id').references(() => planAction.id, { onDelete: 'set null' }),
  linkedAt: timestamp('linked_at', { withTimezone: true }),
  createdBy: uuid('created_by').references(() => appUser.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  revision: integer('revision').notNull().default(1),
}, (t) => [
  index('risk_recommendation_analysis_idx').on(t.analysisId),
  index('risk_recommendation_process_idx').on(t.organisationId, t.processId),
  check('risk_recommendation_status_ck', sql`${t.status} IN ('open', 'in_progress', 'done', 'dropped')`),
  check('risk_recommendation_plan_kind_ck', sql`${t.planKind} IS NULL OR ${t.planKind} IN ('action', 'objective')`),
]);
