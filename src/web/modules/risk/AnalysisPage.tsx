import { useState } from 'react';
import { Trans, useLingui } from '@lingui/react/macro';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { Form } from 'react-aria-components';
import { ApiError, patch, put } from '../../app/api';
import { useOrg } from '../../app/context';
import { Button, ErrorAlert, Field, Loading, Notice, PageHeader } from '../../ui/components';
import { SaveError } from '../../ui/EditConflict';
import { analysisUrl, keys, useAnalysis, type AnalysisDetail, type AnalysisRow, type ScoreView } from './api';
import { AnalysisFrame, BandBadge } from './components';
import { ProcessOutcome } from './Outcome';
import { ScoreFields, ZERO_AGGRAVATING, ZERO_INHERENT, type ScoreValues } from './ScoreParts';
import { KIND_LABELS } from './labels';
import s from './risk.module.css';

const valuesOf = (x: ScoreView | null): ScoreValues => x
  ? { inherent: x.inherent, aggravating: x.aggravating, likelihood: x.likelihood, impact: x.impact, comment: x.comment }
  : { inherent: ZERO_INHERENT, aggravating: ZERO_AGGRAVATING, likelihood: null, impact: null, comment: '' };

/** A participant's own scores of one process, saved on the score's revision (409 shows the other version). */
function ScoreForm({ orgId, a, row }: { orgId: string; a: AnalysisDetail; row: AnalysisRow }) {
  const { t } = useLingui();
  const qc = useQueryClient();
  const mine = row.myScore;
  const [values, setValues] = useState<ScoreValues>(valuesOf(mine));
  const [missing, setMissing] = useState(false);
  // The revision this form edits on: the one it was loaded with, then each save's (never a refetch's).
  const [revision, setRevision] = useState(mine?.revision ?? 0);
  const save = useMutation({
    mutationFn: (rev: number) => put<ScoreView>(`${analysisUrl(orgId, a.id)}/scores/${row.process.id}`, values, { revision: rev }),
    onSuccess: (v) => { setRevision(v.revision); void qc.invalidateQueries({ queryKey: keys.all(orgId) }); void qc.invalidateQueries({ queryKey: ['org', orgId, 'home'] }); },
  });
  const err = save.error instanceof ApiError ? save.error : undefined;
  const theirs = err?.isEditConflict ? (err.current as ScoreView | undefined) : undefined;
  const lxi = (v: { likelihood: number | null; impact: number | null }) => (v.likelihood && v.impact ? `${v.likelihood} × ${v.impact}` : '–');
  return (
    <Form onSubmit={(e) => {
      e.preventDefault();
      if (values.likelihood === null || values.impact === null) { setMissing(true); return; }
      setMissing(false);
      save.mutate(revision);
    }}>
      <ScoreFields idPrefix={`score-${row.process.id}`} values={values} matrix={a.matrix} onChange={(v) => { setValues(v); setMissing(false); save.reset(); }}
        errors={{
          likelihood: missing && values.likelihood === null ? t`Choose the likelihood.` : err?.fieldMessage('likelihood'),
          impact: missing && values.impact === null ? t`Choose the impact.` : err?.fieldMessage('impact'),
          comment: err?.fieldMessage('comment'),
        }} />
      <div className={s.row}>
        <Button type="submit" isDisabled={save.isPending}><Trans>Save the scores</Trans></Button>
        {mine && !save.isSuccess && <span className={s.muted}><Trans>Saved.</Trans> <BandBadge band={mine.derived.band} /></span>}
      </div>
      <SaveError error={save.error} pending={save.isPending} onKeepMine={(rev) => save.mutate(rev)}
        onTakeTheirs={() => {
          if (theirs) { setValues(valuesOf(theirs)); setRevision(theirs.revision); }
          save.reset();
          void qc.invalidateQueries({ queryKey: keys.all(orgId) });
        }}
        rows={theirs ? [
          { label: t`Likelihood × impact`, mine: lxi(values), theirs: lxi(theirs) },
          { label: t`Comment`, mine: values.comment, theirs: theirs.comment },
        ] : []} />
      {save.isSuccess && <Notice kind="success" live><Trans>Scores saved.</Trans></Notice>}
    </Form>
  );
}

