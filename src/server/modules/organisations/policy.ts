import type { FastifyRequest } from 'fastify';
import type { Db } from '../../platform/db/pool.js';
import { hasRole, type Actor } from '../../platform/authz/actor.js';
import { policy, type RoutePolicy } from '../../platform/authz/route-policy.js';
import { ROLE_MANAGERS, type OrganisationKind, type Role } from '../../../shared/roles.js';
import { organisationKinds } from './repo.js';

/** Kinds of organisation whose members may hold the 'oversight' role. */
export const OVERSIGHT_KINDS: readonly OrganisationKind[] = ['inspectorate', 'oversight_body'];

/** Roles that read the unit tree (filters and forms of people, plans, complaints). */
export const UNIT_READERS: readonly Role[] = ['administrator', 'chief', 'integrity_officer', 'head_of_service'];

export const canReadOrganisation = (a: Actor, orgId: string) => a.grants.some((g) => g.organisationId === orgId);
export const canManageOrganisation = (a: Actor, orgId: string) => hasRole(a, orgId, ROLE_MANAGERS);
export const canReadUnits = (a: Actor, orgId: string) => hasRole(a, orgId, UNIT_READERS);

/** Organisations in which the actor holds a current 'oversight' grant (not yet checked for kind). */
export const oversightGrantOrgs = (a: Actor) => a.grants.filter((g) => g.role === 'oversight').map((g) => g.organisationId);

/**
 * The actor holds a current 'oversight' role in an inspectorate or oversight body. Role
 * assignment already refuses 'oversight' elsewhere; the kind is checked again here because
 * a grant is only as good as the organisation it lives in.
 */
export function oversightPolicy(db: Db): RoutePolicy {
  return policy.custom('oversight', async (a: Actor, _req: FastifyRequest) => {
    const orgs = oversightGrantOrgs(a);
    if (orgs.length === 0) return false;
    const kinds = await organisationKinds(db, orgs);
    return kinds.some((k) => (OVERSIGHT_KINDS as readonly string[]).includes(k.kind));
  });
}

export const organisationPolicies = {
  read: policy.member(),
  manage: policy.roles(...ROLE_MANAGERS),
  readUnits: policy.roles(...UNIT_READERS),
  platformAdmin: policy.platformAdmin(),
};
