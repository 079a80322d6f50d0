import { useState } from 'react';
import { Trans, useLingui } from '@lingui/react/macro';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { Form } from 'react-aria-components';
import { ApiError, put } from '../../app/api';
import { useOrg } from '../../app/context';
import { Button, ErrorAlert, Field, Loading, Notice, PageHeader } from '../../ui/components';
import { SaveError } from '../../ui/EditConflict';
import { keys, measurementUrl, useMeasurement, type CriterionResult, type MeasurementDetail, type ScoreView } from './api';
import { MeasurementFrame, useLevelText } from './components';
import { AssessorsEditor } from './AssessorsEditor';
import { AgreedLevels, CriterionHead, Grouped, LevelChoice, PlanLinks } from './CriterionParts';
import { OwnEvidence, ScoreEvidence } from './EvidenceList';
import { byPillarAndFunction } from './grouping';
import s from './maturity.module.css';

/** One criterion scored by the assessor: a level and the evidence, saved on the score's revision (409 shows the other version). */
function ScoreForm({ orgId, m, r }: { orgId: string; m: MeasurementDetail; r: CriterionResult }) {
  const { t } = useLingui();
  const qc = useQueryClient();
  const level = useLevelText();
  const mine = r.myScore;
  const [value, setValue] = useState<number | null>(mine?.level ?? null);
  const [evidence, setEvidence] = useState(mine?.evidence ?? '');
  const [missing, setMissing] = useState(false);
  // The revision this form edits on: the one it was loaded with, then each save's (never a refetch's, which would hide another's save).
  const [revision, setRevision] = useState(mine?.revision ?? 0);
  const save = useMutation({
    mutationFn: (rev: number) => put<ScoreView>(`${measurementUrl(orgId, m.id)}/scores/${r.criterion.id}`,
      { level: value, evidence }, { revision: rev }),
    onSuccess: (v) => { setRevision(v.revision); void qc.invalidateQueries({ queryKey: keys.all(orgId) }); },
  });
  const theirs = save.error instanceof ApiError ? (save.error.current as ScoreView | undefined) : undefined;
  const err = save.error instanceof ApiError ? save.error : undefined;
  const savedLevel = mine ? level(mine.level) : '';
  return (
    <Form onSubmit={(e) => {
      e.preventDefault();
      if (value === null) { setMissing(true); return; }
      setMissing(false);
      save.mutate(revision);
    }}>
      <LevelChoice c={r.criterion} label={t`Your level`} value={value} onChange={(v) => { setValue(v); setMissing(false); save.reset(); }}
        error={missing ? t`Choose a level.` : err?.fieldMessage('level')} />
      <Field label={t`Evidence`} multiline value={evidence} onChange={(v) => { setEvidence(v); save.reset(); }} maxLength={10000} error={err?.fieldMessage('evidence')}
        description={t`What you base the level on: documents, practices, figures, actions of the plan.`} />
      <div className={s.row}>
        <Button type="submit" isDisabled={save.isPending}><Trans>Save the score</Trans></Button>
        {savedLevel && !save.isSuccess && <span className={s.muted}><Trans>Saved: {savedLevel}</Trans></span>}
      </div>
      <SaveError error={save.error} pending={save.isPending} onKeepMine={(rev) => save.mutate(rev)}
        onTakeTheirs={() => {
          if (theirs) { setValue(theirs.level); setEvidence(theirs.evidence); setRevision(theirs.revision); }
          save.reset();
          void qc.invalidateQueries({ queryKey: keys.all(orgId) });
        }}
        rows={theirs ? [
          { label: t`Level`, mine: level(value), theirs: level(theirs.level) },
          { label: t`Evidence`, mine: evidence, theirs: theirs.evidence },
        ] : []} />
      {save.isSuccess && <Notice kind="success" live><Trans>Score saved.</Trans></Notice>}
    </Form>
  );
}

/** A criterion shown to someone who does not score it now: the own score (if any), the agreed level and the plan entries. */
function CriterionReadOnly({ r }: { r: CriterionResult }) {
  const level = useLevelText();
  return (
    <>
      {r.myScore && (
        <dl className={s.side}>
          <div><dt><Trans>Your level</Trans></dt><dd>{level(r.myScore.level)}</dd></div>
          {r.myScore.evidence && <div style={{ gridColumn: '1 / -1' }}><dt><Trans>Your evidence</Trans></dt><dd className={s.prose}>{r.myScore.evidence}</dd></div>}
        </dl>
      )}
      <AgreedLevels agreed={r.agreed} />
      <PlanLinks links={r.links} />
    </>
  );
}

/**
 * /maturity/$measurementId — the criteria by pillar and function. An assessor scores each one while
 * the measurement is being scored (only their own scores are shown: assessors score independently);
 * afterwards, and for the officer and the chief, the criteria are shown with the agreed levels.
 */
export function ScoringPage() {
  const { orgId } = useOrg();
  const { t } = useLingui();
  const { measurementId } = useParams({ strict: false }) as { measurementId: string };
  const q = useMeasurement(orgId, measurementId);
  const m = q.data;
  if (!m) return <><PageHeader title={t`Maturity measurement`} /><ErrorAlert error={q.error} />{q.isPending && <Loading />}</>;
  const scoring = m.permissions.score;
  const left = m.criteria.filter((r) => !r.myScore).length;
  return (
    <MeasurementFrame m={m}>
      {scoring && (
        <p>
          {left > 0
            ? <Trans>Score every criterion: choose the level that describes the organisation today and write down what you base it on. Your scores are not shown to the other assessors. {left} criteria left.</Trans>
            : <Trans>You scored every criterion. You can still change your scores until the integrity officer starts the consolidation.</Trans>}
        </p>
      )}
      {!scoring && m.status === 'scoring' && <p className={s.muted}><Trans>The assessors are scoring. Their scores are shown side by side once the consolidation starts.</Trans></p>}
      <AssessorsEditor m={m} />
      <Grouped groups={byPillarAndFunction(m.criteria, (r) => r.criterion)} render={(r, heading) => (
        <section key={r.criterion.id} className={s.criterion} aria-labelledby={`criterion-${r.criterion.id}`}>
          <CriterionHead c={r.criterion} heading={heading} />
          {scoring ? <ScoreForm orgId={orgId} m={m} r={r} /> : <CriterionReadOnly r={r} />}
          {scoring && <ScoreEvidence orgId={orgId} measurementId={m.id} criterionId={r.criterion.id} criterionCode={r.criterion.code} />}
          {!scoring && r.myScore && <OwnEvidence orgId={orgId} measurementId={m.id} criterionId={r.criterion.id} criterionCode={r.criterion.code} />}
        </section>
      )} />
    </MeasurementFrame>
  );
}
