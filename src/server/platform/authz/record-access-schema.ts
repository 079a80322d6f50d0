import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { appUser } from '../auth/schema.js';
import { organisation } from '../tenancy/schema.js';

/**
 * Per-record access list of confidential files (reports, complaints, investigations): who is
 * assigned to a record (handler, investigator, reader) and who is implicated in it and so
 * excluded, whatever their role. Rows are never deleted: revocation sets revoked_at.
 */
export const recordAccess = pgTable(
  'record_access',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id').notNull().references(() => organisation.id),
    recordType: text('record_type').notNull(),
    recordId: uuid('record_id').notNull(),
    userId: uuid('user_id').notNull().references(() => appUser.id),
    /** handler | investigator | reader | excluded */
    access: text('access').notNull(),
    grantedBy: uuid('granted_by').references(() => appUser.id),
    grantedAt: timestamp('granted_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedBy: uuid('revoked_by').references(() => appUser.id),
  },
  (t) => [
    index('record_access_record_idx').on(t.organisationId, t.recordType, t.recordId),
    index('record_access_user_idx').on(t.userId, t.recordType),
  ],
);
