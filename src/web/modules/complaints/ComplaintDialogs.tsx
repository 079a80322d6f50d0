import { useEffect, useState, type ReactNode } from 'react';
import { Trans, useLingui } from '@lingui/react/macro';
import { useQuery } from '@tanstack/react-query';
import { FieldError, Label, Radio, RadioGroup } from 'react-aria-components';
import { ApiError } from '../../app/api';
import { useOrg } from '../../app/context';
import { isConflict, RecordStepDialog, useRecordStep } from '../../app/record-steps';
import { Button, Checkbox, ErrorAlert, Field, Notice, SelectField } from '../../ui/components';
import { DateField } from '../../ui/DateField';
import { todayIso } from '../../ui/format';
import { complaintUrl, findStaff, keys, readOptions } from './api';
import { useThemeName } from './components';
import { DECISION_LABELS, DECISIONS, FORWARD_TARGET_LABELS, SERIOUSNESS_LABELS } from './labels';
import type { Action, ComplaintView, StaffHit } from './types';
import s from './styles';

export { isConflict };

export type DialogAction = Exclude<Action, 'document'>;

/** A step on a complaint (useRecordStep): If-Match with the revision the page shows; a 409 reloads it. */
function useStep(c: ComplaintView, path: string, onDone: (message: string) => void, done: string) {
  const { orgId } = useOrg();
  return useRecordStep({ url: `${complaintUrl(orgId, c.id)}/${path}`, revision: c.revision, listKey: keys.all(orgId), recordKey: keys.complaint(orgId, c.id), onDone, done });
}

function StepDialog(p: Omit<Parameters<typeof RecordStepDialog>[0], 'conflict'>) {
  return (
    <RecordStepDialog {...p} conflict={<>
      <strong><Trans>Someone else acted on this complaint in the meantime.</Trans></strong>{' '}
      <Trans>The page now shows the complaint as it is. Check it, then confirm again if this step is still needed.</Trans>
    </>} />
  );
}

interface DialogProps {
  complaint: ComplaintView;
  onClose: () => void;
  onDone: (message: string) => void;
}

const fe = (e: unknown, name: string) => (e instanceof ApiError ? e.fieldMessage(name) : undefined);

export function AcknowledgeDialog({ complaint: c, onClose, onDone }: DialogProps) {
  const { reference } = c;
  const { t } = useLingui();
  const step = useStep(c, 'acknowledge', onDone, t`Receipt is acknowledged. The complainant sees it on the status page.`);
  return (
    <StepDialog title={t`Acknowledge receipt of complaint ${reference}?`} onClose={onClose} onSubmit={() => step.mutate({})}
      pending={step.isPending} error={step.error} submitLabel={<Trans>Acknowledge receipt</Trans>}>
      <p><Trans>The complainant sees on the status page that the organisation received the complaint. If they gave an address, send them the acknowledgement too.</Trans></p>
    </StepDialog>
  );
}

