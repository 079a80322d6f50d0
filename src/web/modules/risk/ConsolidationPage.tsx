import { useState, type ReactNode } from 'react';
import { Plural, Trans, useLingui } from '@lingui/react/macro';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { ApiError, put } from '../../app/api';
import { useOrg } from '../../app/context';
import { Button, Checkbox, ErrorAlert, Field, Loading, Notice, PageHeader } from '../../ui/components';
import { conflictOf, SaveError } from '../../ui/EditConflict';
import {
  analysisUrl, keys, useAnalysis, useConsolidation, type AgreementView, type AnalysisDetail, type ConsolidationRow, type ConsolidationView,
} from './api';
import { AnalysisFrame, BandBadge } from './components';
import { ControlsEditor, RecommendationsEditor } from './FollowUp';
import { ControlsList, Derived, RecommendationsList } from './Outcome';
import { likelihoodTimesImpact, ScoreFieldsForm, ZERO_AGGRAVATING, ZERO_INHERENT, type ScoreValues } from './ScoreParts';
import { AGGRAVATING, AGGRAVATING_LABELS, BAND_LABELS, FACTOR_LABELS, INHERENT, INHERENT_LABELS } from './labels';
import u from '../../ui/ui.module.css';
import s from './risk.module.css';

/** The middle value (rounded up) of the participants' values, as a proposal. */
const median = (xs: number[]): number => {
  const v = [...xs].sort((a, b) => a - b);
  return v.length ? v[Math.floor(v.length / 2)]! : 0;
};

