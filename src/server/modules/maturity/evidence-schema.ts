import { sql } from 'drizzle-orm';
import { check, foreignKey, index, integer, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { organisation } from '../organisations/schema.js';
import { maturityAssessor, maturityCriterion, maturityMeasurement } from './schema.js';

/**
 * The evidence an assessor gives with their score of a criterion, besides its text: files (stored
 * sealed by the platform's file store under record type 'maturity_evidence' and this row's id) and
 * links to records of other modules by a typed reference (`plan.action`, platform/records). A row
 * belongs to one assessor of the measurement: it goes when the assessor is taken off the
 * measurement or the measurement is deleted (cascade), and its file with it (trigger).
 */
export const maturityEvidence = pgTable('maturity_evidence', {
  id: uuid('id').primaryKey().defaultRandom(),
  organisationId: uuid('organisation_id').notNull().references(() => organisation.id),
  measurementId: uuid('measurement_id').notNull().references(() => maturityMeasurement.id, { onDelete: 'cascade' }),
  criterionId: uuid('criterion_id').notNull().references(() => maturityCriterion.id),
  assessorUserId: uuid('assessor_user_id').notNull(),
  kind: text('kind').notNull(),
  /** A file: its cleaned name, our media type and its size (the content is in stored_file). */
  filename: text('filename'),
  mediaType: text('media_type'),
  size: integer('size'),
  /** A link: the kind of record (`<module>.<what>`) and its id. */
  recordKind: text('record_kind'),
  recordId: uuid('record_id'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  foreignKey({ name: 'maturity_evidence_assessor_fk', columns: [t.measurementId, t.assessorUserId], foreignColumns: [maturityAssessor.measurementId, maturityAssessor.userId] }).onDelete('cascade'),
  index('maturity_evidence_measurement_idx').on(t.organisationId, t.measurementId, t.criterionId),
  unique('maturity_evidence_link_uq').on(t.measurementId, t.criterionId, t.assessorUserId, t.recordKind, t.recordId),
  check('maturity_evidence_kind_ck', sql`(${t.kind} = 'file' AND ${t.filename} IS NOT NULL AND ${t.mediaType} IS NOT NULL AND ${t.size} IS NOT NULL AND ${t.recordKind} IS NULL AND ${t.recordId} IS NULL)
    OR (${t.kind} = 'link' AND ${t.recordKind} IS NOT NULL AND ${t.recordId} IS NOT NULL AND ${t.filename} IS NULL)`),
]);
