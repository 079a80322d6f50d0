/**
 * Server-side texts of the maturity measurement: errors (`error.<code>`), validation messages of its
 * contract, record names, and the labels of its exports. Translations: locales/translations/maturity-server.json.
 */
export const maturityErrors = {
  maturity_locked: /*i18n*/ { id: 'error.maturity_locked', message: 'This measurement is approved and locked: it can no longer be changed.' },
  maturity_wrong_status: /*i18n*/ { id: 'error.maturity_wrong_status', message: 'This step is not possible in the current status of the measurement ({status}).' },
  maturity_not_consolidating: /*i18n*/ { id: 'error.maturity_not_consolidating', message: 'The scores of all assessors can only be seen once the officer has started the consolidation.' },
  maturity_assessor_unknown: /*i18n*/ { id: 'error.maturity_assessor_unknown', message: 'Every assessor must be a person of this organisation with an active account.' },
  maturity_framework_unknown: /*i18n*/ { id: 'error.maturity_framework_unknown', message: 'Choose a published version of a maturity framework.' },
  maturity_framework_none: /*i18n*/ { id: 'error.maturity_framework_none', message: 'No maturity framework has been published yet. Ask the inspectorate.' },
  maturity_framework_published: /*i18n*/ { id: 'error.maturity_framework_published', message: 'A published framework version cannot be changed or deleted. Import a new version instead.' },
  maturity_not_complete: /*i18n*/ { id: 'error.maturity_not_complete', message: 'Record the agreed level of every criterion before submitting ({missing} left).' },
  maturity_no_gap: /*i18n*/ { id: 'error.maturity_no_gap', message: 'This criterion has no gap: its agreed level is not below the target.' },
  maturity_plan_entry_invalid: /*i18n*/ { id: 'error.maturity_plan_entry_invalid', message: 'The plan entry could not be made from these data. Check the title, description and due date.' },
};

/** Messages of the contract's own checks (zod refinements name them). */
export const maturityValidation = {
  code_format: /*i18n*/ { id: 'maturity.code_format', message: 'A code starts with a letter or digit and holds only letters, digits and . _ -.' },
  function_pillar: /*i18n*/ { id: 'maturity.function_pillar', message: 'A criterion of the instruments pillar names its function (define, guide, monitor, enforce); one of processes or structures names none.' },
  criterion_code_duplicate: /*i18n*/ { id: 'maturity.criterion_code_duplicate', message: 'Each criterion code may appear only once in a framework.' },
  objective_required: /*i18n*/ { id: 'maturity.objective_required', message: 'Choose the objective the new action belongs to.' },
};

export const maturityRecordNames = {
  maturity_measurement: /*i18n*/ { id: 'record.maturity_measurement', message: 'maturity measurement' },
  maturity_framework: /*i18n*/ { id: 'record.maturity_framework', message: 'maturity framework' },
  maturity_criterion: /*i18n*/ { id: 'record.maturity_criterion', message: 'criterion of the maturity framework' },
  maturity_score: /*i18n*/ { id: 'record.maturity_score', message: 'score' },
  maturity_agreement: /*i18n*/ { id: 'record.maturity_agreement', message: 'agreed level' },
};

