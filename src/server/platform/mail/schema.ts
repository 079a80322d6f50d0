import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organisation } from '../tenancy/schema.js';

/** Every mail is written here first; a job sends it by SMTP when configured, else it stays readable here. */
export const mailOutbox = pgTable(
  'mail_outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id').references(() => organisation.id),
    toAddress: text('to_address').notNull(),
    locale: text('locale').notNull(),
    template: text('template').notNull(),
    subject: text('subject').notNull(),
    /** Rendered with a placeholder where a personal link goes: the stored body never holds a live token. */
    bodyText: text('body_text').notNull(),
    /** Template values (links to pages, counts), to render the mail again at send time. */
    params: jsonb('params').$type<Record<string, string | number>>(),
    /**
     * A personal link (set-password or sign-in) for this account, made only at send time by the
     * sender registered for it: `invite`, `reset` or `sign_in`. The token never rests in this table.
     */
    personalLinkUserId: uuid('personal_link_user_id'),
    personalLinkKind: text('personal_link_kind'),
    status: text('status').notNull().default('queued'), // queued | sent | failed | outbox
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [index('mail_outbox_org_idx').on(t.organisationId, t.createdAt)],
);
