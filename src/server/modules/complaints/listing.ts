/**
 * The periodic listing for the authorities (issue 19): the complaints received in a period, one row
 * each, that the coordinator or the chief sends to the mayor or police college, the police council
 * or the inspectorate. Clear facts only (stats-repo's rule): reference, days, channel and who
 * forwarded it, themes, unit, seriousness, status, decision, lead times against the targets. Never
 * a complainant, a staff member, a contact or any written text: those are sealed and not read here.
 * As CSV (formula guard), Word and PDF; every download audited in the transaction that read the rows.
 * Translations: locales/translations/complaints-listing.json.
 */
import type { MessageDescriptor } from '@lingui/core';
import { sql } from 'drizzle-orm';
import type { Db, Queryable } from '../../platform/db/pool.js';
import { withOrgTx } from '../../platform/db/tx.js';
import { isIsoDay } from '../../platform/deadlines/service.js';
import { invalid } from '../../platform/errors.js';
import {
  CONTENT_TYPES, documentLabels, languageTag, recordExport, renderDocument, toCsv, type ExportDocument, type PdfOptions,
} from '../../platform/export/index.js';
import { isLocale, translate } from '../../platform/i18n/index.js';
import { DEFAULT_LOCALE, type Locale } from '../../../shared/roles.js';
import { getOrganisation } from '../organisations/service.js';
import type { StatsCtx } from './stats.js';
import * as repo from './stats-repo.js';
import { keyLabels } from './yearly-report.js';

type D = MessageDescriptor;

/** The longest period one listing covers (a leap year). */
export const LISTING_MAX_DAYS = 366;
export const LISTING_FORMATS = ['csv', 'docx', 'pdf'] as const;
export type ListingFormat = (typeof LISTING_FORMATS)[number];

export const listingErrors = {
  day: /*i18n*/ { id: 'error.complaints_listing_day', message: 'Give a real date (yyyy-mm-dd).' },
  order: /*i18n*/ { id: 'error.complaints_listing_order', message: 'The end of the period cannot be before its start.' },
  tooLong: /*i18n*/ { id: 'error.complaints_listing_too_long', message: 'A listing covers at most {max} days. Choose a shorter period.' },
};

export const listingLabels = {
  title: /*i18n*/ { id: 'complaints.listing.title', message: 'List of complaints for the authorities' },
  file: /*i18n*/ { id: 'complaints.listing.file', message: 'complaints list for the authorities' },
  period: /*i18n*/ { id: 'complaints.listing.period', message: 'Period' },
  periodValue: /*i18n*/ { id: 'complaints.listing.period_value', message: '{from} to {to}' },
  made: /*i18n*/ { id: 'complaints.listing.made', message: 'Made on' },
  organisation: /*i18n*/ { id: 'complaints.listing.organisation', message: 'Organisation' },
  count: /*i18n*/ { id: 'complaints.listing.count', message: 'Complaints received' },
  intro: /*i18n*/ {
    id: 'complaints.listing.intro',
    message: 'The complaints received in the period, as they stand on the day this list was made. Without personal data: no complainant, no staff member, no contact details and nothing of what was written.',
  },
  leadNote: /*i18n*/ {
    id: 'complaints.listing.lead_note',
    message: 'Days from receipt. Targets: acknowledgement within {acknowledge} days, answer within {resolve} days. An answer also ends when the complaint is found inadmissible or forwarded.',
  },
  none: /*i18n*/ { id: 'complaints.listing.none', message: 'No complaints were received in this period.' },
  reference: /*i18n*/ { id: 'complaints.listing.reference', message: 'Reference' },
  received: /*i18n*/ { id: 'complaints.listing.received', message: 'Received' },
  channel: /*i18n*/ { id: 'complaints.listing.channel', message: 'Channel' },
  themes: /*i18n*/ { id: 'complaints.listing.themes', message: 'Themes' },
  unit: /*i18n*/ { id: 'complaints.listing.unit', message: 'Unit' },
  seriousness: /*i18n*/ { id: 'complaints.listing.seriousness', message: 'Seriousness' },
  status: /*i18n*/ { id: 'complaints.listing.status', message: 'Status' },
  decision: /*i18n*/ { id: 'complaints.listing.decision', message: 'Decision' },
  ackDays: /*i18n*/ { id: 'complaints.listing.ack_days', message: 'Days to acknowledgement' },
  answerDays: /*i18n*/ { id: 'complaints.listing.answer_days', message: 'Days to answer' },
  late: /*i18n*/ { id: 'complaints.listing.late', message: 'Target missed' },
  notLate: /*i18n*/ { id: 'complaints.listing.not_late', message: 'No' },
  forwardedVia: /*i18n*/ { id: 'complaints.listing.forwarded_via', message: 'Forwarded via {source}' },
  anonymous: /*i18n*/ { id: 'complaints.listing.anonymous', message: 'Anonymous' },
  yes: /*i18n*/ { id: 'complaints.listing.yes', message: 'Yes' },
  no: /*i18n*/ { id: 'complaints.listing.no', message: 'No' },
};

