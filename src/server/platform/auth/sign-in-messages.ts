/** Answers of sign-in abuse protection (docs/auth.md, "Throttling"); the API answers `error.<code>` from the catalogs. */
export const signInAbuseMessages = {
  sign_in_locked: /*i18n*/ {
    id: 'error.sign_in_locked',
    message: 'Too many failed sign-in attempts for this account. Signing in from this browser is paused for a while: try again later, or reset your password. A browser where you signed in before is not affected.',
  },
  sign_in_throttled: /*i18n*/ {
    id: 'error.sign_in_throttled',
    message: 'Too many failed sign-in attempts from your network. Wait a few minutes and try again.',
  },
  second_factor_locked: /*i18n*/ {
    id: 'error.second_factor_locked',
    message: 'Too many wrong codes or passwords: this account is locked for a while. Sign in again later. If these attempts were not yours, reset your password at once.',
  },
};
