import { Trans, useLingui } from '@lingui/react/macro';
import { PageHeader, ErrorAlert, Button } from '../ui/components';

/** Shown by the router's error boundary: a page that failed to render or to load its data. */
export function ErrorPage({ error, reset }: { error: unknown; reset?: () => void }) {
  const { t } = useLingui();
  return (
    <main id="main" style={{ maxWidth: '48rem', margin: '0 auto', padding: '2rem 1rem' }}>
      <PageHeader title={t`Something went wrong`} />
      <ErrorAlert error={error} />
      <p><Trans>Try again. If the problem persists, contact your administrator.</Trans></p>
      <Button onPress={() => (reset ? reset() : window.location.reload())}><Trans>Try again</Trans></Button>{' '}
      <a href="/"><Trans>Go to the home page</Trans></a>
    </main>
  );
}