const valueLabels: Record<string, Record<string, D>> = {
  source: {
    comite_p: /*i18n*/ { id: 'complaints.listing.source.comite_p', message: 'Comité P' },
    aig: /*i18n*/ { id: 'complaints.listing.source.aig', message: 'the General Inspectorate (AIG)' },
    mayor: /*i18n*/ { id: 'complaints.listing.source.mayor', message: 'the mayor' },
    prosecutor: /*i18n*/ { id: 'complaints.listing.source.prosecutor', message: 'the public prosecutor' },
    other: /*i18n*/ { id: 'complaints.listing.source.other', message: 'another body' },
  },
  seriousness: {
    low: /*i18n*/ { id: 'complaints.listing.seriousness.low', message: 'Low' },
    medium: /*i18n*/ { id: 'complaints.listing.seriousness.medium', message: 'Medium' },
    high: /*i18n*/ { id: 'complaints.listing.seriousness.high', message: 'High' },
  },
  status: {
    received: /*i18n*/ { id: 'complaints.listing.status.received', message: 'Received' },
    acknowledged: /*i18n*/ { id: 'complaints.listing.status.acknowledged', message: 'Acknowledged' },
    triaged: /*i18n*/ { id: 'complaints.listing.status.triaged', message: 'Being handled' },
    answered: /*i18n*/ { id: 'complaints.listing.status.answered', message: 'Answered' },
    closed: /*i18n*/ { id: 'complaints.listing.status.closed', message: 'Closed' },
    inadmissible: /*i18n*/ { id: 'complaints.listing.status.inadmissible', message: 'Inadmissible' },
    forwarded: /*i18n*/ { id: 'complaints.listing.status.forwarded', message: 'Forwarded elsewhere' },
  },
};

export interface Period { from: string; to: string }

const dayNumber = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;

/** A period of real days, in order, of at most LISTING_MAX_DAYS days (both ends counted); else a 400 naming the field. */
export function checkPeriod(p: { from?: string; to?: string }): Period {
  if (!isIsoDay(p.from)) throw invalid('complaints_listing_day', 'from');
  if (!isIsoDay(p.to)) throw invalid('complaints_listing_day', 'to');
  if (p.to < p.from) throw invalid('complaints_listing_order', 'to');
  if (dayNumber(p.to) - dayNumber(p.from) + 1 > LISTING_MAX_DAYS) throw invalid('complaints_listing_too_long', 'to', { max: LISTING_MAX_DAYS });
  return { from: p.from, to: p.to };
}

/** One complaint of the listing: clear columns only. */
export interface ListingRow {
  reference: string; receivedOn: string; channel: string; forwardedBy: string | null; anonymous: boolean;
  themes: string[]; unitId: string | null; seriousness: string | null; status: string; decision: string | null;
  acknowledgeDays: number | null; answerDays: number | null; acknowledgeLate: boolean; answerLate: boolean;
}

