import { recordAudit, type AuditContext } from '../audit/service.js';
import type { Actor } from '../authz/actor.js';
import { withOrgTx } from '../db/tx.js';
import type { Deps } from '../deps.js';
import type { Locale } from '../../../shared/roles.js';
import { AppError, conflict, invalid, notFound } from '../errors.js';
import * as repo from './repo.js';
import { issuePasswordLink } from './service.js';

/**
 * Accounts as an organisation's administrators see them. An account is platform-wide (a
 * person may hold roles in several organisations), so an organisation only reaches the
 * accounts that hold a role in it, and disables only those that belong to it alone.
 */
export function makeAccountsService(deps: Pick<Deps, 'config' | 'database' | 'mailer'>) {
  const db = deps.database.db;

  async function list(ctx: AuditContext, orgId: string) {
    return withOrgTx(db, orgId, async (tx) => {
      const users = await repo.usersOfOrganisation(tx, orgId);
      await recordAudit(tx, ctx, { organisationId: orgId, action: 'user.list', recordType: 'organisation', recordId: orgId, details: { count: users.length } });
      return users;
    });
  }

  /**
   * Creates the account without a password and mails an invitation. An existing account is
   * returned as is; it is invited again only while it never had a password nor OIDC link, so
   * this cannot be used to send set-password mails to somebody else's working account.
   */
  async function create(ctx: AuditContext, orgId: string, body: { email: string; displayName: string; locale: string }) {
    return withOrgTx(db, orgId, async (tx) => {
      if (!(await repo.organisationExists(tx, orgId))) throw notFound('organisation');
      const id = await repo.insertUser(tx, body);
      if (id) {
        await issuePasswordLink(tx, deps, id, 'invite', { organisationId: orgId });
        await recordAudit(tx, ctx, { organisationId: orgId, action: 'user.create', recordType: 'user', recordId: id });
        return { id, created: true, invited: true };
      }
      const existing = await repo.userByEmail(tx, body.email);
      if (!existing) throw new Error('user vanished after an e-mail conflict');
      const invite = !existing.passwordHash && !existing.oidcSubject && !existing.disabledAt;
      if (invite) await issuePasswordLink(tx, deps, existing.id, 'invite', { organisationId: orgId });
      await recordAudit(tx, ctx, { organisationId: orgId, action: invite ? 'user.invite' : 'user.find', recordType: 'user', recordId: existing.id });
      return { id: existing.id, created: false, invited: invite };
    });
  }

  async function disable(ctx: AuditContext, actor: Actor, orgId: string, userId: string) {
    if (userId === actor.userId) throw invalid('cannot_disable_self', 'userId');
    return withOrgTx(db, orgId, async (tx) => {
      const orgs = await repo.roleOrganisationsOf(tx, userId);
      // Not holding a role here means not visible here: same answer as an unknown id.
      if (!orgs.includes(orgId) && !actor.isPlatformAdmin) throw notFound('user');
      if (!actor.isPlatformAdmin && orgs.some((o) => o !== orgId)) throw new AppError('user_in_other_organisations', 403);
      const u = await repo.userById(tx, userId);
      if (!u) throw notFound('user');
      if (u.isPlatformAdmin && !actor.isPlatformAdmin) throw new AppError('forbidden', 403);
      await repo.disableUser(tx, userId);
      const revoked = await repo.revokeSessionsOf(tx, userId);
      await recordAudit(tx, ctx, { organisationId: orgId, action: 'user.disable', recordType: 'user', recordId: userId, details: { revokedSessions: revoked } });
    });
  }

  /**
   * Lost phone: the administrator forgets the person's authenticator, so the next sign-in asks
   * for a new one. Every session ends (a stolen phone may sit behind one) and the person is told
   * by mail, so a reset they did not ask for does not go unnoticed. Same reach as disable: an
   * organisation administrator only for accounts that belong to that organisation alone.
   */
  async function resetSecondFactor(ctx: AuditContext, actor: Actor, orgId: string, userId: string) {
    if (userId === actor.userId) throw conflict('cannot_reset_own_second_factor', {}, 'userId');
    return withOrgTx(db, orgId, async (tx) => {
      const orgs = await repo.roleOrganisationsOf(tx, userId);
      if (!orgs.includes(orgId) && !actor.isPlatformAdmin) throw notFound('user');
      if (!actor.isPlatformAdmin && orgs.some((o) => o !== orgId)) throw new AppError('user_in_other_organisations', 403);
      const u = await repo.userById(tx, userId);
      if (!u) throw notFound('user');
      if (u.isPlatformAdmin && !actor.isPlatformAdmin) throw new AppError('forbidden', 403);
      const hadSecondFactor = await repo.clearSecondFactor(tx, userId);
      const revoked = await repo.revokeSessionsOf(tx, userId);
      await deps.mailer.enqueue(tx, {
        organisationId: orgId, to: u.email, locale: (u.locale as Locale) ?? 'nl', template: 'auth.second_factor_reset', params: {},
      });
      await recordAudit(tx, ctx, {
        organisationId: orgId, action: 'user.reset_second_factor', recordType: 'user', recordId: userId,
        details: { hadSecondFactor, revokedSessions: revoked },
      });
    });
  }

  return { list, create, disable, resetSecondFactor };
}
