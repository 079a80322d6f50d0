/**
 * Server-side texts of the policy plan: errors (`error.<code>`), validation messages, the
 * headings and labels of the Word/PDF/CSV exports and the reminder mails.
 */
export const planErrors = {
  plan_not_draft: /*i18n*/ { id: 'error.plan_not_draft', message: 'Only a draft plan can be changed. Create a new version of a plan in force.' },
  plan_wrong_status: /*i18n*/ { id: 'error.plan_wrong_status', message: 'This step is not possible in the current status of the plan ({status}).' },
  plan_newer_version_exists: /*i18n*/ { id: 'error.plan_newer_version_exists', message: 'A newer version of this plan already exists.' },
  plan_period_not_started: /*i18n*/ { id: 'error.plan_period_not_started', message: 'The period of this plan has not started yet.' },
  plan_in_force_exists: /*i18n*/ { id: 'error.plan_in_force_exists', message: 'Another plan of this organisation is already in force for (part of) this period. Only one plan can be in force at a time.' },
  plan_objective_parent: /*i18n*/ { id: 'error.plan_objective_parent', message: 'An operational objective must belong to a strategic objective of the same plan.' },
  plan_objective_not_empty: /*i18n*/ { id: 'error.plan_objective_not_empty', message: 'This objective still has operational objectives, actions or indicators. Remove those first.' },
  plan_owner_not_member: /*i18n*/ { id: 'error.plan_owner_not_member', message: 'The owner must be a user of this organisation.' },
  plan_unit_not_found: /*i18n*/ { id: 'error.plan_unit_not_found', message: 'The unit does not exist in this organisation.' },
  plan_evaluation_exists: /*i18n*/ { id: 'error.plan_evaluation_exists', message: 'An evaluation of this year already exists.' },
  plan_evaluation_approved: /*i18n*/ { id: 'error.plan_evaluation_approved', message: 'An approved evaluation can no longer be changed.' },
  plan_evaluation_year: /*i18n*/ { id: 'error.plan_evaluation_year', message: 'The year lies outside the period of the plan.' },
  plan_compare_same: /*i18n*/ { id: 'error.plan_compare_same', message: 'Choose two different versions to compare.' },
  plan_evidence_type: /*i18n*/ { id: 'error.plan_evidence_type', message: 'Only PDF, Word, Excel, PNG, JPEG, text and CSV files are accepted.' },
  plan_evidence_missing: /*i18n*/ { id: 'error.plan_evidence_missing', message: 'Add one file to upload.' },
  plan_evidence_empty: /*i18n*/ { id: 'error.plan_evidence_empty', message: 'The file is empty.' },
  plan_dates_order_error: /*i18n*/ { id: 'error.plan_dates_order', message: 'The due date cannot lie before the start date.' },
  plan_period_invalid_error: /*i18n*/ { id: 'error.plan_period_invalid', message: 'The period must end in or after its first year and last at most ten years.' },
  plan_dates_order: /*i18n*/ { id: 'plan.dates_order', message: 'The due date cannot lie before the start date.' },
  plan_period_invalid: /*i18n*/ { id: 'plan.period_invalid', message: 'The period must end in or after its first year and last at most ten years.' },
  plan_nothing_to_update: /*i18n*/ { id: 'plan.nothing_to_update', message: 'Nothing to change was given.' },
};

export const planRecordNames = {
  plan: /*i18n*/ { id: 'record.plan', message: 'policy plan' },
  plan_objective: /*i18n*/ { id: 'record.plan_objective', message: 'objective' },
  plan_indicator: /*i18n*/ { id: 'record.plan_indicator', message: 'indicator' },
  plan_measurement: /*i18n*/ { id: 'record.plan_measurement', message: 'measurement' },
  plan_action: /*i18n*/ { id: 'record.plan_action', message: 'action' },
  plan_evidence: /*i18n*/ { id: 'record.plan_evidence', message: 'evidence file' },
  plan_evaluation: /*i18n*/ { id: 'record.plan_evaluation', message: 'yearly evaluation' },
};

