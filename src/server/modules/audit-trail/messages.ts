/** Server-side texts of the audit trail (errors and the CSV header row). */
export const auditTrailMessages = {
  invalid_cursor: /*i18n*/ { id: 'error.audit_invalid_cursor', message: 'The page position is not valid. Start again from the first page.' },
  invalid_date_range: /*i18n*/ { id: 'error.audit_invalid_date_range', message: 'The end of the period lies before its start.' },
};

/** Column headings of the CSV export, in the reader's language. */
export const auditCsvHeadings = {
  id: /*i18n*/ { id: 'audit.csv.id', message: 'Event number' },
  occurredAt: /*i18n*/ { id: 'audit.csv.occurred_at', message: 'Date and time (UTC)' },
  actorId: /*i18n*/ { id: 'audit.csv.actor_id', message: 'User id' },
  actorName: /*i18n*/ { id: 'audit.csv.actor_name', message: 'User' },
  action: /*i18n*/ { id: 'audit.csv.action', message: 'Action' },
  recordType: /*i18n*/ { id: 'audit.csv.record_type', message: 'Record type' },
  recordId: /*i18n*/ { id: 'audit.csv.record_id', message: 'Record id' },
  ip: /*i18n*/ { id: 'audit.csv.ip', message: 'IP address' },
  details: /*i18n*/ { id: 'audit.csv.details', message: 'Details' },
};