/** Labels of the measurement's Word, PDF and CSV exports. */
export const exportLabels = {
  title: /*i18n*/ { id: 'maturity.export.title', message: 'Maturity measurement of the integrity policy' },
  file: /*i18n*/ { id: 'maturity.export.file', message: 'Maturity measurement {year} ({kind})' },
  framework: /*i18n*/ { id: 'maturity.export.framework', message: 'Framework' },
  version: /*i18n*/ { id: 'maturity.export.version', message: 'version {version}' },
  year: /*i18n*/ { id: 'maturity.export.year', message: 'Year' },
  kind: /*i18n*/ { id: 'maturity.export.kind', message: 'Kind of measurement' },
  status: /*i18n*/ { id: 'maturity.export.status', message: 'Status' },
  assessors: /*i18n*/ { id: 'maturity.export.assessors', message: 'Assessors' },
  approvedBy: /*i18n*/ { id: 'maturity.export.approved_by', message: 'Approved by' },
  approvedOn: /*i18n*/ { id: 'maturity.export.approved_on', message: 'Approved on' },
  summary: /*i18n*/ { id: 'maturity.export.summary', message: 'Average level per pillar and function' },
  average: /*i18n*/ { id: 'maturity.export.average', message: 'Average agreed level' },
  targetAverage: /*i18n*/ { id: 'maturity.export.target_average', message: 'Average target' },
  pillarColumn: /*i18n*/ { id: 'maturity.export.pillar', message: 'Pillar' },
  functionColumn: /*i18n*/ { id: 'maturity.export.function', message: 'Function' },
  code: /*i18n*/ { id: 'maturity.export.code', message: 'Code' },
  criterion: /*i18n*/ { id: 'maturity.export.criterion', message: 'Criterion' },
  agreed: /*i18n*/ { id: 'maturity.export.agreed', message: 'Agreed level' },
  target: /*i18n*/ { id: 'maturity.export.target', message: 'Target level' },
  gap: /*i18n*/ { id: 'maturity.export.gap', message: 'Gap' },
  reason: /*i18n*/ { id: 'maturity.export.reason', message: 'Reason' },
  assessorLevels: /*i18n*/ { id: 'maturity.export.assessor_levels', message: 'Levels of the assessors' },
  disagreement: /*i18n*/ { id: 'maturity.export.disagreement', message: 'Disagreement' },
  planEntries: /*i18n*/ { id: 'maturity.export.plan_entries', message: 'Plan entries' },
  yes: /*i18n*/ { id: 'maturity.export.yes', message: 'yes' },
  no: /*i18n*/ { id: 'maturity.export.no', message: 'no' },
  none: /*i18n*/ { id: 'maturity.export.none', message: '—' },
};

export const kindLabels = {
  baseline: /*i18n*/ { id: 'maturity.kind.baseline', message: 'baseline measurement' },
  yearly: /*i18n*/ { id: 'maturity.kind.yearly', message: 'yearly measurement' },
  final: /*i18n*/ { id: 'maturity.kind.final', message: 'final measurement' },
};

export const statusLabels = {
  scoring: /*i18n*/ { id: 'maturity.status.scoring', message: 'scoring' },
  consolidating: /*i18n*/ { id: 'maturity.status.consolidating', message: 'consolidation' },
  submitted: /*i18n*/ { id: 'maturity.status.submitted', message: 'submitted for approval' },
  approved: /*i18n*/ { id: 'maturity.status.approved', message: 'approved' },
};

export const pillarLabels = {
  instruments: /*i18n*/ { id: 'maturity.pillar.instruments', message: 'Instruments' },
  processes: /*i18n*/ { id: 'maturity.pillar.processes', message: 'Processes' },
  structures: /*i18n*/ { id: 'maturity.pillar.structures', message: 'Structures' },
};

export const functionLabels = {
  define: /*i18n*/ { id: 'maturity.function.define', message: 'Define integrity' },
  guide: /*i18n*/ { id: 'maturity.function.guide', message: 'Guide towards integrity' },
  monitor: /*i18n*/ { id: 'maturity.function.monitor', message: 'Monitor integrity' },
  enforce: /*i18n*/ { id: 'maturity.function.enforce', message: 'Enforce integrity' },
};

export const levelLabels = [
  /*i18n*/ { id: 'maturity.level.0', message: '0 – absent' },
  /*i18n*/ { id: 'maturity.level.1', message: '1 – initial' },
  /*i18n*/ { id: 'maturity.level.2', message: '2 – developing' },
  /*i18n*/ { id: 'maturity.level.3', message: '3 – established' },
  /*i18n*/ { id: 'maturity.level.4', message: '4 – leading' },
];
