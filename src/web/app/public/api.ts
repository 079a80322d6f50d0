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

/** Options of a public call: a JSON body or a multipart form (uploads), and extra headers (a module's access token). */
export interface PublicCallOptions {
  body?: unknown;
  /** Sent as multipart/form-data instead of JSON (the browser sets the boundary). */
  form?: FormData;
  locale?: string;
  /** Extra request headers, e.g. a short-lived token a module handed out in an earlier answer (never in the URL). */
  headers?: Record<string, string>;
}

async function publicFetch(method: 'GET' | 'POST', url: string, opts: PublicCallOptions, accept: string): Promise<Response> {
  if (!url.startsWith('/api/public/')) throw new Error('publicApi: public endpoints only');
  const headers: Record<string, string> = { ...opts.headers, accept };
  if (opts.locale) headers['accept-language'] = opts.locale;
  if (method !== 'GET') {
    headers[PUBLIC_WRITE_HEADER] = '1';
    if (!opts.form) headers['content-type'] = 'application/json';
  }
  return fetch(url, {
    method,
    headers,
    credentials: 'omit',
    referrerPolicy: 'no-referrer',
    cache: 'no-store',
    body: method === 'GET' ? undefined : opts.form ?? JSON.stringify(opts.body ?? {}),
  });
}

async function publicError(res: Response): Promise<ApiError> {
  let json: unknown;
  try {
    const text = await res.text();
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  const b = (json ?? {}) as Partial<{ code: string; message: string; field: string; fields: FieldIssue[] }>;
  return new ApiError(res.status, b.code ?? `http_${res.status}`, b.message ?? res.statusText, b.field, b.fields ?? []);
}

/**
 * The one way public pages talk to the server: only /api/public/..., never with cookies
 * (`credentials: 'omit'`: a session of someone signed in on the same device is not sent),
 * no referrer, no cache; writes carry the public header instead of a CSRF token.
 */
export async function publicApi<T>(method: 'GET' | 'POST', url: string, opts: PublicCallOptions = {}): Promise<T> {
  const res = await publicFetch(method, url, opts, 'application/json');
  if (!res.ok) throw await publicError(res);
  const text = await res.text();
  try {
    return (text ? JSON.parse(text) : undefined) as T;
  } catch {
    return undefined as T;
  }
}

/** A file from a public endpoint (same rules as publicApi), with the name the server gave it. */
export async function publicDownload(url: string, opts: Omit<PublicCallOptions, 'body' | 'form'> = {}): Promise<{ blob: Blob; filename: string | null }> {
  const res = await publicFetch('GET', url, opts, '*/*');
  if (!res.ok) throw await publicError(res);
  return { blob: await res.blob(), filename: filenameOf(res.headers.get('content-disposition')) };
}

/** The file name of a Content-Disposition header (RFC 6266: filename* in UTF-8 wins over filename). */
export function filenameOf(header: string | null): string | null {
  if (!header) return null;
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header);
  if (star) {
    try {
      return decodeURIComponent(star[1]!.trim());
    } catch {
      /* malformed: try the plain name */
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(header);
  return plain ? plain[1]!.trim() : null;
}
