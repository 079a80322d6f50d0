import { useRef, useState, type ReactNode } from 'react';
import { Trans, useLingui } from '@lingui/react/macro';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, get, post } from '../../app/api';
import { useOrg } from '../../app/context';
import { Button, ConfirmDialog, DialogActions, ErrorAlert, Field, ModalDialog, Notice, useFormat } from '../../ui/components';
import type { RedactionView, RetentionView } from '../../../server/modules/reporting/redaction-contract';
import { keys, reportUrl } from './api';
import type { ReportView } from './types';
import { useVault } from '../../app/vault';
import s from './styles';

/**
 * Redaction and retention on a report's page: masked passages shown as a "[masked]" badge with who
 * and when, the recipient's tools to mask a passage and to delete an original for good, the
 * reporter's check of their own copy against the hash, and the legal hold with the day of deletion.
 */

/** A text with its masked passages shown as a badge (the stored text holds a neutral mark there). */
export function MaskedText({ text, redaction }: { text: string; redaction?: RedactionView }) {
  const { t } = useLingui();
  if (!redaction || redaction.marks.length === 0) return <>{text}</>;
  const parts: ReactNode[] = [];
  let at = 0;
  redaction.marks.forEach((m, i) => {
    parts.push(text.slice(at, m.start));
    parts.push(<span key={i} className={s.masked}>{t`[masked]`}</span>);
    at = m.end;
  });
  parts.push(text.slice(at));
  return <>{parts}</>;
}

/** Who masked, when, whether the original is kept, and the fingerprint of the original. */
export function RedactionNote({ redaction, viewer }: { redaction?: RedactionView; viewer: 'reporter' | 'recipient' }) {
  const f = useFormat();
  if (!redaction) return null;
  const on = f.date(redaction.maskedOn);
  const by = redaction.maskedBy ?? '';
  const deleted = redaction.originalDeletedOn ? f.date(redaction.originalDeletedOn) : '';
  return (
    <span className={`${s.small} ${s.muted}`} style={{ display: 'block' }}>
      {viewer === 'recipient'
        ? <Trans>Personal data masked by {by} on {on}.</Trans>
        : redaction.originalKept
          ? <Trans>A recipient masked personal data in this text on {on} for other readers; you still see what you wrote.</Trans>
          : <Trans>A recipient masked personal data in this text on {on}.</Trans>}{' '}
      {redaction.originalKept
        ? (viewer === 'recipient' && <Trans>The original is kept until it is deleted for good.</Trans>)
        : <Trans>The original was deleted for good on {deleted}.</Trans>}{' '}
      <Trans>Fingerprint of the original (SHA-256):</Trans> <code className={s.hash}>{redaction.sha256}</code>
    </span>
  );
}

type Target = { target: 'answer' | 'message'; targetId: string; text: string; redaction?: RedactionView };

