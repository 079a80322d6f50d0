/**
 * The yearly figures of the reporting channel as Word, PDF (one document model) and CSV, in the
 * requested language; the export is audited (`reporting.figures_export`) in the transaction that
 * read the figures. Figures only: nothing of a report, no reference, no name.
 * Translations: locales/translations/reporting-figures.json.
 */
import type { MessageDescriptor } from '@lingui/core';
import type { Db } from '../../platform/db/pool.js';
import { withOrgTx } from '../../platform/db/tx.js';
import {
  CONTENT_TYPES, documentLabels, languageTag, recordExport, renderDocument, toCsv, type Block, type ExportDocument,
} from '../../platform/export/index.js';
import { translate } from '../../platform/i18n/index.js';
import type { Locale } from '../../../shared/roles.js';
import { exportLocale, FIGURE_KEYS, organisationName, yearFigures, type FiguresCtx, type YearFigures } from './figures.js';

type D = MessageDescriptor;

export const figureLabels = {
  title: /*i18n*/ { id: 'reporting.figures.title', message: 'Reports of integrity violations: figures {year}' },
  file: /*i18n*/ { id: 'reporting.figures.file', message: 'reports figures {year}' },
  intro: /*i18n*/ {
    id: 'reporting.figures.intro',
    message: 'Reports received through the internal reporting channel in {year}, as they stand on {asOf} (law of 8 December 2022). Figures only: no content of any report.',
  },
  organisation: /*i18n*/ { id: 'reporting.figures.organisation', message: 'Organisation' },
  year: /*i18n*/ { id: 'reporting.figures.year', message: 'Year' },
  asOf: /*i18n*/ { id: 'reporting.figures.as_of', message: 'Figures on' },
  received: /*i18n*/ { id: 'reporting.figures.received', message: 'Reports received' },
  number: /*i18n*/ { id: 'reporting.figures.number', message: 'Number' },
  byChannel: /*i18n*/ { id: 'reporting.figures.by_channel', message: 'By channel' },
  byIdentity: /*i18n*/ { id: 'reporting.figures.by_identity', message: 'By identity of the reporter' },
  byCategory: /*i18n*/ { id: 'reporting.figures.by_category', message: 'By category' },
  byOutcome: /*i18n*/ { id: 'reporting.figures.by_outcome', message: 'By outcome' },
  leadTimes: /*i18n*/ { id: 'reporting.figures.lead_times', message: 'Lead times and deadlines' },
  leadTimesNote: /*i18n*/ {
    id: 'reporting.figures.lead_times_note',
    message: 'In days. Acknowledgement: from receipt. Feedback: from the acknowledgement to the first feedback, or to the closure. Within the deadline: of the steps done or overdue.',
  },
  step: /*i18n*/ { id: 'reporting.figures.step', message: 'Step' },
  acknowledgement: /*i18n*/ { id: 'reporting.figures.acknowledgement', message: 'Acknowledgement of receipt' },
  feedback: /*i18n*/ { id: 'reporting.figures.feedback', message: 'Feedback to the reporter' },
  done: /*i18n*/ { id: 'reporting.figures.done', message: 'Done' },
  median: /*i18n*/ { id: 'reporting.figures.median', message: 'Median (days)' },
  p90: /*i18n*/ { id: 'reporting.figures.p90', message: '90th percentile (days)' },
  withinDeadline: /*i18n*/ { id: 'reporting.figures.within_deadline', message: 'Within the deadline (%)' },
  missed: /*i18n*/ { id: 'reporting.figures.missed', message: 'Deadline missed' },
  pending: /*i18n*/ { id: 'reporting.figures.pending', message: 'Not yet due' },
  openAtEnd: /*i18n*/ { id: 'reporting.figures.open_at_end', message: 'Reports open on {date}' },
  section: /*i18n*/ { id: 'reporting.figures.section', message: 'Section' },
  item: /*i18n*/ { id: 'reporting.figures.item', message: 'Item' },
  code: /*i18n*/ { id: 'reporting.figures.code', message: 'Code' },
  value: /*i18n*/ { id: 'reporting.figures.value', message: 'Value' },
};

