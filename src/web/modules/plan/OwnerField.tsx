import { useEffect, useState } from 'react';
import { Trans, useLingui } from '@lingui/react/macro';
import { useQuery } from '@tanstack/react-query';
import { ComboBox, Input, Label, ListBox, ListBoxItem, Popover, Radio, RadioGroup, Text, Button as AriaButton, type Key } from 'react-aria-components';
import { get, qs } from '../../app/api';
import { Field, SelectField } from '../../ui/components';
import { unitTree, useUnits } from '../admin/UnitsPage';
import type { ActionView } from './api';
import u from '../../ui/ui.module.css';
import e from './entry.module.css';

/** A staff member of the HR list as the owner field holds them. */
export type OwnerPerson = NonNullable<ActionView['ownerPerson']>;

export type OwnerKind = 'person' | 'unit' | 'description';

/** The owner of an objective or action: one kind, and the value of each kind as last typed (switching back keeps it). */
export interface OwnerValue {
  kind: OwnerKind;
  person: OwnerPerson | null;
  /** The owning unit: the unit itself for 'unit', the person's unit (or the one chosen instead) for 'person'. */
  unitId: string;
  /** True once the unit was chosen by hand: picking another person then leaves it. */
  unitChosen: boolean;
  label: string;
}

type Owned = Pick<ActionView, 'owner' | 'ownerPerson' | 'ownerUnit' | 'ownerLabel'>;

/** The owner field's value for a stored record (or an empty one). An account owner without a staff record shows as a person without a unit. */
export function ownerOf(x: Owned | null): OwnerValue {
  const person: OwnerPerson | null = x?.ownerPerson ?? (x?.owner ? { id: '', displayName: x.owner.displayName, userId: x.owner.id, unitId: null } : null);
  const kind: OwnerKind = person ? 'person' : x?.ownerUnit ? 'unit' : x?.ownerLabel ? 'description' : 'person';
  return { kind, person, unitId: x?.ownerUnit?.id ?? '', unitChosen: !!x?.ownerUnit && x.ownerUnit.id !== person?.unitId, label: x?.ownerLabel ?? '' };
}

/**
 * What the API stores for the chosen kind: the other kinds are cleared, so the plan says one thing.
 * A person keeps the owning unit shown beside them. An account owner without a staff record (shown
 * as a person with no id) is sent back as that account.
 */
export function ownerBody(v: OwnerValue): { ownerPersonId?: string | null; ownerUserId?: string | null; ownerUnitId: string | null; ownerLabel: string | null } {
  if (v.kind === 'person') {
    const who = !v.person ? { ownerPersonId: null } : v.person.id ? { ownerPersonId: v.person.id } : { ownerUserId: v.person.userId };
    return { ...who, ownerUnitId: v.unitId || null, ownerLabel: null };
  }
  if (v.kind === 'unit') return { ownerPersonId: null, ownerUnitId: v.unitId || null, ownerLabel: null };
  return { ownerPersonId: null, ownerUnitId: null, ownerLabel: v.label.trim() || null };
}

export const sameOwner = (a: OwnerValue, b: OwnerValue) => JSON.stringify(ownerBody(a)) === JSON.stringify(ownerBody(b));

interface PersonHit { id: string; firstName: string; lastName: string; personnelNumber: string; userId: string | null; unitId: string | null; unitName: string | null }

/**
 * Finds a staff member in the HR list as one types (name or personnel number), with or without a
 * Kompas account: everybody of the zone can own an action.
 */
