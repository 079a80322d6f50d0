import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../platform/deps.js';
import { withOrgTx } from '../../platform/db/tx.js';
import { sendDownload } from '../../platform/export/index.js';
import { actorOf, auditContext, requestLocale } from '../../platform/http/context.js';
import { expectedRevision } from '../../platform/http/if-match.js';
import { oversightPolicy } from '../../platform/oversight/index.js';
import { getOrganisation } from '../organisations/service.js';
import { exportComparison, exportOverview } from './comparison-export.js';
import * as oc from './oversight-contract.js';
import { makeMaturityOversight } from './oversight.js';
import { maturityPolicies } from './policy.js';
import type { MaturityCtx } from './service.js';

/** The cross-organisation view of maturity: the inspectorate's overview, the peer comparison, the naming consent. */
export const maturityOversightRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  const db = deps.database.db;
  const svc = makeMaturityOversight(db);
  const tags = ['maturity'];
  const ctx = (req: FastifyRequest): MaturityCtx => ({ actor: actorOf(req), audit: auditContext(req) });
  const member = { policy: maturityPolicies.member };

  app.get('/maturity/oversight/overview', { config: { policy: oversightPolicy(db) }, schema: { tags, querystring: oc.overviewQuery, response: { 200: oc.oversightOverview } } },
    async (req) => svc.overview(ctx(req), req.query));

  app.get('/orgs/:orgId/maturity/peer-comparison', { config: member, schema: { tags, params: oc.orgParams, querystring: oc.comparisonQuery, response: { 200: oc.peerComparison } } },
    async (req) => svc.comparison(ctx(req), req.params.orgId, req.query));

  // The same two reads as files (comparison-export.ts): same policy, same service call, audited as an export.
  for (const format of ['csv', 'docx', 'pdf'] as const) {
    app.get(`/maturity/oversight/overview.${format}`, { config: { policy: oversightPolicy(db) }, schema: { tags, querystring: oc.overviewExportQuery } },
      async (req, reply) => {
        const { lang, ...q } = req.query;
        return sendDownload(reply, await exportOverview(svc, ctx(req), q, format, lang ?? requestLocale(req)));
      });
    app.get(`/orgs/:orgId/maturity/peer-comparison.${format}`, { config: member, schema: { tags, params: oc.orgParams, querystring: oc.comparisonExportQuery } },
      async (req, reply) => {
        const { lang, ...q } = req.query;
        const locale = lang ?? requestLocale(req);
        const orgName = async () => {
          const org = await withOrgTx(db, req.params.orgId, (tx) => getOrganisation(tx, req.params.orgId));
          return org ? (org.names[locale] ?? org.names[org.languages[0]] ?? Object.values(org.names)[0] ?? org.code) : '';
        };
        return sendDownload(reply, await exportComparison(svc, ctx(req), req.params.orgId, q, format, locale, orgName));
      });
  }

  app.get('/orgs/:orgId/maturity/oversight-consent', { config: member, schema: { tags, params: oc.orgParams, response: { 200: oc.consentView } } },
    async (req) => svc.consent(ctx(req), req.params.orgId));

  app.put('/orgs/:orgId/maturity/oversight-consent', { config: member, schema: { tags, params: oc.orgParams, body: oc.consentBody, response: { 200: oc.consentView } } },
    async (req) => svc.setConsent(ctx(req), req.params.orgId, req.body, expectedRevision(req)));
};
