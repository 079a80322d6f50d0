import type { MessageDescriptor } from '@lingui/core';
import { msg } from '@lingui/core/macro';
import { Trans, useLingui } from '@lingui/react/macro';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { get } from '../../app/api';
import { useOrg } from '../../app/context';
import { buttonClass, DataTable, ErrorAlert, Loading, PageHeader, SelectField, useFormat } from '../../ui/components';
import { keys, reportingBase } from './api';
import { CATEGORY_LABELS, IDENTITY_RECIPIENT_LABELS, OUTCOME_LABELS } from './labels';
import s from '../../ui/Figures.module.css';

/** `GET /api/orgs/:orgId/reporting/figures/:year` (server: reporting/figures.ts). */
interface LeadTimes { done: number; median: number | null; p90: number | null; onTime: number; missed: number; pending: number; withinDeadlinePercent: number | null }
export interface YearFigures {
  year: number; asOf: string; openOn: string; received: number;
  byChannel: Record<string, number>; byIdentity: Record<string, number>; byCategory: Record<string, number>; byOutcome: Record<string, number>;
  acknowledgement: LeadTimes; feedback: LeadTimes; openAtEnd: number; years: number[];
}

const CHANNEL_LABELS: Record<string, MessageDescriptor> = {
  portal: msg`Reporting page`,
  counsellor: msg`Through a confidential counsellor`,
};
const NO_CATEGORY = msg`No category given`;
const NOT_CLOSED = msg`Not closed yet`;

const currentYear = () => new Date().getFullYear();

/**
 * /reporting/figures — the yearly figures of the reporting channel that the law asks for, for the
 * integrity officer and the chief: counts, lead times and deadlines of the reports received in a
 * year, as data tables (a bar beside each count repeats the number), with Word, PDF and CSV exports.
 * Figures only: no report, reference or name.
 */
export function FiguresPage() {
  const { orgId } = useOrg();
  const { t, i18n } = useLingui();
  const f = useFormat();
  const navigate = useNavigate();
  const search = useSearch({ strict: false }) as { year?: number };
  const year = search.year ?? currentYear();
  const q = useQuery({
    queryKey: [...keys.all(orgId), 'figures', year],
    queryFn: () => get<YearFigures>(`${reportingBase(orgId)}/figures/${year}`),
  });
  const data = q.data;
  const exportUrl = (format: 'docx' | 'pdf' | 'csv') => `${reportingBase(orgId)}/figures/${year}/export.${format}?lang=${i18n.locale}`;
  const years = data?.years ?? [year];
  const num = (n: number | null) => (n === null ? '–' : f.number(n));
  // Named values for the sentences below (the catalog then shows {shownYear}, not {0}).
  const shownYear = data?.year ?? year;
  const asOf = data ? f.date(data.asOf) : '';
  const openOn = data ? f.date(data.openOn) : '';

  const table = (title: string, counts: Record<string, number>, label: (key: string) => string) => {
    const max = Math.max(1, ...Object.values(counts));
    const rows = Object.entries(counts).map(([key, n]) => ({ id: key, key, n }));
    return (
      <section>
        <h2>{title}</h2>
        <DataTable
          label={title}
          columns={[{ id: 'item', name: title, isRowHeader: true }, { id: 'n', name: t`Number` }, { id: 'bar', name: t`Share` }]}
          rows={rows}
          cells={(r) => [
            label(r.key),
            f.number(r.n),
            <span key="bar" className={s.bar} aria-hidden="true"><span style={{ width: `${(100 * r.n) / max}%` }} /></span>,
          ]}
        />
      </section>
    );
  };

  return (
    <>
      <PageHeader title={t`Figures of the reporting channel`} actions={
        <div className={s.exports}>
          <a className={buttonClass('secondary')} href={exportUrl('docx')} download aria-label={t`Download the figures of ${year} as Word`}><Trans>Word</Trans></a>
          <a className={buttonClass('secondary')} href={exportUrl('pdf')} download aria-label={t`Download the figures of ${year} as PDF`}><Trans>PDF</Trans></a>
          <a className={buttonClass('secondary')} href={exportUrl('csv')} download aria-label={t`Download the figures of ${year} as CSV`}><Trans>CSV</Trans></a>
        </div>
      }>
        <p><Trans>The yearly figures the law asks for: the reports received in the year, how they came in and ended, and how fast they were handled. Figures only: no content of any report.</Trans></p>
      </PageHeader>
      <SelectField
        label={t`Year`}
        options={years.map((y) => ({ id: String(y), label: String(y) }))}
        value={String(year)}
        onChange={(v) => navigate({ to: '.', search: { year: Number(v) } })}
      />
      <ErrorAlert error={q.error} />
      {q.isPending ? <Loading /> : data && (
        <>
          <p className={s.muted}><Trans>Reports received in {shownYear}, as they stand on {asOf}.</Trans></p>
          <dl className={s.counts}>
            <div><dt><Trans>Reports received</Trans></dt><dd>{f.number(data.received)}</dd></div>
            <div><dt><Trans>Open on {openOn}</Trans></dt><dd>{f.number(data.openAtEnd)}</dd></div>
            <div><dt><Trans>Acknowledgements late</Trans></dt><dd>{f.number(data.acknowledgement.missed)}</dd></div>
            <div><dt><Trans>Feedback late</Trans></dt><dd>{f.number(data.feedback.missed)}</dd></div>
          </dl>

          <section>
            <h2><Trans>Lead times and deadlines</Trans></h2>
            <p className={s.muted}><Trans>In days. Acknowledgement: from receipt. Feedback: from the acknowledgement to the first feedback, or to the closure. Within the deadline: of the steps done or overdue.</Trans></p>
            <DataTable
              label={t`Lead times and deadlines`}
              columns={[
                { id: 'step', name: t`Step`, isRowHeader: true },
                { id: 'done', name: t`Done` },
                { id: 'median', name: t`Median (days)` },
                { id: 'p90', name: t`90th percentile (days)` },
                { id: 'within', name: t`Within the deadline` },
                { id: 'missed', name: t`Deadline missed` },
                { id: 'pending', name: t`Not yet due` },
              ]}
              rows={[{ id: 'ack', step: t`Acknowledgement of receipt`, l: data.acknowledgement }, { id: 'feedback', step: t`Feedback to the reporter`, l: data.feedback }]}
              cells={(r) => [
                r.step, f.number(r.l.done), num(r.l.median), num(r.l.p90),
                r.l.withinDeadlinePercent === null ? '–' : `${f.number(r.l.withinDeadlinePercent)} %`,
                f.number(r.l.missed), f.number(r.l.pending),
              ]}
            />
          </section>

          <div className={s.grid}>
            {table(t`By channel`, data.byChannel, (k) => i18n._(CHANNEL_LABELS[k]))}
            {table(t`By identity of the reporter`, data.byIdentity, (k) => i18n._(IDENTITY_RECIPIENT_LABELS[k as keyof typeof IDENTITY_RECIPIENT_LABELS]))}
            {table(t`By category`, data.byCategory, (k) => i18n._(k === 'none' ? NO_CATEGORY : CATEGORY_LABELS[k]))}
            {table(t`By outcome`, data.byOutcome, (k) => i18n._(k === 'open' ? NOT_CLOSED : OUTCOME_LABELS[k as keyof typeof OUTCOME_LABELS]))}
          </div>
        </>
      )}
    </>
  );
}
