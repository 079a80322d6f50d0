import type { Locale, OrganisationKind, Role, StaffCategory } from '../../../shared/roles';
import type { LocalisedText } from '../../app/auth';

/** Shapes of the administration API (see the server modules' contract.ts). */
export interface OrganisationSettings {
  complaintAcknowledgeDays: number;
  complaintResolveDays: number;
  reportAcknowledgeDays: number;
  reportFeedbackMonths: number;
  statisticsSuppressBelow: number;
  sideActivityAdviceDays: number;
  giftDeclarationThresholdEur: number;
  reminderDaysBeforeDue: number;
  monthlyListingDay: number;
  welcomeText: LocalisedText;
  integrityCharterText: LocalisedText;
}

export interface Organisation {
  id: string;
  code: string;
  kind: OrganisationKind;
  names: LocalisedText;
  languages: Locale[];
  parentId: string | null;
  settings: OrganisationSettings;
  /** Edit revision, sent back as If-Match on save (ADR 0011). */
  revision: number;
}

export interface Unit {
  id: string;
  code: string;
  name: string;
  parentId: string | null;
  revision: number;
}

export interface Person {
  id: string;
  personnelNumber: string;
  firstName: string;
  lastName: string;
  email: string | null;
  staffCategory: StaffCategory;
  grade: string | null;
  unitId: string | null;
  unitCode: string | null;
  unitName: string | null;
  functionTitle: string | null;
  startDate: string;
  endDate: string | null;
  userId: string | null;
  status: 'active' | 'left';
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface ImportReport {
  rows: number;
  valid: number;
  invalid: { line: number; personnelNumber?: string; errors: { field: string; code: string; message: string }[] }[];
  invalidTruncated?: boolean;
  toCreate: number;
  toUpdate: number;
  unchanged: number;
  ignoredColumns?: string[];
}

export interface ImportResult {
  mode: 'preview' | 'commit';
  committed: boolean;
  report: ImportReport;
}

export interface OrgUser {
  id: string;
  email: string;
  displayName: string;
  /** invited: has not signed in since this organisation added them. */
  state: 'invited' | 'active' | 'disabled';
  disabled: boolean;
  /** This organisation owns the account (may reset its second factor). */
  home: boolean;
  roles: Role[];
}

export interface RoleAssignment {
  id: string;
  userId: string;
  userDisplayName: string;
  userEmail: string;
  role: Role;
  validFrom: string;
  validTo: string | null;
  withdrawnAt: string | null;
  status: 'current' | 'future' | 'past' | 'withdrawn';
}

export interface OutboxMail {
  id: string;
  to: string;
  subject: string;
  template: string;
  status: string;
  attempts: number;
  createdAt: string;
  sentAt: string | null;
  error: string | null;
  /** Detail only. */
  locale?: string;
  body?: string;
}

export interface JobsState {
  running: boolean;
  installed: boolean;
  lastMaintenanceAt: string | null;
  queues: { name: string; policy: string | null; counts: Record<'created' | 'retry' | 'active' | 'completed' | 'failed' | 'cancelled', number>; lastCompletedAt: string | null; cron: string | null }[];
  schedules: { name: string; cron: string; timezone: string | null; updatedAt: string }[];
  failed: { id: string; queue: string; createdAt: string; failedAt: string | null; retryCount: number; error: string | null }[];
}

/** GET /api/orgs/:orgId/identity-provider (the client secret itself is never returned). */
export interface IdentityProvider {
  configured: boolean;
  issuer: string | null;
  clientId: string | null;
  hasClientSecret: boolean;
  signInPath: string | null;
  redirectUri: string;
  revision: number;
}

/** GET /api/admin/organisations: every organisation, in tree order with its depth. */
export interface OrganisationTreeItem {
  id: string;
  code: string;
  kind: OrganisationKind;
  names: LocalisedText;
  languages: Locale[];
  parentId: string | null;
  depth: number;
}
