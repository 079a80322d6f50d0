/**
 * The yearly complaints report (issue 19) as Word and PDF (one document model), in the requested
 * language: the year's figures with bar charts (as tables: the export model has no images), lead
 * times against the targets and the coordinator's recommendations. Two versions:
 * - `report`: for the organisation (chief, council): every count;
 * - `public`: anonymised for publication: no names (unit names neither), every count below the
 *   organisation's threshold hidden with the oversight rules (platform/oversight), and a figure
 *   derived from a small count (a lead time of few complaints, a rate) withheld;
 * and the anonymised CSV for oversight (the public figures, one line each, formula guard).
 * Neither names a staff member: the repeated-complaints signal stays on the statistics screen.
 * Every export is audited in the transaction that read the figures.
 * Translations: locales/translations/complaints-stats.json.
 */
import type { MessageDescriptor } from '@lingui/core';
import type { Db } from '../../platform/db/pool.js';
import { withOrgTx } from '../../platform/db/tx.js';
import {
  CONTENT_TYPES, documentLabels, languageTag, recordExport, renderDocument, toCsv, type Block, type ExportDocument,
} from '../../platform/export/index.js';
import { translate } from '../../platform/i18n/index.js';
import { suppressBelowFrom, suppressGroup, type Cell } from '../../platform/oversight/index.js';
import { isLocale } from '../../platform/i18n/index.js';
import type { Queryable } from '../../platform/db/pool.js';
import { DEFAULT_LOCALE, type Locale } from '../../../shared/roles.js';
import { getOrganisation, getOrganisationSettings } from '../organisations/service.js';
import { CHANNELS } from './contract.js';
import { yearStats, type StatsCtx } from './stats.js';
import { OUTCOME_KEYS, STAT_STEPS, type StatsView } from './stats-contract.js';
import * as repo from './stats-repo.js';

type D = MessageDescriptor;

export const reportLabels = {
  title: /*i18n*/ { id: 'complaints.stats.title', message: 'Complaints report {year}' },
  publicTitle: /*i18n*/ { id: 'complaints.stats.public_title', message: 'Complaints report {year} (public version)' },
  file: /*i18n*/ { id: 'complaints.stats.file', message: 'complaints report {year}' },
  publicFile: /*i18n*/ { id: 'complaints.stats.public_file', message: 'complaints report {year} public' },
  oversightFile: /*i18n*/ { id: 'complaints.stats.oversight_file', message: 'complaints figures {year} oversight' },
  intro: /*i18n*/ {
    id: 'complaints.stats.intro',
    message: 'Complaints from citizens received by the complaints desk in {year}, as they stand on {asOf}. Figures only: nothing of any complaint, no complainant.',
  },
  publicIntro: /*i18n*/ {
    id: 'complaints.stats.public_intro',
    message: 'Anonymised version: counts below {threshold} are not shown (“< {threshold}”), nor figures that would reveal them.',
  },
  received: /*i18n*/ { id: 'complaints.stats.received', message: 'Complaints received' },
  staff: /*i18n*/ { id: 'complaints.stats.staff', message: 'Staff on {date}' },
  per1000: /*i18n*/ { id: 'complaints.stats.per_1000', message: 'Complaints per 1,000 staff' },
  number: /*i18n*/ { id: 'complaints.stats.number', message: 'Number' },
  chart: /*i18n*/ { id: 'complaints.stats.chart', message: 'Chart' },
  byChannel: /*i18n*/ { id: 'complaints.stats.by_channel', message: 'By channel' },
  byOutcome: /*i18n*/ { id: 'complaints.stats.by_outcome', message: 'By outcome' },
  byTheme: /*i18n*/ { id: 'complaints.stats.by_theme', message: 'By theme' },
  byThemeNote: /*i18n*/ { id: 'complaints.stats.by_theme_note', message: 'A complaint with several themes counts once under each.' },
  byUnit: /*i18n*/ { id: 'complaints.stats.by_unit', message: 'By unit' },
  byMonth: /*i18n*/ { id: 'complaints.stats.by_month', message: 'By month of receipt' },
  leadTimes: /*i18n*/ { id: 'complaints.stats.lead_times', message: 'Lead times against the targets' },
  leadTimesNote: /*i18n*/ {
    id: 'complaints.stats.lead_times_note',
    message: 'In days from receipt. Triage and answer also end when a complaint is found inadmissible or forwarded. Within the target: of the steps done or overdue.',
  },
  step: /*i18n*/ { id: 'complaints.stats.step', message: 'Step' },
  target: /*i18n*/ { id: 'complaints.stats.target', message: 'Target (days)' },
  done: /*i18n*/ { id: 'complaints.stats.done', message: 'Done' },
  median: /*i18n*/ { id: 'complaints.stats.median', message: 'Median (days)' },
  p90: /*i18n*/ { id: 'complaints.stats.p90', message: '90th percentile (days)' },
  withinTarget: /*i18n*/ { id: 'complaints.stats.within_target', message: 'Within the target (%)' },
  missed: /*i18n*/ { id: 'complaints.stats.missed', message: 'Target missed' },
  pending: /*i18n*/ { id: 'complaints.stats.pending', message: 'Not yet due' },
  recommendations: /*i18n*/ { id: 'complaints.stats.recommendations', message: 'Recommendations' },
  noRecommendations: /*i18n*/ { id: 'complaints.stats.no_recommendations', message: 'No recommendations were written for this year.' },
  section: /*i18n*/ { id: 'complaints.stats.section', message: 'Section' },
  item: /*i18n*/ { id: 'complaints.stats.item', message: 'Item' },
  code: /*i18n*/ { id: 'complaints.stats.code', message: 'Code' },
  value: /*i18n*/ { id: 'complaints.stats.value', message: 'Value' },
  suppressed: /*i18n*/ { id: 'complaints.stats.suppressed', message: 'Hidden (small count)' },
  organisation: /*i18n*/ { id: 'complaints.stats.organisation', message: 'Organisation' },
  year: /*i18n*/ { id: 'complaints.stats.year', message: 'Year' },
  noUnit: /*i18n*/ { id: 'complaints.stats.no_unit', message: 'No unit given' },
  noTheme: /*i18n*/ { id: 'complaints.stats.no_theme', message: 'Not triaged yet' },
  unitN: /*i18n*/ { id: 'complaints.stats.unit_n', message: 'Unit {n}' },
};

