import { useEffect, useState } from 'react';
import { Trans, useLingui } from '@lingui/react/macro';
import { msg } from '@lingui/core/macro';
import type { MessageDescriptor } from '@lingui/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Form } from 'react-aria-components';
import { LOCALES, type Locale } from '../../../shared/roles';
import { ApiError, get, put } from '../../app/api';
import { ME_KEY } from '../../app/auth';
import { useOrg } from '../../app/context';
import { KIND_LABELS, LANGUAGE_LABELS } from '../../app/labels';
import { Button, Card, Checkbox, ErrorAlert, Field, layout, Loading, Notice, PageHeader } from '../../ui/components';
import { SaveError } from '../../ui/EditConflict';
import type { Organisation, OrganisationSettings } from './types';

// The complaint lead times are edited in the complaints desk's settings, not here.
type NumericKey = Exclude<keyof OrganisationSettings, 'welcomeText' | 'integrityCharterText' | 'complaintAcknowledgeDays' | 'complaintResolveDays'>;

const NUMERIC: { key: NumericKey; label: MessageDescriptor; hint: MessageDescriptor }[] = [
  { key: 'reportAcknowledgeDays', label: msg`Acknowledge a report of a violation within (days)`, hint: msg`At most 7 days (law of 8 December 2022).` },
  { key: 'reportFeedbackMonths', label: msg`Give feedback on a report within (months)`, hint: msg`At most 3 months (law of 8 December 2022).` },
  { key: 'statisticsSuppressBelow', label: msg`Hide counts in statistics below`, hint: msg`From 3 to 50, so nobody can be recognised.` },
  { key: 'sideActivityAdviceDays', label: msg`Advice on a side activity within (calendar days)`, hint: msg`From 1 to 90 days.` },
  { key: 'giftDeclarationThresholdEur', label: msg`Declare gifts worth more than (euro)`, hint: msg`From 0 to 1000 euro.` },
  { key: 'reminderDaysBeforeDue', label: msg`Send reminders before a deadline (days)`, hint: msg`From 0 to 90 days.` },
  { key: 'monthlyListingDay', label: msg`Day of the month for the monthly listing`, hint: msg`From 1 to 28.` },
];

export function OrganisationPage() {
  const { orgId, has } = useOrg();
  const { t, i18n } = useLingui();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['org', orgId], queryFn: () => get<Organisation>(`/api/orgs/${orgId}`) });
  const [names, setNames] = useState<Record<Locale, string>>({ nl: '', fr: '', de: '', en: '' });
  const [languages, setLanguages] = useState<Locale[]>([]);
  const [numbers, setNumbers] = useState<Record<NumericKey, string>>({} as Record<NumericKey, string>);
  const [localError, setLocalError] = useState<string | null>(null);

  useEffect(() => {
    if (!q.data) return;
    setNames({ nl: q.data.names.nl ?? '', fr: q.data.names.fr ?? '', de: q.data.names.de ?? '', en: q.data.names.en ?? '' });
    setLanguages(q.data.languages);
    setNumbers(Object.fromEntries(NUMERIC.map((n) => [n.key, String(q.data.settings[n.key])])) as Record<NumericKey, string>);
  }, [q.data]);

  const save = useMutation({
    // The revision as loaded; after a conflict, the one the person chose to save over (ADR 0011).
    mutationFn: (rev: number | undefined = q.data?.revision) => {
      const cleanNames = Object.fromEntries(Object.entries(names).filter(([, v]) => v.trim() !== ''));
      // Numbers are sent as typed; the server names any field that is out of range.
      const settings = Object.fromEntries(NUMERIC.map((n) => [n.key, numbers[n.key] === '' || Number.isNaN(Number(numbers[n.key])) ? numbers[n.key] : Number(numbers[n.key])]));
      return put<Organisation>(`/api/orgs/${orgId}`, { names: cleanNames, languages, settings }, { revision: rev });
    },
    onSuccess: (org) => {
      qc.setQueryData(['org', orgId], org);
      void qc.invalidateQueries({ queryKey: ME_KEY });
    },
  });
  const err = save.error instanceof ApiError ? save.error : undefined;
  const canEdit = has('administrator', 'chief');

  if (q.isPending) return <><PageHeader title={t`Organisation`} /><Loading /></>;
  if (q.error) return <><PageHeader title={t`Organisation`} /><ErrorAlert error={q.error} /></>;
  const org = q.data;
  return (
    <>
      <PageHeader title={t`Organisation`}>
        <p>{i18n._(KIND_LABELS[org.kind])} · <Trans>code {org.code}</Trans></p>
      </PageHeader>
      <div aria-live="polite">{save.isSuccess && <Notice kind="success"><Trans>The settings have been saved.</Trans></Notice>}</div>
      <SaveError error={save.error ?? localError} pending={save.isPending} onKeepMine={(r) => save.mutate(r)}
        onTakeTheirs={() => { qc.setQueryData(['org', orgId], (save.error as ApiError).current); save.reset(); }} />
      <Form onSubmit={(e) => {
        e.preventDefault();
        if (languages.length === 0) { setLocalError(t`Choose at least one working language.`); return; }
        setLocalError(null);
        save.mutate(undefined);
      }}>
        <Card title={t`Names`}>
          <div className={layout.grid2}>
            {LOCALES.map((l) => (
              <Field key={l} label={t`Name in ${i18n._(LANGUAGE_LABELS[l])}`} value={names[l]} onChange={(v) => setNames({ ...names, [l]: v })} maxLength={200}
                isDisabled={!canEdit} error={err?.fieldMessage(`names.${l}`) ?? (l === 'nl' ? err?.fieldMessage('names') : undefined)} />
            ))}
          </div>
        </Card>
        <Card title={t`Working languages`}>
          <fieldset style={{ border: 0, padding: 0, margin: 0 }} aria-describedby={err?.fieldMessage('languages') ? 'lang-error' : undefined}>
            <legend className="visually-hidden">{t`Working languages`}</legend>
            {LOCALES.map((l) => (
              <Checkbox key={l} isSelected={languages.includes(l)} onChange={(on) => setLanguages(on ? LOCALES.filter((x) => x === l || languages.includes(x)) : languages.filter((x) => x !== l))}>
                {i18n._(LANGUAGE_LABELS[l])}
              </Checkbox>
            ))}
          </fieldset>
          {err?.fieldMessage('languages') && <p id="lang-error" role="alert" style={{ color: 'var(--color-danger)', fontWeight: 600 }}>{err.fieldMessage('languages')}</p>}
        </Card>
        <Card title={t`Deadlines and thresholds`}>
          <div className={layout.grid2}>
            {NUMERIC.map((n) => (
              <Field key={n.key} label={i18n._(n.label)} description={i18n._(n.hint)} inputMode="numeric" value={numbers[n.key] ?? ''} isDisabled={!canEdit}
                onChange={(v) => setNumbers({ ...numbers, [n.key]: v })} maxLength={6} error={err?.fieldMessage(`settings.${n.key}`)} isRequired />
            ))}
          </div>
        </Card>
        {canEdit && <Button type="submit" isDisabled={save.isPending}><Trans>Save settings</Trans></Button>}
      </Form>
    </>
  );
}
