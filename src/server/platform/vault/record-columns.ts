import { date, integer, jsonb, text, uuid } from 'drizzle-orm/pg-core';
import { appUser } from '../auth/schema.js';
import { bytea } from '../db/columns.js';

/**
 * Columns shared by the tables of end-to-end encrypted records (a report, a complaint...). Each call
 * makes new column builders, so a module spreads them into its own table next to its own columns.
 */

/**
 * A file sealed under the record's key: its bytes and its name encrypted (fields `file:<id>` and
 * `file:<id>:name`), cleaned of metadata before (platform/files `cleanUploads`). Not the platform's
 * stored_file, whose file name and creation time are clear. Order within the record by `seq`.
 */
export const sealedFileColumns = () => ({
  seq: integer('seq').notNull(),
  addedBy: text('added_by').notNull(),
  name: bytea('name').notNull(),
  mediaType: text('media_type').notNull(),
  size: integer('size').notNull(),
  /** SHA-256 of the plain (cleaned) file, checked again after decryption. */
  sha256: text('sha256').notNull(),
  content: bytea('content').notNull(),
  addedOn: date('added_on').notNull(),
});

/**
 * A step in the record's procedure: facts in clear (the kind, the day, who, ids and codes in
 * `details`, never text), a free-text note encrypted under the record's key (field `event:<id>`).
 */
export const recordEventColumns = () => ({
  seq: integer('seq').notNull(),
  kind: text('kind').notNull(),
  occurredOn: date('occurred_on').notNull(),
  byUserId: uuid('by_user_id').references(() => appUser.id),
  details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  note: bytea('note'),
});
