import { eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LOCALES, type Locale } from '../../../shared/roles.js';
import type { AuditContext } from '../audit/service.js';
import { hasAnyRole, type Actor } from '../authz/actor.js';
import { policy } from '../authz/route-policy.js';
import { withOrgTx } from '../db/tx.js';
import { todayInBelgium } from '../deadlines/index.js';
import type { Deps } from '../deps.js';
import { notFound } from '../errors.js';
import { CONTENT_TYPES, recordExport, renderDocument, sendDownload } from '../export/index.js';
import { actorOf, auditContext, requestLocale } from '../http/context.js';
import { orgParams } from '../http/params.js';
import type { ServerModule } from '../module.js';
import { organisation } from '../tenancy/schema.js';
import { dashboardView, type DashboardView } from './contract.js';
import { dashboardDocument, translateTile } from './document.js';

const query = z.strictObject({ lang: z.enum(LOCALES).optional() });

/**
 * `GET /api/orgs/:orgId/dashboard`: every module's tiles (`ServerModule.dashboardTiles`) in one
 * request, translated into the reader's language; `GET /api/orgs/:orgId/dashboard.pdf`: the same
 * tiles as a PDF, a data table per tile (an audited export). Each module decides what the actor
 * sees (deny by default); a person of another organisation finds nothing (404).
 */
export function dashboardRoutes(modules: readonly ServerModule[]): FastifyPluginAsyncZod<{ deps: Deps }> {
  const providers = modules.flatMap((m) => (m.dashboardTiles ? [m.dashboardTiles] : []));
  return async (app, { deps }) => {
    async function gather(actor: Actor, audit: AuditContext, orgId: string, locale: Locale): Promise<DashboardView> {
      if (!hasAnyRole(actor, orgId)) throw notFound('organisation');
      const lists = await Promise.all(providers.map((tiles) => tiles(deps, actor, orgId, audit)));
      const names = await withOrgTx(deps.database.db, orgId, async (tx) =>
        (await tx.select({ names: organisation.names, languages: organisation.languages }).from(organisation).where(eq(organisation.id, orgId)))[0]);
      const name = names ? names.names[locale] ?? names.names[names.languages[0] as Locale] ?? Object.values(names.names)[0] ?? '' : '';
      return { organisation: name, asOf: deps.today?.() ?? todayInBelgium(), tiles: lists.flat().map((t) => translateTile(t, locale)) };
    }
    const config = { policy: policy.signedIn() };
    const tags = ['dashboard'];

    app.get('/orgs/:orgId/dashboard', { config, schema: { tags, params: orgParams, querystring: query, response: { 200: dashboardView } } },
      async (req) => gather(actorOf(req), auditContext(req), req.params.orgId, req.query.lang ?? requestLocale(req)));

    app.get('/orgs/:orgId/dashboard.pdf', { config, schema: { tags, params: orgParams, querystring: query } }, async (req, reply) => {
      const locale = req.query.lang ?? requestLocale(req);
      const orgId = req.params.orgId;
      const view = await gather(actorOf(req), auditContext(req), orgId, locale);
      await withOrgTx(deps.database.db, orgId, (tx) => recordExport(tx, auditContext(req), {
        organisationId: orgId, action: 'dashboard.export', recordType: 'dashboard', format: 'pdf', details: { locale, tiles: view.tiles.map((t) => t.id) },
      }));
      const pdf = await renderDocument('pdf', dashboardDocument({ ...view, locale }));
      return sendDownload(reply, { filename: `dashboard-${view.asOf}.pdf`, contentType: CONTENT_TYPES.pdf, body: pdf });
    });
  };
}