const keyLabels: Record<string, D> = {
  portal: /*i18n*/ { id: 'reporting.figures.channel.portal', message: 'Reporting page' },
  counsellor: /*i18n*/ { id: 'reporting.figures.channel.counsellor', message: 'Through a confidential counsellor' },
  named: /*i18n*/ { id: 'reporting.figures.identity.named', message: 'Named' },
  confidential: /*i18n*/ { id: 'reporting.figures.identity.confidential', message: 'Confidential' },
  anonymous: /*i18n*/ { id: 'reporting.figures.identity.anonymous', message: 'Anonymous' },
  corruption: /*i18n*/ { id: 'reporting.figures.category.corruption', message: 'Corruption or bribery' },
  abuse_of_power: /*i18n*/ { id: 'reporting.figures.category.abuse_of_power', message: 'Abuse of power' },
  fraud: /*i18n*/ { id: 'reporting.figures.category.fraud', message: 'Fraud' },
  conflict_of_interest: /*i18n*/ { id: 'reporting.figures.category.conflict_of_interest', message: 'Conflict of interest' },
  harassment_discrimination: /*i18n*/ { id: 'reporting.figures.category.harassment_discrimination', message: 'Harassment or discrimination' },
  information_breach: /*i18n*/ { id: 'reporting.figures.category.information_breach', message: 'Breach of confidentiality or misuse of information' },
  misuse_of_resources: /*i18n*/ { id: 'reporting.figures.category.misuse_of_resources', message: 'Misuse of resources or equipment' },
  other_category: /*i18n*/ { id: 'reporting.figures.category.other', message: 'Something else' },
  none: /*i18n*/ { id: 'reporting.figures.category.none', message: 'No category given' },
  unfounded: /*i18n*/ { id: 'reporting.figures.outcome.unfounded', message: 'Unfounded' },
  founded_measures: /*i18n*/ { id: 'reporting.figures.outcome.founded_measures', message: 'Founded, measures taken' },
  forwarded_comite_p: /*i18n*/ { id: 'reporting.figures.outcome.forwarded_comite_p', message: 'Forwarded to Comité P' },
  forwarded_judicial: /*i18n*/ { id: 'reporting.figures.outcome.forwarded_judicial', message: 'Forwarded to the judicial authorities' },
  forwarded_disciplinary: /*i18n*/ { id: 'reporting.figures.outcome.forwarded_disciplinary', message: 'Forwarded to the disciplinary authority' },
  inadmissible: /*i18n*/ { id: 'reporting.figures.outcome.inadmissible', message: 'Inadmissible' },
  withdrawn: /*i18n*/ { id: 'reporting.figures.outcome.withdrawn', message: 'Withdrawn' },
  other_outcome: /*i18n*/ { id: 'reporting.figures.outcome.other', message: 'Other outcome' },
  open: /*i18n*/ { id: 'reporting.figures.outcome.open', message: 'Not closed yet' },
};

type Dim = keyof typeof FIGURE_KEYS;
const label = (dim: Dim, key: string): D => keyLabels[key === 'other' ? (dim === 'category' ? 'other_category' : 'other_outcome') : key];

/** One table's rows: the dimension's keys in a fixed order, with their counts. */
function rowsOf(f: YearFigures, dim: Dim): { key: string; n: number }[] {
  const counts: Record<string, number> = { channel: f.byChannel, identity: f.byIdentity, category: f.byCategory, outcome: f.byOutcome }[dim];
  return FIGURE_KEYS[dim].map((key) => ({ key, n: counts[key] }));
}

const DIMENSIONS: { dim: Dim; heading: D }[] = [
  { dim: 'channel', heading: figureLabels.byChannel },
  { dim: 'identity', heading: figureLabels.byIdentity },
  { dim: 'category', heading: figureLabels.byCategory },
  { dim: 'outcome', heading: figureLabels.byOutcome },
];

