import type { MessageDescriptor } from '@lingui/core';
import { msg } from '@lingui/core/macro';
import { Trans, useLingui } from '@lingui/react/macro';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { Form } from 'react-aria-components';
import { get, put } from '../../app/api';
import { useOrg } from '../../app/context';
import { Button, DataTable, ErrorAlert, Field, Loading, Notice, PageHeader, SelectField, useFormat } from '../../ui/components';
import { SaveError } from '../../ui/EditConflict';
import type { LeadTimesView, StatsView } from '../../../server/modules/complaints/stats-contract';
import s from '../../ui/Figures.module.css';
import { useFormKey } from './components';
import { ListingSection } from './ListingSection';

export const statsBase = (orgId: string) => `/api/orgs/${orgId}/complaints`;
export const statsKey = (orgId: string) => ['complaints-stats', orgId] as const;

export const CHANNEL_LABELS: Record<string, MessageDescriptor> = {
  online: msg`Online form`, phone: msg`Telephone`, letter: msg`Letter`, email: msg`E-mail`, desk: msg`At the desk`,
  forwarded: msg`Forwarded to the desk (Comité P, inspectorate, mayor, prosecutor…)`,
};
export const OUTCOME_LABELS: Record<string, MessageDescriptor> = {
  well_founded: msg`Well-founded`, unfounded: msg`Unfounded`, partly_founded: msg`Partly founded`, undetermined: msg`Undetermined`,
  mediation: msg`Settled by mediation`, inadmissible: msg`Inadmissible`, forwarded: msg`Forwarded elsewhere`, open: msg`Not decided yet`,
};
const STEP_LABELS: Record<string, MessageDescriptor> = {
  acknowledge: msg`Acknowledgement`, triage: msg`Triage`, resolve: msg`Answer to the complainant`,
};

/** The window of the repeated-complaints signal (coordinator): N complaints within M months. */
function WindowForm({ orgId, window, onSaved }: { orgId: string; window: StatsView['repeated']['window']; onSaved: (revision: number) => void }) {
  const { t } = useLingui();
  const qc = useQueryClient();
  const [count, setCount] = useState(String(window.count));
  const [months, setMonths] = useState(String(window.months));
  const save = useMutation({
    mutationFn: (revision: number) => put<StatsView['repeated']['window']>(`${statsBase(orgId)}/stats-settings`, { count: Number(count), months: Number(months) }, { revision }),
    onSuccess: (w) => {
      onSaved(w.revision);
      return qc.invalidateQueries({ queryKey: statsKey(orgId) });
    },
  });
  return (
    <Form onSubmit={(e) => { e.preventDefault(); save.mutate(window.revision); }} className={s.exports}>
      <Field label={t`Complaints`} inputMode="numeric" value={count} onChange={setCount} />
      <Field label={t`Within months`} inputMode="numeric" value={months} onChange={setMonths} />
      <Button type="submit" variant="secondary" isDisabled={save.isPending}><Trans>Save the window</Trans></Button>
      <SaveError error={save.error} pending={save.isPending} onKeepMine={(r) => save.mutate(r)} onTakeTheirs={() => { save.reset(); void qc.invalidateQueries({ queryKey: statsKey(orgId) }); }} />
      {save.isSuccess && <Notice kind="success" live><Trans>Saved.</Trans></Notice>}
    </Form>
  );
}

/**
 * /complaints/stats — the complaints of a year for the coordinator and the chief: counts by channel,
 * outcome, theme, unit and month (data tables; the bar repeats the number), lead times against the
 * targets, complaints per 1,000 staff, and the staff members with repeated complaints (a signal to
 * look at, beside their peer group). The server refuses everyone else.
 */
