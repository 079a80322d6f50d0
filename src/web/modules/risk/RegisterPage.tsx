import { useState, type ReactNode } from 'react';
import { Trans, useLingui } from '@lingui/react/macro';
import { Link } from '@tanstack/react-router';
import { useOrg } from '../../app/context';
import { Checkbox, DataTable, EmptyState, ErrorAlert, Loading, PageHeader, SelectField, useFormat } from '../../ui/components';
import { useAnalyses, useHeatmap, useRegister, useSettings, type HeatmapView, type RegisterRow, type SettingsView } from './api';
import { BandBadge, ForRoles, RiskLinks, RISK_READERS } from './components';
import { BAND_LABELS, BANDS } from './labels';
import u from '../../ui/ui.module.css';
import s from './risk.module.css';
import { qs } from '../../app/api';
import { riskBase } from './api';
import { RiskDownloads } from './RiskDownloads';

/** The heat map: likelihood (rows, highest first) by impact (columns); each cell says its band and count in words, and a table lists the same. */
function HeatMap({ h, caption }: { h: Pick<HeatmapView, 'matrix' | 'cells'>; caption: ReactNode }) {
  const { t, i18n } = useLingui();
  const cell = (l: number, i: number) => h.cells.find((c) => c.likelihood === l && c.impact === i);
  const rows = Array.from({ length: h.matrix.likelihoodLevels }, (_, k) => h.matrix.likelihoodLevels - k);
  const cols = Array.from({ length: h.matrix.impactLevels }, (_, k) => k + 1);
  const filled = h.cells.filter((c) => c.count > 0);
  return (
    <div className={s.chartAndTable}>
      <div className={u.tableWrap} tabIndex={0} role="region" aria-label={t`Heat map: number of processes per likelihood and impact`}>
        <table className={s.heat}>
          <caption className={s.heatCaption}>{caption} <span className="visually-hidden"><Trans>Number of processes per likelihood (rows) and impact (columns), with the band of each cell.</Trans></span></caption>
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
 * The heat map of the register's own view: every analysed process of the register at its latest
 * agreed likelihood × impact, on the current matrix (grown to fit a score of an older, larger matrix).
 */
function registerHeat(rows: RegisterRow[], settings: SettingsView): Pick<HeatmapView, 'matrix' | 'cells'> {
  const cells = new Map<string, HeatmapView['cells'][number]>();
  for (const r of rows) {
    if (!r.latest) continue;
    const key = `${r.latest.likelihood}-${r.latest.impact}`;
    const c = cells.get(key) ?? { likelihood: r.latest.likelihood, impact: r.latest.impact, band: r.latest.band, count: 0, processes: [] };
    c.count += 1;
    c.processes.push({ id: r.process.id, kind: r.process.kind, name: r.process.name, catalogueCode: r.process.catalogueCode });
    cells.set(key, c);
  }
  const all = [...cells.values()];
  return {
    matrix: {
      likelihoodLevels: Math.max(settings.likelihoodLevels, ...all.map((c) => c.likelihood)),
      impactLevels: Math.max(settings.impactLevels, ...all.map((c) => c.impact)),
      matrix: settings.matrix,
    },
    cells: all,
  };
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
  // '' : the register's own view (every process at its latest analysis), as the table and figures; else one analysis.
  const [analysisId, setAnalysisId] = useState('');
  const heat = useHeatmap(orgId, analysisId, analysisId !== '');
  const settings = useSettings(orgId);
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
        <SelectField label={t`Processes shown`} value={analysisId} onChange={setAnalysisId}
          options={[{ id: '', label: t`All processes of the register (each from its latest completed analysis)` }, ...done.map((a) => ({ id: a.id, label: t`Only the analysis ${a.title}` }))]} />
        {analysisId === '' ? (
          <>
            <ErrorAlert error={settings.error} />
            {reg.isPending || settings.isPending ? <Loading /> : reg.data && settings.data && (
              <HeatMap h={registerHeat(reg.data.rows, settings.data)}
                caption={<Trans>All {reg.data.totals.analysed} analysed processes of the register, each with its residual risk from its latest completed analysis.</Trans>} />
            )}
          </>
        ) : (
          <>
            <ErrorAlert error={heat.error} />
            {heat.isPending ? <Loading /> : heat.data && (
              <HeatMap h={heat.data} caption={heat.data.analysis
                ? <Trans>The processes of the analysis <Link to={`/o/${orgId}/risk/analyses/${heat.data.analysis.id}`}>{heat.data.analysis.title}</Link> only.</Trans>
                : <Trans>No analysis is completed yet: the heat map fills in when the first one is.</Trans>} />
            )}
          </>
        )}
      </section>
      <section aria-labelledby="register">
        <h2 id="register"><Trans>Register</Trans></h2>
        <Checkbox isSelected={onlyWithout} onChange={setOnlyWithout}><Trans>Show only the high risks without an action in the plan</Trans></Checkbox>
        {reg.isPending ? <Loading /> : rows.length === 0 && !onlyWithout ? (
          <EmptyState><p><Trans>The inventory is empty.</Trans> <Link to={`/o/${orgId}/risk/inventory`}><Trans>Add processes and functions</Trans></Link></p></EmptyState>
        ) : (
          <div className={s.wrapHeads}>
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
              // Nothing open: nothing to say; none late: only the number.
              r.openRecommendations === 0 ? '–' : r.lateRecommendations > 0 ? t`${r.openRecommendations} (${r.lateRecommendations} late)` : f.number(r.openRecommendations),
              f.number(r.lateActions),
              r.highRiskWithoutAction ? <span key="w" className={s.alarm}><span aria-hidden="true">⚠</span> <Trans>High risk without an action</Trans></span>
                : r.inPlan ? <Trans key="p">In the plan</Trans> : '–',
            ]}
          />
          </div>
        )}
      </section>
    </>
  );
}
