import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../deps.js';
import { actorOf, auditContext } from '../http/context.js';
import type { ServerModule } from '../module.js';
import { oversightPolicy, readOversight } from './index.js';

const figuresResponse = z.object({
  figures: z.array(z.object({
    id: z.string(),
    organisationId: z.uuid(),
    value: z.number().nullable(),
    suppressed: z.boolean(),
  })),
});

/**
 * `GET /api/oversight/figures`: every module's anonymised figures per organisation, in one
 * oversight read (system scope, suppression thresholds, one audit event in the reader's trail).
 */
export function oversightFigureRoutes(modules: readonly ServerModule[]): FastifyPluginAsyncZod<{ deps: Deps }> {
  const providers = modules.flatMap((m) => (m.oversightFigures ? [m.oversightFigures] : []));
  return async (app, { deps }) => {
    const db = deps.database.db;
    app.get('/oversight/figures', { config: { policy: oversightPolicy(db) }, schema: { tags: ['oversight'], response: { 200: figuresResponse } } },
      async (req) => readOversight(db, { actor: actorOf(req), audit: auditContext(req) }, {
        action: 'oversight.figures_read',
        // One after the other: they share the read's transaction.
        run: async (scope) => {
          const figures = [];
          for (const figuresOf of providers) figures.push(...(await figuresOf(scope)));
          return { figures: figures.map((f) => ({ id: f.id, organisationId: f.organisationId, value: f.value.value, suppressed: f.value.suppressed })) };
        },
        details: (r) => ({ figures: r.figures.length }),
      }));
  };
}
