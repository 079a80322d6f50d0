import { useState } from 'react';
import { Trans, useLingui } from '@lingui/react/macro';
import { Link } from '@tanstack/react-router';
import { useOrg } from '../../app/context';
import { Checkbox, DataTable, EmptyState, ErrorAlert, Loading, PageHeader, SelectField, useFormat } from '../../ui/components';
import { useAnalyses, useHeatmap, useRegister, type HeatmapView, type RegisterRow } from './api';
import { BandBadge, ForRoles, RiskLinks, RISK_READERS } from './components';
import { BAND_LABELS, BANDS } from './labels';
import u from '../../ui/ui.module.css';
import s from './risk.module.css';
import { qs } from '../../app/api';
import { riskBase } from './api';
import { RiskDownloads } from './RiskDownloads';

/** The heat map: likelihood (rows, highest first) by impact (columns); each cell says its band and count in words, and a table lists the same. */
function HeatMap({ h }: { h: HeatmapView }) {
  const { t, i18n } = useLingui();
  const cell = (l: number, i: number) => h.cells.find((c) => c.likelihood === l && c.impact === i);
  const rows = Array.from({ length: h.matrix.likelihoodLevels }, (_, k) => h.matrix.likelihoodLevels - k);
  const cols = Array.from({ length: h.matrix.impactLevels }, (_, k) => k + 1);
  const filled = h.cells.filter((c) => c.count > 0);
  return (
    <div className={s.chartAndTable}>
      <div className={u.tableWrap} tabIndex={0} role="region" aria-label={t`Heat map: number of processes per likelihood and impact`}>
        <table className={s.heat}>
          <caption className="visually-hidden"><Trans>Heat map: number of processes per likelihood (rows) and impact (columns), with the band of each cell</Trans></caption>
          <thead>
            <tr><td /><th scope="colgroup" colSpan={cols.length}><Trans>Impact</Trans></th></tr>
            <tr><th scope="col"><Trans>Likelihood</Trans></th>{cols.map((i) => <th key={i} scope="col">{i}</th>)}</tr>
          </thead>
          <tbody>
            {rows.map((l) => (
              <tr key={l}>
                <th scope="row">{l}</th>
                {cols.map((i) => {
                  const c = cell(l, i);
                  const band = c?.band ?? h.matrix.matrix[l - 1]?.[i - 1];
                  return (
                    <td key={i} className={band ? s[`h-${band}`] : undefined} title={c?.processes.map((p) => p.name).join(', ')}>
                      <span className={s.count}>{c?.count ?? 0}</span>
                      {band && i18n._(BAND_LABELS[band])}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className={u.tableWrap} tabIndex={0} role="region" aria-label={t`Processes per cell of the heat map`}>
        <table className={u.table}>
          <caption className="visually-hidden"><Trans>Processes per cell of the heat map</Trans></caption>
          <thead><tr><th scope="col"><Trans>Likelihood × impact</Trans></th><th scope="col"><Trans>Band</Trans></th><th scope="col"><Trans>Number</Trans></th><th scope="col"><Trans>Processes</Trans></th></tr></thead>
          <tbody>
            {filled.length === 0 && <tr><td colSpan={4}><Trans>No process in the heat map yet.</Trans></td></tr>}
            {filled.map((c) => (
              <tr key={`${c.likelihood}-${c.impact}`}>
                <th scope="row">{c.likelihood} × {c.impact}</th>
                <td><BandBadge band={c.band} /></td>
                <td>{c.count}</td>
                <td>{c.processes.map((p) => p.name).join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/**
 * /risk/register — the risk register: every process of the inventory with the band of its latest
 * completed analysis, owner, review date, open and late recommendations, late plan actions and the
 * high risks without an action; the heat map of an analysis with its table beside it.
 */
export function RegisterPage() {
  const { t } = useLingui();
  return <ForRoles roles={RISK_READERS} title={t`Risk register`}><Register /></ForRoles>;
}

function Register() {
  const { orgId } = useOrg();
  const { t, i18n } = useLingui();
  const f = useFormat();
  const reg = useRegister(orgId);
  const analyses = useAnalyses(orgId);
  const [analysisId, setAnalysisId] = useState('');
  const heat = useHeatmap(orgId, analysisId);
  const [onlyWithout, setOnlyWithout] = useState(false);
  const done = (analyses.data?.items ?? []).filter((a) => a.status === 'completed');
  const rows = (reg.data?.rows ?? []).filter((r) => !onlyWithout || r.highRiskWithoutAction).map((r) => ({ ...r, id: r.process.id }));
  const tot = reg.data?.totals;
  return (
    <>
      <PageHeader title={t`Risk register`}>
        <p><Trans>Every process and function with its residual risk from the latest completed analysis, its owner and review date, and the follow-up of its recommendations.</Trans></p>
      </PageHeader>
      <RiskLinks current="register" />
      <RiskDownloads name={t`the risk register`} url={(format) => `${riskBase(orgId)}/register.${format}${qs({ lang: i18n.locale })}`} />
      <ErrorAlert error={reg.error} />
      {tot && (
        <dl className={s.side}>
          <div><dt><Trans>Processes</Trans></dt><dd>{f.number(tot.processes)}</dd></div>
          <div><dt><Trans>Analysed</Trans></dt><dd>{f.number(tot.analysed)}</dd></div>
          {BANDS.map((b) => <div key={b}><dt><BandBadge band={b} /></dt><dd>{f.number(tot.byBand[b])}</dd></div>)}
          <div><dt><Trans>High risks without an action</Trans></dt><dd>{f.number(tot.highRiskWithoutAction)}</dd></div>
          <div><dt><Trans>Reviews overdue</Trans></dt><dd>{f.number(tot.reviewsOverdue)}</dd></div>
          <div><dt><Trans>Late recommendations</Trans></dt><dd>{f.number(tot.lateRecommendations)}</dd></div>
          <div><dt><Trans>Late plan actions</Trans></dt><dd>{f.number(tot.lateActions)}</dd></div>
        </dl>
      )}
      <section aria-labelledby="heatmap">
        <h2 id="heatmap"><Trans>Heat map</Trans></h2>
        <SelectField label={t`Analysis`} value={analysisId} onChange={setAnalysisId}
          options={[{ id: '', label: t`The latest completed analysis` }, ...done.map((a) => ({ id: a.id, label: a.title }))]} />
        <ErrorAlert error={heat.error} />
        {heat.isPending ? <Loading /> : heat.data && (
          <>
            {heat.data.analysis
              ? <p><Trans>Residual risk of the processes in <Link to={`/o/${orgId}/risk/analyses/${heat.data.analysis.id}`}>{heat.data.analysis.title}</Link>.</Trans></p>
              : <p className={s.muted}><Trans>No analysis is completed yet: the heat map fills in when the first one is.</Trans></p>}
            <HeatMap h={heat.data} />
          </>
        )}
      </section>
      <section aria-labelledby="register">
        <h2 id="register"><Trans>Register</Trans></h2>
        <Checkbox isSelected={onlyWithout} onChange={setOnlyWithout}><Trans>Show only the high risks without an action in the plan</Trans></Checkbox>
        {reg.isPending ? <Loading /> : rows.length === 0 && !onlyWithout ? (
          <EmptyState><p><Trans>The inventory is empty.</Trans> <Link to={`/o/${orgId}/risk/inventory`}><Trans>Add processes and functions</Trans></Link></p></EmptyState>
        ) : (
          <DataTable
            label={t`Risk register`}
            columns={[
              { id: 'process', name: t`Process or function`, isRowHeader: true },
              { id: 'band', name: t`Residual risk` },
              { id: 'score', name: t`Likelihood × impact` },
              { id: 'owner', name: t`Owner` },
              { id: 'review', name: t`Review date` },
              { id: 'recs', name: t`Recommendations open (late)` },
              { id: 'actions', name: t`Late plan actions` },
              { id: 'without', name: t`Action in the plan` },
            ]}
            rows={rows}
            empty={<Trans>No high risk without an action.</Trans>}
            cells={(r: RegisterRow) => [
              r.process.name,
              r.latest ? <BandBadge key="b" band={r.latest.band} /> : t`not analysed`,
              r.latest ? `${r.latest.likelihood} × ${r.latest.impact} = ${r.latest.riskScore}` : '–',
              r.process.owner?.displayName ?? '–',
              r.process.reviewDate
                ? <span key="d">{f.date(r.process.reviewDate)}{r.process.reviewOverdue && <> <span className={s.alarm}><Trans>overdue</Trans></span></>}</span>
                : '–',
              t`${r.openRecommendations} (${r.lateRecommendations} late)`,
              f.number(r.lateActions),
              r.highRiskWithoutAction ? <span key="w" className={s.alarm}><span aria-hidden="true">⚠</span> <Trans>High risk without an action</Trans></span> : '–',
            ]}
          />
        )}
      </section>
    </>
  );
}
