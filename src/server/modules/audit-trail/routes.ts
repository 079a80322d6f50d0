import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../platform/deps.js';
import { CONTENT_TYPES, sendDownload } from '../../platform/export/index.js';
import { auditContext, requestLocale } from '../../platform/http/context.js';
import {
  auditActionsResponse, auditExportQuery, auditListQuery, auditListResponse, auditOrgParams, auditVerifyBody, auditVerifyResponse,
} from './contract.js';
import { auditTrailPolicies } from './policy.js';
import { EXPORT_MAX_ROWS, makeAuditTrailService } from './service.js';
import { todayInBelgium } from '../../platform/deadlines/service.js';

/** The audit log as the DPO and the auditor read it: list, CSV export, action names, chain verification. */
export const auditTrailRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  const service = makeAuditTrailService({ db: deps.database.db, adminUrl: deps.adminUrl });
  const config = { policy: auditTrailPolicies.read };

  app.get('/orgs/:orgId/audit', {
    config,
    schema: { tags: ['audit'], params: auditOrgParams, querystring: auditListQuery, response: { 200: auditListResponse } },
  }, async (req) => service.list(auditContext(req), req.params.orgId, req.query));

  app.get('/orgs/:orgId/audit/export.csv', {
    config,
    schema: { tags: ['audit'], params: auditOrgParams, querystring: auditExportQuery },
  }, async (req, reply) => {
    const stream = await service.exportCsv(auditContext(req), req.params.orgId, req.query, requestLocale(req));
    const day = todayInBelgium();
    reply.header('x-kompas-export-limit', String(EXPORT_MAX_ROWS));
    return sendDownload(reply, { filename: `audit-${day}.csv`, contentType: CONTENT_TYPES.csv, body: stream });
  });

  app.get('/orgs/:orgId/audit/actions', {
    config,
    schema: { tags: ['audit'], params: auditOrgParams, response: { 200: auditActionsResponse } },
  }, async (req) => ({ actions: await service.actions(req.params.orgId) }));

  // Recomputing a long chain costs seconds of database time: a few per minute is plenty.
  app.post('/orgs/:orgId/audit/verify', {
    config: { ...config, rateLimit: { max: 6, timeWindow: '1 minute', keyGenerator: (req) => req.actor?.userId ?? req.ip } },
    schema: { tags: ['audit'], params: auditOrgParams, body: auditVerifyBody, response: { 200: auditVerifyResponse } },
  }, async (req) => service.verify(auditContext(req), req.params.orgId));
};
