/**
 * Server-side texts of the risk analysis: errors (`error.<code>`), validation messages of its
 * contract and record names. Translations: locales/translations/risk-server.json.
 */
export const riskErrors = {
  risk_locked: /*i18n*/ { id: 'error.risk_locked', message: 'This risk analysis is completed and locked: it can no longer be changed.' },
  risk_wrong_status: /*i18n*/ { id: 'error.risk_wrong_status', message: 'This step is not possible in the current status of the risk analysis ({status}).' },
  risk_not_consolidating: /*i18n*/ { id: 'error.risk_not_consolidating', message: 'The scores of all participants can only be seen once the moderator has started the consolidation.' },
  risk_participant_unknown: /*i18n*/ { id: 'error.risk_participant_unknown', message: 'Every participant must be a person of this organisation with an active account.' },
  risk_process_unknown: /*i18n*/ { id: 'error.risk_process_unknown', message: 'Choose processes and functions of this organisation\'s inventory that are not archived.' },
  risk_process_not_in_scope: /*i18n*/ { id: 'error.risk_process_not_in_scope', message: 'This process or function is not part of the analysis.' },
  risk_owner_unknown: /*i18n*/ { id: 'error.risk_owner_unknown', message: 'The owner must be a person of this organisation\'s staff list.' },
  risk_catalogue_unknown: /*i18n*/ { id: 'error.risk_catalogue_unknown', message: 'One of the chosen entries is not in the catalogue.' },
  risk_matrix_invalid: /*i18n*/ { id: 'error.risk_matrix_invalid', message: 'The matrix is not valid: it needs a band in every cell for 3 to 7 levels of likelihood and impact, and a band may not go down when likelihood or impact goes up.' },
  risk_level_out_of_range: /*i18n*/ { id: 'error.risk_level_out_of_range', message: 'Likelihood and impact must lie within the matrix of this analysis ({likelihood} × {impact}).' },
  risk_reason_required: /*i18n*/ { id: 'error.risk_reason_required', message: 'The participants disagreed on this process: give the reason for the agreed score.' },
  risk_not_complete: /*i18n*/ { id: 'error.risk_not_complete', message: 'Record the agreed score of every process before completing the analysis ({missing} left).' },
  risk_already_linked: /*i18n*/ { id: 'error.risk_already_linked', message: 'This recommendation is already an entry of the policy plan.' },
  risk_recommendation_linked: /*i18n*/ { id: 'error.risk_recommendation_linked', message: 'A recommendation that became a plan entry cannot be deleted.' },
  risk_plan_entry_invalid: /*i18n*/ { id: 'error.risk_plan_entry_invalid', message: 'The plan entry could not be made from these data. Check the title, description and due date.' },
  risk_analysis_unknown: /*i18n*/ { id: 'error.risk_analysis_unknown', message: 'Choose analyses of this organisation that reached consolidation.' },
};

/** The 409 of a completion names each process without an agreed score. */
export const riskIssues = {
  not_agreed: /*i18n*/ { id: 'risk.not_agreed', message: 'No agreed score yet for {name}.' },
};

/** Messages of the contract's own checks (zod refinements name them). */
export const riskValidation = {
  nothing_to_update: /*i18n*/ { id: 'risk.nothing_to_update', message: 'Change at least one field.' },
  objective_required: /*i18n*/ { id: 'risk.objective_required', message: 'Choose the objective the new action belongs to.' },
};

export const riskRecordNames = {
  risk_analysis: /*i18n*/ { id: 'record.risk_analysis', message: 'risk analysis' },
  risk_process: /*i18n*/ { id: 'record.risk_process', message: 'process or function' },
  risk_score: /*i18n*/ { id: 'record.risk_score', message: 'score' },
  risk_agreement: /*i18n*/ { id: 'record.risk_agreement', message: 'agreed score' },
  risk_control: /*i18n*/ { id: 'record.risk_control', message: 'control' },
  risk_recommendation: /*i18n*/ { id: 'record.risk_recommendation', message: 'recommendation' },
  risk_settings: /*i18n*/ { id: 'record.risk_settings', message: 'risk matrix' },
};
