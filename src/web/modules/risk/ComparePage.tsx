import { useState } from 'react';
import { Trans, useLingui } from '@lingui/react/macro';
import { useOrg } from '../../app/context';
import { DataTable, ErrorAlert, layout, Loading, PageHeader, SelectField } from '../../ui/components';
import { useAnalyses, useCompare, type CompareView } from './api';
import { BandBadge, ForRoles, RiskLinks, RISK_MANAGERS } from './components';
import { MOVEMENT_LABELS, MOVEMENT_SYMBOLS, MOVEMENTS } from './labels';
import s from './risk.module.css';

type Side = CompareView['rows'][number]['from'];

/** The processes scored in both analyses first (the ones a comparison is about), then those in only one; each part keeps the server's order. */
const bothFirst = (rows: CompareView['rows']) => [...rows.filter((r) => r.from && r.to), ...rows.filter((r) => !(r.from && r.to))];

/** /risk/compare — two analyses side by side: per process the band and score in each, and how the risk moved. */
export function ComparePage() {
  const { t } = useLingui();
  return <ForRoles roles={RISK_MANAGERS} title={t`Compare two analyses`}><Compare /></ForRoles>;
}

function Compare() {
  const { orgId } = useOrg();
  const { t, i18n } = useLingui();
  const analyses = useAnalyses(orgId);
  const usable = (analyses.data?.items ?? []).filter((a) => a.status === 'consolidating' || a.status === 'completed');
  // Oldest first on the left, the latest on the right, unless chosen otherwise.
  const byDate = [...usable].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const chosenFrom = from || byDate.at(-2)?.id || '';
  const chosenTo = to || byDate.at(-1)?.id || '';
  const q = useCompare(orgId, chosenFrom, chosenTo);
  const side = (x: Side) => (x ? <span>{`${x.likelihood} × ${x.impact} = ${x.riskScore}`} <BandBadge band={x.band} /></span> : '–');
  const options = byDate.map((a) => ({ id: a.id, label: a.title }));
  return (
    <>
      <PageHeader title={t`Compare two analyses`}>
        <p><Trans>How the residual risk of each process moved from one analysis to another.</Trans></p>
      </PageHeader>
      <RiskLinks current="compare" />
      <ErrorAlert error={analyses.error} />
      {analyses.isPending ? <Loading /> : usable.length < 2 ? (
        <p className={s.muted}><Trans>Two analyses past the scoring are needed for a comparison.</Trans></p>
      ) : (
        <>
          <div className={layout.grid2}>
            <SelectField label={t`Earlier analysis`} value={chosenFrom} onChange={setFrom} options={options} />
            <SelectField label={t`Later analysis`} value={chosenTo} onChange={setTo} options={options} />
          </div>
          {chosenFrom === chosenTo && <p role="alert"><Trans>Choose two different analyses.</Trans></p>}
          <ErrorAlert error={q.error} />
          {q.isFetching && !q.data ? <Loading /> : q.data && (
            <>
              <dl className={s.side}>
                {MOVEMENTS.map((m) => <div key={m}><dt><span aria-hidden="true">{MOVEMENT_SYMBOLS[m]}</span> {i18n._(MOVEMENT_LABELS[m])}</dt><dd>{q.data.counts[m]}</dd></div>)}
              </dl>
              <DataTable
                label={t`Movements from ${q.data.from.title} to ${q.data.to.title}`}
                columns={[
                  { id: 'process', name: t`Process or function`, isRowHeader: true },
                  { id: 'from', name: q.data.from.title },
                  { id: 'to', name: q.data.to.title },
                  { id: 'movement', name: t`Movement` },
                ]}
                rows={bothFirst(q.data.rows).map((r) => ({ ...r, id: r.process.id }))}
                cells={(r) => [
                  r.process.name,
                  side(r.from),
                  side(r.to),
                  <span key="m"><span aria-hidden="true">{MOVEMENT_SYMBOLS[r.movement]}</span> {i18n._(MOVEMENT_LABELS[r.movement])}</span>,
                ]}
              />
            </>
          )}
        </>
      )}
    </>
  );
}
