import { get, qs } from '../../app/api';
import type { ComplaintView, ListItem, Options, Settings, StaffHit } from './types';

export type * from './types';
export { fetchFile, multipart, postForm, saveBlob } from '../../app/files';

export const complaintsBase = (orgId: string) => `/api/orgs/${orgId}/complaints`;
export const complaintUrl = (orgId: string, complaintId: string) => `${complaintsBase(orgId)}/${complaintId}`;

/** Query keys: everything of the module sits under ['org', orgId, 'complaints']. */
export const keys = {
  all: (orgId: string) => ['org', orgId, 'complaints'] as const,
  list: (orgId: string, filters: ListFilters) => ['org', orgId, 'complaints', 'list', filters] as const,
  complaint: (orgId: string, id: string) => ['org', orgId, 'complaints', 'one', id] as const,
  options: (orgId: string) => ['org', orgId, 'complaints', 'options'] as const,
  settings: (orgId: string) => ['org', orgId, 'complaints', 'settings'] as const,
  staff: (orgId: string, q: string) => ['org', orgId, 'complaints', 'staff', q] as const,
};

export interface ListFilters {
  status?: string;
  theme?: string;
  late?: 'true';
}

export const listComplaints = (orgId: string, f: ListFilters) =>
  get<{ items: ListItem[] }>(`${complaintsBase(orgId)}${qs({ status: f.status, theme: f.theme, late: f.late })}`).then((r) => r.items);
export const readComplaint = (orgId: string, id: string) => get<ComplaintView>(complaintUrl(orgId, id));
export const readOptions = (orgId: string) => get<Options>(`${complaintsBase(orgId)}/options`);
export const readSettings = (orgId: string) => get<Settings>(`${complaintsBase(orgId)}/settings`);
export const findStaff = (orgId: string, q: string) => get<{ items: StaffHit[] }>(`${complaintsBase(orgId)}/staff${qs({ q })}`).then((r) => r.items);
