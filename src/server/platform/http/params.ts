import type { FastifyRequest } from 'fastify';
import { z } from 'zod';

/**
 * The `:orgId` path parameter of every organisation-scoped route (`/api/orgs/:orgId/...`), defined
 * once. Strict: a path parameter the route does not declare is a programming error, not input.
 * Only zod here: the web app imports the contracts that use it.
 */
export const orgParams = z.strictObject({ orgId: z.uuid() });

/** `orgParams` with the route's further path parameters, e.g. `orgParamsWith({ planId: z.uuid() })`. */
export const orgParamsWith = <S extends z.core.$ZodLooseShape>(shape: S) => orgParams.extend(shape);

/**
 * The `:orgId` of a request as the route policies read it, before validation (they run in
 * preValidation): '' when absent, so a policy finds no role there and refuses.
 */
export const orgIdOf = (req: FastifyRequest): string => {
  const v = (req.params as { orgId?: unknown } | undefined)?.orgId;
  return typeof v === 'string' ? v : '';
};
