import type { SealPurpose } from './sealing.js';

/**
 * Where sealed values live. Each module registers its sealed columns (as it registers its mail
 * templates), so the platform can tell at boot whether sealed data exists, seal rows written
 * before sealing, and re-seal everything under a new key, without importing any module.
 * Every table named here has a primary key column `id`.
 */
export interface SealedField {
  table: string;
  column: string;
  /** For a jsonb column: the top-level key holding the sealed string. */
  jsonKey?: string;
  kind: 'text' | 'bytes';
  purpose: SealPurpose;
}

const fields = new Map<string, SealedField>();

export function registerSealedField(f: SealedField): void {
  fields.set(fieldName(f), f);
}

export function sealedFields(): SealedField[] {
  return [...fields.values()];
}

export const fieldName = (f: Pick<SealedField, 'table' | 'column' | 'jsonKey'>) => `${f.table}.${f.column}${f.jsonKey ? `.${f.jsonKey}` : ''}`;

// The platform's file store (platform/files) holds every module's files. Registered here, with the
// registry itself, so the boot step and key rotation cover file contents whichever modules are loaded.
registerSealedField({ table: 'stored_file', column: 'content', kind: 'bytes', purpose: 'files' });
