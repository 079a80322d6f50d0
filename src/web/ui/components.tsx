import { useEffect, useRef, type ReactNode } from 'react';
import {
  Button as AriaButton, type ButtonProps, Cell, Checkbox as AriaCheckbox, Column, Dialog, FieldError, Heading, Input, Label,
  ListBox, ListBoxItem, Modal, ModalOverlay, Popover, Row, Select, SelectValue, Table, TableBody, TableHeader, Text,
  TextArea, TextField, type Key, type SortDescriptor,
} from 'react-aria-components';
import { Trans, useLingui } from '@lingui/react/macro';
import { ApiError } from '../app/api';
import { formatDate, formatDateTime, formatNumber } from './format';
import s from './ui.module.css';

type Variant = 'primary' | 'secondary' | 'danger' | 'quiet';

export function Button({ variant = 'primary', className, ...props }: ButtonProps & { variant?: Variant }) {
  const v = variant === 'primary' ? '' : s[variant];
  return <AriaButton {...props} className={[s.button, v, className].filter(Boolean).join(' ')} />;
}

export const buttonClass = (variant: Variant = 'primary') => [s.button, variant === 'primary' ? '' : s[variant]].join(' ');

interface FieldProps {
  label: ReactNode;
  name?: string;
  value: string;
  onChange: (v: string) => void;
  description?: ReactNode;
  error?: string;
  /** Dates are entered with `DateField` (ui/DateField), never a native date input. */
  type?: 'text' | 'email' | 'password' | 'search' | 'number' | 'tel' | 'url';
  isRequired?: boolean;
  autoComplete?: string;
  inputMode?: 'numeric' | 'text' | 'email';
  maxLength?: number;
  multiline?: boolean;
  autoFocus?: boolean;
  isDisabled?: boolean;
  className?: string;
}

/** A labelled text input; `error` (a translated server message) is shown and announced next to it. */
export function Field({ label, description, error, multiline, className, ...p }: FieldProps) {
  return (
    <TextField
      className={[s.field, className].filter(Boolean).join(' ')}
      name={p.name}
      value={p.value}
      onChange={p.onChange}
      type={p.type}
      isRequired={p.isRequired}
      autoComplete={p.autoComplete}
      inputMode={p.inputMode}
      maxLength={p.maxLength}
      autoFocus={p.autoFocus}
      isDisabled={p.isDisabled}
      isInvalid={!!error}
      validationBehavior="aria"
    >
      <Label className={s.label}>{label}</Label>
      {multiline ? <TextArea className={s.input} /> : <Input className={s.input} />}
      {description && <Text slot="description" className={s.description}>{description}</Text>}
      <FieldError className={s.fieldError}>{error}</FieldError>
    </TextField>
  );
}

const NONE = '__none__';

export interface Option {
  id: string;
  label: string;
}

/** A labelled single choice (React Aria select: a button that opens a list box). */
export function SelectField({ label, options, value, onChange, error, description, isRequired, placeholder, className }: {
  label: ReactNode; options: Option[]; value: string; onChange: (v: string) => void; error?: string; description?: ReactNode;
  isRequired?: boolean; placeholder?: string; className?: string;
}) {
  const { t } = useLingui();
  // React Aria keys cannot be empty: an option for "none/all" (id '') gets a stand-in key.
  const items = options.map((o) => ({ ...o, key: o.id === '' ? NONE : o.id }));
  const hasNone = options.some((o) => o.id === '');
  return (
    <Select
      className={[s.field, className].filter(Boolean).join(' ')}
      selectedKey={value === '' ? (hasNone ? NONE : null) : value}
      onSelectionChange={(k: Key | null) => onChange(k == null || k === NONE ? '' : String(k))}
      isInvalid={!!error}
      isRequired={isRequired}
      placeholder={placeholder ?? t`Choose…`}
      validationBehavior="aria"
    >
      <Label className={s.label}>{label}</Label>
      <AriaButton className={s.selectButton}>
        <SelectValue />
        <span aria-hidden="true">▾</span>
      </AriaButton>
      {description && <Text slot="description" className={s.description}>{description}</Text>}
      <FieldError className={s.fieldError}>{error}</FieldError>
      <Popover className={s.popover}>
        <ListBox className={s.listBox} items={items}>
          {(o) => <ListBoxItem id={o.key} className={s.option} textValue={o.label}>{o.label}</ListBoxItem>}
        </ListBox>
      </Popover>
    </Select>
  );
}

export function Checkbox({ children, isSelected, onChange }: { children: ReactNode; isSelected: boolean; onChange: (v: boolean) => void }) {
  return (
    <AriaCheckbox className={s.checkbox} isSelected={isSelected} onChange={onChange}>
      <span className={s.box} aria-hidden="true">{isSelected ? '✓' : ''}</span>
      {children}
    </AriaCheckbox>
  );
}

/** An error from the API (or anything else), announced to screen readers. */
export function ErrorAlert({ error, title }: { error: unknown; title?: ReactNode }) {
  if (!error) return null;
  const message = error instanceof ApiError || error instanceof Error ? error.message : String(error);
  return (
    <div role="alert" className={s.alert}>
      {title && <strong>{title} </strong>}
      {message}
    </div>
  );
}

export function Notice({ kind = 'info', children, live = false }: { kind?: 'info' | 'success' | 'warning'; children: ReactNode; live?: boolean }) {
  return (
    <div className={`${s.alert} ${s[kind]}`} role={live ? 'status' : undefined}>
      {children}
    </div>
  );
}

