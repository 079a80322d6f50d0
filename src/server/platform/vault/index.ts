/**
 * End-to-end encrypted records for every module (decision 0016, docs/development.md "Encrypted
 * records"): per-record keys sealed to the people allowed, the organisation's escrow key and the
 * reporter's receipt; people's key pairs wrapped under their password; unlocked keys in memory only.
 */
export { isEncrypted, VaultCryptoError } from './cipher.js';
export { forgetSession, forgetUser } from './keyring.js';
export {
  createRecordKey, decryptBytes, decryptText, deleteExpiredGrants, destroyRecordKey, encryptField, grantRecordKey, hasRecordGrant,
  openRecordKey, openRecordKeyWithSecret, revokeRecordKey, revokeUserGrants, vaultLocked, type KeyHolder, type OpenRecordKey, type RecordRef,
} from './records.js';
export {
  createEscrowKey, escrowKeyPair, escrowStatus, grantFromEscrow, newReceipt, normaliseReceipt, openRecordKeyWithEscrow, openRecordKeyWithReceipt, pendingGrants, receiptLookupHash, recoverGrants, staleGrants,
  type EscrowStatus, type PendingGrant,
} from './escrow.js';
export { registerRecordHolders, type RecordHolders } from './holders.js';
export { createUserKey, openUserKey, publicKeysOf, replaceUserKey, rewrapUserKey, unlockAtPasswordSignIn, userKeyOf } from './user-keys.js';
