import { AppError } from '../errors.js';

/**
 * Recognises the errors that mean "the database cannot serve us right now" (as opposed to a bug
 * or a constraint violation): the request answers 503 with Retry-After instead of 500, and the
 * pool reconnects by itself once the database is back.
 */

export const databaseFaultMessages = {
  database_unavailable: /*i18n*/ { id: 'error.database_unavailable', message: 'The database cannot be reached at the moment. Try again in a few seconds.' },
};

/** Seconds a client should wait before retrying (the Retry-After header). */
export const RETRY_AFTER_SECONDS = 5;

export const databaseUnavailable = () => new AppError('database_unavailable', 503);

// SQLSTATEs: 57P01 admin_shutdown (pg_terminate_backend, fast shutdown), 57P02 crash_shutdown,
// 57P03 cannot_connect_now (starting up, recovery), 53300 too_many_connections.
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);
// Node socket errors on the way to the server.
const UNAVAILABLE_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
// node-postgres and pg-pool say it in words only.
const UNAVAILABLE_MESSAGES = [
  /^Connection terminated/,
  /connection error and is not queryable/,
  /Client was closed and is not queryable/,
  /timeout exceeded when trying to connect/,
  /Cannot use a pool after calling end on the pool/,
];

interface PgLikeError { code?: unknown; severity?: unknown; message?: unknown; cause?: unknown }

function isUnavailable(e: PgLikeError): boolean {
  if (e instanceof AppError) return e.code === 'database_unavailable';
  const code = typeof e.code === 'string' ? e.code : '';
  if (/^08/.test(code) || UNAVAILABLE_SQLSTATES.has(code) || UNAVAILABLE_NODE_CODES.has(code)) return true;
  // A FATAL from the server ends the session: refused at connection time (database not accepting
  // connections, authentication) or ended under us. Either way the database cannot serve now.
  if (e.severity === 'FATAL' || e.severity === 'PANIC') return true;
  const message = typeof e.message === 'string' ? e.message : '';
  return UNAVAILABLE_MESSAGES.some((m) => m.test(message));
}

/**
 * The SQLSTATE or node code of the fault when `err` (or an error it wraps, as drizzle's
 * DrizzleQueryError wraps the driver's) means the database is unreachable; undefined otherwise.
 * The code, unlike the message, never carries query text or values, so it is safe to log.
 */
export function databaseFault(err: unknown): string | undefined {
  let e: unknown = err;
  for (let depth = 0; depth < 5 && e && typeof e === 'object'; depth++) {
    const p = e as PgLikeError;
    if (isUnavailable(p)) return typeof p.code === 'string' ? p.code : 'connection_lost';
    e = p.cause;
  }
  return undefined;
}
