import { useState } from 'react';
import { Trans, useLingui } from '@lingui/react/macro';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Form } from 'react-aria-components';
import { ApiError, put } from '../../app/api';
import { useOrg } from '../../app/context';
import { Button, ErrorAlert, layout, Loading, Notice, PageHeader, SelectField } from '../../ui/components';
import { SaveError } from '../../ui/EditConflict';
import { keys, riskBase, useSettings, type Band, type SettingsView } from './api';
import { ForRoles, RiskLinks, RISK_READERS } from './components';
import { BAND_LABELS, BANDS } from './labels';
import u from '../../ui/ui.module.css';
import s from './risk.module.css';

const SIZES = [3, 4, 5, 6, 7];

/** The matrix as one line per likelihood, for the conflict panel ("5: low, medium, …"). */
const asText = (m: Band[][], label: (b: Band) => string) => m.map((row, l) => `${l + 1}: ${row.map(label).join(', ')}`).reverse().join('\n');

/** The matrix's sizes and the band of every cell; sent on the settings' revision (409 shows the other version). */
function SettingsForm({ v }: { v: SettingsView }) {
  const { orgId } = useOrg();
  const { t, i18n } = useLingui();
  const qc = useQueryClient();
  const [likelihood, setLikelihood] = useState(v.likelihoodLevels);
  const [impact, setImpact] = useState(v.impactLevels);
  const [matrix, setMatrix] = useState<Band[][]>(v.matrix);
  const [revision, setRevision] = useState(v.revision);
  const resized = likelihood !== v.likelihoodLevels || impact !== v.impactLevels;
  const save = useMutation({
    mutationFn: (rev: number) => put<SettingsView>(`${riskBase(orgId)}/settings`,
      { likelihoodLevels: likelihood, impactLevels: impact, ...(resized ? {} : { matrix }) }, { revision: rev }),
    onSuccess: (x) => { setRevision(x.revision); setMatrix(x.matrix); void qc.invalidateQueries({ queryKey: keys.settings(orgId) }); },
  });
  const err = save.error instanceof ApiError ? save.error : undefined;
  const theirs = err?.isEditConflict ? (err.current as SettingsView | undefined) : undefined;
  const label = (b: Band) => i18n._(BAND_LABELS[b]);
  const set = (l: number, i: number, b: Band) => { setMatrix((m) => m.map((row, li) => (li === l ? row.map((x, ii) => (ii === i ? b : x)) : row))); save.reset(); };
  const options = BANDS.map((b) => ({ id: b, label: label(b) }));
  return (
    <Form onSubmit={(e) => { e.preventDefault(); save.mutate(revision); }}>
      <div className={layout.grid2}>
        <SelectField label={t`Likelihood levels`} isRequired value={String(likelihood)} onChange={(x) => { setLikelihood(Number(x)); save.reset(); }}
          options={SIZES.map((n) => ({ id: String(n), label: String(n) }))} error={err?.fieldMessage('likelihoodLevels')} />
        <SelectField label={t`Impact levels`} isRequired value={String(impact)} onChange={(x) => { setImpact(Number(x)); save.reset(); }}
          options={SIZES.map((n) => ({ id: String(n), label: String(n) }))} error={err?.fieldMessage('impactLevels')} />
      </div>
      {resized ? (
        <Notice><Trans>With other sizes the default matrix of those sizes is saved; you can then change the band of each cell.</Trans></Notice>
      ) : (
        <div className={u.tableWrap} tabIndex={0} role="region" aria-label={t`Band per likelihood (rows) and impact (columns)`}>
          <table className={s.grid}>
            <caption className="visually-hidden"><Trans>Band per likelihood (rows) and impact (columns)</Trans></caption>
            <thead><tr><th scope="col"><Trans>Likelihood \ impact</Trans></th>{matrix[0]?.map((_b, i) => <th key={i} scope="col">{i + 1}</th>)}</tr></thead>
            <tbody>
              {matrix.map((row, l) => ({ row, l })).reverse().map(({ row, l }) => (
                <tr key={l}>
                  <th scope="row">{l + 1}</th>
                  {row.map((b, i) => (
                    <td key={i} className={s[`h-${b}`]}>
                      <SelectField label={<span className="visually-hidden">{t`Likelihood ${l + 1}, impact ${i + 1}`}</span>} value={b} onChange={(x) => set(l, i, x as Band)} options={options} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className={s.row}>
        <Button type="submit" isDisabled={save.isPending}><Trans>Save the matrix</Trans></Button>
        {!resized && <Button variant="secondary" onPress={() => { setMatrix(v.defaultMatrix); save.reset(); }}><Trans>Back to the default bands</Trans></Button>}
      </div>
      <SaveError error={save.error && !err?.fieldMessage('likelihoodLevels') && !err?.fieldMessage('impactLevels') ? save.error : null} pending={save.isPending} onKeepMine={(rev) => save.mutate(rev)}
        onTakeTheirs={() => {
          if (theirs) { setLikelihood(theirs.likelihoodLevels); setImpact(theirs.impactLevels); setMatrix(theirs.matrix); setRevision(theirs.revision); }
          save.reset();
          void qc.invalidateQueries({ queryKey: keys.settings(orgId) });
        }}
        rows={theirs ? [
          { label: t`Likelihood levels`, mine: String(likelihood), theirs: String(theirs.likelihoodLevels) },
          { label: t`Impact levels`, mine: String(impact), theirs: String(theirs.impactLevels) },
          { label: t`Bands`, mine: asText(matrix, label), theirs: asText(theirs.matrix, label) },
        ] : []} />
      {save.isSuccess && <Notice kind="success" live><Trans>Matrix saved.</Trans></Notice>}
    </Form>
  );
}

/** The matrix read-only: likelihood (rows, highest first) by impact, each cell's band in words. */
function MatrixTable({ v }: { v: SettingsView }) {
  const { t, i18n } = useLingui();
  return (
    <div className={u.tableWrap} tabIndex={0} role="region" aria-label={t`Band per likelihood (rows) and impact (columns)`}>
      <table className={s.heat}>
        <caption className="visually-hidden"><Trans>Band per likelihood (rows) and impact (columns)</Trans></caption>
        <thead><tr><th scope="col"><Trans>Likelihood \ impact</Trans></th>{v.matrix[0]?.map((_b, i) => <th key={i} scope="col">{i + 1}</th>)}</tr></thead>
        <tbody>
          {v.matrix.map((row, l) => ({ row, l })).reverse().map(({ row, l }) => (
            <tr key={l}><th scope="row">{l + 1}</th>{row.map((b, i) => <td key={i} className={s[`h-${b}`]}>{i18n._(BAND_LABELS[b])}</td>)}</tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * /risk/settings — the risk matrix: how many likelihood and impact levels, and the band of every
 * cell (the officer changes it; a new analysis takes a copy, so earlier ones keep theirs).
 */
export function SettingsPage() {
  const { t } = useLingui();
  return <ForRoles roles={RISK_READERS} title={t`Risk matrix`}><Settings /></ForRoles>;
}

function Settings() {
  const { orgId } = useOrg();
  const { t } = useLingui();
  const q = useSettings(orgId);
  return (
    <>
      <PageHeader title={t`Risk matrix`}>
        <p><Trans>Likelihood times impact gives the residual risk; the band of each cell says how high it is. A new analysis takes a copy of the matrix, so earlier analyses keep theirs.</Trans></p>
      </PageHeader>
      <RiskLinks current="settings" />
      <ErrorAlert error={q.error} />
      {/* No key on the revision: the form keeps the revision it saved on, and a remount after its own save took the "saved" notice away. */}
      {q.isPending ? <Loading /> : q.data && (q.data.canEdit ? <SettingsForm v={q.data} /> : <MatrixTable v={q.data} />)}
    </>
  );
}
