import { useState } from 'react';
import { Trans, useLingui } from '@lingui/react/macro';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Form } from 'react-aria-components';
import { ROLES } from '../../../shared/roles';
import { ApiError, get, post, qs } from '../../app/api';
import { useOrg } from '../../app/context';
import { ROLE_LABELS } from '../../app/labels';
import { Badge, Button, ConfirmDialog, DataTable, DialogActions, ErrorAlert, layout, Loading, ModalDialog, Notice, PageHeader, SelectField, useFormat } from '../../ui/components';
import { DateField } from '../../ui/DateField';
import { todayIso } from '../../ui/format';
import { useUsers } from './UsersPage';
import type { RoleAssignment } from './types';

const rolesKey = (orgId: string) => ['org', orgId, 'roles'];

const statusOf = (a: RoleAssignment) => a.status;

function AssignDialog({ orgId, onClose, onDone }: { orgId: string; onClose: () => void; onDone: () => void }) {
  const { t, i18n } = useLingui();
  const qc = useQueryClient();
  const users = useUsers(orgId);
  const [userId, setUserId] = useState('');
  const [role, setRole] = useState('');
  const [validFrom, setValidFrom] = useState(todayIso());
  const [validTo, setValidTo] = useState('');
  const assign = useMutation({
    mutationFn: () => post(`/api/orgs/${orgId}/roles`, { userId, role, validFrom, ...(validTo ? { validTo } : {}) }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: rolesKey(orgId) });
      void qc.invalidateQueries({ queryKey: ['org', orgId, 'users'] });
      onDone();
    },
  });
  const err = assign.error instanceof ApiError ? assign.error : undefined;
  return (
    <ModalDialog isOpen onOpenChange={(o) => !o && onClose()} title={t`Assign a role`}>
      {(close) => (
        <Form onSubmit={(e) => { e.preventDefault(); assign.mutate(); }}>
          <ErrorAlert error={assign.error} />
          <SelectField label={t`User`} value={userId} onChange={setUserId} isRequired placeholder={t`Choose a user`} error={err?.fieldMessage('userId')}
            options={(users.data ?? []).filter((u) => !u.disabled).map((u) => ({ id: u.id, label: `${u.displayName} (${u.email})` }))} />
          <SelectField label={t`Role`} value={role} onChange={setRole} isRequired placeholder={t`Choose a role`} error={err?.fieldMessage('role')}
            options={ROLES.map((r) => ({ id: r, label: i18n._(ROLE_LABELS[r]) }))} />
          <div className={layout.grid2}>
            <DateField label={t`Valid from`} value={validFrom} onChange={setValidFrom} isRequired error={err?.fieldMessage('validFrom')} />
            <DateField label={t`Valid until`} value={validTo} onChange={setValidTo} min={validFrom || undefined} error={err?.fieldMessage('validTo')} description={t`Leave empty for no end date.`} />
          </div>
          <DialogActions>
            <Button variant="secondary" onPress={close}><Trans>Cancel</Trans></Button>
            <Button type="submit" isDisabled={assign.isPending || !userId || !role}><Trans>Assign</Trans></Button>
          </DialogActions>
        </Form>
      )}
    </ModalDialog>
  );
}

