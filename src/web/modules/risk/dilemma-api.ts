import { useQuery } from '@tanstack/react-query';
import type { MessageDescriptor } from '@lingui/core';
import { get, qs } from '../../app/api';
import { riskCatalogue } from '../../../server/modules/risk/catalogue';
import { dilemmaStatusLabels, dilemmaThemeLabels } from '../../../server/modules/risk/dilemma-messages';
import type { DilemmaList, DilemmaListQuery, DilemmaStatus, DilemmaTheme, DilemmaView, MyDilemmaList, SubmitDilemmaBody, SubmittedDilemma, UpdateDilemmaBody } from '../../../server/modules/risk/dilemma-contract';

/** Shapes of the dilemma API, from the server contract (types only); labels are the server's catalog entries (CSV and screen say the same). */
export type { DilemmaList, DilemmaListQuery, DilemmaStatus, DilemmaTheme, DilemmaView, MyDilemmaList, SubmitDilemmaBody, SubmittedDilemma, UpdateDilemmaBody };

export const THEME_LABELS: Record<DilemmaTheme, MessageDescriptor> = dilemmaThemeLabels;
export const STATUS_LABELS: Record<DilemmaStatus, MessageDescriptor> = dilemmaStatusLabels;
export const THEMES = Object.keys(THEME_LABELS) as DilemmaTheme[];
export const STATUSES = Object.keys(STATUS_LABELS) as DilemmaStatus[];

/** The processes of the catalogue a dilemma may belong to, named in the reader's language. */
export function processOptions(locale: string): { id: string; label: string }[] {
  const l = (['nl', 'fr', 'de', 'en'].includes(locale) ? locale : 'nl') as 'nl' | 'fr' | 'de' | 'en';
  return riskCatalogue.map((e) => ({ id: e.code, label: e.name[l] }));
}
export function processName(code: string | null, locale: string): string {
  if (!code) return '';
  return processOptions(locale).find((o) => o.id === code)?.label ?? code;
}

export const dilemmasUrl = (orgId: string) => `/api/orgs/${orgId}/risk/dilemmas`;
export const dilemmaKeys = {
  all: (orgId: string) => ['org', orgId, 'risk', 'dilemmas'] as const,
  list: (orgId: string, f: DilemmaListQuery) => ['org', orgId, 'risk', 'dilemmas', 'list', f] as const,
  mine: (orgId: string) => ['org', orgId, 'risk', 'dilemmas', 'mine'] as const,
};

export function useDilemmas(orgId: string, f: DilemmaListQuery) {
  return useQuery({ queryKey: dilemmaKeys.list(orgId, f), queryFn: () => get<DilemmaList>(`${dilemmasUrl(orgId)}${qs({ ...f })}`) });
}
export function useMyDilemmas(orgId: string) {
  return useQuery({ queryKey: dilemmaKeys.mine(orgId), queryFn: () => get<MyDilemmaList>(`${dilemmasUrl(orgId)}/mine`) });
}
