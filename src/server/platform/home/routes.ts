import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { policy } from '../authz/route-policy.js';
import type { Deps } from '../deps.js';
import { actorOf } from '../http/context.js';
import { orgParams } from '../http/params.js';
import type { ServerModule } from '../module.js';

const homeResponse = z.object({
  figures: z.array(z.object({ id: z.string(), count: z.number().int(), values: z.record(z.string(), z.number()).optional() })),
});

/**
 * `GET /api/orgs/:orgId/home`: what waits for the person in the organisation, from every module's
 * `homeFigures`, in one request (the web home page shows each figure on the tile of the same id).
 */
export function homeRoutes(modules: readonly ServerModule[]): FastifyPluginAsyncZod<{ deps: Deps }> {
  const providers = modules.flatMap((m) => (m.homeFigures ? [m.homeFigures] : []));
  return async (app, { deps }) => {
    app.get('/orgs/:orgId/home', { config: { policy: policy.member() }, schema: { tags: ['home'], params: orgParams, response: { 200: homeResponse } } },
      async (req) => {
        const actor = actorOf(req);
        const lists = await Promise.all(providers.map((figures) => figures(deps, actor, req.params.orgId)));
        return { figures: lists.flat() };
      });
  };
}