/** The recipient's tools on one answer or message: mask a passage, delete the original for good. */
export function RedactionTools({ report, item }: { report: ReportView; item: Target }) {
  const { t } = useLingui();
  const { orgId } = useOrg();
  const qc = useQueryClient();
  const withVault = useVault();
  const [open, setOpen] = useState(false);
  const [confirm, setConfirm] = useState(false);
  const area = useRef<HTMLTextAreaElement>(null);
  const [selection, setSelection] = useState<{ start: number; end: number } | null>(null);
  const refresh = () => { void qc.invalidateQueries({ queryKey: keys.report(orgId, report.id) }); };
  const mask = useMutation({
    mutationFn: (body: unknown) => withVault(() => post(`${reportUrl(orgId, report.id)}/redactions`, body, { revision: report.revision })),
    onSuccess: () => { setOpen(false); setSelection(null); refresh(); },
    onError: (e) => { if (e instanceof ApiError && e.isEditConflict) refresh(); },
  });
  const remove = useMutation({
    mutationFn: () => withVault(() => api('DELETE', `${reportUrl(orgId, report.id)}/redactions/${item.redaction!.id}/original`, undefined, { revision: report.revision })),
    onSuccess: () => { setConfirm(false); refresh(); },
    onError: (e) => { if (e instanceof ApiError && e.isEditConflict) refresh(); },
  });
  if (!report.roles.includes('recipient')) return null;
  const chosen = selection ? item.text.slice(selection.start, selection.end) : '';
  const readSelection = () => {
    const a = area.current;
    setSelection(a && a.selectionEnd > a.selectionStart ? { start: a.selectionStart, end: a.selectionEnd } : null);
  };
  const conflict = (e: unknown) => e instanceof ApiError && e.isEditConflict
    ? <Notice kind="warning"><Trans>The report changed in the meantime. The page now shows it as it is: check the text and try again.</Trans></Notice>
    : <ErrorAlert error={e} />;
  return (
    <span className={s.redactionTools}>
      <Button variant="quiet" onPress={() => { mask.reset(); setOpen(true); }}><Trans>Mask personal data</Trans></Button>
      {item.redaction?.originalKept && (
        <Button variant="quiet" onPress={() => { remove.reset(); setConfirm(true); }}><Trans>Delete the original for good</Trans></Button>
      )}
      <ModalDialog isOpen={open} onOpenChange={setOpen} title={t`Mask personal data`}>
        {(close) => (
          <>
            <p><Trans>Select the passage that holds personal data irrelevant to the case (a name, a telephone number, an address), then mask it. Every other reader of the report then sees only the masked text. The reporter keeps their original until you delete it for good; a fingerprint of it is kept so they can prove what they wrote.</Trans></p>
            <label className={s.groupLabel} htmlFor={`mask-${item.targetId}`}><Trans>Text</Trans></label>
            <textarea id={`mask-${item.targetId}`} ref={area} className={s.maskArea} readOnly value={item.text} rows={8}
              onSelect={readSelection} onKeyUp={readSelection} onMouseUp={readSelection} />
            <p className={`${s.small} ${s.muted}`} role="status">
              {selection ? <Trans>Selected: “{chosen}”</Trans> : <Trans>Nothing selected yet. Select with the mouse, or with Shift and the arrow keys.</Trans>}
            </p>
            {mask.error ? conflict(mask.error) : null}
            <DialogActions>
              <Button variant="secondary" onPress={close}><Trans>Cancel</Trans></Button>
              <Button variant="secondary" isDisabled={mask.isPending} onPress={() => mask.mutate({ target: item.target, targetId: item.targetId, whole: true })}>
                <Trans>Mask the whole text</Trans>
              </Button>
              <Button isDisabled={!selection || mask.isPending} onPress={() => selection && mask.mutate({ target: item.target, targetId: item.targetId, ranges: [selection] })}>
                <Trans>Mask the selection</Trans>
              </Button>
            </DialogActions>
          </>
        )}
      </ModalDialog>
      <ConfirmDialog isOpen={confirm} onOpenChange={setConfirm} title={t`Delete the original for good?`} danger
        confirmLabel={<Trans>Delete the original</Trans>} onConfirm={() => remove.mutate()} pending={remove.isPending}
        error={remove.error instanceof ApiError && remove.error.isEditConflict ? undefined : remove.error}>
        <p><Trans>Nobody, not even the reporter, will be able to read the masked passages again. Only the masked text and the fingerprint of the original remain, with which the reporter can still prove what they wrote.</Trans></p>
        {remove.error instanceof ApiError && remove.error.isEditConflict ? conflict(remove.error) : null}
      </ConfirmDialog>
    </span>
  );
}

/** The reporter checks their own copy of a text against the fingerprint kept of the original (computed in the browser). */
export function HashCheck({ sha256 }: { sha256: string }) {
  const { t } = useLingui();
  const [copy, setCopy] = useState('');
  const [result, setResult] = useState<'match' | 'differs' | 'unavailable' | null>(null);
  const check = async () => {
    if (!globalThis.crypto?.subtle) return setResult('unavailable');
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(copy));
    const hex = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
    setResult(hex === sha256 ? 'match' : 'differs');
  };
  return (
    <details className={s.small}>
      <summary><Trans>Check my own copy against the fingerprint</Trans></summary>
      <Field className={s.textarea} label={t`Your copy of the text`} value={copy} onChange={(v) => { setCopy(v); setResult(null); }} multiline maxLength={20_000}
        description={t`The check happens in your browser: your copy is not sent.`} />
      <Button variant="secondary" onPress={() => void check()} isDisabled={copy === ''}><Trans>Check</Trans></Button>
      <p role="status">
        {result === 'match' && <Trans>Your copy is exactly the original text.</Trans>}
        {result === 'differs' && <Trans>Your copy differs from the original text (even one space or line break counts).</Trans>}
        {result === 'unavailable' && <Trans>This browser cannot compute the fingerprint here. Compute the SHA-256 of your copy with another tool and compare.</Trans>}
      </p>
    </details>
  );
}

