import { bigint, bigserial, customType, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });
const inet = customType<{ data: string }>({ dataType: () => 'inet' });

/**
 * Hash-chained, append-only audit log. One chain per organisation (chain_key; the nil uuid for
 * platform events), so writers of different organisations never wait on each other and the
 * table distributes by organisation. Partitioning by month, the chaining trigger and the
 * UPDATE/DELETE guard live in the hand-written migration (drizzle-kit cannot express them).
 */
export const auditEvent = pgTable(
  'audit_event',
  {
    id: bigserial('id', { mode: 'number' }).notNull(),
    organisationId: uuid('organisation_id'),
    chainKey: uuid('chain_key').notNull(),
    chainSeq: bigint('chain_seq', { mode: 'number' }).notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true, precision: 6 }).notNull().defaultNow(),
    actorUserId: uuid('actor_user_id'),
    action: text('action').notNull(),
    recordType: text('record_type'),
    recordId: text('record_id'),
    ip: inet('ip'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    prevHash: bytea('prev_hash').notNull(),
    hash: bytea('hash').notNull(),
  },
  (t) => [primaryKey({ columns: [t.occurredAt, t.id] })],
);

export const auditChainHead = pgTable('audit_chain_head', {
  chainKey: uuid('chain_key').primaryKey(),
  lastSeq: bigint('last_seq', { mode: 'number' }).notNull(),
  lastHash: bytea('last_hash').notNull(),
});

