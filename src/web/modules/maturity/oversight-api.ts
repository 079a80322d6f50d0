import { msg } from '@lingui/core/macro';
import type { MessageDescriptor } from '@lingui/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { get, qs } from '../../app/api';
import type { ConsentView, OversightOverview, PeerComparison, PeerGroup, Quantiles } from '../../../server/modules/maturity/oversight-contract';
import { maturityBase } from './api';

/** Shapes of the cross-organisation view, straight from the server contract (types only). */
export type { ConsentView, OversightOverview, PeerComparison, PeerGroup, Quantiles };
export type PillarFigure = OversightOverview['pillars'][number];

export const PEER_GROUP_LABELS: Record<PeerGroup, MessageDescriptor> = {
  zone_lt150: msg`Police zones with fewer than 150 staff`,
  zone_150_299: msg`Police zones with 150 to 299 staff`,
  zone_300_599: msg`Police zones with 300 to 599 staff`,
  zone_600_plus: msg`Police zones with 600 staff or more`,
  federal_directorate: msg`Federal directorates`,
  federal_unit: msg`Federal units`,
};
export const PEER_GROUPS = Object.keys(PEER_GROUP_LABELS) as PeerGroup[];

export const oversightKeys = {
  overview: (q: { year?: number; frameworkId?: string; group?: string }) => ['maturity-oversight', 'overview', q] as const,
  comparison: (orgId: string, year?: number) => ['org', orgId, 'maturity', 'peers', year ?? null] as const,
  consent: (orgId: string) => ['org', orgId, 'maturity', 'consent'] as const,
};

/** The inspectorate's overview (oversight users); year and framework default on the server. */
export function useOversightOverview(q: { year?: number; frameworkId?: string; group?: string }) {
  return useQuery({
    queryKey: oversightKeys.overview(q),
    queryFn: () => get<OversightOverview>(`/api/maturity/oversight/overview${qs({ year: q.year, frameworkId: q.frameworkId, group: q.group })}`),
    placeholderData: keepPreviousData,
  });
}

export function usePeerComparison(orgId: string, year?: number) {
  return useQuery({
    queryKey: oversightKeys.comparison(orgId, year),
    queryFn: () => get<PeerComparison>(`${maturityBase(orgId)}/peer-comparison${qs({ year })}`),
  });
}

export const consentUrl = (orgId: string) => `${maturityBase(orgId)}/oversight-consent`;
export function useConsent(orgId: string) {
  return useQuery({ queryKey: oversightKeys.consent(orgId), queryFn: () => get<ConsentView>(consentUrl(orgId)) });
}
