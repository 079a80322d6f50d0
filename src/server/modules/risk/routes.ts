import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../platform/deps.js';
import { actorOf, auditContext } from '../../platform/http/context.js';
import { expectedRevision, optionalRevision } from '../../platform/http/if-match.js';
import * as c from './contract.js';
import { riskPolicies } from './policy.js';
import { makeRiskService, type RiskCtx } from './service.js';

/** Risk analysis (issue 21): matrix, inventory, analyses (workshop), register, heat map, comparison; the table of routes is in contract.ts. */
export const riskRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  const svc = makeRiskService({ db: deps.database.db, mailer: deps.mailer, publicUrl: deps.config.publicUrl, dataDir: deps.config.dataDir });
  const config = { policy: riskPolicies.member };
  const tags = ['risk'];
  const ctx = (req: FastifyRequest): RiskCtx => ({ actor: actorOf(req), audit: auditContext(req) });
  const noContent = (reply: FastifyReply) => reply.status(204).send();
  const emptyBody = z.strictObject({}).optional();
  const base = '/orgs/:orgId/risk';
  const a = `${base}/analyses/:analysisId`;

  // Settings and inventory ---------------------------------------------------------------------

  app.get(`${base}/settings`, { config, schema: { tags, params: c.orgParams, response: { 200: c.settingsView } } },
    async (req) => svc.settings(ctx(req), req.params.orgId));

  app.put(`${base}/settings`, { config, schema: { tags, params: c.orgParams, body: c.settingsBody, response: { 200: c.settingsView } } },
    async (req) => svc.putSettings(ctx(req), req.params.orgId, req.body, expectedRevision(req)));

  app.get(`${base}/catalogue`, { config, schema: { tags, params: c.orgParams, response: { 200: c.catalogueList } } },
    async (req) => svc.catalogue(ctx(req), req.params.orgId));

  app.get(`${base}/owner-candidates`, { config, schema: { tags, params: c.orgParams, response: { 200: c.ownerCandidateList } } },
    async (req) => svc.ownerCandidates(ctx(req), req.params.orgId));

  app.get(`${base}/participant-candidates`, { config, schema: { tags, params: c.orgParams, response: { 200: c.candidateList } } },
    async (req) => svc.participantCandidates(ctx(req), req.params.orgId));

  app.get(`${base}/processes`, { config, schema: { tags, params: c.orgParams, querystring: c.processListQuery, response: { 200: c.processList } } },
    async (req) => svc.listProcesses(ctx(req), req.params.orgId, req.query.archived === 'true'));

  app.post(`${base}/processes`, { config, schema: { tags, params: c.orgParams, body: c.createProcessBody, response: { 201: c.processView } } },
    async (req, reply) => reply.status(201).send(await svc.createProcess(ctx(req), req.params.orgId, req.body)));

  app.post(`${base}/processes/from-catalogue`, { config, schema: { tags, params: c.orgParams, body: c.fromCatalogueBody, response: { 201: c.processList } } },
    async (req, reply) => reply.status(201).send(await svc.addFromCatalogue(ctx(req), req.params.orgId, req.body)));

  app.patch(`${base}/processes/:processId`, { config, schema: { tags, params: c.processParams, body: c.updateProcessBody, response: { 200: c.processView } } },
    async (req) => svc.updateProcess(ctx(req), req.params.orgId, req.params.processId, req.body, expectedRevision(req)));

  // Analyses -----------------------------------------------------------------------------------

  app.get(`${base}/analyses`, { config, schema: { tags, params: c.orgParams, response: { 200: c.analysisList } } },
    async (req) => svc.list(ctx(req), req.params.orgId));

  app.post(`${base}/analyses`, { config, schema: { tags, params: c.orgParams, body: c.createAnalysisBody, response: { 201: c.analysisDetail } } },
    async (req, reply) => reply.status(201).send(await svc.create(ctx(req), req.params.orgId, req.body)));

  app.get(a, { config, schema: { tags, params: c.analysisParams, response: { 200: c.analysisDetail } } },
    async (req) => svc.get(ctx(req), req.params.orgId, req.params.analysisId));

  app.patch(a, { config, schema: { tags, params: c.analysisParams, body: c.updateAnalysisBody, response: { 200: c.analysisDetail } } },
    async (req) => svc.update(ctx(req), req.params.orgId, req.params.analysisId, req.body, expectedRevision(req)));

  app.delete(a, { config, schema: { tags, params: c.analysisParams } },
    async (req, reply) => { await svc.remove(ctx(req), req.params.orgId, req.params.analysisId); return noContent(reply); });

  // Lifecycle: draft → scoring → consolidating → completed; If-Match checked when sent.
  for (const [path, run] of [['start', svc.start], ['consolidate', svc.consolidate], ['complete', svc.complete]] as const) {
    app.post(`${a}/${path}`, { config, schema: { tags, params: c.analysisParams, body: emptyBody, response: { 200: c.analysisDetail } } },
      async (req) => run(ctx(req), req.params.orgId, req.params.analysisId, optionalRevision(req)));
  }

  app.put(`${a}/scores/:processId`, { config, schema: { tags, params: c.analysisProcessParams, body: c.scoreBody, response: { 200: c.scoreView } } },
    async (req) => svc.putScore(ctx(req), req.params.orgId, req.params.analysisId, req.params.processId, req.body, expectedRevision(req)));

  app.get(`${a}/consolidation`, { config, schema: { tags, params: c.analysisParams, response: { 200: c.consolidationView } } },
    async (req) => svc.consolidation(ctx(req), req.params.orgId, req.params.analysisId));

  app.put(`${a}/consolidation/:processId`, { config, schema: { tags, params: c.analysisProcessParams, body: c.agreementBody, response: { 200: c.agreementView } } },
    async (req) => svc.putAgreement(ctx(req), req.params.orgId, req.params.analysisId, req.params.processId, req.body, expectedRevision(req)));

  // Controls and recommendations ---------------------------------------------------------------

  app.post(`${a}/processes/:processId/controls`, { config, schema: { tags, params: c.analysisProcessParams, body: c.controlBody, response: { 201: c.controlView } } },
    async (req, reply) => reply.status(201).send(await svc.createControl(ctx(req), req.params.orgId, req.params.analysisId, req.params.processId, req.body)));

  app.patch(`${a}/controls/:controlId`, { config, schema: { tags, params: c.controlParams, body: c.updateControlBody, response: { 200: c.controlView } } },
    async (req) => svc.updateControl(ctx(req), req.params.orgId, req.params.analysisId, req.params.controlId, req.body, expectedRevision(req)));

  app.delete(`${a}/controls/:controlId`, { config, schema: { tags, params: c.controlParams } },
    async (req, reply) => { await svc.deleteControl(ctx(req), req.params.orgId, req.params.analysisId, req.params.controlId); return noContent(reply); });

  app.post(`${a}/processes/:processId/recommendations`, { config, schema: { tags, params: c.analysisProcessParams, body: c.recommendationBody, response: { 201: c.recommendationView } } },
    async (req, reply) => reply.status(201).send(await svc.createRecommendation(ctx(req), req.params.orgId, req.params.analysisId, req.params.processId, req.body)));

  app.patch(`${a}/recommendations/:recommendationId`, { config, schema: { tags, params: c.recommendationParams, body: c.updateRecommendationBody, response: { 200: c.recommendationView } } },
    async (req) => svc.updateRecommendation(ctx(req), req.params.orgId, req.params.analysisId, req.params.recommendationId, req.body, expectedRevision(req)));

  app.delete(`${a}/recommendations/:recommendationId`, { config, schema: { tags, params: c.recommendationParams } },
    async (req, reply) => { await svc.deleteRecommendation(ctx(req), req.params.orgId, req.params.analysisId, req.params.recommendationId); return noContent(reply); });

  app.post(`${a}/recommendations/:recommendationId/plan-entry`, { config, schema: { tags, params: c.recommendationParams, body: c.planEntryBody, response: { 201: c.recommendationView } } },
    async (req, reply) => reply.status(201).send(await svc.createPlanEntry(ctx(req), req.params.orgId, req.params.analysisId, req.params.recommendationId, req.body)));

  // Register, heat map, comparison -------------------------------------------------------------

  app.get(`${base}/register`, { config, schema: { tags, params: c.orgParams, response: { 200: c.registerView } } },
    async (req) => svc.register(ctx(req), req.params.orgId));

  app.get(`${base}/heatmap`, { config, schema: { tags, params: c.orgParams, querystring: c.heatmapQuery, response: { 200: c.heatmapView } } },
    async (req) => svc.heatmap(ctx(req), req.params.orgId, req.query.analysisId));

  app.get(`${base}/compare`, { config, schema: { tags, params: c.orgParams, querystring: c.compareQuery, response: { 200: c.compareView } } },
    async (req) => svc.compare(ctx(req), req.params.orgId, req.query.from, req.query.to));
};