export const keyLabels: Record<string, D> = {
  online: /*i18n*/ { id: 'complaints.stats.channel.online', message: 'Online form' },
  phone: /*i18n*/ { id: 'complaints.stats.channel.phone', message: 'Telephone' },
  letter: /*i18n*/ { id: 'complaints.stats.channel.letter', message: 'Letter' },
  email: /*i18n*/ { id: 'complaints.stats.channel.email', message: 'E-mail' },
  desk: /*i18n*/ { id: 'complaints.stats.channel.desk', message: 'At the desk' },
  forwarded_in: /*i18n*/ { id: 'complaints.stats.channel.forwarded', message: 'Forwarded to the desk (Comité P, inspectorate, mayor, prosecutor…)' },
  well_founded: /*i18n*/ { id: 'complaints.stats.outcome.well_founded', message: 'Well-founded' },
  unfounded: /*i18n*/ { id: 'complaints.stats.outcome.unfounded', message: 'Unfounded' },
  partly_founded: /*i18n*/ { id: 'complaints.stats.outcome.partly_founded', message: 'Partly founded' },
  undetermined: /*i18n*/ { id: 'complaints.stats.outcome.undetermined', message: 'Undetermined' },
  mediation: /*i18n*/ { id: 'complaints.stats.outcome.mediation', message: 'Settled by mediation' },
  inadmissible: /*i18n*/ { id: 'complaints.stats.outcome.inadmissible', message: 'Inadmissible' },
  forwarded_out: /*i18n*/ { id: 'complaints.stats.outcome.forwarded', message: 'Forwarded elsewhere' },
  open: /*i18n*/ { id: 'complaints.stats.outcome.open', message: 'Not decided yet' },
  acknowledge: /*i18n*/ { id: 'complaints.stats.step.acknowledge', message: 'Acknowledgement' },
  triage: /*i18n*/ { id: 'complaints.stats.step.triage', message: 'Triage' },
  resolve: /*i18n*/ { id: 'complaints.stats.step.resolve', message: 'Answer to the complainant' },
};
const channelLabel = (k: string) => keyLabels[k === 'forwarded' ? 'forwarded_in' : k];
const outcomeLabel = (k: string) => keyLabels[k === 'forwarded' ? 'forwarded_out' : k];