/** The seven headings of the AIG model plan, in the exports. */
export const sectionHeadings = {
  identification: /*i18n*/ { id: 'plan.section.identification', message: '1. Identification of the entity' },
  ambition: /*i18n*/ { id: 'plan.section.ambition', message: '2. Multi-year ambition, vision and objectives (SMART)' },
  instruments: /*i18n*/ { id: 'plan.section.instruments', message: '3. Instruments and actions' },
  actors: /*i18n*/ { id: 'plan.section.actors', message: '4. Actors' },
  monitoring: /*i18n*/ { id: 'plan.section.monitoring', message: '5. Monitoring' },
  evaluation: /*i18n*/ { id: 'plan.section.evaluation', message: '6. Evaluation and reporting' },
  communication: /*i18n*/ { id: 'plan.section.communication', message: '7. Communication' },
};

/** Labels of the exports (Word, PDF, CSV). */
export const exportLabels = {
  entity: /*i18n*/ { id: 'plan.label.entity', message: 'Entity' },
  period: /*i18n*/ { id: 'plan.label.period', message: 'Period' },
  responsible: /*i18n*/ { id: 'plan.label.responsible', message: 'Responsible' },
  version: /*i18n*/ { id: 'plan.label.version', message: 'Version' },
  status: /*i18n*/ { id: 'plan.label.status', message: 'Status' },
  ambition: /*i18n*/ { id: 'plan.label.ambition', message: 'Ambition and vision' },
  values: /*i18n*/ { id: 'plan.label.values', message: 'Values' },
  needs: /*i18n*/ { id: 'plan.label.needs', message: 'Needs' },
  vulnerableProcesses: /*i18n*/ { id: 'plan.label.vulnerable_processes', message: 'Vulnerable processes and functions' },
  priorityThemes: /*i18n*/ { id: 'plan.label.priority_themes', message: 'Priority themes' },
  strategicObjectives: /*i18n*/ { id: 'plan.label.strategic_objectives', message: 'Strategic objectives' },
  operationalObjectives: /*i18n*/ { id: 'plan.label.operational_objectives', message: 'Operational objectives' },
  strategicObjective: /*i18n*/ { id: 'plan.label.strategic_objective', message: 'Strategic objective' },
  operationalObjective: /*i18n*/ { id: 'plan.label.operational_objective', message: 'Operational objective' },
  action: /*i18n*/ { id: 'plan.label.action', message: 'Action' },
  owner: /*i18n*/ { id: 'plan.label.owner', message: 'Owner' },
  unit: /*i18n*/ { id: 'plan.label.unit', message: 'Unit' },
  coActors: /*i18n*/ { id: 'plan.label.co_actors', message: 'Co-actors' },
  start: /*i18n*/ { id: 'plan.label.start', message: 'Start' },
  due: /*i18n*/ { id: 'plan.label.due', message: 'Due' },
  timing: /*i18n*/ { id: 'plan.label.timing', message: 'Timing' },
  progress: /*i18n*/ { id: 'plan.label.progress', message: 'Progress (%)' },
  imfFunction: /*i18n*/ { id: 'plan.label.imf_function', message: 'IMF function' },
  imfLayer: /*i18n*/ { id: 'plan.label.imf_layer', message: 'Core or complementary' },
  nature: /*i18n*/ { id: 'plan.label.nature', message: 'Stimulating or controlling' },
  meansTime: /*i18n*/ { id: 'plan.label.means_time', message: 'Means: time' },
  meansBudget: /*i18n*/ { id: 'plan.label.means_budget', message: 'Means: budget (EUR)' },
  meansPeople: /*i18n*/ { id: 'plan.label.means_people', message: 'Means: people' },
  means: /*i18n*/ { id: 'plan.label.means', message: 'Means' },
  actorName: /*i18n*/ { id: 'plan.label.actor', message: 'Actor' },
  role: /*i18n*/ { id: 'plan.label.role', message: 'Role and responsibilities' },
  indicator: /*i18n*/ { id: 'plan.label.indicator', message: 'Indicator' },
  baseline: /*i18n*/ { id: 'plan.label.baseline', message: 'Baseline' },
  target: /*i18n*/ { id: 'plan.label.target', message: 'Target' },
  measurements: /*i18n*/ { id: 'plan.label.measurements', message: 'Measurements' },
  value: /*i18n*/ { id: 'plan.label.value', message: 'Value' },
  met: /*i18n*/ { id: 'plan.label.met', message: 'Target met' },
  yes: /*i18n*/ { id: 'plan.label.yes', message: 'yes' },
  no: /*i18n*/ { id: 'plan.label.no', message: 'no' },
  none: /*i18n*/ { id: 'plan.label.none', message: 'None recorded.' },
  generatedOn: /*i18n*/ { id: 'plan.label.generated_on', message: 'Generated on {date}' },
  evaluationTitle: /*i18n*/ { id: 'plan.label.evaluation_title', message: 'Evaluation of the year {year}' },
  evaluationDone: /*i18n*/ { id: 'plan.label.evaluation_done', message: 'What was done' },
  evaluationIndicators: /*i18n*/ { id: 'plan.label.evaluation_indicators', message: 'Indicators against targets' },
  evaluationChanges: /*i18n*/ { id: 'plan.label.evaluation_changes', message: 'What changes for the next year' },
  evaluationActions: /*i18n*/ { id: 'plan.label.evaluation_actions', message: 'Actions of the year by status' },
  approvedOn: /*i18n*/ { id: 'plan.label.approved_on', message: 'Approved on {date}' },
};

