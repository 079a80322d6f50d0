import { useState } from 'react';
import { Trans, useLingui } from '@lingui/react/macro';
import { Link } from '@tanstack/react-router';
import { Form } from 'react-aria-components';
import { ApiError, post } from '../../app/api';
import { Button, ErrorAlert, Field, Notice } from '../../ui/components';
import { AuthLayout } from './AuthLayout';
import s from '../../app/Shell.module.css';

export function ForgotPasswordPage() {
  const { t } = useLingui();
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [pending, setPending] = useState(false);
  const submit = async () => {
    setPending(true);
    setError(null);
    try {
      await post('/api/auth/password/forgot', { email });
      setSent(true);
    } catch (e) {
      setError(e as Error);
    } finally {
      setPending(false);
    }
  };
  return (
    <AuthLayout title={t`Forgot your password?`} intro={<p><Trans>Enter your e-mail address. If it belongs to an account, we send a link to choose a new password.</Trans></p>}>
      <ErrorAlert error={error} />
      <div aria-live="polite">
        {sent && <Notice kind="success"><Trans>If this address belongs to an account, a link is on its way. It is valid for one hour.</Trans></Notice>}
      </div>
      <Form onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <Field label={t`E-mail address`} type="email" name="email" autoComplete="username" value={email} onChange={setEmail} isRequired maxLength={254}
          error={error instanceof ApiError ? error.fieldMessage('email') : undefined} />
        <Button type="submit" isDisabled={pending}><Trans>Send link</Trans></Button>
      </Form>
      <p className={s.authLinks}><Link to="/sign-in"><Trans>Back to sign in</Trans></Link></p>
    </AuthLayout>
  );
}

/** Reads the token once from the fragment (never sent to the server in a URL) and removes it from the address bar. */
function takeToken(): string {
  const m = /(?:^#|&)token=([^&]+)/.exec(window.location.hash);
  if (m) window.history.replaceState(window.history.state, '', window.location.pathname);
  return m ? decodeURIComponent(m[1]) : '';
}

export function ResetPasswordPage() {
  const { t } = useLingui();
  const [token] = useState(takeToken);
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [done, setDone] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [mismatch, setMismatch] = useState(false);
  const [pending, setPending] = useState(false);
  const submit = async () => {
    setError(null);
    setMismatch(password !== confirm);
    if (password !== confirm) return;
    setPending(true);
    try {
      await post('/api/auth/password/reset', { token, password });
      setDone(true);
    } catch (e) {
      setError(e as Error);
    } finally {
      setPending(false);
    }
  };
  return (
    <AuthLayout title={t`Choose a new password`}>
      {!token && !done && <div role="alert"><Notice kind="warning"><Trans>This link is incomplete. Open the link from the e-mail again, or ask for a new one.</Trans></Notice></div>}
      <ErrorAlert error={error} />
      {done ? (
        <div role="status">
          <Notice kind="success"><Trans>Your password has been changed. You can now sign in.</Trans></Notice>
          <p><Link to="/sign-in"><Trans>Sign in</Trans></Link></p>
        </div>
      ) : (
        <Form onSubmit={(e) => { e.preventDefault(); void submit(); }}>
          <Field label={t`New password`} type="password" name="password" autoComplete="new-password" value={password} onChange={setPassword} isRequired maxLength={1024}
            description={t`At least 12 characters. A sentence of several words is easy to remember and hard to guess.`}
            error={error instanceof ApiError ? error.fieldMessage('password') : undefined} />
          <Field label={t`Repeat the new password`} type="password" name="confirm" autoComplete="new-password" value={confirm} onChange={setConfirm} isRequired maxLength={1024}
            error={mismatch ? t`The two passwords are not the same.` : undefined} />
          <Button type="submit" isDisabled={pending || !token}><Trans>Save password</Trans></Button>
        </Form>
      )}
      <p className={s.authLinks}><Link to="/forgot-password"><Trans>Ask for a new link</Trans></Link></p>
    </AuthLayout>
  );
}