export function TriageDialog({ complaint: c, onClose, onDone }: DialogProps) {
  const { reference } = c;
  const { orgId } = useOrg();
  const { t, i18n } = useLingui();
  const options = useQuery({ queryKey: keys.options(orgId), queryFn: () => readOptions(orgId) });
  const themeName = useThemeName(options.data?.themes);
  const [admissible, setAdmissible] = useState<'yes' | 'no' | ''>(c.admissible === null ? '' : c.admissible ? 'yes' : 'no');
  const [reason, setReason] = useState('');
  const [themes, setThemes] = useState<string[]>(c.themes);
  const [seriousness, setSeriousness] = useState<string>(c.seriousness ?? '');
  const [unitId, setUnitId] = useState(c.unit?.id ?? '');
  const [staff, setStaff] = useState<{ id: string; displayName: string; personnelNumber: string }[]>(c.staff);
  const [handler, setHandler] = useState(c.handler?.id ?? '');
  const [missing, setMissing] = useState<Record<string, string>>({});
  const step = useStep(c, 'triage', onDone, t`The triage is recorded.`);
  const err = step.error;
  const submit = () => {
    const m: Record<string, string> = {};
    if (!admissible) m.admissible = t`Choose admissible or inadmissible.`;
    if (admissible === 'no' && !reason.trim()) m.reason = t`Give the reason why the complaint is inadmissible.`;
    if (admissible === 'yes') {
      if (themes.length === 0) m.themes = t`Choose at least one theme.`;
      if (!seriousness) m.seriousness = t`Choose the seriousness.`;
      if (!handler) m.handlerUserId = t`Choose who handles the complaint.`;
    }
    setMissing(m);
    if (Object.keys(m).length) return;
    step.mutate(admissible === 'no'
      ? { admissible: false, reason: reason.trim() }
      : { admissible: true, themes, seriousness, unitId: unitId || null, staff: staff.map((x) => x.id), handlerUserId: handler });
  };
  const err2 = (k: string) => missing[k] ?? fe(err, k);
  const offered = (options.data?.themes ?? []).filter((th) => th.active || themes.includes(th.id));
  return (
    <StepDialog title={t`Triage complaint ${reference}`} onClose={onClose} onSubmit={submit} pending={step.isPending} error={err}
      submitLabel={<Trans>Record the triage</Trans>}>
      <ErrorAlert error={options.error} />
      <RadioGroup value={admissible} onChange={(v) => { setAdmissible(v as 'yes' | 'no'); setMissing({}); }} isRequired
        isInvalid={!!err2('admissible')} validationBehavior="aria" className={s.group}>
        <Label className={s.groupLabel}><Trans>Is the complaint admissible?</Trans></Label>
        <div className={s.inlineChoices}>
          <Radio value="yes" className={s.inlineChoice}><span className={s.radio} aria-hidden="true" /><Trans>Admissible</Trans></Radio>
          <Radio value="no" className={s.inlineChoice}><span className={s.radio} aria-hidden="true" /><Trans>Inadmissible</Trans></Radio>
        </div>
        <FieldError className={s.fieldError}>{err2('admissible')}</FieldError>
      </RadioGroup>
      {admissible === 'no' && (
        <>
          <p><Trans>An inadmissible complaint is closed. The complainant reads on the status page that it cannot be handled as a complaint.</Trans></p>
          <Field className={s.textarea} label={t`Reason`} value={reason} onChange={setReason} multiline isRequired maxLength={5000} error={err2('reason')} />
        </>
      )}
      {admissible === 'yes' && (
        <>
          <div role="group" aria-labelledby="triage-themes" className={s.group}>
            <p id="triage-themes" className={s.groupLabel}><Trans>Themes</Trans></p>
            {offered.map((th) => (
              <Checkbox key={th.id} isSelected={themes.includes(th.id)} onChange={(v) => setThemes((x) => (v ? [...x, th.id] : x.filter((y) => y !== th.id)))}>
                {themeName(th.id)}
              </Checkbox>
            ))}
            {err2('themes') && <p className={s.fieldError} role="alert">{err2('themes')}</p>}
          </div>
          <SelectField label={t`Seriousness`} value={seriousness} onChange={setSeriousness} isRequired error={err2('seriousness')}
            options={(['low', 'medium', 'high'] as const).map((x) => ({ id: x, label: i18n._(SERIOUSNESS_LABELS[x]!) }))} />
          <SelectField label={t`Unit concerned (optional)`} value={unitId} onChange={setUnitId} error={err2('unitId')}
            options={[{ id: '', label: t`No unit` }, ...(options.data?.units ?? []).map((u) => ({ id: u.id, label: u.name }))]} />
          <StaffPicker value={staff} onChange={setStaff} error={err2('staff')} />
          <HandlerField handlers={options.data?.handlers} value={handler} onChange={setHandler} error={err2('handlerUserId')} />
        </>
      )}
    </StepDialog>
  );
}

function HandlerField({ handlers, value, onChange, error }: {
  handlers: { id: string; displayName: string; hasKeyPair: boolean }[] | undefined; value: string; onChange: (v: string) => void; error?: string;
}) {
  const { t } = useLingui();
  if (handlers && handlers.length === 0) {
    return <Notice kind="warning"><Trans>Nobody can handle complaints yet: give someone the role of complaint handler, and ask them to sign in once with their password so that their personal key exists.</Trans></Notice>;
  }
  return (
    <SelectField label={t`Handler`} value={value} onChange={onChange} isRequired error={error}
      description={t`The handler sees this complaint only, with the complainant's details, and answers it.`}
      options={(handlers ?? []).map(({ id, displayName: name, hasKeyPair }) => ({ id, label: hasKeyPair ? name : t`${name} (no personal key yet: after their first sign-in, access follows when a coordinator opens the complaint, or from the escrow key)` }))} />
  );
}

/**
 * The staff members involved, chosen from the staff list: type a name or number, add from the
 * matches; the chosen ones are listed with a button to remove each.
 */
