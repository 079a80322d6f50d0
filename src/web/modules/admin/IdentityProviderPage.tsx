import { useEffect, useState } from 'react';
import { Trans, useLingui } from '@lingui/react/macro';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Form } from 'react-aria-components';
import { api, ApiError, get, put } from '../../app/api';
import { useOrg } from '../../app/context';
import { Button, Card, Checkbox, ConfirmDialog, ErrorAlert, Field, layout, Loading, Notice, PageHeader } from '../../ui/components';
import { SaveError } from '../../ui/EditConflict';
import type { IdentityProvider } from './types';

const idpKey = (orgId: string) => ['org', orgId, 'identity-provider'];

/**
 * The organisation's own identity provider (OIDC). The client secret is write-only: the
 * server only says whether one is stored, so the field always starts empty.
 */
export function IdentityProviderPage() {
  const { orgId } = useOrg();
  const { t } = useLingui();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: idpKey(orgId), queryFn: () => get<IdentityProvider>(`/api/orgs/${orgId}/identity-provider`) });
  const [issuer, setIssuer] = useState('');
  const [clientId, setClientId] = useState('');
  const [secret, setSecret] = useState('');
  const [removeSecret, setRemoveSecret] = useState(false);
  const [removing, setRemoving] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    if (!q.data) return;
    setIssuer(q.data.issuer ?? '');
    setClientId(q.data.clientId ?? '');
    setSecret('');
    setRemoveSecret(false);
  }, [q.data]);

  const save = useMutation({
    // Omitted secret: keep the stored one; '' removes it; anything else replaces it.
    mutationFn: (rev: number | undefined = q.data?.revision) => put<IdentityProvider>(`/api/orgs/${orgId}/identity-provider`, {
      issuer, clientId, ...(removeSecret ? { clientSecret: '' } : secret !== '' ? { clientSecret: secret } : {}),
    }, { revision: rev }),
    onSuccess: (v) => { qc.setQueryData(idpKey(orgId), v); setNotice(t`The identity provider settings have been saved.`); },
  });
  const remove = useMutation({
    mutationFn: () => api('DELETE', `/api/orgs/${orgId}/identity-provider`),
    onSuccess: () => {
      setRemoving(false);
      setNotice(t`The identity provider has been removed. Users of this organisation sign in with their password again.`);
      void qc.invalidateQueries({ queryKey: idpKey(orgId) });
    },
  });
  const err = save.error instanceof ApiError ? save.error : undefined;
  const title = t`Identity provider`;

  if (q.isPending) return <><PageHeader title={title} /><Loading /></>;
  if (q.error) return <><PageHeader title={title} /><ErrorAlert error={q.error} /></>;
  const idp = q.data;
  // Both addresses on the server's public base (PUBLIC_URL), which is what the provider and users see.
  const signInUrl = idp.signInPath ? new URL(idp.signInPath, idp.redirectUri).toString() : null;
  return (
    <>
      <PageHeader title={title} actions={idp.configured && <Button variant="danger" onPress={() => { remove.reset(); setNotice(null); setRemoving(true); }}><Trans>Remove configuration</Trans></Button>}>
        <p><Trans>Let the people of this organisation sign in with the account of your own identity provider (OpenID Connect), such as the one of the police ICT services.</Trans></p>
      </PageHeader>
      <div aria-live="polite">{notice && <Notice kind="success">{notice}</Notice>}</div>
      <Card title={t`Addresses for the identity provider`}>
        <dl className={layout.dl}>
          <dt><Trans>Redirect URI to register at the provider</Trans></dt>
          <dd><code>{idp.redirectUri}</code></dd>
          <dt><Trans>Sign-in address for users of this organisation</Trans></dt>
          <dd>{signInUrl ? <code>{signInUrl}</code> : <Trans>Available once the identity provider is configured.</Trans>}</dd>
        </dl>
      </Card>
      <SaveError error={save.error} pending={save.isPending} onKeepMine={(r) => save.mutate(r)}
        rows={((c) => c ? [{ label: t`Issuer URL`, mine: issuer, theirs: c.issuer ?? '' }, { label: t`Client ID`, mine: clientId, theirs: c.clientId ?? '' }] : [])(err?.current as IdentityProvider | undefined)}
        onTakeTheirs={() => { qc.setQueryData(idpKey(orgId), err?.current); save.reset(); }} />
      <Form onSubmit={(e) => { e.preventDefault(); setNotice(null); save.mutate(); }}>
        <Card title={t`Settings`}>
          <Field label={t`Issuer URL`} type="url" value={issuer} onChange={setIssuer} isRequired maxLength={500} autoComplete="off"
            description={t`The address of the provider, starting with https://`} error={err?.fieldMessage('issuer')} />
          <Field label={t`Client ID`} value={clientId} onChange={setClientId} isRequired maxLength={200} autoComplete="off" error={err?.fieldMessage('clientId')} />
          <Field label={t`Client secret`} type="password" value={secret} onChange={(v) => { setSecret(v); if (v) setRemoveSecret(false); }} maxLength={500} autoComplete="new-password"
            isDisabled={removeSecret}
            description={idp.hasClientSecret ? t`A secret is stored. Leave empty to keep the current secret.` : t`No secret is stored. Leave empty for a public client.`}
            error={err?.fieldMessage('clientSecret')} />
          {idp.hasClientSecret && (
            <Checkbox isSelected={removeSecret} onChange={(on) => { setRemoveSecret(on); if (on) setSecret(''); }}>
              <Trans>Remove the stored secret</Trans>
            </Checkbox>
          )}
        </Card>
        <Button type="submit" isDisabled={save.isPending}><Trans>Save identity provider</Trans></Button>
      </Form>
      <ConfirmDialog
        isOpen={removing}
        onOpenChange={setRemoving}
        title={t`Remove the identity provider?`}
        confirmLabel={t`Remove configuration`}
        danger
        onConfirm={() => remove.mutate()}
        pending={remove.isPending}
        error={remove.error}
      >
        <p><Trans>The address, client ID and secret are deleted. Users of this organisation can no longer sign in through the identity provider; those with a password keep signing in with it.</Trans></p>
      </ConfirmDialog>
    </>
  );
}
