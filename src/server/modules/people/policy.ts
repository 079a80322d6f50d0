import { hasRole, type Actor } from '../../platform/authz/actor.js';
import { policy } from '../../platform/authz/route-policy.js';
import type { Role } from '../../../shared/roles.js';

/** Read every staff record of the organisation. */
export const PEOPLE_READERS_ALL: readonly Role[] = ['administrator', 'chief', 'integrity_officer'];
/** Create, change, import (and see everyone). */
export const PEOPLE_MANAGERS: readonly Role[] = ['administrator', 'chief'];

export const canManagePeople = (a: Actor, orgId: string) => hasRole(a, orgId, PEOPLE_MANAGERS);

/** Reads every staff record; anybody else who reaches the routes (a head of service) only those of their units. */
export const readsAllPeople = (a: Actor, orgId: string) => hasRole(a, orgId, PEOPLE_READERS_ALL);

export const peoplePolicies = {
  read: policy.roles(...PEOPLE_READERS_ALL, 'head_of_service'),
  manage: policy.roles(...PEOPLE_MANAGERS),
};
