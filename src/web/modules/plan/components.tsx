import { useEffect, useState, type ReactNode } from 'react';
import { Trans, useLingui } from '@lingui/react/macro';
import { useQuery } from '@tanstack/react-query';
import { ComboBox, Input, Label, ListBox, ListBoxItem, Popover, Text, Button as AriaButton, type Key } from 'react-aria-components';
import { get, qs } from '../../app/api';
import { Button, Field } from '../../ui/components';
import { ACTION_STATUS_LABELS, PLAN_STATUS_LABELS } from './labels';
import type { ActionStatus, PlanStatus } from './api';
import u from '../../ui/ui.module.css';
import s from './plan.module.css';

const ACTION_SYMBOLS: Record<ActionStatus, string> = { planned: '○', in_progress: '◐', done: '✓', late: '!', stopped: '■' };

/** The status of an action in words (a symbol and a colour only repeat it). */
export function ActionStatusBadge({ status }: { status: ActionStatus }) {
  const { i18n } = useLingui();
  return (
    <span className={`${s.status} ${s[`st-${status}`]}`}>
      <span aria-hidden="true">{ACTION_SYMBOLS[status]}</span>
      {i18n._(ACTION_STATUS_LABELS[status])}
    </span>
  );
}

export function PlanStatusBadge({ status }: { status: PlanStatus }) {
  const { i18n } = useLingui();
  return <span className={`${s.status} ${s[`st-${status}`]}`}>{i18n._(PLAN_STATUS_LABELS[status])}</span>;
}

/** Progress as a number with a bar beside it; the bar is decoration, the text is what is read. */
export function Progress({ value }: { value: number }) {
  return (
    <span className={s.progress}>
      <span>{value}%</span>
      <span className={s.progressTrack} aria-hidden="true"><span className={s.progressFill} style={{ display: 'block', width: `${Math.max(0, Math.min(100, value))}%` }} /></span>
    </span>
  );
}

/** A list of short texts edited one per line (needs, vulnerable processes, themes, co-actors). */
export function LinesField({ label, value, onChange, description, error }: { label: ReactNode; value: string[]; onChange: (v: string[]) => void; description?: ReactNode; error?: string }) {
  const [text, setText] = useState(value.join('\n'));
  return (
    <Field label={label} multiline value={text} error={error}
      description={description ?? <Trans>One item per line.</Trans>}
      onChange={(v) => { setText(v); onChange(v.split('\n').map((x) => x.trim()).filter(Boolean)); }} />
  );
}

export interface Pair { a: string; b: string }

/** Rows of two fields (name and role, value and description) with add and remove buttons. */
export function PairsEditor({ legend, labelA, labelB, rows, onChange, addLabel, multilineB }: {
  legend: string; labelA: string; labelB: string; rows: Pair[]; onChange: (rows: Pair[]) => void; addLabel: string; multilineB?: boolean;
}) {
  const { t } = useLingui();
  const set = (i: number, p: Partial<Pair>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...p } : r)));
  return (
    <fieldset className={u.card}>
      <legend><strong>{legend}</strong></legend>
      {rows.map((r, i) => (
        <div className={s.pairRow} key={i}>
          <Field label={`${labelA} ${i + 1}`} value={r.a} onChange={(v) => set(i, { a: v })} maxLength={200} />
          <Field label={`${labelB} ${i + 1}`} value={r.b} onChange={(v) => set(i, { b: v })} maxLength={5000} multiline={multilineB} />
          <Button variant="quiet" onPress={() => onChange(rows.filter((_r, j) => j !== i))} aria-label={t`Remove ${labelA} ${i + 1}`}><Trans>Remove</Trans></Button>
        </div>
      ))}
      <Button variant="secondary" onPress={() => onChange([...rows, { a: '', b: '' }])}>{addLabel}</Button>
    </fieldset>
  );
}

interface PersonHit { id: string; firstName: string; lastName: string; userId: string | null; unitName: string | null }

/**
 * Picks a person who signs in to Kompas (an owner must be a user of the organisation): searches
 * the staff register as one types and offers those with an account.
 */
export function UserPicker({ orgId, label, value, onChange, error }: {
  orgId: string; label: string; value: { id: string; displayName: string } | null; onChange: (v: { id: string; displayName: string } | null) => void; error?: string;
}) {
  const { t } = useLingui();
  const [input, setInput] = useState(value?.displayName ?? '');
  const [term, setTerm] = useState('');
  useEffect(() => {
    const h = setTimeout(() => setTerm(input.trim()), 250);
    return () => clearTimeout(h);
  }, [input]);
  const q = useQuery({
    queryKey: ['org', orgId, 'people', 'pick', term],
    queryFn: () => get<{ items: PersonHit[] }>(`/api/orgs/${orgId}/people${qs({ q: term, pageSize: 20, status: 'active' })}`).then((r) => r.items.filter((p) => p.userId)),
    enabled: term.length >= 2 && term !== value?.displayName,
  });
  const items = (q.data ?? []).map((p) => ({ id: p.userId!, name: `${p.firstName} ${p.lastName}`, unit: p.unitName }));
  return (
    <ComboBox
      className={u.field}
      inputValue={input}
      onInputChange={(v) => { setInput(v); if (value && v !== value.displayName) onChange(null); }}
      selectedKey={value?.id ?? null}
      onSelectionChange={(k: Key | null) => {
        const hit = items.find((i) => i.id === k);
        if (hit) { onChange({ id: hit.id, displayName: hit.name }); setInput(hit.name); }
      }}
      items={value && !items.some((i) => i.id === value.id) ? [...items, { id: value.id, name: value.displayName, unit: null }] : items}
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
        <ListBox className={u.listBox} renderEmptyState={() => <div className={u.option}>{term.length < 2 ? t`Keep typing…` : t`No staff member with an account found.`}</div>}>
          {(i: { id: string; name: string; unit: string | null }) => (
            <ListBoxItem id={i.id} className={u.option} textValue={i.name}>{i.name}{i.unit ? ` (${i.unit})` : ''}</ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </ComboBox>
  );
}

/** One number with its label, as in the admin counters. */
export function Counts({ items }: { items: { label: ReactNode; value: ReactNode }[] }) {
  return (
    <dl className={s.counts}>
      {items.map((i, n) => <div key={n}><dt>{i.label}</dt><dd>{i.value}</dd></div>)}
    </dl>
  );
}
