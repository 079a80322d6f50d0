import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { get, qs } from '../../app/api';
import type { HighRiskOverview } from '../../../server/modules/risk/oversight-contract';

/** The oversight view of the risk analyses, straight from the server contract (types only). */
export type { HighRiskOverview };
export type KindFilter = 'zones' | 'federal';

export const highRiskUrl = (kind: KindFilter | undefined, format?: 'csv' | 'docx' | 'pdf', lang?: string) =>
  `/api/risk/oversight/high-risk${format ? `.${format}` : ''}${qs({ kind, lang })}`;

/** Per catalogue process, the organisations that rated it high or very high (oversight users; small counts withheld). */
export function useHighRisk(kind: KindFilter | undefined) {
  return useQuery({
    queryKey: ['risk-oversight', 'high-risk', kind ?? null] as const,
    queryFn: () => get<HighRiskOverview>(highRiskUrl(kind)),
    placeholderData: keepPreviousData,
  });
}
