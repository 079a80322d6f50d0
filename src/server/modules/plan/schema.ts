import { sql } from 'drizzle-orm';
import {
  bigserial, boolean, check, date, index, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, unique, uuid, type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { appUser } from '../../platform/auth/schema.js';
import { storedFile } from '../../platform/files/schema.js';
import { organisation, orgUnit } from '../organisations/schema.js';
import { person } from '../people/schema.js';
import { bytea } from '../../platform/db/columns.js';


/**
 * One version of an integrity policy plan (AIG model, 7 sections). Versions of the same plan
 * share `lineage_id`; a change to a plan in force is a new row with version + 1.
 * Status: draft → submitted → approved → in_force → superseded.
 */
export const plan = pgTable(
  'plan',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id').notNull().references(() => organisation.id),
    lineageId: uuid('lineage_id').notNull(),
    version: integer('version').notNull().default(1),
    previousVersionId: uuid('previous_version_id').references((): AnyPgColumn => plan.id),
    title: text('title').notNull(),
    periodFrom: integer('period_from').notNull(),
    periodTo: integer('period_to').notNull(),
    language: text('language').notNull(),
    templateKey: text('template_key').notNull().default('empty'),
    status: text('status').notNull().default('draft'),
    /** Section texts of the model (identification, ambition, values, …), validated by the contract. */
    sections: jsonb('sections').$type<Record<string, unknown>>().notNull().default({}),
    confidentialNotes: text('confidential_notes'),
    sharedWithOversight: boolean('shared_with_oversight').notNull().default(false),
    /** Optimistic concurrency: bumped by every change of the row, compared on every edit (ADR 0011). */
    revision: integer('revision').notNull().default(1),
    createdBy: uuid('created_by').references(() => appUser.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    submittedBy: uuid('submitted_by').references(() => appUser.id),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    approvedBy: uuid('approved_by').references(() => appUser.id),
    inForceAt: timestamp('in_force_at', { withTimezone: true }),
    supersededAt: timestamp('superseded_at', { withTimezone: true }),
  },
  (t) => [
    unique('plan_lineage_version_uq').on(t.lineageId, t.version),
    index('plan_org_status_idx').on(t.organisationId, t.status),
  ],
);

/** Strategic (parent_id null) and operational objectives. */
export const planObjective = pgTable(
  'plan_objective',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id').notNull().references(() => organisation.id),
    planId: uuid('plan_id').notNull().references(() => plan.id, { onDelete: 'cascade' }),
    parentId: uuid('parent_id').references((): AnyPgColumn => planObjective.id),
    code: text('code').notNull().default(''),
    title: text('title').notNull(),
    description: text('description'),
    ownerLabel: text('owner_label'),
    ownerUserId: uuid('owner_user_id').references(() => appUser.id),
    ownerUnitId: uuid('owner_unit_id').references(() => orgUnit.id),
    /** A staff member of the HR list owns it (with or without an account); owner_user_id then holds their account, if any. */
    ownerPersonId: uuid('owner_person_id').references(() => person.id),
    coActors: text('co_actors').array().notNull().default(sql`'{}'::text[]`),
    position: integer('position').notNull().default(0),
    /** Optimistic concurrency: bumped by every change of the row, compared on every edit (ADR 0011). */
    revision: integer('revision').notNull().default(1),
  },
  (t) => [index('plan_objective_tree_idx').on(t.planId, t.parentId, t.position)],
);

export const planIndicator = pgTable(
  'plan_indicator',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id').notNull().references(() => organisation.id),
    planId: uuid('plan_id').notNull().references(() => plan.id, { onDelete: 'cascade' }),
    objectiveId: uuid('objective_id').notNull().references(() => planObjective.id, { onDelete: 'cascade' }),
    /** Set when the indicator measures one action (objective_id is then that action's objective); null: the objective's own. */
    actionId: uuid('action_id').references((): AnyPgColumn => planAction.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    unit: text('unit'),
    baseline: numeric('baseline'),
    target: numeric('target'),
    position: integer('position').notNull().default(0),
    /** Optimistic concurrency: bumped by every change of the row, compared on every edit (ADR 0011). */
    revision: integer('revision').notNull().default(1),
  },
  (t) => [index('plan_indicator_plan_idx').on(t.planId, t.objectiveId), index('plan_indicator_action_idx').on(t.actionId).where(sql`action_id IS NOT NULL`)],
);

export const planIndicatorMeasurement = pgTable(
  'plan_indicator_measurement',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id').notNull().references(() => organisation.id),
    planId: uuid('plan_id').notNull().references(() => plan.id, { onDelete: 'cascade' }),
    indicatorId: uuid('indicator_id').notNull().references(() => planIndicator.id, { onDelete: 'cascade' }),
    year: integer('year').notNull(),
    value: numeric('value').notNull(),
    note: text('note'),
    /** Optimistic concurrency: bumped by every change of the row, compared on every edit (ADR 0011). */
    revision: integer('revision').notNull().default(1),
  },
  (t) => [unique('plan_measurement_year_uq').on(t.indicatorId, t.year), index('plan_measurement_plan_idx').on(t.planId)],
);

