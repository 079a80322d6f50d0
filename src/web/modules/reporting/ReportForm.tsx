import { useCallback, useRef, useState, type ReactNode } from 'react';
import { Trans, useLingui } from '@lingui/react/macro';
import { FieldError, Form, Label, Radio, RadioGroup, Text } from 'react-aria-components';
import { Button, Checkbox, ErrorAlert, Field, Notice, SelectField } from '../../ui/components';
import { DateField } from '../../ui/DateField';
import { todayIso } from '../../ui/format';
import { ErrorSummary, fieldIdOf, FormSteps, useFormErrors, type FieldErrors } from '../../ui/FormErrors';
import { Answers, CategoryName, FilePicker, formatSize, useLocalText, type FileLimits } from './components';
import { CATEGORY_LABELS, DEFAULT_FILE_LIMITS, IDENTITY_EXPLAINED, IDENTITY_LABELS } from './labels';
import type { IdentityMode, NewReport, Question, Recipient } from './types';
import s from './styles';

const MODES: IdentityMode[] = ['named', 'confidential', 'anonymous'];

export interface Questionnaire {
  questions: Question[];
  categories: string[];
  recipients?: Recipient[];
  files?: FileLimits;
}

const fieldId = fieldIdOf('report-field');

/**
 * The questionnaire of a report, used on the public reporting page and by the confidential
 * counsellor who files for someone: how the reporter wants to be known, the organisation's
 * questions, a category, recipients to leave out and attachments; then a review step, then
 * `onSubmit`. Missing answers are listed at the top (announced, each a link to its field) and
 * marked at the field; so are the server's refusals.
 */
