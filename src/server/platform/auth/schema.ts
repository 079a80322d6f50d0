import { boolean, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const appUser = pgTable(
  'app_user',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull().unique(), // stored lower-case
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash'),
    locale: text('locale').notNull().default('nl'),
    /** Encrypted at rest ('enc:v1:' + secretbox); see docs/decisions/ on TOTP secrets. */
    totpSecret: text('totp_secret'),
    /** Secret shown during set-up, confirmed by a first code before it replaces totp_secret. */
    totpPendingSecret: text('totp_pending_secret'),
    /** Last accepted TOTP time step: a code is never accepted twice (replay). */
    totpLastStep: integer('totp_last_step'),
    totpEnabledAt: timestamp('totp_enabled_at', { withTimezone: true }),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    isPlatformAdmin: boolean('is_platform_admin').notNull().default(false),
    /**
     * The organisation that owns the account (created it, may disable it, reset its second
     * factor and send it set-password links). Null: a platform account (admin:create), owned by
     * the platform administrators. See docs/security.md. The foreign key is in the migration
     * (the platform does not import module schemas).
     */
    homeOrganisationId: uuid('home_organisation_id'),
    oidcSubject: text('oidc_subject'),
    oidcIssuer: text('oidc_issuer'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('app_user_oidc_uq').on(t.oidcIssuer, t.oidcSubject)],
);

export const userSession = pgTable(
  'user_session',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tokenHash: text('token_hash').notNull().unique(),
    userId: uuid('user_id').notNull().references(() => appUser.id, { onDelete: 'cascade' }),
    mfaVerified: boolean('mfa_verified').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    userAgent: text('user_agent'),
  },
  (t) => [index('user_session_user_idx').on(t.userId)],
);

export const passwordReset = pgTable(
  'password_reset',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tokenHash: text('token_hash').notNull().unique(),
    userId: uuid('user_id').notNull().references(() => appUser.id, { onDelete: 'cascade' }),
    /** reset (forgotten password, admin:create) | invite (new account) */
    kind: text('kind').notNull().default('reset'),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('password_reset_user_idx').on(t.userId)],
);

/**
 * An account as one organisation knows it: added by that organisation (invited, or holding a
 * role there). `displayName` is the name this organisation gave, shown to it instead of the
 * account's own name until the person joined, so adding an address never reveals whether an
 * account already existed. `joinedAt`: the person's first sign-in after being added.
 */
export const organisationMember = pgTable(
  'organisation_member',
  {
    organisationId: uuid('organisation_id').notNull(),
    userId: uuid('user_id').notNull().references(() => appUser.id, { onDelete: 'cascade' }),
    displayName: text('display_name').notNull(),
    addedBy: uuid('added_by').references(() => appUser.id),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
    joinedAt: timestamp('joined_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.userId] }), index('organisation_member_user_idx').on(t.userId)],
);
