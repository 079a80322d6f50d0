import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { i18n } from '@lingui/core';
import { I18nProvider, useLingui } from '@lingui/react';
import { I18nProvider as AriaI18nProvider } from 'react-aria-components';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { ApiError } from './app/api';
import { ME_KEY } from './app/auth';
import { activateLocale, initialLocale } from './app/i18n';
import { router } from './app/router';
import { intlLocale } from './ui/format';
import './ui/global.css';

/** A session that expired or still needs its second factor sends the person back to the sign-in steps. */
function onApiError(error: unknown) {
  if (!(error instanceof ApiError)) return;
  if (error.status === 401) queryClient.setQueryData(ME_KEY, null);
  else if (error.code === 'mfa_required' || error.code === 'mfa_setup_required') void queryClient.invalidateQueries({ queryKey: ME_KEY });
}

const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError: onApiError }),
  mutationCache: new MutationCache({ onError: onApiError }),
  defaultOptions: {
    queries: {
      // Client errors (403, 404, validation) do not get better by retrying.
      retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

/**
 * React Aria (date fields, calendars, its own announcements) follows the UI language, mapped to
 * its regional locale (nl-BE, fr-BE, de-BE, en-GB), never the browser's: a Dutch page shows
 * 31/12/2026 in a browser set to American English.
 */
function AriaLocale({ children }: { children: ReactNode }) {
  const { i18n } = useLingui();
  return <AriaI18nProvider locale={intlLocale(i18n.locale)}>{children}</AriaI18nProvider>;
}

void activateLocale(initialLocale()).then(() => {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <I18nProvider i18n={i18n}>
        <AriaLocale>
          <QueryClientProvider client={queryClient}>
            <RouterProvider router={router} />
          </QueryClientProvider>
        </AriaLocale>
      </I18nProvider>
    </StrictMode>,
  );
});
