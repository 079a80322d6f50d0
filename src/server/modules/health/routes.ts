import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../platform/deps.js';
import { policy } from '../../platform/authz/route-policy.js';
import { expectedMigrations, migrationState } from '../../platform/db/migrate.js';

const healthResponse = z.object({
  status: z.enum(['ok', 'degraded']),
  database: z.object({ reachable: z.boolean(), migrations: z.object({ applied: z.number(), expected: z.number(), upToDate: z.boolean() }) }),
  jobs: z.boolean(),
});

/** A load balancer must hear "unreachable" quickly, not wait for the pool's connection timeout. */
export const HEALTH_DB_TIMEOUT_MS = 2_000;

function within<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error('health check timed out')), ms); });
  // The late outcome of the losing query is ignored, not left as an unhandled rejection.
  p.catch(() => {});
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/** Liveness and readiness for load balancers and operators. Reveals no data. */
export const healthRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get('/health', { config: { policy: policy.public('health') }, schema: { response: { 200: healthResponse, 503: healthResponse } } }, async (_req, reply) => {
    let reachable = true;
    let migrations = { applied: 0, expected: expectedMigrations(), upToDate: false };
    try {
      migrations = await within(migrationState(deps.database.pool), HEALTH_DB_TIMEOUT_MS);
    } catch {
      // Refused, ended, timed out: the database does not answer this process now.
      reachable = false;
    }
    const ok = reachable && migrations.upToDate;
    if (!ok) reply.header('Retry-After', '5');
    return reply.status(ok ? 200 : 503).send({ status: ok ? 'ok' : 'degraded', database: { reachable, migrations }, jobs: deps.jobs.running });
  });
};
