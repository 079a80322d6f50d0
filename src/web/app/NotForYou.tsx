import { Trans, useLingui } from '@lingui/react/macro';
import { Link } from '@tanstack/react-router';
import { useOrg } from './context';
import { Notice, PageHeader } from '../ui/components';

/**
 * A page opened (by its address) by someone whose roles do not give it to them: one clear message
 * instead of the server's refusals and empty lists, and no form or button they cannot use.
 * `who` says in words who the page is for.
 */
export function NotForYou({ title, who }: { title: string; who?: string }) {
  const { t } = useLingui();
  const { orgId } = useOrg();
  return (
    <>
      <PageHeader title={title} />
      <Notice kind="info">
        <p><strong><Trans>This page is not for you.</Trans></strong> {who ?? t`Your roles in this organisation do not give access to it.`}</p>
        <p><Link to={`/o/${orgId}`}><Trans>Go to the home page</Trans></Link></p>
      </Notice>
    </>
  );
}
