import { date, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { appUser } from '../../platform/auth/schema.js';
import { organisation } from '../organisations/schema.js';

/** A role held by a user in one organisation for a period. Withdrawal ends it; rows are kept. */
export const roleAssignment = pgTable(
  'role_assignment',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id').notNull().references(() => organisation.id),
    userId: uuid('user_id').notNull().references(() => appUser.id),
    role: text('role').notNull(),
    validFrom: date('valid_from').notNull(),
    validTo: date('valid_to'),
    assignedBy: uuid('assigned_by').references(() => appUser.id),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    withdrawnBy: uuid('withdrawn_by').references(() => appUser.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('role_assignment_user_idx').on(t.userId), index('role_assignment_org_idx').on(t.organisationId, t.role)],
);