/** The report's retention: the day it will be deleted, or the legal hold that keeps it; an officer sets or lifts the hold. */
export function RetentionPanel({ report }: { report: ReportView }) {
  const { t } = useLingui();
  const f = useFormat();
  const { orgId } = useOrg();
  const qc = useQueryClient();
  const withVault = useVault();
  const url = `${reportUrl(orgId, report.id)}/retention`;
  const q = useQuery({ queryKey: [...keys.report(orgId, report.id), 'retention', report.revision], queryFn: () => withVault(() => get<RetentionView>(url)) });
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const hold = useMutation({
    mutationFn: (b: { hold: boolean; reason?: string }) =>
      withVault(() => post<RetentionView>(`${reportUrl(orgId, report.id)}/legal-hold`, b, { revision: q.data?.revision ?? report.revision })),
    onSuccess: () => { setOpen(false); setReason(''); void qc.invalidateQueries({ queryKey: keys.report(orgId, report.id) }); },
    onError: (e) => { if (e instanceof ApiError && e.isEditConflict) void qc.invalidateQueries({ queryKey: keys.report(orgId, report.id) }); },
  });
  const v = q.data;
  if (!v) return <ErrorAlert error={q.error} />;
  const months = v.retentionMonths;
  const on = v.legalHoldOn ? f.date(v.legalHoldOn) : '';
  const by = v.legalHoldBy ?? '';
  const err = hold.error instanceof ApiError ? hold.error : undefined;
  const deleteOn = v.deleteOn ? f.date(v.deleteOn) : '';
  return (
    <>
      {v.legalHold ? (
        <>
          <strong><Trans>Legal hold: the report is kept until the hold is lifted.</Trans></strong>
          <span className={`${s.small}`} style={{ display: 'block' }}><Trans>Set on {on} by {by}.</Trans> {v.legalHoldReason && <span className={s.prose}>{v.legalHoldReason}</span>}</span>
        </>
      ) : v.deleteOn ? (
        <Trans>Deleted automatically on {deleteOn} ({months} months after closure); only anonymous figures are kept.</Trans>
      ) : (
        <Trans>Deleted automatically {months} months after closure, unless a legal hold is set.</Trans>
      )}
      {v.canHold && (
        <span style={{ display: 'block' }}>
          {v.legalHold
            ? <Button variant="quiet" isDisabled={hold.isPending} onPress={() => hold.mutate({ hold: false })}><Trans>Lift the legal hold</Trans></Button>
            : <Button variant="quiet" onPress={() => { hold.reset(); setOpen(true); }}><Trans>Set a legal hold</Trans></Button>}
        </span>
      )}
      {!open && err && <ErrorAlert error={err} />}
      <ModalDialog isOpen={open} onOpenChange={setOpen} title={t`Set a legal hold`}>
        {(close) => (
          <>
            <p><Trans>A report under legal hold is not deleted at the end of its retention, for instance while a court case or an investigation of the Comité P needs it.</Trans></p>
            {err?.isEditConflict ? <Notice kind="warning"><Trans>The report changed in the meantime. Check it, then confirm again.</Trans></Notice> : err && !err.field && <ErrorAlert error={err} />}
            <Field className={s.textarea} label={t`Reason`} value={reason} onChange={setReason} multiline isRequired maxLength={5_000} error={err?.fieldMessage('reason')} />
            <DialogActions>
              <Button variant="secondary" onPress={close}><Trans>Cancel</Trans></Button>
              <Button isDisabled={hold.isPending || reason.trim() === ''} onPress={() => hold.mutate({ hold: true, reason })}><Trans>Set the legal hold</Trans></Button>
            </DialogActions>
          </>
        )}
      </ModalDialog>
    </>
  );
}
