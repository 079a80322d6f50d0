import { publicApi, publicDownload, publicOrgUrl } from '../../app/public/api';
import { multipart } from './api';
import type { NewReport, PortalView, PublicReporting } from './types';

/**
 * The reporter's calls, all through the platform's public client (no cookie, no referrer). The
 * receipt goes in a POST body only; the token it is exchanged for lives in the page's memory and
 * travels in a header, never in an address.
 */
export const TOKEN_HEADER = 'x-kompas-report-token';

const url = (orgCode: string, rest: string) => publicOrgUrl(orgCode, `/reporting${rest}`);

export const readChannel = (orgCode: string, locale: string) => publicApi<PublicReporting>('GET', url(orgCode, ''), { locale });

export const fileReport = (orgCode: string, locale: string, report: NewReport, files: File[]) =>
  publicApi<{ reference: string; receipt: string }>('POST', url(orgCode, '/reports'), { locale, form: multipart('report', report, files) });

export const openWithReceipt = (orgCode: string, locale: string, receipt: string) =>
  publicApi<{ token: string }>('POST', url(orgCode, '/access'), { locale, body: { receipt } });

export const readPortal = (orgCode: string, locale: string, token: string) =>
  publicApi<PortalView>('GET', url(orgCode, '/portal'), { locale, headers: { [TOKEN_HEADER]: token } });

export const sendPortalMessage = (orgCode: string, locale: string, token: string, body: string, files: File[]) =>
  publicApi<unknown>('POST', url(orgCode, '/portal/messages'), { locale, headers: { [TOKEN_HEADER]: token }, form: multipart('message', { body }, files) });

export const downloadPortalFile = (orgCode: string, token: string, fileId: string) =>
  publicDownload(url(orgCode, `/portal/files/${encodeURIComponent(fileId)}`), { headers: { [TOKEN_HEADER]: token } });
