import { useEffect, type ReactNode } from 'react';
import { Trans, useLingui } from '@lingui/react/macro';
import { Outlet, useNavigate, useParams, useSearch } from '@tanstack/react-router';
import { useQuery } from '@tanstack/react-query';
import type { Locale } from '../../../shared/roles';
import { ApiError } from '../api';
import { orgName } from '../auth';
import { activateLocale, isLocale } from '../i18n';
import { LanguageMenu } from '../LanguageMenu';
import { ErrorAlert, Loading, PageHeader } from '../../ui/components';
import { publicApi, publicOrgUrl, type PublicOrganisation } from './api';
import { PublicOrgContext } from './context';
import s from '../Shell.module.css';
import p from './Public.module.css';

/**
 * The language menu of public pages: the choice goes into the page's address (`?lang=`), so it
 * survives a reload and the back button, and nothing is written to a cookie, to local storage
 * or to the server (decision 0013).
 */
function PublicLanguageSwitcher() {
  const navigate = useNavigate();
  const change = (locale: Locale) => {
    void navigate({ to: '.', search: ((prev: Record<string, unknown>) => ({ ...prev, lang: locale })) as never, replace: true });
  };
  return <LanguageMenu onChange={change} />;
}

function PublicFrame({ title, children }: { title: ReactNode; children: ReactNode }) {
  return (
    <>
      <a className={s.skip} href="#main"><Trans>Skip to main content</Trans></a>
      <header className={s.header}>
        <div className={s.headerInner}>
          <span className={s.brand}>{title}</span>
          <PublicLanguageSwitcher />
        </div>
      </header>
      <main id="main" className={s.main} tabIndex={-1}>
        {children}
      </main>
      <footer className={p.footer}>
        <p><Trans>This page sets no cookies and does not keep your IP address.</Trans></p>
      </footer>
    </>
  );
}

/** The public 404: an organisation code that does not exist, or a page it does not have. */
export function PublicNotFound() {
  const { t } = useLingui();
  return (
    <>
      <PageHeader title={t`Page not found`} />
      <p><Trans>There is no public page at this address. Check the organisation code in the address, or contact the police zone or service directly.</Trans></p>
    </>
  );
}

/** /p/$orgCode — pages without sign-in (no call to /api/auth or any signed-in endpoint). */
export function PublicLayout() {
  const { orgCode } = useParams({ strict: false }) as { orgCode: string };
  const { lang } = useSearch({ strict: false }) as { lang?: string };
  const { i18n } = useLingui();
  // The language in the address wins (a link, the back button); the page started in it already.
  useEffect(() => {
    if (isLocale(lang) && lang !== i18n.locale) void activateLocale(lang);
  }, [lang, i18n.locale]);
  const q = useQuery({
    queryKey: ['public', 'org', orgCode],
    queryFn: () => publicApi<PublicOrganisation>('GET', publicOrgUrl(orgCode), { locale: i18n.locale }),
  });
  if (q.isPending) return <PublicFrame title="Kompas"><Loading /></PublicFrame>;
  if (q.error) {
    const missing = q.error instanceof ApiError && q.error.status === 404;
    return <PublicFrame title="Kompas">{missing ? <PublicNotFound /> : <ErrorAlert error={q.error} />}</PublicFrame>;
  }
  const org = q.data;
  return (
    <PublicOrgContext.Provider value={org}>
      <PublicFrame title={orgName(org.names, i18n.locale)}>
        <Outlet />
      </PublicFrame>
    </PublicOrgContext.Provider>
  );
}
