import { useState } from 'react';
import { Trans, useLingui } from '@lingui/react/macro';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Form } from 'react-aria-components';
import { ApiError, get, post } from '../app/api';
import { Badge, Button, DataTable, ErrorAlert, Field, Loading, Notice, PageHeader, useFormat } from '../ui/components';

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
