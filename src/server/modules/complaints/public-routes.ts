import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { policy } from '../../platform/authz/route-policy.js';
import { withOrgTx } from '../../platform/db/tx.js';
import { requestLocale } from '../../platform/http/context.js';
import { parseJsonPart, readMultipartForm } from '../../platform/http/multipart.js';
import { publicOrgOf } from '../../platform/public/family.js';
import type { PublicRoutesOptions } from '../../platform/public/types.js';
import * as c from './contract.js';
import { formLimits } from './routes.js';
import { makeComplaintsService, type ComplaintsService } from './service.js';
import { publicDesk } from './settings.js';

/** Status codes are 16 digits: 5 tries at once, then one a minute per address (on top of the public family's own rules). */
export const CODE_THROTTLE = { burst: 5, perMinute: 1 };

/**
 * The public side of the complaints desk, under /api/public/orgs/:orgCode/complaints: the form's
 * facts, filing, and the status page through the code (in a POST body, exchanged for a token that
 * travels in a header, never in an address). No sign-in, no cookie, no address kept (decision 0013).
 */
export function complaintsPublicRoutes(svc?: ComplaintsService): FastifyPluginAsyncZod<PublicRoutesOptions> {
  return async (app, { deps }) => {
    const s = svc ?? makeComplaintsService({ db: deps.database.db, today: deps.today });
    const token = (req: FastifyRequest) => {
      const v = req.headers[c.COMPLAINT_TOKEN_HEADER];
      return typeof v === 'string' ? v : undefined;
    };
    await app.register(multipart);

    app.get('/complaints', { config: { policy: policy.public('complaints-desk') }, schema: { response: { 200: c.publicDeskView } } }, async (req) => {
      const org = publicOrgOf(req);
      return withOrgTx(deps.database.db, org.id, (tx) => publicDesk(tx, org.id, org.languages));
    });

    app.post('/complaints', {
      // Filings share the public family's write bucket per address (5 at once, then 1 a minute).
      config: { policy: policy.public('complaints-file') },
      schema: { consumes: ['multipart/form-data'], response: { 201: c.filedResponse.omit({ id: true }) } },
    }, async (req, reply) => {
      const form = await readMultipartForm(req, formLimits('complaint'));
      const body = parseJsonPart(c.publicComplaintBody, form.json);
      return reply.status(201).send(await s.filePublic(publicOrgOf(req).id, body, form.files, requestLocale(req)));
    });

    app.post('/complaints/access', {
      config: { policy: policy.public('complaints-access'), publicThrottle: CODE_THROTTLE },
      schema: { body: c.accessBody, response: { 200: c.accessResponse } },
    }, async (req) => s.access(publicOrgOf(req).id, req.body.code));

    app.get('/complaints/status', { config: { policy: policy.public('complaints-status') }, schema: { response: { 200: c.statusView } } },
      async (req) => s.status(publicOrgOf(req).id, token(req)));

    app.post('/complaints/status/leave', { config: { policy: policy.public('complaints-status-leave') }, schema: { body: z.strictObject({}).optional() } },
      async (req, reply) => {
        s.leave(token(req));
        return reply.status(204).send();
      });
  };
}
