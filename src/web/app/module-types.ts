import type { MessageDescriptor } from '@lingui/core';
import type { AnyRoute } from '@tanstack/react-router';
import type { Role } from '../../shared/roles';
import type { Me, MeOrganisation } from './auth';

/** What a module knows about the person and the organisation in view. */
export interface ModuleContext {
  me: Me;
  org: MeOrganisation;
  orgId: string;
  roles: Role[];
  has: (...roles: Role[]) => boolean;
}

export interface NavItem {
  id: string;
  /** Path below /o/:orgId, e.g. "/people". */
  to: string;
  label: MessageDescriptor;
}

export interface HomeTile {
  id: string;
  to: string;
  title: MessageDescriptor;
  description: MessageDescriptor;
  /** Optional figure shown on the tile ("what waits for me"), fetched with TanStack Query. */
  count?: { queryKey: readonly unknown[]; queryFn: () => Promise<number>; label: MessageDescriptor };
  /**
   * A figure the server module computes (`ServerModule.homeFigures`, same id), all fetched in one
   * request (`GET /api/orgs/:orgId/home`); the label may name the figure's extra values ({late}).
   * `none`: what the tile says when the server sends no such figure (nothing waits), instead of nothing.
   */
  figure?: { id: string; label: MessageDescriptor; none?: MessageDescriptor };
}

/**
 * A feature area of the web app. The shell builds navigation, the home page and the routes
 * from the registered modules only, so adding a module never edits the shell.
 */
export interface WebModule {
  id: string;
  navItems: (ctx: ModuleContext) => NavItem[];
  homeTiles: (ctx: ModuleContext) => HomeTile[];
  /** Child routes of the organisation layout route (`/o/$orgId`). */
  routes: (orgRoute: AnyRoute) => AnyRoute[];
  /**
   * Pages without sign-in, children of the public layout route (`/p/$orgCode`): the citizen's
   * complaint form, the anonymous reporting channel. They read the organisation with
   * `usePublicOrg()` and call only `/api/public/orgs/:orgCode/...` through `publicApi`
   * (docs/development.md, "Public pages").
   */
  publicRoutes?: (publicOrgRoute: AnyRoute) => AnyRoute[];
  /** Services shown on the organisation's public landing page when the server says it offers them (same id). */
  publicServices?: PublicService[];
}

/** One entry of the public landing page `/p/<code>`. */
export interface PublicService {
  /** The id the server module's `publicServices` provider answers with. */
  id: string;
  /** Path below /p/<code>, e.g. "/complaint". */
  path: string;
  title: MessageDescriptor;
  description: MessageDescriptor;
}

export function moduleContext(me: Me, org: MeOrganisation): ModuleContext {
  return { me, org, orgId: org.id, roles: org.roles, has: (...roles) => roles.some((r) => org.roles.includes(r)) };
}
