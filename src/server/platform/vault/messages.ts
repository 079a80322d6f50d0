/** Messages of the vault (encrypted records, escrow key). Ids are stable (`error.<code>`). */
export const vaultMessages = {
  vault_locked: /*i18n*/ { id: 'error.vault_locked', message: 'Your key for confidential files is locked in this session. Enter your password to unlock it.' },
  vault_secret_invalid: /*i18n*/ { id: 'error.vault_secret_invalid', message: 'This password does not unlock your key. Enter the password you sign in with.' },
  vault_passphrase_short: /*i18n*/ { id: 'error.vault_passphrase_short', message: 'Choose a key passphrase of at least {min} characters.' },
  vault_grant_stale: /*i18n*/ { id: 'error.vault_grant_stale', message: 'Your access to this file was made for your previous password. Ask the integrity officer to restore your access with the escrow key.' },
  escrow_key_missing: /*i18n*/ { id: 'error.escrow_key_missing', message: 'The organisation has no escrow key yet. The integrity officer creates it in the reporting channel settings.' },
  escrow_key_exists: /*i18n*/ { id: 'error.escrow_key_exists', message: 'The organisation already has an escrow key. It is created only once.' },
  escrow_key_invalid: /*i18n*/ { id: 'error.escrow_key_invalid', message: 'This is not the organisation\'s escrow key. Check the text you entered (it starts with kompas-escrow-1:).' },
};