function StaffPicker({ value, onChange, error }: {
  value: { id: string; displayName: string; personnelNumber: string }[]; onChange: (v: { id: string; displayName: string; personnelNumber: string }[]) => void; error?: string;
}) {
  const { orgId } = useOrg();
  const { t } = useLingui();
  const [input, setInput] = useState('');
  const [term, setTerm] = useState('');
  useEffect(() => {
    const h = setTimeout(() => setTerm(input.trim()), 250);
    return () => clearTimeout(h);
  }, [input]);
  const q = useQuery({ queryKey: keys.staff(orgId, term), queryFn: () => findStaff(orgId, term), enabled: term.length >= 2 });
  const hits = (q.data ?? []).filter((h) => !value.some((v) => v.id === h.id));
  const add = (h: StaffHit) => { onChange([...value, { id: h.id, displayName: h.displayName, personnelNumber: h.personnelNumber }]); };
  return (
    <div className={s.group}>
      <p className={s.groupLabel} id="staff-involved"><Trans>Staff members involved (optional)</Trans></p>
      {value.length > 0 ? (
        <ul className={s.chips} aria-labelledby="staff-involved">
          {value.map((p) => {
            const name = p.displayName;
            return (
              <li key={p.id}>
                {name} ({p.personnelNumber})
                <Button variant="quiet" onPress={() => onChange(value.filter((x) => x.id !== p.id))} aria-label={t`Remove ${name}`}><Trans>Remove</Trans></Button>
              </li>
            );
          })}
        </ul>
      ) : <p className={`${s.small} ${s.muted}`}><Trans>Nobody chosen.</Trans></p>}
      <Field type="search" label={t`Find a staff member`} value={input} onChange={setInput} maxLength={100}
        description={t`Type at least two letters of a name, or a personnel number.`} error={error} />
      <ErrorAlert error={q.error} />
      {term.length >= 2 && q.data && (
        hits.length === 0 ? <p className={`${s.small} ${s.muted}`} role="status"><Trans>No staff member found.</Trans></p> : (
          <ul className={s.fileList} aria-label={t`Staff members found`}>
            {hits.map((h) => {
              const name = h.displayName;
              return (
                <li key={h.id}>
                  <span>{name} ({h.personnelNumber}){h.unit && <span className={s.muted}> · {h.unit}</span>}</span>
                  <Button variant="secondary" onPress={() => add(h)} aria-label={t`Add ${name}`}><Trans>Add</Trans></Button>
                </li>
              );
            })}
          </ul>
        )
      )}
    </div>
  );
}

export function AssignDialog({ complaint: c, onClose, onDone }: DialogProps) {
  const { reference } = c;
  const { orgId } = useOrg();
  const { t } = useLingui();
  const options = useQuery({ queryKey: keys.options(orgId), queryFn: () => readOptions(orgId) });
  const [handler, setHandler] = useState(c.handler?.id ?? '');
  const step = useStep(c, 'handler', onDone, t`The handler is changed. The previous handler no longer sees the complaint.`);
  return (
    <StepDialog title={t`Change the handler of complaint ${reference}`} onClose={onClose} onSubmit={() => step.mutate({ userId: handler })}
      pending={step.isPending} error={step.error} submitLabel={<Trans>Assign</Trans>}>
      <ErrorAlert error={options.error} />
      <p><Trans>The new handler gets access to this complaint; the previous one loses it.</Trans></p>
      <HandlerField handlers={options.data?.handlers} value={handler} onChange={setHandler} error={fe(step.error, 'userId')} />
    </StepDialog>
  );
}

export function ForwardDialog({ complaint: c, onClose, onDone }: DialogProps) {
  const { reference } = c;
  const { t, i18n } = useLingui();
  const [to, setTo] = useState('');
  const [note, setNote] = useState('');
  const [on, setOn] = useState(todayIso());
  const [missing, setMissing] = useState(false);
  const step = useStep(c, 'forward', onDone, t`The complaint is recorded as forwarded and closed for this desk.`);
  return (
    <StepDialog title={t`Forward complaint ${reference}`} onClose={onClose} pending={step.isPending} error={step.error} danger
      submitLabel={<Trans>Record the forwarding</Trans>}
      onSubmit={() => { if (!to) { setMissing(true); return; } step.mutate({ to, ...(note.trim() ? { note: note.trim() } : {}), ...(on ? { on } : {}) }); }}>
      <p><Trans>A complaint that another authority must handle (Comité P, the judicial or disciplinary authorities) is sent there and closed for this desk. Record when and to whom.</Trans></p>
      <SelectField label={t`Sent to`} value={to} onChange={(v) => { setTo(v); setMissing(false); }} isRequired
        error={missing ? t`Choose where the complaint was sent.` : fe(step.error, 'to')}
        options={Object.keys(FORWARD_TARGET_LABELS).map((x) => ({ id: x, label: i18n._(FORWARD_TARGET_LABELS[x]!) }))} />
      <DateField label={t`Sent on`} value={on} onChange={setOn} min={c.receivedOn} max={todayIso()} error={fe(step.error, 'on')} />
      <Field className={s.textarea} label={t`To whom exactly, and why (optional)`} value={note} onChange={setNote} multiline maxLength={5000} error={fe(step.error, 'note')}
        description={t`For example the prosecutor's office and its reference. Stored encrypted.`} />
    </StepDialog>
  );
}

