import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RoutePolicy } from '../../platform/authz/route-policy.js';
import { policy as routePolicy } from '../../platform/authz/route-policy.js';
import { publicOrgOf } from '../../platform/public/family.js';
import * as a from './advice-contract.js';
import { makeAdvice } from './advice.js';
import { makeReportingContext, type ReportingCtx, type ReportingDeps } from './context.js';
import { reportParams } from './contract.js';
import { PortalSessions } from './portal.js';
import { makeReprisals } from './reprisals.js';

/**
 * Core-group advice and protection against reprisals, under /api/orgs/:orgId/reporting/reports/:reportId.
 * Thin: the services check the grant (404), the reader's part (403) and the state (409).
 */
export function adviceRoutes(app: FastifyInstance, deps: ReportingDeps, ctx: (req: FastifyRequest) => ReportingCtx, policy: RoutePolicy): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const c = makeReportingContext(deps);
  const advice = makeAdvice(c);
  // The portal's sessions are not used by the recipients' side.
  const reprisals = makeReprisals(c, new PortalSessions());
  const base = '/orgs/:orgId/reporting/reports/:reportId';
  const tags = ['reporting'];
  const config = { policy };

  r.get(`${base}/advice`, { config, schema: { tags, params: reportParams, response: { 200: a.adviceView } } },
    async (req) => advice.adviceView(ctx(req), req.params.orgId, req.params.reportId));

  r.post(`${base}/advice`, { config, schema: { tags, params: reportParams, body: a.askAdviceBody, response: { 201: z.object({ id: z.uuid(), until: z.string() }) } } },
    async (req, reply) => reply.status(201).send(await advice.askAdvice(ctx(req), req.params.orgId, req.params.reportId, req.body)));

  r.post(`${base}/advice/:requestId/answer`, { config, schema: { tags, params: a.adviceParams, body: a.giveAdviceBody, response: { 200: z.object({ givenOn: z.string() }) } } },
    async (req) => advice.giveAdvice(ctx(req), req.params.orgId, req.params.reportId, req.params.requestId, req.body.advice));

  r.post(`${base}/advice/:requestId/withdraw`, { config, schema: { tags, params: a.adviceParams, body: z.strictObject({}).optional(), response: { 200: z.object({ withdrawnOn: z.string() }) } } },
    async (req) => advice.withdrawAdvice(ctx(req), req.params.orgId, req.params.reportId, req.params.requestId));

  r.get(`${base}/protection`, { config, schema: { tags, params: reportParams, response: { 200: a.protectionView } } },
    async (req) => reprisals.protectionView(ctx(req), req.params.orgId, req.params.reportId));

  r.post(`${base}/protection/measures`, { config, schema: { tags, params: reportParams, body: a.measureBody, response: { 201: z.object({ id: z.uuid() }) } } },
    async (req, reply) => reply.status(201).send(await reprisals.recordMeasure(ctx(req), req.params.orgId, req.params.reportId, req.body)));

  r.post(`${base}/protection/reprisals/:reprisalId/handled`, { config, schema: { tags, params: a.reprisalParams, body: z.strictObject({}).optional(), response: { 200: z.object({ handledOn: z.string() }) } } },
    async (req) => reprisals.reprisalHandled(ctx(req), req.params.orgId, req.params.reportId, req.params.reprisalId));
}

/** The reporter's side, under /api/public/orgs/:orgCode/reporting/portal (the portal token in its header). */
export function portalReprisalRoutes(app: FastifyInstance, deps: ReportingDeps, sessions: PortalSessions, token: (req: FastifyRequest) => string | undefined): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const reprisals = makeReprisals(makeReportingContext(deps), sessions);

  r.get('/reporting/portal/reprisals', { config: { policy: routePolicy.public('reporting-portal-reprisals') }, schema: { response: { 200: a.portalReprisalsView } } },
    async (req) => reprisals.portalReprisals(publicOrgOf(req).id, token(req)));

  r.post('/reporting/portal/reprisals', {
    config: { policy: routePolicy.public('reporting-portal-reprisal') },
    schema: { body: a.reprisalAnswerBody, response: { 201: z.object({ answeredOn: z.string() }) } },
  }, async (req, reply) => reply.status(201).send(await reprisals.answerReprisal(publicOrgOf(req).id, token(req), req.body)));
}
