/**
 * Server-side texts of a score's evidence (files and links): errors (`error.<code>`) and the contract's
 * own validation message. Translations: locales/translations/maturity-evidence.json.
 */
export const evidenceErrors = {
  maturity_evidence_missing: /*i18n*/ { id: 'error.maturity_evidence_missing', message: 'Choose a file to attach to your score.' },
  maturity_evidence_too_many_files: /*i18n*/ { id: 'error.maturity_evidence_too_many_files', message: 'A score can have at most {max} files. Remove one before adding another.' },
  maturity_evidence_too_many_links: /*i18n*/ { id: 'error.maturity_evidence_too_many_links', message: 'A score can have at most {max} links. Remove one before adding another.' },
  maturity_link_unknown: /*i18n*/ { id: 'error.maturity_link_unknown', message: 'This record cannot be linked: it is not a record of this organisation that you may see.' },
  maturity_link_duplicate: /*i18n*/ { id: 'error.maturity_link_duplicate', message: 'This record is already linked to your score of this criterion.' },
};

export const evidenceValidation = {
  link_kind: /*i18n*/ { id: 'maturity.link_kind', message: 'The kind of record is written as module.what, e.g. plan.action.' },
};

export const evidenceRecordNames = {
  maturity_evidence: /*i18n*/ { id: 'record.maturity_evidence', message: 'evidence of a score' },
};

/** The measurement export's column of files and links, one entry per file or link of an assessor. */
export const evidenceExportLabels = {
  column: /*i18n*/ { id: 'maturity.export.evidence', message: 'Files and links' },
  file: /*i18n*/ { id: 'maturity.export.evidence_file', message: '{name}: file {filename}' },
  link: /*i18n*/ { id: 'maturity.export.evidence_link', message: '{name}: {title}' },
  hidden: /*i18n*/ { id: 'maturity.export.evidence_hidden', message: '{name}: record not accessible' },
};