/** Stored status is planned | in_progress | done | stopped; 'late' is derived from the due date in SQL. */
export const planAction = pgTable(
  'plan_action',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id').notNull().references(() => organisation.id),
    planId: uuid('plan_id').notNull().references(() => plan.id, { onDelete: 'cascade' }),
    objectiveId: uuid('objective_id').notNull().references(() => planObjective.id),
    /** The action of the previous version this one was copied from (matches versions in a compare). */
    sourceActionId: uuid('source_action_id'),
    code: text('code'),
    title: text('title').notNull(),
    description: text('description'),
    ownerUserId: uuid('owner_user_id').references(() => appUser.id),
    ownerUnitId: uuid('owner_unit_id').references(() => orgUnit.id),
    /**
     * The staff member (HR list) who owns the action, with or without an account. Their account, when
     * linked, is the owner for rights and reminders; without one, the heads of service of their unit are reminded.
     */
    ownerPersonId: uuid('owner_person_id').references(() => person.id),
    ownerLabel: text('owner_label'),
    coActors: text('co_actors').array().notNull().default(sql`'{}'::text[]`),
    startDate: date('start_date'),
    dueDate: date('due_date'),
    timingLabel: text('timing_label'),
    status: text('status').notNull().default('planned'),
    progress: integer('progress').notNull().default(0),
    imfFunction: text('imf_function'),
    imfLayer: text('imf_layer'),
    nature: text('nature'),
    meansTime: text('means_time'),
    meansBudgetEur: numeric('means_budget_eur', { precision: 12, scale: 2 }),
    meansPeople: text('means_people'),
    meansNote: text('means_note'),
    /** Confidential working notes: officer, chief, the owner and the head of the owning unit. */
    notes: text('notes'),
    position: integer('position').notNull().default(0),
    /** Optimistic concurrency: bumped by every change of the row, compared on every edit (ADR 0011). */
    revision: integer('revision').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('plan_action_tree_idx').on(t.planId, t.objectiveId, t.position),
    index('plan_action_owner_idx').on(t.organisationId, t.ownerUserId),
    index('plan_action_unit_idx').on(t.organisationId, t.ownerUnitId),
    index('plan_action_person_idx').on(t.organisationId, t.ownerPersonId),
    index('plan_action_due_idx').on(t.organisationId, t.dueDate).where(sql`status IN ('planned', 'in_progress')`),
  ],
);

/** Every progress report of an owner: the history of the action. */
export const planActionUpdate = pgTable(
  'plan_action_update',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    organisationId: uuid('organisation_id').notNull().references(() => organisation.id),
    planId: uuid('plan_id').notNull().references(() => plan.id, { onDelete: 'cascade' }),
    actionId: uuid('action_id').notNull().references(() => planAction.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    by: uuid('by').references(() => appUser.id),
    status: text('status').notNull(),
    progress: integer('progress').notNull(),
    note: text('note'),
  },
  (t) => [index('plan_action_update_action_idx').on(t.actionId, t.at), index('plan_action_update_plan_idx').on(t.planId, t.at)],
);

/**
 * The evidence of an action: which files belong to which action of which plan version. The file
 * itself is on the platform (stored_file, record type 'plan_action', same id as this row); name,
 * type, size and digest are repeated here so lists and counts stay one-table queries. `data` holds
 * the content only for rows written by SQL into this table the old way (moved by migration 0019
 * otherwise): it is sealed at boot like any registered field and read as before.
 */
export const planActionEvidence = pgTable(
  'plan_action_evidence',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id').notNull().references(() => organisation.id),
    planId: uuid('plan_id').notNull().references(() => plan.id, { onDelete: 'cascade' }),
    actionId: uuid('action_id').notNull().references(() => planAction.id, { onDelete: 'cascade' }),
    fileId: uuid('file_id').unique('plan_action_evidence_file_uq').references(() => storedFile.id, { onDelete: 'cascade' }),
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    data: bytea('data'),
    uploadedBy: uuid('uploaded_by').references(() => appUser.id),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('plan_action_evidence_action_idx').on(t.actionId),
    check('plan_action_evidence_content_chk', sql`(${t.fileId} IS NULL) <> (${t.data} IS NULL)`),
  ],
);

/** The yearly evaluation (Check of PDCA); approved by the chief, it is the plan chapter of the yearly report. */
export const planEvaluation = pgTable(
  'plan_evaluation',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id').notNull().references(() => organisation.id),
    planId: uuid('plan_id').notNull().references(() => plan.id, { onDelete: 'cascade' }),
    year: integer('year').notNull(),
    doneText: text('done_text').notNull().default(''),
    indicatorsText: text('indicators_text').notNull().default(''),
    indicatorsSnapshot: jsonb('indicators_snapshot').$type<unknown[]>().notNull().default([]),
    changesText: text('changes_text').notNull().default(''),
    status: text('status').notNull().default('draft'),
    createdBy: uuid('created_by').references(() => appUser.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    approvedBy: uuid('approved_by').references(() => appUser.id),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    /** The officer sent the draft to the chief for approval (the chief is told; it shows on their home page). */
    submittedBy: uuid('submitted_by').references(() => appUser.id),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    /** Optimistic concurrency: bumped by every change of the row, compared on every edit (ADR 0011). */
    revision: integer('revision').notNull().default(1),
  },
  (t) => [unique('plan_evaluation_year_uq').on(t.planId, t.year)],
);

/** One reminder per action and due date: a moved due date earns a new reminder. */
export const planReminderSent = pgTable(
  'plan_reminder_sent',
  {
    actionId: uuid('action_id').notNull().references(() => planAction.id, { onDelete: 'cascade' }),
    dueDate: date('due_date').notNull(),
    organisationId: uuid('organisation_id').notNull().references(() => organisation.id),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.actionId, t.dueDate] })],
);

/** One monthly listing per head of service and month. */
export const planListingSent = pgTable(
  'plan_listing_sent',
  {
    organisationId: uuid('organisation_id').notNull().references(() => organisation.id),
    userId: uuid('user_id').notNull().references(() => appUser.id),
    month: date('month').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.userId, t.month] })],
);
