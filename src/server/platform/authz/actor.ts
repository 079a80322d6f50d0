import type { Locale, Role } from '../../../shared/roles.js';
import { MFA_ROLES } from '../../../shared/roles.js';

export interface RoleGrant {
  organisationId: string;
  role: Role;
}

/** Who is asking. Built once per request from the session; never from client input. */
export interface Actor {
  userId: string;
  sessionId: string;
  email: string;
  displayName: string;
  locale: Locale;
  mfaVerified: boolean;
  totpEnabled: boolean;
  isPlatformAdmin: boolean;
  /** Currently valid role grants in every organisation. */
  grants: RoleGrant[];
}

export function rolesIn(actor: Actor, organisationId: string): Role[] {
  return actor.grants.filter((g) => g.organisationId === organisationId).map((g) => g.role);
}

export function hasRole(actor: Actor, organisationId: string, roles: readonly Role[]): boolean {
  return actor.grants.some((g) => g.organisationId === organisationId && roles.includes(g.role));
}

export function hasAnyRole(actor: Actor, organisationId: string): boolean {
  return actor.grants.some((g) => g.organisationId === organisationId);
}

/** True when one of the actor's roles (anywhere) may read confidential files. */
export function needsMfa(actor: Actor): boolean {
  return actor.isPlatformAdmin || actor.grants.some((g) => MFA_ROLES.includes(g.role));
}