export function StatsPage() {
  const { orgId, has } = useOrg();
  const { t, i18n } = useLingui();
  const f = useFormat();
  const navigate = useNavigate();
  const search = useSearch({ strict: false }) as { year?: number };
  const year = search.year ?? new Date().getFullYear();
  const q = useQuery({ queryKey: [...statsKey(orgId), year], queryFn: () => get<StatsView>(`${statsBase(orgId)}/stats/${year}`) });
  const data = q.data;
  const [windowKey, windowSaved] = useFormKey(data?.repeated.window.revision);
  const num = (n: number | null) => (n === null ? '–' : f.number(n));
  const shownYear = data?.year ?? year;
  const asOf = data ? f.date(data.asOf) : '';
  const periodEnd = data ? f.date(data.periodEnd) : '';
  const windowCount = data?.repeated.window.count ?? 0;
  const windowMonths = data?.repeated.window.months ?? 0;
  const peerMinimum = data?.repeated.peerMinimum ?? 0;

  const table = (id: string, title: string, rows: { id: string; label: string; n: number }[]) => {
    const max = Math.max(1, ...rows.map((r) => r.n));
    return (
      <section key={id}>
        <h2>{title}</h2>
        <DataTable
          label={title}
          columns={[{ id: 'item', name: title, isRowHeader: true }, { id: 'n', name: t`Number` }, { id: 'bar', name: t`Share` }]}
          rows={rows}
          cells={(r) => [r.label, f.number(r.n), <span key="bar" className={s.bar} aria-hidden="true"><span style={{ width: `${(100 * r.n) / max}%` }} /></span>]}
        />
      </section>
    );
  };
  const lead = (l: LeadTimesView) => [f.number(l.target), f.number(l.done), num(l.median), num(l.p90),
    l.withinTargetPercent === null ? '–' : `${f.number(l.withinTargetPercent)} %`, f.number(l.missed), f.number(l.pending)];
  const month = new Intl.DateTimeFormat(i18n.locale, { month: 'long', timeZone: 'UTC' });

  return (
    <>
      <PageHeader title={t`Complaints statistics`} actions={<Link to="/o/$orgId/complaints/yearly-report" params={{ orgId }} search={{ year }}><Trans>Yearly report of {year}</Trans></Link>}>
        <p><Trans>The complaints received in a year: how they came in, what they were about, how they ended and how fast they were handled. Figures only: nothing of any complaint, no complainant.</Trans></p>
      </PageHeader>
      <SelectField label={t`Year`} options={(data?.years ?? [year]).map((y) => ({ id: String(y), label: String(y) }))} value={String(year)}
        onChange={(v) => navigate({ to: '.', search: { year: Number(v) } })} />
      <ErrorAlert error={q.error} />
      {q.isPending ? <Loading /> : data && (
        <>
          <p className={s.muted}><Trans>Complaints received in {shownYear}, as they stand on {asOf}.</Trans></p>
          <dl className={s.counts}>
            <div><dt><Trans>Complaints received</Trans></dt><dd>{f.number(data.received)}</dd></div>
            <div><dt><Trans>Staff on {periodEnd}</Trans></dt><dd>{f.number(data.staff)}</dd></div>
            <div><dt><Trans>Complaints per 1,000 staff</Trans></dt><dd>{num(data.per1000Staff)}</dd></div>
          </dl>
          <section>
            <h2><Trans>Lead times against the targets</Trans></h2>
            <p className={s.muted}><Trans>In days from receipt. Triage and answer also end when a complaint is found inadmissible or forwarded. Within the target: of the steps done or overdue.</Trans></p>
            <DataTable
              label={t`Lead times against the targets`}
              columns={[
                { id: 'step', name: t`Step`, isRowHeader: true }, { id: 'target', name: t`Target (days)` }, { id: 'done', name: t`Done` },
                { id: 'median', name: t`Median (days)` }, { id: 'p90', name: t`90th percentile (days)` }, { id: 'within', name: t`Within the target` },
                { id: 'missed', name: t`Target missed` }, { id: 'pending', name: t`Not yet due` },
              ]}
              rows={(['acknowledge', 'triage', 'resolve'] as const).map((k) => ({ id: k, l: data.lead[k] }))}
              cells={(r) => [i18n._(STEP_LABELS[r.id]), ...lead(r.l)]}
            />
          </section>
          <div className={s.grid}>
            {table('channel', t`By channel`, Object.entries(data.byChannel).map(([k, n]) => ({ id: k, label: i18n._(CHANNEL_LABELS[k]), n })))}
            {table('outcome', t`By outcome`, Object.entries(data.byOutcome).map(([k, n]) => ({ id: k, label: i18n._(OUTCOME_LABELS[k]), n })))}
            {table('theme', t`By theme`, data.byTheme.map((x) => ({
              id: x.key, n: x.n,
              label: x.key === 'none' ? t`Not triaged yet` : x.label[i18n.locale as 'nl'] ?? Object.values(x.label).find(Boolean) ?? x.key,
            })))}
            {table('unit', t`By unit`, data.byUnit.map((x) => ({ id: x.key, label: x.key === 'none' ? t`No unit given` : x.label, n: x.n })))}
            {table('month', t`By month of receipt`, data.byMonth.map((n, i) => ({ id: String(i + 1), label: month.format(new Date(Date.UTC(2000, i, 1))), n })))}
          </div>
          <section>
            <h2><Trans>Staff members with repeated complaints</Trans></h2>
            <p className={s.muted}>
              <Trans>Named in at least {windowCount} complaints within {windowMonths} months (inadmissible ones not counted). A signal to look at, not a finding: compare with the colleagues of the same unit and staff category (no comparison with fewer than {peerMinimum}).</Trans>
            </p>
            {has('complaints_coordinator') && <WindowForm key={windowKey} orgId={orgId} window={data.repeated.window} onSaved={windowSaved} />}
            <DataTable
              label={t`Staff members with repeated complaints`}
              empty={t`Nobody reaches the window in this year.`}
              columns={[
                { id: 'name', name: t`Staff member`, isRowHeader: true }, { id: 'unit', name: t`Unit` }, { id: 'most', name: t`Most within the window` },
                { id: 'year', name: t`In the year` }, { id: 'founded', name: t`Found (partly) well-founded` }, { id: 'peers', name: t`Colleagues` },
                { id: 'mean', name: t`Complaints per colleague` }, { id: 'ratio', name: t`Ratio to colleagues` },
              ]}
              rows={data.repeated.staff.map((x) => ({ ...x, id: x.personId }))}
              cells={(x) => [`${x.name} (${x.personnelNumber})`, x.unit ?? '–', f.number(x.most), f.number(x.inYear), f.number(x.foundedInYear), f.number(x.peers), num(x.peerMean), num(x.ratio)]}
            />
          </section>
        </>
      )}
      <ListingSection base={statsBase(orgId)} />
    </>
  );
}
