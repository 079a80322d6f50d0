import { useCallback, useRef, useState } from 'react';
import { Trans, useLingui } from '@lingui/react/macro';
import { FieldError, Form, Radio, RadioGroup } from 'react-aria-components';
import { LOCALE_NAMES } from '../../app/i18n';
import { Button, Checkbox, ErrorAlert, Field, Notice, SelectField, useFormat } from '../../ui/components';
import { DateField } from '../../ui/DateField';
import { FilePicker, formatSize, type FileLimits } from '../../ui/FilePicker';
import { todayIso } from '../../ui/format';
import { ErrorSummary, FormSteps, useFormErrors, type FieldErrors } from '../../ui/FormErrors';
import type { Lang, PublicComplaintBody } from './types';
import s from './styles';


/**
 * The citizen's complaint: anonymous or with a name and a way to be reached, the language of the
 * answer, what happened, when, where, who was involved, files, the privacy notice and consent;
 * then a review step, then `onSubmit`. Missing answers are listed at the top (announced, each a
 * link to its field) and marked at the field; so are the server's refusals.
 */
export function ComplaintForm({ languages, limits, onSubmit, pending, error }: {
  languages: Lang[];
  limits: FileLimits;
  onSubmit: (complaint: PublicComplaintBody, files: File[]) => void;
  pending: boolean;
  error: unknown;
}) {
  const { t, i18n } = useLingui();
  const f = useFormat();
  const [step, setStep] = useState<'form' | 'review'>('form');
  const [who, setWho] = useState<'named' | 'anonymous' | ''>('');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const [address, setAddress] = useState('');
  const [language, setLanguage] = useState<string>(languages.includes(i18n.locale as Lang) ? i18n.locale : languages[0] ?? 'nl');
  const [what, setWhat] = useState('');
  const [occurredOn, setOccurredOn] = useState('');
  const [where, setWhere] = useState('');
  const [involved, setInvolved] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [consent, setConsent] = useState(false);
  const reviewRef = useRef<HTMLHeadingElement>(null);
  const backToForm = useCallback(() => setStep('form'), []);
  const fe = useFormErrors({ error, idPrefix: 'complaint-field', serverKey: (field) => field.replace(/^complaint\./, ''), onFieldRefused: backToForm });
  const { all: allErrors, clear, fieldId, server } = fe;

  const validate = (): FieldErrors => {
    const e: FieldErrors = {};
    if (!who) e.anonymous = t`Choose whether you file with your name or anonymously.`;
    if (who === 'named' && !name.trim()) e.name = t`Enter your name.`;
    if (email.trim() && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())) e.email = t`Enter an e-mail address such as name@example.be.`;
    if (!what.trim()) e.what = t`Describe what happened.`;
    if (occurredOn && occurredOn > todayIso()) e.occurredOn = t`The day cannot be in the future.`;
    if (!consent) e.consent = t`Read the privacy notice and tick the box to agree.`;
    return e;
  };

  const toReview = () => {
    const e = validate();
    if (!fe.check(e)) return;
    setStep('review');
    requestAnimationFrame(() => reviewRef.current?.focus());
  };

  const opt = (v: string) => (v.trim() ? v.trim() : undefined);
  const body = (): PublicComplaintBody => ({
    anonymous: who === 'anonymous',
    ...(who === 'named' ? { name: name.trim(), email: opt(email), phone: opt(phone), address: opt(address) } : {}),
    what: what.trim(),
    occurredOn: occurredOn || undefined,
    where: opt(where),
    involved: opt(involved),
    language: language as Lang,
    consent: true,
  });

  const labels: Record<string, string> = {
    anonymous: t`With your name or anonymously`, name: t`Your name`, email: t`E-mail address`, phone: t`Telephone number`, address: t`Postal address`,
    what: t`What happened?`, occurredOn: t`When did it happen?`, where: t`Where did it happen?`, involved: t`Who was involved?`, consent: t`Privacy notice`,
    files: t`Attachments`, language: t`Language of the answer`,
  };
  if (step === 'review') {
    const c = body();
    return (
      <section aria-labelledby="complaint-review">
        <Steps step={2} />
        <h2 id="complaint-review" ref={reviewRef} tabIndex={-1}><Trans>Check your complaint before you send it</Trans></h2>
        <p><Trans>This is what the organisation will read. Change what is not right, then send the complaint.</Trans></p>
        <dl className={s.summary}>
          <dt><Trans>Filed</Trans></dt>
          <dd>{c.anonymous ? <Trans>Anonymously</Trans> : <Trans>With your name</Trans>}</dd>
          {c.name && <><dt><Trans>Name</Trans></dt><dd>{c.name}</dd></>}
          {c.email && <><dt><Trans>E-mail address</Trans></dt><dd>{c.email}</dd></>}
          {c.phone && <><dt><Trans>Telephone number</Trans></dt><dd>{c.phone}</dd></>}
          {c.address && <><dt><Trans>Postal address</Trans></dt><dd className={s.prose}>{c.address}</dd></>}
          <dt><Trans>Language of the answer</Trans></dt>
          <dd>{LOCALE_NAMES[c.language as Lang] ?? c.language}</dd>
          <dt><Trans>What happened</Trans></dt>
          <dd className={s.prose}>{c.what}</dd>
          <dt><Trans>When</Trans></dt>
          <dd>{c.occurredOn ? f.date(c.occurredOn) : <Trans>Not given</Trans>}</dd>
          <dt><Trans>Where</Trans></dt>
          <dd>{c.where ?? <Trans>Not given</Trans>}</dd>
          <dt><Trans>Who was involved</Trans></dt>
          <dd className={s.prose}>{c.involved ?? <Trans>Not given</Trans>}</dd>
          <dt><Trans>Attachments</Trans></dt>
          <dd>{files.length === 0 ? <Trans>None</Trans> : files.map((x) => `${x.name} (${formatSize(x.size, i18n.locale)})`).join(', ')}</dd>
        </dl>
        {c.anonymous && (
          <Notice kind="warning">
            <Trans>You chose to file anonymously. The organisation cannot contact you: come back with your status code to read the answer. Check that your text and files do not give away who you are, if you do not want that.</Trans>
          </Notice>
        )}
        <ErrorAlert error={error} />
        <div className={s.tools}>
          <Button variant="secondary" onPress={() => setStep('form')} isDisabled={pending}><Trans>Change the complaint</Trans></Button>
          <Button onPress={() => onSubmit(c, files)} isDisabled={pending}><Trans>Send the complaint</Trans></Button>
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

      <h2 id="complaint-who"><Trans>Who is filing the complaint?</Trans> <span className={s.required} aria-hidden="true">*</span></h2>
      <RadioGroup value={who} onChange={(v) => { setWho(v as 'named' | 'anonymous'); clear('anonymous'); }} aria-labelledby="complaint-who"
        isRequired isInvalid={!!allErrors.anonymous} validationBehavior="aria" className={s.group} id={fieldId('anonymous')}>
        <div className={s.choices}>
          <Radio value="named" className={s.choice}>
            <span className={s.radio} aria-hidden="true" />
            <span>
              <strong><Trans>With your name</Trans></strong>
              <span><Trans>The organisation knows who you are and can contact you about your complaint and send you the answer.</Trans></span>
            </span>
          </Radio>
          <Radio value="anonymous" className={s.choice}>
            <span className={s.radio} aria-hidden="true" />
            <span>
              <strong><Trans>Anonymously</Trans></strong>
              <span><Trans>You do not give your name. The organisation cannot ask you questions, which can make the complaint harder to examine. You read the answer on the status page with your status code.</Trans></span>
            </span>
          </Radio>
        </div>
        <FieldError className={s.fieldError}>{allErrors.anonymous}</FieldError>
      </RadioGroup>

      {who === 'named' && (
        <div className={s.narrow}>
          <div id={fieldId('name')}>
            <Field label={t`Your name`} value={name} onChange={(v) => { setName(v); clear('name'); }} isRequired maxLength={200} autoComplete="name" error={allErrors.name} />
          </div>
          <p className={`${s.small} ${s.muted}`}><Trans>How can the organisation reach you? Give at least one way if you want to be contacted.</Trans></p>
          <div id={fieldId('email')}>
            <Field label={t`E-mail address (optional)`} type="email" value={email} onChange={(v) => { setEmail(v); clear('email'); }} maxLength={254} autoComplete="email" error={allErrors.email} />
          </div>
          <div id={fieldId('phone')}>
            <Field label={t`Telephone number (optional)`} type="tel" value={phone} onChange={setPhone} maxLength={40} autoComplete="tel" error={allErrors.phone} />
          </div>
          <div id={fieldId('address')}>
            <Field className={s.textarea} label={t`Postal address (optional)`} value={address} onChange={setAddress} multiline maxLength={500} autoComplete="street-address" error={allErrors.address} />
          </div>
        </div>
      )}

      <div className={s.narrow} id={fieldId('language')}>
        <SelectField label={t`Language of the answer`} value={language} onChange={setLanguage} isRequired error={allErrors.language}
          description={t`The organisation answers you in this language.`}
          options={languages.map((l) => ({ id: l, label: LOCALE_NAMES[l] ?? l }))} />
      </div>

      <h2><Trans>What is your complaint about?</Trans></h2>
      <p className={s.muted}><Trans>Fields marked with * must be filled in. Fill in the others if you can.</Trans></p>
      <div className={s.narrow}>
        <div id={fieldId('what')}>
          <Field className={s.textarea} label={<>{t`What happened?`} <span className={s.required} aria-hidden="true">*</span></>} value={what}
            onChange={(v) => { setWhat(v); clear('what'); }} multiline isRequired maxLength={20_000} error={allErrors.what}
            description={t`Tell in your own words what happened and why you are complaining.`} />
        </div>
        <div id={fieldId('occurredOn')}>
          <DateField label={t`When did it happen? (optional)`} value={occurredOn} onChange={(v) => { setOccurredOn(v); clear('occurredOn'); }} max={todayIso()} error={allErrors.occurredOn} />
        </div>
        <div id={fieldId('where')}>
          <Field label={t`Where did it happen? (optional)`} value={where} onChange={setWhere} maxLength={500} error={allErrors.where}
            description={t`A street, a place, a police station.`} />
        </div>
        <div id={fieldId('involved')}>
          <Field className={s.textarea} label={t`Who was involved? (optional)`} value={involved} onChange={setInvolved} multiline maxLength={2000} error={allErrors.involved}
            description={t`If you know it: a name, a number on the uniform, a vehicle's number plate.`} />
        </div>
      </div>

      <h2><Trans>Attachments</Trans></h2>
      <div className={s.narrow} id={fieldId('files')}>
        <FilePicker files={files} onChange={setFiles} limits={limits} label={<Trans>Add files (optional)</Trans>}
          description={<Trans>Documents or photos that support your complaint.</Trans>} />
        {allErrors.files && <p className={s.fieldError}>{allErrors.files}</p>}
      </div>

      <h2 id="complaint-privacy"><Trans>Privacy notice</Trans></h2>
      <div className={s.narrow}>
        <p><Trans>The organisation uses what you give here only to examine and answer your complaint, and to count complaints (without names) for its yearly report. Your name, your contact details, your text and your files are stored encrypted: only the people who handle complaints can read them. They may be passed on only to an authority that must handle the complaint (such as Comité P or the public prosecutor). You may ask to see or correct your data.</Trans></p>
        <p className={`${s.small} ${s.muted}`}><Trans>This page keeps no trace of you: no cookies, no IP address, and only the date of your complaint, not the time.</Trans></p>
        <div id={fieldId('consent')}>
          <Checkbox isSelected={consent} onChange={(v) => { setConsent(v); clear('consent'); }}>
            <Trans>I have read the privacy notice and agree that my complaint is handled this way.</Trans> <span className={s.required} aria-hidden="true">*</span>
          </Checkbox>
          {allErrors.consent && <p className={s.fieldError}>{allErrors.consent}</p>}
        </div>
      </div>

      <Button type="submit"><Trans>Next: check your complaint</Trans></Button>
    </Form>
  );
}

function Steps({ step }: { step: 1 | 2 }) {
  return <FormSteps current={step - 1} steps={[<Trans key="1">1. Your complaint</Trans>, <Trans key="2">2. Check and send</Trans>, <Trans key="3">3. Your status code</Trans>]} />;
}
