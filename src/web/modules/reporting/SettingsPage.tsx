import { useState } from 'react';
import { Trans, useLingui } from '@lingui/react/macro';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { Form } from 'react-aria-components';
import { ApiError, put } from '../../app/api';
import { useOrg } from '../../app/context';
import { Button, Checkbox, ErrorAlert, Field, Loading, Notice, PageHeader, SelectField } from '../../ui/components';
import { SaveError } from '../../ui/EditConflict';
import { keys, readSettings, reportingBase } from './api';
import { EscrowCard } from './EscrowCard';
import { QuestionsEditor, TextsFields } from './QuestionsEditor';
import type { Candidate, ReportSettings, SettingsRecipient } from './types';
import s from './styles';

/** /reporting/settings — the integrity officer sets up the channel: open or closed, texts, questionnaire, deadlines, recipients, escrow key. */
export function SettingsPage() {
  const { orgId } = useOrg();
  const { t } = useLingui();
  const q = useQuery({ queryKey: keys.settings(orgId), queryFn: () => readSettings(orgId) });
  return (
    <>
      <PageHeader title={t`Settings of the reporting channel`}>
        <p><Link to={`/o/${orgId}/reports`}><Trans>Back to the reports</Trans></Link></p>
      </PageHeader>
      <ErrorAlert error={q.error} />
      {q.isPending ? <Loading /> : q.data && (
        <>
          <SettingsForm key={q.data.revision} settings={q.data} />
          <EscrowCard orgId={orgId} />
        </>
      )}
    </>
  );
}

type Draft = Omit<ReportSettings, 'revision' | 'recipients' | 'candidates' | 'escrow' | 'defaultRecipients' | 'offered'> & { recipients: { userId: string; kind: 'primary' | 'alternate' }[] };

const draftOf = (x: ReportSettings): Draft => ({
  open: x.open, intro: x.intro, questions: x.questions, ackDays: x.ackDays, feedbackMonths: x.feedbackMonths, alertDaysBefore: x.alertDaysBefore,
  reprisalCheckMonths: x.reprisalCheckMonths, retentionMonths: x.retentionMonths, autoAck: x.autoAck,
  recipients: x.recipients.map((r) => ({ userId: r.userId, kind: r.kind })),
});

