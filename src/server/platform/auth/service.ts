import { hash, verify } from '@node-rs/argon2';
import { forgetSession, forgetUser, openUserKey, replaceUserKey, rewrapUserKey, unlockAtPasswordSignIn, userKeyOf } from '../vault/index.js';
import type { AuditContext } from '../audit/service.js';
import { recordAudit } from '../audit/service.js';
import { needsMfa, type Actor } from '../authz/actor.js';
import type { Queryable } from '../db/pool.js';
import { withSystemTx } from '../db/tx.js';
import type { Deps } from '../deps.js';
import { AppError, invalid, notFound } from '../errors.js';
import { DEFAULT_LOCALE, type Locale } from '../../../shared/roles.js';
import { isLocale } from '../i18n/index.js';
import type { Me } from './contract.js';
import { authKeys } from '../crypto/index.js';
import './sealed-fields.js';
import './messages.js';
import * as repo from './repo.js';
import { resolveSession, resolveSessionIn } from './session.js';
import { requestPasswordReset } from './forgot.js';
import { makePasswordSignIn } from './sign-in.js';
import { hashToken, newToken } from './tokens.js';
import { newTotpSecret, totpEnrolment, totpStep } from './totp.js';

/** OWASP's Argon2id minimum (19 MiB, 2 passes); verify() reads the parameters from each hash. */
const ARGON2 = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;
export const hashPassword = (password: string) => hash(password, ARGON2);

let dummyHash: Promise<string> | undefined;
/** Spends the time of one real verification, so an unknown e-mail answers as slowly as a wrong password. */
async function burnVerify(password: string): Promise<void> {
  dummyHash ??= hashPassword('kompas-timing-equaliser');
  await verify(await dummyHash, password).catch(() => false);
}

export type AuthDeps = Pick<Deps, 'config' | 'database' | 'mailer' | 'jobs'>;
export interface RequestInfo extends AuditContext { userAgent: string | null }
export type Next = 'done' | 'totp' | 'totp_setup';

/** Second factor and current-password checks: only someone past the password step can cause this lock (sign-in-messages.ts). */
const lockedError = () => new AppError('second_factor_locked', 423);
/** Events about an account go to its home organisation's trail (its DPO watches its people), else to the platform's. */
const audit = async (q: Queryable, ctx: AuditContext, userId: string | null, action: string, details?: Record<string, unknown>) =>
  recordAudit(q, { actorUserId: userId ?? ctx.actorUserId, ip: ctx.ip }, {
    organisationId: userId ? await repo.homeOrganisationOf(q, userId) : null, action, recordType: userId ? 'user' : undefined, recordId: userId ?? undefined, details,
  });

// Set-password and sign-in links live in personal-links.ts; re-exported for existing callers.
export { createPasswordToken, issuePasswordLink, passwordLink } from './personal-links.js';

