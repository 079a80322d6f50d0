import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useMutation, useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { Form } from 'react-aria-components';
import { ApiError } from '../api';
import { Button, ErrorAlert, Field, Notice, PageHeader } from '../../ui/components';
import s from '../../ui/records.module.css';

/**
 * Public record pages opened with a code (the reporting receipt, the complaint status code). The
 * code is typed into a form and sent in a POST body, never in the address; the server answers with
 * a token that lives only in the page's memory. `close` forgets it and the record's cached reads.
 */
export function usePublicRecordToken(queryKey: QueryKey) {
  const qc = useQueryClient();
  const [token, setToken] = useState<string | null>(null);
  const [ended, setEnded] = useState(false);
  const keyText = JSON.stringify(queryKey);
  const close = useCallback((expired: boolean) => {
    qc.removeQueries({ queryKey: JSON.parse(keyText) as QueryKey });
    setToken(null);
    setEnded(expired);
  }, [qc, keyText]);
  const opened = useCallback((tk: string) => { setEnded(false); setToken(tk); }, []);
  return { token, ended, opened, close };
}

/** A token the server no longer knows (idle, or a restart): the visitor enters the code again. */
export const tokenGone = (sessionExpiredCode: string) => (e: unknown) =>
  e instanceof ApiError && (e.status === 401 || e.code === sessionExpiredCode);

/** Reads the record with its token; when the server no longer knows the token, the page's session ends. */
export function useTokenQuery<T>(o: { queryKey: QueryKey; queryFn: () => Promise<T>; gone: (e: unknown) => boolean; onClose: (expired: boolean) => void }) {
  const { gone: isGone, onClose } = o;
  const query = useQuery({ queryKey: o.queryKey, queryFn: o.queryFn, retry: (n, e) => !isGone(e) && n < 2 });
  const gone = isGone(query.error);
  useEffect(() => { if (gone) onClose(true); }, [gone, onClose]);
  return { query, gone };
}

export interface CodeFormProps {
  title: string;
  intro: ReactNode;
  /** Shown above the form (for example advice to use a private device). */
  before?: ReactNode;
  /** Shown when the visitor left or the session ended. */
  endedNotice: ReactNode;
  ended: boolean;
  label: string;
  description: string;
  inputMode?: 'numeric' | 'text';
  maxLength: number;
  submitLabel: ReactNode;
  /** The code as the server wants it, or null when what was typed cannot be one. */
  normalise: (typed: string) => string | null;
  invalidMessage: string;
  open: (code: string) => Promise<{ token: string }>;
  onOpened: (token: string) => void;
  /** The "lost your code?" paragraph. */
  footer: ReactNode;
}

/** The form that exchanges a code for a token. */
export function CodeForm(p: CodeFormProps) {
  const [code, setCode] = useState('');
  const [invalid, setInvalid] = useState<string | undefined>();
  const open = useMutation({
    mutationFn: (c: string) => p.open(c),
    onSuccess: (r) => { setCode(''); p.onOpened(r.token); },
  });
  const submit = () => {
    const c = p.normalise(code);
    if (!c) {
      setInvalid(p.invalidMessage);
      return;
    }
    setInvalid(undefined);
    open.mutate(c);
  };
  return (
    <>
      <PageHeader title={p.title}><p>{p.intro}</p></PageHeader>
      {p.before}
      {p.ended && <Notice kind="info" live>{p.endedNotice}</Notice>}
      <Form onSubmit={(e) => { e.preventDefault(); submit(); }} className={s.narrow}>
        <ErrorAlert error={open.error} />
        <Field label={p.label} value={code} onChange={setCode} isRequired inputMode={p.inputMode} autoComplete="off" maxLength={p.maxLength}
          description={p.description} error={invalid} autoFocus />
        <Button type="submit" isDisabled={open.isPending}>{p.submitLabel}</Button>
      </Form>
      <p className={`${s.section} ${s.small} ${s.muted}`}>{p.footer}</p>
    </>
  );
}
