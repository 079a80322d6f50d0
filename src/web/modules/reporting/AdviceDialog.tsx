import { useState } from 'react';
import { Trans, useLingui } from '@lingui/react/macro';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Checkbox, CheckboxGroup, FieldError, Form, Label } from 'react-aria-components';
import { ApiError } from '../../app/api';
import { useOrg } from '../../app/context';
import { DateField } from '../../ui/DateField';
import { Button, DialogActions, ErrorAlert, Field, ModalDialog, Notice } from '../../ui/components';
import { todayIso } from '../../ui/format';
import { adviceKeys, askAdvice, type AdviceView } from './advice-api';
import { keys } from './api';
import { addDays } from './dates';
import type { ReportView } from './types';
import { useVault } from '../../app/vault';
import s from './styles';

/**
 * Asking members of the core group for advice: who, the question, and until when they may read the
 * report (14 days by default). Each member sees this report only, until that day or their advice.
 */
export function AdviceDialog({ report, advice, onClose, onDone }: { report: ReportView; advice: AdviceView; onClose: () => void; onDone: (m: string) => void }) {
  const { orgId } = useOrg();
  const { t } = useLingui();
  const qc = useQueryClient();
  const withVault = useVault();
  const today = todayIso();
  const [userIds, setUserIds] = useState<string[]>([]);
  const [question, setQuestion] = useState('');
  const [until, setUntil] = useState(addDays(today, 14) ?? today);
  const [missing, setMissing] = useState(false);
  const ask = useMutation({
    mutationFn: () => withVault(() => askAdvice(orgId, report.id, { userIds, question, until })),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: keys.report(orgId, report.id) });
      onDone(t`The advice is asked. The members are told by mail and can read the report until the end date.`);
    },
  });
  const err = ask.error instanceof ApiError ? ask.error : undefined;
  const memberError = missing ? t`Choose at least one member of the core group.` : err?.field?.startsWith('userIds') ? err.message : undefined;
  const reference = report.reference;
  return (
    <ModalDialog isOpen onOpenChange={(o) => { if (!o) onClose(); }} title={t`Ask the core group for advice on report ${reference}`}>
      {(close) => (
        <Form onSubmit={(e) => { e.preventDefault(); if (userIds.length === 0) { setMissing(true); return; } ask.mutate(); }}>
          <p><Trans>The members you choose can read this report, and only this one, until the end date or until they give their advice. They take no decision: the decision stays with you.</Trans></p>
          {err && !err.field && <ErrorAlert error={err} />}
          {advice.candidates.length === 0 ? (
            <Notice kind="warning"><Trans>Nobody can be asked: no member of the core group without a part in this report.</Trans></Notice>
          ) : (
            <CheckboxGroup value={userIds} onChange={(v) => { setUserIds(v); setMissing(false); }} isRequired isInvalid={!!memberError} validationBehavior="aria" className={s.group}>
              <Label className={s.groupLabel}><Trans>Members of the core group</Trans></Label>
              {advice.candidates.map((c) => {
                const name = c.displayName;
                return (
                  // 'aria' here too: a checkbox takes the form's native validation otherwise, and the browser then blocks the submit with a bubble on a hidden input.
                  <Checkbox key={c.id} value={c.id} isDisabled={!c.hasKeyPair} validationBehavior="aria" className={s.inlineChoice}>
                    <span className={s.radio} aria-hidden="true" />
                    {c.hasKeyPair ? name : t`${name} (no personal key yet: they must sign in once with their password)`}
                  </Checkbox>
                );
              })}
              <FieldError className={s.fieldError}>{memberError}</FieldError>
            </CheckboxGroup>
          )}
          <Field className={s.textarea} label={t`Question`} value={question} onChange={setQuestion} multiline isRequired maxLength={20_000}
            description={t`What you want their advice on. They read it with the report.`} error={err?.fieldMessage('question')} />
          <DateField label={t`Until`} value={until} onChange={setUntil} isRequired min={today} max={addDays(today, 90) ?? undefined}
            description={t`The last day they can read the report (at most 90 days).`} error={err?.fieldMessage('until')} />
          <DialogActions>
            <Button variant="secondary" onPress={close}><Trans>Cancel</Trans></Button>
            <Button type="submit" isDisabled={ask.isPending || advice.candidates.length === 0}><Trans>Ask for advice</Trans></Button>
          </DialogActions>
        </Form>
      )}
    </ModalDialog>
  );
}

export const invalidateAdvice = (qc: ReturnType<typeof useQueryClient>, orgId: string, reportId: string) =>
  qc.invalidateQueries({ queryKey: adviceKeys.advice(orgId, reportId) });
