// The platform's sealing service: keys, sealing, the boot check and the tools built on them.
export { authKeys, sealerFor, sealing, Sealer, SealedDataError, isSealedBytes, isSealedText, keySource, type AuthKeys, type KeySource, type SealPurpose } from './sealing.js';
export { registerSealedField, sealedFields, type SealedField } from './registry.js';
export { ensureSealingKey, SealingKeyError } from './key-check.js';
export { sealPlainValues } from './seal-plain.js';
export { rotateSealingKey, RotationRefused } from './rotate.js';
