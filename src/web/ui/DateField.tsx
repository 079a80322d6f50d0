import type { ReactNode } from 'react';
import {
  Button, Calendar, CalendarCell, CalendarGrid, DateInput, DatePicker, DateSegment, Dialog, FieldError, Group, Heading, Label,
  Popover, Text,
} from 'react-aria-components';
import { parseDate, type CalendarDate } from '@internationalized/date';
import ui from './ui.module.css';
import s from './DateField.module.css';

/** "2026-12-31" → a calendar date; anything else (empty, malformed) → null. */
export function toCalendarDate(v: string | null | undefined): CalendarDate | null {
  if (!v || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return null;
  try {
    return parseDate(v);
  } catch {
    return null;
  }
}

export interface DateFieldProps {
  label: ReactNode;
  /** The date as the API has it: "yyyy-mm-dd", or '' for none. */
  value: string;
  onChange: (v: string) => void;
  description?: ReactNode;
  /** A translated message (from the server) shown and announced below the field. */
  error?: string;
  isRequired?: boolean;
  isDisabled?: boolean;
  /** Earliest and latest allowed day ("yyyy-mm-dd"); out of range is announced as invalid. */
  min?: string;
  max?: string;
  name?: string;
  autoFocus?: boolean;
  className?: string;
}

/**
 * The one date input of the app (React Aria DatePicker): typed day, month and year in the
 * order and with the separators of the person's language (31/12/2026, 31.12.2026 — the
 * locale comes from the I18nProvider in main.tsx, not from the browser), each part a labelled
 * spin button, plus a calendar to pick from. Value in and out as ISO "yyyy-mm-dd" ('' for none).
 */
export function DateField({ label, value, onChange, description, error, isRequired, isDisabled, min, max, name, autoFocus, className }: DateFieldProps) {
  return (
    <DatePicker
      className={[ui.field, className].filter(Boolean).join(' ')}
      value={toCalendarDate(value)}
      onChange={(d) => onChange(d ? d.toString() : '')}
      minValue={toCalendarDate(min)}
      maxValue={toCalendarDate(max)}
      isRequired={isRequired}
      isDisabled={isDisabled}
      isInvalid={error ? true : undefined}
      name={name}
      autoFocus={autoFocus}
      granularity="day"
      shouldForceLeadingZeros
      validationBehavior="aria"
    >
      <Label className={ui.label}>{label}</Label>
      <Group className={s.group}>
        <DateInput className={s.input}>{(segment) => <DateSegment segment={segment} className={s.segment} />}</DateInput>
        <Button className={s.calendarButton}><span aria-hidden="true">▦</span></Button>
      </Group>
      {description && <Text slot="description" className={ui.description}>{description}</Text>}
      <FieldError className={ui.fieldError}>{error}</FieldError>
      <Popover className={s.popover} placement="bottom start">
        <Dialog className={s.dialog}>
          <Calendar className={s.calendar}>
            <header>
              <Button slot="previous" className={s.nav}><span aria-hidden="true">‹</span></Button>
              <Heading />
              <Button slot="next" className={s.nav}><span aria-hidden="true">›</span></Button>
            </header>
            <CalendarGrid className={s.grid}>{(date) => <CalendarCell date={date} className={s.cell} />}</CalendarGrid>
          </Calendar>
        </Dialog>
      </Popover>
    </DatePicker>
  );
}
