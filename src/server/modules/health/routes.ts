import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../platform/deps.js';
import { policy } from '../../platform/authz/route-policy.js';
import { migrationState } from '../../platform/db/migrate.js';

const healthResponse = z.object({
  status: z.enum(['ok', 'degraded']),
  database: z.object({ reachable: z.boolean(), migrations: z.object({ applied: z.number(), expected: z.number(), upToDate: z.boolean() }) }),
  jobs: z.boolean(),
});

/** Liveness and readiness for load balancers and operators. Reveals no data. */
export const healthRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get('/health', { config: { policy: policy.public('health') }, schema: { response: { 200: healthResponse, 503: healthResponse } } }, async (_req, reply) => {
    let reachable = true;
    let migrations = { applied: 0, expected: 0, upToDate: false };
    try {
      migrations = await migrationState(deps.database.pool);
    } catch {
      reachable = false;
    }
    const ok = reachable && migrations.upToDate;
    return reply.status(ok ? 200 : 503).send({ status: ok ? 'ok' : 'degraded', database: { reachable, migrations }, jobs: deps.jobs.running });
  });
};
