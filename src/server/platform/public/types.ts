import type { FastifyPluginAsync } from 'fastify';
import type { Locale } from '../../../shared/roles.js';
import type { Deps } from '../deps.js';
import type { BucketLimit } from './throttle.js';

/** The organisation named by `:orgCode` in a public route, resolved before the route runs. */
export interface PublicOrganisation {
  id: string;
  code: string;
  names: Partial<Record<Locale, string>>;
  languages: Locale[];
}

/** A public service an organisation offers (its page is `/p/<code><path>` in the web app). */
export interface PublicServiceOffer {
  /** Stable id; the web module registry gives its title, description and path (WebModule.publicServices). */
  id: string;
}

/** How a module says whether an organisation offers one of its public services. */
export interface PublicServiceProvider {
  id: string;
  offered: (ctx: { deps: Deps; org: PublicOrganisation }) => Promise<boolean>;
}

export interface PublicRoutesOptions {
  deps: Deps;
  /** The public services the organisation offers, from every registered module. */
  servicesOf: (org: PublicOrganisation) => Promise<PublicServiceOffer[]>;
}

/** A module's routes under `/api/public/orgs/:orgCode` (docs/development.md, "Public pages"). */
export type PublicRoutes = FastifyPluginAsync<PublicRoutesOptions>;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A public route's own bucket (default: a shared read or write bucket per address). */
    publicThrottle?: BucketLimit;
  }
  interface FastifyRequest {
    /** Set inside the public route family only. */
    publicOrg: PublicOrganisation | null;
  }
}
