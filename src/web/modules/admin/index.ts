import { msg } from '@lingui/core/macro';
import { createRoute, lazyRouteComponent, type AnyRoute } from '@tanstack/react-router';
import type { WebModule } from '../../app/module-types';
import { get } from '../../app/api';

const MANAGERS = ['administrator', 'chief'] as const;

/** Administration: organisation, units, staff, users and roles, outbox and jobs. Pages load on first use. */
export const adminModule: WebModule = {
  id: 'admin',
  navItems: (ctx) => [
    ...(ctx.has('administrator', 'chief', 'integrity_officer', 'head_of_service') ? [{ id: 'people', to: '/people', label: msg`Staff` }] : []),
    ...(ctx.has(...MANAGERS) ? [{ id: 'units', to: '/units', label: msg`Units` }] : []),
    // Platform administrators appoint people in any organisation, also one where they hold no role.
    ...(ctx.me.isPlatformAdmin || ctx.has(...MANAGERS) ? [{ id: 'roles', to: '/roles', label: msg`Roles` }] : []),
    ...(ctx.me.isPlatformAdmin || ctx.has('administrator', 'chief', 'dpo', 'auditor') ? [{ id: 'users', to: '/users', label: msg`Users` }] : []),
    ...(ctx.has(...MANAGERS) ? [{ id: 'settings', to: '/settings', label: msg`Organisation` }] : []),
    ...(ctx.has('administrator') ? [{ id: 'identity-provider', to: '/identity-provider', label: msg`Identity provider` }] : []),
    ...(ctx.me.isPlatformAdmin ? [{ id: 'organisations', to: '/organisations', label: msg`Organisations` }] : []),
    ...(ctx.me.isPlatformAdmin || ctx.has('administrator') ? [{ id: 'outbox', to: '/outbox', label: msg`Outbox` }] : []),
    // The job queue is the platform's (every organisation's jobs): platform administrators only, as the API.
    ...(ctx.me.isPlatformAdmin ? [{ id: 'jobs', to: '/jobs', label: msg`Jobs` }] : []),
  ],
  homeTiles: (ctx) => [
    ...(ctx.has('administrator', 'chief', 'integrity_officer', 'head_of_service') ? [{
      id: 'people', to: '/people', title: msg`Staff`, description: msg`Look up staff members, keep the list up to date or load the HR file.`,
      count: {
        queryKey: ['org', ctx.orgId, 'people', 'count'],
        queryFn: () => get<{ total: number }>(`/api/orgs/${ctx.orgId}/people?pageSize=1`).then((r) => r.total),
        label: msg`in service`,
      },
    }] : []),
    ...(ctx.has(...MANAGERS) ? [
      { id: 'roles', to: '/roles', title: msg`Role assignments`, description: msg`Give people their role in the integrity policy, or withdraw it.` },
      { id: 'settings', to: '/settings', title: msg`Organisation`, description: msg`Names, working languages, deadlines and thresholds.` },
    ] : []),
    ...(ctx.me.isPlatformAdmin || ctx.has('administrator') ? [
      { id: 'outbox', to: '/outbox', title: msg`Outbox`, description: msg`E-mails sent or waiting, such as invitations and password links.` },
    ] : []),
  ],
  routes: (orgRoute: AnyRoute) => [
    createRoute({ getParentRoute: () => orgRoute, path: '/settings', component: lazyRouteComponent(() => import('./OrganisationPage'), 'OrganisationPage') }),
    createRoute({ getParentRoute: () => orgRoute, path: '/identity-provider', component: lazyRouteComponent(() => import('./IdentityProviderPage'), 'IdentityProviderPage') }),
    createRoute({ getParentRoute: () => orgRoute, path: '/organisations', component: lazyRouteComponent(() => import('./OrganisationsPage'), 'OrganisationsPage') }),
    createRoute({ getParentRoute: () => orgRoute, path: '/units', component: lazyRouteComponent(() => import('./UnitsPage'), 'UnitsPage') }),
    createRoute({ getParentRoute: () => orgRoute, path: '/people', component: lazyRouteComponent(() => import('./PeoplePages'), 'PeopleListPage') }),
    createRoute({ getParentRoute: () => orgRoute, path: '/people/new', component: lazyRouteComponent(() => import('./PeoplePages'), 'PersonNewPage') }),
    createRoute({ getParentRoute: () => orgRoute, path: '/people/import', component: lazyRouteComponent(() => import('./ImportPage'), 'ImportPage') }),
    createRoute({ getParentRoute: () => orgRoute, path: '/people/$personId', component: lazyRouteComponent(() => import('./PeoplePages'), 'PersonPage') }),
    createRoute({ getParentRoute: () => orgRoute, path: '/users', component: lazyRouteComponent(() => import('./UsersPage'), 'UsersPage') }),
    createRoute({ getParentRoute: () => orgRoute, path: '/roles', component: lazyRouteComponent(() => import('./RolesPage'), 'RolesPage') }),
    createRoute({ getParentRoute: () => orgRoute, path: '/outbox', component: lazyRouteComponent(() => import('./OutboxPages'), 'OutboxPage') }),
    createRoute({ getParentRoute: () => orgRoute, path: '/outbox/$mailId', component: lazyRouteComponent(() => import('./OutboxPages'), 'MailPage') }),
    createRoute({ getParentRoute: () => orgRoute, path: '/jobs', component: lazyRouteComponent(() => import('./OutboxPages'), 'JobsPage') }),
  ],
};
