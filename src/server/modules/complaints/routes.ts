import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../platform/deps.js';
import { sendDownload } from '../../platform/export/index.js';
import { actorOf, auditContext } from '../../platform/http/context.js';
import { expectedRevision, optionalRevision } from '../../platform/http/if-match.js';
import { parseJsonPart, readMultipartForm } from '../../platform/http/multipart.js';
import * as c from './contract.js';
import { complaintsPolicies } from './policy.js';
import { makeComplaintsService, type ComplaintsCtx, type ComplaintsService } from './service.js';

/** The limits of a complaint with its attachments, or of documents (multipart: a JSON part and `files`). */
export const formLimits = (jsonPart: string) => ({ jsonPart, filePart: 'files', maxFiles: c.LIMITS.files, maxFileBytes: c.LIMITS.fileBytes, maxJsonBytes: c.LIMITS.jsonPart });

/**
 * The staff's side of the complaints desk, under /api/orgs/:orgId/complaints. Thin: the service
 * decides what a person sees (a coordinator all, a handler only theirs; else 404) and may do.
 */
export function complaintsRoutes(svc?: ComplaintsService): FastifyPluginAsyncZod<{ deps: Deps }> {
  return async (app, { deps }) => {
    const s = svc ?? makeComplaintsService({ db: deps.database.db, today: deps.today });
    const p = complaintsPolicies();
    const tags = ['complaints'];
    const ctx = (req: FastifyRequest): ComplaintsCtx => ({ actor: actorOf(req), audit: auditContext(req) });
    const base = '/orgs/:orgId/complaints';
    const member = { policy: p.member };
    const coordinator = { policy: p.coordinator };
    const settings = { policy: p.settings };

    await app.register(multipart);

    app.get(base, { config: member, schema: { tags, params: c.orgParams, querystring: c.listQuery, response: { 200: c.complaintList } } },
      async (req) => s.list(ctx(req), req.params.orgId, req.query));

    app.post(base, { config: coordinator, schema: { tags, params: c.orgParams, consumes: ['multipart/form-data'], response: { 201: c.filedResponse } } },
      async (req, reply) => {
        const form = await readMultipartForm(req, formLimits('complaint'));
        const body = parseJsonPart(c.staffComplaintBody, form.json);
        return reply.status(201).send(await s.register(ctx(req), req.params.orgId, body, form.files));
      });

    app.get(`${base}/options`, { config: member, schema: { tags, params: c.orgParams, response: { 200: c.optionsView } } },
      async (req) => s.options(req.params.orgId));

    app.get(`${base}/staff`, { config: coordinator, schema: { tags, params: c.orgParams, querystring: c.staffQuery, response: { 200: c.staffList } } },
      async (req) => s.staff(req.params.orgId, req.query.q));

    app.get(`${base}/settings`, { config: settings, schema: { tags, params: c.orgParams, response: { 200: c.settingsView } } },
      async (req) => s.getSettings(req.params.orgId));

    app.put(`${base}/settings`, { config: settings, schema: { tags, params: c.orgParams, body: c.settingsBody, response: { 200: c.settingsView } } },
      async (req) => s.putSettings(ctx(req), req.params.orgId, req.body, expectedRevision(req)));

    app.get(`${base}/:complaintId`, { config: member, schema: { tags, params: c.complaintParams, response: { 200: c.complaintView } } },
      async (req) => s.view(ctx(req), req.params.orgId, req.params.complaintId));

    app.get(`${base}/:complaintId/files/:fileId`, { config: member, schema: { tags, params: c.fileParams } },
      async (req, reply) => {
        const f = await s.file(ctx(req), req.params.orgId, req.params.complaintId, req.params.fileId);
        return sendDownload(reply, { filename: f.filename, contentType: f.contentType, body: f.data });
      });

    app.post(`${base}/:complaintId/acknowledge`, { config: member, schema: { tags, params: c.complaintParams, body: c.acknowledgeBody, response: { 200: c.complaintSummary } } },
      async (req) => s.acknowledge(ctx(req), req.params.orgId, req.params.complaintId, expectedRevision(req)));

    app.post(`${base}/:complaintId/triage`, { config: member, schema: { tags, params: c.complaintParams, body: c.triageBody, response: { 200: c.complaintSummary } } },
      async (req) => s.triage(ctx(req), req.params.orgId, req.params.complaintId, req.body, expectedRevision(req)));

    app.post(`${base}/:complaintId/handler`, { config: member, schema: { tags, params: c.complaintParams, body: c.handlerBody, response: { 200: c.complaintSummary } } },
      async (req) => s.assign(ctx(req), req.params.orgId, req.params.complaintId, req.body.userId, expectedRevision(req)));

    app.post(`${base}/:complaintId/forward`, { config: member, schema: { tags, params: c.complaintParams, body: c.forwardBody, response: { 200: c.complaintSummary } } },
      async (req) => s.forward(ctx(req), req.params.orgId, req.params.complaintId, req.body, expectedRevision(req)));

    app.post(`${base}/:complaintId/entries`, { config: member, schema: { tags, params: c.complaintParams, body: c.entryBody, response: { 201: c.entryView } } },
      async (req, reply) => reply.status(201).send(await s.addEntry(ctx(req), req.params.orgId, req.params.complaintId, req.body, optionalRevision(req))));

    app.post(`${base}/:complaintId/documents`, { config: member, schema: { tags, params: c.complaintParams, consumes: ['multipart/form-data'], response: { 201: c.documentsResponse } } },
      async (req, reply) => {
        const form = await readMultipartForm(req, formLimits('document'));
        parseJsonPart(c.documentsBody, form.json);
        return reply.status(201).send(await s.addDocuments(ctx(req), req.params.orgId, req.params.complaintId, form.files));
      });

    app.post(`${base}/:complaintId/answer`, { config: member, schema: { tags, params: c.complaintParams, body: c.answerBody, response: { 200: c.complaintSummary } } },
      async (req) => s.answer(ctx(req), req.params.orgId, req.params.complaintId, req.body, expectedRevision(req)));

    for (const format of ['docx', 'pdf'] as const) {
      app.get(`${base}/:complaintId/answer.${format}`, { config: member, schema: { tags, params: c.complaintParams } },
        async (req, reply) => sendDownload(reply, await s.answerDocument(ctx(req), req.params.orgId, req.params.complaintId, format)));
    }

    app.post(`${base}/:complaintId/close`, { config: member, schema: { tags, params: c.complaintParams, body: c.closeBody, response: { 200: c.complaintSummary } } },
      async (req) => s.close(ctx(req), req.params.orgId, req.params.complaintId, req.body, expectedRevision(req)));
  };
}
