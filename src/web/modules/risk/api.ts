import { useQuery } from '@tanstack/react-query';
import { get, qs } from '../../app/api';
import type {
  AnalysisDetail, AnalysisList, CandidateList, CatalogueList, CompareView, ConsolidationView, HeatmapView, OwnerCandidateList, ProcessList,
  RegisterView, SettingsView,
} from '../../../server/modules/risk/contract';

/** Shapes of the risk-analysis API, straight from the server contract (types only: nothing of the server is bundled). */
export type {
  AgreementView, AggravatingFactor, AggravatingFactors, AnalysisDetail, AnalysisPermissions, AnalysisStatus, AnalysisSummary, Band, CatalogueEntry,
  CompareView, ConsolidationRow, ConsolidationView, ControlType, ControlView, Effectiveness, HeatmapView, InherentFactor, InherentFactors, Localized,
  MatrixSnapshot, Movement, OwnerRef, PlanLinkView, ProcessKind, ProcessView, RecommendationStatus, RecommendationView, RegisterRow, RegisterView,
  ScoreView, SettingsView,
} from '../../../server/modules/risk/contract';
export type AnalysisRow = AnalysisDetail['processes'][number];

export const riskBase = (orgId: string) => `/api/orgs/${orgId}/risk`;
export const analysisUrl = (orgId: string, id: string) => `${riskBase(orgId)}/analyses/${id}`;

/** Query keys: everything of the module sits under ['org', orgId, 'risk'], one analysis under its id. */
export const keys = {
  all: (orgId: string) => ['org', orgId, 'risk'] as const,
  processes: (orgId: string) => ['org', orgId, 'risk', 'processes'] as const,
  analyses: (orgId: string) => ['org', orgId, 'risk', 'analyses'] as const,
  analysis: (orgId: string, id: string) => ['org', orgId, 'risk', 'a', id] as const,
  settings: (orgId: string) => ['org', orgId, 'risk', 'settings'] as const,
};

export function useSettings(orgId: string) {
  return useQuery({ queryKey: keys.settings(orgId), queryFn: () => get<SettingsView>(`${riskBase(orgId)}/settings`) });
}

export function useCatalogue(orgId: string, enabled: boolean) {
  return useQuery({ queryKey: [...keys.processes(orgId), 'catalogue'], queryFn: () => get<CatalogueList>(`${riskBase(orgId)}/catalogue`).then((r) => r.items), enabled });
}

/** People of the HR list who may own a process or a recommendation (officer only). */
export function useOwnerCandidates(orgId: string, enabled = true) {
  return useQuery({ queryKey: [...keys.all(orgId), 'owners'], queryFn: () => get<OwnerCandidateList>(`${riskBase(orgId)}/owner-candidates`).then((r) => r.items), enabled, staleTime: 60_000 });
}

export function useParticipantCandidates(orgId: string) {
  return useQuery({ queryKey: [...keys.all(orgId), 'participants'], queryFn: () => get<CandidateList>(`${riskBase(orgId)}/participant-candidates`).then((r) => r.items) });
}

export function useProcesses(orgId: string, archived = false) {
  return useQuery({ queryKey: [...keys.processes(orgId), { archived }], queryFn: () => get<ProcessList>(`${riskBase(orgId)}/processes${qs({ archived: archived ? 'true' : undefined })}`) });
}

export function useAnalyses(orgId: string) {
  return useQuery({ queryKey: keys.analyses(orgId), queryFn: () => get<AnalysisList>(`${riskBase(orgId)}/analyses`) });
}

export function useAnalysis(orgId: string, id: string, enabled = true) {
  return useQuery({ queryKey: [...keys.analysis(orgId, id), 'detail'], queryFn: () => get<AnalysisDetail>(analysisUrl(orgId, id)), enabled });
}

export function useConsolidation(orgId: string, id: string) {
  return useQuery({ queryKey: [...keys.analysis(orgId, id), 'consolidation'], queryFn: () => get<ConsolidationView>(`${analysisUrl(orgId, id)}/consolidation`) });
}

export function useRegister(orgId: string) {
  return useQuery({ queryKey: [...keys.all(orgId), 'register'], queryFn: () => get<RegisterView>(`${riskBase(orgId)}/register`) });
}

export function useHeatmap(orgId: string, analysisId: string, enabled = true) {
  return useQuery({ queryKey: [...keys.all(orgId), 'heatmap', analysisId], queryFn: () => get<HeatmapView>(`${riskBase(orgId)}/heatmap${qs({ analysisId })}`), enabled });
}

export function useCompare(orgId: string, from: string, to: string) {
  return useQuery({
    queryKey: [...keys.all(orgId), 'compare', from, to],
    queryFn: () => get<CompareView>(`${riskBase(orgId)}/compare${qs({ from, to })}`),
    enabled: !!from && !!to && from !== to,
  });
}
