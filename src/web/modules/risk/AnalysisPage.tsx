import { useState } from 'react';
import { Trans, useLingui } from '@lingui/react/macro';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { Form } from 'react-aria-components';
import { ApiError, patch, put } from '../../app/api';
import { useOrg } from '../../app/context';
import { Button, Checkbox, ErrorAlert, Field, Loading, Notice, PageHeader } from '../../ui/components';
import { conflictOf, SaveError } from '../../ui/EditConflict';
import { analysisUrl, keys, useAnalysis, useParticipantCandidates, useProcesses, type AnalysisDetail, type AnalysisRow, type ScoreView } from './api';
import { AnalysisFrame, BandBadge } from './components';
import { ProcessOutcome } from './Outcome';
import { likelihoodTimesImpact, ScoreFieldsForm, ZERO_AGGRAVATING, ZERO_INHERENT, type ScoreValues } from './ScoreParts';
import { KIND_LABELS } from './labels';
import s from './risk.module.css';
import { qs } from '../../app/api';
import { RiskDownloads } from './RiskDownloads';

const valuesOf = (x: ScoreView | null): ScoreValues => x
  ? { inherent: x.inherent, aggravating: x.aggravating, likelihood: x.likelihood, impact: x.impact, comment: x.comment }
  : { inherent: ZERO_INHERENT, aggravating: ZERO_AGGRAVATING, likelihood: null, impact: null, comment: '' };

/** A participant's own scores of one process, saved on the score's revision (409 shows the other version). */
function ScoreForm({ orgId, a, row }: { orgId: string; a: AnalysisDetail; row: AnalysisRow }) {
  const { t } = useLingui();
  const qc = useQueryClient();
  const mine = row.myScore;
  const [values, setValues] = useState<ScoreValues>(valuesOf(mine));
  // The revision this form edits on: the one it was loaded with, then each save's (never a refetch's).
  const [revision, setRevision] = useState(mine?.revision ?? 0);
  const save = useMutation({
    mutationFn: (rev: number) => put<ScoreView>(`${analysisUrl(orgId, a.id)}/scores/${row.process.id}`, values, { revision: rev }),
    onSuccess: (v) => { setRevision(v.revision); void qc.invalidateQueries({ queryKey: keys.all(orgId) }); void qc.invalidateQueries({ queryKey: ['org', orgId, 'home'] }); },
  });
  const theirs = conflictOf<ScoreView>(save.error);
  return (
    <ScoreFieldsForm idPrefix={`score-${row.process.id}`} values={values} matrix={a.matrix} onChange={(v) => { setValues(v); save.reset(); }}
      error={save.error} onSubmit={() => save.mutate(revision)}>
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
          { label: t`Likelihood × impact`, mine: likelihoodTimesImpact(values), theirs: likelihoodTimesImpact(theirs) },
          { label: t`Comment`, mine: values.comment, theirs: theirs.comment },
        ] : []} />
      {save.isSuccess && <Notice kind="success" live><Trans>Scores saved.</Trans></Notice>}
    </ScoreFieldsForm>
  );
}

/**
 * The title and scope (step 1), the processes (while a draft) and the participants, changed by the
 * officer while the analysis is a draft or being scored; saved on the analysis's revision.
 */
