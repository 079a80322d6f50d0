import { useState } from 'react';
import { Trans, useLingui } from '@lingui/react/macro';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Form } from 'react-aria-components';
import { LOCALES } from '../../../shared/roles';
import { ApiError, get, post } from '../../app/api';
import { useOrg } from '../../app/context';
import { LOCALE_NAMES } from '../../app/i18n';
import { ROLE_LABELS } from '../../app/labels';
import { Badge, Button, ConfirmDialog, DataTable, DialogActions, ErrorAlert, Field, Loading, ModalDialog, Notice, PageHeader, SelectField } from '../../ui/components';
import type { OrgUser } from './types';

export const usersKey = (orgId: string) => ['org', orgId, 'users'];
export const useUsers = (orgId: string, enabled = true) =>
  useQuery({ queryKey: usersKey(orgId), queryFn: () => get<{ users: OrgUser[] }>(`/api/orgs/${orgId}/users`).then((r) => r.users), enabled });

function InviteDialog({ orgId, onClose, onDone }: { orgId: string; onClose: () => void; onDone: () => void }) {
  const { t, i18n } = useLingui();
  const qc = useQueryClient();
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [locale, setLocale] = useState(i18n.locale);
  const create = useMutation({
    mutationFn: () => post<{ id: string; invited: true }>(`/api/orgs/${orgId}/users`, { email, displayName, locale }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: usersKey(orgId) });
      onDone();
    },
  });
  const err = create.error instanceof ApiError ? create.error : undefined;
  return (
    <ModalDialog isOpen onOpenChange={(o) => !o && onClose()} title={t`Invite a user`}>
      {(close) => (
        <Form onSubmit={(e) => { e.preventDefault(); create.mutate(); }}>
          <p><Trans>The person receives an e-mail with a personal link: to choose a password if they are new to Kompas, or to sign in if they already use it for another organisation. Give them a role afterwards.</Trans></p>
          <ErrorAlert error={create.error} />
          <Field label={t`E-mail address`} type="email" value={email} onChange={setEmail} isRequired maxLength={254} error={err?.fieldMessage('email')} autoFocus />
          <Field label={t`Name`} value={displayName} onChange={setDisplayName} isRequired maxLength={200} error={err?.fieldMessage('displayName')} />
          <SelectField label={t`Language of the e-mails`} value={locale} onChange={setLocale} options={LOCALES.map((l) => ({ id: l, label: LOCALE_NAMES[l] }))} error={err?.fieldMessage('locale')} />
          <DialogActions>
            <Button variant="secondary" onPress={close}><Trans>Cancel</Trans></Button>
            <Button type="submit" isDisabled={create.isPending}><Trans>Send invitation</Trans></Button>
          </DialogActions>
        </Form>
      )}
    </ModalDialog>
  );
}

function accountState(u: OrgUser) {
  if (u.state === 'invited') return <Badge><Trans>invited</Trans></Badge>;
  if (u.state === 'disabled') return <Badge><Trans>disabled</Trans></Badge>;
  return <Trans>active</Trans>;
}

export function UsersPage() {
  const { orgId, has, me } = useOrg();
  const { t, i18n } = useLingui();
  const q = useUsers(orgId);
  const [inviting, setInviting] = useState(false);
  const [done, setDone] = useState(false);
  const canInvite = me.isPlatformAdmin || has('administrator', 'chief');
  // Lost phone: administrators reset another person's second factor (never their own: the server refuses it too).
  const canReset = me.isPlatformAdmin || has('administrator');
  const qc = useQueryClient();
  const [resetting, setResetting] = useState<OrgUser | null>(null);
  const [resetDone, setResetDone] = useState<string | null>(null);
  const reset = useMutation({
    mutationFn: (u: OrgUser) => post(`/api/orgs/${orgId}/users/${u.id}/reset-second-factor`),
    onSuccess: (_r, u) => {
      setResetting(null);
      setResetDone(t`The second factor of ${u.displayName} has been reset and their sessions have ended. They set up a new authenticator app at their next sign-in and have received an e-mail.`);
      void qc.invalidateQueries({ queryKey: usersKey(orgId) });
    },
  });
  return (
    <>
      <PageHeader title={t`Users`} actions={canInvite && <Button onPress={() => { setInviting(true); setDone(false); setResetDone(null); }}><Trans>Invite a user</Trans></Button>}>
        <p><Trans>People who can sign in to this organisation.</Trans></p>
      </PageHeader>
      <div aria-live="polite">
        {done && <Notice kind="success"><Trans>The invitation has been sent. The person is listed as invited until they sign in.</Trans></Notice>}
        {resetDone && <Notice kind="success">{resetDone}</Notice>}
      </div>
      <ErrorAlert error={q.error} />
      {q.isPending ? <Loading /> : (
        <DataTable
          label={t`Users`}
          columns={[
            { id: 'name', name: t`Name`, isRowHeader: true },
            { id: 'email', name: t`E-mail address` },
            { id: 'roles', name: t`Roles` },
            { id: 'state', name: t`Account` },
            ...(canReset ? [{ id: 'action', name: t`Action` }] : []),
          ]}
          rows={q.data ?? []}
          cells={(u) => [
            u.displayName, u.email, u.roles.map((r) => i18n._(ROLE_LABELS[r])).join(', ') || '—', accountState(u),
            ...(canReset ? [u.id === me.id || u.state !== 'active' || !(u.home || me.isPlatformAdmin) ? '' : (
              <Button key="r" variant="secondary" onPress={() => { reset.reset(); setDone(false); setResetDone(null); setResetting(u); }} aria-label={t`Reset second factor of ${u.displayName}`}>
                <Trans>Reset second factor</Trans>
              </Button>
            )] : []),
          ]}
        />
      )}
      <ConfirmDialog
        isOpen={!!resetting}
        onOpenChange={(o) => !o && setResetting(null)}
        title={t`Reset the second factor?`}
        confirmLabel={t`Reset second factor`}
        danger
        onConfirm={() => resetting && reset.mutate(resetting)}
        pending={reset.isPending}
        error={reset.error}
      >
        {resetting && <p><Trans>Use this when {resetting.displayName} lost the phone with their authenticator app. Their app stops working for Kompas, all their sessions end, and they set up a new one at their next sign-in. They receive an e-mail about it. This is recorded in the audit trail.</Trans></p>}
      </ConfirmDialog>
      {inviting && <InviteDialog orgId={orgId} onClose={() => setInviting(false)} onDone={() => { setInviting(false); setDone(true); }} />}
    </>
  );
}
