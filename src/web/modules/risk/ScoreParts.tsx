import { useState, type ReactNode } from 'react';
import { Trans, useLingui } from '@lingui/react/macro';
import { FieldError, Form, Label, Radio, RadioGroup } from 'react-aria-components';
import { ApiError } from '../../app/api';
import { Field } from '../../ui/components';
import type { AggravatingFactors, InherentFactors, MatrixSnapshot } from './api';
import { BandBadge } from './components';
import { AGGRAVATING, AGGRAVATING_LABELS, FACTOR_LABELS, INHERENT, INHERENT_LABELS } from './labels';
import s from './risk.module.css';
import u from '../../ui/ui.module.css';

/** What a participant scores and the moderator agrees on, as a form holds it (likelihood and impact unset at first). */
export interface ScoreValues {
  inherent: InherentFactors;
  aggravating: AggravatingFactors;
  likelihood: number | null;
  impact: number | null;
  comment: string;
}

export const ZERO_INHERENT: InherentFactors = { money: 0, goods: 0, information: 0, power: 0, external: 0 };
export const ZERO_AGGRAVATING: AggravatingFactors = { supervision: 0, combined_duties: 0, pressure: 0, rotation: 0 };

/** One choice of a row of numbered radios (a factor 0–3, likelihood or impact 1–n); arrow keys move within it. */
function Choice({ label, value, options, onChange, isDisabled, error }: {
  label: string; value: number | null; options: { value: number; text: string }[]; onChange: (v: number) => void; isDisabled?: boolean; error?: string;
}) {
  return (
    <RadioGroup className={s.choice} orientation="horizontal" value={value === null ? null : String(value)} onChange={(v) => onChange(Number(v))}
      isDisabled={isDisabled} isInvalid={!!error} validationBehavior="aria">
      <Label className={s.choiceLabel}>{label}</Label>
      <div className={s.options}>
        {options.map((o) => (
          <Radio key={o.value} value={String(o.value)} className={s.option}>
            <span className={s.dot} aria-hidden="true" />{o.text}
          </Radio>
        ))}
      </div>
      {/* The form's error look, as every other field's. */}
      <FieldError className={u.fieldError} style={{ gridColumn: '1 / -1' }}>{error}</FieldError>
    </RadioGroup>
  );
}

/**
 * The scores of one process: the inherent vulnerability and aggravating factors (0 none … 3 much),
 * likelihood and impact on the analysis's matrix, the residual risk that gives, and a comment.
 */
export function ScoreFields({ idPrefix, values, onChange, matrix, isDisabled, errors = {} }: {
  idPrefix: string; values: ScoreValues; onChange: (v: ScoreValues) => void; matrix: MatrixSnapshot; isDisabled?: boolean;
  errors?: { likelihood?: string; impact?: string; comment?: string };
}) {
  const { t, i18n } = useLingui();
  const factorOptions = FACTOR_LABELS.map((l, i) => ({ value: i, text: `${i} – ${i18n._(l)}` }));
  const scale = (n: number) => Array.from({ length: n }, (_, i) => ({ value: i + 1, text: String(i + 1) }));
  const band = values.likelihood && values.impact ? matrix.matrix[values.likelihood - 1]?.[values.impact - 1] : undefined;
  return (
    <>
      <fieldset className={s.factors} aria-labelledby={`${idPrefix}-inherent`}>
        <legend id={`${idPrefix}-inherent`}><Trans>Inherent vulnerability</Trans></legend>
        {INHERENT.map((k) => (
          <Choice key={k} label={i18n._(INHERENT_LABELS[k])} value={values.inherent[k]} options={factorOptions} isDisabled={isDisabled}
            onChange={(v) => onChange({ ...values, inherent: { ...values.inherent, [k]: v } })} />
        ))}
      </fieldset>
      <fieldset className={s.factors} aria-labelledby={`${idPrefix}-aggravating`}>
        <legend id={`${idPrefix}-aggravating`}><Trans>Aggravating factors</Trans></legend>
        {AGGRAVATING.map((k) => (
          <Choice key={k} label={i18n._(AGGRAVATING_LABELS[k])} value={values.aggravating[k]} options={factorOptions} isDisabled={isDisabled}
            onChange={(v) => onChange({ ...values, aggravating: { ...values.aggravating, [k]: v } })} />
        ))}
      </fieldset>
      <fieldset className={s.factors} aria-labelledby={`${idPrefix}-risk`}>
        <legend id={`${idPrefix}-risk`}><Trans>Residual risk, with the existing controls</Trans></legend>
        <Choice label={t`Likelihood (1 = rare, ${matrix.likelihoodLevels} = almost certain)`} value={values.likelihood} options={scale(matrix.likelihoodLevels)} isDisabled={isDisabled}
          onChange={(v) => onChange({ ...values, likelihood: v })} error={errors.likelihood} />
        <Choice label={t`Impact (1 = minor, ${matrix.impactLevels} = severe)`} value={values.impact} options={scale(matrix.impactLevels)} isDisabled={isDisabled}
          onChange={(v) => onChange({ ...values, impact: v })} error={errors.impact} />
        <p className={s.derived} aria-live="polite">
          {band && values.likelihood && values.impact
            ? <><span><Trans>Risk score {values.likelihood} × {values.impact} = {values.likelihood * values.impact}</Trans></span> <span><Trans>Band:</Trans> <BandBadge band={band} /></span></>
            : <span><Trans>Choose the likelihood and the impact to see the band.</Trans></span>}
        </p>
      </fieldset>
      <Field label={t`Comment`} multiline value={values.comment} onChange={(v) => onChange({ ...values, comment: v })} maxLength={5000} error={errors.comment} isDisabled={isDisabled}
        description={t`What the scores rest on: incidents, practices, controls you know of.`} />
    </>
  );
}

/**
 * A form of one process's scores (a participant's own, the moderator's agreed ones): it does not send
 * without likelihood and impact and says which is missing; the server's refusals show at their
 * fields. What else the form asks, its button and its conflict panel come after the scores.
 */
export function ScoreFieldsForm({ idPrefix, values, onChange, matrix, error, onSubmit, children }: {
  idPrefix: string; values: ScoreValues; onChange: (v: ScoreValues) => void; matrix: MatrixSnapshot; error: unknown; onSubmit: () => void; children: ReactNode;
}) {
  const { t } = useLingui();
  const [missing, setMissing] = useState(false);
  const err = error instanceof ApiError ? error : undefined;
  return (
    <Form onSubmit={(e) => {
      e.preventDefault();
      if (values.likelihood === null || values.impact === null) { setMissing(true); return; }
      setMissing(false);
      onSubmit();
    }}>
      <ScoreFields idPrefix={idPrefix} values={values} matrix={matrix} onChange={(v) => { onChange(v); setMissing(false); }}
        errors={{
          likelihood: missing && values.likelihood === null ? t`Choose the likelihood.` : err?.fieldMessage('likelihood'),
          impact: missing && values.impact === null ? t`Choose the impact.` : err?.fieldMessage('impact'),
          comment: err?.fieldMessage('comment'),
        }} />
      {children}
    </Form>
  );
}

/** "3 × 4" (likelihood × impact), or – until both are chosen: a row of the conflict panel. */
export const likelihoodTimesImpact = (v: { likelihood: number | null; impact: number | null }) => (v.likelihood && v.impact ? `${v.likelihood} × ${v.impact}` : '–');

/** Sums of the factors, as the server computes them (the band comes from the server or the matrix). */
export const sumOf = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);
