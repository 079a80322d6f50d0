import { forgetUser } from '../vault/index.js';
import { recordAudit, type AuditContext } from '../audit/service.js';
import type { Actor } from '../authz/actor.js';
import type { Tx } from '../db/pool.js';
import { withOrgTx, withSystemTx } from '../db/tx.js';
import type { Deps } from '../deps.js';
import type { Locale } from '../../../shared/roles.js';
import { AppError, conflict, invalid, notFound } from '../errors.js';
import { issuePasswordLink } from './personal-links.js';
import * as repo from './repo.js';

/**
 * Accounts as an organisation's administrators see them (docs/security.md, "Who owns an account").
 * An account is platform-wide: one person may work for several organisations. It has one owner:
 * its home organisation (the one that created it), or the platform for accounts made with
 * `admin:create`. Only the owner disables it, resets its second factor or sends it set-password
 * links. Any organisation may add an address to its members and give it roles there, and end
 * those roles at any time; adding never issues credentials to an account that exists, never
 * shows that it exists, and gives that organisation no power over the account itself.
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
   * Adds a person by e-mail address. The answer, the mail in the outbox and the list entry are
   * the same whether the address was new or not; only the delivered mail differs, and only the
   * person reads it: a set-password link for a new account, the sign-in page for an existing one.
   */
  async function create(ctx: AuditContext, orgId: string, body: { email: string; displayName: string; locale: string }) {
    return withOrgTx(db, orgId, async (tx) => {
      if (!(await repo.organisationExists(tx, orgId))) throw notFound('organisation');
      // The same statements whether the address is new or not, so the answer takes the same time.
      const created = await repo.insertUser(tx, { ...body, homeOrganisationId: orgId });
      const account = await repo.userByEmail(tx, body.email);
      if (!account) throw new Error('user vanished after an e-mail conflict');
      const existing = created ? undefined : account;
      const id = account.id;
      await repo.addMember(tx, { organisationId: orgId, userId: id, displayName: body.displayName, addedBy: ctx.actorUserId });
      // A set-password link only for an account this organisation owns and that never had a password;
      // the issuer checks again at send time.
      const ownsUnused = created || (existing?.homeOrganisationId === orgId && !existing.passwordHash && !existing.oidcSubject);
      // In the language the administrator chose, whoever the address belongs to: the outbox shows the same mail either way.
      const organisation = await repo.organisationName(tx, orgId, body.locale);
      await issuePasswordLink(tx, deps, id, ownsUnused ? 'invite' : 'sign_in', { organisationId: orgId, locale: body.locale, params: { organisation } });
      await recordAudit(tx, ctx, { organisationId: orgId, action: 'user.invite', recordType: 'user', recordId: id });
      if (created) {
        // The platform's trail (which no organisation reads) notes the new account.
        await recordAudit(tx, ctx, { organisationId: null, action: 'user.create', recordType: 'user', recordId: id, details: { organisationId: orgId } });
      } else if (account.homeOrganisationId !== orgId) {
        // The owner's DPO sees that another organisation added one of its people.
        await recordAudit(tx, ctx, { organisationId: account.homeOrganisationId, action: 'user.added_elsewhere', recordType: 'user', recordId: id, details: { organisationId: orgId } });
      }
      return { id, invited: true as const };
    });
  }

  /**
   * The owner's administrator (or a platform administrator) may act on the account itself. Others
   * get 404 when the account is not among their members, and 403 `user_not_owned` when it is.
   */
  async function ownedAccount(tx: Tx, actor: Actor, orgId: string, userId: string) {
    const u = await repo.userById(tx, userId);
    const member = await repo.membership(tx, orgId, userId);
    if (!u || (!member && !actor.isPlatformAdmin)) throw notFound('user');
    if (u.isPlatformAdmin && !actor.isPlatformAdmin) throw new AppError('user_not_owned', 403);
    if (!actor.isPlatformAdmin && u.homeOrganisationId !== orgId) throw new AppError('user_not_owned', 403);
    return u;
  }

  async function disable(ctx: AuditContext, actor: Actor, orgId: string, userId: string) {
    if (userId === actor.userId) throw invalid('cannot_disable_self', 'userId');
    return withOrgTx(db, orgId, async (tx) => {
      const u = await ownedAccount(tx, actor, orgId, userId);
      await repo.disableUser(tx, userId);
      const revoked = await repo.revokeSessionsOf(tx, userId);
      await recordAudit(tx, ctx, { organisationId: u.homeOrganisationId, action: 'user.disable', recordType: 'user', recordId: userId, details: { revokedSessions: revoked } });
    }).finally(() => forgetUser(userId));
  }

  /**
   * Lost phone: the owner's administrator forgets the person's authenticator, so the next sign-in
   * asks for a new one. Every session ends (a stolen phone may sit behind one) and the person is
   * told by mail, so a reset they did not ask for does not go unnoticed.
   */
  async function resetSecondFactor(ctx: AuditContext, actor: Actor, orgId: string, userId: string) {
    if (userId === actor.userId) throw conflict('cannot_reset_own_second_factor', {}, 'userId');
    // A platform administrator may reset an account owned by another organisation or the platform:
    // its mail goes to the owner's outbox, which row-level security opens only in system scope.
    const scope = <T>(fn: (tx: Tx) => Promise<T>) => (actor.isPlatformAdmin ? withSystemTx(db, fn) : withOrgTx(db, orgId, fn));
    return scope(async (tx) => {
      const u = await ownedAccount(tx, actor, orgId, userId);
      const hadSecondFactor = await repo.clearSecondFactor(tx, userId);
      const revoked = await repo.revokeSessionsOf(tx, userId);
      const home = u.homeOrganisationId; // null: a platform account, in the platform's outbox and trail
      await deps.mailer.enqueue(tx, {
        organisationId: home, to: u.email, locale: (u.locale as Locale) ?? 'nl', template: 'auth.second_factor_reset', params: {},
      });
      await recordAudit(tx, ctx, {
        organisationId: home, action: 'user.reset_second_factor', recordType: 'user', recordId: userId,
        details: { hadSecondFactor, revokedSessions: revoked },
      });
    }).finally(() => forgetUser(userId));
  }

  return { list, create, disable, resetSecondFactor };
}
