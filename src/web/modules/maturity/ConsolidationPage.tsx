import { useState } from 'react';
import { Trans, useLingui } from '@lingui/react/macro';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { Form } from 'react-aria-components';
import { ApiError, put } from '../../app/api';
import { useOrg } from '../../app/context';
import { Button, Checkbox, ErrorAlert, Field, layout, Loading, Notice, PageHeader, SelectField } from '../../ui/components';
import { SaveError } from '../../ui/EditConflict';
import { keys, measurementUrl, useConsolidation, type AgreementView, type Consolidation, type ConsolidationRow } from './api';
import { MeasurementFrame, useLevelText } from './components';
import { AgreedLevels, CriterionHead, Grouped, PlanLinks } from './CriterionParts';
import { AssessorEvidence } from './EvidenceList';
import { GapButton } from './GapDialog';
import { byPillarAndFunction } from './grouping';
import { MOVED_LABELS } from './labels';
import u from '../../ui/ui.module.css';
import s from './maturity.module.css';

/** The assessors' levels and evidence side by side. */
function Scores({ row, measurementId }: { row: ConsolidationRow; measurementId: string }) {
  const { t } = useLingui();
  const { orgId } = useOrg();
  const level = useLevelText();
  return (
    <div className={u.tableWrap} tabIndex={0} role="region" aria-label={t`Levels given by the assessors for ${row.criterion.code}`}>
      <table className={u.table}>
        <caption className="visually-hidden">{t`Levels given by the assessors for ${row.criterion.code}`}</caption>
        <thead><tr><th scope="col"><Trans>Assessor</Trans></th><th scope="col"><Trans>Level</Trans></th><th scope="col"><Trans>Evidence</Trans></th></tr></thead>
        <tbody>
          {row.scores.map((x) => (
            <tr key={x.assessor.userId}>
              <th scope="row">{x.assessor.displayName}</th>
              <td>{x.level === null ? t`not scored` : level(x.level)}</td>
              <td>
                <p className={s.prose}>{x.evidence || '–'}</p>
                <AssessorEvidence orgId={orgId} measurementId={measurementId} criterionId={row.criterion.id} assessorUserId={x.assessor.userId}
                  label={t`Files and links of ${x.assessor.displayName} for ${row.criterion.code}`} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The officer's decision on one criterion: agreed level, target level and why; saved on the agreement's revision. */
function AgreementForm({ orgId, measurementId, row }: { orgId: string; measurementId: string; row: ConsolidationRow }) {
  const { t } = useLingui();
  const qc = useQueryClient();
  const level = useLevelText();
  const a = row.agreed;
  // Where the assessors agree, their level is the natural proposal.
  const [agreedLevel, setAgreed] = useState(a ? String(a.agreedLevel) : row.minLevel !== null && row.minLevel === row.maxLevel ? String(row.minLevel) : '');
  const [targetLevel, setTarget] = useState(a ? String(a.targetLevel) : '');
  const [reason, setReason] = useState(a?.reason ?? '');
  // The revision this form edits on: the one it was loaded with, then each save's.
  const [revision, setRevision] = useState(a?.revision ?? 0);
  const save = useMutation({
    mutationFn: (rev: number) => put<AgreementView>(`${measurementUrl(orgId, measurementId)}/consolidation/${row.criterion.id}`,
      { agreedLevel: agreedLevel === '' ? null : Number(agreedLevel), targetLevel: targetLevel === '' ? null : Number(targetLevel), reason }, { revision: rev }),
    onSuccess: (v) => { setRevision(v.revision); void qc.invalidateQueries({ queryKey: keys.all(orgId) }); },
  });
  const err = save.error instanceof ApiError ? save.error : undefined;
  const theirs = err?.current as AgreementView | undefined;
  const options = [0, 1, 2, 3, 4].map((l) => ({ id: String(l), label: level(l) }));
  return (
    <Form onSubmit={(e) => { e.preventDefault(); save.mutate(revision); }}>
      <div className={layout.grid2}>
        <SelectField label={t`Agreed level`} isRequired value={agreedLevel} onChange={(v) => { setAgreed(v); save.reset(); }} options={options} error={err?.fieldMessage('agreedLevel')} />
        <SelectField label={t`Target level`} isRequired value={targetLevel} onChange={(v) => { setTarget(v); save.reset(); }} options={options} error={err?.fieldMessage('targetLevel')}
          description={t`The level the organisation aims at by the end of the plan.`} />
      </div>
      <Field label={t`Reason`} isRequired multiline value={reason} onChange={(v) => { setReason(v); save.reset(); }} maxLength={5000} error={err?.fieldMessage('reason')}
        description={row.disagreement ? t`The assessors disagree: say how the agreed level was reached.` : t`Why this level, in a few words.`} />
      <Button type="submit" isDisabled={save.isPending}><Trans>Save the agreed level</Trans></Button>
      <SaveError error={save.error} pending={save.isPending} onKeepMine={(r) => save.mutate(r)}
        onTakeTheirs={() => {
          if (theirs) { setAgreed(String(theirs.agreedLevel)); setTarget(String(theirs.targetLevel)); setReason(theirs.reason); setRevision(theirs.revision); }
          save.reset();
          void qc.invalidateQueries({ queryKey: keys.all(orgId) });
        }}
        rows={theirs ? [
          { label: t`Agreed level`, mine: level(agreedLevel === '' ? null : Number(agreedLevel)), theirs: level(theirs.agreedLevel) },
          { label: t`Target level`, mine: level(targetLevel === '' ? null : Number(targetLevel)), theirs: level(theirs.targetLevel) },
          { label: t`Reason`, mine: reason, theirs: theirs.reason },
        ] : []} />
      {save.isSuccess && <Notice kind="success" live><Trans>Agreed level saved.</Trans></Notice>}
    </Form>
  );
}

function Row({ c, row, heading }: { c: Consolidation; row: ConsolidationRow; heading: 'h3' | 'h4' }) {
  const { orgId } = useOrg();
  const { t, i18n } = useLingui();
  const level = useLevelText();
  const p = c.measurement.permissions;
  const from = level(row.minLevel);
  const to = level(row.maxLevel);
  const prev = row.previous;
  return (
    <section className={`${s.criterion} ${row.disagreement ? s.disagree : ''}`} aria-labelledby={`criterion-${row.criterion.id}`}>
      <CriterionHead c={row.criterion} heading={heading} />
      {row.disagreement && (
        <p><span className={s.flag}><span aria-hidden="true">⚠</span> <Trans>The assessors disagree: from {from} to {to}.</Trans></span></p>
      )}
      <Scores row={row} measurementId={c.measurement.id} />
      {prev && (
        <p className={s.small}>
          {t`Previous measurement (${prev.year}): ${level(prev.agreedLevel)}`}
          {prev.moved && <> — {i18n._(MOVED_LABELS[prev.moved])}</>}
        </p>
      )}
      {prev && <PlanLinks links={prev.links} />}
      {p.agree ? <AgreementForm orgId={orgId} measurementId={c.measurement.id} row={row} /> : <AgreedLevels agreed={row.agreed} />}
      <PlanLinks links={row.links} />
      {row.agreed?.gap && p.linkToPlan && <GapButton measurementId={c.measurement.id} criterion={row.criterion} />}
    </section>
  );
}

/**
 * /maturity/$measurementId/consolidation — per criterion the assessors' levels side by side, the
 * disagreements marked (in words and a symbol, the colour only repeats it), and the officer's agreed
 * level, target and reason; then submit, approve. An approved measurement shows read-only.
 */
export function ConsolidationPage() {
  const { orgId } = useOrg();
  const { t } = useLingui();
  const { measurementId } = useParams({ strict: false }) as { measurementId: string };
  const q = useConsolidation(orgId, measurementId);
  const [onlyDisagreements, setOnly] = useState(false);
  const c = q.data;
  if (!c) return <><PageHeader title={t`Consolidation`} /><ErrorAlert error={q.error} />{q.isPending && <Loading />}</>;
  const rows = onlyDisagreements ? c.rows.filter((r) => r.disagreement) : c.rows;
  const agreed = c.rows.filter((r) => r.agreed).length;
  const total = c.rows.length;
  const disagreements = c.disagreements;
  return (
    <MeasurementFrame m={c.measurement}>
      <p>
        <Trans>{disagreements} criteria with a disagreement between the assessors. Agreed level recorded for {agreed} of {total} criteria.</Trans>
        {' '}{c.measurement.permissions.agree && !c.complete && <Trans>Record an agreed level for every criterion, then submit the measurement for approval.</Trans>}
      </p>
      <Checkbox isSelected={onlyDisagreements} onChange={setOnly}><Trans>Show only the criteria where the assessors disagree</Trans></Checkbox>
      <Grouped groups={byPillarAndFunction(rows, (r) => r.criterion)} render={(row, heading) => <Row key={row.criterion.id} c={c} row={row} heading={heading} />} />
    </MeasurementFrame>
  );
}