function SettingsForm({ settings }: { settings: ReportSettings }) {
  const { orgId } = useOrg();
  const { t } = useLingui();
  const qc = useQueryClient();
  const [d, setD] = useState<Draft>(() => draftOf(settings));
  const [numbers, setNumbers] = useState(() => ({
    ackDays: String(settings.ackDays), feedbackMonths: String(settings.feedbackMonths), alertDaysBefore: String(settings.alertDaysBefore),
    retentionMonths: String(settings.retentionMonths), reprisal: settings.reprisalCheckMonths.join(', '),
  }));
  const [saved, setSaved] = useState(false);
  const set = (p: Partial<Draft>) => { setD((x) => ({ ...x, ...p })); setSaved(false); };
  const save = useMutation({
    mutationFn: (rev: number | undefined = settings.revision) => put<ReportSettings>(`${reportingBase(orgId)}/settings`, {
      ...d,
      ackDays: Number(numbers.ackDays), feedbackMonths: Number(numbers.feedbackMonths), alertDaysBefore: Number(numbers.alertDaysBefore),
      retentionMonths: Number(numbers.retentionMonths),
      reprisalCheckMonths: numbers.reprisal.split(/[\s,;]+/).filter(Boolean).map(Number),
    }, { revision: rev }),
    onSuccess: (r) => {
      setSaved(true);
      if (r && typeof r === 'object' && 'revision' in r) qc.setQueryData(keys.settings(orgId), r);
      void qc.invalidateQueries({ queryKey: keys.settings(orgId) });
    },
  });
  const err = save.error instanceof ApiError ? save.error : undefined;
  const fe = (path: string) => err?.fieldMessage(path);
  const num = (k: keyof typeof numbers) => (v: string) => { setNumbers((n) => ({ ...n, [k]: v })); setSaved(false); };
  return (
    <Form onSubmit={(e) => { e.preventDefault(); save.mutate(undefined); }}>
      <section aria-labelledby="set-channel">
        <h2 id="set-channel"><Trans>The channel</Trans></h2>
        <ChannelState settings={settings} />
        <Checkbox isSelected={d.open} onChange={(open) => set({ open })}><Trans>The reporting page is open: people can make reports</Trans></Checkbox>
        <p className={`${s.small} ${s.muted}`}><Trans>When the channel is closed, the page shows the introduction only, and people who reported can still follow up with their receipt code.</Trans></p>
        <h3><Trans>Introduction on the reporting page</Trans></h3>
        <p className={`${s.small} ${s.muted}`}>
          <Trans>Say who receives reports, how the reporter is protected (confidentiality, protection against reprisals), and which external channels exist, such as Comité P, the federal ombudsman or the judicial authorities.</Trans>
        </p>
        <TextsFields label={t`Introduction`} value={d.intro} onChange={(intro) => set({ intro })} multiline error={(l) => fe(`intro.${l}`)} />
        <Checkbox isSelected={d.autoAck !== null} onChange={(v) => set({ autoAck: v ? (d.autoAck ?? {}) : null })}>
          <Trans>Confirm receipt automatically when a report is made</Trans>
        </Checkbox>
        {d.autoAck !== null && (
          <>
            <p className={`${s.small} ${s.muted}`}><Trans>This message is sent to the reporter at once, and counts as the confirmation of receipt for the deadline.</Trans></p>
            <TextsFields label={t`Automatic confirmation`} value={d.autoAck} onChange={(autoAck) => set({ autoAck })} multiline error={(l) => fe(`autoAck.${l}`)} />
          </>
        )}
      </section>

      <section aria-labelledby="set-questions" className={s.section}>
        <h2 id="set-questions"><Trans>Questionnaire</Trans></h2>
        <p className={`${s.small} ${s.muted}`}><Trans>The questions the reporting page asks, in this order. A report keeps the questions as they were asked.</Trans></p>
        {fe('questions') && <p className={s.fieldError} role="alert">{fe('questions')}</p>}
        <QuestionsEditor questions={d.questions} onChange={(questions) => set({ questions })} fieldError={fe} />
      </section>

      <section aria-labelledby="set-deadlines" className={s.section}>
        <h2 id="set-deadlines"><Trans>Deadlines</Trans></h2>
        <div className={s.numbers}>
          <Field label={t`Confirm receipt within (days)`} type="number" inputMode="numeric" value={numbers.ackDays} onChange={num('ackDays')} isRequired error={fe('ackDays')}
            description={t`The law sets at most 7 days.`} />
          <Field label={t`Feedback within (months after the confirmation)`} type="number" inputMode="numeric" value={numbers.feedbackMonths} onChange={num('feedbackMonths')} isRequired
            error={fe('feedbackMonths')} description={t`The law sets at most 3 months.`} />
          <Field label={t`Remind recipients (days before a deadline)`} type="number" inputMode="numeric" value={numbers.alertDaysBefore} onChange={num('alertDaysBefore')} isRequired
            error={fe('alertDaysBefore')} />
          <Field label={t`Ask about reprisals after (months)`} value={numbers.reprisal} onChange={num('reprisal')} error={fe('reprisalCheckMonths')}
            description={t`Months after the report, separated by commas, for example 3, 6, 12.`} />
          <Field label={t`Delete the content after closure (months)`} type="number" inputMode="numeric" value={numbers.retentionMonths} onChange={num('retentionMonths')} isRequired
            error={fe('retentionMonths')} description={t`Unless a legal hold is set on the report.`} />
        </div>
      </section>

      <section aria-labelledby="set-recipients" className={s.section}>
        <h2 id="set-recipients"><Trans>Recipients</Trans></h2>
        <Recipients settings={settings} value={d.recipients} onChange={(recipients) => set({ recipients })} />
        {fe('recipients') && <p className={s.fieldError} role="alert">{fe('recipients')}</p>}
      </section>

      <div className={s.stickySave}>
        <Button type="submit" isDisabled={save.isPending}><Trans>Save the settings</Trans></Button>
        <span role="status">{saved && <Trans>The settings are saved.</Trans>}</span>
      </div>
      <SaveError error={save.error} pending={save.isPending} onKeepMine={(r) => save.mutate(r)}
        onTakeTheirs={() => void qc.invalidateQueries({ queryKey: keys.settings(orgId) })} />
    </Form>
  );
}

