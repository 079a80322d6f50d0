import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { appUser } from '../../platform/auth/schema.js';
import { organisation } from '../organisations/schema.js';
import { DILEMMA_STATUSES, DILEMMA_THEMES } from './dilemma-contract.js';

/**
 * The inventory of ethical dilemmas staff meet (issue 21; step 3 of the six-step method in Schoten's
 * plan, 2.1): what a staff member ran into, optionally what they did and what would have helped,
 * tagged by theme and by the process of the catalogue it belongs to, later used in dilemma training.
 *
 * Anonymous submissions store nothing that identifies: `submitted_by` is NULL, the only time is the
 * day (`submitted_on`; no timestamp is written at submission, `updated_at` stays NULL until the integrity
 * officer changes the row), no address, and no audit event (its time and actor would date and name it).
 * The free texts are sealed at rest (platform/crypto, purpose `notes`; registered in dilemma-service.ts) like the plan's confidential notes.
 */

const list = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));

export const riskDilemma = pgTable('risk_dilemma', {
  id: uuid('id').primaryKey(),
  organisationId: uuid('organisation_id').notNull().references(() => organisation.id),
  /** Sealed: the dilemma as the staff member wrote it. */
  content: text('content').notNull(),
  /** Sealed, optional: what they did. */
  whatIDid: text('what_i_did'),
  /** Sealed, optional: what would have helped. */
  whatWouldHelp: text('what_would_help'),
  /** A catalogue code (catalogue.ts), when the dilemma belongs to one of its processes. */
  processCode: text('process_code'),
  themes: text('themes').array().notNull().default(sql`'{}'::text[]`),
  /** NULL when the person chose to submit anonymously. */
  submittedBy: uuid('submitted_by').references(() => appUser.id),
  submittedOn: date('submitted_on').notNull(),
  status: text('status').notNull().default('new'),
  /** Sealed: the integrity officer's note. */
  officerNote: text('officer_note'),
  updatedBy: uuid('updated_by').references(() => appUser.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }),
  revision: integer('revision').notNull().default(1),
}, (t) => [
  index('risk_dilemma_org_idx').on(t.organisationId, t.submittedOn),
  index('risk_dilemma_author_idx').on(t.submittedBy).where(sql`submitted_by IS NOT NULL`),
  check('risk_dilemma_status_check', sql`${t.status} IN (${list(DILEMMA_STATUSES)})`),
  check('risk_dilemma_themes_check', sql`${t.themes} <@ ARRAY[${list(DILEMMA_THEMES)}]::text[]`),
]);
