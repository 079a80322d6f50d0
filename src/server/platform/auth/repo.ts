import { and, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import { currentRoleCondition } from '../authz/current-role.js';
import type { Queryable } from '../db/pool.js';
import type { Role } from '../../../shared/roles.js';
import { appUser, passwordReset, userSession } from './schema.js';
import { clearAccount } from './throttle.js';

/** Queries of the authentication module. Accounts are platform-wide (one person, several organisations). */

/** Wrong second-factor codes or current passwords (past the password step) before a lock, and its first length. */
export const MAX_FAILURES = 5;
export const LOCK_MINUTES = 15;
const MAX_LOCK_MINUTES = 24 * 60;

export type UserRow = typeof appUser.$inferSelect;

export async function userByEmail(q: Queryable, email: string): Promise<UserRow | undefined> {
  const [u] = await q.select().from(appUser).where(eq(appUser.email, email.toLowerCase()));
  return u;
}

export async function userById(q: Queryable, id: string): Promise<UserRow | undefined> {
  const [u] = await q.select().from(appUser).where(eq(appUser.id, id));
  return u;
}

/**
 * Counts a wrong second-factor code or current password. Every fifth in a row locks the account,
 * each lock twice as long as the one before (15 minutes up to a day): the count only restarts
 * after a correct code or a new password, so a 6-digit code cannot be worn down by patience
 * (about five guesses a day once the locks are long). Returns the minutes of the lock it started, else 0.
 */
export async function recordFailure(q: Queryable, userId: string): Promise<number> {
  const r = await q.execute<{ failed_logins: number }>(sql`
    UPDATE app_user SET failed_logins = failed_logins + 1 WHERE id = ${userId} RETURNING failed_logins`);
  const n = r.rows[0]?.failed_logins ?? 0;
  if (n === 0 || n % MAX_FAILURES !== 0) return 0;
  const minutes = Math.min(LOCK_MINUTES * 2 ** Math.min(n / MAX_FAILURES - 1, 20), MAX_LOCK_MINUTES);
  await q.execute(sql`UPDATE app_user SET locked_until = now() + make_interval(mins => ${minutes}) WHERE id = ${userId}`);
  return minutes;
}

export async function clearFailures(q: Queryable, userId: string): Promise<void> {
  await q.update(appUser).set({ failedLogins: 0, lockedUntil: null }).where(eq(appUser.id, userId));
}

export function isLocked(u: Pick<UserRow, 'lockedUntil'>): boolean {
  return u.lockedUntil !== null && u.lockedUntil.getTime() > Date.now();
}

export async function insertSession(q: Queryable, s: { tokenHash: string; userId: string; mfaVerified: boolean; userAgent: string | null }): Promise<string> {
  const [row] = await q.insert(userSession).values(s).returning({ id: userSession.id });
  return row.id;
}

export async function setSessionMfaVerified(q: Queryable, sessionId: string): Promise<void> {
  await q.update(userSession).set({ mfaVerified: true }).where(eq(userSession.id, sessionId));
}

/** Revokes one session of this user; false when it is not theirs or already ended. */
export async function revokeSession(q: Queryable, userId: string, sessionId: string): Promise<boolean> {
  const r = await q.update(userSession).set({ revokedAt: sql`now()` })
    .where(and(eq(userSession.id, sessionId), eq(userSession.userId, userId), isNull(userSession.revokedAt)))
    .returning({ id: userSession.id });
  return r.length > 0;
}

export async function revokeSessionsOf(q: Queryable, userId: string, exceptSessionId?: string): Promise<number> {
  const r = await q.update(userSession).set({ revokedAt: sql`now()` })
    .where(and(eq(userSession.userId, userId), isNull(userSession.revokedAt), exceptSessionId ? ne(userSession.id, exceptSessionId) : undefined))
    .returning({ id: userSession.id });
  return r.length;
}

export async function activeSessions(q: Queryable, userId: string, idleMinutes: number) {
  return q.select({ id: userSession.id, createdAt: userSession.createdAt, lastSeenAt: userSession.lastSeenAt, userAgent: userSession.userAgent })
    .from(userSession)
    .where(and(eq(userSession.userId, userId), isNull(userSession.revokedAt), gt(userSession.lastSeenAt, sql`now() - make_interval(mins => ${idleMinutes})`)))
    .orderBy(sql`${userSession.lastSeenAt} DESC`);
}

/**
 * The organisations where the user currently holds a role, with those roles. Organisation
 * rows belong to the organisations module; reading code, kind and names for the signed-in
 * user's own session is the one read this module makes of them (no service exists for it
 * at sign-in time, and it must not depend on a module that depends on it).
 */
export async function organisationsOf(q: Queryable, userId: string) {
  const r = await q.execute<{ id: string; code: string; kind: string; names: Record<string, string>; roles: Role[] }>(sql`
    SELECT o.id, o.code, o.kind, o.names, array_agg(DISTINCT ra.role ORDER BY ra.role) AS roles
      FROM role_assignment ra JOIN organisation o ON o.id = ra.organisation_id
     WHERE ra.user_id = ${userId} AND ${currentRoleCondition('ra')}
     GROUP BY o.id, o.code, o.kind, o.names
     ORDER BY o.code`);
  return r.rows;
}

export async function setLocale(q: Queryable, userId: string, locale: string): Promise<void> {
  await q.update(appUser).set({ locale }).where(eq(appUser.id, userId));
}

/** New password: also ends a lock, since whoever sets it proved control of the mailbox or the old password. */
export async function setPasswordHash(q: Queryable, userId: string, passwordHash: string): Promise<void> {
  await q.update(appUser).set({ passwordHash, failedLogins: 0, lockedUntil: null }).where(eq(appUser.id, userId));
  await clearAccount(q, userId);
}

/** Stores a new set-password token; earlier unused ones of the user stop working (the last mail counts). */
export async function insertPasswordToken(q: Queryable, userId: string, kind: 'reset' | 'invite', tokenHash: string, validMinutes: number): Promise<void> {
  await q.update(passwordReset).set({ usedAt: sql`now()` }).where(and(eq(passwordReset.userId, userId), isNull(passwordReset.usedAt)));
  await q.insert(passwordReset).values({ userId, kind, tokenHash, expiresAt: sql`now() + make_interval(mins => ${validMinutes})` });
}

/** Marks a valid token used in the same statement that finds it, so it works exactly once. */
export async function consumePasswordToken(q: Queryable, tokenHash: string): Promise<{ userId: string; kind: string } | undefined> {
  const r = await q.execute<{ user_id: string; kind: string }>(sql`
    UPDATE password_reset pr SET used_at = now()
      FROM app_user u
     WHERE pr.token_hash = ${tokenHash} AND pr.used_at IS NULL AND pr.expires_at > now()
       AND u.id = pr.user_id AND u.disabled_at IS NULL
 RETURNING pr.user_id, pr.kind`);
  const row = r.rows[0];
  return row && { userId: row.user_id, kind: row.kind };
}

export async function setPendingTotp(q: Queryable, userId: string, sealedSecret: string): Promise<void> {
  await q.update(appUser).set({ totpPendingSecret: sealedSecret }).where(eq(appUser.id, userId));
}

export async function enableTotp(q: Queryable, userId: string, sealedSecret: string, step: number): Promise<void> {
  await q.update(appUser)
    .set({ totpSecret: sealedSecret, totpPendingSecret: null, totpEnabledAt: sql`now()`, totpLastStep: step, failedLogins: 0, lockedUntil: null })
    .where(eq(appUser.id, userId));
}

/** Claims a TOTP time step atomically: false when this step (or a later one) was already used. */
export async function claimTotpStep(q: Queryable, userId: string, step: number): Promise<boolean> {
  const r = await q.execute(sql`
    UPDATE app_user SET totp_last_step = ${step}, failed_logins = 0, locked_until = NULL
     WHERE id = ${userId} AND (totp_last_step IS NULL OR totp_last_step < ${step}) RETURNING id`);
  return r.rows.length > 0;
}

// Administration of accounts in an organisation.

/**
 * The accounts an organisation knows (its members), as that organisation sees them: the name it
 * gave, and until the person joined (first sign-in after being added) only "invited", so that
 * adding an address never shows whether the account already existed or what state it is in.
 */
export async function usersOfOrganisation(q: Queryable, orgId: string) {
  const r = await q.execute<{ id: string; email: string; display_name: string; state: 'invited' | 'active' | 'disabled'; home: boolean; roles: Role[] }>(sql`
    SELECT u.id, u.email, m.display_name,
           CASE WHEN m.joined_at IS NULL THEN 'invited' WHEN u.disabled_at IS NOT NULL THEN 'disabled' ELSE 'active' END AS state,
           u.home_organisation_id IS NOT DISTINCT FROM m.organisation_id AS home,
           coalesce(array_agg(DISTINCT ra.role ORDER BY ra.role) FILTER (WHERE ra.id IS NOT NULL), '{}') AS roles
      FROM organisation_member m
      JOIN app_user u ON u.id = m.user_id
      LEFT JOIN role_assignment ra ON ra.organisation_id = m.organisation_id AND ra.user_id = m.user_id AND ${currentRoleCondition('ra')}
     WHERE m.organisation_id = ${orgId}
     GROUP BY u.id, m.display_name, m.joined_at, m.organisation_id
     ORDER BY m.display_name, u.email`);
  return r.rows.map((u) => ({ id: u.id, email: u.email, displayName: u.display_name, state: u.state, disabled: u.state === 'disabled', home: u.home, roles: u.roles }));
}

export async function insertUser(q: Queryable, u: { email: string; displayName: string; locale: string; isPlatformAdmin?: boolean; homeOrganisationId?: string | null }): Promise<string | undefined> {
  const r = await q.insert(appUser).values({
    email: u.email.toLowerCase(), displayName: u.displayName, locale: u.locale, isPlatformAdmin: u.isPlatformAdmin ?? false, homeOrganisationId: u.homeOrganisationId ?? null,
  }).onConflictDoNothing({ target: appUser.email }).returning({ id: appUser.id });
  return r[0]?.id;
}

/** Adds the account to the organisation's members (idempotent: a second add keeps the first name and date). */
export async function addMember(q: Queryable, m: { organisationId: string; userId: string; displayName: string; addedBy: string | null; joined?: boolean }): Promise<boolean> {
  const r = await q.execute(sql`
    INSERT INTO organisation_member (organisation_id, user_id, display_name, added_by, joined_at)
    VALUES (${m.organisationId}, ${m.userId}, ${m.displayName}, ${m.addedBy}, ${m.joined ? sql`now()` : null})
    ON CONFLICT DO NOTHING RETURNING user_id`);
  return r.rows.length > 0;
}

export async function membership(q: Queryable, orgId: string, userId: string): Promise<{ joined: boolean; home: boolean } | undefined> {
  const r = await q.execute<{ joined: boolean; home: boolean }>(sql`
    SELECT m.joined_at IS NOT NULL AS joined, u.home_organisation_id IS NOT DISTINCT FROM m.organisation_id AS home
      FROM organisation_member m JOIN app_user u ON u.id = m.user_id
     WHERE m.organisation_id = ${orgId} AND m.user_id = ${userId}`);
  return r.rows[0];
}

/** At a sign-in: every organisation that added this person now sees the account as joined. */
export async function markMemberships(q: Queryable, userId: string): Promise<void> {
  await q.execute(sql`UPDATE organisation_member SET joined_at = now() WHERE user_id = ${userId} AND joined_at IS NULL`);
}

export async function homeOrganisationOf(q: Queryable, userId: string): Promise<string | null> {
  const r = await q.execute<{ home: string | null }>(sql`SELECT home_organisation_id AS home FROM app_user WHERE id = ${userId}`);
  return r.rows[0]?.home ?? null;
}

/** The organisation's name in a language (falls back to Dutch, then any), for mails. */
export async function organisationName(q: Queryable, orgId: string, locale: string): Promise<string> {
  const r = await q.execute<{ names: Record<string, string> }>(sql`SELECT names FROM organisation WHERE id = ${orgId}`);
  const names = r.rows[0]?.names ?? {};
  return names[locale] ?? names.nl ?? Object.values(names)[0] ?? '';
}

export async function disableUser(q: Queryable, userId: string): Promise<void> {
  await q.update(appUser).set({ disabledAt: sql`coalesce(${appUser.disabledAt}, now())` }).where(eq(appUser.id, userId));
}

/** Forgets the authenticator (active and pending): the person sets up a new one at the next sign-in. Returns whether one was active. */
export async function clearSecondFactor(q: Queryable, userId: string): Promise<boolean> {
  const r = await q.execute<{ had: boolean }>(sql`
    UPDATE app_user u SET totp_secret = NULL, totp_pending_secret = NULL, totp_enabled_at = NULL, totp_last_step = NULL
      FROM (SELECT id, totp_secret IS NOT NULL AS had FROM app_user WHERE id = ${userId} FOR UPDATE) old
     WHERE u.id = old.id
 RETURNING old.had`);
  return r.rows[0]?.had ?? false;
}

export async function organisationExists(q: Queryable, orgId: string): Promise<boolean> {
  const r = await q.execute(sql`SELECT 1 FROM organisation WHERE id = ${orgId}`);
  return r.rows.length > 0;
}

// OIDC.

export async function oidcOrganisationByCode(q: Queryable, code: string) {
  // Organisation rows belong to the organisations module; the OIDC settings are read here for sign-in only.
  const r = await q.execute<{ id: string; oidc: { issuer: string; clientId: string; clientSecret?: string } | null }>(sql`
    SELECT id, oidc FROM organisation WHERE code = ${code}`);
  return r.rows[0];
}

export async function oidcOrganisationById(q: Queryable, id: string) {
  const r = await q.execute<{ id: string; oidc: { issuer: string; clientId: string; clientSecret?: string } | null }>(sql`
    SELECT id, oidc FROM organisation WHERE id = ${id}`);
  return r.rows[0];
}

export async function userByOidc(q: Queryable, issuer: string, subject: string): Promise<UserRow | undefined> {
  const [u] = await q.select().from(appUser).where(and(eq(appUser.oidcIssuer, issuer), eq(appUser.oidcSubject, subject)));
  return u;
}

export async function linkOidc(q: Queryable, userId: string, issuer: string, subject: string): Promise<void> {
  await q.update(appUser).set({ oidcIssuer: issuer, oidcSubject: subject }).where(and(eq(appUser.id, userId), isNull(appUser.oidcSubject)));
}
