import { registerMailTemplate } from '../mail/index.js';

/** Errors of sign-in and accounts: the API answers `error.<code>` from the catalogs. */
export const authMessages = {
  oidc_secret_required: /*i18n*/ { id: 'error.oidc_secret_required', message: 'Enter the client secret again when you change the identity provider address.' },
  issuer_https: /*i18n*/ { id: 'auth.issuer_https', message: 'The identity provider address must start with https://.' },
  invalid_credentials: /*i18n*/ { id: 'error.invalid_credentials', message: 'The e-mail address or password is not correct.' },
  account_locked: /*i18n*/ { id: 'error.account_locked', message: 'This account is temporarily locked after too many failed attempts. Wait 15 minutes and try again, or reset your password.' },
  reset_token_invalid: /*i18n*/ { id: 'error.reset_token_invalid', message: 'This link is no longer valid. It was already used or has expired; ask for a new one.' },
  totp_invalid: /*i18n*/ { id: 'error.totp_invalid', message: 'The authenticator code is not correct or was already used. Enter the current code from your app.' },
  totp_not_pending: /*i18n*/ { id: 'error.totp_not_pending', message: 'Start the set-up of your authenticator app first.' },
  totp_not_enabled: /*i18n*/ { id: 'error.totp_not_enabled', message: 'No authenticator app is set up for this account.' },
  current_password_invalid: /*i18n*/ { id: 'error.current_password_invalid', message: 'Your current password is not correct.' },
  password_same_as_email: /*i18n*/ { id: 'error.password_same_as_email', message: 'Your password must not be your e-mail address.' },
  cannot_disable_self: /*i18n*/ { id: 'error.cannot_disable_self', message: 'You cannot disable your own account.' },
  user_not_owned: /*i18n*/ { id: 'error.user_not_owned', message: 'This account belongs to another organisation (or to the platform): only its own administrators can disable it or reset its second factor. You can end the roles your organisation gave it on the Roles page.' },
  cannot_reset_own_second_factor: /*i18n*/ { id: 'error.cannot_reset_own_second_factor', message: 'You cannot reset your own second factor. Ask another administrator of your organisation or a platform administrator.' },
  oidc_not_configured: /*i18n*/ { id: 'error.oidc_not_configured', message: 'This organisation does not sign in through its own identity provider.' },
  oidc_failed: /*i18n*/ { id: 'error.oidc_failed', message: 'Signing in through the identity provider of your organisation did not succeed. Try again, or contact your administrator.' },
  oidc_no_account: /*i18n*/ { id: 'error.oidc_no_account', message: 'Your identity provider confirmed who you are, but no Kompas account is linked to it. Ask your administrator to invite you.' },
  session_record: /*i18n*/ { id: 'record.session', message: 'session' },
};

export const mailMessages = {
  resetSubject: /*i18n*/ { id: 'mail.auth.password_reset.subject', message: 'Reset your Kompas password' },
  resetBody: /*i18n*/ {
    id: 'mail.auth.password_reset.body',
    message: 'Someone asked to reset the password of your Kompas account. If this was you, choose a new password with this link within one hour:\n\n{link}\n\nIf you did not ask for this, ignore this e-mail: your password stays unchanged.',
  },
  inviteSubject: /*i18n*/ { id: 'mail.auth.invitation.subject', message: 'Your Kompas account' },
  inviteBody: /*i18n*/ {
    id: 'mail.auth.invitation.body',
    message: '{organisation} invites you to Kompas, the integrity management application of the police. Open this link:\n\n{link}\n\nIf you are new to Kompas, you choose your password there (the link works once, for 7 days). If you already use Kompas, the link opens the sign-in page and you find {organisation} among your organisations.\n\nIf you did not expect this e-mail, ignore it or tell your administrator.',
  },
  secondFactorResetSubject: /*i18n*/ { id: 'mail.auth.second_factor_reset.subject', message: 'Your Kompas second factor was reset' },
  secondFactorResetBody: /*i18n*/ {
    id: 'mail.auth.second_factor_reset.body',
    message: 'An administrator reset the second factor (authenticator app) of your Kompas account and ended all your sessions. At your next sign-in, Kompas will ask you to set up a new one.\n\nIf you did not ask for this, contact your integrity officer.',
  },
  secondFactorChangedSubject: /*i18n*/ { id: 'mail.auth.second_factor_changed.subject', message: 'Your Kompas authenticator app was replaced' },
  secondFactorChangedBody: /*i18n*/ {
    id: 'mail.auth.second_factor_changed.body',
    message: 'The authenticator app of your Kompas account was replaced by a new one, and your other sessions were ended. From now on, only the codes of the new app are accepted.\n\nIf you did not do this, contact your administrator at once: they can reset your second factor.',
  },
};

registerMailTemplate('auth.password_reset', { subject: mailMessages.resetSubject, body: mailMessages.resetBody });
registerMailTemplate('auth.invitation', { subject: mailMessages.inviteSubject, body: mailMessages.inviteBody });
registerMailTemplate('auth.second_factor_reset', { subject: mailMessages.secondFactorResetSubject, body: mailMessages.secondFactorResetBody });
registerMailTemplate('auth.second_factor_changed', { subject: mailMessages.secondFactorChangedSubject, body: mailMessages.secondFactorChangedBody });