/** The title and scope (step 1), changed by the officer while the analysis is a draft or being scored. */
function ScopeForm({ orgId, a }: { orgId: string; a: AnalysisDetail }) {
  const { t } = useLingui();
  const qc = useQueryClient();
  const [title, setTitle] = useState(a.title);
  const [scopeNote, setScopeNote] = useState(a.scopeNote);
  const [revision, setRevision] = useState(a.revision);
  const save = useMutation({
    mutationFn: (rev: number) => patch<AnalysisDetail>(analysisUrl(orgId, a.id), { title, scopeNote }, { revision: rev }),
    onSuccess: (v) => { setRevision(v.revision); void qc.invalidateQueries({ queryKey: keys.all(orgId) }); },
  });
  const err = save.error instanceof ApiError ? save.error : undefined;
  const theirs = err?.isEditConflict ? (err.current as AnalysisDetail | undefined) : undefined;
  return (
    <Form onSubmit={(e) => { e.preventDefault(); save.mutate(revision); }}>
      <Field label={t`Title`} isRequired value={title} onChange={(v) => { setTitle(v); save.reset(); }} maxLength={300} error={err?.fieldMessage('title')} />
      <Field label={t`Scope (step 1)`} multiline value={scopeNote} onChange={(v) => { setScopeNote(v); save.reset(); }} maxLength={10000} error={err?.fieldMessage('scopeNote')} />
      <Button type="submit" variant="secondary" isDisabled={save.isPending}><Trans>Save the title and scope</Trans></Button>
      <SaveError error={save.error} pending={save.isPending} onKeepMine={(rev) => save.mutate(rev)}
        onTakeTheirs={() => { if (theirs) { setTitle(theirs.title); setScopeNote(theirs.scopeNote); setRevision(theirs.revision); } save.reset(); void qc.invalidateQueries({ queryKey: keys.all(orgId) }); }}
        rows={theirs ? [{ label: t`Title`, mine: title, theirs: theirs.title }, { label: t`Scope (step 1)`, mine: scopeNote, theirs: theirs.scopeNote }] : []} />
      {save.isSuccess && <Notice kind="success" live><Trans>Title and scope saved.</Trans></Notice>}
    </Form>
  );
}

/**
 * /risk/analyses/$analysisId — the analysis: its scope and the six steps; a participant scores each
 * process on their own while it is being scored (only their own scores are shown), with their
 * progress; afterwards, and for the officer and the chief, each process with its agreed scores,
 * controls and recommendations.
 */
export function AnalysisPage() {
  const { orgId } = useOrg();
  const { t, i18n } = useLingui();
  const { analysisId } = useParams({ strict: false }) as { analysisId: string };
  const q = useAnalysis(orgId, analysisId);
  const a = q.data;
  if (!a) return <><PageHeader title={t`Risk analysis`} /><ErrorAlert error={q.error} />{q.isPending && <Loading />}</>;
  const scoring = a.permissions.score;
  const scored = a.processes.filter((r) => r.myScore).length;
  const total = a.processes.length;
  return (
    <AnalysisFrame a={a}>
      <section aria-labelledby="scope">
        <h2 id="scope"><Trans>Scope</Trans></h2>
        {a.permissions.edit ? <ScopeForm key={a.revision} orgId={orgId} a={a} /> : <p className={s.prose}>{a.scopeNote || t`No scope note.`}</p>}
      </section>
      {scoring && (
        <section aria-labelledby="progress">
          <h2 id="progress"><Trans>Your scores</Trans></h2>
          <p>
            <label htmlFor="score-progress"><Trans>You scored {scored} of {total} processes.</Trans></label>{' '}
            <progress id="score-progress" max={total} value={scored}>{scored}/{total}</progress>
          </p>
          <p>{scored < total
            ? <Trans>Score every process on your own: how vulnerable it is, what makes it worse, and the likelihood and impact of a violation with the controls that exist today. The other participants do not see your scores.</Trans>
            : <Trans>You scored every process. You can still change your scores until the integrity officer starts the consolidation.</Trans>}</p>
        </section>
      )}
      {!scoring && a.status === 'scoring' && <p className={s.muted}><Trans>The participants are scoring. Their scores are shown side by side once the consolidation starts.</Trans></p>}
      {a.status === 'draft' && <p className={s.muted}><Trans>Start the scoring when the scope, the processes and the participants are right.</Trans></p>}
      {a.processes.map((row) => (
        <section key={row.process.id} className={s.process} aria-labelledby={`process-${row.process.id}`}>
          <h2 id={`process-${row.process.id}`}>{row.process.name} <span className={`${s.small} ${s.muted}`}>({i18n._(KIND_LABELS[row.process.kind])})</span></h2>
          {scoring ? <ScoreForm orgId={orgId} a={a} row={row} /> : <ProcessOutcome a={a} row={row} />}
        </section>
      ))}
    </AnalysisFrame>
  );
}
