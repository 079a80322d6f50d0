import { sql } from 'drizzle-orm';
import { check, pgTable, smallint, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * One row: a known constant sealed with the installation's key when the key was created (or
 * first verified). At boot, opening it tells cheaply whether the key at hand is the right one.
 * It holds nothing secret: without the key it is noise, with the key it is a constant.
 */
export const sealingKeyCheck = pgTable(
  'sealing_key_check',
  {
    id: smallint('id').primaryKey().default(1),
    sealed: text('sealed').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('sealing_key_check_one_row', sql`${t.id} = 1`)],
);
