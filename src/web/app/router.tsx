import { lazy, Suspense } from 'react';
import { Trans, useLingui } from '@lingui/react/macro';
import { createRootRoute, createRoute, type AnyRoute, createRouter, lazyRouteComponent, Navigate, Outlet } from '@tanstack/react-router';
import { modules } from './modules';
import { pendingStep, useMe } from './auth';
import { Loading, PageHeader } from '../ui/components';
import { ErrorPage } from '../pages/ErrorPage';
import { NotFoundPage } from '../pages/NotFoundPage';
import { SignInPage } from '../pages/auth/SignInPage';
import { PublicLayout, PublicNotFound } from './public/PublicLayout';
import { PublicHomePage } from './public/PublicHomePage';
import { isLocale, loadModuleMessages } from './i18n';
import type { WebModule } from './module-types';

// The administration module's page, shown here outside its routes: its texts load with it.
const OrganisationsPage = lazy(() => Promise.all([import('../modules/admin/OrganisationsPage'), loadModuleMessages('admin')]).then(([m]) => ({ default: m.OrganisationsPage })));
/*
 * The first page is the sign-in page: only it (and the router, the registry of modules and the
 * shared UI) is in the first download. The shell, the home page, the account and second-factor
 * pages and every module page load when first shown (bench/web measures this).
 */
const Shell = lazy(() => import('./Shell').then((m) => ({ default: m.Shell })));
const PlainLayout = lazy(() => import('./Shell').then((m) => ({ default: m.PlainLayout })));
const page = lazyRouteComponent;

const LAST_ORG_KEY = 'kompas_org';

export function rememberOrg(orgId: string) {
  try {
    localStorage.setItem(LAST_ORG_KEY, orgId);
  } catch {
    /* not remembered */
  }
}

/** "/": the organisation last used on this device, else the first one; sign-in when needed. */
function IndexPage() {
  const { data: me, isPending } = useMe();
  const { t } = useLingui();
  if (isPending) return <Loading />;
  if (!me) return <Navigate to="/sign-in" replace />;
  const step = pendingStep(me);
  if (step) return <Navigate to={step === 'totp' ? '/sign-in/totp' : '/sign-in/totp-setup'} replace />;
  let last: string | null = null;
  try {
    last = localStorage.getItem(LAST_ORG_KEY);
  } catch {
    /* ignore */
  }
  const org = me.organisations.find((o) => o.id === last) ?? me.organisations[0];
  if (org) return <Navigate to="/o/$orgId" params={{ orgId: org.id }} replace />;
  // A platform administrator without any role (first start) begins with the organisations.
  if (me.isPlatformAdmin) return <Suspense fallback={<Loading />}><Shell me={me}><OrganisationsPage /></Shell></Suspense>;
  return (
    <Suspense fallback={<Loading />}>
      <Shell me={me}>
        <PageHeader title={t`Home`} />
        <p><Trans>You do not have a role in any organisation yet. Ask the administrator of your organisation to give you one.</Trans></p>
      </Shell>
    </Suspense>
  );
}

const nextSearch = (s: Record<string, unknown>) => ({ next: typeof s.next === 'string' ? s.next : undefined });

const rootRoute = createRootRoute({
  component: Outlet,
  notFoundComponent: () => <Suspense fallback={<Loading />}><PlainLayout><NotFoundPage /></PlainLayout></Suspense>,
  errorComponent: ({ error, reset }) => <ErrorPage error={error} reset={reset} />,
});

const indexRoute = createRoute({ getParentRoute: () => rootRoute, path: '/', component: IndexPage });
const signInRoute = createRoute({ getParentRoute: () => rootRoute, path: '/sign-in', validateSearch: nextSearch, component: SignInPage });
const totpRoute = createRoute({ getParentRoute: () => rootRoute, path: '/sign-in/totp', validateSearch: nextSearch, component: page(() => import('../pages/auth/TotpPages'), 'TotpPage') });
const totpSetupRoute = createRoute({ getParentRoute: () => rootRoute, path: '/sign-in/totp-setup', validateSearch: nextSearch, component: page(() => import('../pages/auth/TotpPages'), 'TotpSetupPage') });
const forgotRoute = createRoute({ getParentRoute: () => rootRoute, path: '/forgot-password', component: page(() => import('../pages/auth/PasswordPages'), 'ForgotPasswordPage') });
const resetRoute = createRoute({ getParentRoute: () => rootRoute, path: '/reset-password', component: page(() => import('../pages/auth/PasswordPages'), 'ResetPasswordPage') });

const orgRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/o/$orgId',
  component: page(() => import('./Shell'), 'OrgLayout'),
  notFoundComponent: NotFoundPage,
  onEnter: ({ params }) => rememberOrg(params.orgId),
});
const orgHomeRoute = createRoute({ getParentRoute: () => orgRoute, path: '/', component: page(() => import('../pages/HomePage'), 'HomePage') });

/** Public pages without sign-in (decision 0013): the language lives in the address only. */
const publicOrgRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/p/$orgCode',
  validateSearch: (s: Record<string, unknown>): { lang?: string } => (isLocale(s.lang) ? { lang: s.lang } : {}),
  component: PublicLayout,
  notFoundComponent: PublicNotFound,
});
const publicHomeRoute = createRoute({ getParentRoute: () => publicOrgRoute, path: '/', component: PublicHomePage });

const accountRoute = createRoute({ getParentRoute: () => rootRoute, path: '/account', component: page(() => import('./Shell'), 'AccountLayout'), notFoundComponent: NotFoundPage });
const sessionsRoute = createRoute({ getParentRoute: () => accountRoute, path: '/sessions', component: page(() => import('../pages/AccountPages'), 'SessionsPage') });
const passwordRoute = createRoute({ getParentRoute: () => accountRoute, path: '/password', component: page(() => import('../pages/AccountPages'), 'ChangePasswordPage') });
const authenticatorRoute = createRoute({ getParentRoute: () => accountRoute, path: '/authenticator', component: page(() => import('../pages/AccountPages'), 'AuthenticatorPage') });

/**
 * A module's pages show once its texts are there: each of its top routes first loads the module's
 * part of the catalogue (src/web/app/i18n.ts), while the page's own chunk loads alongside.
 */
function withMessages(m: WebModule, routes: AnyRoute[]): AnyRoute[] {
  for (const route of routes) {
    const own = route.options.beforeLoad as ((ctx: unknown) => unknown) | undefined;
    route.update({ beforeLoad: async (ctx: unknown) => { await loadModuleMessages(m.id); return own?.(ctx); } } as never);
  }
  return routes;
}

const routeTree = rootRoute.addChildren([
  indexRoute,
  signInRoute,
  totpRoute,
  totpSetupRoute,
  forgotRoute,
  resetRoute,
  orgRoute.addChildren([orgHomeRoute, ...modules.flatMap((m) => withMessages(m, m.routes(orgRoute)))]),
  accountRoute.addChildren([sessionsRoute, passwordRoute, authenticatorRoute]),
  publicOrgRoute.addChildren([publicHomeRoute, ...modules.flatMap((m) => withMessages(m, m.publicRoutes?.(publicOrgRoute) ?? []))]),
]);

export const router = createRouter({ routeTree, defaultPreload: false, scrollRestoration: true });
