import { ApiError, type FieldIssue } from '../api';

/** The header that public writes carry (the server's CSRF defence without cookies, decision 0013). */
export const PUBLIC_WRITE_HEADER = 'x-kompas-public';

/** What GET /api/public/orgs/:orgCode answers (contract: publicOrganisationView). */
export interface PublicOrganisation {
  code: string;
  names: Partial<Record<string, string>>;
  languages: string[];
  contactText: Partial<Record<string, string>>;
  services: { id: string }[];
}

export const publicOrgUrl = (orgCode: string, rest = '') => `/api/public/orgs/${encodeURIComponent(orgCode)}${rest}`;

/**
 * The one way public pages talk to the server: only /api/public/..., never with cookies
 * (`credentials: 'omit'`: a session of someone signed in on the same device is not sent),
 * no referrer, no cache; writes carry the public header instead of a CSRF token.
 */
export async function publicApi<T>(method: 'GET' | 'POST', url: string, opts: { body?: unknown; locale?: string } = {}): Promise<T> {
  if (!url.startsWith('/api/public/')) throw new Error('publicApi: public endpoints only');
  const headers: Record<string, string> = { accept: 'application/json' };
  if (opts.locale) headers['accept-language'] = opts.locale;
  if (method !== 'GET') {
    headers[PUBLIC_WRITE_HEADER] = '1';
    headers['content-type'] = 'application/json';
  }
  const res = await fetch(url, {
    method,
    headers,
    credentials: 'omit',
    referrerPolicy: 'no-referrer',
    cache: 'no-store',
    body: method === 'GET' ? undefined : JSON.stringify(opts.body ?? {}),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (res.ok) return json as T;
  const b = (json ?? {}) as Partial<{ code: string; message: string; field: string; fields: FieldIssue[] }>;
  throw new ApiError(res.status, b.code ?? `http_${res.status}`, b.message ?? res.statusText, b.field, b.fields ?? []);
}
