import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../platform/deps.js';
import { CONTENT_TYPES, sendDownload } from '../../platform/export/index.js';
import { actorOf, auditContext, requestLocale } from '../../platform/http/context.js';
import { send, type ErrorBody } from '../../platform/http/error-handler.js';
import { orgParams } from '../../platform/http/params.js';
import {
  createPersonBody, exportPeopleQuery, IMPORT_MAX_CHARS, importBody, importResult, listPeopleQuery, personList, personParams,
  personView, updatePersonBody,
} from './contract.js';
import { peoplePolicies as p } from './policy.js';
import { makePeopleService } from './service.js';

/** The staff register of an organisation: list, detail, create, change, HR import and export. */
export const peopleRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  const svc = makePeopleService({ db: deps.database.db, pool: deps.database.pool });
  const tags = ['people'];

  app.get('/orgs/:orgId/people', { config: { policy: p.read }, schema: { tags, params: orgParams, querystring: listPeopleQuery, response: { 200: personList } } },
    async (req) => svc.list(actorOf(req), auditContext(req), req.params.orgId, req.query));

  app.get('/orgs/:orgId/people/export.csv', { config: { policy: p.read }, schema: { tags, params: orgParams, querystring: exportPeopleQuery } },
    async (req, reply) => {
      const csv = await svc.exportCsv(actorOf(req), auditContext(req), req.params.orgId, req.query, requestLocale(req));
      return sendDownload(reply, { filename: 'staff.csv', contentType: CONTENT_TYPES.csv, body: csv });
    });

  app.post('/orgs/:orgId/people/import', {
    config: { policy: p.manage },
    // A 5 MB file grows a little when JSON-escaped: the limit is the CSV size, checked by the contract.
    bodyLimit: Math.ceil(IMPORT_MAX_CHARS * 1.2),
    schema: { tags, params: orgParams, body: importBody, response: { 200: importResult } },
  }, async (req, reply) => {
    const out = await svc.importCsv(auditContext(req), req.params.orgId, req.body, requestLocale(req));
    if (req.body.mode === 'commit' && !out.committed) return send(reply, req, 400, 'import_has_errors', { report: out.report } as Partial<ErrorBody>);
    return { mode: req.body.mode, committed: out.committed, report: out.report };
  });

  app.get('/orgs/:orgId/people/:personId', { config: { policy: p.read }, schema: { tags, params: personParams, response: { 200: personView } } },
    async (req) => svc.get(actorOf(req), auditContext(req), req.params.orgId, req.params.personId));

  app.post('/orgs/:orgId/people', { config: { policy: p.manage }, schema: { tags, params: orgParams, body: createPersonBody, response: { 201: personView } } },
    async (req, reply) => reply.status(201).send(await svc.create(auditContext(req), req.params.orgId, req.body)));

  app.patch('/orgs/:orgId/people/:personId', { config: { policy: p.manage }, schema: { tags, params: personParams, body: updatePersonBody, response: { 200: personView } } },
    async (req) => svc.update(auditContext(req), req.params.orgId, req.params.personId, req.body));
};
