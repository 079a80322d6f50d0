import { useState, type ReactNode } from 'react';
import { Trans, useLingui } from '@lingui/react/macro';
import { FieldError, Label, Radio, RadioGroup } from 'react-aria-components';
import { ApiError } from '../../app/api';
import { useOrg } from '../../app/context';
import { RecordStepDialog, useRecordStep } from '../../app/record-steps';
import { Field, Notice, SelectField } from '../../ui/components';
import { keys, reportUrl } from './api';
import { OUTCOME_LABELS, OUTCOMES } from './labels';
import type { ReportView } from './types';
import s from './styles';

export type CaseAction = 'acknowledge' | 'admissibility' | 'investigator' | 'feedback' | 'close';

/** A step on a report (useRecordStep): If-Match with the revision the page shows; a 409 reloads it. */
function useCaseStep(report: ReportView, path: string, onDone: (message: string) => void, done: string) {
  const { orgId } = useOrg();
  return useRecordStep({ url: `${reportUrl(orgId, report.id)}/${path}`, revision: report.revision, listKey: keys.all(orgId), recordKey: keys.report(orgId, report.id), onDone, done });
}

function StepDialog(p: Omit<Parameters<typeof RecordStepDialog>[0], 'conflict'>) {
  return (
    <RecordStepDialog {...p} conflict={<>
      <strong><Trans>Someone else acted on this report in the meantime.</Trans></strong>{' '}
      <Trans>The page now shows the report as it is. Check it, then confirm again if this step is still needed.</Trans>
    </>} />
  );
}

interface DialogProps {
  report: ReportView;
  onClose: () => void;
  onDone: (message: string) => void;
}

export function AcknowledgeDialog({ report, onClose, onDone }: DialogProps) {
  const { reference } = report;
  const { t } = useLingui();
  const step = useCaseStep(report, 'acknowledge', onDone, t`Receipt confirmed. The reporter sees it on the follow-up page.`);
  return (
    <StepDialog title={t`Confirm receipt of report ${reference}?`} onClose={onClose} onSubmit={() => step.mutate({})}
      pending={step.isPending} error={step.error} submitLabel={<Trans>Confirm receipt</Trans>}>
      <p><Trans>The reporter sees on the follow-up page that you received the report. The period for feedback on the follow-up starts today.</Trans></p>
    </StepDialog>
  );
}

export function AdmissibilityDialog({ report, onClose, onDone }: DialogProps) {
  const { reference } = report;
  const { t } = useLingui();
  const [choice, setChoice] = useState<'admissible' | 'inadmissible' | ''>(report.admissibility ?? '');
  const [reason, setReason] = useState(report.admissibilityReason ?? '');
  const [missing, setMissing] = useState(false);
  const step = useCaseStep(report, 'admissibility', onDone, t`The assessment of admissibility is recorded.`);
  const err = step.error instanceof ApiError ? step.error : undefined;
  return (
    <StepDialog title={t`Is report ${reference} admissible?`} onClose={onClose} pending={step.isPending} error={step.error}
      submitLabel={<Trans>Record the assessment</Trans>}
      onSubmit={() => { if (!choice) { setMissing(true); return; } step.mutate({ admissible: choice === 'admissible', ...(reason.trim() ? { reason } : {}) }); }}>
      <p><Trans>A report is admissible when it concerns a suspected integrity violation within the organisation that the law covers. Give the reason: it stays in the file.</Trans></p>
      <RadioGroup value={choice} onChange={(v) => { setChoice(v as 'admissible' | 'inadmissible'); setMissing(false); }} isRequired
        isInvalid={missing || !!err?.fieldMessage('admissible')} validationBehavior="aria" className={s.group}>
        <Label className={s.groupLabel}><Trans>Assessment</Trans></Label>
        <div className={s.inlineChoices}>
          <Radio value="admissible" className={s.inlineChoice}><span className={s.radio} aria-hidden="true" /><Trans>Admissible</Trans></Radio>
          <Radio value="inadmissible" className={s.inlineChoice}><span className={s.radio} aria-hidden="true" /><Trans>Inadmissible</Trans></Radio>
        </div>
        <FieldError className={s.fieldError}>{missing ? t`Choose admissible or inadmissible.` : err?.fieldMessage('admissible')}</FieldError>
      </RadioGroup>
      <Field className={s.textarea} label={t`Reason`} value={reason} onChange={setReason} multiline maxLength={5000} error={err?.fieldMessage('reason')}
        description={t`Only the recipients of the report read it.`} />
    </StepDialog>
  );
}

