/** Server-side texts of the administration pages (outbox and jobs). */
export const adminMessages = {
  mail_not_retryable: /*i18n*/ { id: 'error.mail_not_retryable', message: 'Only an e-mail whose delivery failed can be sent again.' },
  mail_smtp_missing: /*i18n*/ { id: 'error.mail_smtp_missing', message: 'No mail server is configured, so the e-mail cannot be sent again. It stays readable in the outbox.' },
};
