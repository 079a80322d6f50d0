import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';

/**
 * Tenancy belongs to the platform: every tenant row, mail and audit event points at an
 * organisation. The organisations module owns its rules and screens and re-exports this table.
 */
export type LocalisedText = Partial<Record<'nl' | 'fr' | 'de' | 'en', string>>;

export const organisation = pgTable(
  'organisation',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    parentId: uuid('parent_id').references((): AnyPgColumn => organisation.id),
    kind: text('kind').notNull(),
    code: text('code').notNull().unique(), // e.g. zone number "5339" or "DGR/DRI"
    names: jsonb('names').$type<LocalisedText>().notNull(),
    languages: text('languages').array().notNull().default(sql`'{nl}'::text[]`),
    settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
    /** Optimistic concurrency (ADR 0011): names, languages and settings; the identity provider has its own. */
    revision: integer('revision').notNull().default(1),
    oidcRevision: integer('oidc_revision').notNull().default(1),
    oidc: jsonb('oidc').$type<{ issuer: string; clientId: string; clientSecret?: string } | null>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('organisation_parent_idx').on(t.parentId)],
);