export function PersonPicker({ orgId, label, value, onChange, error }: {
  orgId: string; label: string; value: OwnerPerson | null; onChange: (v: OwnerPerson | null) => void; error?: string;
}) {
  const { t } = useLingui();
  const [input, setInput] = useState(value?.displayName ?? '');
  const [term, setTerm] = useState('');
  useEffect(() => {
    const h = setTimeout(() => setTerm(input.trim()), 250);
    return () => clearTimeout(h);
  }, [input]);
  const q = useQuery({
    queryKey: ['org', orgId, 'people', 'pick-staff', term],
    queryFn: () => get<{ items: PersonHit[] }>(`/api/orgs/${orgId}/people${qs({ q: term, pageSize: 20, status: 'active' })}`).then((r) => r.items),
    enabled: term.length >= 2 && term !== value?.displayName,
  });
  const hits = (q.data ?? []).map((p) => ({
    id: p.id, name: `${p.firstName} ${p.lastName}`, detail: [p.unitName, p.userId ? null : t`no account`].filter(Boolean).join(', '),
    person: { id: p.id, displayName: `${p.firstName} ${p.lastName}`, userId: p.userId, unitId: p.unitId },
  }));
  const key = value ? value.id || `user:${value.userId}` : null;
  const items = value && !hits.some((h) => h.id === key) ? [...hits, { id: key!, name: value.displayName, detail: '', person: value }] : hits;
  return (
    <ComboBox
      className={u.field}
      inputValue={input}
      onInputChange={(v) => { setInput(v); if (value && v !== value.displayName) onChange(null); }}
      selectedKey={key}
      onSelectionChange={(k: Key | null) => {
        const hit = items.find((i) => i.id === k);
        if (hit) { onChange(hit.person); setInput(hit.name); }
      }}
      items={items}
      menuTrigger="input"
      allowsEmptyCollection
      isInvalid={!!error}
    >
      <Label className={u.label}>{label}</Label>
      <div style={{ display: 'flex', gap: 'var(--space-2)' }}>
        <Input className={u.input} />
        {value && <AriaButton className={`${u.button} ${u.quiet}`} onPress={() => { onChange(null); setInput(''); }} aria-label={t`Clear ${label}`}>×</AriaButton>}
      </div>
      <Text slot="description" className={u.description}><Trans>Type at least two letters of the name or the personnel number.</Trans></Text>
      {error && <Text slot="errorMessage" className={u.fieldError}>{error}</Text>}
      <Popover className={u.popover}>
        <ListBox className={u.listBox} renderEmptyState={() => <div className={u.option}>{term.length < 2 ? t`Keep typing…` : q.isFetching ? t`Searching…` : t`No staff member found.`}</div>}>
          {(i: (typeof items)[number]) => (
            <ListBoxItem id={i.id} className={u.option} textValue={i.name}>{i.name}{i.detail ? ` (${i.detail})` : ''}</ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </ComboBox>
  );
}

/**
 * Who answers for an objective or action: one field with a clear choice. A staff member (HR list;
 * reminders go to their account, or to their head of service when they have none) with the owning
 * unit, which follows the person unless chosen; a unit; or a description (a role, a service).
 */
export function OwnerField({ orgId, value, onChange, errors }: {
  orgId: string; value: OwnerValue; onChange: (v: OwnerValue) => void; errors: (field: string) => string | undefined;
}) {
  const { t } = useLingui();
  const units = useUnits(orgId);
  const unitOptions = [{ id: '', label: t`(not set)` }, ...unitTree(units.data ?? []).map((x) => ({ id: x.unit.id, label: `${'— '.repeat(x.depth)}${x.unit.name}` }))];
  const set = (p: Partial<OwnerValue>) => onChange({ ...value, ...p });
  return (
    <fieldset className={e.group}>
      <legend><h3><Trans>Owner</Trans></h3></legend>
      <RadioGroup className={e.choices} value={value.kind} onChange={(k) => set({ kind: k as OwnerKind })} aria-label={t`Owner is`} orientation="horizontal">
        <Radio value="person" className={e.choice}><span className={e.dot} aria-hidden="true" /><Trans>A staff member</Trans></Radio>
        <Radio value="unit" className={e.choice}><span className={e.dot} aria-hidden="true" /><Trans>A unit</Trans></Radio>
        <Radio value="description" className={e.choice}><span className={e.dot} aria-hidden="true" /><Trans>A description</Trans></Radio>
      </RadioGroup>
      {value.kind === 'person' && <>
        <PersonPicker orgId={orgId} label={t`Staff member`} value={value.person} error={errors('ownerPersonId') ?? errors('ownerUserId')}
          onChange={(person) => set({ person, ...(value.unitChosen || !person ? {} : { unitId: person.unitId ?? '' }) })} />
        {value.person && !value.person.userId && (
          <p className={u.description}><Trans>This staff member has no Kompas account: reminders go to the head of service of their unit.</Trans></p>
        )}
        <SelectField label={t`Owning unit`} value={value.unitId} options={unitOptions} error={errors('ownerUnitId')}
          description={t`Follows the staff member's unit unless you choose another.`}
          onChange={(unitId) => set({ unitId, unitChosen: unitId !== (value.person?.unitId ?? '') })} />
      </>}
      {value.kind === 'unit' && (
        <SelectField label={t`Unit`} value={value.unitId} options={unitOptions} error={errors('ownerUnitId')}
          onChange={(unitId) => set({ unitId, unitChosen: true })} />
      )}
      {value.kind === 'description' && (
        <Field label={t`Description of the owner`} value={value.label} onChange={(label) => set({ label })} maxLength={300} error={errors('ownerLabel')}
          description={t`A role or service, such as "Integrity officer".`} />
      )}
    </fieldset>
  );
}