/** The complaints received in the period (up to `today`), by day and reference, with their lead times as they stand on `today`. */
export async function listingRows(q: Queryable, orgId: string, p: Period, today: string, t: repo.Targets): Promise<ListingRow[]> {
  const r = await q.execute<{
    reference: string; received_on: string; channel: string; forwarded_by: string | null; anonymous: boolean; themes: string[];
    unit_id: string | null; seriousness: string | null; status: string; decision: string | null;
    acknowledge_lead: number | null; resolve_lead: number | null; acknowledge_missed: boolean; resolve_missed: boolean;
  }>(sql`
    SELECT c.reference, to_char(f.received_on, 'YYYY-MM-DD') AS received_on, f.channel, c.forwarded_by, c.anonymous,
           coalesce((SELECT array_agg(ct.theme ORDER BY ct.theme) FROM complaint_theme ct
                      WHERE ct.organisation_id = ${orgId} AND ct.complaint_id = f.id), '{}') AS themes,
           f.unit_id, c.seriousness, f.status, c.decision,
           f.acknowledge_lead, f.resolve_lead, f.acknowledge_missed, f.resolve_missed
      FROM (${repo.complaintFacts(orgId, today, t)}) f
      JOIN complaint c ON c.organisation_id = ${orgId} AND c.id = f.id
     WHERE f.received_on BETWEEN ${p.from}::date AND ${p.to}::date
     ORDER BY f.received_on, c.reference`);
  return r.rows.map((x) => ({
    reference: x.reference, receivedOn: x.received_on, channel: x.channel, forwardedBy: x.forwarded_by, anonymous: x.anonymous,
    themes: x.themes, unitId: x.unit_id, seriousness: x.seriousness, status: x.status, decision: x.decision,
    acknowledgeDays: x.acknowledge_lead === null ? null : Number(x.acknowledge_lead), answerDays: x.resolve_lead === null ? null : Number(x.resolve_lead),
    acknowledgeLate: x.acknowledge_missed, answerLate: x.resolve_missed,
  }));
}

export interface ListingData {
  rows: ListingRow[]; period: Period; today: string; locale: Locale; org: string; orgCode: string; targets: repo.Targets;
  units: Map<string, string>; themes: Map<string, Record<string, string>>;
}

/** The rows as the reader sees them: every code through its label, in the listing's language. */
export function listingCells(d: ListingData) {
  const t = (m: D, v?: Record<string, unknown>) => translate(d.locale, m, v);
  const date = formatDate(d.locale);
  const label = (kind: string, k: string | null) => (k === null ? '' : valueLabels[kind][k] ? t(valueLabels[kind][k]) : k);
  const steps = (r: ListingRow) => [r.acknowledgeLate && t(keyLabels.acknowledge), r.answerLate && t(keyLabels.resolve)].filter(Boolean).join(', ');
  return d.rows.map((r) => ({
    reference: r.reference,
    received: date(r.receivedOn),
    channel: r.forwardedBy ? t(listingLabels.forwardedVia, { source: label('source', r.forwardedBy) }) : t(keyLabels[r.channel] ?? keyLabels.forwarded_in),
    anonymous: r.anonymous ? t(listingLabels.yes) : t(listingLabels.no),
    // A theme no longer on the desk's list keeps its code.
    themes: r.themes.map((k) => { const l = d.themes.get(k); return l?.[d.locale] ?? (l && Object.values(l).find(Boolean)) ?? k; }).join(', '),
    unit: r.unitId ? d.units.get(r.unitId) ?? '' : '',
    seriousness: label('seriousness', r.seriousness),
    status: label('status', r.status),
    decision: r.decision ? t(keyLabels[r.decision]) : '',
    ackDays: r.acknowledgeDays === null ? '' : String(r.acknowledgeDays),
    answerDays: r.answerDays === null ? '' : String(r.answerDays),
    late: steps(r) || t(listingLabels.notLate),
  }));
}

type Cells = ReturnType<typeof listingCells>[number];
const COLUMNS: [keyof Cells, D, number][] = [
  ['reference', listingLabels.reference, 3], ['received', listingLabels.received, 2], ['channel', listingLabels.channel, 3],
  ['anonymous', listingLabels.anonymous, 1], ['themes', listingLabels.themes, 3], ['unit', listingLabels.unit, 2],
  ['seriousness', listingLabels.seriousness, 2], ['status', listingLabels.status, 2], ['decision', listingLabels.decision, 2],
  ['ackDays', listingLabels.ackDays, 1], ['answerDays', listingLabels.answerDays, 1], ['late', listingLabels.late, 2],
];