/** Whether the public page takes reports now, and what is missing when it does not. */
function ChannelState({ settings }: { settings: ReportSettings }) {
  const { org } = useOrg();
  const url = `${window.location.origin}/p/${org.code}/report`;
  if (settings.offered) {
    return (
      <Notice kind="success">
        <Trans>The reporting page takes reports at <a href={url} target="_blank" rel="noreferrer">{url}</a>.</Trans>
      </Notice>
    );
  }
  const anyKey = [...settings.recipients, ...(settings.recipients.some((r) => r.kind === 'primary') ? [] : settings.defaultRecipients)].some((r) => r.hasKeyPair);
  return (
    <Notice kind="warning">
      <strong><Trans>The reporting page does not take reports now.</Trans></strong>
      <ul>
        {!settings.open && <li><Trans>The channel is closed: open it below and save.</Trans></li>}
        {!settings.escrow && <li><Trans>There is no escrow key yet: create it at the bottom of this page.</Trans></li>}
        {!anyKey && <li><Trans>No recipient has a personal key yet: a recipient gets one when they sign in with their password.</Trans></li>}
      </ul>
    </Notice>
  );
}

/**
 * Primary recipients receive every report; alternates receive one only when the reporter excluded
 * every primary. A person without a key pair cannot receive a report until they sign in once with
 * their password: the page says so next to their name.
 */
function Recipients({ settings, value, onChange }: { settings: ReportSettings; value: Draft['recipients']; onChange: (v: Draft['recipients']) => void }) {
  const { t } = useLingui();
  const people = new Map<string, Candidate | SettingsRecipient>();
  for (const c of settings.candidates ?? []) people.set(c.userId, c);
  for (const r of settings.recipients) if (!people.has(r.userId)) people.set(r.userId, r);
  const kindOf = (id: string) => value.find((v) => v.userId === id)?.kind ?? '';
  const setKind = (id: string, kind: string) => onChange([
    ...value.filter((v) => v.userId !== id),
    ...(kind === 'primary' || kind === 'alternate' ? [{ userId: id, kind: kind as 'primary' | 'alternate' }] : []),
  ]);
  const noPrimary = !value.some((v) => v.kind === 'primary');
  const withoutKey = [...people.values()].filter((p) => kindOf(p.userId) && !p.hasKeyPair);
  return (
    <>
      <p className={`${s.small} ${s.muted}`}>
        <Trans>Primary recipients receive every report. An alternate receives a report only when the reporter said it concerns every primary recipient.</Trans>
      </p>
      {noPrimary && (
        <Notice kind="info">
          <Trans>No primary recipient is chosen: the integrity officers of the organisation receive the reports.</Trans>
          {settings.defaultRecipients.length > 0 && <> ({settings.defaultRecipients.map((p) => p.displayName).join(', ')})</>}
        </Notice>
      )}
      {withoutKey.length > 0 && (
        <Notice kind="warning">
          <strong><Trans>Some recipients have no personal key yet:</Trans></strong> {withoutKey.map((p) => p.displayName).join(', ')}.{' '}
          <Trans>Reports cannot be encrypted for them until they sign in once with their password. Until then they do not receive reports.</Trans>
        </Notice>
      )}
      {people.size === 0 ? <p><Trans>Nobody in the organisation can be a recipient yet: give the role of integrity officer or confidential counsellor first.</Trans></p> : (
        <div className={s.numbers}>
          {[...people.values()].map((p) => (
            <SelectField key={p.userId} label={p.displayName} value={kindOf(p.userId)} onChange={(v) => setKind(p.userId, v)}
              description={p.hasKeyPair ? undefined : t`No personal key yet`}
              options={[{ id: '', label: t`Not a recipient` }, { id: 'primary', label: t`Primary recipient` }, { id: 'alternate', label: t`Alternate recipient` }]} />
          ))}
        </div>
      )}
    </>
  );
}
