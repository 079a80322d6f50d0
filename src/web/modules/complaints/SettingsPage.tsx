import { useState } from 'react';
import { Trans, useLingui } from '@lingui/react/macro';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { Form } from 'react-aria-components';
import { ApiError, put } from '../../app/api';
import { useOrg } from '../../app/context';
import { Button, Checkbox, ErrorAlert, Field, Loading, Notice, PageHeader } from '../../ui/components';
import { SaveError } from '../../ui/EditConflict';
import { complaintsBase, keys, readSettings } from './api';
import { useFormKey } from './components';
import { THEME_LABELS } from './labels';
import { COORDINATOR } from './roles';
import type { Lang, Settings, SettingsBody, Texts } from './types';
import s from './styles';

const LANGS: Lang[] = ['nl', 'fr', 'de', 'en'];

function useLangNames(): Record<Lang, string> {
  const { t } = useLingui();
  return { nl: t`Dutch`, fr: t`French`, de: t`German`, en: t`English` };
}

/** A text in the four languages, one field each. */
function TextsFields({ label, value, onChange, multiline, error }: {
  label: string; value: Texts; onChange: (v: Texts) => void; multiline?: boolean; error?: (lang: Lang) => string | undefined;
}) {
  const names = useLangNames();
  return (
    <div className={multiline ? s.langGridWide : s.langGrid}>
      {LANGS.map((l) => (
        <Field key={l} className={multiline ? s.textarea : undefined} label={`${label} (${names[l]})`} value={value[l] ?? ''} multiline={multiline}
          maxLength={multiline ? 20_000 : 200} error={error?.(l)} onChange={(v) => onChange({ ...value, [l]: v })} />
      ))}
    </div>
  );
}

/** /complaints/settings — the coordinator (or the administrator) sets up the desk: open or closed, introduction, themes, lead times, answer templates. */
export function SettingsPage() {
  const { orgId, has } = useOrg();
  const { t } = useLingui();
  const q = useQuery({ queryKey: keys.settings(orgId), queryFn: () => readSettings(orgId) });
  const [formKey, saved] = useFormKey(q.data?.revision);
  return (
    <>
      <PageHeader title={t`Settings of the complaints desk`}>
        {has(COORDINATOR) && <p><Link to={`/o/${orgId}/complaints`}><Trans>Back to the complaints</Trans></Link></p>}
      </PageHeader>
      <ErrorAlert error={q.error} />
      {q.isPending ? <Loading /> : q.data && <SettingsForm key={formKey} settings={q.data} onSaved={saved} />}
    </>
  );
}

type ThemeDraft = SettingsBody['themes'][number];

/** A new theme's id (getRandomValues works outside secure contexts too, unlike randomUUID). */
const newThemeId = () => `t${Array.from(crypto.getRandomValues(new Uint8Array(4)), (b) => b.toString(16).padStart(2, '0')).join('')}`;

