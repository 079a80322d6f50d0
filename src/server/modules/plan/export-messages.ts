/**
 * Labels of the plan's Word and PDF documents that the section labels (messages.ts) do not cover:
 * title page, approval block, progress annex. Translations: locales/translations/plan-export.json.
 */
export const documentLabels = {
  documentKind: /*i18n*/ { id: 'plan.export.document_kind', message: 'Integrity policy plan' },
  approvedOnField: /*i18n*/ { id: 'plan.export.approved_on_field', message: 'Approved on' },
  inForceSince: /*i18n*/ { id: 'plan.export.in_force_since', message: 'In force since' },
  versionStatus: /*i18n*/ { id: 'plan.export.version_status', message: 'Version {version} · {status}' },
  /** The identification's label when it names more than one person (one: `plan.label.responsible`). */
  responsiblePeople: /*i18n*/ { id: 'plan.export.responsible_people', message: 'Responsible persons' },
  objective: /*i18n*/ { id: 'plan.export.objective', message: 'Objective' },
  objectiveOrAction: /*i18n*/ { id: 'plan.export.objective_or_action', message: 'Objective or action' },
  code: /*i18n*/ { id: 'plan.export.code', message: 'Code' },
  imf: /*i18n*/ { id: 'plan.export.imf', message: 'IMF' },
  actorsAndRoles: /*i18n*/ { id: 'plan.export.actors_and_roles', message: 'Actors and their roles' },
  responsibilityPerObjective: /*i18n*/ { id: 'plan.export.responsibility_per_objective', message: 'Responsibility per objective' },
  notDescribed: /*i18n*/ { id: 'plan.export.not_described', message: 'Not described in this version of the plan.' },
  noActions: /*i18n*/ { id: 'plan.export.no_actions', message: 'The plan has no actions yet.' },
  approval: /*i18n*/ { id: 'plan.export.approval', message: 'Approval' },
  approvedByOn: /*i18n*/ { id: 'plan.export.approved_by_on', message: 'Approved by {name} on {date}.' },
  notApproved: /*i18n*/ { id: 'plan.export.not_approved', message: 'This version has not been approved yet (status: {status}).' },
  evaluationNotApproved: /*i18n*/ { id: 'plan.export.evaluation_not_approved', message: 'This evaluation has not been approved yet.' },
  roleOfficer: /*i18n*/ { id: 'plan.export.role_officer', message: 'Integrity officer' },
  roleChief: /*i18n*/ { id: 'plan.export.role_chief', message: 'Chief of police' },
  latestEvaluation: /*i18n*/ { id: 'plan.export.latest_evaluation', message: 'Latest approved evaluation: the year {year}' },
  progressAnnex: /*i18n*/ { id: 'plan.export.progress_annex', message: 'Annex: progress of the actions on {date}' },
  progressAnnexIntro: /*i18n*/ {
    id: 'plan.export.progress_annex_intro',
    message: 'The state of the actions on the day this document was made. It changes as the plan is carried out and is not part of the approved text.',
  },
  actionsFile: /*i18n*/ { id: 'plan.export.actions_file', message: 'actions' },
};