export function Loading({ label }: { label?: ReactNode }) {
  return (
    <div className={s.loading} role="status">
      <span className={s.spinner} aria-hidden="true" />
      <span>{label ?? <Trans>Loading…</Trans>}</span>
    </div>
  );
}

export function EmptyState({ children }: { children: ReactNode }) {
  return <div className={s.empty}>{children}</div>;
}

/** Sets the tab title: "<page> – Kompas". */
export function useDocumentTitle(title: string) {
  useEffect(() => {
    document.title = title ? `${title} – Kompas` : 'Kompas';
  }, [title]);
}

let firstPage = true;

/** The page's one h1. After a client-side navigation it takes focus, so screen readers announce the new page. */
export function PageHeader({ title, actions, children }: { title: string; actions?: ReactNode; children?: ReactNode }) {
  useDocumentTitle(title);
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (firstPage) firstPage = false;
    else ref.current?.focus();
  }, []);
  return (
    <div className={s.pageHeader}>
      <div>
        <h1 ref={ref} tabIndex={-1}>{title}</h1>
        {children}
      </div>
      {actions && <div className={s.actions} data-print="hide">{actions}</div>}
    </div>
  );
}

export interface ColumnDef {
  id: string;
  name: ReactNode;
  isRowHeader?: boolean;
  allowsSorting?: boolean;
}

/** A data table (React Aria grid): keyboard navigable, sortable headers when asked. */
export function DataTable<T extends { id: string }>({ label, columns, rows, cells, sort, onSortChange, empty }: {
  label: string; columns: ColumnDef[]; rows: T[]; cells: (row: T) => ReactNode[];
  sort?: SortDescriptor; onSortChange?: (d: SortDescriptor) => void; empty?: ReactNode;
}) {
  return (
    <div className={s.tableWrap}>
      <Table aria-label={label} className={s.table} sortDescriptor={sort} onSortChange={onSortChange}>
        <TableHeader columns={columns}>
          {(c) => (
            <Column id={c.id} isRowHeader={c.isRowHeader} allowsSorting={c.allowsSorting}>
              {({ sortDirection }) => (
                <>
                  {c.name}
                  {c.allowsSorting && sortDirection && <span className={s.sortIcon} aria-hidden="true">{sortDirection === 'ascending' ? '▲' : '▼'}</span>}
                </>
              )}
            </Column>
          )}
        </TableHeader>
        <TableBody items={rows} renderEmptyState={() => empty ?? <EmptyTable />}>
          {(row) => (
            <Row id={row.id} columns={columns}>
              {(c) => <Cell>{cells(row)[columns.indexOf(c)]}</Cell>}
            </Row>
          )}
        </TableBody>
      </Table>
    </div>
  );
}

function EmptyTable() {
  return <div className={s.empty}><Trans>Nothing to show.</Trans></div>;
}

/** A modal dialog with a heading; `children` gets a close function. */
export function ModalDialog({ isOpen, onOpenChange, title, children, role = 'dialog' }: {
  isOpen: boolean; onOpenChange: (open: boolean) => void; title: ReactNode; role?: 'dialog' | 'alertdialog';
  children: (close: () => void) => ReactNode;
}) {
  return (
    <ModalOverlay className={s.overlay} isOpen={isOpen} onOpenChange={onOpenChange} isDismissable={role === 'dialog'}>
      <Modal className={s.modal}>
        <Dialog className={s.dialog} role={role}>
          {({ close }) => (
            <>
              <Heading slot="title">{title}</Heading>
              {children(close)}
            </>
          )}
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}

/** Asks before an action that cannot simply be undone. */
export function ConfirmDialog({ isOpen, onOpenChange, title, children, confirmLabel, onConfirm, danger, pending, error }: {
  isOpen: boolean; onOpenChange: (o: boolean) => void; title: ReactNode; children: ReactNode; confirmLabel: ReactNode;
  onConfirm: () => void; danger?: boolean; pending?: boolean; error?: unknown;
}) {
  return (
    <ModalDialog isOpen={isOpen} onOpenChange={onOpenChange} title={title} role="alertdialog">
      {(close) => (
        <>
          {children}
          <ErrorAlert error={error} />
          <div className={s.dialogActions}>
            <Button variant="secondary" onPress={close}><Trans>Cancel</Trans></Button>
            <Button variant={danger ? 'danger' : 'primary'} onPress={onConfirm} isDisabled={pending}>{confirmLabel}</Button>
          </div>
        </>
      )}
    </ModalDialog>
  );
}

export function DialogActions({ children }: { children: ReactNode }) {
  return <div className={s.dialogActions}>{children}</div>;
}

export function Card({ children, title }: { children: ReactNode; title?: ReactNode }) {
  return (
    <section className={s.card}>
      {title && <h2>{title}</h2>}
      {children}
    </section>
  );
}

export function Badge({ children }: { children: ReactNode }) {
  return <span className={s.badge}>{children}</span>;
}

export const layout = { grid2: s.grid2, filters: s.filters, dl: s.dl, actions: s.actions };

/**
 * Formats dates, timestamps and numbers in the person's language (ui/format.ts): 31/12/2026 in
 * Dutch, French and English, 31.12.2026 in German. Every page shows dates through this.
 */
export function useFormat() {
  const { i18n } = useLingui();
  const locale = i18n.locale;
  return {
    date: (v: string | null | undefined) => formatDate(v, locale),
    dateTime: (v: string | null | undefined) => formatDateTime(v, locale),
    number: (n: number) => formatNumber(n, locale),
  };
}