export function makeAuthService(deps: AuthDeps) {
  const db = deps.database.db;
  const keys = () => authKeys(deps.config.dataDir);

  async function me(actor: Actor): Promise<Me> {
    // System scope: the person's roles in every organisation (row-level security on role_assignment).
    const orgs = await withSystemTx(db, (tx) => repo.organisationsOf(tx, actor.userId));
    return {
      id: actor.userId, email: actor.email, displayName: actor.displayName, locale: actor.locale,
      totpEnabled: actor.totpEnabled, mfaVerified: actor.mfaVerified, mfaRequired: needsMfa(actor), isPlatformAdmin: actor.isPlatformAdmin,
      organisations: orgs.map((o) => ({ id: o.id, code: o.code, kind: o.kind, names: o.names, roles: o.roles })),
    };
  }

  function nextStep(actor: Actor): Next {
    if (actor.mfaVerified) return 'done';
    if (actor.totpEnabled) return 'totp';
    return needsMfa(actor) ? 'totp_setup' : 'done';
  }

  /** Opens a session for a user who proved who they are; revokes the session the browser still carried. */
  async function openSession(ctx: RequestInfo, userId: string, method: 'password' | 'oidc', previousToken?: string) {
    const token = newToken();
    await withSystemTx(db, async (tx) => {
      if (previousToken) {
        const prev = await resolveSessionIn(tx, previousToken, deps.config.sessionIdleMinutes);
        if (prev) await repo.revokeSession(tx, prev.userId, prev.sessionId);
      }
      // No clearFailures here: the second-factor counter survives a new password sign-in, else
      // whoever knows the password could sign in again after every few wrong codes.
      // The organisations that added this person now see the account as joined.
      await repo.markMemberships(tx, userId);
      await repo.insertSession(tx, { tokenHash: hashToken(token), userId, mfaVerified: false, userAgent: ctx.userAgent?.slice(0, 512) ?? null });
      await audit(tx, ctx, userId, 'auth.login', { method });
    });
    const actor = await resolveSession(db, token, deps.config.sessionIdleMinutes);
    if (!actor) throw new Error('session vanished right after creation');
    return { token, actor, next: nextStep(actor) };
  }

  /** Counts a wrong code or current password (past the password step); answers 423 when this failure locked the account. */
  async function failAttempt(ctx: AuditContext, userId: string, action: string, details: Record<string, unknown>, opts: { revokeSessionId?: string } = {}): Promise<boolean> {
    return withSystemTx(db, async (tx) => {
      const lockMinutes = await repo.recordFailure(tx, userId);
      await audit(tx, ctx, userId, action, details);
      if (lockMinutes > 0) {
        if (opts.revokeSessionId) await repo.revokeSession(tx, userId, opts.revokeSessionId);
        await audit(tx, ctx, userId, 'auth.locked', { minutes: lockMinutes });
      }
      return lockMinutes > 0;
    });
  }

  const passwordSignIn = makePasswordSignIn(deps, audit, burnVerify);

  /**
   * Password sign-in (throttling and device cookies: sign-in.ts). `deviceCookie` is set when the
   * sign-in is complete without a second factor: the new value of the trusted-device cookie.
   */
  async function login(ctx: RequestInfo, body: { email: string; password: string }, previousToken?: string, deviceCookie?: string) {
    const userId = await passwordSignIn.check(ctx, body, deviceCookie);
    const s = await openSession(ctx, userId, 'password', previousToken);
    // The person's key pair for encrypted records opens into this session's memory (created on first sign-in).
    await unlockAtPasswordSignIn(db, userId, s.actor.sessionId, body.password);
    return { ...s, deviceCookie: s.next === 'done' ? await passwordSignIn.trustDevice(userId, deviceCookie) : undefined };
  }

  /** The trusted-device cookie's new value once the second factor is passed too. */
  const trustDevice = (actor: Actor, deviceCookie: string | undefined) => passwordSignIn.trustDevice(actor.userId, deviceCookie);

  async function verifyTotp(ctx: RequestInfo, actor: Actor, code: string) {
    const u = await repo.userById(db, actor.userId);
    if (!u?.totpSecret || !u.totpEnabledAt) throw new AppError('totp_not_enabled', 409);
    if (repo.isLocked(u)) throw lockedError();
    const secret = (await keys()).totpSecret(u.totpSecret);
    const step = secret ? await totpStep(secret, code, u.totpLastStep) : null;
    const accepted = step !== null && await withSystemTx(db, async (tx) => {
      if (!(await repo.claimTotpStep(tx, u.id, step))) return false;
      await repo.setSessionMfaVerified(tx, actor.sessionId);
      await audit(tx, ctx, u.id, 'auth.totp_verified');
      return true;
    });
    if (!accepted) {
      const locked = await failAttempt(ctx, u.id, 'auth.totp_failed', {}, { revokeSessionId: actor.sessionId });
      throw locked ? lockedError() : invalid('totp_invalid', 'code');
    }
  }

  /** A user whose authenticator is active must prove it before replacing it. */
  function assertMayEnrol(actor: Actor) {
    if (actor.totpEnabled && !actor.mfaVerified) throw new AppError('mfa_required', 403);
  }

  /** The current password, checked like a sign-in: failures count towards the lock. */
  async function assertCurrentPassword(ctx: RequestInfo, actor: Actor, u: repo.UserRow, given: string | undefined, failAction: string) {
    if (repo.isLocked(u)) throw lockedError();
    const ok = given !== undefined && u.passwordHash ? await verify(u.passwordHash, given).catch(() => false) : (await burnVerify(given ?? ''), false);
    if (!ok) {
      const locked = await failAttempt(ctx, u.id, failAction, {}, { revokeSessionId: actor.sessionId });
      throw locked ? lockedError() : invalid('current_password_invalid', 'currentPassword');
    }
    if (u.failedLogins > 0) await repo.clearFailures(db, u.id);
  }

  /**
   * Starts (re-)enrolment. Replacing an active authenticator also asks for the current password,
   * so a session left open on someone else's screen cannot move the second factor to their phone.
   */
  async function totpSetup(ctx: RequestInfo, actor: Actor, currentPassword?: string) {
    assertMayEnrol(actor);
    if (actor.totpEnabled) {
      const u = await repo.userById(db, actor.userId);
      if (!u) throw notFound('user');
      await assertCurrentPassword(ctx, actor, u, currentPassword, 'auth.totp_replace_failed');
    }
    const secret = newTotpSecret();
    const sealed = (await keys()).seal('totp', secret);
    await withSystemTx(db, async (tx) => {
      await repo.setPendingTotp(tx, actor.userId, sealed);
      await audit(tx, ctx, actor.userId, 'auth.totp_setup', { replacing: actor.totpEnabled });
    });
    return { secret, ...(await totpEnrolment(secret, actor.email)) };
  }

  /** Activates the pending authenticator. A replacement ends the other sessions and tells the person by e-mail. */
  async function totpEnable(ctx: RequestInfo, actor: Actor, code: string) {
    assertMayEnrol(actor);
    const u = await repo.userById(db, actor.userId);
    if (!u?.totpPendingSecret) throw new AppError('totp_not_pending', 409);
    if (repo.isLocked(u)) throw lockedError();
    const k = await keys();
    const secret = k.open('totp', u.totpPendingSecret);
    const step = secret ? await totpStep(secret, code) : null;
    if (step === null) {
      const locked = await failAttempt(ctx, u.id, 'auth.totp_failed', { during: 'setup' }, { revokeSessionId: actor.sessionId });
      throw locked ? lockedError() : invalid('totp_invalid', 'code');
    }
    const replaced = u.totpEnabledAt !== null;
    await withSystemTx(db, async (tx) => {
      await repo.enableTotp(tx, u.id, u.totpPendingSecret!, step);
      await repo.setSessionMfaVerified(tx, actor.sessionId);
      const revokedSessions = replaced ? await repo.revokeSessionsOf(tx, u.id, actor.sessionId) : 0;
      if (replaced) {
        await deps.mailer.enqueue(tx, { organisationId: null, to: u.email, locale: isLocale(u.locale) ? u.locale : DEFAULT_LOCALE, template: 'auth.second_factor_changed', params: {} });
      }
      await audit(tx, ctx, u.id, 'auth.totp_enable', { replaced, revokedSessions });
    });
  }

  async function logout(ctx: RequestInfo, actor: Actor) {
    await withSystemTx(db, async (tx) => {
      await repo.revokeSession(tx, actor.userId, actor.sessionId);
      await audit(tx, ctx, actor.userId, 'auth.logout');
    });
    forgetSession(actor.sessionId);
  }

  async function sessions(actor: Actor) {
    const rows = await repo.activeSessions(db, actor.userId, deps.config.sessionIdleMinutes);
    return rows.map((s) => ({ id: s.id, createdAt: s.createdAt.toISOString(), lastSeenAt: s.lastSeenAt.toISOString(), userAgent: shortUserAgent(s.userAgent), current: s.id === actor.sessionId }));
  }

  async function revokeSession(ctx: RequestInfo, actor: Actor, sessionId: string) {
    await withSystemTx(db, async (tx) => {
      if (!(await repo.revokeSession(tx, actor.userId, sessionId))) throw notFound('session');
      await audit(tx, ctx, actor.userId, 'auth.session_revoke', { sessionId });
    });
    forgetSession(sessionId);
  }

  async function changePassword(ctx: RequestInfo, actor: Actor, body: { currentPassword: string; newPassword: string }) {
    const u = await repo.userById(db, actor.userId);
    if (!u) throw notFound('user');
    await assertCurrentPassword(ctx, actor, u, body.currentPassword, 'auth.password_change_failed');
    if (body.newPassword.trim().toLowerCase() === u.email) throw invalid('password_same_as_email', 'newPassword');
    const newHash = await hashPassword(body.newPassword);
    // The same key pair, wrapped under the new password (grants stay valid); one that does not open
    // with the current password (a passphrase) is left as it is.
    const stored = await userKeyOf(db, u.id);
    const keys = stored?.secretKind === 'password' ? await openUserKey(stored, body.currentPassword) : null;
    await withSystemTx(db, async (tx) => {
      await repo.setPasswordHash(tx, u.id, newHash);
      if (keys) await rewrapUserKey(tx, u.id, keys, body.newPassword, 'password');
      const revoked = await repo.revokeSessionsOf(tx, u.id, actor.sessionId);
      await audit(tx, ctx, u.id, 'auth.password_change', { revokedSessions: revoked });
    });
    forgetUser(u.id, actor.sessionId);
  }

  async function setLocale(ctx: RequestInfo, actor: Actor, locale: Locale) {
    await withSystemTx(db, async (tx) => {
      await repo.setLocale(tx, actor.userId, locale);
      await audit(tx, ctx, actor.userId, 'auth.locale_change', { locale });
    });
  }

  /** Always succeeds from the caller's view: whether the address has an account is never revealed. */
  async function forgotPassword(ctx: RequestInfo, emailAddress: string) {
    // The same work for every address; the job finds the account, if any (forgot.ts).
    await requestPasswordReset(deps, ctx.ip, emailAddress);
  }

  async function resetPassword(ctx: RequestInfo, body: { token: string; password: string }) {
    const newHash = await hashPassword(body.password);
    let userId: string | null = null;
    await withSystemTx(db, async (tx) => {
      const t = await repo.consumePasswordToken(tx, hashToken(body.token));
      if (!t) throw invalid('reset_token_invalid', 'token');
      const u = await repo.userById(tx, t.userId);
      if (u && body.password.trim().toLowerCase() === u.email) throw invalid('password_same_as_email', 'password');
      await repo.setPasswordHash(tx, t.userId, newHash);
      // The old private key cannot be opened without the old password: a new key pair; grants sealed
      // to the old one wait for recovery with the organisation's escrow key (docs/operations.md).
      const hadKey = (await userKeyOf(tx, t.userId)) !== null;
      if (hadKey) await replaceUserKey(tx, t.userId, body.password, 'password');
      const revoked = await repo.revokeSessionsOf(tx, t.userId);
      await audit(tx, ctx, t.userId, 'auth.password_reset', { kind: t.kind, revokedSessions: revoked, keyReplaced: hadKey });
      userId = t.userId;
    });
    if (userId) forgetUser(userId);
  }

  return { me, login, trustDevice, openSession, verifyTotp, totpSetup, totpEnable, logout, sessions, revokeSession, changePassword, setLocale, forgotPassword, resetPassword };
}
export type AuthService = ReturnType<typeof makeAuthService>;

/** "Firefox · Windows": enough to recognise one's own devices, without the full fingerprint (and no words to translate). */
export function shortUserAgent(ua: string | null): string | null {
  if (!ua) return null;
  const browser = /Edg\//.test(ua) ? 'Edge' : /OPR\//.test(ua) ? 'Opera' : /Firefox\//.test(ua) ? 'Firefox' : /Chrome\//.test(ua) ? 'Chrome' : /Safari\//.test(ua) ? 'Safari' : null;
  const os = /Windows/.test(ua) ? 'Windows' : /Android/.test(ua) ? 'Android' : /iPhone|iPad/.test(ua) ? 'iOS' : /Mac OS X/.test(ua) ? 'macOS' : /Linux/.test(ua) ? 'Linux' : null;
  if (browser && os) return `${browser} · ${os}`;
  return browser ?? os ?? ua.replace(/[^\x20-\x7e]/g, '').slice(0, 40);
}
