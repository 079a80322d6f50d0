import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../platform/deps.js';
import { auditContext } from '../../platform/http/context.js';
import {
  adminOutboxQuery, emptyBody, jobsResponse, mailDetail, mailParams, orgMailParams, orgParams, outboxQuery, outboxResponse, retryResponse,
} from './contract.js';
import { adminPolicies } from './policy.js';
import { makeAdminService } from './service.js';

/** Administration: the mail outbox (per organisation and platform-wide) and the state of background jobs. */
export const adminRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  // deps.mailer / deps.jobs are read at call time: the process may start its jobs after the routes.
  const service = makeAdminService({
    db: deps.database.db,
    adminUrl: deps.adminUrl,
    mailer: { get smtpConfigured() { return deps.mailer.smtpConfigured; } },
    jobs: { get running() { return deps.jobs.running; }, send: (name, data) => deps.jobs.send(name, data) },
  });
  app.addHook('onClose', async () => { await service.close(); });

  app.get('/orgs/:orgId/outbox', {
    config: { policy: adminPolicies.orgOutbox },
    schema: { tags: ['admin'], params: orgParams, querystring: outboxQuery, response: { 200: outboxResponse } },
  }, async (req) => service.orgOutbox(req.params.orgId, req.query));

  app.get('/orgs/:orgId/outbox/:mailId', {
    config: { policy: adminPolicies.orgOutbox },
    schema: { tags: ['admin'], params: orgMailParams, response: { 200: mailDetail } },
  }, async (req) => service.orgMail(auditContext(req), req.params.orgId, req.params.mailId));

  app.get('/admin/outbox', {
    config: { policy: adminPolicies.platformOutbox },
    schema: { tags: ['admin'], querystring: adminOutboxQuery, response: { 200: outboxResponse } },
  }, async (req) => service.platformOutbox(req.query));

  app.get('/admin/outbox/:mailId', {
    config: { policy: adminPolicies.platformOutbox },
    schema: { tags: ['admin'], params: mailParams, response: { 200: mailDetail } },
  }, async (req) => service.platformMail(auditContext(req), req.params.mailId));

  app.post('/admin/outbox/:mailId/retry', {
    config: { policy: adminPolicies.platformOutbox },
    schema: { tags: ['admin'], params: mailParams, body: emptyBody, response: { 200: retryResponse } },
  }, async (req) => service.retryMail(auditContext(req), req.params.mailId));

  app.get('/admin/jobs', {
    config: { policy: adminPolicies.jobs },
    schema: { tags: ['admin'], response: { 200: jobsResponse } },
  }, async () => service.jobsState());
};
