import { useState } from 'react';
import { Trans, useLingui } from '@lingui/react/macro';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Form } from 'react-aria-components';
import { ApiError } from '../../app/api';
import { useOrg } from '../../app/context';
import { DateField } from '../../ui/DateField';
import { Button, DialogActions, ErrorAlert, Field, Loading, ModalDialog, useFormat } from '../../ui/components';
import { todayIso } from '../../ui/format';
import { adviceKeys, readProtection, recordMeasure, reprisalHandled } from './advice-api';
import { keys } from './api';
import type { ReportView } from './types';
import { useVault } from '../../app/vault';
import s from './styles';

/**
 * Protection against reprisals on the case page (recipients, and the counsellor who filed the
 * report): the measures taken, the reporter's answers to the check-ins and the reprisals they
 * reported, flagged until a recipient deals with them.
 */
export function ProtectionSection({ report }: { report: ReportView }) {
  const { orgId } = useOrg();
  const { t } = useLingui();
  const f = useFormat();
  const qc = useQueryClient();
  const withVault = useVault();
  const [recording, setRecording] = useState(false);
  const [done, setDone] = useState('');
  const allowed = report.roles.includes('recipient') || report.roles.includes('counsellor');
  const q = useQuery({ queryKey: adviceKeys.protection(orgId, report.id), queryFn: () => withVault(() => readProtection(orgId, report.id)), enabled: allowed });
  const handled = useMutation({
    mutationFn: (id: string) => withVault(() => reprisalHandled(orgId, report.id, id)),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: keys.report(orgId, report.id) });
      void qc.invalidateQueries({ queryKey: ['org', orgId, 'home'] });
      setDone(t`Marked as dealt with.`);
    },
  });
  if (!allowed) return null;
  const p = q.data;
  const unhandled = p?.unhandled ?? 0;
  return (
    <section aria-labelledby="case-protection" className={s.section}>
      <h2 id="case-protection"><Trans>Protection against reprisals</Trans></h2>
      <p role="status">{done}</p>
      <ErrorAlert error={q.error ?? handled.error} />
      {q.isPending ? <Loading /> : p && (
        <>
          {p.unhandled > 0 && (
            <p className={s.unread}>{p.unhandled === 1 ? t`1 reprisal reported waits for you` : t`${unhandled} reprisals reported wait for you`}</p>
          )}
          <h3><Trans>What the reporter told</Trans></h3>
          {p.reprisals.length === 0 ? <p className={s.muted}><Trans>The reporter has not answered a question about reprisals yet.</Trans></p> : (
            <ul className={s.story}>
              {p.reprisals.map((x) => {
                const on = f.date(x.answeredOn);
                const months = x.checkMonths;
                const dealt = x.handledOn ? f.date(x.handledOn) : '';
                return (
                  <li key={x.id}>
                    {f.date(x.answeredOn)}: {months === null ? t`reported a reprisal` : x.suffered ? t`after ${months} months: suffered reprisals` : t`after ${months} months: no reprisals`}
                    {x.description && <div className={s.prose}>{x.description}</div>}
                    {x.suffered && (x.handledOn
                      ? <span className={`${s.small} ${s.muted}`}> · <Trans>dealt with on {dealt}</Trans>{x.handledBy && <> · {x.handledBy}</>}</span>
                      : p.canRecord && <Button variant="quiet" onPress={() => { setDone(''); handled.mutate(x.id); }} isDisabled={handled.isPending} aria-label={t`Mark the reprisal of ${on} as dealt with`}><Trans>Mark as dealt with</Trans></Button>)}
                  </li>
                );
              })}
            </ul>
          )}
          {p.checks.length > 0 && (
            <>
              <h3><Trans>Questions to the reporter</Trans></h3>
              <ul className={s.story}>
                {p.checks.map((c) => {
                  const due = f.date(c.dueOn);
                  const months = c.months;
                  return <li key={c.months}>{c.answered ? t`After ${months} months (${due}): answered` : t`After ${months} months (${due}): not answered yet`}</li>;
                })}
              </ul>
            </>
          )}
          <h3><Trans>Protective measures</Trans></h3>
          {p.measures.length === 0 ? <p className={s.muted}><Trans>No protective measures recorded.</Trans></p> : (
            <ul className={s.story}>
              {p.measures.map((m) => (
                <li key={m.id}>{f.date(m.takenOn)}{m.recordedBy && <> · {m.recordedBy}</>}<div className={s.prose}>{m.description}</div></li>
              ))}
            </ul>
          )}
          {p.canRecord && <Button variant="secondary" onPress={() => { setDone(''); setRecording(true); }}><Trans>Record a protective measure</Trans></Button>}
          {recording && <MeasureDialog report={report} onClose={() => setRecording(false)} onDone={(m) => { setRecording(false); setDone(m); }} />}
        </>
      )}
    </section>
  );
}

function MeasureDialog({ report, onClose, onDone }: { report: ReportView; onClose: () => void; onDone: (m: string) => void }) {
  const { orgId } = useOrg();
  const { t } = useLingui();
  const qc = useQueryClient();
  const withVault = useVault();
  const today = todayIso();
  const [description, setDescription] = useState('');
  const [takenOn, setTakenOn] = useState(today);
  const save = useMutation({
    mutationFn: () => withVault(() => recordMeasure(orgId, report.id, { description, takenOn })),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: keys.report(orgId, report.id) });
      onDone(t`The protective measure is recorded.`);
    },
  });
  const err = save.error instanceof ApiError ? save.error : undefined;
  return (
    <ModalDialog isOpen onOpenChange={(o) => { if (!o) onClose(); }} title={t`Record a protective measure`}>
      {(close) => (
        <Form onSubmit={(e) => { e.preventDefault(); save.mutate(); }}>
          <p><Trans>For example a change of team or supervisor, or an instruction to a chief. Only the recipients of the report read it.</Trans></p>
          {err && !err.field && <ErrorAlert error={err} />}
          <Field className={s.textarea} label={t`Measure`} value={description} onChange={setDescription} multiline isRequired maxLength={5000} error={err?.fieldMessage('description')} autoFocus />
          <DateField label={t`Taken on`} value={takenOn} onChange={setTakenOn} isRequired max={today} error={err?.fieldMessage('takenOn')} />
          <DialogActions>
            <Button variant="secondary" onPress={close}><Trans>Cancel</Trans></Button>
            <Button type="submit" isDisabled={save.isPending || description.trim() === ''}><Trans>Record the measure</Trans></Button>
          </DialogActions>
        </Form>
      )}
    </ModalDialog>
  );
}
