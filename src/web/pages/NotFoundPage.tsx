import { Trans, useLingui } from '@lingui/react/macro';
import { Link } from '@tanstack/react-router';
import { PageHeader } from '../ui/components';

export function NotFoundPage() {
  const { t } = useLingui();
  return (
    <>
      <PageHeader title={t`Page not found`} />
      <p><Trans>This address does not exist, or you do not have access to it.</Trans></p>
      <p><Link to="/"><Trans>Go to the home page</Trans></Link></p>
    </>
  );
}