export function ReportForm({ questionnaire, onBehalf = false, onSubmit, pending, error, submitLabel }: {
  questionnaire: Questionnaire;
  /** A confidential counsellor fills it in for the person who came to them. */
  onBehalf?: boolean;
  onSubmit: (report: NewReport, files: File[]) => void;
  pending: boolean;
  error: unknown;
  submitLabel?: ReactNode;
}) {
  const { t, i18n } = useLingui();
  const text = useLocalText();
  const [step, setStep] = useState<'form' | 'review'>('form');
  const [mode, setMode] = useState<IdentityMode | ''>('');
  const [name, setName] = useState('');
  const [contact, setContact] = useState('');
  const [category, setCategory] = useState('');
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [exclude, setExclude] = useState<string[]>([]);
  const [files, setFiles] = useState<File[]>([]);
  const reviewRef = useRef<HTMLHeadingElement>(null);
  const limits = questionnaire.files ?? DEFAULT_FILE_LIMITS;
  const recipients = questionnaire.recipients ?? [];
  const backToForm = useCallback(() => setStep('form'), []);
  const fe = useFormErrors({
    error, idPrefix: 'report-field', onFieldRefused: backToForm,
    serverKey: (field) => field.replace(/^report\./, '').replace(/^answers\./, 'q:'),
  });
  const { all: allErrors, clear, server } = fe;

  const validate = (): FieldErrors => {
    const e: FieldErrors = {};
    if (!mode) e.identityMode = onBehalf ? t`Choose how the person wants to report.` : t`Choose how you want to report.`;
    if ((mode === 'named' || mode === 'confidential') && !name.trim()) e.name = onBehalf ? t`Enter the person's name.` : t`Enter your name.`;
    for (const q of questionnaire.questions) {
      const question = text(q.label);
      if (q.required && !(answers[q.id] ?? '').trim()) e[`q:${q.id}`] = t`Answer this question: ${question}`;
    }
    return e;
  };

  const toReview = () => {
    if (!fe.check(validate())) return;
    setStep('review');
    requestAnimationFrame(() => reviewRef.current?.focus());
  };

  const body = (): NewReport => ({
    identityMode: mode as IdentityMode,
    ...(mode !== 'anonymous' && name.trim() ? { name: name.trim() } : {}),
    ...(mode !== 'anonymous' && contact.trim() ? { contact: contact.trim() } : {}),
    ...(category ? { category: category as NonNullable<NewReport['category']> } : {}),
    answers: Object.fromEntries(Object.entries(answers).filter(([, v]) => v.trim() !== '')),
    exclude,
  });

  const labels: Record<string, string> = {
    identityMode: onBehalf ? t`How the person wants to report` : t`How you want to report`,
    name: t`Name`,
    ...Object.fromEntries(questionnaire.questions.map((q) => [`q:${q.id}`, text(q.label)])),
  };

  if (step === 'review') {
    const mine = body();
    const qs = questionnaire.questions.map((q) => ({ questionId: q.id, label: q.label, kind: q.kind, value: choiceLabel(q, mine.answers[q.id], text) }));
    return (
      <section aria-labelledby="report-review">
        <Steps step={2} />
        <h2 id="report-review" ref={reviewRef} tabIndex={-1}><Trans>Check your report before you send it</Trans></h2>
        <p><Trans>This is what the recipients will read. Change what is not right, then send the report.</Trans></p>
        <dl className={s.summary}>
          <dt><Trans>How</Trans></dt>
          <dd>{i18n._(IDENTITY_LABELS[mine.identityMode])}</dd>
          {mine.name && <><dt><Trans>Name</Trans></dt><dd>{mine.name}</dd></>}
          {mine.contact && <><dt><Trans>Contact</Trans></dt><dd>{mine.contact}</dd></>}
          <dt><Trans>Category</Trans></dt>
          <dd><CategoryName category={mine.category} /></dd>
          {exclude.length > 0 && (
            <>
              <dt><Trans>Not to receive it</Trans></dt>
              <dd>{recipients.filter((r) => exclude.includes(r.id)).map((r) => r.displayName).join(', ')}</dd>
            </>
          )}
          <dt><Trans>Attachments</Trans></dt>
          <dd>{files.length === 0 ? <Trans>None</Trans> : files.map((f) => `${f.name} (${formatSize(f.size, i18n.locale)})`).join(', ')}</dd>
        </dl>
        <h3><Trans>Your answers</Trans></h3>
        <Answers answers={qs} />
        {mine.identityMode === 'anonymous' && (
          <Notice kind="warning">
            <Trans>You chose to report anonymously. Check that your text and your files do not give away who you are (your name, your function, details only you know, the author of a document).</Trans>
          </Notice>
        )}
        <ErrorAlert error={error} />
        <div className={s.questionTools}>
          <Button variant="secondary" onPress={() => setStep('form')} isDisabled={pending}><Trans>Change the report</Trans></Button>
          <Button onPress={() => onSubmit(mine, files)} isDisabled={pending}>{submitLabel ?? <Trans>Send the report</Trans>}</Button>
        </div>
        {pending && <p role="status"><Trans>Sending, please wait…</Trans></p>}
      </section>
    );
  }

  return (
    <Form onSubmit={(e) => { e.preventDefault(); toReview(); }} validationBehavior="aria">
      <Steps step={1} />
      <ErrorSummary all={allErrors} own={fe.errors} labels={labels} fieldId={fieldId} summaryRef={fe.summaryRef} />
      {server && !server.field && server.fields.length === 0 && <ErrorAlert error={server} />}

      <h2 id="report-how">{onBehalf ? <Trans>How does the person want to report?</Trans> : <Trans>How do you want to report?</Trans>} <span className={s.required} aria-hidden="true">*</span></h2>
      <RadioGroup value={mode} onChange={(v) => { setMode(v as IdentityMode); clear('identityMode'); }} aria-labelledby="report-how"
        isRequired isInvalid={!!allErrors.identityMode} validationBehavior="aria" className={s.group} id={fieldId('identityMode')}>
        <div className={s.choices}>
          {MODES.map((m) => (
            <Radio key={m} value={m} className={s.choice}>
              <span className={s.radio} aria-hidden="true" />
              <span>
                <strong>{i18n._(IDENTITY_LABELS[m])}</strong>
                <span>{i18n._(IDENTITY_EXPLAINED[m])}</span>
              </span>
            </Radio>
          ))}
        </div>
        <FieldError className={s.fieldError}>{allErrors.identityMode}</FieldError>
      </RadioGroup>

      {(mode === 'named' || mode === 'confidential') && (
        <div className={s.narrow}>
          <Field label={onBehalf ? t`The person's name` : t`Your name`} value={name} onChange={setName} isRequired maxLength={200}
            autoComplete={onBehalf ? 'off' : 'name'} error={allErrors.name} />
          <Field label={t`How can the recipient reach you? (optional)`} value={contact} onChange={setContact} maxLength={500}
            description={onBehalf
              ? t`A telephone number or e-mail address of the person, if they want to be contacted other than through the receipt code.`
              : t`A telephone number or private e-mail address, if you want to be contacted other than through your receipt code.`}
            error={allErrors.contact} />
        </div>
      )}

      <h2><Trans>What do you want to report?</Trans></h2>
      <p className={s.muted}><Trans>Questions marked with * must be answered. Answer the others if you can.</Trans></p>
      <div className={s.narrow}>
        {questionnaire.questions.map((q) => (
          <QuestionField key={q.id} question={q} value={answers[q.id] ?? ''} error={allErrors[`q:${q.id}`]}
            onChange={(v) => { setAnswers((a) => ({ ...a, [q.id]: v })); clear(`q:${q.id}`); }} />
        ))}
        {questionnaire.categories.length > 0 && (
          <SelectField label={t`Which kind of violation is it, in your view? (optional)`} value={category} onChange={setCategory}
            description={t`Used for the yearly figures. Choose "Something else" if you are not sure.`}
            options={[{ id: '', label: t`Not given` }, ...questionnaire.categories.map((c) => ({ id: c, label: CATEGORY_LABELS[c] ? i18n._(CATEGORY_LABELS[c]) : c }))]}
            error={allErrors.category} />
        )}
      </div>

      {recipients.length > 0 && (
        <>
          <h2><Trans>Does the report concern one of the recipients?</Trans></h2>
          <p>
            <Trans>These people receive reports. If your report concerns one of them, tick that person: they will not receive it and will not be able to see it. When none of the usual recipients is left, the alternate recipient receives it.</Trans>
          </p>
          <div role="group" aria-label={t`Recipients who must not receive the report`} id={fieldId('exclude')}>
            {recipients.map(({ id: rid, displayName: name }) => (
              <Checkbox key={rid} isSelected={exclude.includes(rid)}
                onChange={(v) => setExclude((x) => (v ? [...x, rid] : x.filter((id) => id !== rid)))}>
                {t`The report concerns ${name}`}
              </Checkbox>
            ))}
          </div>
          {allErrors.exclude && <p className={s.fieldError}>{allErrors.exclude}</p>}
        </>
      )}

      <h2><Trans>Attachments</Trans></h2>
      <div className={s.narrow}>
        <FilePicker files={files} onChange={setFiles} limits={limits} label={<Trans>Add files (optional)</Trans>}
          description={onBehalf ? undefined : <Trans>Documents or photos that support your report.</Trans>} />
        {allErrors.files && <p className={s.fieldError}>{allErrors.files}</p>}
      </div>

      <Button type="submit"><Trans>Next: check your report</Trans></Button>
    </Form>
  );
}

