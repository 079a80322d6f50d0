import { get, post } from '../../app/api';
import { publicApi, publicOrgUrl } from '../../app/public/api';
import type { AdviceView, PortalReprisalsView, ProtectionView } from '../../../server/modules/reporting/advice-contract';
import { reportUrl } from './api';
import { TOKEN_HEADER } from './public-api';

export type { AdviceRequestView, AdviceStatus, AdviceView, PortalReprisalsView, ProtectionView } from '../../../server/modules/reporting/advice-contract';

/** Core-group advice and protection against reprisals: query keys under the report's. */
export const adviceKeys = {
  advice: (orgId: string, reportId: string) => ['org', orgId, 'reporting', 'report', reportId, 'advice'] as const,
  protection: (orgId: string, reportId: string) => ['org', orgId, 'reporting', 'report', reportId, 'protection'] as const,
};

export const readAdvice = (orgId: string, reportId: string) => get<AdviceView>(`${reportUrl(orgId, reportId)}/advice`);
export const askAdvice = (orgId: string, reportId: string, body: { userIds: string[]; question: string; until?: string }) =>
  post<{ id: string; until: string }>(`${reportUrl(orgId, reportId)}/advice`, body);
export const giveAdvice = (orgId: string, reportId: string, requestId: string, advice: string) =>
  post<{ givenOn: string }>(`${reportUrl(orgId, reportId)}/advice/${requestId}/answer`, { advice });
export const withdrawAdvice = (orgId: string, reportId: string, requestId: string) =>
  post<{ withdrawnOn: string }>(`${reportUrl(orgId, reportId)}/advice/${requestId}/withdraw`, {});

export const readProtection = (orgId: string, reportId: string) => get<ProtectionView>(`${reportUrl(orgId, reportId)}/protection`);
export const recordMeasure = (orgId: string, reportId: string, body: { description: string; takenOn: string }) =>
  post<{ id: string }>(`${reportUrl(orgId, reportId)}/protection/measures`, body);
export const reprisalHandled = (orgId: string, reportId: string, reprisalId: string) =>
  post<{ handledOn: string }>(`${reportUrl(orgId, reportId)}/protection/reprisals/${reprisalId}/handled`, {});

const portalUrl = (orgCode: string) => publicOrgUrl(orgCode, '/reporting/portal/reprisals');
export const readPortalReprisals = (orgCode: string, locale: string, token: string) =>
  publicApi<PortalReprisalsView>('GET', portalUrl(orgCode), { locale, headers: { [TOKEN_HEADER]: token } });
export const answerReprisal = (orgCode: string, locale: string, token: string, body: { months: number | null; suffered: boolean; description?: string }) =>
  publicApi<{ answeredOn: string }>('POST', portalUrl(orgCode), { locale, headers: { [TOKEN_HEADER]: token }, body });
