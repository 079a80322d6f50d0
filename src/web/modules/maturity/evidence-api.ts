import type { z } from 'zod';
import { useQuery } from '@tanstack/react-query';
import { api, get } from '../../app/api';
import type { evidenceList, LinkableRecords } from '../../../server/modules/maturity/evidence-contract';
import { keys, measurementUrl } from './api';

/** A score's evidence (files and links), straight from the server contract (types only). */
export type { EvidenceItem } from '../../../server/modules/maturity/evidence-contract';
export type EvidenceList = z.infer<typeof evidenceList>;
export type { PlanObjective } from '../../app/plans';

export const evidenceKey = (orgId: string, measurementId: string) => [...keys.measurement(orgId, measurementId), 'evidence'] as const;

/** The evidence the caller may read: their own while scoring, everybody's from the consolidation on. One request per measurement. */
export function useEvidence(orgId: string, measurementId: string) {
  return useQuery({ queryKey: evidenceKey(orgId, measurementId), queryFn: () => get<EvidenceList>(`${measurementUrl(orgId, measurementId)}/evidence`) });
}

export const evidenceFileUrl = (orgId: string, measurementId: string, evidenceId: string) => `${measurementUrl(orgId, measurementId)}/evidence/${evidenceId}/file`;
export const deleteEvidence = (orgId: string, measurementId: string, evidenceId: string) => api<void>('DELETE', `${measurementUrl(orgId, measurementId)}/evidence/${evidenceId}`);

/** Uploads one file to a score; the policy plans and a plan's tree a score's link points into. */
export { uploadFile as uploadEvidence } from '../../app/files';
export { usePlans as useLinkablePlans, usePlanTree as useLinkablePlanTree } from '../../app/plans';

/** What the assessor may link to while scoring, per kind whose module offers a list (the plan's entries come from its tree). */
export function useLinkableRecords(orgId: string, measurementId: string) {
  return useQuery({ queryKey: [...evidenceKey(orgId, measurementId), 'linkable'], queryFn: () => get<LinkableRecords>(`${measurementUrl(orgId, measurementId)}/linkable-records`) });
}