function choiceLabel(q: Question, v: string | undefined, text: (t: Question['label']) => string): string | null {
  if (!v) return null;
  if (q.kind !== 'choice') return v;
  const o = q.options?.find((x) => x.id === v);
  return o ? text(o.label) || v : v;
}

function Steps({ step }: { step: 1 | 2 }) {
  return <FormSteps current={step - 1} steps={[<Trans key="1">1. Your report</Trans>, <Trans key="2">2. Check and send</Trans>, <Trans key="3">3. Your receipt code</Trans>]} />;
}

/** One question of the organisation's questionnaire, in the kind it was configured with. */
function QuestionField({ question: q, value, onChange, error }: { question: Question; value: string; onChange: (v: string) => void; error?: string }) {
  const { t } = useLingui();
  const text = useLocalText();
  const label = text(q.label);
  const help = q.help ? text(q.help) : undefined;
  const id = fieldId(`q:${q.id}`);
  const labelNode = <>{label}{q.required && <> <span className={s.required} aria-hidden="true">*</span></>}</>;
  if (q.kind === 'date') {
    return (
      <div id={id}>
        <DateField label={labelNode} value={value} onChange={onChange} isRequired={q.required} error={error} description={help} max={todayIso()} />
      </div>
    );
  }
  if (q.kind === 'choice') {
    return (
      <RadioGroup id={id} value={value} onChange={onChange} isRequired={q.required} isInvalid={!!error} validationBehavior="aria" className={s.group}>
        <Label className={s.groupLabel}>{labelNode}</Label>
        {help && <Text slot="description" className={`${s.small} ${s.muted}`}>{help}</Text>}
        <div className={s.inlineChoices}>
          {(q.options ?? []).map((o) => (
            <Radio key={o.id} value={o.id} className={s.inlineChoice}>
              <span className={s.radio} aria-hidden="true" />
              {text(o.label)}
            </Radio>
          ))}
          {!q.required && value && <Button variant="quiet" onPress={() => onChange('')}>{t`Clear the answer`}</Button>}
        </div>
        <FieldError className={s.fieldError}>{error}</FieldError>
      </RadioGroup>
    );
  }
  return (
    <div id={id}>
      <Field className={q.kind === 'longtext' ? s.textarea : undefined} label={labelNode} value={value} onChange={onChange} isRequired={q.required}
        multiline={q.kind === 'longtext'} maxLength={q.kind === 'longtext' ? 20_000 : 500} description={help} error={error} />
    </div>
  );
}
