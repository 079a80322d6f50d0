import type { Tx } from '../db/pool.js';
import type { Deps } from '../deps.js';
import { notFound } from '../errors.js';
import { registerPersonalLinkIssuer, type PersonalLink } from '../mail/index.js';
import { DEFAULT_LOCALE, type Locale } from '../../../shared/roles.js';
import { isLocale } from '../i18n/index.js';
import * as repo from './repo.js';
import { hashToken, newToken } from './tokens.js';

/**
 * Links that let a person in (set a password, reset it, sign in) reach that person's mailbox
 * only. The outbox stores the mail with a placeholder; the token is made by the issuer below in
 * the delivery transaction, so no stored mail, screen or log ever holds a live token.
 */

const RESET_MINUTES = 60;
const INVITE_MINUTES = 7 * 24 * 60;

/** Creates a single-use set-password token (only its hash is stored) and returns it. */
export async function createPasswordToken(tx: Tx, userId: string, kind: 'reset' | 'invite', validMinutes: number): Promise<string> {
  const token = newToken();
  await repo.insertPasswordToken(tx, userId, kind, hashToken(token), validMinutes);
  return token;
}

/** The link of a set-password page; the token sits in the fragment, which browsers never send to servers or logs. */
export function passwordLink(publicUrl: string, token: string, kind: 'reset' | 'invite'): string {
  return `${publicUrl}/reset-password#token=${token}${kind === 'invite' ? '&kind=invite' : ''}`;
}

/**
 * The link of a personal mail, made at send time. A set-password token is made only when it can
 * be used and is wanted: an invitation to an account that already has a password or a provider
 * link, or to a disabled one, carries the sign-in page instead (and leaves earlier links alone).
 */
export function personalLinkIssuer(publicUrl: string) {
  return async (tx: Tx, link: PersonalLink): Promise<string> => {
    const u = await repo.userById(tx, link.userId);
    if (!u) throw notFound('user');
    const signIn = `${publicUrl}/sign-in`;
    if (link.kind === 'sign_in' || u.disabledAt) return signIn;
    if (link.kind === 'invite' && (u.passwordHash || u.oidcSubject)) return signIn;
    const token = await createPasswordToken(tx, u.id, link.kind, link.kind === 'invite' ? INVITE_MINUTES : RESET_MINUTES);
    return passwordLink(publicUrl, token, link.kind);
  };
}

export function registerPersonalLinks(publicUrl: string): void {
  registerPersonalLinkIssuer(personalLinkIssuer(publicUrl));
}

/**
 * Mails a personal link to the account's own address: 'reset' (forgotten password, valid 1 hour
 * from sending), 'invite' (new account, valid 7 days) or 'sign_in' (an account added to one more
 * organisation: no credentials). The mail lands in the outbox of `organisationId`, by default the
 * account's home organisation, so that organisation's administrators and DPO see it was sent.
 */
export async function issuePasswordLink(
  tx: Tx, deps: Pick<Deps, 'mailer'>, userId: string, kind: PersonalLink['kind'],
  opts: { organisationId?: string | null; locale?: string; params?: Record<string, string | number> } = {},
): Promise<void> {
  const u = await repo.userById(tx, userId);
  if (!u) throw notFound('user');
  await deps.mailer.enqueue(tx, {
    organisationId: opts.organisationId === undefined ? u.homeOrganisationId : opts.organisationId,
    to: u.email,
    locale: [opts.locale, u.locale].find((l): l is Locale => !!l && isLocale(l)) ?? DEFAULT_LOCALE,
    template: kind === 'reset' ? 'auth.password_reset' : 'auth.invitation',
    params: opts.params ?? {},
    personalLink: { userId, kind },
  });
}