export function RolesPage() {
  const { orgId, has, me } = useOrg();
  const { t, i18n } = useLingui();
  const f = useFormat();
  const qc = useQueryClient();
  const [role, setRole] = useState('');
  const [userId, setUserId] = useState('');
  const [status, setStatus] = useState('current');
  const [assigning, setAssigning] = useState(false);
  const [withdrawing, setWithdrawing] = useState<RoleAssignment | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const canManage = me.isPlatformAdmin || has('administrator', 'chief');
  const users = useUsers(orgId);
  const names = new Map((users.data ?? []).map((u) => [u.id, u.displayName]));
  const filters = { role, userId, status };
  const q = useQuery({
    queryKey: [...rolesKey(orgId), filters],
    queryFn: () => get<{ items: RoleAssignment[] }>(`/api/orgs/${orgId}/roles${qs(filters)}`).then((r) => r.items),
  });
  const withdraw = useMutation({
    mutationFn: (a: RoleAssignment) => post(`/api/orgs/${orgId}/roles/${a.id}/withdraw`),
    onSuccess: () => {
      setWithdrawing(null);
      setNotice(t`The role has been withdrawn.`);
      void qc.invalidateQueries({ queryKey: rolesKey(orgId) });
    },
  });
  const statusLabel = { current: t`current`, future: t`starts later`, past: t`ended`, withdrawn: t`withdrawn` };
  const who = (a: RoleAssignment) => a.userDisplayName || names.get(a.userId) || a.userEmail;
  return (
    <>
      <PageHeader title={t`Role assignments`} actions={canManage && <Button onPress={() => { setAssigning(true); setNotice(null); }}><Trans>Assign a role</Trans></Button>}>
        <p><Trans>Who holds which role, and for which period. A withdrawn role stays in the list for the record.</Trans></p>
      </PageHeader>
      <div role="search" aria-label={t`Filter role assignments`} className={layout.filters}>
        <SelectField label={t`Role`} value={role} onChange={setRole} options={[{ id: '', label: t`All roles` }, ...ROLES.map((r) => ({ id: r, label: i18n._(ROLE_LABELS[r]) }))]} />
        <SelectField label={t`User`} value={userId} onChange={setUserId} options={[{ id: '', label: t`All users` }, ...(users.data ?? []).map((u) => ({ id: u.id, label: u.displayName }))]} />
        <SelectField label={t`Status`} value={status} onChange={setStatus} options={[{ id: 'current', label: t`Current` }, { id: 'future', label: t`Starting later` }, { id: 'past', label: t`Ended or withdrawn` }, { id: 'all', label: t`All, including ended and withdrawn` }]} />
      </div>
      <div aria-live="polite">{notice && <Notice kind="success">{notice}</Notice>}</div>
      <ErrorAlert error={q.error} />
      {q.isPending ? <Loading /> : (
        <DataTable
          label={t`Role assignments`}
          columns={[
            { id: 'user', name: t`User`, isRowHeader: true },
            { id: 'role', name: t`Role` },
            { id: 'from', name: t`Valid from` },
            { id: 'to', name: t`Valid until` },
            { id: 'status', name: t`Status` },
            { id: 'action', name: t`Action` },
          ]}
          rows={q.data ?? []}
          cells={(a) => [
            who(a),
            i18n._(ROLE_LABELS[a.role]),
            f.date(a.validFrom),
            f.date(a.validTo),
            <Badge key="s">{statusLabel[statusOf(a)]}</Badge>,
            canManage && (statusOf(a) === 'current' || statusOf(a) === 'future')
              ? <Button key="w" variant="secondary" onPress={() => { withdraw.reset(); setWithdrawing(a); }} aria-label={t`Withdraw ${i18n._(ROLE_LABELS[a.role])} from ${who(a)}`}><Trans>Withdraw</Trans></Button>
              : '',
          ]}
          empty={<Trans>No role assignment matches these filters.</Trans>}
        />
      )}
      {assigning && <AssignDialog orgId={orgId} onClose={() => setAssigning(false)} onDone={() => { setAssigning(false); setNotice(t`The role has been assigned.`); }} />}
      <ConfirmDialog
        isOpen={!!withdrawing}
        onOpenChange={(o) => !o && setWithdrawing(null)}
        title={t`Withdraw this role?`}
        confirmLabel={t`Withdraw`}
        danger
        onConfirm={() => withdrawing && withdraw.mutate(withdrawing)}
        pending={withdraw.isPending}
        error={withdraw.error}
      >
        {withdrawing && <p><Trans>{who(withdrawing)} loses the role {i18n._(ROLE_LABELS[withdrawing.role])} from today. This is recorded in the audit trail.</Trans></p>}
      </ConfirmDialog>
    </>
  );
}
