import { hasRole, type Actor } from '../../platform/authz/actor.js';
import { policy } from '../../platform/authz/route-policy.js';
import type { Role } from '../../../shared/roles.js';
import type { PeopleScope } from './repo.js';

/** Read every staff record of the organisation. */
export const PEOPLE_READERS_ALL: readonly Role[] = ['administrator', 'chief', 'integrity_officer'];
/** Create, change, import (and see everyone). */
export const PEOPLE_MANAGERS: readonly Role[] = ['administrator', 'chief'];

export const canManagePeople = (a: Actor, orgId: string) => hasRole(a, orgId, PEOPLE_MANAGERS);

/** Which staff records the actor may see; a head of service only those of their own unit and below. */
export function peopleScope(a: Actor, orgId: string): PeopleScope {
  return hasRole(a, orgId, PEOPLE_READERS_ALL) ? { kind: 'all' } : { kind: 'ownUnits', userId: a.userId };
}

export const peoplePolicies = {
  read: policy.roles(...PEOPLE_READERS_ALL, 'head_of_service'),
  manage: policy.roles(...PEOPLE_MANAGERS),
};
