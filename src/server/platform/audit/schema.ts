import { bigint, bigserial, customType, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { bytea } from '../db/columns.js';

const inet = customType<{ data: string }>({ dataType: () => 'inet' });

/**
 * Hash-chained, append-only audit log. One chain per organisation (chain_key; the nil uuid for
 * platform events). Events are appended unchained (chain_seq, prev_hash and hash NULL) and the
 * sequencer (`audit_chain_pending`, see sequencer.ts) chains them shortly after, so writers never
 * wait on each other. Partitioning by month, the append trigger, the sequencer and the guard that
 * refuses every UPDATE but the sequencer's one-time chaining live in the hand-written migrations
 * 0001 and 0014 (drizzle-kit cannot express them).
 */
export const auditEvent = pgTable(
  'audit_event',
  {
    id: bigserial('id', { mode: 'number' }).notNull(),
    organisationId: uuid('organisation_id'),
    chainKey: uuid('chain_key').notNull(),
    chainSeq: bigint('chain_seq', { mode: 'number' }),
    occurredAt: timestamp('occurred_at', { withTimezone: true, precision: 6 }).notNull().defaultNow(),
    actorUserId: uuid('actor_user_id'),
    action: text('action').notNull(),
    recordType: text('record_type'),
    recordId: text('record_id'),
    ip: inet('ip'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    prevHash: bytea('prev_hash'),
    hash: bytea('hash'),
  },
  (t) => [primaryKey({ columns: [t.occurredAt, t.id] })],
);

export const auditChainHead = pgTable('audit_chain_head', {
  chainKey: uuid('chain_key').primaryKey(),
  lastSeq: bigint('last_seq', { mode: 'number' }).notNull(),
  lastHash: bytea('last_hash').notNull(),
});

