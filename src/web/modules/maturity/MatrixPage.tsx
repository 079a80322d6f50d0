import { Trans, useLingui } from '@lingui/react/macro';
import { useParams } from '@tanstack/react-router';
import { useOrg } from '../../app/context';
import { ErrorAlert, Loading, PageHeader, useFormat } from '../../ui/components';
import { RadarChart } from '../../ui/Charts';
import { useMatrix, type Matrix } from './api';
import { MeasurementFrame, useLevelText } from './components';
import { FUNCTION_LABELS, inLocale, LEVEL_LABELS, PILLAR_LABELS } from './labels';
import u from '../../ui/ui.module.css';
import s from './maturity.module.css';

type Group = Matrix['pillars'][number]['groups'][number];

/** One row per function of the instruments pillar, one per other pillar. */
function useRows(matrix: Matrix) {
  const { i18n } = useLingui();
  return matrix.pillars.flatMap((p) => p.groups.map((g: Group) => ({
    id: `${p.pillar}-${g.function ?? 'all'}`,
    label: g.function ? `${i18n._(PILLAR_LABELS[p.pillar])}: ${i18n._(FUNCTION_LABELS[g.function])}` : i18n._(PILLAR_LABELS[p.pillar]),
    short: g.function ? i18n._(FUNCTION_LABELS[g.function]) : i18n._(PILLAR_LABELS[p.pillar]),
    group: g,
  })));
}

/**
 * /maturity/$measurementId/matrix — the maturity matrix: per pillar and function the agreed levels
 * (a radar with the data table beside it), the criteria placed on the five levels, and each
 * criterion's agreed and target level.
 */
export function MatrixPage() {
  const { orgId } = useOrg();
  const { t } = useLingui();
  const { measurementId } = useParams({ strict: false }) as { measurementId: string };
  const q = useMatrix(orgId, measurementId);
  if (!q.data) return <><PageHeader title={t`Maturity matrix`} /><ErrorAlert error={q.error} />{q.isPending && <Loading />}</>;
  return <MatrixBody matrix={q.data} />;
}

function MatrixBody({ matrix }: { matrix: Matrix }) {
  const { t, i18n } = useLingui();
  const f = useFormat();
  const level = useLevelText();
  const rows = useRows(matrix);
  const avg = (v: number | null) => (v === null ? '–' : f.number(Math.round(v * 10) / 10));
  const cells = rows.flatMap((r) => r.group.cells);
  const nothing = cells.every((c) => c.agreedLevel === null);
  return (
    <MeasurementFrame m={matrix.measurement}>
      {nothing && <p className={s.muted}><Trans>No agreed level yet: the matrix fills in during the consolidation.</Trans></p>}
      <section aria-labelledby="matrix-summary">
        <h2 id="matrix-summary"><Trans>Maturity per pillar and function</Trans></h2>
        <div className={s.chartAndTable}>
          <RadarChart label={t`Radar of the average agreed and target level per pillar and function; the values are in the table beside it.`}
            axes={rows.map((r) => r.short)} max={4}
            series={[
              { name: t`Agreed level (average)`, values: rows.map((r) => r.group.average) },
              { name: t`Target level (average)`, values: rows.map((r) => r.group.targetAverage) },
            ]} />
          <div className={u.tableWrap} tabIndex={0} role="region" aria-label={t`Average agreed and target level per pillar and function (0 to 4)`}>
            <table className={u.table}>
              <caption className="visually-hidden"><Trans>Average agreed and target level per pillar and function (0 to 4)</Trans></caption>
              <thead><tr><th scope="col"><Trans>Pillar and function</Trans></th><th scope="col"><Trans>Agreed level (average)</Trans></th><th scope="col"><Trans>Target level (average)</Trans></th><th scope="col"><Trans>Criteria</Trans></th></tr></thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.id}><th scope="row">{r.label}</th><td>{avg(r.group.average)}</td><td>{avg(r.group.targetAverage)}</td><td>{f.number(r.group.cells.length)}</td></tr>
                ))}
                {matrix.pillars.map((p) => (
                  <tr key={p.pillar}><th scope="row">{t`${i18n._(PILLAR_LABELS[p.pillar])} (whole pillar)`}</th><td>{avg(p.average)}</td><td>{avg(p.targetAverage)}</td><td>{f.number(p.groups.reduce((n, g) => n + g.cells.length, 0))}</td></tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      </section>
      <section aria-labelledby="matrix-levels">
        <h2 id="matrix-levels"><Trans>The matrix: criteria by agreed level</Trans></h2>
        <div className={u.tableWrap} tabIndex={0} role="region" aria-label={t`Criteria by pillar and function (rows) and agreed level (columns)`}>
          <table className={u.table}>
            <caption className="visually-hidden"><Trans>Criteria by pillar and function (rows) and agreed level (columns)</Trans></caption>
            <thead>
              <tr>
                <th scope="col"><Trans>Pillar and function</Trans></th>
                {LEVEL_LABELS.map((l, i) => <th key={i} scope="col" className={s[`lv${i}`]}>{i} – {i18n._(l)}</th>)}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <th scope="row">{r.label}</th>
                  {LEVEL_LABELS.map((_l, i) => {
                    const here = r.group.cells.filter((c) => c.agreedLevel === i);
                    return <td key={i} className={here.length ? s[`lv${i}`] : undefined}>{here.map((c) => <span key={c.criterionId} className={s.cell} title={inLocale(c.title, i18n.locale)}>{c.code}</span>)}</td>;
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby="matrix-criteria">
        <h2 id="matrix-criteria"><Trans>Every criterion</Trans></h2>
        <div className={u.tableWrap} tabIndex={0} role="region" aria-label={t`Agreed and target level of every criterion`}>
          <table className={u.table}>
            <caption className="visually-hidden"><Trans>Agreed and target level of every criterion</Trans></caption>
            <thead><tr><th scope="col"><Trans>Criterion</Trans></th><th scope="col"><Trans>Pillar and function</Trans></th><th scope="col"><Trans>Agreed level</Trans></th><th scope="col"><Trans>Target level</Trans></th><th scope="col"><Trans>Gap</Trans></th></tr></thead>
            <tbody>
              {rows.flatMap((r) => r.group.cells.map((c) => (
                <tr key={c.criterionId}>
                  <th scope="row">{c.code} {inLocale(c.title, i18n.locale)}</th>
                  <td>{r.label}</td>
                  <td>{level(c.agreedLevel)}</td>
                  <td>{level(c.targetLevel)}</td>
                  <td>{c.agreedLevel !== null && c.targetLevel !== null && c.agreedLevel < c.targetLevel ? t`${c.targetLevel - c.agreedLevel} below the target` : '–'}</td>
                </tr>
              )))}
            </tbody>
          </table>
        </div>
      </section>
    </MeasurementFrame>
  );
}
