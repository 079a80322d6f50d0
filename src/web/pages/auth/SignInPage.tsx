import { useState } from 'react';
import { Trans, useLingui } from '@lingui/react/macro';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { Form } from 'react-aria-components';
import { ApiError, post } from '../../app/api';
import { ME_KEY, syncLocaleAfterSignIn, type Me } from '../../app/auth';
import { Button, ErrorAlert, Field } from '../../ui/components';
import { AuthLayout } from './AuthLayout';
import { safeNext } from './nav';
import s from '../../app/Shell.module.css';

export function SignInPage() {
  const { t } = useLingui();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const search = useSearch({ strict: false }) as { next?: string };
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiError | Error | null>(null);
  const [pending, setPending] = useState(false);

  const submit = async () => {
    setPending(true);
    setError(null);
    try {
      const r = await post<{ next: 'done' | 'totp' | 'totp_setup'; me: Me }>('/api/auth/login', { email, password });
      await syncLocaleAfterSignIn(r.me);
      qc.setQueryData(ME_KEY, r.me);
      const next = safeNext(search.next);
      if (r.next === 'totp') await navigate({ to: '/sign-in/totp', search: { next } });
      else if (r.next === 'totp_setup') await navigate({ to: '/sign-in/totp-setup', search: { next } });
      else await navigate({ to: next });
    } catch (e) {
      setError(e as Error);
      setPassword('');
    } finally {
      setPending(false);
    }
  };

  const fieldError = (f: string) => (error instanceof ApiError ? error.fieldMessage(f) : undefined);
  // The OIDC callback comes back here with ?error=… when the provider's answer was not accepted.
  const [oidcError] = useState(() => new URLSearchParams(window.location.search).get('error'));
  const oidcMessage = oidcError === 'oidc_no_account'
    ? t`Your identity provider confirmed who you are, but no Kompas account is linked to it. Ask your administrator to invite you.`
    : oidcError === 'oidc_not_configured'
      ? t`No organisation with this code signs in through its own identity provider. Check the code with your administrator.`
      : oidcError === 'oidc_failed'
        ? t`Signing in through the identity provider of your organisation did not succeed. Try again, or contact your administrator.`
        : null;
  const [orgCode, setOrgCode] = useState('');
  return (
    <AuthLayout title={t`Sign in`} intro={<p><Trans>Sign in to Kompas, the integrity management system of your police organisation.</Trans></p>}>
      <ErrorAlert error={error ?? oidcMessage} />
      {/* Paused after failed attempts (sign_in_locked, sign_in_throttled): the server's message says why; a new password ends an account's pause. */}
      {error instanceof ApiError && error.code === 'sign_in_locked' && (
        <p className={s.authLinks}><Link to="/forgot-password"><Trans>Choose a new password now</Trans></Link></p>
      )}
      <Form onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <Field label={t`E-mail address`} type="email" name="email" autoComplete="username" value={email} onChange={setEmail} isRequired maxLength={254} error={fieldError('email')} />
        <Field label={t`Password`} type="password" name="password" autoComplete="current-password" value={password} onChange={setPassword} isRequired maxLength={1024} error={fieldError('password')} />
        <Button type="submit" isDisabled={pending}>{pending ? t`Signing in…` : t`Sign in`}</Button>
      </Form>
      <p className={s.authLinks}><Link to="/forgot-password"><Trans>Forgot your password?</Trans></Link></p>
      <section aria-labelledby="oidc-heading" style={{ marginTop: 'var(--space-5)', paddingTop: 'var(--space-4)', borderTop: '1px solid var(--color-border-subtle)' }}>
        <h2 id="oidc-heading" style={{ fontSize: 'var(--font-size-md)' }}><Trans>Sign in with your organisation's account</Trans></h2>
        {/* A full page load: the server redirects to the organisation's identity provider. */}
        <Form onSubmit={(e) => { e.preventDefault(); if (orgCode.trim()) window.location.assign(`/api/auth/oidc/${encodeURIComponent(orgCode.trim())}/start`); }}>
          <Field label={t`Organisation code`} name="organisation" value={orgCode} onChange={setOrgCode} isRequired maxLength={64} autoComplete="organization"
            description={t`The code your administrator gave you, for instance PZ 5344.`} />
          <Button type="submit" variant="secondary"><Trans>Continue to your organisation</Trans></Button>
        </Form>
      </section>
    </AuthLayout>
  );
}
