import multipart from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../platform/deps.js';
import { invalid } from '../../platform/errors.js';
import { sendDownload } from '../../platform/export/index.js';
import { actorOf, auditContext } from '../../platform/http/context.js';
import { expectedRevision, optionalRevision } from '../../platform/http/if-match.js';
import { readUpload } from '../../platform/http/upload.js';
import * as c from './contract.js';
import { planPolicies } from './policy.js';
import { EVIDENCE_MAX_BYTES, makePlanService, type PlanCtx } from './service.js';

/** The integrity policy plan: plans, objectives, actions, progress, evidence, lifecycle, versions, evaluations, exports. */
export const planRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  const svc = makePlanService({ db: deps.database.db, mailer: deps.mailer, publicUrl: deps.config.publicUrl, dataDir: deps.config.dataDir });
  const p = planPolicies(deps.database.db);
  const config = { policy: p.member };
  const tags = ['plans'];
  const ctx = (req: FastifyRequest): PlanCtx => ({ actor: actorOf(req), audit: auditContext(req) });
  const noContent = (reply: FastifyReply) => reply.status(204).send();

  // Evidence arrives as multipart/form-data, only on the upload route's scope; 10 MB per file, one file.
  await app.register(multipart, { limits: { fileSize: EVIDENCE_MAX_BYTES, files: 1, fields: 0, parts: 1 } });

  app.get('/plan-templates', { config: { policy: p.templates }, schema: { tags, response: { 200: c.templateListResponse } } }, async () => svc.templates());

  app.get('/oversight/plans', { config: { policy: p.oversight }, schema: { tags, response: { 200: c.oversightPlansResponse } } }, async (req) => svc.oversight(ctx(req)));

  app.get('/orgs/:orgId/my-actions', { config, schema: { tags, params: c.orgParams, response: { 200: c.myActionsResponse } } },
    async (req) => svc.myActions(ctx(req), req.params.orgId));

  // Plans ----------------------------------------------------------------------------------

  app.get('/orgs/:orgId/plans', { config, schema: { tags, params: c.orgParams, querystring: c.listPlansQuery, response: { 200: c.planList } } },
    async (req) => svc.list(ctx(req), req.params.orgId, req.query.status));

  app.post('/orgs/:orgId/plans', { config, schema: { tags, params: c.orgParams, body: c.createPlanBody, response: { 201: c.planTree } } },
    async (req, reply) => reply.status(201).send(await svc.create(ctx(req), req.params.orgId, req.body)));

  app.get('/orgs/:orgId/plans/:planId', { config, schema: { tags, params: c.planParams, querystring: c.actionFilters, response: { 200: c.planTree } } },
    async (req) => svc.get(ctx(req), req.params.orgId, req.params.planId, req.query));

  app.patch('/orgs/:orgId/plans/:planId', { config, schema: { tags, params: c.planParams, body: c.updatePlanBody, response: { 200: c.planTree } } },
    async (req) => svc.update(ctx(req), req.params.orgId, req.params.planId, req.body, expectedRevision(req)));

  app.delete('/orgs/:orgId/plans/:planId', { config, schema: { tags, params: c.planParams } },
    async (req, reply) => { await svc.remove(ctx(req), req.params.orgId, req.params.planId); return noContent(reply); });

  app.get('/orgs/:orgId/plans/:planId/timeline', { config, schema: { tags, params: c.planParams, querystring: c.actionFilters, response: { 200: c.timelineResponse } } },
    async (req) => svc.timeline(ctx(req), req.params.orgId, req.params.planId, req.query));

  // Lifecycle and versions -------------------------------------------------------------------

  for (const [path, step] of [['submit', 'submit'], ['return-to-draft', 'return_to_draft']] as const) {
    app.post(`/orgs/:orgId/plans/:planId/${path}`, { config, schema: { tags, params: c.planParams, body: z.strictObject({}).optional(), response: { 200: c.planTree } } },
      async (req) => svc.transition(ctx(req), req.params.orgId, req.params.planId, step, undefined, optionalRevision(req)));
  }
  // Approving and putting in force may name the plans they were shown to replace (decision 0011, addendum).
  for (const [path, step] of [['approve', 'approve'], ['put-in-force', 'put_in_force']] as const) {
    app.post(`/orgs/:orgId/plans/:planId/${path}`, { config, schema: { tags, params: c.planParams, body: c.inForceStepBody, response: { 200: c.planTree } } },
      async (req) => svc.transition(ctx(req), req.params.orgId, req.params.planId, step, undefined, optionalRevision(req), { replacing: req.body?.replacing }));
  }

  app.get('/orgs/:orgId/plans/:planId/outlook', { config, schema: { tags, params: c.planParams, response: { 200: c.planOutlook } } },
    async (req) => svc.outlook(ctx(req), req.params.orgId, req.params.planId));

  app.get('/orgs/:orgId/plans/waiting', { config, schema: { tags, params: c.orgParams, response: { 200: c.waitingResponse } } },
    async (req) => svc.waiting(ctx(req), req.params.orgId));

  app.post('/orgs/:orgId/plans/:planId/new-version', { config, schema: { tags, params: c.planParams, body: z.strictObject({}).optional(), response: { 201: c.planTree } } },
    async (req, reply) => reply.status(201).send(await svc.newVersion(ctx(req), req.params.orgId, req.params.planId)));

  app.get('/orgs/:orgId/plans/:planId/versions', { config, schema: { tags, params: c.planParams, response: { 200: c.versionList } } },
    async (req) => svc.versions(ctx(req), req.params.orgId, req.params.planId));

  app.get('/orgs/:orgId/plans/:planId/compare', { config, schema: { tags, params: c.planParams, querystring: c.compareQuery, response: { 200: c.planDiff } } },
    async (req) => svc.compare(ctx(req), req.params.orgId, req.params.planId, req.query.with));

  app.get('/orgs/:orgId/plans/:planId/history', { config, schema: { tags, params: c.planParams, response: { 200: c.historyResponse } } },
    async (req) => svc.history(ctx(req), req.params.orgId, req.params.planId));

  // Objectives, indicators, measurements --------------------------------------------------------

  app.post('/orgs/:orgId/plans/:planId/objectives', { config, schema: { tags, params: c.planParams, body: c.createObjectiveBody, response: { 201: c.objectiveView } } },
    async (req, reply) => reply.status(201).send(await svc.createObjective(ctx(req), req.params.orgId, req.params.planId, req.body)));

  app.patch('/orgs/:orgId/plans/:planId/objectives/:objectiveId', { config, schema: { tags, params: c.objectiveParams, body: c.updateObjectiveBody, response: { 200: c.objectiveView } } },
    async (req) => svc.updateObjective(ctx(req), req.params.orgId, req.params.planId, req.params.objectiveId, req.body, expectedRevision(req)));

  app.delete('/orgs/:orgId/plans/:planId/objectives/:objectiveId', { config, schema: { tags, params: c.objectiveParams } },
    async (req, reply) => { await svc.deleteObjective(ctx(req), req.params.orgId, req.params.planId, req.params.objectiveId); return noContent(reply); });

  app.post('/orgs/:orgId/plans/:planId/objectives/:objectiveId/indicators', { config, schema: { tags, params: c.objectiveParams, body: c.createIndicatorBody, response: { 201: c.indicatorView } } },
    async (req, reply) => reply.status(201).send(await svc.createIndicator(ctx(req), req.params.orgId, req.params.planId, req.params.objectiveId, req.body)));

  app.post('/orgs/:orgId/plans/:planId/actions/:actionId/indicators', { config, schema: { tags, params: c.actionParams, body: c.createIndicatorBody, response: { 201: c.indicatorView } } },
    async (req, reply) => reply.status(201).send(await svc.createActionIndicator(ctx(req), req.params.orgId, req.params.planId, req.params.actionId, req.body)));

  // Codes of objectives and actions in tree order, on request; a bulk edit of the plan, so If-Match names the plan's revision.
  app.post('/orgs/:orgId/plans/:planId/renumber', { config, schema: { tags, params: c.planParams, body: z.strictObject({}).optional(), response: { 200: c.renumberResponse } } },
    async (req) => svc.renumber(ctx(req), req.params.orgId, req.params.planId, expectedRevision(req)));

  app.patch('/orgs/:orgId/plans/:planId/indicators/:indicatorId', { config, schema: { tags, params: c.indicatorParams, body: c.updateIndicatorBody, response: { 200: c.indicatorView } } },
    async (req) => svc.updateIndicator(ctx(req), req.params.orgId, req.params.planId, req.params.indicatorId, req.body, expectedRevision(req)));

  app.delete('/orgs/:orgId/plans/:planId/indicators/:indicatorId', { config, schema: { tags, params: c.indicatorParams } },
    async (req, reply) => { await svc.deleteIndicator(ctx(req), req.params.orgId, req.params.planId, req.params.indicatorId); return noContent(reply); });

  app.put('/orgs/:orgId/plans/:planId/indicators/:indicatorId/measurements/:year', { config, schema: { tags, params: c.measurementParams, body: c.measurementBody, response: { 200: c.indicatorView } } },
    async (req) => svc.putMeasurement(ctx(req), req.params.orgId, req.params.planId, req.params.indicatorId, req.params.year, req.body, expectedRevision(req)));

  app.delete('/orgs/:orgId/plans/:planId/indicators/:indicatorId/measurements/:year', { config, schema: { tags, params: c.measurementParams } },
    async (req, reply) => { await svc.deleteMeasurement(ctx(req), req.params.orgId, req.params.planId, req.params.indicatorId, req.params.year); return noContent(reply); });

  // Actions, progress, evidence -------------------------------------------------------------

  app.post('/orgs/:orgId/plans/:planId/actions', { config, schema: { tags, params: c.planParams, body: c.createActionBody, response: { 201: c.actionView } } },
    async (req, reply) => reply.status(201).send(await svc.createAction(ctx(req), req.params.orgId, req.params.planId, req.body)));

  app.patch('/orgs/:orgId/plans/:planId/actions/:actionId', { config, schema: { tags, params: c.actionParams, body: c.updateActionBody, response: { 200: c.actionView } } },
    async (req) => svc.updateAction(ctx(req), req.params.orgId, req.params.planId, req.params.actionId, req.body, expectedRevision(req)));

  app.delete('/orgs/:orgId/plans/:planId/actions/:actionId', { config, schema: { tags, params: c.actionParams } },
    async (req, reply) => { await svc.deleteAction(ctx(req), req.params.orgId, req.params.planId, req.params.actionId); return noContent(reply); });

  app.post('/orgs/:orgId/plans/:planId/actions/:actionId/updates', { config, schema: { tags, params: c.actionParams, body: c.actionUpdateBody, response: { 201: c.actionView } } },
    async (req, reply) => reply.status(201).send(await svc.reportProgress(ctx(req), req.params.orgId, req.params.planId, req.params.actionId, req.body)));

  app.get('/orgs/:orgId/plans/:planId/actions/:actionId/updates', { config, schema: { tags, params: c.actionParams, response: { 200: c.actionUpdateList } } },
    async (req) => svc.listProgress(ctx(req), req.params.orgId, req.params.planId, req.params.actionId));

  app.get('/orgs/:orgId/plans/:planId/actions/:actionId/evidence', { config, schema: { tags, params: c.actionParams, response: { 200: c.evidenceList } } },
    async (req) => svc.listEvidence(ctx(req), req.params.orgId, req.params.planId, req.params.actionId));

  app.post('/orgs/:orgId/plans/:planId/actions/:actionId/evidence', {
    config, bodyLimit: EVIDENCE_MAX_BYTES + 64 * 1024,
    schema: { tags, params: c.actionParams, consumes: ['multipart/form-data'], response: { 201: c.evidenceView } },
  }, async (req, reply) => {
    const upload = await readUpload(req);
    if (!upload) throw invalid('plan_evidence_missing', 'file');
    return reply.status(201).send(await svc.uploadEvidence(ctx(req), req.params.orgId, req.params.planId, req.params.actionId, upload));
  });

  app.get('/orgs/:orgId/plans/:planId/actions/:actionId/evidence/:evidenceId', { config, schema: { tags, params: c.evidenceParams } },
    async (req, reply) => {
      const f = await svc.downloadEvidence(ctx(req), req.params.orgId, req.params.planId, req.params.actionId, req.params.evidenceId);
      return sendDownload(reply, { filename: f.filename, contentType: f.contentType, body: f.data });
    });

  app.delete('/orgs/:orgId/plans/:planId/actions/:actionId/evidence/:evidenceId', { config, schema: { tags, params: c.evidenceParams } },
    async (req, reply) => { await svc.deleteEvidence(ctx(req), req.params.orgId, req.params.planId, req.params.actionId, req.params.evidenceId); return noContent(reply); });

  // Evaluations ------------------------------------------------------------------------------

  app.get('/orgs/:orgId/plans/:planId/evaluations', { config, schema: { tags, params: c.planParams, response: { 200: c.evaluationList } } },
    async (req) => svc.listEvaluations(ctx(req), req.params.orgId, req.params.planId));

  app.post('/orgs/:orgId/plans/:planId/evaluations', { config, schema: { tags, params: c.planParams, body: c.createEvaluationBody, response: { 201: c.evaluationView } } },
    async (req, reply) => reply.status(201).send(await svc.createEvaluation(ctx(req), req.params.orgId, req.params.planId, req.body)));

  app.patch('/orgs/:orgId/plans/:planId/evaluations/:year', { config, schema: { tags, params: c.evaluationParams, body: c.evaluationBody, response: { 200: c.evaluationView } } },
    async (req) => svc.updateEvaluation(ctx(req), req.params.orgId, req.params.planId, req.params.year, req.body, expectedRevision(req)));

  app.post('/orgs/:orgId/plans/:planId/evaluations/:year/submit', { config, schema: { tags, params: c.evaluationParams, body: z.strictObject({}).optional(), response: { 200: c.evaluationView } } },
    async (req) => svc.submitEvaluation(ctx(req), req.params.orgId, req.params.planId, req.params.year));

  app.post('/orgs/:orgId/plans/:planId/evaluations/:year/approve', { config, schema: { tags, params: c.evaluationParams, body: z.strictObject({}).optional(), response: { 200: c.evaluationView } } },
    async (req) => svc.approveEvaluation(ctx(req), req.params.orgId, req.params.planId, req.params.year, optionalRevision(req)));

  for (const format of ['docx', 'pdf'] as const) {
    app.get(`/orgs/:orgId/plans/:planId/evaluations/:year/export.${format}`, { config, schema: { tags, params: c.evaluationParams, querystring: c.exportQuery } },
      async (req, reply) => sendDownload(reply, await svc.exportEvaluation(ctx(req), req.params.orgId, req.params.planId, req.params.year, format, req.query.lang)));
  }

  // Exports ----------------------------------------------------------------------------------

  for (const [suffix, format] of [['export.docx', 'docx'], ['export.pdf', 'pdf'], ['actions.csv', 'csv']] as const) {
    app.get(`/orgs/:orgId/plans/:planId/${suffix}`, { config, schema: { tags, params: c.planParams, querystring: c.exportQuery } },
      async (req, reply) => sendDownload(reply, await svc.exportPlan(ctx(req), req.params.orgId, req.params.planId, format, req.query.lang)));
  }
};
