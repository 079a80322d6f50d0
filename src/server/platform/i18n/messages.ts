/**
 * Server-side messages of the platform. Ids are stable: errors are `error.<code>`.
 * The /*i18n*\/ marker lets `lingui extract` put them into the PO catalogs.
 */
export const platformMessages = {
  not_found: /*i18n*/ { id: 'error.not_found', message: 'The requested {what} does not exist or is not visible to you.' },
  forbidden: /*i18n*/ { id: 'error.forbidden', message: 'You are not allowed to do this.' },
  unauthenticated: /*i18n*/ { id: 'error.unauthenticated', message: 'Please sign in first.' },
  mfa_required: /*i18n*/ { id: 'error.mfa_required', message: 'Your role requires a second factor. Confirm your sign-in with your authenticator code.' },
  mfa_setup_required: /*i18n*/ { id: 'error.mfa_setup_required', message: 'Your role requires a second factor. Set up an authenticator app before continuing.' },
  validation_failed: /*i18n*/ { id: 'error.validation_failed', message: 'Some fields are not valid. Correct them and try again.' },
  invalid_json: /*i18n*/ { id: 'error.invalid_json', message: 'The request body is not valid JSON.' },
  body_too_large: /*i18n*/ { id: 'error.body_too_large', message: 'The request is too large.' },
  unsupported_media_type: /*i18n*/ { id: 'error.unsupported_media_type', message: 'This type of content is not accepted here.' },
  rate_limited: /*i18n*/ { id: 'error.rate_limited', message: 'Too many requests. Wait a moment and try again.' },
  csrf_invalid: /*i18n*/ { id: 'error.csrf_invalid', message: 'Your session token is missing or out of date. Reload the page and try again.' },
  route_not_found: /*i18n*/ { id: 'error.route_not_found', message: 'This address does not exist.' },
  internal: /*i18n*/ { id: 'error.internal', message: 'Something went wrong on our side. The error has been logged; try again later.' },
  // Field-level validation messages (zod issue codes).
  field_required: /*i18n*/ { id: 'field.required', message: 'This field is required.' },
  field_invalid_type: /*i18n*/ { id: 'field.invalid_type', message: 'This value has the wrong type.' },
  field_too_small: /*i18n*/ { id: 'field.too_small', message: 'This value is too short or too small.' },
  field_too_big: /*i18n*/ { id: 'field.too_big', message: 'This value is too long or too large.' },
  field_invalid_format: /*i18n*/ { id: 'field.invalid_format', message: 'This value does not have the expected format.' },
  field_invalid_value: /*i18n*/ { id: 'field.invalid_value', message: 'This value is not one of the allowed choices.' },
  field_unrecognized_keys: /*i18n*/ { id: 'field.unrecognized_keys', message: 'This field is not expected here.' },
  field_invalid: /*i18n*/ { id: 'field.invalid', message: 'This value is not valid.' },
};

/** Names of records, used inside "not found" and similar messages. */
export const recordNames = {
  record: /*i18n*/ { id: 'record.record', message: 'record' },
  organisation: /*i18n*/ { id: 'record.organisation', message: 'organisation' },
  unit: /*i18n*/ { id: 'record.unit', message: 'unit' },
  person: /*i18n*/ { id: 'record.person', message: 'staff member' },
  user: /*i18n*/ { id: 'record.user', message: 'user' },
  role_assignment: /*i18n*/ { id: 'record.role_assignment', message: 'role assignment' },
  mail: /*i18n*/ { id: 'record.mail', message: 'e-mail' },
};

export const accessMessages = {
  record_access_excluded: /*i18n*/ { id: 'error.record_access_excluded', message: 'This person is implicated in the file and cannot be given access to it.' },
};
