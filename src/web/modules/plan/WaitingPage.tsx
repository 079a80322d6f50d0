import { Trans, useLingui } from '@lingui/react/macro';
import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useOrg } from '../../app/context';
import { EmptyState, ErrorAlert, Loading, PageHeader, useFormat } from '../../ui/components';
import { useWaiting, type Waiting } from './api';
import s from './plan.module.css';

type Item = Waiting[number];

/**
 * What waits for the reader in the policy plan, where the home page's plan tiles lead: plans and
 * yearly evaluations to approve (chief), drafts to complete and submit (officer), approved plans
 * waiting to go in force. Each line leads to the plan, where the step is taken.
 */
export function WaitingPage() {
  const { orgId, has } = useOrg();
  const { t } = useLingui();
  const f = useFormat();
  const q = useWaiting(orgId);
  const items = q.data ?? [];
  const of = (kind: Item['kind']) => items.filter((i) => i.kind === kind);
  const name = (i: Item) => t`${i.plan.title} (version ${i.plan.version}, ${i.plan.periodFrom}–${i.plan.periodTo})`;
  const groups: { kind: Item['kind']; title: string; line: (i: Item) => ReactNode; to: (i: Item) => string }[] = [
    {
      kind: 'approve_plan', title: t`Plans to approve`, to: (i) => `/o/${orgId}/plans/${i.plan.id}`,
      line: (i) => <Trans>Submitted on {f.date(i.since)}. Read the plan, then approve it or return it to the integrity officer.</Trans>,
    },
    {
      kind: 'approve_evaluation', title: t`Yearly evaluations to approve`, to: (i) => `/o/${orgId}/plans/${i.plan.id}/evaluations`,
      line: (i) => <Trans>Evaluation of {i.year}, sent for approval on {f.date(i.since)}.</Trans>,
    },
    {
      kind: 'start_plan', title: t`Approved plans not yet in force`, to: (i) => `/o/${orgId}/plans/${i.plan.id}`,
      line: (i) => has('chief')
        ? <Trans>Approved on {f.date(i.since)}. It goes in force automatically on 1 January {i.plan.periodFrom}; you can put it in force earlier from {i.plan.periodFrom - 1}.</Trans>
        : <Trans>Approved on {f.date(i.since)}. It goes in force automatically on 1 January {i.plan.periodFrom}, unless the chief of police puts it in force earlier.</Trans>,
    },
    {
      kind: 'submit_plan', title: t`Draft plans to complete and submit`, to: (i) => `/o/${orgId}/plans/${i.plan.id}`,
      line: (i) => <Trans>Last changed on {f.date(i.since)}. When it is complete, submit it to the chief of police for approval.</Trans>,
    },
  ];
  const shown = groups.filter((g) => of(g.kind).length > 0);
  return (
    <>
      <PageHeader title={t`Waiting for you in the policy plan`}>
        <p><Trans>The steps of the integrity policy plan that wait for you. Open a plan to take the step.</Trans></p>
      </PageHeader>
      <ErrorAlert error={q.error} />
      {q.isPending ? <Loading /> : shown.length === 0 ? (
        <EmptyState>
          <p><Trans>Nothing of the policy plan waits for you.</Trans></p>
          <Link to={`/o/${orgId}/plans`}><Trans>See the plans</Trans></Link>
        </EmptyState>
      ) : shown.map((g) => (
        <section key={g.kind} className={s.section} aria-labelledby={`waiting-${g.kind}`}>
          <h2 id={`waiting-${g.kind}`}>{g.title}</h2>
          <ul className={s.list}>
            {of(g.kind).map((i) => (
              <li key={`${i.plan.id}-${i.year ?? ''}`}>
                <Link to={g.to(i)}>{i.kind === 'approve_evaluation' ? t`Evaluation of ${i.year ?? ''}: ${name(i)}` : name(i)}</Link>
                <p className={s.muted}>{g.line(i)}</p>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}
