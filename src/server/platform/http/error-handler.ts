import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { EditConflict } from '../db/revision.js';
import { AppError } from '../errors.js';
import { databaseFault, RETRY_AFTER_SECONDS } from '../db/faults.js';
import { hasMessage, translate } from '../i18n/index.js';
import { requestLocale } from './context.js';
import { safeError } from './safe-error.js';

export interface ErrorBody {
  code: string;
  message: string;
  field?: string;
  fields?: { field: string; code: string; message: string }[];
  /** edit_conflict: the record as it is now, for the client to compare with what it tried to save. */
  current?: unknown;
}

const FIELD_CODES: Record<string, string> = {
  invalid_type: 'field.invalid_type',
  too_small: 'field.too_small',
  too_big: 'field.too_big',
  invalid_format: 'field.invalid_format',
  invalid_value: 'field.invalid_value',
  unrecognized_keys: 'field.unrecognized_keys',
  invalid_union: 'field.invalid',
  custom: 'field.invalid',
};

/** Zod issues become `{field, code, message}`: the field path the web form can put the message next to. */
function fieldErrors(req: FastifyRequest, err: { validation: { instancePath: string; keyword: string; message?: string; params: Record<string, unknown> }[]; validationContext?: string }) {
  const locale = requestLocale(req);
  return err.validation.map((v) => {
    // fastify-type-provider-zod 7 spreads the zod issue (without path/code/message) into params.
    const issue = (v.params?.issue ?? v.params ?? {}) as { code?: string; keys?: string[]; input?: unknown; message?: string };
    let code = issue.code ?? v.keyword;
    // A missing field is reported by zod as invalid_type with undefined input ("received undefined").
    if (code === 'invalid_type' && issue.input === undefined && !/received (?!undefined)/.test(v.message ?? '')) code = 'required';
    const customId = issue.message ?? v.message;
    const custom = code === 'custom' && customId && hasMessage(customId) ? customId : undefined;
    const messageId = custom ?? (code === 'required' ? 'field.required' : FIELD_CODES[code] ?? 'field.invalid');
    const path = v.instancePath.replace(/^\//, '').replace(/\//g, '.');
    const field = issue.keys?.length ? [path, ...issue.keys].filter(Boolean).join('.') : path || (err.validationContext ?? '');
    return { field, code, message: translate(locale, messageId) };
  });
}

export function send(reply: FastifyReply, req: FastifyRequest, status: number, code: string, extra: Partial<ErrorBody> = {}, params: Record<string, unknown> = {}) {
  const locale = requestLocale(req);
  const message = translate(locale, `error.${code}`, params);
  return reply.status(status).type('application/json').send({ code, message, ...extra } satisfies ErrorBody);
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, req, reply) => {
    // The database is down, restarting or refusing connections: a 503 the client may retry, not
    // a 500. Only the SQLSTATE/node code is logged, never the query or its values.
    const fault = databaseFault(error);
    if (fault) {
      req.log.warn({ dbFault: fault, route: req.routeOptions.url }, 'database unavailable');
      reply.header('Retry-After', String(RETRY_AFTER_SECONDS));
      return send(reply, req, 503, 'database_unavailable');
    }
    if (error instanceof AppError) {
      const params = { ...error.params };
      if (typeof params.what === 'string') params.what = translate(requestLocale(req), `record.${params.what}`);
      const extra: Partial<ErrorBody> = error.field ? { field: error.field } : {};
      if (error instanceof EditConflict) extra.current = error.current;
      if (error.issues.length) extra.fields = error.issues.map((i) => ({ field: i.field, code: i.code, message: translate(requestLocale(req), i.message, i.values) }));
      return send(reply, req, error.status, error.code, extra, params);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      return send(reply, req, 400, 'validation_failed', { fields: fieldErrors(req, error as never) });
    }
    switch (error.code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return send(reply, req, 400, 'invalid_json');
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
      case 'FST_REQ_FILE_TOO_LARGE':
        return send(reply, req, 413, 'body_too_large');
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return send(reply, req, 415, 'unsupported_media_type');
      case 'FST_CSRF_INVALID_TOKEN':
      case 'FST_CSRF_MISSING_SECRET':
        return send(reply, req, 403, 'csrf_invalid');
    }
    if (error.statusCode === 429) return send(reply, req, 429, 'rate_limited');
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return send(reply, req, error.statusCode, error.statusCode === 404 ? 'route_not_found' : 'validation_failed');
    }
    // Log the error without the request body or any user-supplied values.
    // safeError: kind, codes and object names only; messages and PG details carry values (safe-error.ts).
    req.log.error({ err: safeError(error), route: req.routeOptions.url }, 'unhandled error');
    return send(reply, req, 500, 'internal');
  });
}
