import { useState } from 'react';
import { Trans, useLingui } from '@lingui/react/macro';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Form } from 'react-aria-components';
import { ApiError, get, post, put } from '../../app/api';
import { useOrg } from '../../app/context';
import { Button, DialogActions, EmptyState, ErrorAlert, Field, Loading, ModalDialog, PageHeader, SelectField } from '../../ui/components';
import { SaveError } from '../../ui/EditConflict';
import type { Unit } from './types';
import s from './admin.module.css';

export const unitsKey = (orgId: string) => ['org', orgId, 'units'];
export const useUnits = (orgId: string, enabled = true) =>
  useQuery({ queryKey: unitsKey(orgId), queryFn: () => get<{ items: Unit[] }>(`/api/orgs/${orgId}/units`).then((r) => r.items), enabled });

/** Units in tree order with their depth (parents before children, siblings by name). */
export function unitTree(units: Unit[]): { unit: Unit; depth: number }[] {
  const byParent = new Map<string | null, Unit[]>();
  const ids = new Set(units.map((u) => u.id));
  for (const u of units) {
    const p = u.parentId && ids.has(u.parentId) ? u.parentId : null;
    byParent.set(p, [...(byParent.get(p) ?? []), u]);
  }
  const out: { unit: Unit; depth: number }[] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const u of (byParent.get(parent) ?? []).sort((a, b) => a.name.localeCompare(b.name))) {
      out.push({ unit: u, depth });
      walk(u.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

function UnitList({ parent, byParent, onEdit, canEdit }: { parent: string | null; byParent: Map<string | null, Unit[]>; onEdit: (u: Unit) => void; canEdit: boolean }) {
  const { t } = useLingui();
  const children = (byParent.get(parent) ?? []).sort((a, b) => a.name.localeCompare(b.name));
  if (children.length === 0) return null;
  return (
    <ul className={s.tree}>
      {children.map((u) => (
        <li key={u.id}>
          <div className={s.treeRow}>
            <span><strong>{u.name}</strong> <span className={s.muted}>({u.code})</span></span>
            {canEdit && <Button variant="quiet" onPress={() => onEdit(u)} aria-label={t`Edit ${u.name}`}><Trans>Edit</Trans></Button>}
          </div>
          <UnitList parent={u.id} byParent={byParent} onEdit={onEdit} canEdit={canEdit} />
        </li>
      ))}
    </ul>
  );
}

function UnitDialog({ orgId, units, unit, isOpen, onClose }: { orgId: string; units: Unit[]; unit: Unit | null; isOpen: boolean; onClose: () => void }) {
  const { t } = useLingui();
  const qc = useQueryClient();
  const [code, setCode] = useState(unit?.code ?? '');
  const [name, setName] = useState(unit?.name ?? '');
  const [parentId, setParentId] = useState(unit?.parentId ?? '');
  const save = useMutation({
    mutationFn: (rev: number | undefined = unit?.revision) => {
      const body = { code, name, parentId: parentId || null };
      return unit ? put<Unit>(`/api/orgs/${orgId}/units/${unit.id}`, body, { revision: rev }) : post<Unit>(`/api/orgs/${orgId}/units`, body);
    },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: unitsKey(orgId) });
      onClose();
    },
  });
  const err = save.error instanceof ApiError ? save.error : undefined;
  // A unit cannot move below itself or its own descendants.
  const excluded = new Set<string>();
  if (unit) {
    excluded.add(unit.id);
    let grew = true;
    while (grew) {
      grew = false;
      for (const u of units) if (u.parentId && excluded.has(u.parentId) && !excluded.has(u.id)) { excluded.add(u.id); grew = true; }
    }
  }
  const options = [{ id: '', label: t`(none: top level)` }, ...unitTree(units).filter((x) => !excluded.has(x.unit.id)).map((x) => ({ id: x.unit.id, label: `${'— '.repeat(x.depth)}${x.unit.name}` }))];
  return (
    <ModalDialog isOpen={isOpen} onOpenChange={(o) => !o && onClose()} title={unit ? t`Edit unit` : t`Add a unit`}>
      {(close) => (
        <Form onSubmit={(e) => { e.preventDefault(); save.mutate(undefined); }}>
          <SaveError error={save.error} pending={save.isPending} onKeepMine={(r) => save.mutate(r)}
            rows={((c) => c ? [{ label: t`Code`, mine: code, theirs: c.code }, { label: t`Name`, mine: name, theirs: c.name }] : [])(err?.current as Unit | undefined)}
            onTakeTheirs={() => { void qc.invalidateQueries({ queryKey: unitsKey(orgId) }); close(); }} />
          <Field label={t`Code`} value={code} onChange={setCode} isRequired maxLength={30} error={err?.fieldMessage('code')} description={t`Letters, digits, dot, slash, dash or underscore.`} autoFocus />
          <Field label={t`Name`} value={name} onChange={setName} isRequired maxLength={200} error={err?.fieldMessage('name')} />
          <SelectField label={t`Part of`} options={options} value={parentId} onChange={setParentId} error={err?.fieldMessage('parentId')} />
          <DialogActions>
            <Button variant="secondary" onPress={close}><Trans>Cancel</Trans></Button>
            <Button type="submit" isDisabled={save.isPending}><Trans>Save</Trans></Button>
          </DialogActions>
        </Form>
      )}
    </ModalDialog>
  );
}

export function UnitsPage() {
  const { orgId, has } = useOrg();
  const { t } = useLingui();
  const q = useUnits(orgId);
  const [editing, setEditing] = useState<Unit | null | undefined>(undefined);
  const canEdit = has('administrator', 'chief');
  const units = q.data ?? [];
  const ids = new Set(units.map((u) => u.id));
  const byParent = new Map<string | null, Unit[]>();
  for (const u of units) {
    const p = u.parentId && ids.has(u.parentId) ? u.parentId : null;
    byParent.set(p, [...(byParent.get(p) ?? []), u]);
  }
  return (
    <>
      <PageHeader title={t`Units`} actions={canEdit && <Button onPress={() => setEditing(null)}><Trans>Add a unit</Trans></Button>}>
        <p><Trans>The services of the organisation, such as Intervention, Investigation or Internal Oversight.</Trans></p>
      </PageHeader>
      <ErrorAlert error={q.error} />
      {q.isPending ? <Loading /> : units.length === 0 ? <EmptyState><Trans>No units yet.</Trans></EmptyState> : (
        <UnitList parent={null} byParent={byParent} onEdit={setEditing} canEdit={canEdit} />
      )}
      {editing !== undefined && <UnitDialog key={editing?.id ?? 'new'} orgId={orgId} units={units} unit={editing} isOpen onClose={() => setEditing(undefined)} />}
    </>
  );
}
