import { ApiError, type FieldIssue } from './api';
import { filenameOf } from './public/api';

/** Shared by the modules that send files with a record (reports, complaints) or upload one (plan, maturity) and download them decrypted. */

async function errorOf(res: Response): Promise<ApiError> {
  let e: Partial<{ code: string; message: string; field: string; fields: FieldIssue[]; current: unknown }> = {};
  try {
    e = await res.json();
  } catch {
    /* not JSON */
  }
  return new ApiError(res.status, e.code ?? `http_${res.status}`, e.message ?? res.statusText, e.field, e.fields ?? [], e.current);
}

/**
 * A multipart write (a record or a message with files): the shared client speaks JSON only, so this
 * sends the CSRF header itself (token from /api/csrf, fetched once more when the session changed)
 * and the revision as If-Match.
 */
export async function postForm<T>(url: string, form: FormData, opts: { revision?: number } = {}): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const { token } = await fetch('/api/csrf', { credentials: 'same-origin' }).then((r) => r.json() as Promise<{ token: string }>);
    const headers: Record<string, string> = { 'x-csrf-token': token, accept: 'application/json' };
    if (opts.revision !== undefined) headers['if-match'] = `"${opts.revision}"`;
    const res = await fetch(url, { method: 'POST', body: form, credentials: 'same-origin', headers });
    if (res.ok) {
      const text = await res.text();
      return (text ? JSON.parse(text) : undefined) as T;
    }
    const err = await errorOf(res);
    if (err.code === 'csrf_invalid' && attempt === 0) continue;
    throw err;
  }
}

/** Uploads one file as multipart/form-data (field `file`): a plan action's evidence, a maturity score's file. */
export const uploadFile = <T>(url: string, file: File): Promise<T> => {
  const form = new FormData();
  form.append('file', file, file.name);
  return postForm<T>(url, form);
};

/** Fetches a file (decrypted by the server) as a blob, with its name. */
export async function fetchFile(url: string): Promise<{ blob: Blob; filename: string | null }> {
  const res = await fetch(url, { credentials: 'same-origin' });
  if (!res.ok) throw await errorOf(res);
  return { blob: await res.blob(), filename: filenameOf(res.headers.get('content-disposition')) };
}

/** Hands a blob to the browser as a download (an object URL, revoked once the click is done). */
export function saveBlob(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A form with the JSON part under `field` and the files under `files`. */
export function multipart(field: string, json: unknown, files: readonly File[]): FormData {
  const form = new FormData();
  form.append(field, JSON.stringify(json));
  for (const f of files) form.append('files', f, f.name);
  return form;
}
