import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode, type RefObject } from 'react';
import { Trans, useLingui } from '@lingui/react/macro';
import { ApiError } from '../app/api';
import s from './records.module.css';

export type FieldErrors = Record<string, string>;

/** The element id of a form field by its key (the summary's links point at it). */
export const fieldIdOf = (prefix: string) => (key: string) => `${prefix}-${key.replace(/[^a-zA-Z0-9_-]/g, '_')}`;

/**
 * The errors of a long public form (a report, a complaint): the page's own, found on validation,
 * and the server's refusal naming fields, mapped to the form's keys by `serverKey`. A refusal that
 * names a field calls `onFieldRefused` (the form goes back from its review step to the fields).
 */
export function useFormErrors(o: { error: unknown; idPrefix: string; serverKey: (field: string) => string; onFieldRefused: () => void }) {
  const [errors, setErrors] = useState<FieldErrors>({});
  const summaryRef = useRef<HTMLDivElement>(null);
  const server = o.error instanceof ApiError ? o.error : undefined;
  const { onFieldRefused, idPrefix } = o;
  useEffect(() => {
    if (server && server.status < 500 && (server.field || server.fields.length)) onFieldRefused();
  }, [server, onFieldRefused]);

  const serverErrors: FieldErrors = {};
  if (server) {
    for (const x of server.fields.length ? server.fields : server.field ? [{ field: server.field, message: server.message }] : []) {
      serverErrors[o.serverKey(x.field)] = x.message;
    }
  }
  const clear = useCallback((key: string) => setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => k !== key))), []);
  const fieldId = useMemo(() => fieldIdOf(idPrefix), [idPrefix]);
  /** Sets the page's own errors; when there are any, moves the focus to the summary and says false. */
  const check = (found: FieldErrors): boolean => {
    setErrors(found);
    if (Object.keys(found).length === 0) return true;
    requestAnimationFrame(() => summaryRef.current?.focus());
    return false;
  };
  return { errors, all: { ...serverErrors, ...errors }, server, clear, check, fieldId, summaryRef };
}

/**
 * The list of what is missing or wrong at the top of the form: announced, each entry a link to its
 * field. The page's own messages name their field; the server's get the field's label in front.
 */
export function ErrorSummary({ all, own, labels, fieldId, summaryRef }: {
  all: FieldErrors; own: FieldErrors; labels: Record<string, string>; fieldId: (key: string) => string; summaryRef: RefObject<HTMLDivElement | null>;
}) {
  const listed = Object.entries(all);
  if (listed.length === 0) return null;
  return (
    <div ref={summaryRef} tabIndex={-1} role="alert" className={s.errorSummary}>
      <strong><Trans>Some answers are missing or not right:</Trans></strong>
      <ul>
        {listed.map(([key, message]) => (
          <li key={key}><a href={`#${fieldId(key)}`} onClick={(ev) => { ev.preventDefault(); focusField(fieldId(key)); }}>
            {!own[key] && labels[key] ? `${labels[key]}: ` : ''}{message}
          </a></li>
        ))}
      </ul>
    </div>
  );
}

/** From the list of errors to the field: its first input (a radio, a date part, a text box, a button). */
export function focusField(id: string) {
  const el = document.getElementById(id);
  const target = el?.querySelector<HTMLElement>('input:not([type=hidden]), textarea, button, [role=spinbutton]') ?? el;
  target?.focus();
  el?.scrollIntoView({ block: 'center' });
}

/** The steps of a public form (fill in, check and send, the code), the current one marked. */
export function FormSteps({ steps, current }: { steps: ReactNode[]; current: number }) {
  const { t } = useLingui();
  return (
    <ol className={s.steps} aria-label={t`Steps`}>
      {steps.map((label, i) => <li key={i} aria-current={i === current ? 'step' : undefined}>{label}</li>)}
    </ol>
  );
}
