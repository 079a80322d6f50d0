import { msg } from '@lingui/core/macro';
import type { MessageDescriptor } from '@lingui/core';
import type { Locale, OrganisationKind, Role, StaffCategory } from '../../shared/roles';

/** Official names of the roles (Belgian police vocabulary in the catalogs). */
export const ROLE_LABELS: Record<Role, MessageDescriptor> = {
  chief: msg`Chief of police`,
  integrity_officer: msg`Integrity officer`,
  confidential_counsellor: msg`Confidential counsellor for integrity`,
  integrity_investigator: msg`Integrity investigator`,
  core_group_member: msg`Member of the integrity core group`,
  complaints_coordinator: msg`Complaints coordinator`,
  complaint_handler: msg`Complaint handler`,
  head_of_service: msg`Head of service`,
  integrity_spoc: msg`Integrity SPOC`,
  staff_member: msg`Staff member`,
  dpo: msg`Data protection officer (DPO)`,
  auditor: msg`Auditor`,
  administrator: msg`Administrator`,
  oversight: msg`Oversight`,
};

export const CATEGORY_LABELS: Record<StaffCategory, MessageDescriptor> = {
  operational: msg`Operational staff`,
  calog: msg`CALog (administrative and logistical staff)`,
};

export const KIND_LABELS: Record<OrganisationKind, MessageDescriptor> = {
  local_police_zone: msg`Local police zone`,
  federal_directorate: msg`Federal directorate`,
  federal_unit: msg`Federal unit`,
  inspectorate: msg`Inspectorate`,
  oversight_body: msg`Oversight body`,
};

export const LANGUAGE_LABELS: Record<Locale, MessageDescriptor> = {
  nl: msg`Dutch`,
  fr: msg`French`,
  de: msg`German`,
  en: msg`English`,
};
