import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../platform/deps.js';
import { sendDownload } from '../../platform/export/index.js';
import { actorOf, auditContext, requestLocale } from '../../platform/http/context.js';
import { oversightPolicy } from '../../platform/oversight/index.js';
import { LOCALES } from '../../../shared/roles.js';
import { analysisParams, orgParams } from './contract.js';
import { exportAnalysis, exportRegister, RISK_EXPORT_FORMATS, type RiskExportCtx } from './export.js';
import * as oc from './oversight-contract.js';
import { exportHighRisk } from './oversight-export.js';
import { makeRiskOversight } from './oversight.js';
import { riskPolicies } from './policy.js';
import { makeRiskService } from './service.js';

/**
 * The risk analysis's files and its oversight view:
 *
 *   GET /api/orgs/:orgId/risk/analyses/:analysisId/export.csv|.docx|.pdf?lang=   who reads the analysis (officer, chief, its participants)
 *   GET /api/orgs/:orgId/risk/register.csv|.docx|.pdf?lang=                     who reads the register (officer, chief, heads of service)
 *   GET /api/risk/oversight/high-risk, .csv|.docx|.pdf                          oversight role (oversight-contract.ts)
 *
 * The file's language is `lang`, else the reader's. Anybody else finds nothing (404), as on the screen.
 */
export const riskExportRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  const db = deps.database.db;
  const svc = makeRiskService({ db, mailer: deps.mailer, publicUrl: deps.config.publicUrl, dataDir: deps.config.dataDir });
  const oversight = makeRiskOversight(db);
  const config = { policy: riskPolicies.member };
  const tags = ['risk'];
  const ctx = (req: FastifyRequest): RiskExportCtx => ({ actor: actorOf(req), audit: auditContext(req) });
  const langQuery = z.strictObject({ lang: z.enum(LOCALES).optional() });

  for (const format of RISK_EXPORT_FORMATS) {
    app.get(`/orgs/:orgId/risk/analyses/:analysisId/export.${format}`, { config, schema: { tags, params: analysisParams, querystring: langQuery } },
      async (req, reply) => sendDownload(reply, await exportAnalysis(db, svc, ctx(req), req.params.orgId, req.params.analysisId, format, req.query.lang ?? requestLocale(req))));

    app.get(`/orgs/:orgId/risk/register.${format}`, { config, schema: { tags, params: orgParams, querystring: langQuery } },
      async (req, reply) => sendDownload(reply, await exportRegister(db, svc, ctx(req), req.params.orgId, format, req.query.lang ?? requestLocale(req))));

    app.get(`/risk/oversight/high-risk.${format}`, { config: { policy: oversightPolicy(db) }, schema: { tags, querystring: oc.highRiskExportQuery } },
      async (req, reply) => {
        const { lang, ...q } = req.query;
        return sendDownload(reply, await exportHighRisk(oversight, ctx(req), q, format, lang ?? requestLocale(req)));
      });
  }

  app.get('/risk/oversight/high-risk', { config: { policy: oversightPolicy(db) }, schema: { tags, querystring: oc.highRiskQuery, response: { 200: oc.highRiskOverview } } },
    async (req) => oversight.highRisk(ctx(req), req.query));
};
