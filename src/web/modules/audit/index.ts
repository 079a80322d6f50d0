import { msg } from '@lingui/core/macro';
import { createRoute, lazyRouteComponent, type AnyRoute } from '@tanstack/react-router';
import type { WebModule } from '../../app/module-types';
import { validateAuditSearch } from './audit-search';

/** The audit trail, read by the data protection officer and the auditor (never the content of files). */
export const auditModule: WebModule = {
  id: 'audit',
  navItems: (ctx) => (ctx.has('dpo', 'auditor') ? [{ id: 'audit', to: '/audit', label: msg`Audit trail` }] : []),
  homeTiles: (ctx) => (ctx.has('dpo', 'auditor')
    ? [{ id: 'audit', to: '/audit', title: msg`Audit trail`, description: msg`Search who did what and when, export it, and check that nothing was changed afterwards.` }]
    : []),
  routes: (orgRoute: AnyRoute) => [
    createRoute({ getParentRoute: () => orgRoute, path: '/audit', validateSearch: validateAuditSearch, component: lazyRouteComponent(() => import('./AuditPage'), 'AuditPage') }),
  ],
};