function formatters(locale: Locale) {
  const tag = languageTag(locale);
  const number = (n: number | null) => (n === null ? '–' : new Intl.NumberFormat(tag, { maximumFractionDigits: 1 }).format(n));
  const date = (d: string) => new Intl.DateTimeFormat(tag, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${d}T00:00:00Z`));
  return { number, date };
}

/** The document model of the yearly figures: one table per breakdown, then lead times and deadlines. */
export function figuresDocument(f: YearFigures, org: string, locale: Locale): ExportDocument {
  const t = (d: D, v?: Record<string, unknown>) => translate(locale, d, v);
  const { number, date } = formatters(locale);
  const title = t(figureLabels.title, { year: f.year });
  const lead = (step: D, l: YearFigures['acknowledgement']) =>
    [t(step), number(l.done), number(l.median), number(l.p90), number(l.withinDeadlinePercent), number(l.missed), number(l.pending)];
  const blocks: Block[] = [
    { kind: 'title', text: title },
    ...(org ? [{ kind: 'subtitle' as const, text: org }] : []),
    { kind: 'paragraph', text: t(figureLabels.intro, { year: f.year, asOf: date(f.asOf) }) },
    { kind: 'field', label: t(figureLabels.received), value: number(f.received) },
    { kind: 'field', label: t(figureLabels.openAtEnd, { date: date(f.openOn) }), value: number(f.openAtEnd) },
    ...DIMENSIONS.flatMap(({ dim, heading }): Block[] => [
      { kind: 'heading', level: 2, text: t(heading) },
      { kind: 'table', header: [t(heading), t(figureLabels.number)], rows: rowsOf(f, dim).map((r) => [t(label(dim, r.key)), number(r.n)]), widths: [4, 1] },
    ]),
    { kind: 'heading', level: 2, text: t(figureLabels.leadTimes) },
    { kind: 'paragraph', text: t(figureLabels.leadTimesNote) },
    {
      kind: 'table',
      header: [t(figureLabels.step), t(figureLabels.done), t(figureLabels.median), t(figureLabels.p90), t(figureLabels.withinDeadline), t(figureLabels.missed), t(figureLabels.pending)],
      rows: [lead(figureLabels.acknowledgement, f.acknowledgement), lead(figureLabels.feedback, f.feedback)],
      widths: [3, 1, 1, 1, 1, 1, 1],
    },
  ];
  return {
    meta: { title: org ? `${org} – ${title}` : title, language: languageTag(locale), author: org || undefined },
    page: { header: org ? `${org} – ${title}` : title, pageNumbers: documentLabels(locale).pageNumbers },
    blocks,
  };
}

interface CsvRow { section: string; item: string; code: string; value: number | string | null }

/** The figures as CSV: one line per figure (section, item, code, value), numbers as numbers, every text through the formula guard. */
export function figuresCsv(f: YearFigures, org: string, locale: Locale): string {
  const t = (d: D, v?: Record<string, unknown>) => translate(locale, d, v);
  const general = t(figureLabels.title, { year: f.year });
  const rows: CsvRow[] = [
    { section: general, item: t(figureLabels.organisation), code: 'organisation', value: org },
    { section: general, item: t(figureLabels.year), code: 'year', value: f.year },
    { section: general, item: t(figureLabels.asOf), code: 'as_of', value: f.asOf },
    { section: general, item: t(figureLabels.received), code: 'received', value: f.received },
    { section: general, item: t(figureLabels.openAtEnd, { date: f.openOn }), code: 'open_at_end', value: f.openAtEnd },
    ...DIMENSIONS.flatMap(({ dim, heading }) => rowsOf(f, dim).map((r) => ({ section: t(heading), item: t(label(dim, r.key)), code: `${dim}.${r.key}`, value: r.n }))),
    ...([['acknowledgement', figureLabels.acknowledgement, f.acknowledgement], ['feedback', figureLabels.feedback, f.feedback]] as const).flatMap(([code, step, l]) => [
      { section: t(step), item: t(figureLabels.done), code: `${code}.done`, value: l.done },
      { section: t(step), item: t(figureLabels.median), code: `${code}.median_days`, value: l.median },
      { section: t(step), item: t(figureLabels.p90), code: `${code}.p90_days`, value: l.p90 },
      { section: t(step), item: t(figureLabels.withinDeadline), code: `${code}.within_deadline_percent`, value: l.withinDeadlinePercent },
      { section: t(step), item: t(figureLabels.missed), code: `${code}.missed`, value: l.missed },
      { section: t(step), item: t(figureLabels.pending), code: `${code}.pending`, value: l.pending },
    ]),
  ];
  return toCsv(rows, [
    { header: t(figureLabels.section), value: (r) => r.section },
    { header: t(figureLabels.item), value: (r) => r.item },
    { header: t(figureLabels.code), value: (r) => r.code },
    { header: t(figureLabels.value), value: (r) => r.value },
  ]);
}

/** Reads the figures and records the export in one transaction, then renders the file (off the event loop for Word and PDF). */
export async function exportFigures(a: { db: Db; ctx: FiguresCtx; orgId: string; year: number; format: 'docx' | 'pdf' | 'csv'; lang?: Locale; today: string }) {
  const data = await withOrgTx(a.db, a.orgId, async (tx) => {
    const locale = await exportLocale(tx, a.orgId, a.lang);
    const figures = await yearFigures(tx, a.orgId, a.year, a.today);
    await recordExport(tx, a.ctx.audit, {
      organisationId: a.orgId, action: 'reporting.figures_export', recordType: 'report_figures', format: a.format,
      details: { locale, year: a.year, received: figures.received },
    });
    return { figures, locale, org: await organisationName(tx, a.orgId, locale) };
  });
  const base = `${data.org ? `${data.org} - ` : ''}${translate(data.locale, figureLabels.file, { year: a.year })}`;
  if (a.format === 'csv') return { filename: `${base}.csv`, contentType: CONTENT_TYPES.csv, body: Buffer.from(figuresCsv(data.figures, data.org, data.locale), 'utf8') };
  const body = await renderDocument(a.format, figuresDocument(data.figures, data.org, data.locale));
  return { filename: `${base}.${a.format}`, contentType: CONTENT_TYPES[a.format], body };
}
