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
  return (
    <AuthLayout title={t`Sign in`} intro={<p><Trans>Sign in to Kompas, the integrity management system of your police organisation.</Trans></p>}>
      <ErrorAlert error={error} />
      <Form onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <Field label={t`E-mail address`} type="email" name="email" autoComplete="username" value={email} onChange={setEmail} isRequired maxLength={254} error={fieldError('email')} />
        <Field label={t`Password`} type="password" name="password" autoComplete="current-password" value={password} onChange={setPassword} isRequired maxLength={1024} error={fieldError('password')} />
        <Button type="submit" isDisabled={pending}>{pending ? t`Signing in…` : t`Sign in`}</Button>
      </Form>
      <p className={s.authLinks}><Link to="/forgot-password"><Trans>Forgot your password?</Trans></Link></p>
    </AuthLayout>
  );
}
