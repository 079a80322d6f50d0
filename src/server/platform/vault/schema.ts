import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { appUser } from '../auth/schema.js';
import { organisation } from '../tenancy/schema.js';
import { bytea } from '../db/columns.js';


/**
 * A person's key pair for end-to-end encrypted records (decision 0016). The private key is stored
 * only encrypted with a key derived from the person's password (or, for single sign-on accounts,
 * a key passphrase) by Argon2id: the server alone cannot open it. `fingerprint` names the public
 * key in grants, so grants sealed to a replaced key are recognised (recovery with the escrow key).
 */
export const userKey = pgTable('user_key', {
  userId: uuid('user_id').primaryKey().references(() => appUser.id),
  publicKey: bytea('public_key').notNull(),
  fingerprint: text('fingerprint').notNull(),
  /** nonce ‖ secretbox(private key) under Argon2id(secret, kdf_salt). */
  sealedPrivateKey: bytea('sealed_private_key').notNull(),
  kdfSalt: bytea('kdf_salt').notNull(),
  kdfMemoryKib: integer('kdf_memory_kib').notNull(),
  kdfIterations: integer('kdf_iterations').notNull(),
  /** 'password' or 'passphrase' (single sign-on accounts have no password to derive from). */
  secretKind: text('secret_kind').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [check('user_key_secret_kind_chk', sql`${t.secretKind} IN ('password', 'passphrase')`)]);

/**
 * An organisation's escrow key: only the public half is stored. The private half is shown once
 * to the person who creates it (the integrity officer) and kept offline; with it, access to every
 * record of the organisation can be restored (docs/operations.md, "Escrow key").
 */
export const orgEscrowKey = pgTable('org_escrow_key', {
  organisationId: uuid('organisation_id').primaryKey().references(() => organisation.id),
  publicKey: bytea('public_key').notNull(),
  fingerprint: text('fingerprint').notNull(),
  /** Salt for receipt look-up hashes of this organisation (not secret; makes a hash table per organisation). */
  receiptSalt: bytea('receipt_salt').notNull(),
  createdBy: uuid('created_by').references(() => appUser.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** One random key per encrypted record; the key itself exists only sealed in its grants. */
export const recordKey = pgTable('record_key', {
  id: uuid('id').primaryKey().defaultRandom(),
  organisationId: uuid('organisation_id').notNull().references(() => organisation.id),
  recordType: text('record_type').notNull(),
  recordId: uuid('record_id').notNull(),
  /** The day only: a key's exact creation time would date an anonymous report to the minute. */
  createdOn: date('created_on').notNull().default(sql`CURRENT_DATE`),
}, (t) => [uniqueIndex('record_key_record_uq').on(t.organisationId, t.recordType, t.recordId)]);

/**
 * Who can open a record key: a person (sealed to their public key), the organisation's escrow key,
 * or a secret the holder knows (the reporter's receipt: secretbox under Argon2id(receipt, salt)).
 * Revoking deletes the row: the server keeps no copy it could still open for them.
 */
export const recordKeyGrant = pgTable('record_key_grant', {
  id: uuid('id').primaryKey().defaultRandom(),
  organisationId: uuid('organisation_id').notNull().references(() => organisation.id),
  recordKeyId: uuid('record_key_id').notNull().references(() => recordKey.id, { onDelete: 'cascade' }),
  holderKind: text('holder_kind').notNull(),
  userId: uuid('user_id').references(() => appUser.id),
  /** The fingerprint of the public key this was sealed to (user and escrow grants). */
  sealedTo: text('sealed_to'),
  sealedKey: bytea('sealed_key').notNull(),
  /** Secret grants: the Argon2id salt. */
  salt: bytea('salt'),
  /** A grant for a limited time (core-group advice): not opened after this moment, deleted by the clean-up job. */
  expiresAt: timestamp('expires_at', { withTimezone: true }),
  grantedBy: uuid('granted_by').references(() => appUser.id),
  createdOn: date('created_on').notNull().default(sql`CURRENT_DATE`),
}, (t) => [
  check('record_key_grant_kind_chk', sql`${t.holderKind} IN ('user', 'escrow', 'secret')`),
  check('record_key_grant_user_chk', sql`(${t.holderKind} = 'user') = (${t.userId} IS NOT NULL)`),
  uniqueIndex('record_key_grant_user_uq').on(t.recordKeyId, t.userId).where(sql`${t.holderKind} = 'user'`),
  uniqueIndex('record_key_grant_escrow_uq').on(t.recordKeyId).where(sql`${t.holderKind} = 'escrow'`),
  index('record_key_grant_user_idx').on(t.userId),
]);
