/** Server-side texts of organisations, units and oversight. Errors are `error.<code>`. */
export const organisationMessages = {
  org_code_taken: /*i18n*/ { id: 'error.org_code_taken', message: 'Another organisation already uses this code.' },
  org_parent_not_found: /*i18n*/ { id: 'error.org_parent_not_found', message: 'The parent organisation does not exist.' },
  org_parent_kind: /*i18n*/ { id: 'error.org_parent_kind', message: 'A federal unit must belong to a federal directorate or another federal unit.' },
  unit_code_taken: /*i18n*/ { id: 'error.unit_code_taken', message: 'Another unit of this organisation already uses this code.' },
  unit_parent_not_found: /*i18n*/ { id: 'error.unit_parent_not_found', message: 'The parent unit does not exist in this organisation.' },
  unit_cycle: /*i18n*/ { id: 'error.unit_cycle', message: 'A unit cannot be placed under itself or under one of its own sub-units.' },
  names_required: /*i18n*/ { id: 'org.names_required', message: 'Give the official name in at least one language.' },
  languages_duplicate: /*i18n*/ { id: 'org.languages_duplicate', message: 'Each language may appear only once.' },
  nothing_to_update: /*i18n*/ { id: 'org.nothing_to_update', message: 'Nothing to change was given.' },
};

/** Error code and constraint of a PostgreSQL error, also when drizzle wraps it in `cause`. */
export function pgError(err: unknown): { code?: string; constraint?: string } {
  const e = err as { code?: string; constraint?: string; cause?: { code?: string; constraint?: string } };
  return { code: e?.cause?.code ?? e?.code, constraint: e?.cause?.constraint ?? e?.constraint };
}
