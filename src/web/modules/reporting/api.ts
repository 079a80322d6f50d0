import { get, qs } from '../../app/api';
import type { EscrowInfo, ReportListItem, ReportSettings, ReportView } from './types';

export type * from './types';

export const reportingBase = (orgId: string) => `/api/orgs/${orgId}/reporting`;
export const reportUrl = (orgId: string, reportId: string) => `${reportingBase(orgId)}/reports/${reportId}`;

/** Query keys: everything of the module sits under ['org', orgId, 'reporting']. */
export const keys = {
  all: (orgId: string) => ['org', orgId, 'reporting'] as const,
  list: (orgId: string, status: string) => ['org', orgId, 'reporting', 'list', status] as const,
  report: (orgId: string, reportId: string) => ['org', orgId, 'reporting', 'report', reportId] as const,
  settings: (orgId: string) => ['org', orgId, 'reporting', 'settings'] as const,
  escrow: (orgId: string) => ['org', orgId, 'vault', 'escrow'] as const,
};

/** The reports the person can open, and how many more they take part in but cannot open yet (no key pair when filed). */
export const listReports = (orgId: string, status: string) =>
  get<{ items: ReportListItem[]; waitingForAccess: number }>(`${reportingBase(orgId)}/reports${qs({ status })}`);
export const readReport = (orgId: string, reportId: string) => get<ReportView>(reportUrl(orgId, reportId));
export const readSettings = (orgId: string) => get<ReportSettings>(`${reportingBase(orgId)}/settings`);
/**
 * A person whose access waits for the escrow key: `count` grants made for their previous key pair
 * (password reset), `pending` records filed before they had a key pair.
 */
export interface WaitingForEscrow { userId: string; displayName: string; count: number; pending: number }
/** The escrow key's public facts, and the people whose access waits for it. */
export const readEscrow = (orgId: string) =>
  get<{ escrow: EscrowInfo | null; waitingForRecovery?: WaitingForEscrow[] }>(`/api/orgs/${orgId}/vault/escrow`);

/** Uploads and downloads are shared with other modules (app/files). */
export { fetchFile, multipart, postForm, saveBlob } from '../../app/files';
