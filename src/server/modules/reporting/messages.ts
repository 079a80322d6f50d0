/**
 * Server-side texts of the reporting channel: errors (`error.<code>`), validation messages of its
 * contract, record names. Translations: locales/translations/reporting-server.json.
 */
export const reportingErrors = {
  reporting_not_open: /*i18n*/ { id: 'error.reporting_not_open', message: 'This organisation does not take reports through Kompas at the moment. Use one of the other channels on this page.' },
  reporting_name_required: /*i18n*/ { id: 'error.reporting_name_required', message: 'Give your name, or choose to report anonymously.' },
  reporting_identity_not_allowed: /*i18n*/ { id: 'error.reporting_identity_not_allowed', message: 'An anonymous report cannot carry a name or contact details. Leave them empty, or choose another way of reporting.' },
  reporting_answer_required: /*i18n*/ { id: 'error.reporting_answer_required', message: 'This question must be answered.' },
  reporting_answer_unknown: /*i18n*/ { id: 'error.reporting_answer_unknown', message: 'This answer belongs to no question of the form. Reload the page and try again.' },
  reporting_answer_invalid: /*i18n*/ { id: 'error.reporting_answer_invalid', message: 'This answer is not valid for its question (a date as yyyy-mm-dd, or one of the choices).' },
  reporting_answer_too_long: /*i18n*/ { id: 'error.reporting_answer_too_long', message: 'This answer is too long for a short question (at most {max} characters).' },
  reporting_exclude_unknown: /*i18n*/ { id: 'error.reporting_exclude_unknown', message: 'Only the recipients listed on the page can be excluded.' },
  reporting_no_recipient: /*i18n*/ { id: 'error.reporting_no_recipient', message: 'With these exclusions nobody is left to receive the report. Keep at least one recipient, or use an external channel such as the Comité P.' },
  receipt_unknown: /*i18n*/ { id: 'error.receipt_unknown', message: 'No report was found with this receipt. Check the 16 digits and try again.' },
  reporting_session_expired: /*i18n*/ { id: 'error.reporting_session_expired', message: 'Your access to the report has ended. Enter your receipt again.' },
  reporting_wrong_status: /*i18n*/ { id: 'error.reporting_wrong_status', message: 'This step is not possible in the current status of the report ({status}).' },
  reporting_not_acknowledged: /*i18n*/ { id: 'error.reporting_not_acknowledged', message: 'Acknowledge receipt of the report first.' },
  reporting_closed: /*i18n*/ { id: 'error.reporting_closed', message: 'This report is closed.' },
  reporting_investigator_role: /*i18n*/ { id: 'error.reporting_investigator_role', message: 'Only a person with the role of integrity investigator in this organisation can be appointed.' },
  reporting_investigator_excluded: /*i18n*/ { id: 'error.reporting_investigator_excluded', message: 'The reporter excluded this person from the report: they cannot be given access to it.' },
  reporting_message_empty: /*i18n*/ { id: 'error.reporting_message_empty', message: 'Write a message or add a file.' },
  reporting_recipient_role: /*i18n*/ { id: 'error.reporting_recipient_role', message: 'A recipient must currently hold the role of integrity officer, confidential counsellor, integrity investigator or core group member in this organisation.' },
  reporting_file_corrupt: /*i18n*/ { id: 'error.reporting_file_corrupt', message: 'This file does not match what was stored. It was not sent.' },
};

/** Messages of the contract's own checks (zod refinements name them). */
export const reportingValidation = {
  label_required: /*i18n*/ { id: 'reporting.label_required', message: 'Give a text in at least one language.' },
  choice_options: /*i18n*/ { id: 'reporting.choice_options', message: 'A choice question needs at least two options; other questions have none.' },
  duplicate_id: /*i18n*/ { id: 'reporting.duplicate_id', message: 'Each entry must appear only once.' },
};

export const reportingRecordNames = {
  report: /*i18n*/ { id: 'record.report', message: 'report' },
  report_file: /*i18n*/ { id: 'record.report_file', message: 'file of a report' },
};