const formatDate = (locale: Locale) => (d: string) =>
  new Intl.DateTimeFormat(languageTag(locale), { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${d}T00:00:00Z`));

export function listingDocument(d: ListingData): ExportDocument {
  const t = (m: D, v?: Record<string, unknown>) => translate(d.locale, m, v);
  const date = formatDate(d.locale);
  const title = t(listingLabels.title);
  const cells = listingCells(d);
  return {
    meta: { title: d.org ? `${d.org} – ${title}` : title, language: languageTag(d.locale), author: d.org || undefined },
    page: { header: d.org ? `${d.org} – ${title}` : title, pageNumbers: documentLabels(d.locale).pageNumbers },
    blocks: [
      { kind: 'title', text: title },
      { kind: 'field', label: t(listingLabels.organisation), value: d.org || d.orgCode },
      { kind: 'field', label: t(listingLabels.period), value: t(listingLabels.periodValue, { from: date(d.period.from), to: date(d.period.to) }) },
      { kind: 'field', label: t(listingLabels.made), value: date(d.today) },
      { kind: 'field', label: t(listingLabels.count), value: String(d.rows.length) },
      { kind: 'paragraph', text: t(listingLabels.intro) },
      { kind: 'paragraph', text: t(listingLabels.leadNote, { acknowledge: d.targets.acknowledge, resolve: d.targets.resolve }) },
      cells.length
        ? { kind: 'table', header: COLUMNS.map(([, h]) => t(h)), rows: cells.map((c) => COLUMNS.map(([k]) => c[k])), widths: COLUMNS.map(([, , w]) => w) }
        : { kind: 'paragraph', text: t(listingLabels.none) },
    ],
  };
}

/** The CSV: one line per complaint, days as yyyy-mm-dd so a spreadsheet sorts them; texts through the formula guard. */
export function listingCsv(d: ListingData): string {
  const t = (m: D) => translate(d.locale, m);
  const cells = listingCells(d);
  return toCsv(d.rows.map((r, i) => ({ r, c: cells[i] })), COLUMNS.map(([k, h]) => ({
    header: t(h), value: ({ r, c }: { r: ListingRow; c: Cells }) => (k === 'received' ? r.receivedOn : c[k]),
  })));
}

async function organisationOf(q: Queryable, orgId: string, requested?: Locale) {
  const org = await getOrganisation(q, orgId);
  const first = org?.languages[0];
  const locale = requested ?? (isLocale(first) ? first : DEFAULT_LOCALE);
  const name = org ? org.names[locale] ?? org.names[org.languages[0]] ?? Object.values(org.names)[0] ?? '' : '';
  return { locale, name, code: org?.code ?? '' };
}

/** Reads the rows and records the export in one transaction, then renders the file (off the event loop for Word and PDF). */
export async function exportListing(a: {
  db: Db; ctx: StatsCtx; orgId: string; period: { from?: string; to?: string }; format: ListingFormat; lang?: Locale; today: string; pdf?: PdfOptions;
}) {
  const period = checkPeriod(a.period);
  const data = await withOrgTx(a.db, a.orgId, async (tx): Promise<ListingData> => {
    const org = await organisationOf(tx, a.orgId, a.lang);
    const targets = await repo.targets(tx, a.orgId);
    const rows = await listingRows(tx, a.orgId, period, a.today, targets);
    const names = await repo.labels(tx, a.orgId);
    await recordExport(tx, a.ctx.audit, {
      organisationId: a.orgId, action: 'complaints.listing_export', recordType: 'complaint_listing', format: a.format,
      details: { locale: org.locale, from: period.from, to: period.to, rows: rows.length },
    });
    return {
      rows, period, today: a.today, locale: org.locale, org: org.name, orgCode: org.code, targets,
      units: new Map(names.units.map((u) => [u.id, u.name])), themes: new Map(names.themes.map((th) => [th.id, th.label])),
    };
  });
  const base = `${data.orgCode ? `${data.orgCode} - ` : ''}${translate(data.locale, listingLabels.file)} ${period.from} - ${period.to}`;
  if (a.format === 'csv') return { filename: `${base}.csv`, contentType: CONTENT_TYPES.csv, body: Buffer.from(listingCsv(data), 'utf8') };
  const body = await renderDocument(a.format, listingDocument(data), a.pdf);
  return { filename: `${base}.${a.format}`, contentType: CONTENT_TYPES[a.format], body };
}
