import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../platform/deps.js';
import { invalid } from '../../platform/errors.js';
import { sendDownload } from '../../platform/export/index.js';
import { actorOf, auditContext } from '../../platform/http/context.js';
import { readUpload } from '../../platform/http/upload.js';
import * as ec from './evidence-contract.js';
import { EVIDENCE_FILE_MAX_BYTES, makeMaturityEvidence } from './evidence.js';
import { maturityPolicies } from './policy.js';
import type { MaturityCtx } from './service.js';

/** A score's evidence: files and links (evidence-contract.ts). Every route: a current role in :orgId; the service decides the rest. */
export const maturityEvidenceRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  // One file per request; the policy's own check (413 file_too_large, translated) sees a file one byte over the limit.
  await app.register(multipart, { limits: { fileSize: EVIDENCE_FILE_MAX_BYTES + 1, files: 1, fields: 0, parts: 1 } });
  const svc = makeMaturityEvidence({ db: deps.database.db, mailer: deps.mailer, publicUrl: deps.config.publicUrl, dataDir: deps.config.dataDir });
  const config = { policy: maturityPolicies.member };
  const tags = ['maturity'];
  const ctx = (req: FastifyRequest): MaturityCtx => ({ actor: actorOf(req), audit: auditContext(req) });
  const base = '/orgs/:orgId/maturity/measurements/:measurementId';

  app.get(`${base}/evidence`, { config, schema: { tags, params: ec.measurementParams, response: { 200: ec.evidenceList } } },
    async (req) => svc.list(ctx(req), req.params.orgId, req.params.measurementId));

  app.get(`${base}/linkable-records`, { config, schema: { tags, params: ec.measurementParams, response: { 200: ec.linkableRecords } } },
    async (req) => svc.linkable(ctx(req), req.params.orgId, req.params.measurementId));

  app.post(`${base}/scores/:criterionId/files`, {
    config, bodyLimit: EVIDENCE_FILE_MAX_BYTES + 64 * 1024,
    schema: { tags, params: ec.criterionParams, consumes: ['multipart/form-data'], response: { 201: ec.evidenceItem } },
  }, async (req, reply) => {
    const upload = await readUpload(req);
    if (!upload) throw invalid('maturity_evidence_missing', 'file');
    return reply.status(201).send(await svc.upload(ctx(req), req.params.orgId, req.params.measurementId, req.params.criterionId, upload));
  });

  app.post(`${base}/scores/:criterionId/links`, { config, schema: { tags, params: ec.criterionParams, body: ec.evidenceLinkBody, response: { 201: ec.evidenceItem } } },
    async (req, reply) => reply.status(201).send(await svc.link(ctx(req), req.params.orgId, req.params.measurementId, req.params.criterionId, req.body)));

  app.get(`${base}/evidence/:evidenceId/file`, { config, schema: { tags, params: ec.evidenceParams } },
    async (req, reply) => {
      const f = await svc.download(ctx(req), req.params.orgId, req.params.measurementId, req.params.evidenceId);
      return sendDownload(reply, { filename: f.filename, contentType: f.contentType, body: f.data });
    });

  app.delete(`${base}/evidence/:evidenceId`, { config, schema: { tags, params: ec.evidenceParams } },
    async (req, reply) => { await svc.remove(ctx(req), req.params.orgId, req.params.measurementId, req.params.evidenceId); return reply.status(204).send(); });
};
