import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../platform/deps.js';
import { sendDownload } from '../../platform/export/index.js';
import { actorOf, auditContext, requestLocale } from '../../platform/http/context.js';
import { expectedRevision, optionalRevision } from '../../platform/http/if-match.js';
import { parseJsonPart, readMultipartForm } from '../../platform/http/multipart.js';
import * as c from './contract.js';
import { reportingFigureRoutes } from './figures.js';
import { reportingPolicies } from './policy.js';
import { redactionRoutes } from './redaction-routes.js';
import { makeReportingService, type ReportingCtx, type ReportingService } from './service.js';
import { adviceRoutes } from './advice-routes.js';
import { limitForAdviser } from './advice.js';

/** The limits of a report or message with its attachments (multipart: a JSON part and `files`). */
export const formLimits = (jsonPart: string) => ({ jsonPart, filePart: 'files', maxFiles: c.LIMITS.files, maxFileBytes: c.LIMITS.fileBytes, maxJsonBytes: c.LIMITS.jsonPart });

/**
 * The recipients' side of the reporting channel, under /api/orgs/:orgId/reporting. Thin: the
 * service decides access (a key grant on the report, else 404) and what each part may do.
 */
export function reportingRoutes(svc?: ReportingService): FastifyPluginAsyncZod<{ deps: Deps }> {
  return async (app, { deps }) => {
    const s = svc ?? makeReportingService({ db: deps.database.db, mailer: deps.mailer, publicUrl: deps.config.publicUrl, today: deps.today });
    const p = reportingPolicies();
    const tags = ['reporting'];
    const ctx = (req: FastifyRequest): ReportingCtx => ({ actor: actorOf(req), audit: auditContext(req) });
    const base = '/orgs/:orgId/reporting';
    const member = { policy: p.member };

    // Multipart only within this plugin; the limits are set per request (readMultipartForm).
    await app.register(multipart);
    // The yearly figures and their exports (figures.ts).
    await app.register(reportingFigureRoutes(), { deps });

    app.get(`${base}/reports`, { config: member, schema: { tags, params: c.orgParams, querystring: c.listQuery, response: { 200: c.reportList } } },
      async (req) => s.list(ctx(req), req.params.orgId, req.query.status));

    // A counsellor files for someone who came to them: the same form as the public page; the receipt is for that person.
    app.post(`${base}/reports`, { config: { policy: p.counsellor }, schema: { tags, params: c.orgParams, consumes: ['multipart/form-data'], response: { 201: c.filedResponse } } },
      async (req, reply) => {
        const form = await readMultipartForm(req, formLimits('report'));
        const body = parseJsonPart(c.newReportBody, form.json);
        return reply.status(201).send(await s.fileReport({ orgId: req.params.orgId, body, uploads: form.files, locale: requestLocale(req), counsellor: ctx(req) }));
      });

    app.get(`${base}/reports/:reportId`, { config: member, schema: { tags, params: c.reportParams, response: { 200: c.reportView } } },
      async (req) => limitForAdviser(await s.view(ctx(req), req.params.orgId, req.params.reportId)));

    app.get(`${base}/reports/:reportId/files/:fileId`, { config: member, schema: { tags, params: c.fileParams } },
      async (req, reply) => {
        const f = await s.reportFile(ctx(req), req.params.orgId, req.params.reportId, req.params.fileId);
        return sendDownload(reply, { filename: f.filename, contentType: f.contentType, body: f.data });
      });

    app.post(`${base}/reports/:reportId/acknowledge`, { config: member, schema: { tags, params: c.reportParams, body: c.acknowledgeBody, response: { 200: c.reportSummary } } },
      async (req) => s.acknowledge(ctx(req), req.params.orgId, req.params.reportId, req.body?.body, expectedRevision(req)));

    app.post(`${base}/reports/:reportId/admissibility`, { config: member, schema: { tags, params: c.reportParams, body: c.admissibilityBody, response: { 200: c.reportSummary } } },
      async (req) => s.admissibility(ctx(req), req.params.orgId, req.params.reportId, req.body, expectedRevision(req)));

    app.post(`${base}/reports/:reportId/investigator`, { config: member, schema: { tags, params: c.reportParams, body: c.investigatorBody, response: { 200: c.reportSummary } } },
      async (req) => s.investigator(ctx(req), req.params.orgId, req.params.reportId, req.body.userId, expectedRevision(req)));

    app.post(`${base}/reports/:reportId/messages`, { config: member, schema: { tags, params: c.reportParams, consumes: ['multipart/form-data'], response: { 201: c.messageView } } },
      async (req, reply) => {
        const form = await readMultipartForm(req, formLimits('message'));
        const body = parseJsonPart(c.messageBody, form.json);
        return reply.status(201).send(await s.message(ctx(req), req.params.orgId, req.params.reportId, body.body, form.files, optionalRevision(req)));
      });

    app.post(`${base}/reports/:reportId/feedback`, { config: member, schema: { tags, params: c.reportParams, body: c.feedbackBody, response: { 200: c.reportSummary } } },
      async (req) => s.feedback(ctx(req), req.params.orgId, req.params.reportId, req.body.body, expectedRevision(req)));

    app.post(`${base}/reports/:reportId/close`, { config: member, schema: { tags, params: c.reportParams, body: c.closeBody, response: { 200: c.reportSummary } } },
      async (req) => s.close(ctx(req), req.params.orgId, req.params.reportId, req.body, expectedRevision(req)));

    app.get(`${base}/settings`, { config: { policy: p.settings }, schema: { tags, params: c.orgParams, response: { 200: c.settingsView } } },
      async (req) => s.getSettings(ctx(req), req.params.orgId));

    app.put(`${base}/settings`, { config: { policy: p.settings }, schema: { tags, params: c.orgParams, body: c.settingsBody, response: { 200: c.settingsView } } },
      async (req) => s.putSettings(ctx(req), req.params.orgId, req.body, expectedRevision(req)));

    // Masking personal data, legal hold and the day of deletion (redaction-routes.ts).
    redactionRoutes(app, s, ctx, p.member);
    // Core-group advice and protection against reprisals (advice-routes.ts).
    adviceRoutes(app, { db: deps.database.db, mailer: deps.mailer, publicUrl: deps.config.publicUrl, today: deps.today }, ctx, p.member);
  };
}
