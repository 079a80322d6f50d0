import { useState } from 'react';
import { Trans, useLingui } from '@lingui/react/macro';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, Navigate, useNavigate, useSearch } from '@tanstack/react-router';
import { Form } from 'react-aria-components';
import { ApiError, post } from '../../app/api';
import { fetchMe, ME_KEY, useMe, useSignOut } from '../../app/auth';
import { Button, ErrorAlert, Field, Loading } from '../../ui/components';
import { AuthLayout } from './AuthLayout';
import { safeNext } from './nav';
import s from '../../app/Shell.module.css';

function useFinish() {
  const qc = useQueryClient();
  const navigate = useNavigate();
  const search = useSearch({ strict: false }) as { next?: string };
  return async () => {
    qc.setQueryData(ME_KEY, await fetchMe());
    await navigate({ to: safeNext(search.next) });
  };
}

function CodeForm({ url, submitLabel }: { url: string; submitLabel: string }) {
  const { t } = useLingui();
  const finish = useFinish();
  const [code, setCode] = useState('');
  const [error, setError] = useState<Error | null>(null);
  const [pending, setPending] = useState(false);
  const submit = async () => {
    setPending(true);
    setError(null);
    try {
      await post(url, { code: code.replace(/\s+/g, '') });
      await finish();
    } catch (e) {
      setError(e as Error);
      setCode('');
    } finally {
      setPending(false);
    }
  };
  const fieldError = error instanceof ApiError ? error.fieldMessage('code') : undefined;
  return (
    <>
      <ErrorAlert error={error} />
      <Form onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <Field label={t`Six-digit code`} name="code" autoComplete="one-time-code" inputMode="numeric" maxLength={10} value={code} onChange={setCode} isRequired error={fieldError}
          description={t`The code that your authenticator app shows now.`} />
        <Button type="submit" isDisabled={pending}>{submitLabel}</Button>
      </Form>
    </>
  );
}

function CancelLink() {
  const signOut = useSignOut();
  return (
    <p className={s.authLinks}>
      <Link to="/sign-in" onClick={(e) => { e.preventDefault(); void signOut(); }}>
        <Trans>Cancel and sign in as someone else</Trans>
      </Link>
    </p>
  );
}

export function TotpPage() {
  const { t } = useLingui();
  const me = useMe();
  if (me.isPending) return <Loading />;
  if (!me.data) return <Navigate to="/sign-in" replace />;
  return (
    <AuthLayout title={t`Confirm your sign-in`} intro={<p><Trans>Your role requires a second factor. Enter the code from your authenticator app.</Trans></p>}>
      <CodeForm url="/api/auth/totp/verify" submitLabel={t`Confirm`} />
      <CancelLink />
    </AuthLayout>
  );
}

export interface Enrolment { secret: string; otpauthUri: string; qrDataUrl: string }

/** The QR code of a new authenticator, with its key as text for who cannot scan. */
export function EnrolmentQr({ enrolment }: { enrolment: Enrolment }) {
  const { t } = useLingui();
  return (
    <>
      <img className={s.qr} src={enrolment.qrDataUrl} alt={t`QR code to scan with your authenticator app`} width={192} height={192} />
      <p><Trans>Cannot scan? Enter this key in the app instead:</Trans></p>
      <code className={s.secret} aria-label={t`Secret key`}>{enrolment.secret.replace(/(.{4})/g, '$1 ').trim()}</code>
    </>
  );
}

export function TotpSetupPage() {
  const { t } = useLingui();
  const me = useMe();
  const signedIn = !!me.data;
  const setup = useQuery({
    queryKey: ['auth', 'totp-setup'],
    queryFn: () => post<Enrolment>('/api/auth/totp/setup'),
    enabled: signedIn,
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
  });
  if (me.isPending) return <Loading />;
  if (!me.data) return <Navigate to="/sign-in" replace />;
  return (
    <AuthLayout title={t`Set up your authenticator app`} intro={<p><Trans>Your role gives access to confidential files, so signing in needs a second factor. Scan the QR code with an authenticator app (such as FreeOTP, Google Authenticator or Microsoft Authenticator), then enter the code it shows.</Trans></p>}>
      {setup.isPending && <Loading />}
      <ErrorAlert error={setup.error} />
      {setup.data && (
        <>
          <EnrolmentQr enrolment={setup.data} />
          <CodeForm url="/api/auth/totp/enable" submitLabel={t`Activate`} />
        </>
      )}
      <CancelLink />
    </AuthLayout>
  );
}
