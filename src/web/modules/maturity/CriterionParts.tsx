import type { ReactNode } from 'react';
import { Trans, useLingui } from '@lingui/react/macro';
import { Link } from '@tanstack/react-router';
import { Label, Radio, RadioGroup, Text } from 'react-aria-components';
import { useOrg } from '../../app/context';
import type { CriterionView, PlanLinkView } from './api';
import { useLevelText } from './components';
import type { PillarGroup } from './grouping';
import { FUNCTION_LABELS, inLocale, LEVEL_LABELS, PILLAR_LABELS } from './labels';
import s from './maturity.module.css';

/** Pillar and function headings around the criteria; `render` draws one criterion at the heading level it is given. */
export function Grouped<T>({ groups, render }: { groups: PillarGroup<T>[]; render: (item: T, heading: 'h3' | 'h4') => ReactNode }) {
  const { i18n } = useLingui();
  return (
    <>
      {groups.map((p) => (
        <section key={p.pillar} className={s.pillar} aria-labelledby={`pillar-${p.pillar}`}>
          <h2 id={`pillar-${p.pillar}`}>{i18n._(PILLAR_LABELS[p.pillar])}</h2>
          {p.groups.map((g) => g.fn ? (
            <section key={g.fn} className={s.fn} aria-labelledby={`fn-${g.fn}`}>
              <h3 id={`fn-${g.fn}`}>{i18n._(FUNCTION_LABELS[g.fn])}</h3>
              {g.items.map((x) => render(x, 'h4'))}
            </section>
          ) : <div key="all">{g.items.map((x) => render(x, 'h3'))}</div>)}
        </section>
      ))}
    </>
  );
}

/** A criterion's title (code and title in the reader's language) and description. */
export function CriterionHead({ c, heading: H }: { c: CriterionView; heading: 'h3' | 'h4' }) {
  const { i18n } = useLingui();
  return (
    <>
      <H id={`criterion-${c.id}`}>{c.code} {inLocale(c.title, i18n.locale)}</H>
      <p className={s.small}>{inLocale(c.description, i18n.locale)}</p>
    </>
  );
}

/** The five levels as radio buttons, each with the criterion's descriptor of that level. */
export function LevelChoice({ c, label, value, onChange, isDisabled, error }: {
  c: CriterionView; label: string; value: number | null; onChange: (v: number) => void; isDisabled?: boolean; error?: string;
}) {
  const { i18n } = useLingui();
  return (
    <RadioGroup value={value === null ? null : String(value)} onChange={(v) => onChange(Number(v))} isDisabled={isDisabled} isRequired isInvalid={!!error} validationBehavior="aria">
      <Label className={s.small}><strong>{label}</strong></Label>
      <div className={s.levels}>
        {c.levels.map((d, i) => (
          <Radio key={i} value={String(i)} className={s.level}>
            <span className={s.radio} aria-hidden="true" />
            <span>
              <strong>{i} – {i18n._(LEVEL_LABELS[i]!)}</strong>
              <span className={`${s.small} ${s.muted}`} style={{ display: 'block' }}>{inLocale(d, i18n.locale)}</span>
            </span>
          </Radio>
        ))}
      </div>
      {error && <Text slot="errorMessage" className={s.small}>{error}</Text>}
    </RadioGroup>
  );
}

/** The plan entries made from the criterion's gap, with a link to each. */
export function PlanLinks({ links }: { links: PlanLinkView[] }) {
  const { orgId } = useOrg();
  const { t } = useLingui();
  if (links.length === 0) return null;
  return (
    <div>
      <strong><Trans>In the policy plan:</Trans></strong>
      <ul>
        {links.map((l) => (
          <li key={l.id}>
            {l.title === null ? <Trans>an entry since deleted from the plan</Trans> : (
              <Link to={`/o/${orgId}/plans/${l.planId}/actions`} search={l.actionId ? { action: l.actionId } : {}}>
                {l.kind === 'action' ? t`Action: ${l.title}` : t`Objective: ${l.title}`}
              </Link>
            )}
            {l.progress !== null && <> ({t`${l.progress}% done`})</>}
            {' '}<span className={s.muted}>{t`from the measurement of ${l.measurementYear}`}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The agreed and target level of a criterion, and whether it is a gap. */
export function AgreedLevels({ agreed }: { agreed: { agreedLevel: number; targetLevel: number; gap: boolean; reason: string } | null }) {
  const level = useLevelText();
  if (!agreed) return null;
  return (
    <dl className={s.side}>
      <div><dt><Trans>Agreed level</Trans></dt><dd>{level(agreed.agreedLevel)}</dd></div>
      <div><dt><Trans>Target level</Trans></dt><dd>{level(agreed.targetLevel)}</dd></div>
      {agreed.gap && <div><dt><Trans>Gap</Trans></dt><dd><span className={s.gapFlag}><span aria-hidden="true">▼</span> <Trans>below the target</Trans></span></dd></div>}
      {agreed.reason && <div style={{ gridColumn: '1 / -1' }}><dt><Trans>Why</Trans></dt><dd className={s.prose}>{agreed.reason}</dd></div>}
    </dl>
  );
}
