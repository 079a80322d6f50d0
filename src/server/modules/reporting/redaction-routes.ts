import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { RoutePolicy } from '../../platform/authz/route-policy.js';
import { expectedRevision } from '../../platform/http/if-match.js';
import { reportParams } from './contract.js';
import { legalHoldBody, maskBody, redactionParams, redactionResult, retentionView } from './redaction-contract.js';
import type { ReportingCtx, ReportingService } from './service.js';

/**
 * Redaction and retention routes of a report, under /api/orgs/:orgId/reporting/reports/:reportId.
 * Thin: the service checks the grant (404), the reader's part (403) and the revision (409).
 */
export function redactionRoutes(app: FastifyInstance, s: ReportingService, ctx: (req: FastifyRequest) => ReportingCtx, policy: RoutePolicy): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const base = '/orgs/:orgId/reporting/reports/:reportId';
  const tags = ['reporting'];
  const config = { policy };

  r.post(`${base}/redactions`, { config, schema: { tags, params: reportParams, body: maskBody, response: { 201: redactionResult } } },
    async (req, reply) => reply.status(201).send(await s.maskPassages(ctx(req), req.params.orgId, req.params.reportId, req.body, expectedRevision(req))));

  r.delete(`${base}/redactions/:redactionId/original`, { config, schema: { tags, params: redactionParams, response: { 200: redactionResult } } },
    async (req) => s.deleteMaskedOriginal(ctx(req), req.params.orgId, req.params.reportId, req.params.redactionId, expectedRevision(req)));

  r.get(`${base}/retention`, { config, schema: { tags, params: reportParams, response: { 200: retentionView } } },
    async (req) => s.reportRetention(ctx(req), req.params.orgId, req.params.reportId));

  r.post(`${base}/legal-hold`, { config, schema: { tags, params: reportParams, body: legalHoldBody, response: { 200: retentionView } } },
    async (req) => s.setLegalHold(ctx(req), req.params.orgId, req.params.reportId, req.body, expectedRevision(req)));
}
