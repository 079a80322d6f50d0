import { useState, type ReactNode } from 'react';
import { Trans, useLingui } from '@lingui/react/macro';
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

/** One number with its label, as in the admin counters. */
export function Counts({ items }: { items: { label: ReactNode; value: ReactNode }[] }) {
  return (
    <dl className={s.counts}>
      {items.map((i, n) => <div key={n}><dt>{i.label}</dt><dd>{i.value}</dd></div>)}
    </dl>
  );
}