export type Version = 'report' | 'public';

/** One table of the report: its rows as (code, label, count) and whether small counts are hidden. */
interface Row { code: string; label: string; cell: Cell }
interface Section { code: string; heading: D; note?: D; rows: Row[] }

const showAll = (n: number): Cell => ({ value: n, suppressed: false });

/** The report's tables, every count a cell: shown as is (`report`) or through the suppression rules (`public`). */
export function sections(s: StatsView, locale: Locale, version: Version, threshold: number): { sections: Section[]; received: Cell } {
  const t = (d: D, v?: Record<string, unknown>) => translate(locale, d, v);
  const group = <K extends string>(counts: Record<K, number>) =>
    version === 'public' ? suppressGroup(counts, threshold) : { cells: Object.fromEntries(Object.entries(counts).map(([k, n]) => [k, showAll(n as number)])) as Record<K, Cell>, total: showAll(s.received) };
  const table = (code: string, heading: D, entries: { code: string; label: string; n: number }[], note?: D): Section => {
    const g = group(Object.fromEntries(entries.map((e) => [e.code, e.n])) as Record<string, number>);
    return { code, heading, note, rows: entries.map((e) => ({ code: e.code, label: e.label, cell: g.cells[e.code] })) };
  };
  const month = new Intl.DateTimeFormat(languageTag(locale), { month: 'long', timeZone: 'UTC' });
  const received = version === 'public' ? suppressGroup(s.byChannel, threshold).total : showAll(s.received);
  return {
    received,
    sections: [
      table('channel', reportLabels.byChannel, CHANNELS.map((k) => ({ code: k, label: t(channelLabel(k)), n: s.byChannel[k] }))),
      table('outcome', reportLabels.byOutcome, OUTCOME_KEYS.map((k) => ({ code: k, label: t(outcomeLabel(k)), n: s.byOutcome[k] }))),
      table('theme', reportLabels.byTheme, s.byTheme.map((x) => ({
        code: x.key, label: x.key === 'none' ? t(reportLabels.noTheme) : x.label[locale] ?? Object.values(x.label).find(Boolean) ?? x.key, n: x.n,
      })), reportLabels.byThemeNote),
      // The public version names no unit: a small unit's name with its count points at its people.
      table('unit', reportLabels.byUnit, s.byUnit.map((x, i) => ({
        code: x.key === 'none' ? 'none' : version === 'public' ? `unit_${i + 1}` : x.key,
        label: x.key === 'none' ? t(reportLabels.noUnit) : version === 'public' ? t(reportLabels.unitN, { n: i + 1 }) : x.label, n: x.n,
      }))),
      table('month', reportLabels.byMonth, s.byMonth.map((n, i) => ({ code: String(i + 1).padStart(2, '0'), label: month.format(new Date(Date.UTC(2000, i, 1))), n }))),
    ],
  };
}

/** A bar of filled squares, 20 for the largest count (Roboto, the PDF font, has ■). */
const bar = (n: number | null, max: number) => (n === null || max === 0 ? '' : '■'.repeat(Math.max(n > 0 ? 1 : 0, Math.round((20 * n) / max))));

