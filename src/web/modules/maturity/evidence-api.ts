import type { z } from 'zod';
import { useQuery } from '@tanstack/react-query';
import { api, ApiError, get } from '../../app/api';
import type { evidenceList } from '../../../server/modules/maturity/evidence-contract';
import type { planList, PlanTree } from '../../../server/modules/plan/contract';
import { keys, measurementUrl } from './api';

/** A score's evidence (files and links), straight from the server contract (types only). */
export type { EvidenceItem } from '../../../server/modules/maturity/evidence-contract';
export type EvidenceList = z.infer<typeof evidenceList>;
type Plans = z.infer<typeof planList>['items'];
export type PlanObjective = PlanTree['objectives'][number];

export const evidenceKey = (orgId: string, measurementId: string) => [...keys.measurement(orgId, measurementId), 'evidence'] as const;

/** The evidence the caller may read: their own while scoring, everybody's from the consolidation on. One request per measurement. */
export function useEvidence(orgId: string, measurementId: string) {
  return useQuery({ queryKey: evidenceKey(orgId, measurementId), queryFn: () => get<EvidenceList>(`${measurementUrl(orgId, measurementId)}/evidence`) });
}

export const evidenceFileUrl = (orgId: string, measurementId: string, evidenceId: string) => `${measurementUrl(orgId, measurementId)}/evidence/${evidenceId}/file`;
export const deleteEvidence = (orgId: string, measurementId: string, evidenceId: string) => api<void>('DELETE', `${measurementUrl(orgId, measurementId)}/evidence/${evidenceId}`);

/**
 * Uploads one file as multipart/form-data. The shared client speaks JSON only, so this sends the
 * CSRF header itself (token from /api/csrf, fetched again once when the session changed).
 */
export async function uploadEvidence<T>(url: string, file: File): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const { token } = await fetch('/api/csrf', { credentials: 'same-origin' }).then((r) => r.json() as Promise<{ token: string }>);
    const body = new FormData();
    body.append('file', file, file.name);
    const res = await fetch(url, { method: 'POST', body, credentials: 'same-origin', headers: { 'x-csrf-token': token, accept: 'application/json' } });
    if (res.ok) return (await res.json()) as T;
    let e: Partial<{ code: string; message: string; field: string; fields: { field: string; code: string; message: string }[] }> = {};
    try { e = await res.json(); } catch { /* not JSON */ }
    if (e.code === 'csrf_invalid' && attempt === 0) continue;
    throw new ApiError(res.status, e.code ?? `http_${res.status}`, e.message ?? res.statusText, e.field, e.fields ?? []);
  }
}

/** The organisation's policy plans the caller may read, and one plan's tree (same keys as the plan module's). */
export function useLinkablePlans(orgId: string, enabled: boolean) {
  return useQuery({ queryKey: ['org', orgId, 'plans'], queryFn: () => get<{ items: Plans }>(`/api/orgs/${orgId}/plans`).then((r) => r.items), enabled });
}
export function useLinkablePlanTree(orgId: string, planId: string) {
  return useQuery({ queryKey: ['org', orgId, 'plan', planId, 'tree', {}], queryFn: () => get<PlanTree>(`/api/orgs/${orgId}/plans/${planId}`), enabled: !!planId });
}
