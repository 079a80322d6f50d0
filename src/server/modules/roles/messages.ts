/** Server-side texts of role assignments. Errors are `error.<code>`. */
export const roleMessages = {
  role_user_not_found: /*i18n*/ { id: 'error.role_user_not_found', message: 'This user account does not exist or is disabled.' },
  role_oversight_kind: /*i18n*/ { id: 'error.role_oversight_kind', message: 'The oversight role exists only in the inspectorate and in oversight bodies.' },
  role_overlap: /*i18n*/ { id: 'error.role_overlap', message: 'This user already holds this role for part of this period.' },
  role_already_withdrawn: /*i18n*/ { id: 'error.role_already_withdrawn', message: 'This role assignment has already been withdrawn.' },
  role_already_ended: /*i18n*/ { id: 'error.role_already_ended', message: 'This role assignment has already ended.' },
  role_last_administrator: /*i18n*/ { id: 'error.role_last_administrator', message: 'This is the last administrator of the organisation. Appoint another administrator first.' },
  valid_to_before_from: /*i18n*/ { id: 'roles.valid_to_before_from', message: 'The end of the period cannot be before its start.' },
};
