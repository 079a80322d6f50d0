import type { CSSProperties } from 'react';
import { Trans, useLingui } from '@lingui/react/macro';
import { useOrg } from '../../app/context';
import { EmptyState, ErrorAlert, Loading, useFormat } from '../../ui/components';
import { useTimeline, type PlanTree } from './api';
import { ActionFiltersForm, useActionSearch } from './ActionsPage';
import { filtersOf } from './action-search';
import { ActionStatusBadge } from './components';
import { PlanFrame } from './PlanFrame';
import s from './plan.module.css';

const DAY = 86_400_000;

/**
 * Actions by start and due date, one table per strategic objective. The dates and the status are
 * in the cells as text; the bar over the plan's years only draws what the text already says.
 */
function TimelineBody({ data }: { data: PlanTree }) {
  const { orgId } = useOrg();
  const { t } = useLingui();
  const f = useFormat();
  const [search, setSearch] = useActionSearch(`/o/${orgId}/plans/${data.plan.id}/timeline`);
  const filters = filtersOf(search);
  const q = useTimeline(orgId, data.plan.id, filters);
  const tl = q.data;
  const start = Date.UTC(tl?.periodFrom ?? data.plan.periodFrom, 0, 1);
  const end = Date.UTC((tl?.periodTo ?? data.plan.periodTo) + 1, 0, 1);
  const years = Array.from({ length: (tl?.periodTo ?? data.plan.periodTo) - (tl?.periodFrom ?? data.plan.periodFrom) + 1 }, (_x, i) => (tl?.periodFrom ?? data.plan.periodFrom) + i);
  const pos = (d: string) => Math.max(0, Math.min(1, (Date.parse(`${d.slice(0, 10)}T00:00:00Z`) - start) / (end - start)));
  const area = { '--year-w': `${100 / years.length}%` } as CSSProperties;
  const groups = (tl?.groups ?? []).filter((g) => g.actions.length > 0);
  return (
    <>
      <ActionFiltersForm data={data} filters={filters} onChange={(f) => setSearch(f)} />
      <ErrorAlert error={q.error} />
      {q.isPending ? <Loading /> : groups.length === 0 ? <EmptyState><Trans>No actions to show.</Trans></EmptyState> : groups.map((g) => (
        <div key={g.objective.id} className={s.scroll} tabIndex={0} role="region" aria-label={`${g.objective.code} ${g.objective.title}`}>
          <table className={s.gantt}>
            <caption>{g.objective.code} {g.objective.title}</caption>
            <thead>
              <tr>
                <th scope="col"><Trans>Action</Trans></th>
                <th scope="col"><Trans>Start</Trans></th>
                <th scope="col"><Trans>Due</Trans></th>
                <th scope="col"><Trans>Status</Trans></th>
                <th scope="col" className={s.barCell}>
                  <span className="visually-hidden"><Trans>Bar over the period</Trans></span>
                  <span className={s.years} aria-hidden="true">{years.map((y) => <span key={y}>{y}</span>)}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {g.actions.map((a) => {
                const from = a.startDate ?? a.dueDate;
                const to = a.dueDate ?? a.startDate;
                return (
                  <tr key={a.id}>
                    <th scope="row"><span className={s.muted}>{a.objectiveCode}</span> {a.title}</th>
                    <td>{a.startDate ? f.date(a.startDate) : '—'}</td>
                    <td>{a.dueDate ? f.date(a.dueDate) : a.timingLabel ?? '—'}</td>
                    <td><ActionStatusBadge status={a.status} /> {a.progress}%</td>
                    <td className={s.barCell} aria-hidden="true">
                      <div className={s.barArea} style={area}>
                        {from && to && (
                          <span className={`${s.bar} ${s[`bar-${a.status}`] ?? ''}`}
                            style={{ insetInlineStart: `${pos(from) * 100}%`, width: `${Math.max(0.5, (pos(to) - pos(from) + DAY / (end - start)) * 100)}%` }} />
                        )}
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ))}
      <p className={`${s.small} ${s.muted}`}>{t`Actions without dates are listed with their timing in words and get no bar.`}</p>
    </>
  );
}

export function PlanTimelinePage() {
  return <PlanFrame tab="timeline">{(data) => <TimelineBody data={data} />}</PlanFrame>;
}
