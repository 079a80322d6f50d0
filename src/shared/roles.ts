/** Roles are held per organisation, each with a validity period. */
export const ROLES = [
  'chief',
  'integrity_officer',
  'confidential_counsellor',
  'integrity_investigator',
  'core_group_member',
  'complaints_coordinator',
  'complaint_handler',
  'head_of_service',
  'integrity_spoc',
  'staff_member',
  'dpo',
  'auditor',
  'administrator',
  'oversight',
] as const;
export type Role = (typeof ROLES)[number];

/**
 * Roles that may read confidential or personal content: they must use a second factor (TOTP).
 * The chief reads the plan's confidential notes, every action's notes and every staff record;
 * a head of service reads the action notes and staff records of their units. Not here:
 * staff members (only the notes of actions they own themselves), integrity SPOCs (no
 * confidential reads) and oversight (anonymised aggregates only).
 */
export const MFA_ROLES: readonly Role[] = [
  'chief',
  'head_of_service',
  'integrity_officer',
  'confidential_counsellor',
  'integrity_investigator',
  'core_group_member',
  'complaints_coordinator',
  'complaint_handler',
  'dpo',
  'auditor',
  'administrator',
];

/** Roles that may assign and withdraw roles in their organisation. */
export const ROLE_MANAGERS: readonly Role[] = ['administrator', 'chief'];

export const LOCALES = ['nl', 'fr', 'de', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'nl';

export const ORGANISATION_KINDS = ['local_police_zone', 'federal_directorate', 'federal_unit', 'inspectorate', 'oversight_body'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const STAFF_CATEGORIES = ['operational', 'calog'] as const;
export type StaffCategory = (typeof STAFF_CATEGORIES)[number];
