/** The one way the web app talks to the API: JSON, cookies, CSRF token on mutating requests. */

export interface FieldIssue {
  field: string;
  code: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly fields: FieldIssue[] = [],
    /** edit_conflict (409): the record as it is now on the server (ADR 0011). */
    readonly current?: unknown,
  ) {
    super(message);
  }

  /** Someone else saved the record since it was loaded; `current` holds their version. */
  get isEditConflict(): boolean {
    return this.code === 'edit_conflict';
  }

  /** The message for one input, matched on the field path the server names. */
  fieldMessage(name: string): string | undefined {
    const hit = this.fields.find((f) => f.field === name || f.field.startsWith(`${name}.`));
    if (hit) return hit.message;
    return this.field === name ? this.message : undefined;
  }
}

let csrfToken: Promise<string> | null = null;

function csrf(force = false): Promise<string> {
  if (force || !csrfToken) {
    csrfToken = fetch('/api/csrf', { credentials: 'same-origin' })
      .then((r) => r.json() as Promise<{ token: string }>)
      .then((b) => b.token)
      .catch((e) => {
        csrfToken = null;
        throw e;
      });
  }
  return csrfToken;
}

async function toError(res: Response): Promise<ApiError> {
  let body: Partial<{ code: string; message: string; field: string; fields: FieldIssue[]; current: unknown }> = {};
  try {
    body = await res.json();
  } catch {
    /* not JSON: a proxy or network error page */
  }
  return new ApiError(res.status, body.code ?? `http_${res.status}`, body.message ?? res.statusText, body.field, body.fields ?? [], body.current);
}

/** `revision`: the revision of the record the write was made on, sent as If-Match (ADR 0011); every edit sends one. */
export interface WriteOptions {
  revision?: number;
}

export async function api<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown, opts: WriteOptions = {}): Promise<T> {
  const unsafe = method !== 'GET';
  for (let attempt = 0; ; attempt++) {
    // Mutations always send a JSON object (an empty one when there is nothing to say): strict routes expect a body.
    const payload = body === undefined && unsafe ? {} : body;
    const headers: Record<string, string> = { accept: 'application/json' };
    if (payload !== undefined) headers['content-type'] = 'application/json';
    if (unsafe) headers['x-csrf-token'] = await csrf(attempt > 0);
    if (opts.revision !== undefined) headers['if-match'] = `"${opts.revision}"`;
    const res = await fetch(url, { method, headers, credentials: 'same-origin', body: payload === undefined ? undefined : JSON.stringify(payload) });
    if (res.ok) {
      // Sign-in, sign-out and second-factor steps may change the session, and tokens are bound to it.
      if (unsafe && url.startsWith('/api/auth/')) csrfToken = null;
      if (res.status === 204) return undefined as T;
      const text = await res.text();
      return (text ? JSON.parse(text) : undefined) as T;
    }
    const err = await toError(res);
    // The token is bound to a cookie that may have been renewed (new session): fetch it once more.
    if (err.code === 'csrf_invalid' && attempt === 0) continue;
    throw err;
  }
}

export const get = <T>(url: string) => api<T>('GET', url);
export const post = <T>(url: string, body?: unknown, opts?: WriteOptions) => api<T>('POST', url, body, opts);
export const put = <T>(url: string, body?: unknown, opts?: WriteOptions) => api<T>('PUT', url, body, opts);
export const patch = <T>(url: string, body?: unknown, opts?: WriteOptions) => api<T>('PATCH', url, body, opts);

/** Builds a query string from the set values only. */
export function qs(params: Record<string, string | number | undefined | null>): string {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') u.set(k, String(v));
  const s = u.toString();
  return s ? `?${s}` : '';
}
