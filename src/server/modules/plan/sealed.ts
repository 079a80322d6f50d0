import path from 'node:path';
import { registerSealedField, sealerFor } from '../../platform/crypto/index.js';

// Confidential plan content is sealed at rest (docs/decisions/0009): the plan's confidential
// notes, the working notes of an action and of each progress report, and evidence files. Evidence
// is on the platform's file store (stored_file, registered by the platform); plan_action_evidence.data
// holds content only for rows written into that table the old way (see schema.ts).
registerSealedField({ table: 'plan', column: 'confidential_notes', kind: 'text', purpose: 'notes' });
registerSealedField({ table: 'plan_action', column: 'notes', kind: 'text', purpose: 'notes' });
registerSealedField({ table: 'plan_action_update', column: 'note', kind: 'text', purpose: 'notes' });
registerSealedField({ table: 'plan_action_evidence', column: 'data', kind: 'bytes', purpose: 'files' });

/**
 * Sealing as the plan service uses it: seal on write, open only once the access check has
 * passed (a value the actor may not see is never opened). Copies between versions copy the
 * sealed values as they are. The key is loaded on first use, not when the service is built.
 */
export function planSealing(dataDir: string) {
  const sealer = () => sealerFor(dataDir);
  return {
    sealNotes: (v: string | null): string | null => (v === null ? null : sealer().seal('notes', v)),
    openNotes: (v: string | null): string | null => (v === null ? null : sealer().openText('notes', v)),
    openFile: (b: Buffer): Buffer => sealer().openFile('files', b),
  };
}
export type PlanSealing = ReturnType<typeof planSealing>;

/** Callers that do not pass the data dir (demo loader, benchmarks) use the process's configuration. */
export const defaultDataDir = () => path.resolve(process.env.KOMPAS_DATA_DIR || './data');