export const statusLabels = {
  planned: /*i18n*/ { id: 'plan.action_status.planned', message: 'planned' },
  in_progress: /*i18n*/ { id: 'plan.action_status.in_progress', message: 'in progress' },
  done: /*i18n*/ { id: 'plan.action_status.done', message: 'done' },
  late: /*i18n*/ { id: 'plan.action_status.late', message: 'late' },
  stopped: /*i18n*/ { id: 'plan.action_status.stopped', message: 'stopped' },
};

export const planStatusLabels = {
  draft: /*i18n*/ { id: 'plan.status.draft', message: 'draft' },
  submitted: /*i18n*/ { id: 'plan.status.submitted', message: 'submitted for approval' },
  approved: /*i18n*/ { id: 'plan.status.approved', message: 'approved' },
  in_force: /*i18n*/ { id: 'plan.status.in_force', message: 'in force' },
  superseded: /*i18n*/ { id: 'plan.status.superseded', message: 'superseded' },
};

export const imfLabels = {
  define: /*i18n*/ { id: 'plan.imf.define', message: 'define integrity' },
  guide: /*i18n*/ { id: 'plan.imf.guide', message: 'guide towards integrity' },
  monitor: /*i18n*/ { id: 'plan.imf.monitor', message: 'monitor integrity' },
  enforce: /*i18n*/ { id: 'plan.imf.enforce', message: 'enforce integrity' },
  core: /*i18n*/ { id: 'plan.imf.core', message: 'core' },
  complementary: /*i18n*/ { id: 'plan.imf.complementary', message: 'complementary' },
  stimulating: /*i18n*/ { id: 'plan.imf.stimulating', message: 'stimulating' },
  controlling: /*i18n*/ { id: 'plan.imf.controlling', message: 'controlling' },
};

/** Mails: titles of actions and links with ids only, never notes or personal data. */
export const planMails = {
  reminderSubject: /*i18n*/ { id: 'mail.plan_reminder.subject', message: 'Kompas: action due on {dueDate}' },
  reminderBody: /*i18n*/ {
    id: 'mail.plan_reminder.body',
    message: 'Hello,\n\nThe action "{title}" of the integrity policy plan that you own is due on {dueDate}. Its progress is {progress}%.\n\nReport its progress in Kompas: {link}\n\nThis is an automatic message.',
  },
  unitReminderBody: /*i18n*/ {
    id: 'mail.plan_unit_reminder.body',
    message: 'Hello,\n\nThe action "{title}" of the integrity policy plan that your unit owns is due on {dueDate}. Its progress is {progress}%.\n\nReport its progress in Kompas: {link}\n\nThis is an automatic message.',
  },
  listingSubject: /*i18n*/ { id: 'mail.plan_listing.subject', message: 'Kompas: actions of your unit for {month}' },
  listingBody: /*i18n*/ {
    id: 'mail.plan_listing.body',
    message: 'Hello,\n\nActions of the integrity policy plan owned by your unit: {dueCount} due this month, {lateCount} late.\n\nDue this month:\n{dueList}\n\nLate:\n{lateList}\n\nOpen them in Kompas: {link}\n\nThis is an automatic message.',
  },
};

