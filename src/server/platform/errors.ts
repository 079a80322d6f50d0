import type { MessageDescriptor } from '@lingui/core';

/**
 * One reason why a request as a whole cannot be done (a 422): the part of the record it concerns,
 * a stable code and a catalog message with its values, translated at the edge into `fields`.
 */
export interface Issue {
  field: string;
  code: string;
  message: MessageDescriptor;
  values?: Record<string, string | number>;
}

/**
 * The one error type the API returns. `code` is stable (clients and tests match on it), the
 * message is translated at the edge from the catalog entry `error.<code>`.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly params: Record<string, string | number> = {},
    readonly field?: string,
    /** The reasons of a 422, each answered as `{ field, code, message }` in `fields`. */
    readonly issues: readonly Issue[] = [],
  ) {
    super(code);
  }

  /** Fastify reads `statusCode` when no custom error handler is installed. */
  get statusCode(): number {
    return this.status;
  }
}

export const notFound = (what = 'record') => new AppError('not_found', 404, { what });
export const forbidden = () => new AppError('forbidden', 403);
export const unauthenticated = () => new AppError('unauthenticated', 401);
export const conflict = (code: string, params: Record<string, string | number> = {}, field?: string) => new AppError(code, 409, params, field);
export const invalid = (code: string, field?: string, params: Record<string, string | number> = {}) => new AppError(code, 400, params, field);
/** The request is well-formed but the record is not ready for it (e.g. an incomplete plan submitted): 422 naming every reason. */
export const unprocessable = (code: string, issues: readonly Issue[]) => new AppError(code, 422, { count: issues.length }, undefined, issues);
