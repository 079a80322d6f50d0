import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { policy } from '../../platform/authz/route-policy.js';
import type { Deps } from '../../platform/deps.js';
import { sendDownload } from '../../platform/export/index.js';
import { actorOf, auditContext } from '../../platform/http/context.js';
import { expectedRevision, optionalRevision } from '../../platform/http/if-match.js';
import * as c from './contract.js';
import { exportMeasurement } from './export.js';
import { frameworkFile } from './framework-export.js';
import { maturityPolicies } from './policy.js';
import { makeMaturityService, type MaturityCtx } from './service.js';

/** Maturity measurement: frameworks (global), measurements, scores, consolidation, approval, gaps to the plan, matrix, trend, exports. */
export const maturityRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  const svc = makeMaturityService({ db: deps.database.db, mailer: deps.mailer, publicUrl: deps.config.publicUrl, dataDir: deps.config.dataDir });
  const config = { policy: maturityPolicies.member };
  const signedIn = { policy: maturityPolicies.signedIn };
  // Publishing frameworks: a current administrator role in an inspectorate (checked against the organisation's kind).
  const frameworkAdmin = { policy: policy.custom('maturity-framework-admin', (a) => svc.isInspectorateAdmin(a)) };
  const tags = ['maturity'];
  const ctx = (req: FastifyRequest): MaturityCtx => ({ actor: actorOf(req), audit: auditContext(req) });
  const noContent = (reply: FastifyReply) => reply.status(204).send();
  const emptyBody = z.strictObject({}).optional();

  // Frameworks -------------------------------------------------------------------------------

  app.get('/maturity/frameworks', { config: signedIn, schema: { tags, response: { 200: c.frameworkList } } }, async (req) => svc.listFrameworks(ctx(req)));

  app.get('/maturity/frameworks/:frameworkId', { config: signedIn, schema: { tags, params: c.frameworkParams, response: { 200: c.frameworkView } } },
    async (req) => svc.getFramework(ctx(req), req.params.frameworkId));

  // The version in the import format, to start the next version from (drafts: the inspectorate's administrator only, as above).
  app.get('/maturity/frameworks/:frameworkId/export.json', { config: signedIn, schema: { tags, params: c.frameworkParams } },
    async (req, reply) => sendDownload(reply, frameworkFile(await svc.getFramework(ctx(req), req.params.frameworkId))));

  // A framework of 200 criteria in four languages is larger than the default 1 MB body.
  app.post('/maturity/frameworks', { config: frameworkAdmin, bodyLimit: 4 * 1024 * 1024, schema: { tags, body: c.frameworkImportBody, response: { 201: c.frameworkView } } },
    async (req, reply) => reply.status(201).send(await svc.importFramework(ctx(req), req.body)));

  app.post('/maturity/frameworks/:frameworkId/publish', { config: frameworkAdmin, schema: { tags, params: c.frameworkParams, body: emptyBody, response: { 200: c.frameworkView } } },
    async (req) => svc.publishFramework(ctx(req), req.params.frameworkId));

  app.delete('/maturity/frameworks/:frameworkId', { config: frameworkAdmin, schema: { tags, params: c.frameworkParams } },
    async (req, reply) => { await svc.deleteFramework(ctx(req), req.params.frameworkId); return noContent(reply); });

  // Measurements -----------------------------------------------------------------------------

  app.get('/orgs/:orgId/maturity/assessor-candidates', { config, schema: { tags, params: c.orgParams, response: { 200: c.candidateList } } },
    async (req) => svc.candidates(ctx(req), req.params.orgId));

  app.get('/orgs/:orgId/maturity/measurements', { config, schema: { tags, params: c.orgParams, response: { 200: c.measurementList } } },
    async (req) => svc.list(ctx(req), req.params.orgId));

  app.post('/orgs/:orgId/maturity/measurements', { config, schema: { tags, params: c.orgParams, body: c.createMeasurementBody, response: { 201: c.measurementDetail } } },
    async (req, reply) => reply.status(201).send(await svc.create(ctx(req), req.params.orgId, req.body)));

  app.get('/orgs/:orgId/maturity/measurements/:measurementId', { config, schema: { tags, params: c.measurementParams, response: { 200: c.measurementDetail } } },
    async (req) => svc.get(ctx(req), req.params.orgId, req.params.measurementId));

  app.patch('/orgs/:orgId/maturity/measurements/:measurementId', { config, schema: { tags, params: c.measurementParams, body: c.updateMeasurementBody, response: { 200: c.measurementDetail } } },
    async (req) => svc.updateAssessors(ctx(req), req.params.orgId, req.params.measurementId, req.body, expectedRevision(req)));

  app.delete('/orgs/:orgId/maturity/measurements/:measurementId', { config, schema: { tags, params: c.measurementParams } },
    async (req, reply) => { await svc.remove(ctx(req), req.params.orgId, req.params.measurementId); return noContent(reply); });

  app.put('/orgs/:orgId/maturity/measurements/:measurementId/scores/:criterionId', { config, schema: { tags, params: c.criterionParams, body: c.scoreBody, response: { 200: c.scoreView } } },
    async (req) => svc.putScore(ctx(req), req.params.orgId, req.params.measurementId, req.params.criterionId, req.body, expectedRevision(req)));

  // Lifecycle: scoring → consolidating → submitted → approved; If-Match checked when sent.
  for (const [path, run] of [
    ['consolidate', svc.consolidate], ['submit', svc.submit], ['return', svc.returnToConsolidation], ['approve', svc.approve],
  ] as const) {
    app.post(`/orgs/:orgId/maturity/measurements/:measurementId/${path}`, { config, schema: { tags, params: c.measurementParams, body: emptyBody, response: { 200: c.measurementDetail } } },
      async (req) => run(ctx(req), req.params.orgId, req.params.measurementId, optionalRevision(req)));
  }

  app.get('/orgs/:orgId/maturity/measurements/:measurementId/consolidation', { config, schema: { tags, params: c.measurementParams, response: { 200: c.consolidationView } } },
    async (req) => svc.consolidation(ctx(req), req.params.orgId, req.params.measurementId));

  app.put('/orgs/:orgId/maturity/measurements/:measurementId/consolidation/:criterionId', { config, schema: { tags, params: c.criterionParams, body: c.agreementBody, response: { 200: c.agreementView } } },
    async (req) => svc.putAgreement(ctx(req), req.params.orgId, req.params.measurementId, req.params.criterionId, req.body, expectedRevision(req)));

  app.post('/orgs/:orgId/maturity/measurements/:measurementId/gaps/:criterionId/plan-entry', { config, schema: { tags, params: c.criterionParams, body: c.planEntryBody, response: { 201: c.planLinkView } } },
    async (req, reply) => reply.status(201).send(await svc.createPlanEntry(ctx(req), req.params.orgId, req.params.measurementId, req.params.criterionId, req.body)));

  app.get('/orgs/:orgId/maturity/measurements/:measurementId/matrix', { config, schema: { tags, params: c.measurementParams, response: { 200: c.matrixView } } },
    async (req) => svc.matrix(ctx(req), req.params.orgId, req.params.measurementId));

  app.get('/orgs/:orgId/maturity/trend', { config, schema: { tags, params: c.orgParams, response: { 200: c.trendView } } },
    async (req) => svc.trend(ctx(req), req.params.orgId));

  for (const format of ['csv', 'docx', 'pdf'] as const) {
    app.get(`/orgs/:orgId/maturity/measurements/:measurementId/export.${format}`, { config, schema: { tags, params: c.measurementParams, querystring: c.exportQuery } },
      async (req, reply) => sendDownload(reply, await exportMeasurement(svc, ctx(req), req.params.orgId, req.params.measurementId, format, req.query.lang)));
  }
};
