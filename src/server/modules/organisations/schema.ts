import { integer, pgTable, text, timestamp, unique, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';

export { organisation, type LocalisedText } from '../../platform/tenancy/schema.js';
import { organisation } from '../../platform/tenancy/schema.js';

/** Internal services of an organisation (a tree): "Recherche", "Interventie", "Dienst Intern Toezicht". */
export const orgUnit = pgTable(
  'org_unit',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id').notNull().references(() => organisation.id),
    parentId: uuid('parent_id').references((): AnyPgColumn => orgUnit.id),
    code: text('code').notNull(),
    name: text('name').notNull(),
    /** Optimistic concurrency (ADR 0011). */
    revision: integer('revision').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('org_unit_code_uq').on(t.organisationId, t.code)],
);
