/**
 * Server texts of redaction and retention (errors, validation). Translations:
 * locales/translations/reporting-redaction.json.
 */
export const redactionErrors = {
  reporting_redaction_range: /*i18n*/ { id: 'error.reporting_redaction_range', message: 'The passage to mask lies outside the text. Reload the report and select it again.' },
  reporting_redaction_not_text: /*i18n*/ { id: 'error.reporting_redaction_not_text', message: 'Only written answers can be masked, not dates or choices.' },
  reporting_redaction_nothing: /*i18n*/ { id: 'error.reporting_redaction_nothing', message: 'The selected passage is already masked.' },
  reporting_redaction_deleted: /*i18n*/ { id: 'error.reporting_redaction_deleted', message: 'The original of this text has already been deleted.' },
  reporting_legal_hold_reason: /*i18n*/ { id: 'error.reporting_legal_hold_reason', message: 'Give the reason for the legal hold.' },
};

export const redactionValidation = {
  ranges_or_whole: /*i18n*/ { id: 'reporting.redaction_ranges_or_whole', message: 'Select passages to mask, or mask the whole text.' },
};

export const redactionRecordNames = {
  report_answer: /*i18n*/ { id: 'record.report_answer', message: 'answer of a report' },
  report_message: /*i18n*/ { id: 'record.report_message', message: 'message of a report' },
  report_redaction: /*i18n*/ { id: 'record.report_redaction', message: 'masked passage' },
};