/** Every participant's scores of a process side by side: one column per participant, one row per factor. */
function Scores({ row }: { row: ConsolidationRow }) {
  const { t, i18n } = useLingui();
  const factor = (v: number | undefined) => (v === undefined ? '–' : `${v} – ${i18n._(FACTOR_LABELS[v]!)}`);
  const caption = t`Scores given by the participants for ${row.process.name}`;
  const lines: { id: string; label: string; cell: (x: ConsolidationRow['scores'][number]) => ReactNode }[] = [
    ...INHERENT.map((k) => ({ id: k, label: i18n._(INHERENT_LABELS[k]), cell: (x: ConsolidationRow['scores'][number]) => factor(x.score?.inherent[k]) })),
    ...AGGRAVATING.map((k) => ({ id: k, label: i18n._(AGGRAVATING_LABELS[k]), cell: (x: ConsolidationRow['scores'][number]) => factor(x.score?.aggravating[k]) })),
    { id: 'likelihood', label: t`Likelihood`, cell: (x) => x.score?.likelihood ?? '–' },
    { id: 'impact', label: t`Impact`, cell: (x) => x.score?.impact ?? '–' },
    { id: 'band', label: t`Residual risk`, cell: (x) => <BandBadge band={x.score?.derived.band} /> },
    { id: 'comment', label: t`Comment`, cell: (x) => <span className={s.prose}>{x.score?.comment || '–'}</span> },
  ];
  return (
    <div className={u.tableWrap} tabIndex={0} role="region" aria-label={caption}>
      <table className={u.table}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr><th scope="col"><Trans>Factor</Trans></th>{row.scores.map((x) => <th key={x.participant.userId} scope="col">{x.participant.displayName}{!x.score && <> ({t`not scored`})</>}</th>)}</tr>
        </thead>
        <tbody>
          {lines.map((l) => (
            <tr key={l.id}><th scope="row">{l.label}</th>{row.scores.map((x) => <td key={x.participant.userId}>{l.cell(x)}</td>)}</tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const proposal = (row: ConsolidationRow): ScoreValues => {
  const a = row.agreed;
  if (a) return { inherent: a.inherent, aggravating: a.aggravating, likelihood: a.likelihood, impact: a.impact, comment: a.comment };
  const scored = row.scores.flatMap((x) => (x.score ? [x.score] : []));
  if (scored.length === 0) return { inherent: ZERO_INHERENT, aggravating: ZERO_AGGRAVATING, likelihood: null, impact: null, comment: '' };
  const inherent = { ...ZERO_INHERENT };
  for (const k of INHERENT) inherent[k] = median(scored.map((x) => x.inherent[k]));
  const aggravating = { ...ZERO_AGGRAVATING };
  for (const k of AGGRAVATING) aggravating[k] = median(scored.map((x) => x.aggravating[k]));
  return { inherent, aggravating, likelihood: row.suggestedLikelihood, impact: row.suggestedImpact, comment: '' };
};

/** The moderator's agreed scores of one process and why; saved on the agreement's revision. */
function AgreementForm({ orgId, c, row }: { orgId: string; c: ConsolidationView; row: ConsolidationRow }) {
  const { t } = useLingui();
  const qc = useQueryClient();
  const [values, setValues] = useState<ScoreValues>(proposal(row));
  const [reason, setReason] = useState(row.agreed?.reason ?? '');
  const [revision, setRevision] = useState(row.agreed?.revision ?? 0);
  const save = useMutation({
    mutationFn: (rev: number) => put<AgreementView>(`${analysisUrl(orgId, c.analysis.id)}/consolidation/${row.process.id}`, { ...values, reason }, { revision: rev }),
    onSuccess: (v) => { setRevision(v.revision); void qc.invalidateQueries({ queryKey: keys.all(orgId) }); },
  });
  const err = save.error instanceof ApiError ? save.error : undefined;
  const theirs = conflictOf<AgreementView>(save.error);
  return (
    <ScoreFieldsForm idPrefix={`agree-${row.process.id}`} values={values} matrix={c.analysis.matrix} onChange={(v) => { setValues(v); save.reset(); }}
      error={save.error} onSubmit={() => save.mutate(revision)}>
      <Field label={t`Reason for the agreed scores`} isRequired={row.disagreement} multiline value={reason} onChange={(v) => { setReason(v); save.reset(); }} maxLength={5000}
        error={err?.fieldMessage('reason')}
        description={row.disagreement ? t`The participants disagree: say how the agreed scores were reached.` : t`How the team reached these scores, in a few words; the comment above says what the scores rest on.`} />
      <Button type="submit" isDisabled={save.isPending}><Trans>Save the agreed scores</Trans></Button>
      <SaveError error={save.error} pending={save.isPending} onKeepMine={(rev) => save.mutate(rev)}
        onTakeTheirs={() => {
          if (theirs) {
            setValues({ inherent: theirs.inherent, aggravating: theirs.aggravating, likelihood: theirs.likelihood, impact: theirs.impact, comment: theirs.comment });
            setReason(theirs.reason); setRevision(theirs.revision);
          }
          save.reset();
          void qc.invalidateQueries({ queryKey: keys.all(orgId) });
        }}
        rows={theirs ? [
          { label: t`Likelihood × impact`, mine: likelihoodTimesImpact(values), theirs: likelihoodTimesImpact(theirs) },
          { label: t`Reason for the agreed scores`, mine: reason, theirs: theirs.reason },
        ] : []} />
      {save.isSuccess && <Notice kind="success" live><Trans>Agreed scores saved.</Trans></Notice>}
    </ScoreFieldsForm>
  );
}

function ProcessBlock({ c, detail, row }: { c: ConsolidationView; detail: AnalysisDetail | undefined; row: ConsolidationRow }) {
  const { orgId } = useOrg();
  const { i18n } = useLingui();
  const p = c.analysis.permissions;
  const id = row.process.id;
  const d = detail?.processes.find((x) => x.process.id === id);
  const bands = row.bands.map((b) => i18n._(BAND_LABELS[b])).join(', ');
  return (
    <section className={`${s.process} ${row.disagreement ? s.disagree : ''}`} aria-labelledby={`process-${id}`}>
      <h2 id={`process-${id}`}>{row.process.name}</h2>
      {row.disagreement && (
        <p><span className={s.flag}><span aria-hidden="true">⚠</span> <Trans>The participants disagree (likelihood apart by {row.likelihoodSpread ?? 0}, impact by {row.impactSpread ?? 0}; bands: {bands}).</Trans></span></p>
      )}
      <Scores row={row} />
      <h3><Trans>Agreed scores</Trans></h3>
      {p.agree ? <AgreementForm orgId={orgId} c={c} row={row} /> : row.agreed ? (
        <>
          <Derived x={row.agreed} />
          {row.agreed.reason && <p className={s.prose}><strong><Trans>Why:</Trans></strong> {row.agreed.reason}</p>}
        </>
      ) : <p className={s.muted}><Trans>No agreed scores yet.</Trans></p>}
      {d && (
        <>
          <h3 className={s.sub}><Trans>Existing controls</Trans></h3>
          {p.editControls ? <ControlsEditor analysisId={c.analysis.id} processId={id} controls={d.controls} /> : <ControlsList controls={d.controls} />}
          <h3 className={s.sub}><Trans>Recommendations</Trans></h3>
          {p.editRecommendations || p.followUp || p.linkToPlan
            ? <RecommendationsEditor analysisId={c.analysis.id} processId={id} processName={row.process.name} items={d.recommendations} p={p} />
            : <RecommendationsList items={d.recommendations} />}
        </>
      )}
    </section>
  );
}

/**
 * /risk/analyses/$analysisId/consolidation — per process every participant's scores side by side, the
 * disagreements marked (in words and a symbol; the colour only repeats it), the moderator's agreed
 * scores and reason, the existing controls, the recommendations and their plan entries; then complete.
 */
export function ConsolidationPage() {
  const { orgId } = useOrg();
  const { t } = useLingui();
  const { analysisId } = useParams({ strict: false }) as { analysisId: string };
  const q = useConsolidation(orgId, analysisId);
  const detail = useAnalysis(orgId, analysisId);
  const [only, setOnly] = useState(false);
  const c = q.data;
  if (!c) return <><PageHeader title={t`Consolidation`} /><ErrorAlert error={q.error} />{q.isPending && <Loading />}</>;
  const rows = only ? c.rows.filter((r) => r.disagreement) : c.rows;
  const agreed = c.rows.filter((r) => r.agreed).length;
  const total = c.rows.length;
  const disagreements = c.disagreements;
  return (
    <AnalysisFrame a={c.analysis}>
      <p>
        <Plural value={disagreements} one="# process with a disagreement between the participants." other="# processes with a disagreement between the participants." />
        {' '}<Plural value={total} one={`Agreed scores recorded for ${agreed} of # process.`} other={`Agreed scores recorded for ${agreed} of # processes.`} />
        {' '}{c.analysis.permissions.agree && !c.complete && <Trans>Record the agreed scores of every process, then complete the analysis.</Trans>}
      </p>
      <Checkbox isSelected={only} onChange={setOnly}><Trans>Show only the processes where the participants disagree</Trans></Checkbox>
      <ErrorAlert error={detail.error} />
      {rows.map((row) => <ProcessBlock key={row.process.id} c={c} detail={detail.data} row={row} />)}
    </AnalysisFrame>
  );
}
