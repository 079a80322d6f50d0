import { useState } from 'react';
import { Trans, useLingui } from '@lingui/react/macro';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Form, Radio, RadioGroup } from 'react-aria-components';
import { ApiError, post } from '../../app/api';
import { useOrg } from '../../app/context';
import { Button, Checkbox, ErrorAlert, Field, Notice, SelectField } from '../../ui/components';
import records from '../../ui/records.module.css';
import { dilemmaKeys, dilemmasUrl, processOptions, THEME_LABELS, THEMES, type DilemmaTheme, type SubmittedDilemma } from './dilemma-api';
import s from './dilemmas.module.css';

type Mode = 'named' | 'anonymous';

/**
 * "Share a dilemma": any staff member describes a situation where the right thing to do was not
 * obvious, optionally what they did and what would have helped, and chooses to share it with their
 * name or anonymously. Each choice says plainly what is stored.
 */
export function DilemmaForm() {
  const { orgId } = useOrg();
  const { t, i18n } = useLingui();
  const qc = useQueryClient();
  const [text, setText] = useState('');
  const [whatIDid, setWhatIDid] = useState('');
  const [whatWouldHelp, setWhatWouldHelp] = useState('');
  const [processCode, setProcessCode] = useState('');
  const [themes, setThemes] = useState<DilemmaTheme[]>([]);
  const [mode, setMode] = useState<Mode | ''>('');
  const [missing, setMissing] = useState<{ text?: boolean; mode?: boolean }>({});
  const submit = useMutation({
    mutationFn: () => post<SubmittedDilemma>(dilemmasUrl(orgId), {
      text, whatIDid: whatIDid.trim() || undefined, whatWouldHelp: whatWouldHelp.trim() || undefined,
      processCode: processCode || null, themes, anonymous: mode === 'anonymous',
    }),
    onSuccess: () => {
      setText(''); setWhatIDid(''); setWhatWouldHelp(''); setProcessCode(''); setThemes([]);
      void qc.invalidateQueries({ queryKey: dilemmaKeys.all(orgId) });
    },
  });
  const err = submit.error instanceof ApiError ? submit.error : undefined;
  const toggle = (th: DilemmaTheme, on: boolean) => setThemes((cur) => (on ? [...cur, th] : cur.filter((x) => x !== th)));
  const onSubmit = () => {
    const m = { text: !text.trim(), mode: !mode };
    setMissing(m);
    if (m.text || m.mode) return;
    submit.mutate();
  };

  return (
    <Form onSubmit={(e) => { e.preventDefault(); onSubmit(); }} className={records.narrow} aria-labelledby="share-title">
      <h2 id="share-title"><Trans>Share a dilemma</Trans></h2>
      <p><Trans>A dilemma is a situation in your work where the right thing to do was not obvious: values or loyalties pulled in different directions. The integrity officer collects them to see which processes are vulnerable and to build the dilemma training on real cases. Do not name citizens or colleagues.</Trans></p>

      <Field label={t`The situation`} multiline isRequired maxLength={4000} value={text}
        onChange={(v) => { setText(v); setMissing((m) => ({ ...m, text: false })); submit.reset(); }}
        description={t`What happened, and what made it difficult?`}
        error={missing.text ? t`Describe the situation.` : err?.fieldMessage('text')} />
      <Field label={t`What I did (optional)`} multiline maxLength={4000} value={whatIDid} onChange={setWhatIDid} error={err?.fieldMessage('whatIDid')} />
      <Field label={t`What would have helped (optional)`} multiline maxLength={4000} value={whatWouldHelp} onChange={setWhatWouldHelp} error={err?.fieldMessage('whatWouldHelp')} />
      <SelectField label={t`Process (optional)`} value={processCode} onChange={setProcessCode}
        options={[{ id: '', label: t`No particular process` }, ...processOptions(i18n.locale)]} error={err?.fieldMessage('processCode')} />

      <fieldset className={s.themes}>
        <legend><Trans>Themes (optional)</Trans></legend>
        <div className={s.themeGrid}>
          {THEMES.map((th) => (
            <Checkbox key={th} isSelected={themes.includes(th)} onChange={(on) => toggle(th, on)}>{i18n._(THEME_LABELS[th])}</Checkbox>
          ))}
        </div>
      </fieldset>

      <h3 id="share-how"><Trans>With your name or anonymously?</Trans> <span aria-hidden="true">*</span></h3>
      <RadioGroup value={mode} onChange={(v) => { setMode(v as Mode); setMissing((m) => ({ ...m, mode: false })); }} aria-labelledby="share-how"
        isRequired isInvalid={!!missing.mode} validationBehavior="aria">
        <div className={records.choices}>
          <Radio value="named" className={records.choice}>
            <span className={records.radio} aria-hidden="true" />
            <span>
              <strong><Trans>With my name</Trans></strong>
              <span className={s.explain}><Trans>Your name and the day are stored with the dilemma. The integrity officer and the chief see who shared it and may ask you about it; you find it again under "Dilemmas you shared".</Trans></span>
            </span>
          </Radio>
          <Radio value="anonymous" className={records.choice}>
            <span className={records.radio} aria-hidden="true" />
            <span>
              <strong><Trans>Anonymously</Trans></strong>
              <span className={s.explain}><Trans>Only the text, the process and themes you chose and the day are stored: not your name, not the time, not your address, and no entry in the audit log. Nobody can link it to you, and you cannot find it again or change it afterwards. Leave out details that would identify you.</Trans></span>
            </span>
          </Radio>
        </div>
        {missing.mode && <p className={records.small} role="alert"><Trans>Choose whether to share with your name or anonymously.</Trans></p>}
      </RadioGroup>

      <ErrorAlert error={err && !err.field ? submit.error : undefined} />
      <Button type="submit" isDisabled={submit.isPending}><Trans>Share the dilemma</Trans></Button>
      {submit.isSuccess && (
        <Notice kind="success" live>
          {submit.data.anonymous
            ? <Trans>Thank you. Your dilemma was saved anonymously.</Trans>
            : <Trans>Thank you. Your dilemma was saved with your name.</Trans>}
        </Notice>
      )}
    </Form>
  );
}