function SettingsForm({ settings, onSaved }: { settings: Settings; onSaved: (revision: number) => void }) {
  const { orgId, org } = useOrg();
  const { t, i18n } = useLingui();
  const qc = useQueryClient();
  const [open, setOpen] = useState(settings.open);
  const [intro, setIntro] = useState<Texts>(settings.intro);
  // A default theme without its own text gets the default names, so the organisation sees what the public sees.
  const [themes, setThemes] = useState<ThemeDraft[]>(() => settings.themes.map((th) => ({ id: th.id, label: th.label, active: th.active })));
  const [triageDays, setTriageDays] = useState(String(settings.triageDays));
  const [acknowledgeDays, setAcknowledgeDays] = useState(String(settings.acknowledgeDays));
  const [resolveDays, setResolveDays] = useState(String(settings.resolveDays));
  const [templates, setTemplates] = useState<Texts>(settings.answerTemplates);
  const [saved, setSaved] = useState(false);
  const touch = () => setSaved(false);
  const save = useMutation({
    mutationFn: (rev: number | undefined = settings.revision) => put<Settings>(`${complaintsBase(orgId)}/settings`, {
      open, intro, themes, triageDays: Number(triageDays), acknowledgeDays: Number(acknowledgeDays), resolveDays: Number(resolveDays), answerTemplates: templates,
    } satisfies SettingsBody, { revision: rev }),
    onSuccess: (r) => {
      setSaved(true);
      if (r && typeof r === 'object' && 'revision' in r) {
        onSaved(r.revision);
        qc.setQueryData(keys.settings(orgId), r);
      }
      void qc.invalidateQueries({ queryKey: keys.all(orgId) });
    },
  });
  const err = save.error instanceof ApiError ? save.error : undefined;
  const fe = (path: string) => err?.fieldMessage(path);
  const url = `${window.location.origin}/p/${org.code}/complaint`;
  const setTheme = (i: number, p: Partial<ThemeDraft>) => { setThemes((x) => x.map((th, j) => (j === i ? { ...th, ...p } : th))); touch(); };
  return (
    <Form onSubmit={(e) => { e.preventDefault(); save.mutate(undefined); }}>
      <section aria-labelledby="set-desk">
        <h2 id="set-desk"><Trans>The desk</Trans></h2>
        {settings.offered ? (
          <Notice kind="success"><Trans>The complaints page takes complaints at <a href={url} target="_blank" rel="noreferrer">{url}</a>.</Trans></Notice>
        ) : (
          <Notice kind="warning"><Trans>The complaints page does not take complaints now: open the desk below, and make sure the organisation has an escrow key (created in the settings of the reporting channel).</Trans></Notice>
        )}
        <Checkbox isSelected={open} onChange={(v) => { setOpen(v); touch(); }}><Trans>The complaints page is open: citizens can file complaints</Trans></Checkbox>
        <h3><Trans>Introduction on the complaints page</Trans></h3>
        <p className={`${s.small} ${s.muted}`}><Trans>Say who handles complaints, what happens with them, and which other bodies citizens may turn to, such as Comité P or the ombudsman.</Trans></p>
        <TextsFields label={t`Introduction`} value={intro} onChange={(v) => { setIntro(v); touch(); }} multiline error={(l) => fe(`intro.${l}`)} />
      </section>

      <section aria-labelledby="set-themes" className={s.section}>
        <h2 id="set-themes"><Trans>Themes</Trans></h2>
        <p className={`${s.small} ${s.muted}`}><Trans>The themes a complaint is classified under at triage. A theme no longer used is made inactive: complaints keep it, new ones cannot get it.</Trans></p>
        {fe('themes') && <p className={s.fieldError} role="alert">{fe('themes')}</p>}
        {themes.map((th, i) => {
          const fallback = THEME_LABELS[th.id] ? i18n._(THEME_LABELS[th.id]!) : '';
          const name = th.label[i18n.locale as Lang] || fallback || th.label.nl || th.id;
          return (
            <fieldset key={th.id} className={s.theme}>
              <legend>{name}</legend>
              <TextsFields label={t`Name`} value={th.label} onChange={(label) => setTheme(i, { label })} error={(l) => fe(`themes.${i}.label.${l}`) ?? (l === 'nl' ? fe(`themes.${i}.label`) : undefined)} />
              <Checkbox isSelected={th.active} onChange={(active) => setTheme(i, { active })}><Trans>Offered at triage</Trans></Checkbox>
            </fieldset>
          );
        })}
        <Button variant="secondary" onPress={() => { setThemes((x) => [...x, { id: newThemeId(), label: {}, active: true }]); touch(); }}><Trans>Add a theme</Trans></Button>
      </section>

      <section aria-labelledby="set-deadlines" className={s.section}>
        <h2 id="set-deadlines"><Trans>Lead times</Trans></h2>
        <div className={s.numbers}>
          <Field label={t`Acknowledge within (days after receipt)`} type="number" inputMode="numeric" value={acknowledgeDays} onChange={(v) => { setAcknowledgeDays(v); touch(); }} isRequired error={fe('acknowledgeDays')} />
          <Field label={t`Triage within (days after receipt)`} type="number" inputMode="numeric" value={triageDays} onChange={(v) => { setTriageDays(v); touch(); }} isRequired error={fe('triageDays')} />
          <Field label={t`Answer within (days after receipt)`} type="number" inputMode="numeric" value={resolveDays} onChange={(v) => { setResolveDays(v); touch(); }} isRequired error={fe('resolveDays')} />
        </div>
        <p className={`${s.small} ${s.muted}`}>
          <Trans>Acknowledgement 1 to 60 days, triage 1 to 120, answer 1 to 365. A change moves the deadlines of the open complaints at once.</Trans>
        </p>
      </section>

      <section aria-labelledby="set-templates" className={s.section}>
        <h2 id="set-templates"><Trans>Answer templates</Trans></h2>
        <p className={`${s.small} ${s.muted}`}>
          <Trans>The answer to a complainant starts from the template in their language.</Trans>{' '}
          <Trans>These placeholders are filled in:</Trans> <code>{'{reference}'}</code> (<Trans>the reference</Trans>), <code>{'{receivedOn}'}</code> (<Trans>the day of receipt</Trans>), <code>{'{decision}'}</code> (<Trans>the decision</Trans>).
        </p>
        <TextsFields label={t`Template`} value={templates} onChange={(v) => { setTemplates(v); touch(); }} multiline error={(l) => fe(`answerTemplates.${l}`)} />
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
