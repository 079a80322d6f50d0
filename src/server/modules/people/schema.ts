import { date, index, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { appUser } from '../../platform/auth/schema.js';
import { organisation, orgUnit } from '../organisations/schema.js';

/** Staff of an organisation, as the HR system knows them. Never deleted: leavers get an end date. */
export const person = pgTable(
  'person',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id').notNull().references(() => organisation.id),
    personnelNumber: text('personnel_number').notNull(),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    email: text('email'),
    staffCategory: text('staff_category').notNull(), // operational | calog
    grade: text('grade'),
    unitId: uuid('unit_id').references(() => orgUnit.id),
    functionTitle: text('function_title'),
    startDate: date('start_date').notNull(),
    endDate: date('end_date'),
    userId: uuid('user_id').references(() => appUser.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('person_org_number_uq').on(t.organisationId, t.personnelNumber),
    index('person_org_name_idx').on(t.organisationId, t.lastName, t.firstName),
    index('person_user_idx').on(t.userId),
  ],
);
