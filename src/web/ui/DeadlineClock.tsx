import { useLingui } from '@lingui/react/macro';
import { useFormat } from './components';
import s from './records.module.css';

/** A deadline as the platform's deadline service gives it to a page. */
export interface ClockDeadline { kind: string; dueOn: string; daysLeft: number; late?: boolean }

/**
 * The deadline clock: which step is due (`label`), and in words how many days are left or how late
 * it is; the colour (green, amber from three days, red when overdue) and the symbol only repeat the words.
 */
export function DeadlineClock({ deadline, label }: { deadline: ClockDeadline; label: string }) {
  const { t } = useLingui();
  const f = useFormat();
  const n = deadline.daysLeft;
  const tone = deadline.late || n < 0 ? 'overdue' : n <= 3 ? 'soon' : 'ok';
  const late = -n;
  const when = n < 0
    ? (late === 1 ? t`1 day overdue` : t`${late} days overdue`)
    : n === 0 ? t`due today` : n === 1 ? t`1 day left` : t`${n} days left`;
  const symbol = tone === 'overdue' ? '!' : tone === 'soon' ? '◔' : '○';
  return (
    <span className={`${s.clock} ${s[`clock-${tone}`]}`}>
      <span aria-hidden="true">{symbol}</span>
      <span>{label}: {when} ({f.date(deadline.dueOn)})</span>
    </span>
  );
}

/** A record's open deadlines, each named by `labelOf(kind)`; a dash when there are none. */
export function DeadlineClocks({ deadlines, labelOf }: { deadlines: readonly ClockDeadline[]; labelOf: (kind: string) => string }) {
  if (deadlines.length === 0) return <span className={s.muted}>—</span>;
  return <span className={s.clocks}>{deadlines.map((d) => <DeadlineClock key={d.kind} deadline={d} label={labelOf(d.kind)} />)}</span>;
}
