import type { z } from 'zod';
import { useQuery } from '@tanstack/react-query';
import { api, get, qs } from '../../app/api';
import type {
  actionUpdateList, evaluationList, evidenceList, myActionsResponse, oversightPlansResponse, planDiff, planList, planOutlook, templateListResponse,
  timelineResponse, versionList, waitingResponse, ActionFilters, PlanTree,
} from '../../../server/modules/plan/contract';

/** Shapes of the plan API, straight from the server contract (types only: nothing of the server is bundled). */
export type {
  ActionFilters, ActionStatus, ActionView, EvaluationView, ImfFunction, IndicatorView, ObjectiveNode, PlanDiff, PlanSections, PlanStatus,
  PlanSummary, PlanTree, StatusCounts, TemplateKey, InForceOutlook, PlanRef,
} from '../../../server/modules/plan/contract';
export type PlanList = z.infer<typeof planList>;
export type Templates = z.infer<typeof templateListResponse>['items'];
export type Timeline = z.infer<typeof timelineResponse>;
export type Versions = z.infer<typeof versionList>['items'];
export type Diff = z.infer<typeof planDiff>;
export type ActionUpdates = z.infer<typeof actionUpdateList>['items'];
export type Evidence = z.infer<typeof evidenceList>['items'];
export type Evaluations = z.infer<typeof evaluationList>['items'];
export type MyActions = z.infer<typeof myActionsResponse>['items'];
export type OversightPlans = z.infer<typeof oversightPlansResponse>['items'];

export type PlanOutlook = z.infer<typeof planOutlook>;
export type Waiting = z.infer<typeof waitingResponse>['items'];

export const planBase = (orgId: string, planId: string) => `/api/orgs/${orgId}/plans/${planId}`;

/** Query keys: everything of one plan sits under ['org', orgId, 'plan', planId] so one invalidation refreshes the plan's screens. */
export const keys = {
  plans: (orgId: string) => ['org', orgId, 'plans'] as const,
  plan: (orgId: string, planId: string) => ['org', orgId, 'plan', planId] as const,
  myActions: (orgId: string) => ['org', orgId, 'my-actions'] as const,
  /** What waits for the reader; the home page's figures live under ['org', orgId, 'home']. */
  waiting: (orgId: string) => ['org', orgId, 'plans-waiting'] as const,
};

/** Plans and evaluations waiting for a step of the reader (the home page's plan tiles lead there). */
export function useWaiting(orgId: string) {
  return useQuery({ queryKey: keys.waiting(orgId), queryFn: () => get<{ items: Waiting }>(`/api/orgs/${orgId}/plans/waiting`).then((r) => r.items) });
}

/** What approving or putting in force would do now; asked when the dialog opens, so it says what is true then. */
export function useOutlook(orgId: string, planId: string, enabled: boolean) {
  return useQuery({ queryKey: [...keys.plan(orgId, planId), 'outlook'], queryFn: () => get<PlanOutlook>(`${planBase(orgId, planId)}/outlook`), enabled, staleTime: 0 });
}

export function useTemplates() {
  return useQuery({ queryKey: ['plan-templates'], queryFn: () => get<{ items: Templates }>('/api/plan-templates').then((r) => r.items), staleTime: Infinity });
}

export function usePlans(orgId: string) {
  return useQuery({ queryKey: keys.plans(orgId), queryFn: () => get<PlanList>(`/api/orgs/${orgId}/plans`).then((r) => r.items) });
}

const filterQs = (f: ActionFilters) => qs({ owner: f.owner, unit: f.unit, status: f.status, imfFunction: f.imfFunction, year: f.year });

export function usePlan(orgId: string, planId: string, filters: ActionFilters = {}) {
  return useQuery({
    queryKey: [...keys.plan(orgId, planId), 'tree', filters],
    queryFn: () => get<PlanTree>(`${planBase(orgId, planId)}${filterQs(filters)}`),
  });
}

export function useTimeline(orgId: string, planId: string, filters: ActionFilters) {
  return useQuery({
    queryKey: [...keys.plan(orgId, planId), 'timeline', filters],
    queryFn: () => get<Timeline>(`${planBase(orgId, planId)}/timeline${filterQs(filters)}`),
  });
}

export function useVersions(orgId: string, planId: string) {
  return useQuery({ queryKey: [...keys.plan(orgId, planId), 'versions'], queryFn: () => get<{ items: Versions }>(`${planBase(orgId, planId)}/versions`).then((r) => r.items) });
}

export function useMyActions(orgId: string) {
  return useQuery({ queryKey: keys.myActions(orgId), queryFn: () => get<{ items: MyActions }>(`/api/orgs/${orgId}/my-actions`).then((r) => r.items) });
}

/** Uploads one file (the action's evidence). */
export { uploadFile } from '../../app/files';

export const del = (url: string) => api<void>('DELETE', url);
