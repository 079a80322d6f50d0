import { msg } from '@lingui/core/macro';
import { createRoute, lazyRouteComponent, type AnyRoute } from '@tanstack/react-router';
import type { WebModule } from '../../app/module-types';
import type { Role } from '../../../shared/roles';

/**
 * The roles that find tiles on the dashboard (the server's modules decide which: plan, figures,
 * complaints statistics, maturity); anyone else would see an empty page, so gets no menu item.
 */
export const DASHBOARD_ROLES: Role[] = ['chief', 'integrity_officer', 'head_of_service', 'complaints_coordinator'];

/** The organisation's integrity dashboard (issue 20): every module's tiles, drawn by kind, with their tables and a PDF. */
export const dashboardModule: WebModule = {
  id: 'dashboard',
  navItems: (ctx) => (ctx.has(...DASHBOARD_ROLES) ? [{ id: 'dashboard', to: '/dashboard', label: msg`Dashboard` }] : []),
  homeTiles: () => [],
  routes: (orgRoute: AnyRoute) => [
    createRoute({ getParentRoute: () => orgRoute, path: '/dashboard', component: lazyRouteComponent(() => import('./DashboardPage'), 'DashboardPage') }),
  ],
};