export function NoteDialog({ complaint: c, onClose, onDone }: DialogProps) {
  const { reference } = c;
  const { t } = useLingui();
  const [kind, setKind] = useState<'note' | 'hearing'>('note');
  const [on, setOn] = useState(todayIso());
  const [body, setBody] = useState('');
  const step = useStep(c, 'entries', onDone, t`The entry is added to the file.`);
  return (
    <StepDialog title={t`Add to the file of complaint ${reference}`} onClose={onClose} pending={step.isPending} error={step.error}
      submitLabel={<Trans>Add</Trans>} onSubmit={() => step.mutate({ kind, body, ...(kind === 'hearing' && on ? { on } : {}) })}>
      <RadioGroup value={kind} onChange={(v) => setKind(v as 'note' | 'hearing')} className={s.group}>
        <Label className={s.groupLabel}><Trans>What do you add?</Trans></Label>
        <div className={s.inlineChoices}>
          <Radio value="note" className={s.inlineChoice}><span className={s.radio} aria-hidden="true" /><Trans>An investigation note</Trans></Radio>
          <Radio value="hearing" className={s.inlineChoice}><span className={s.radio} aria-hidden="true" /><Trans>A hearing record</Trans></Radio>
        </div>
      </RadioGroup>
      {kind === 'hearing' && <DateField label={t`Day of the hearing`} value={on} onChange={setOn} max={todayIso()} error={fe(step.error, 'on')} />}
      <Field className={s.textarea} label={kind === 'hearing' ? t`Record of the hearing` : t`Note`} value={body} onChange={setBody} multiline isRequired maxLength={20_000}
        error={fe(step.error, 'body')} description={t`Stored encrypted: only the coordinators and the handler read it.`} />
    </StepDialog>
  );
}

export function AnswerDialog({ complaint: c, onClose, onDone }: DialogProps) {
  const { reference } = c;
  const { t, i18n } = useLingui();
  const [decision, setDecision] = useState<string>(c.decision ?? '');
  const [text, setText] = useState(c.answer ?? c.answerDraft);
  const [missing, setMissing] = useState(false);
  const step = useStep(c, 'answer', onDone, t`The answer is sent. The complainant reads it on the status page.`);
  return (
    <StepDialog title={t`Answer complaint ${reference}`} onClose={onClose} pending={step.isPending} error={step.error}
      submitLabel={<Trans>Send the answer</Trans>}
      onSubmit={() => { if (!decision) { setMissing(true); return; } step.mutate({ decision, text }); }}>
      <p><Trans>The answer starts from the organisation's template in the complainant's language. The complainant reads it on the status page; you can download it as a letter (Word or PDF) once sent.</Trans></p>
      <SelectField label={t`Decision`} value={decision} onChange={(v) => { setDecision(v); setMissing(false); }} isRequired
        error={missing ? t`Choose the decision.` : fe(step.error, 'decision')}
        options={DECISIONS.map((d) => ({ id: d, label: i18n._(DECISION_LABELS[d]) }))} />
      <Field className={s.textarea} label={t`Answer to the complainant`} value={text} onChange={setText} multiline isRequired maxLength={20_000} error={fe(step.error, 'text')} />
    </StepDialog>
  );
}

export function CloseDialog({ complaint: c, onClose, onDone }: DialogProps) {
  const { reference } = c;
  const { t } = useLingui();
  const [measures, setMeasures] = useState('');
  const [lessons, setLessons] = useState('');
  const step = useStep(c, 'close', onDone, t`The complaint is closed.`);
  return (
    <StepDialog title={t`Close complaint ${reference}`} onClose={onClose} pending={step.isPending} error={step.error} danger
      submitLabel={<Trans>Close the complaint</Trans>}
      onSubmit={() => step.mutate({ ...(measures.trim() ? { measures: measures.trim() } : {}), ...(lessons.trim() ? { lessons: lessons.trim() } : {}) })}>
      <p><Trans>Closing ends the handling and stops the deadlines. Record what was done and what the organisation learns from it: they count in the yearly report.</Trans></p>
      <Field className={s.textarea} label={t`Measures taken (optional)`} value={measures} onChange={setMeasures} multiline maxLength={20_000} error={fe(step.error, 'measures')} />
      <Field className={s.textarea} label={t`Lessons learned (optional)`} value={lessons} onChange={setLessons} multiline maxLength={20_000} error={fe(step.error, 'lessons')} />
    </StepDialog>
  );
}

export const DIALOGS: Record<DialogAction, (p: DialogProps) => ReactNode> = {
  acknowledge: AcknowledgeDialog,
  triage: TriageDialog,
  assign: AssignDialog,
  forward: ForwardDialog,
  note: NoteDialog,
  answer: AnswerDialog,
  close: CloseDialog,
};
