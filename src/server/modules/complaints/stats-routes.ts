/**
 * Routes of the complaints desk's statistics and yearly report (stats-contract.ts lists them). The
 * coordinator and the chief read; only the coordinator sets the signal's window and writes the
 * recommendations. The same two download the listing for the authorities. A handler or any other
 * role: 403 by the route policy.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { policy } from '../../platform/authz/route-policy.js';
import type { Deps } from '../../platform/deps.js';
import { sendDownload } from '../../platform/export/index.js';
import { actorOf, auditContext } from '../../platform/http/context.js';
import { expectedRevision } from '../../platform/http/if-match.js';
import { orgParams } from '../../platform/http/params.js';
import { makeStats, STATS_ROLES, STATS_WRITER_ROLES } from './stats.js';
import * as c from './stats-contract.js';
import { exportListing, LISTING_FORMATS } from './listing.js';
import { exportYearlyReport, type ExportKind } from './yearly-report.js';

export function complaintsStatsRoutes(): FastifyPluginAsyncZod<{ deps: Deps }> {
  return async (app, { deps }) => {
    const s = makeStats({ db: deps.database.db, today: deps.today });
    const read = { policy: policy.roles(...STATS_ROLES) };
    const write = { policy: policy.roles(...STATS_WRITER_ROLES) };
    const tags = ['complaints'];
    const ctx = (req: Parameters<typeof actorOf>[0]) => ({ actor: actorOf(req), audit: auditContext(req) });

    app.get('/orgs/:orgId/complaints/stats/:year', { config: read, schema: { tags, params: c.yearParams, response: { 200: c.statsView } } },
      async (req) => s.read(ctx(req), req.params.orgId, req.params.year));
    app.put('/orgs/:orgId/complaints/stats-settings', { config: write, schema: { tags, params: orgParams, body: c.repeatWindowBody, response: { 200: c.repeatWindowView } } },
      async (req) => s.setWindow(ctx(req), req.params.orgId, expectedRevision(req), req.body));

    const report = '/orgs/:orgId/complaints/yearly-report/:year';
    app.get(report, { config: read, schema: { tags, params: c.yearParams, response: { 200: c.recommendationsView } } },
      async (req) => s.recommendations(req.params.orgId, req.params.year));
    app.put(report, { config: write, schema: { tags, params: c.yearParams, body: c.recommendationsBody, response: { 200: c.recommendationsView } } },
      async (req) => s.saveRecommendations(ctx(req), req.params.orgId, req.params.year, expectedRevision(req), req.body.text));
    const kinds: [string, ExportKind][] = [
      ['report.docx', { version: 'report', format: 'docx' }], ['report.pdf', { version: 'report', format: 'pdf' }],
      ['public.docx', { version: 'public', format: 'docx' }], ['public.pdf', { version: 'public', format: 'pdf' }],
      ['oversight.csv', { version: 'oversight', format: 'csv' }],
    ];
    for (const [file, kind] of kinds) {
      app.get(`${report}/${file}`, { config: read, schema: { tags, params: c.yearParams, querystring: c.exportQuery } },
        async (req, reply) => sendDownload(reply, await exportYearlyReport({
          db: deps.database.db, ctx: ctx(req), orgId: req.params.orgId, year: req.params.year, kind, lang: req.query.lang, today: s.today(),
        })));
    }
    // The listing for the authorities: the same readers; no names, no texts (listing.ts).
    for (const format of LISTING_FORMATS) {
      app.get(`/orgs/:orgId/complaints/listing.${format}`, { config: read, schema: { tags, params: orgParams, querystring: c.listingQuery } },
        async (req, reply) => sendDownload(reply, await exportListing({
          db: deps.database.db, ctx: ctx(req), orgId: req.params.orgId, period: req.query, format, lang: req.query.lang, today: s.today(),
        })));
    }
  };
}
