import { publicApi, publicOrgUrl } from '../../app/public/api';
import { multipart } from '../../app/files';
import type { FiledResponse, PublicComplaintBody, PublicDeskView, StatusView } from './types';

/**
 * The complainant's calls, through the platform's public client (no cookie, no referrer). The
 * status code goes in a POST body only; the token it is exchanged for lives in the page's memory
 * and travels in a header, never in an address.
 */
export const TOKEN_HEADER = 'x-kompas-complaint-token';

const url = (orgCode: string, rest: string) => publicOrgUrl(orgCode, `/complaints${rest}`);

export const readDesk = (orgCode: string, locale: string) => publicApi<PublicDeskView>('GET', url(orgCode, ''), { locale });

export const fileComplaint = (orgCode: string, locale: string, complaint: PublicComplaintBody, files: File[]) =>
  publicApi<FiledResponse>('POST', url(orgCode, ''), { locale, form: multipart('complaint', complaint, files) });

export const openWithCode = (orgCode: string, locale: string, code: string) =>
  publicApi<{ token: string }>('POST', url(orgCode, '/access'), { locale, body: { code } });

export const readStatus = (orgCode: string, locale: string, token: string) =>
  publicApi<StatusView>('GET', url(orgCode, '/status'), { locale, headers: { [TOKEN_HEADER]: token } });

export const leaveStatus = (orgCode: string, locale: string, token: string) =>
  publicApi<unknown>('POST', url(orgCode, '/status/leave'), { locale, headers: { [TOKEN_HEADER]: token } });
