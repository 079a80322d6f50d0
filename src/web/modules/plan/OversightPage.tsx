import { Trans, useLingui } from '@lingui/react/macro';
import { useQuery } from '@tanstack/react-query';
import { get } from '../../app/api';
import { orgName } from '../../app/auth';
import { DataTable, ErrorAlert, Loading, PageHeader, useFormat } from '../../ui/components';
import { sortByCode } from '../../../shared/natural-sort';
import type { OversightPlans } from './api';
import { Counts, Progress } from './components';
import s from './plan.module.css';

/** For the inspectorate: which organisations have a plan in force, for which period, and how far it is. */
export function OversightPlansPage() {
  const { t, i18n } = useLingui();
  const f = useFormat();
  const q = useQuery({ queryKey: ['oversight', 'plans'], queryFn: () => get<{ items: OversightPlans }>('/api/oversight/plans').then((r) => r.items) });
  const items = [...(q.data ?? [])].sort((a, b) => orgName(a.organisation.names, i18n.locale).localeCompare(orgName(b.organisation.names, i18n.locale)));
  const inForce = items.filter((i) => i.planInForce).length;
  return (
    <>
      <PageHeader title={t`Integrity policy plans of the organisations`}>
        <p><Trans>Figures only: the content of a plan shows when the organisation shares it with the inspectorate.</Trans></p>
      </PageHeader>
      <ErrorAlert error={q.error} />
      {q.isPending ? <Loading /> : (
        <>
          <Counts items={[{ label: t`Organisations`, value: items.length }, { label: t`With a plan in force`, value: inForce }, { label: t`Without a plan in force`, value: items.length - inForce }]} />
          <DataTable
            label={t`Integrity policy plans of the organisations`}
            columns={[
              { id: 'org', name: t`Organisation`, isRowHeader: true },
              { id: 'plan', name: t`Plan in force` },
              { id: 'period', name: t`Period` },
              { id: 'since', name: t`In force since` },
              { id: 'actions', name: t`Actions` },
              { id: 'progress', name: t`Done` },
            ]}
            rows={items.map((i) => ({ ...i, id: i.organisation.id }))}
            cells={(i) => [
              orgName(i.organisation.names, i18n.locale) || i.organisation.code,
              i.plan ? t`${i.plan.title} (version ${i.plan.version})` : <span key="n" className={s.muted}><Trans>No plan in force</Trans></span>,
              i.plan ? `${i.plan.periodFrom}–${i.plan.periodTo}` : '—',
              i.plan ? f.date(i.plan.inForceAt) : '—',
              i.actions ? t`${i.actions.total} actions, ${i.actions.byStatus.late} late` : '—',
              i.actions?.percentDone !== null && i.actions?.percentDone !== undefined ? <Progress key="p" value={Math.round(i.actions.percentDone)} /> : '—',
            ]}
          />
          {items.filter((i) => i.content).map((i) => (
            <details key={i.organisation.id} className={s.section}>
              <summary><strong>{t`Objectives of ${orgName(i.organisation.names, i18n.locale)}`}</strong></summary>
              <ul className={s.list}>
                {sortByCode(i.content!.objectives, (sd) => sd.code).map((sd) => (
                  <li key={sd.code}>{sd.code} {sd.title}
                    {sd.children.length > 0 && <ul className={s.list}>{sortByCode(sd.children, (od) => od.code).map((od) => <li key={od.code}>{od.code} {od.title}</li>)}</ul>}
                  </li>
                ))}
              </ul>
            </details>
          ))}
        </>
      )}
    </>
  );
}
