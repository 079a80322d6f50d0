import { boolean, date, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { appUser } from '../../platform/auth/schema.js';
import { organisation } from '../organisations/schema.js';
import { maturityMeasurement } from './schema.js';

/**
 * Whether an organisation lets oversight bodies see its name beside its maturity measurement
 * (issue 20). No row means no consent: by default an organisation appears only inside quantiles.
 * Set by its chief or administrator; `revision` for If-Match ("0" for the first choice).
 */
export const maturityOversightConsent = pgTable('maturity_oversight_consent', {
  organisationId: uuid('organisation_id').primaryKey().references(() => organisation.id),
  consented: boolean('consented').notNull().default(false),
  updatedBy: uuid('updated_by').references(() => appUser.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  revision: integer('revision').notNull().default(1),
});

/**
 * Per measurement and pillar, the sum and number of its agreed levels: the trend's pillar means without
 * reading every agreement of ten years. Kept by a trigger on maturity_agreement (migration 0033), so it
 * follows every write in the writer's transaction, whatever the path; read only for approved measurements.
 */
export const maturityPillarSum = pgTable('maturity_pillar_sum', {
  organisationId: uuid('organisation_id').notNull().references(() => organisation.id),
  measurementId: uuid('measurement_id').notNull().references(() => maturityMeasurement.id, { onDelete: 'cascade' }),
  pillar: text('pillar').notNull(),
  levelSum: integer('level_sum').notNull(),
  criteria: integer('criteria').notNull(),
}, (t) => [primaryKey({ columns: [t.measurementId, t.pillar] })]);

/**
 * Changes of an organisation's current staff by day: +n on the day persons start, -n the day after they
 * end (persons whose end precedes their start count never, as in the people module's rule). The staff of
 * today, which places a zone in its peer group, is the sum up to today. Kept by a trigger on person
 * (migration 0033); the migration folded everything up to its day into one row per organisation, and
 * later days add a row each, so an organisation has few rows instead of one per person.
 */
export const personStaffDelta = pgTable('person_staff_delta', {
  organisationId: uuid('organisation_id').notNull().references(() => organisation.id),
  day: date('day').notNull(),
  delta: integer('delta').notNull(),
}, (t) => [primaryKey({ columns: [t.organisationId, t.day] })]);
