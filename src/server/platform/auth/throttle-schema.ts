import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { appUser } from './schema.js';

/**
 * Failed sign-in attempts, counted per key (docs/decisions/0010): the untrusted clients of an
 * e-mail address ('acct:' + keyed hash of the normalised address, so unknown addresses count
 * exactly like known ones and no address is stored in clear), one trusted device ('dev:' + hash
 * of its cookie's nonce) and one source address ('ip:' + keyed hash). Platform data, not
 * tenant-owned: sign-in happens before any organisation is known.
 */
export const signInThrottle = pgTable(
  'sign_in_throttle',
  {
    key: text('key').primaryKey(),
    /** The account behind an 'acct:' key when it exists: a new password ends its pause. */
    userId: uuid('user_id').references(() => appUser.id, { onDelete: 'cascade' }),
    failures: integer('failures').notNull().default(0),
    lastFailureAt: timestamp('last_failure_at', { withTimezone: true }).notNull().defaultNow(),
    blockedUntil: timestamp('blocked_until', { withTimezone: true }),
  },
  (t) => [index('sign_in_throttle_user_idx').on(t.userId), index('sign_in_throttle_last_failure_idx').on(t.lastFailureAt)],
);
