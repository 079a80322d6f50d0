import { sql } from 'drizzle-orm';
import type { Db, Queryable } from '../db/pool.js';
import { preparedStatement, runPrepared } from '../db/prepared.js';
import type { Actor, RoleGrant } from '../authz/actor.js';
import { currentRoleCondition } from '../authz/current-role.js';
import { isLocale } from '../i18n/index.js';
import { hashToken } from './tokens.js';

export const SESSION_COOKIE = 'kompas_session';

/**
 * Resolves a session cookie to an actor in one query (user, session and current role grants).
 * Sessions idle longer than `idleMinutes` or revoked are refused. Touches last_seen_at at most
 * once a minute so a busy client does not write on every request.
 * The grants are rows of every organisation the person works for (row-level security on
 * role_assignment): `kompas_role_assignments_of` reads them in system scope (migration 0021);
 * sessions and accounts are the platform's, without row-level security.
 */
export async function resolveSession(db: Db, token: string, idleMinutes: number): Promise<Actor | null> {
  // One statement, outside a transaction: it runs on every request (kompas_role_assignments_of
  // reads the grants in system scope by itself, migration 0021).
  return resolveSessionIn(db, token, idleMinutes);
}

interface SessionRow extends Record<string, unknown> {
  session_id: string; user_id: string; email: string; display_name: string; locale: string; mfa_verified: boolean;
  totp_enabled: boolean; is_platform_admin: boolean; stale: boolean; grants: RoleGrant[];
}

/** Runs on every signed-in request: a named statement, planned once per connection (db/prepared.ts). */
const SESSION_LOOKUP = preparedStatement(sql`
    SELECT s.id AS session_id, u.id AS user_id, u.email, u.display_name, u.locale, s.mfa_verified,
           u.totp_enabled_at IS NOT NULL AS totp_enabled, u.is_platform_admin,
           s.last_seen_at < now() - interval '1 minute' AS stale,
           coalesce((SELECT json_agg(json_build_object('organisationId', ra.organisation_id, 'role', ra.role))
                       FROM kompas_role_assignments_of(u.id) ra
                      WHERE ${currentRoleCondition('ra')}), '[]') AS grants
      FROM user_session s JOIN app_user u ON u.id = s.user_id
     WHERE s.token_hash = ${sql.placeholder('tokenHash')} AND s.revoked_at IS NULL AND u.disabled_at IS NULL
       AND s.last_seen_at > now() - make_interval(mins => ${sql.placeholder('idleMinutes')})`);

/** The same, for a caller already in a system-scoped transaction. */
export async function resolveSessionIn(db: Queryable, token: string, idleMinutes: number): Promise<Actor | null> {
  if (!token || token.length > 128) return null;
  const r = await runPrepared<SessionRow>(db, SESSION_LOOKUP, { tokenHash: hashToken(token), idleMinutes });
  const row = r.rows[0];
  if (!row) return null;
  if (row.stale) await db.execute(sql`UPDATE user_session SET last_seen_at = now() WHERE id = ${row.session_id}`);
  return {
    userId: row.user_id,
    sessionId: row.session_id,
    email: row.email,
    displayName: row.display_name,
    locale: isLocale(row.locale) ? row.locale : 'nl',
    mfaVerified: row.mfa_verified,
    totpEnabled: row.totp_enabled,
    isPlatformAdmin: row.is_platform_admin,
    grants: row.grants,
  };
}
