import { useState } from 'react';
import { Trans, useLingui } from '@lingui/react/macro';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Form } from 'react-aria-components';
import { ApiError, get, post } from '../app/api';
import { fetchMe, ME_KEY, useMe } from '../app/auth';
import { EnrolmentQr, type Enrolment } from './auth/TotpPages';
import { Badge, Button, DataTable, ErrorAlert, Field, layout, Loading, Notice, PageHeader, useFormat } from '../ui/components';

interface SessionRow {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  userAgent: string | null;
  current: boolean;
}

export function SessionsPage() {
  const { t } = useLingui();
  const f = useFormat();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['auth', 'sessions'], queryFn: () => get<{ sessions: SessionRow[] }>('/api/auth/sessions') });
  const revoke = useMutation({
    mutationFn: (id: string) => post(`/api/auth/sessions/${id}/revoke`),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['auth', 'sessions'] }),
  });
  const rows = q.data?.sessions ?? [];
  return (
    <>
      <PageHeader title={t`My sessions`}>
        <p><Trans>The browsers and devices where you are signed in. End any session you do not recognise, and change your password.</Trans></p>
      </PageHeader>
      <ErrorAlert error={q.error ?? revoke.error} />
      {q.isPending ? <Loading /> : (
        <DataTable
          label={t`My sessions`}
          columns={[
            { id: 'device', name: t`Browser or device`, isRowHeader: true },
            { id: 'created', name: t`Signed in` },
            { id: 'seen', name: t`Last activity` },
            { id: 'action', name: t`Action` },
          ]}
          rows={rows}
          cells={(r) => [
            <>{r.userAgent ?? t`Unknown browser`} {r.current && <Badge><Trans>this session</Trans></Badge>}</>,
            f.dateTime(r.createdAt),
            f.dateTime(r.lastSeenAt),
            r.current ? '' : <Button variant="secondary" onPress={() => revoke.mutate(r.id)} isDisabled={revoke.isPending} aria-label={t`End session signed in ${f.dateTime(r.createdAt)}`}><Trans>End session</Trans></Button>,
          ]}
        />
      )}
    </>
  );
}

export function ChangePasswordPage() {
  const { t } = useLingui();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [confirm, setConfirm] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const change = useMutation({ mutationFn: () => post('/api/auth/password/change', { currentPassword, newPassword }) });
  const err = change.error instanceof ApiError ? change.error : undefined;
  return (
    <>
      <PageHeader title={t`Change password`} />
      <div aria-live="polite">{change.isSuccess && <Notice kind="success"><Trans>Your password has been changed. Your other sessions have been ended.</Trans></Notice>}</div>
      <ErrorAlert error={change.error} />
      <Form style={{ maxWidth: '28rem' }} onSubmit={(e) => {
        e.preventDefault();
        setMismatch(newPassword !== confirm);
        if (newPassword === confirm) change.mutate();
      }}>
        <Field label={t`Current password`} type="password" autoComplete="current-password" value={currentPassword} onChange={setCurrent} isRequired maxLength={1024} error={err?.fieldMessage('currentPassword')} />
        <Field label={t`New password`} type="password" autoComplete="new-password" value={newPassword} onChange={setNew} isRequired maxLength={1024} error={err?.fieldMessage('newPassword')}
          description={t`At least 12 characters. A sentence of several words is easy to remember and hard to guess.`} />
        <Field label={t`Repeat the new password`} type="password" autoComplete="new-password" value={confirm} onChange={setConfirm} isRequired maxLength={1024}
          error={mismatch ? t`The two passwords are not the same.` : undefined} />
        <Button type="submit" isDisabled={change.isPending}><Trans>Save password</Trans></Button>
      </Form>
    </>
  );
}

/**
 * The person's own authenticator app: set it up, or replace it (new phone, lost app). Replacing
 * asks for the current password; the old app stops working once the new one's code is confirmed.
 */
export function AuthenticatorPage() {
  const { t } = useLingui();
  const me = useMe();
  const qc = useQueryClient();
  const [currentPassword, setCurrentPassword] = useState('');
  const [code, setCode] = useState('');
  const active = me.data?.totpEnabled ?? false;
  const setup = useMutation({ mutationFn: () => post<Enrolment>('/api/auth/totp/setup', active ? { currentPassword } : undefined) });
  const enable = useMutation({
    mutationFn: () => post('/api/auth/totp/enable', { code: code.replace(/\s+/g, '') }),
    onSuccess: async () => {
      qc.setQueryData(ME_KEY, await fetchMe());
      setup.reset();
      setCurrentPassword('');
      setCode('');
    },
    onError: () => setCode(''),
  });
  if (me.isPending) return <Loading />;
  const setupError = setup.error instanceof ApiError ? setup.error : undefined;
  const enableError = enable.error instanceof ApiError ? enable.error : undefined;
  return (
    <>
      <PageHeader title={t`Authenticator app`}>
        <p>{active
          ? <Trans>An authenticator app gives the second factor of your sign-in. Replace it when you change phones or lose the app: the old app stops working as soon as you confirm a code of the new one.</Trans>
          : <Trans>No authenticator app is set up for your account. Roles with access to confidential files need one; anyone may set one up to protect their account.</Trans>}</p>
      </PageHeader>
      <div aria-live="polite">{enable.isSuccess && <Notice kind="success"><Trans>Your new authenticator app is active. Any other sessions have been ended.</Trans></Notice>}</div>
      {!setup.data ? (
        <>
          <ErrorAlert error={setup.error} />
          <Form style={{ maxWidth: '28rem' }} onSubmit={(e) => { e.preventDefault(); enable.reset(); setup.mutate(); }}>
            {active && (
              <Field label={t`Current password`} type="password" autoComplete="current-password" value={currentPassword} onChange={setCurrentPassword} isRequired maxLength={1024}
                error={setupError?.fieldMessage('currentPassword')} description={t`To be sure that it is you who replaces it.`} />
            )}
            <Button type="submit" isDisabled={setup.isPending}>{active ? t`Replace the authenticator app` : t`Set up an authenticator app`}</Button>
          </Form>
        </>
      ) : (
        <section aria-labelledby="new-app">
          <h2 id="new-app"><Trans>Your new authenticator app</Trans></h2>
          <p><Trans>Scan the QR code with the new app, then enter the code it shows. Until you do, your current app keeps working.</Trans></p>
          <EnrolmentQr enrolment={setup.data} />
          <ErrorAlert error={enable.error} />
          <Form style={{ maxWidth: '28rem' }} onSubmit={(e) => { e.preventDefault(); enable.mutate(); }}>
            <Field label={t`Six-digit code`} name="code" autoComplete="one-time-code" inputMode="numeric" maxLength={10} value={code} onChange={setCode} isRequired
              error={enableError?.fieldMessage('code')} description={t`The code that your new authenticator app shows now.`} />
            <div className={layout.actions}>
              <Button type="submit" isDisabled={enable.isPending}><Trans>Activate</Trans></Button>
              <Button variant="secondary" onPress={() => { setup.reset(); enable.reset(); setCode(''); }}><Trans>Cancel</Trans></Button>
            </div>
          </Form>
        </section>
      )}
    </>
  );
}
