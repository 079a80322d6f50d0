import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { policy } from '../../platform/authz/route-policy.js';
import { withOrgTx } from '../../platform/db/tx.js';
import { sendDownload } from '../../platform/export/index.js';
import { requestLocale } from '../../platform/http/context.js';
import { parseJsonPart, readMultipartForm } from '../../platform/http/multipart.js';
import { publicOrgOf } from '../../platform/public/family.js';
import type { PublicRoutesOptions } from '../../platform/public/types.js';
import { todayInBelgium } from '../../platform/deadlines/index.js';
import { FILE_TYPES } from '../../platform/files/accept.js';
import * as c from './contract.js';
import { REPORT_FILE_POLICY } from './context.js';
import { channelOffered, channelRecipients } from './filing.js';
import * as repo from './repo.js';
import { formLimits } from './routes.js';
import { makeReportingService } from './service.js';
import { portalReprisalRoutes } from './advice-routes.js';

/** The header that carries the portal token (never the address: a token in a URL ends up in histories and logs). */
export const REPORT_TOKEN_HEADER = 'x-kompas-report-token';

/** Receipts are 16 digits: 5 tries at once, then one a minute per address (on top of the write bucket's own rules). */
export const RECEIPT_THROTTLE = { burst: 5, perMinute: 1 };

/**
 * The public side of the reporting channel, under /api/public/orgs/:orgCode/reporting: the page
 * (who receives, the protection, the questionnaire), filing, and the reporter's portal through the
 * receipt. No sign-in, no cookie, no address kept (the public family, decision 0013).
 */
export const reportingPublicRoutes: FastifyPluginAsyncZod<PublicRoutesOptions> = async (app, { deps }) => {
  const svc = makeReportingService({ db: deps.database.db, mailer: deps.mailer, publicUrl: deps.config.publicUrl, today: deps.today });
  const token = (req: FastifyRequest) => {
    const v = req.headers[REPORT_TOKEN_HEADER];
    return typeof v === 'string' ? v : undefined;
  };
  await app.register(multipart);

  app.get('/reporting', { config: { policy: policy.public('reporting-channel') }, schema: { response: { 200: c.publicChannelView } } }, async (req) => {
    const org = publicOrgOf(req);
    return withOrgTx(deps.database.db, org.id, async (tx) => {
      const today = deps.today?.() ?? todayInBelgium();
      const [settings, offered] = [await repo.findSettings(tx, org.id), await channelOffered(tx, org.id, today)];
      const ch = offered ? await channelRecipients(tx, org.id, today) : { primaries: [], alternates: [] };
      return {
        open: offered, intro: settings.intro, questions: offered ? settings.questions : [], categories: [...c.CATEGORIES], languages: org.languages,
        ackDays: settings.ackDays, feedbackMonths: settings.feedbackMonths,
        recipients: [
          ...ch.primaries.map((p) => ({ id: p.userId, displayName: p.displayName, kind: 'primary' as const })),
          ...ch.alternates.map((p) => ({ id: p.userId, displayName: p.displayName, kind: 'alternate' as const })),
        ],
        files: { maxBytes: REPORT_FILE_POLICY.maxBytes, maxFiles: c.LIMITS.files, types: REPORT_FILE_POLICY.types.flatMap((t) => FILE_TYPES[t].extensions.map((e) => `.${e}`)) },
      };
    });
  });

  app.post('/reporting/reports', {
    config: { policy: policy.public('reporting-file') },
    schema: { consumes: ['multipart/form-data'], response: { 201: c.filedResponse.omit({ id: true }) } },
  }, async (req, reply) => {
    const form = await readMultipartForm(req, formLimits('report'));
    const body = parseJsonPart(c.newReportBody, form.json);
    const r = await svc.fileReport({ orgId: publicOrgOf(req).id, body, uploads: form.files, locale: requestLocale(req) });
    return reply.status(201).send({ reference: r.reference, receipt: r.receipt });
  });

  app.post('/reporting/access', {
    config: { policy: policy.public('reporting-access'), publicThrottle: RECEIPT_THROTTLE },
    schema: { body: c.accessBody, response: { 200: c.accessResponse } },
  }, async (req) => svc.portal.access(publicOrgOf(req).id, req.body.receipt));

  app.post('/reporting/portal/leave', { config: { policy: policy.public('reporting-portal-leave') }, schema: { body: z.strictObject({}).optional() } },
    async (req, reply) => {
      svc.portal.leave(token(req));
      return reply.status(204).send();
    });

  app.get('/reporting/portal', { config: { policy: policy.public('reporting-portal') }, schema: { response: { 200: c.portalView } } },
    async (req) => svc.portal.view(publicOrgOf(req).id, token(req)));

  app.post('/reporting/portal/messages', {
    config: { policy: policy.public('reporting-portal-message') },
    schema: { consumes: ['multipart/form-data'], response: { 201: z.object({ id: z.uuid(), seq: z.number().int() }) } },
  }, async (req, reply) => {
    const org = publicOrgOf(req);
    // The token first: without a portal session nothing of the upload is read.
    svc.portal.check(org.id, token(req));
    const form = await readMultipartForm(req, formLimits('message'));
    const body = parseJsonPart(c.messageBody, form.json);
    return reply.status(201).send(await svc.portal.send(org.id, token(req), body.body, form.files));
  });

  // Reprisal check-ins and reports of reprisals, on the same portal sessions (advice-routes.ts).
  portalReprisalRoutes(app, { db: deps.database.db, mailer: deps.mailer, publicUrl: deps.config.publicUrl, today: deps.today }, svc.portal.sessions, token);

  app.get('/reporting/portal/files/:fileId', { config: { policy: policy.public('reporting-portal-file') }, schema: { params: c.portalFileParams } },
    async (req, reply) => {
      const f = await svc.portal.file(publicOrgOf(req).id, token(req), req.params.fileId);
      return sendDownload(reply, { filename: f.filename, contentType: f.contentType, body: f.data });
    });
};
