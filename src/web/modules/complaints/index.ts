import { msg } from '@lingui/core/macro';
import { createRoute, lazyRouteComponent, type AnyRoute } from '@tanstack/react-router';
import type { HomeTile, ModuleContext, WebModule } from '../../app/module-types';
import { COORDINATOR, HANDLER } from './roles';
import { listSearch } from './search';
import { statsSearch } from './stats-search';

function tiles(ctx: ModuleContext): HomeTile[] {
  // Figures from the server module's homeFigures (complaints.to_triage, .mine, .late).
  return [
    ...(ctx.has(COORDINATOR) ? [{
      id: 'complaints-to-triage', to: '/complaints', title: msg`Complaints to triage`,
      description: msg`New complaints from citizens waiting for acknowledgement and triage: assign a handler and follow the lead times.`,
      figure: { id: 'complaints.to_triage', label: msg`waiting for triage` },
    }] : []),
    ...(ctx.has(HANDLER) ? [{
      id: 'complaints-mine', to: '/complaints', title: msg`Complaints assigned to you`,
      description: msg`Examine the complaints assigned to you and answer the complainants within the lead time.`,
      figure: { id: 'complaints.mine', label: msg`open complaints assigned to you` },
    }] : []),
    ...(ctx.has(COORDINATOR, HANDLER) ? [{
      id: 'complaints-late', to: '/complaints', title: msg`Complaints past a lead time`,
      description: msg`Complaints whose acknowledgement, triage or answer is late.`,
      figure: { id: 'complaints.late', label: msg`past a lead time` },
    }] : []),
  ];
}

/** The citizens' complaints desk (issue 19): the public form and status page, the complaints list, a complaint's handling, the desk's settings. */
export const complaintsModule: WebModule = {
  id: 'complaints',
  navItems: (ctx) => [
    ...(ctx.has(COORDINATOR, HANDLER) ? [{ id: 'complaints', to: '/complaints', label: msg`Complaints` }] : []),
    // The desk's settings: the coordinator, and the administrator (lead times; server: SETTINGS_ROLES).
    ...(ctx.has(COORDINATOR, 'administrator') ? [{ id: 'complaints-settings', to: '/complaints/settings', label: msg`Complaints desk` }] : []),
    // Statistics and the yearly report: the coordinator and the chief (server: complaints/stats-routes.ts).
    ...(ctx.has(COORDINATOR, 'chief') ? [{ id: 'complaints-stats', to: '/complaints/stats', label: msg`Complaints statistics` }] : []),
  ],
  homeTiles: tiles,
  routes: (orgRoute: AnyRoute) => {
    const page = (path: string, file: () => Promise<Record<string, unknown>>, name: string, extra: object = {}) =>
      createRoute({ getParentRoute: () => orgRoute, path, component: lazyRouteComponent(file as never, name as never), ...extra });
    return [
      page('/complaints', () => import('./ListPage'), 'ListPage', { validateSearch: listSearch }),
      page('/complaints/new', () => import('./RegisterPage'), 'RegisterPage'),
      page('/complaints/settings', () => import('./SettingsPage'), 'SettingsPage'),
      page('/complaints/stats', () => import('./StatsPage'), 'StatsPage', { validateSearch: statsSearch }),
      page('/complaints/yearly-report', () => import('./YearlyReportPage'), 'YearlyReportPage', { validateSearch: statsSearch }),
      page('/complaints/$complaintId', () => import('./ComplaintPage'), 'ComplaintPage'),
    ];
  },
  publicRoutes: (publicOrgRoute: AnyRoute) => [
    createRoute({ getParentRoute: () => publicOrgRoute, path: '/complaint', component: lazyRouteComponent(() => import('./PublicComplaintPage'), 'PublicComplaintPage') }),
    createRoute({ getParentRoute: () => publicOrgRoute, path: '/complaint/status', component: lazyRouteComponent(() => import('./PublicStatusPage'), 'PublicStatusPage') }),
  ],
  publicServices: [{
    id: 'complaints', path: '/complaint', title: msg`File a complaint about the police`,
    description: msg`Tell the organisation about how a member of the police treated you or acted, with your name or anonymously, and read its answer with your status code.`,
  }],
};
