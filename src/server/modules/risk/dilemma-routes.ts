import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { policy } from '../../platform/authz/route-policy.js';
import type { Deps } from '../../platform/deps.js';
import { CONTENT_TYPES, sendDownload } from '../../platform/export/index.js';
import { actorOf, auditContext, requestLocale } from '../../platform/http/context.js';
import { expectedRevision } from '../../platform/http/if-match.js';
import { tablesOf } from '../../platform/module.js';
import * as c from './dilemma-contract.js';
import * as dilemmaSchema from './dilemma-schema.js';
import { makeDilemmaService, type DilemmaCtx } from './dilemma-service.js';

/** The dilemma inventory's tables, declared by the risk module (module.ts). */
export const dilemmaTables = tablesOf(dilemmaSchema);

/** The dilemma inventory (dilemma-contract.ts names who may call what). */
export const riskDilemmaRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  const svc = makeDilemmaService({ db: deps.database.db, dataDir: deps.config.dataDir, today: deps.today });
  // Any current role in the organisation; the service lets only the officer (and the chief to read) further.
  const config = { policy: policy.member() };
  const tags = ['risk'];
  const ctx = (req: FastifyRequest): DilemmaCtx => ({ actor: actorOf(req), audit: auditContext(req) });
  // An anonymous submission keeps no address, not even in the audit context (it writes no event anyway).
  const anonymousCtx = (req: FastifyRequest): DilemmaCtx => ({ actor: actorOf(req), audit: { actorUserId: null, ip: null } });

  app.post('/orgs/:orgId/risk/dilemmas', { config, schema: { tags, params: c.orgParams, body: c.submitDilemmaBody, response: { 201: c.submittedDilemma } } },
    async (req, reply) => reply.status(201).send(await svc.submit(req.body.anonymous ? anonymousCtx(req) : ctx(req), req.params.orgId, req.body)));

  app.get('/orgs/:orgId/risk/dilemmas/mine', { config, schema: { tags, params: c.orgParams, response: { 200: c.myDilemmaList } } },
    async (req) => svc.mine(ctx(req), req.params.orgId));

  app.get('/orgs/:orgId/risk/dilemmas', { config, schema: { tags, params: c.orgParams, querystring: c.listQuery, response: { 200: c.dilemmaList } } },
    async (req) => svc.list(ctx(req), req.params.orgId, req.query));

  app.get('/orgs/:orgId/risk/dilemmas.csv', { config, schema: { tags, params: c.orgParams, querystring: c.listQuery } },
    async (req, reply) => {
      const file = await svc.exportCsv(ctx(req), req.params.orgId, req.query, requestLocale(req));
      return sendDownload(reply, { filename: file.filename, contentType: CONTENT_TYPES.csv, body: file.body });
    });

  app.patch('/orgs/:orgId/risk/dilemmas/:dilemmaId', { config, schema: { tags, params: c.dilemmaParams, body: c.updateDilemmaBody, response: { 200: c.dilemmaView } } },
    async (req) => svc.update(ctx(req), req.params.orgId, req.params.dilemmaId, req.body, expectedRevision(req)));
};
