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