function ScopeForm({ orgId, a }: { orgId: string; a: AnalysisDetail }) {
  const { t, i18n } = useLingui();
  const qc = useQueryClient();
  const processes = useProcesses(orgId);
  const candidates = useParticipantCandidates(orgId);
  const [title, setTitle] = useState(a.title);
  const [scopeNote, setScopeNote] = useState(a.scopeNote);
  const [processIds, setProcessIds] = useState(a.processes.map((r) => r.process.id));
  const [participants, setParticipants] = useState(a.participants.map((x) => x.userId));
  const [revision, setRevision] = useState(a.revision);
  const editScope = a.permissions.editScope;
  const save = useMutation({
    mutationFn: (rev: number) => patch<AnalysisDetail>(analysisUrl(orgId, a.id),
      { title, scopeNote, ...(editScope ? { processIds } : {}), participantUserIds: participants }, { revision: rev }),
    onSuccess: (v) => { setRevision(v.revision); void qc.invalidateQueries({ queryKey: keys.all(orgId) }); },
  });
  const err = save.error instanceof ApiError ? save.error : undefined;
  const theirs = err?.isEditConflict ? (err.current as AnalysisDetail | undefined) : undefined;
  const toggle = (set: (f: (x: string[]) => string[]) => void) => (id: string, on: boolean) => { set((x) => (on ? [...x, id] : x.filter((y) => y !== id))); save.reset(); };
  const processName = (id: string) => (processes.data?.items ?? []).find((p) => p.id === id)?.name ?? a.processes.find((r) => r.process.id === id)?.process.name ?? '';
  const personName = (id: string) => (candidates.data ?? []).find((c) => c.userId === id)?.displayName ?? a.participants.find((x) => x.userId === id)?.displayName ?? '';
  const names = (ids: string[], of: (id: string) => string) => ids.map(of).sort().join(', ');
  const live = (processes.data?.items ?? []).filter((p) => !p.archived || processIds.includes(p.id));
  return (
    <Form onSubmit={(e) => { e.preventDefault(); save.mutate(revision); }}>
      <Field label={t`Title`} isRequired value={title} onChange={(v) => { setTitle(v); save.reset(); }} maxLength={300} error={err?.fieldMessage('title')} />
      <Field label={t`Scope (step 1)`} multiline value={scopeNote} onChange={(v) => { setScopeNote(v); save.reset(); }} maxLength={10000} error={err?.fieldMessage('scopeNote')} />
      {editScope && (
        <fieldset className={s.factors}>
          <legend><Trans>Processes and functions (step 2)</Trans></legend>
          <ErrorAlert error={processes.error} />
          {processes.isPending ? <Loading /> : live.map((p) => (
            <Checkbox key={p.id} isSelected={processIds.includes(p.id)} onChange={(on) => toggle(setProcessIds)(p.id, on)}>
              {p.name} <span className={s.muted}>({i18n._(KIND_LABELS[p.kind])})</span>
            </Checkbox>
          ))}
          {err?.fieldMessage('processIds') && <p className={s.small} role="alert">{err.fieldMessage('processIds')}</p>}
        </fieldset>
      )}
      <fieldset className={s.factors}>
        <legend><Trans>Participants</Trans></legend>
        <ErrorAlert error={candidates.error} />
        {candidates.isPending ? <Loading /> : (candidates.data ?? []).map((c) => (
          <Checkbox key={c.userId} isSelected={participants.includes(c.userId)} onChange={(on) => toggle(setParticipants)(c.userId, on)}>{c.displayName}</Checkbox>
        ))}
        {err?.fieldMessage('participantUserIds') && <p className={s.small} role="alert">{err.fieldMessage('participantUserIds')}</p>}
      </fieldset>
      <Button type="submit" variant="secondary" isDisabled={save.isPending}><Trans>Save the scope and participants</Trans></Button>
      <SaveError error={save.error && (err?.isEditConflict || !(err?.fieldMessage('processIds') || err?.fieldMessage('participantUserIds'))) ? save.error : null}
        pending={save.isPending} onKeepMine={(rev) => save.mutate(rev)}
        onTakeTheirs={() => {
          if (theirs) {
            setTitle(theirs.title); setScopeNote(theirs.scopeNote); setRevision(theirs.revision);
            setProcessIds(theirs.processes.map((r) => r.process.id)); setParticipants(theirs.participants.map((x) => x.userId));
          }
          save.reset();
          void qc.invalidateQueries({ queryKey: keys.all(orgId) });
        }}
        rows={theirs ? [
          { label: t`Title`, mine: title, theirs: theirs.title },
          { label: t`Scope (step 1)`, mine: scopeNote, theirs: theirs.scopeNote },
          { label: t`Processes and functions (step 2)`, mine: names(processIds, processName), theirs: names(theirs.processes.map((r) => r.process.id), processName) },
          { label: t`Participants`, mine: names(participants, personName), theirs: names(theirs.participants.map((x) => x.userId), personName) },
        ] : []} />
      {save.isSuccess && <Notice kind="success" live><Trans>Scope and participants saved.</Trans></Notice>}
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
  const title = a.title;
  const scored = a.processes.filter((r) => r.myScore).length;
  const total = a.processes.length;
  return (
    <AnalysisFrame a={a}>
      <RiskDownloads name={t`the analysis ${title}`} url={(format) => `${analysisUrl(orgId, a.id)}/export.${format}${qs({ lang: i18n.locale })}`} />
      <section aria-labelledby="scope">
        <h2 id="scope"><Trans>Scope</Trans></h2>
        {a.permissions.edit ? <ScopeForm key={a.id} orgId={orgId} a={a} /> : <p className={s.prose}>{a.scopeNote || t`No scope note.`}</p>}
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
