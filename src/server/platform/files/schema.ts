import { check, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { appUser } from '../auth/schema.js';
import { organisation } from '../tenancy/schema.js';
import { bytea } from '../db/columns.js';


/**
 * Files attached to a module's records (evidence, report attachments, complaint documents). A file
 * belongs to one record, named by type and id as in record_access; the module deletes a record's
 * files with the record (deleteFilesOf, or the trigger function stored_file_delete_with_record).
 * `content` is sealed at rest (purpose 'files'); `size` and `sha256` describe the file as uploaded,
 * so a download is checked against what was accepted.
 */
export const storedFile = pgTable(
  'stored_file',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id').notNull().references(() => organisation.id),
    recordType: text('record_type').notNull(),
    recordId: uuid('record_id').notNull(),
    filename: text('filename').notNull(),
    mediaType: text('media_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content').notNull(),
    createdBy: uuid('created_by').references(() => appUser.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('stored_file_record_idx').on(t.organisationId, t.recordType, t.recordId),
    check('stored_file_size_chk', sql`${t.size} >= 0`),
  ],
);