// Workflow (issue 17): submission checks, the plan in force, dates in the period, who is told ----------

export const planWorkflowErrors = {
  plan_incomplete: /*i18n*/ { id: 'error.plan_incomplete', message: 'The plan is not complete enough to be submitted for approval. Still missing:' },
  plan_replacement_changed: /*i18n*/ { id: 'error.plan_replacement_changed', message: 'The plans this step replaces have changed since you opened it. Read what it will do now and confirm again.' },
  plan_measurement_year: /*i18n*/ { id: 'error.plan_measurement_year', message: 'The year lies outside the period of the plan.' },
  plan_action_date_period: /*i18n*/ { id: 'error.plan_action_date_period', message: 'The date lies outside the period of the plan ({from}–{to}).' },
  plan_evaluation_submitted: /*i18n*/ { id: 'error.plan_evaluation_submitted', message: 'This evaluation has already been sent to the chief of police for approval.' },
};

/** What a plan still lacks before it can be submitted: one line each, named as the AIG model names the part. */
export const planMissing = {
  entityName: /*i18n*/ { id: 'plan.missing.entity_name', message: 'Section 1: the name of the entity.' },
  responsible: /*i18n*/ { id: 'plan.missing.responsible', message: 'Section 1: the person responsible (mandate holder or final responsible for integrity).' },
  ambition: /*i18n*/ { id: 'plan.missing.ambition', message: 'Section 2: the multi-year ambition and vision.' },
  values: /*i18n*/ { id: 'plan.missing.values', message: 'Section 2: at least one core value.' },
  needs: /*i18n*/ { id: 'plan.missing.needs', message: 'Section 2: the specific needs, the vulnerable processes and functions or the priority themes.' },
  objectives: /*i18n*/ { id: 'plan.missing.objectives', message: 'Section 2: at least one strategic objective with an operational objective.' },
  actions: /*i18n*/ { id: 'plan.missing.actions', message: 'Section 3: at least one action.' },
  actors: /*i18n*/ { id: 'plan.missing.actors', message: 'Section 4: at least one actor with their role.' },
  monitoring: /*i18n*/ { id: 'plan.missing.monitoring', message: 'Section 5: how the objectives are monitored (a text or indicators).' },
  evaluationPlanning: /*i18n*/ { id: 'plan.missing.evaluation_planning', message: 'Section 6: the planning of evaluation and reporting.' },
  communication: /*i18n*/ { id: 'plan.missing.communication', message: 'Section 7: how the plan is communicated.' },
  objectiveOwner: /*i18n*/ { id: 'plan.missing.objective_owner', message: 'Operational objective {code} {title}: who is responsible for it.' },
  actionOwner: /*i18n*/ { id: 'plan.missing.action_owner', message: 'Action "{title}" ({objective}): an owner (a person, a unit or a description).' },
  actionDates: /*i18n*/ { id: 'plan.missing.action_dates', message: 'Action "{title}" ({objective}): its dates lie outside the period {from}–{to}.' },
  measurementYear: /*i18n*/ { id: 'plan.missing.measurement_year', message: 'Indicator "{name}": the measurement of {year} lies outside the period {from}–{to}.' },
  more: /*i18n*/ { id: 'plan.missing.more', message: 'And {count} more of the same kind.' },
};

