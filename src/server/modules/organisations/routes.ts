import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../platform/deps.js';
import { actorOf, auditContext } from '../../platform/http/context.js';
import { expectedRevision } from '../../platform/http/if-match.js';
import {
  createOrganisationBody, createUnitBody, orgParams, organisationTree, organisationView, oversightOrganisations,
  unitList, unitParams, unitView, updateOrganisationBody, updateUnitBody,
} from './contract.js';
import { organisationPolicies as p, oversightPolicy } from './policy.js';
import { makeOrganisationService } from './service.js';

/** Organisations (header, settings), their units, the platform admin's tree and the oversight overview. */
export const organisationRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  const svc = makeOrganisationService({ db: deps.database.db });
  const tags = ['organisations'];

  app.get('/orgs/:orgId', { config: { policy: p.read }, schema: { tags, params: orgParams, response: { 200: organisationView } } },
    async (req) => svc.get(req.params.orgId));

  app.put('/orgs/:orgId', { config: { policy: p.manage }, schema: { tags, params: orgParams, body: updateOrganisationBody, response: { 200: organisationView } } },
    async (req) => svc.update(auditContext(req), req.params.orgId, req.body, expectedRevision(req)));

  app.get('/orgs/:orgId/units', { config: { policy: p.readUnits }, schema: { tags, params: orgParams, response: { 200: unitList } } },
    async (req) => svc.listUnits(req.params.orgId));

  app.post('/orgs/:orgId/units', { config: { policy: p.manage }, schema: { tags, params: orgParams, body: createUnitBody, response: { 201: unitView } } },
    async (req, reply) => reply.status(201).send(await svc.createUnit(auditContext(req), req.params.orgId, req.body)));

  app.put('/orgs/:orgId/units/:unitId', { config: { policy: p.manage }, schema: { tags, params: unitParams, body: updateUnitBody, response: { 200: unitView } } },
    async (req) => svc.updateUnit(auditContext(req), req.params.orgId, req.params.unitId, req.body, expectedRevision(req)));

  app.get('/admin/organisations', { config: { policy: p.platformAdmin }, schema: { tags, response: { 200: organisationTree } } },
    async () => svc.tree());

  app.post('/admin/organisations', { config: { policy: p.platformAdmin }, schema: { tags, body: createOrganisationBody, response: { 201: organisationView } } },
    async (req, reply) => reply.status(201).send(await svc.create(auditContext(req), req.body)));

  app.get('/oversight/organisations', { config: { policy: oversightPolicy(deps.database.db) }, schema: { tags, response: { 200: oversightOrganisations } } },
    async (req) => svc.oversightOverview({ actor: actorOf(req), audit: auditContext(req) }));
};
