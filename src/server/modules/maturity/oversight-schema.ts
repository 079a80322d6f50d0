import { boolean, integer, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
import { appUser } from '../../platform/auth/schema.js';
import { organisation } from '../organisations/schema.js';

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
