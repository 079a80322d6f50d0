import type { z } from 'zod';
import { useQuery } from '@tanstack/react-query';
import type { planList, PlanTree } from '../../server/modules/plan/contract';
import { get } from './api';

/**
 * The policy plans the caller may read and one plan's tree, for another module's page that points
 * into a plan (a finding's plan entry, a score's link); on the plan module's own query keys, so its
 * changes refresh them.
 */
export type PlanListItems = z.infer<typeof planList>['items'];
export type PlanObjective = PlanTree['objectives'][number];

export function usePlans(orgId: string, enabled: boolean) {
  return useQuery({ queryKey: ['org', orgId, 'plans'], queryFn: () => get<{ items: PlanListItems }>(`/api/orgs/${orgId}/plans`).then((r) => r.items), enabled });
}
export function usePlanTree(orgId: string, planId: string) {
  return useQuery({ queryKey: ['org', orgId, 'plan', planId, 'tree', {}], queryFn: () => get<PlanTree>(`/api/orgs/${orgId}/plans/${planId}`), enabled: !!planId });
}