function formatters(locale: Locale, threshold: number) {
  const tag = languageTag(locale);
  const number = (n: number | null) => (n === null ? '–' : new Intl.NumberFormat(tag, { maximumFractionDigits: 1 }).format(n));
  const cell = (c: Cell) => (c.suppressed ? `< ${threshold}` : number(c.value));
  const date = (d: string) => new Intl.DateTimeFormat(tag, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${d}T00:00:00Z`));
  return { number, cell, date };
}

/** Lead times of the public version: withheld (null) when fewer complaints than the threshold did the step. */
function leadRows(s: StatsView, version: Version, threshold: number) {
  return STAT_STEPS.map((step) => {
    const l = s.lead[step];
    const small = version === 'public' && l.done + l.missed + l.pending < threshold;
    const c = (n: number): Cell => (version === 'public' && n < threshold ? { value: null, suppressed: true } : showAll(n));
    return {
      step, target: l.target,
      done: c(l.done), median: small || c(l.done).suppressed ? null : l.median, p90: small || c(l.done).suppressed ? null : l.p90,
      withinTargetPercent: small ? null : l.withinTargetPercent, missed: c(l.missed), pending: c(l.pending),
    };
  });
}

export interface ReportData { stats: StatsView; org: string; locale: Locale; threshold: number; recommendations: string }

/** The document model of the yearly report (or of its public version). */
export function reportDocument(d: ReportData, version: Version): ExportDocument {
  const { stats: s, locale, org, threshold } = d;
  const t = (m: D, v?: Record<string, unknown>) => translate(locale, m, v);
  const f = formatters(locale, threshold);
  const title = t(version === 'public' ? reportLabels.publicTitle : reportLabels.title, { year: s.year });
  const built = sections(s, locale, version, threshold);
  const per1000 = built.received.suppressed ? null : s.per1000Staff;
  const blocks: Block[] = [
    { kind: 'title', text: title },
    ...(org ? [{ kind: 'subtitle' as const, text: org }] : []),
    { kind: 'paragraph', text: t(reportLabels.intro, { year: s.year, asOf: f.date(s.asOf) }) },
    ...(version === 'public' ? [{ kind: 'paragraph' as const, text: t(reportLabels.publicIntro, { threshold }) }] : []),
    { kind: 'field', label: t(reportLabels.received), value: f.cell(built.received) },
    { kind: 'field', label: t(reportLabels.staff, { date: f.date(s.periodEnd) }), value: f.number(s.staff) },
    { kind: 'field', label: t(reportLabels.per1000), value: f.number(per1000) },
    ...built.sections.flatMap((sec): Block[] => {
      const max = Math.max(0, ...sec.rows.map((r) => r.cell.value ?? 0));
      return [
        { kind: 'heading', level: 2, text: t(sec.heading) },
        ...(sec.note ? [{ kind: 'paragraph' as const, text: t(sec.note) }] : []),
        {
          kind: 'table', header: [t(sec.heading), t(reportLabels.number), t(reportLabels.chart)],
          rows: sec.rows.map((r) => [r.label, f.cell(r.cell), bar(r.cell.value, max)]), widths: [3, 1, 3],
        },
      ];
    }),
    { kind: 'heading', level: 2, text: t(reportLabels.leadTimes) },
    { kind: 'paragraph', text: t(reportLabels.leadTimesNote) },
    {
      kind: 'table',
      header: [t(reportLabels.step), t(reportLabels.target), t(reportLabels.done), t(reportLabels.median), t(reportLabels.p90), t(reportLabels.withinTarget), t(reportLabels.missed), t(reportLabels.pending)],
      rows: leadRows(s, version, threshold).map((l) => [t(keyLabels[l.step]), f.number(l.target), f.cell(l.done), f.number(l.median), f.number(l.p90), f.number(l.withinTargetPercent), f.cell(l.missed), f.cell(l.pending)]),
      widths: [3, 1, 1, 1, 1, 1, 1, 1],
    },
    { kind: 'heading', level: 2, text: t(reportLabels.recommendations) },
    ...(d.recommendations.trim()
      ? d.recommendations.split(/\n{2,}/).map((p): Block => ({ kind: 'paragraph', text: p }))
      : [{ kind: 'paragraph' as const, text: t(reportLabels.noRecommendations) }]),
  ];
  return {
    meta: { title: org ? `${org} – ${title}` : title, language: languageTag(locale), author: org || undefined },
    page: { header: org ? `${org} – ${title}` : title, pageNumbers: documentLabels(locale).pageNumbers },
    blocks,
  };
}

interface CsvRow { section: string; item: string; code: string; value: number | string | null; suppressed: boolean }

/** The anonymised figures for oversight: the public version's figures, one line each; texts through the formula guard. */
export function oversightCsv(d: ReportData): string {
  const { stats: s, locale, threshold } = d;
  const t = (m: D, v?: Record<string, unknown>) => translate(locale, m, v);
  const built = sections(s, locale, 'public', threshold);
  const general = t(reportLabels.publicTitle, { year: s.year });
  const line = (section: string, item: string, code: string, c: Cell): CsvRow => ({ section, item, code, value: c.value, suppressed: c.suppressed });
  const rows: CsvRow[] = [
    { section: general, item: t(reportLabels.organisation), code: 'organisation', value: d.org, suppressed: false },
    { section: general, item: t(reportLabels.year), code: 'year', value: s.year, suppressed: false },
    line(general, t(reportLabels.received), 'received', built.received),
    { section: general, item: t(reportLabels.per1000), code: 'per_1000_staff', value: built.received.suppressed ? null : s.per1000Staff, suppressed: built.received.suppressed },
    ...built.sections.flatMap((sec) => sec.rows.map((r) => line(t(sec.heading), r.label, `${sec.code}.${r.code}`, r.cell))),
    ...leadRows(s, 'public', threshold).flatMap((l) => {
      const sec = t(keyLabels[l.step]);
      const derived = (item: D, code: string, v: number | null): CsvRow => ({ section: sec, item: t(item), code: `${l.step}.${code}`, value: v, suppressed: v === null && l.done.value !== 0 });
      return [
        { section: sec, item: t(reportLabels.target), code: `${l.step}.target_days`, value: l.target, suppressed: false },
        line(sec, t(reportLabels.done), `${l.step}.done`, l.done),
        derived(reportLabels.median, 'median_days', l.median),
        derived(reportLabels.p90, 'p90_days', l.p90),
        derived(reportLabels.withinTarget, 'within_target_percent', l.withinTargetPercent),
        line(sec, t(reportLabels.missed), `${l.step}.missed`, l.missed),
        line(sec, t(reportLabels.pending), `${l.step}.pending`, l.pending),
      ];
    }),
  ];
  return toCsv(rows, [
    { header: t(reportLabels.section), value: (r) => r.section },
    { header: t(reportLabels.item), value: (r) => r.item },
    { header: t(reportLabels.code), value: (r) => r.code },
    { header: t(reportLabels.value), value: (r) => r.value },
    { header: t(reportLabels.suppressed), value: (r) => (r.suppressed ? 1 : 0) },
  ]);
}

/** The language of an export: asked for, else the organisation's first language. */
async function exportLocale(q: Queryable, orgId: string, requested?: Locale): Promise<Locale> {
  if (requested) return requested;
  const first = (await getOrganisation(q, orgId))?.languages[0];
  return isLocale(first) ? first : DEFAULT_LOCALE;
}

async function organisationName(q: Queryable, orgId: string, locale: Locale): Promise<string> {
  const org = await getOrganisation(q, orgId);
  if (!org) return '';
  return org.names[locale] ?? org.names[org.languages[0]] ?? Object.values(org.names)[0] ?? '';
}

export type ReportFormat = 'docx' | 'pdf';
export type ExportKind = { version: Version; format: ReportFormat } | { version: 'oversight'; format: 'csv' };

/** Reads the figures and records the export in one transaction, then renders the file (off the event loop for Word and PDF). */
export async function exportYearlyReport(a: { db: Db; ctx: StatsCtx; orgId: string; year: number; kind: ExportKind; lang?: Locale; today: string }) {
  const data = await withOrgTx(a.db, a.orgId, async (tx): Promise<ReportData> => {
    const locale = await exportLocale(tx, a.orgId, a.lang);
    const stats = await yearStats(tx, a.orgId, a.year, a.today, false);
    const threshold = suppressBelowFrom((await getOrganisationSettings(tx, a.orgId)).statisticsSuppressBelow);
    const rec = await repo.recommendations(tx, a.orgId, a.year);
    await recordExport(tx, a.ctx.audit, {
      organisationId: a.orgId, action: 'complaints.yearly_report_export', recordType: 'complaint_year_report', format: a.kind.format,
      details: { locale, year: a.year, version: a.kind.version, received: stats.received },
    });
    return { stats, locale, threshold, recommendations: rec.text, org: await organisationName(tx, a.orgId, locale) };
  });
  const t = (m: D) => translate(data.locale, m, { year: a.year });
  const name = t(a.kind.version === 'report' ? reportLabels.file : a.kind.version === 'public' ? reportLabels.publicFile : reportLabels.oversightFile);
  const base = `${data.org ? `${data.org} - ` : ''}${name}`;
  if (a.kind.version === 'oversight') return { filename: `${base}.csv`, contentType: CONTENT_TYPES.csv, body: Buffer.from(oversightCsv(data), 'utf8') };
  const body = await renderDocument(a.kind.format, reportDocument(data, a.kind.version));
  return { filename: `${base}.${a.kind.format}`, contentType: CONTENT_TYPES[a.kind.format], body };
}
