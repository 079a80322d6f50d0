import type { z } from 'zod';
import { useQuery } from '@tanstack/react-query';
import { get } from '../../app/api';
import type {
  candidateList, consolidationView, frameworkList, matrixView, measurementDetail, trendView,
} from '../../../server/modules/maturity/contract';
import type { MeasurementSummary } from '../../../server/modules/maturity/contract';

/** Shapes of the maturity API, straight from the server contract (types only: nothing of the server is bundled). */
export type {
  AgreementView, CriterionView, ImfFunction, Localized, MeasurementKind, MeasurementStatus, MeasurementSummary, Pillar, PlanLinkView, ScoreView,
} from '../../../server/modules/maturity/contract';
export type MeasurementDetail = z.infer<typeof measurementDetail>;
export type Consolidation = z.infer<typeof consolidationView>;
export type ConsolidationRow = Consolidation['rows'][number];
export type CriterionResult = MeasurementDetail['criteria'][number];
export type Matrix = z.infer<typeof matrixView>;
export type Trend = z.infer<typeof trendView>['items'];
export type Candidates = z.infer<typeof candidateList>['items'];
export type Frameworks = z.infer<typeof frameworkList>['items'];

export const maturityBase = (orgId: string) => `/api/orgs/${orgId}/maturity`;
export const measurementUrl = (orgId: string, id: string) => `${maturityBase(orgId)}/measurements/${id}`;

/** Query keys: everything of the module sits under ['org', orgId, 'maturity'], one measurement under its id. */
export const keys = {
  all: (orgId: string) => ['org', orgId, 'maturity'] as const,
  list: (orgId: string) => ['org', orgId, 'maturity', 'list'] as const,
  measurement: (orgId: string, id: string) => ['org', orgId, 'maturity', 'm', id] as const,
  trend: (orgId: string) => ['org', orgId, 'maturity', 'trend'] as const,
};

export function useMeasurements(orgId: string) {
  return useQuery({ queryKey: keys.list(orgId), queryFn: () => get<{ items: MeasurementSummary[] }>(`${maturityBase(orgId)}/measurements`).then((r) => r.items) });
}

export function useMeasurement(orgId: string, id: string) {
  return useQuery({ queryKey: [...keys.measurement(orgId, id), 'detail'], queryFn: () => get<MeasurementDetail>(measurementUrl(orgId, id)) });
}

export function useConsolidation(orgId: string, id: string, enabled = true) {
  return useQuery({ queryKey: [...keys.measurement(orgId, id), 'consolidation'], queryFn: () => get<Consolidation>(`${measurementUrl(orgId, id)}/consolidation`), enabled });
}

export function useMatrix(orgId: string, id: string) {
  return useQuery({ queryKey: [...keys.measurement(orgId, id), 'matrix'], queryFn: () => get<Matrix>(`${measurementUrl(orgId, id)}/matrix`) });
}

export function useTrend(orgId: string) {
  return useQuery({ queryKey: keys.trend(orgId), queryFn: () => get<{ items: Trend }>(`${maturityBase(orgId)}/trend`).then((r) => r.items) });
}

export function useCandidates(orgId: string) {
  return useQuery({ queryKey: [...keys.all(orgId), 'candidates'], queryFn: () => get<{ items: Candidates }>(`${maturityBase(orgId)}/assessor-candidates`).then((r) => r.items) });
}

export function useFrameworks() {
  return useQuery({ queryKey: ['maturity-frameworks'], queryFn: () => get<{ items: Frameworks }>('/api/maturity/frameworks').then((r) => r.items), staleTime: 60_000 });
}
