import { useState } from 'react';
import { Trans, useLingui } from '@lingui/react/macro';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FieldError, Form, Label, Radio, RadioGroup } from 'react-aria-components';
import { ApiError } from '../../app/api';
import { Button, ErrorAlert, Field, useFormat } from '../../ui/components';
import { answerReprisal, readPortalReprisals } from './advice-api';
import s from './styles';

/**
 * On the reporter's follow-up page: the question "Have you suffered reprisals since you reported?"
 * when a check-in of the organisation is due, and a way to report a reprisal at any time. What the
 * reporter writes is encrypted; only the recipients of the report read it.
 */
export function ReprisalPanel({ orgCode, locale, token, onGone }: { orgCode: string; locale: string; token: string; onGone: () => void }) {
  const { t } = useLingui();
  const f = useFormat();
  const key = ['public', 'reporting', 'portal', 'reprisals', orgCode, locale];
  const q = useQuery({ queryKey: key, queryFn: () => readPortalReprisals(orgCode, locale, token) });
  const due = q.data?.due ?? [];
  const latest = due.length ? due[due.length - 1] : null;
  const [reporting, setReporting] = useState(false);
  const [sent, setSent] = useState('');
  return (
    <section aria-labelledby="portal-reprisals" className={s.section}>
      <h2 id="portal-reprisals"><Trans>Protection against reprisals</Trans></h2>
      <p><Trans>The law protects you against reprisals because of your report, for example a transfer, a bad evaluation, exclusion or threats. Tell the recipient if it happens.</Trans></p>
      <p role="status">{sent}</p>
      <ErrorAlert error={q.error} />
      {latest && <ReprisalForm key={`check-${latest.months}`} orgCode={orgCode} locale={locale} token={token} months={latest.months} onGone={onGone}
        onSent={(m) => setSent(m)} queryKey={key} />}
      {!latest && (reporting
        ? <ReprisalForm key="any" orgCode={orgCode} locale={locale} token={token} months={null} onGone={onGone} onSent={(m) => { setReporting(false); setSent(m); }} queryKey={key} />
        : <Button variant="secondary" onPress={() => { setSent(''); setReporting(true); }}><Trans>Report a reprisal</Trans></Button>)}
      {(q.data?.answers.length ?? 0) > 0 && (
        <>
          <h3><Trans>What you told</Trans></h3>
          <ul className={s.story}>
            {q.data!.answers.map((a, i) => <li key={i}>{f.date(a.answeredOn)}: {a.suffered ? t`reprisals` : t`no reprisals`}{a.description && <div className={s.prose}>{a.description}</div>}</li>)}
          </ul>
        </>
      )}
    </section>
  );
}

function ReprisalForm({ orgCode, locale, token, months, onGone, onSent, queryKey }: {
  orgCode: string; locale: string; token: string; months: number | null; onGone: () => void; onSent: (m: string) => void; queryKey: unknown[];
}) {
  const { t } = useLingui();
  const qc = useQueryClient();
  const [choice, setChoice] = useState<'' | 'no' | 'yes'>(months === null ? 'yes' : '');
  const [description, setDescription] = useState('');
  const [missing, setMissing] = useState(false);
  const send = useMutation({
    mutationFn: () => answerReprisal(orgCode, locale, token, { months, suffered: choice === 'yes', ...(choice === 'yes' ? { description } : {}) }),
    onSuccess: () => { void qc.invalidateQueries({ queryKey }); onSent(t`Thank you. Your answer has been sent to the recipient of your report.`); },
    onError: (e) => { if (e instanceof ApiError && e.status === 401) onGone(); },
  });
  const err = send.error instanceof ApiError ? send.error : undefined;
  return (
    <Form onSubmit={(e) => { e.preventDefault(); if (!choice) { setMissing(true); return; } send.mutate(); }} className={s.narrow}>
      {err && !err.field && <ErrorAlert error={err} />}
      {months !== null && (
        <RadioGroup value={choice} onChange={(v) => { setChoice(v as 'no' | 'yes'); setMissing(false); }} isRequired isInvalid={missing} validationBehavior="aria" className={s.group}>
          <Label className={s.groupLabel}><Trans>Have you suffered reprisals since you reported?</Trans></Label>
          <div className={s.inlineChoices}>
            <Radio value="no" className={s.inlineChoice}><span className={s.radio} aria-hidden="true" /><Trans>No</Trans></Radio>
            <Radio value="yes" className={s.inlineChoice}><span className={s.radio} aria-hidden="true" /><Trans>Yes</Trans></Radio>
          </div>
          <FieldError className={s.fieldError}>{missing ? t`Choose no or yes.` : undefined}</FieldError>
        </RadioGroup>
      )}
      {choice === 'yes' && (
        <Field className={s.textarea} label={t`What happened?`} value={description} onChange={setDescription} multiline isRequired maxLength={20_000}
          description={t`What was done to you, when and by whom, as far as you want to say. Only the recipient of your report reads it.`} error={err?.fieldMessage('description')} />
      )}
      <Button type="submit" isDisabled={send.isPending}><Trans>Send my answer</Trans></Button>
    </Form>
  );
}