export function InvestigatorDialog({ report, onClose, onDone }: DialogProps) {
  const { reference } = report;
  const { t } = useLingui();
  const candidates = report.investigatorCandidates ?? [];
  const [userId, setUserId] = useState(report.investigator?.id ?? '');
  const step = useCaseStep(report, 'investigator', onDone, t`The investigator is appointed and can now open the report.`);
  const err = step.error instanceof ApiError ? step.error : undefined;
  return (
    <StepDialog title={t`Appoint an investigator for report ${reference}`} onClose={onClose} pending={step.isPending} error={step.error}
      submitLabel={<Trans>Appoint</Trans>} onSubmit={() => step.mutate({ userId })}>
      <p><Trans>The investigator receives access to this report only: its content, its files and the messages. People the reporter excluded cannot be chosen.</Trans></p>
      {candidates.length === 0 ? (
        <Notice kind="warning"><Trans>Nobody can be appointed: give someone the role of integrity investigator, and ask them to sign in once with their password so that their personal key exists.</Trans></Notice>
      ) : (
        <SelectField label={t`Investigator`} value={userId} onChange={setUserId} isRequired error={err?.fieldMessage('userId')}
          options={candidates.map(({ id, displayName: name, hasKeyPair }) => ({ id, label: hasKeyPair ? name : t`${name} (no personal key yet: access follows at their first sign-in)` }))} />
      )}
    </StepDialog>
  );
}

export function FeedbackDialog({ report, onClose, onDone }: DialogProps) {
  const { reference } = report;
  const { t } = useLingui();
  const [body, setBody] = useState('');
  const step = useCaseStep(report, 'feedback', onDone, t`The feedback is sent to the reporter.`);
  const err = step.error instanceof ApiError ? step.error : undefined;
  return (
    <StepDialog title={t`Give feedback on the follow-up of report ${reference}`} onClose={onClose} pending={step.isPending} error={step.error}
      submitLabel={<Trans>Send the feedback</Trans>} onSubmit={() => step.mutate({ body })}>
      <p><Trans>The law requires feedback to the reporter on the measures planned or taken and the reasons for them. The reporter reads it on the follow-up page; it counts as the feedback for the deadline.</Trans></p>
      <Field className={s.textarea} label={t`Feedback to the reporter`} value={body} onChange={setBody} multiline isRequired maxLength={20_000} error={err?.fieldMessage('body')} autoFocus />
    </StepDialog>
  );
}

export function CloseDialog({ report, onClose, onDone }: DialogProps) {
  const { reference } = report;
  const { t, i18n } = useLingui();
  const [outcome, setOutcome] = useState('');
  const [body, setBody] = useState('');
  const [missing, setMissing] = useState(false);
  const step = useCaseStep(report, 'close', onDone, t`The report is closed.`);
  const err = step.error instanceof ApiError ? step.error : undefined;
  return (
    <StepDialog title={t`Close report ${reference}`} onClose={onClose} pending={step.isPending} error={step.error} danger
      submitLabel={<Trans>Close the report</Trans>}
      onSubmit={() => { if (!outcome) { setMissing(true); return; } step.mutate({ outcome, ...(body.trim() ? { body } : {}) }); }}>
      <p><Trans>Closing ends the handling and stops the deadlines. The reporter can still read the messages with the receipt code.</Trans></p>
      <SelectField label={t`Outcome`} value={outcome} onChange={(v) => { setOutcome(v); setMissing(false); }} isRequired
        error={missing ? t`Choose an outcome.` : err?.fieldMessage('outcome')}
        options={OUTCOMES.map((o) => ({ id: o, label: i18n._(OUTCOME_LABELS[o]) }))} />
      <Field className={s.textarea} label={t`Message to the reporter (optional)`} value={body} onChange={setBody} multiline maxLength={20_000}
        description={t`Sent with the closure, for example the reasons of the outcome.`} error={err?.fieldMessage('body')} />
    </StepDialog>
  );
}

export const CASE_DIALOGS: Record<CaseAction, (p: DialogProps) => ReactNode> = {
  acknowledge: AcknowledgeDialog,
  admissibility: AdmissibilityDialog,
  investigator: InvestigatorDialog,
  feedback: FeedbackDialog,
  close: CloseDialog,
};
