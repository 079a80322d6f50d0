/**
 * Server-side texts of the complaints desk: errors (`error.<code>`), validation messages of its
 * contract, record names, and the texts of the answer letter. Translations:
 * locales/translations/complaints-server.json.
 */
export const complaintsErrors = {
  complaints_not_open: /*i18n*/ { id: 'error.complaints_not_open', message: 'This organisation does not take complaints through this page at the moment. Contact the police zone by phone, by letter or at the desk.' },
  complaints_name_required: /*i18n*/ { id: 'error.complaints_name_required', message: 'Give your name, or choose to complain anonymously.' },
  complaints_identity_not_allowed: /*i18n*/ { id: 'error.complaints_identity_not_allowed', message: 'An anonymous complaint cannot carry a name or contact details. Leave them empty, or give your name.' },
  complaints_date_invalid: /*i18n*/ { id: 'error.complaints_date_invalid', message: 'Give a real date (yyyy-mm-dd) that is not in the future.' },
  complaints_date_before_received: /*i18n*/ { id: 'error.complaints_date_before_received', message: 'The day cannot be before the complaint was received ({receivedOn}).' },
  complaints_code_unknown: /*i18n*/ { id: 'error.complaints_code_unknown', message: 'No complaint was found with this code. Check the 16 digits and try again.' },
  complaints_session_expired: /*i18n*/ { id: 'error.complaints_session_expired', message: 'Your access to the complaint has ended. Enter your code again.' },
  complaints_wrong_status: /*i18n*/ { id: 'error.complaints_wrong_status', message: 'This step is not possible in the current status of the complaint ({status}).' },
  complaints_closed: /*i18n*/ { id: 'error.complaints_closed', message: 'This complaint is closed.' },
  complaints_reason_required: /*i18n*/ { id: 'error.complaints_reason_required', message: 'Give the reason why the complaint is not admissible.' },
  complaints_theme_required: /*i18n*/ { id: 'error.complaints_theme_required', message: 'Choose at least one theme.' },
  complaints_theme_unknown: /*i18n*/ { id: 'error.complaints_theme_unknown', message: 'This theme is not in the organisation\'s list of themes.' },
  complaints_seriousness_required: /*i18n*/ { id: 'error.complaints_seriousness_required', message: 'Choose how serious the complaint is.' },
  complaints_handler_required: /*i18n*/ { id: 'error.complaints_handler_required', message: 'Choose who handles the complaint.' },
  complaints_handler_role: /*i18n*/ { id: 'error.complaints_handler_role', message: 'Only a person with the role of complaint handler or complaints coordinator in this organisation can handle a complaint.' },
  complaints_access_pending: /*i18n*/ { id: 'error.complaints_access_pending', message: 'This complaint cannot be opened for you yet: you had no personal key when it arrived or was assigned to you. Access follows when a coordinator opens it, or the integrity officer gives it to you with the escrow key.' },
  complaints_unit_unknown: /*i18n*/ { id: 'error.complaints_unit_unknown', message: 'This unit does not exist in the organisation.' },
  complaints_staff_unknown: /*i18n*/ { id: 'error.complaints_staff_unknown', message: 'This staff member does not exist in the organisation.' },
  complaints_file_corrupt: /*i18n*/ { id: 'error.complaints_file_corrupt', message: 'This file does not match what was stored. It was not sent.' },
  complaints_no_files: /*i18n*/ { id: 'error.complaints_no_files', message: 'Add at least one file.' },
};

/** Messages of the contract's own checks (zod refinements name them). */
export const complaintsValidation = {
  label_required: /*i18n*/ { id: 'complaints.label_required', message: 'Give a text in at least one language.' },
  duplicate_id: /*i18n*/ { id: 'complaints.duplicate_id', message: 'Each entry must appear only once.' },
  consent_required: /*i18n*/ { id: 'complaints.consent_required', message: 'Confirm that you have read the privacy notice.' },
  phone_format: /*i18n*/ { id: 'complaints.phone_format', message: 'A phone number holds only digits, spaces and + ( ) . / -.' },
  forwarding_source: /*i18n*/ { id: 'complaints.forwarding_source', message: 'Say who forwarded the complaint when, and only when, it came forwarded.' },
};

export const complaintsRecordNames = {
  complaint: /*i18n*/ { id: 'record.complaint', message: 'complaint' },
  complaint_file: /*i18n*/ { id: 'record.complaint_file', message: 'file of a complaint' },
};

/** The answer letter (Word and PDF). */
export const answerLabels = {
  title: /*i18n*/ { id: 'complaints.answer.title', message: 'Answer to your complaint' },
  reference: /*i18n*/ { id: 'complaints.answer.reference', message: 'Reference' },
  receivedOn: /*i18n*/ { id: 'complaints.answer.received_on', message: 'Received on' },
  answeredOn: /*i18n*/ { id: 'complaints.answer.answered_on', message: 'Date' },
  file: /*i18n*/ { id: 'complaints.answer.file', message: 'Answer {reference}' },
};

/** Decisions as the answer's `{decision}` placeholder says them. */
export const decisionLabels = {
  well_founded: /*i18n*/ { id: 'complaints.decision.well_founded', message: 'well-founded' },
  unfounded: /*i18n*/ { id: 'complaints.decision.unfounded', message: 'unfounded' },
  partly_founded: /*i18n*/ { id: 'complaints.decision.partly_founded', message: 'partly well-founded' },
  undetermined: /*i18n*/ { id: 'complaints.decision.undetermined', message: 'not determinable' },
  mediation: /*i18n*/ { id: 'complaints.decision.mediation', message: 'settled by mediation' },
};