/** Mails of the plan's steps: the plan's title, version, period and a link, never its content. */
export const planWorkflowMails = {
  submittedSubject: /*i18n*/ { id: 'mail.plan_submitted.subject', message: 'Kompas: a policy plan awaits your approval' },
  submittedBody: /*i18n*/ {
    id: 'mail.plan_submitted.body',
    message: 'Hello,\n\nThe integrity policy plan "{title}" (version {version}, {period}) has been submitted for your approval.\n\nRead and approve it in Kompas: {link}\n\nThis is an automatic message.',
  },
  withdrawnSubject: /*i18n*/ { id: 'mail.plan_withdrawn.subject', message: 'Kompas: a policy plan no longer awaits your approval' },
  withdrawnBody: /*i18n*/ {
    id: 'mail.plan_withdrawn.body',
    message: 'Hello,\n\nThe integrity policy plan "{title}" (version {version}, {period}) has been withdrawn for changes. It no longer awaits your approval; you will be told when it is submitted again.\n\n{link}\n\nThis is an automatic message.',
  },
  returnedSubject: /*i18n*/ { id: 'mail.plan_returned.subject', message: 'Kompas: a policy plan was returned to draft' },
  returnedBody: /*i18n*/ {
    id: 'mail.plan_returned.body',
    message: 'Hello,\n\nThe chief of police returned the integrity policy plan "{title}" (version {version}, {period}) to draft. Complete it and submit it again.\n\nOpen it in Kompas: {link}\n\nThis is an automatic message.',
  },
  approvedWaitingSubject: /*i18n*/ { id: 'mail.plan_approved_waiting.subject', message: 'Kompas: a policy plan was approved' },
  approvedWaitingBody: /*i18n*/ {
    id: 'mail.plan_approved_waiting.body',
    message: 'Hello,\n\nThe integrity policy plan "{title}" (version {version}, {period}) has been approved. Its period has not started yet: it goes in force automatically on 1 January {year}, unless the chief of police puts it in force earlier.\n\nOpen it in Kompas: {link}\n\nThis is an automatic message.',
  },
  inForceSubject: /*i18n*/ { id: 'mail.plan_in_force.subject', message: 'Kompas: a policy plan is in force' },
  inForceBody: /*i18n*/ {
    id: 'mail.plan_in_force.body',
    message: 'Hello,\n\nThe integrity policy plan "{title}" (version {version}, {period}) is in force from today. Owners of its actions can report their progress now.\n\nOpen it in Kompas: {link}\n\nThis is an automatic message.',
  },
  inForceReplacingBody: /*i18n*/ {
    id: 'mail.plan_in_force_replacing.body',
    message: 'Hello,\n\nThe integrity policy plan "{title}" (version {version}, {period}) is in force from today. It replaces "{replaced}" ({replacedPeriod}), which ended today. Owners of its actions can report their progress now.\n\nOpen it in Kompas: {link}\n\nThis is an automatic message.',
  },
  evaluationSubject: /*i18n*/ { id: 'mail.plan_evaluation_submitted.subject', message: 'Kompas: the evaluation of {year} awaits your approval' },
  evaluationBody: /*i18n*/ {
    id: 'mail.plan_evaluation_submitted.body',
    message: 'Hello,\n\nThe yearly evaluation of {year} of the integrity policy plan "{title}" ({period}) has been written and awaits your approval.\n\nRead and approve it in Kompas: {link}\n\nThis is an automatic message.',
  },
  evaluationApprovedSubject: /*i18n*/ { id: 'mail.plan_evaluation_approved.subject', message: 'Kompas: the evaluation of {year} was approved' },
  evaluationApprovedBody: /*i18n*/ {
    id: 'mail.plan_evaluation_approved.body',
    message: 'Hello,\n\nThe chief of police approved the yearly evaluation of {year} of the integrity policy plan "{title}" ({period}).\n\nOpen it in Kompas: {link}\n\nThis is an automatic message.',
  },
};

/** Entering a plan (issue 17): owners from the staff list, deleting a plan that is no draft. */
export const planEntryErrors = {
  plan_owner_person_not_found: /*i18n*/ { id: 'error.plan_owner_person_not_found', message: 'The staff member does not exist in this organisation.' },
  plan_owner_conflict: /*i18n*/ { id: 'error.plan_owner_conflict', message: 'Give the owner either as a staff member or as an account, not as two different people.' },
  plan_delete_submitted: /*i18n*/ { id: 'error.plan_delete_submitted', message: 'This plan has been submitted for approval and cannot be deleted. Withdraw it (back to draft) first; then it can be deleted.' },
  plan_delete_not_draft: /*i18n*/ { id: 'error.plan_delete_not_draft', message: 'An approved, running or replaced plan cannot be deleted: it remains on record in the organisation.' },
};

/** The reminder to a head of service for an action owned by a staff member of their unit who has no account. */
export const planEntryMails = {
  personReminderBody: /*i18n*/ {
    id: 'mail.plan_person_reminder.body',
    message: 'Hello,\n\nThe action "{title}" of the integrity policy plan is owned by {owner} of your unit, who has no Kompas account. It is due on {dueDate}; its progress is {progress}%.\n\nPlease pass this on, and report its progress in Kompas: {link}\n\nThis is an automatic message.',
  },
};
