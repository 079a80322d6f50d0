import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { policy } from '../../platform/authz/route-policy.js';
import { publicOrgOf } from '../../platform/public/family.js';
import type { PublicRoutesOptions } from '../../platform/public/types.js';
import { publicOrganisationView } from './contract.js';
import { getOrganisationSettings } from './service.js';

/**
 * The organisation's public landing page (`/p/<code>` in the web app): its names, its contact
 * text and the public services it offers. Only what the organisation publishes; no sign-in.
 */
export const organisationPublicRoutes: FastifyPluginAsyncZod<PublicRoutesOptions> = async (app, { deps, servicesOf }) => {
  app.get('/', { config: { policy: policy.public('public-org-page') }, schema: { response: { 200: publicOrganisationView } } }, async (req) => {
    const org = publicOrgOf(req);
    const [settings, services] = await Promise.all([getOrganisationSettings(deps.database.db, org.id), servicesOf(org)]);
    const contactText = Object.fromEntries(Object.entries(settings.publicContactText).filter(([, v]) => v && v.trim()));
    return { code: org.code, names: org.names, languages: org.languages, contactText, services };
  });
};
