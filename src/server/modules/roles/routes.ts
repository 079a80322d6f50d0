import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../platform/deps.js';
import { auditContext } from '../../platform/http/context.js';
import { orgParams } from '../../platform/http/params.js';
import { assignmentList, assignmentParams, assignmentView, assignRoleBody, listRolesQuery, withdrawBody } from './contract.js';
import { rolePolicies as p } from './policy.js';
import { makeRoleService } from './service.js';

/** Role assignments of an organisation, with their validity periods. */
export const roleRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  const svc = makeRoleService({ db: deps.database.db });
  const tags = ['roles'];

  app.get('/orgs/:orgId/roles', { config: { policy: p.read }, schema: { tags, params: orgParams, querystring: listRolesQuery, response: { 200: assignmentList } } },
    async (req) => svc.list(req.params.orgId, req.query));

  app.post('/orgs/:orgId/roles', { config: { policy: p.manage }, schema: { tags, params: orgParams, body: assignRoleBody, response: { 201: assignmentView } } },
    async (req, reply) => reply.status(201).send(await svc.assign(auditContext(req), req.params.orgId, req.body)));

  app.post('/orgs/:orgId/roles/:assignmentId/withdraw', { config: { policy: p.manage }, schema: { tags, params: assignmentParams, body: withdrawBody, response: { 200: assignmentView } } },
    async (req) => svc.withdraw(auditContext(req), req.params.orgId, req.params.assignmentId));
};
