/**
 * The oversight overview of high-rated processes (oversight.ts) as CSV, Word and PDF: the screen's
 * figures, read by the same call and audited as `risk.oversight_export` in the reader's trail. A
 * withheld count stays empty in the CSV with a note, and reads "too few to show" in the documents.
 */
import { CONTENT_TYPES, documentLabels, languageTag, renderDocument, toCsv, type Block, type Download, type ExportDocument } from '../../platform/export/index.js';
import { translate } from '../../platform/i18n/index.js';
import type { OversightReader } from '../../platform/oversight/index.js';
import type { Locale } from '../../../shared/roles.js';
import { riskExportLabels as L, riskKindLabels } from './export-messages.js';
import type * as oc from './oversight-contract.js';
import type { RiskOversight } from './oversight.js';
import type { RiskExportFormat } from './export.js';

type Msg = Parameters<typeof translate>[1];
const nameIn = (n: oc.HighRiskRow['name'], lang: Locale) => n[lang] || n.en || n.nl;
const kindFilterLabel = (k: oc.HighRiskOverview['kind']) => (k === 'zones' ? L.zones : k === 'federal' ? L.federal : L.allKinds);

export function highRiskCsv(o: oc.HighRiskOverview, lang: Locale): string {
  const t = (m: Msg, v?: Record<string, unknown>) => translate(lang, m, v);
  const note = t(L.suppressed);
  return toCsv(o.rows, [
    { header: t(L.catalogueCode), value: (r) => r.code },
    { header: t(L.process), value: (r) => nameIn(r.name, lang) },
    { header: t(L.kind), value: (r) => t(riskKindLabels[r.kind]) },
    { header: t(L.ratedHigh), value: (r) => r.high.value },
    { header: t(L.comment), value: (r) => (r.high.suppressed ? note : '') },
    // What the figures are about, on every line (a CSV travels without its file name).
    { header: t(L.organisationKind), value: () => t(kindFilterLabel(o.kind)) },
  ]);
}

export function highRiskDocument(o: oc.HighRiskOverview, lang: Locale): ExportDocument {
  const t = (m: Msg, v?: Record<string, unknown>) => translate(lang, m, v);
  const D = documentLabels(lang);
  const title = t(L.oversightTitle);
  const tooFew = t(L.suppressed);
  const cellText = (c: oc.CellView) => (c.suppressed || c.value === null ? tooFew : String(c.value));
  const fields = [
    { label: t(L.organisationKind), value: t(kindFilterLabel(o.kind)) },
    { label: t(L.organisationsWithAnalysis), value: cellText(o.organisations) },
  ];
  const blocks: Block[] = [
    { kind: 'title', text: title },
    ...fields.map((f) => ({ kind: 'field' as const, ...f })),
    { kind: 'paragraph', text: t(L.oversightNote) },
    {
      kind: 'table', widths: [4, 1.5, 1.5],
      header: [t(L.process), t(L.kind), t(L.ratedHigh)],
      rows: o.rows.map((r) => [`${nameIn(r.name, lang)} (${r.code})`, t(riskKindLabels[r.kind]), cellText(r.high)]),
    },
  ];
  return {
    meta: { title, language: languageTag(lang) },
    titlePage: { title, subtitle: t(kindFilterLabel(o.kind)), fields },
    page: { header: title, footer: t(kindFilterLabel(o.kind)), pageNumbers: D.pageNumbers },
    blocks,
  };
}

export async function exportHighRisk(svc: RiskOversight, reader: OversightReader, q: oc.HighRiskQuery, format: RiskExportFormat, lang: Locale): Promise<Download> {
  const o = await svc.highRisk(reader, q, { action: 'risk.oversight_export', details: { format, locale: lang } });
  const base = `${translate(lang, L.oversightFile, { date: new Date().toISOString().slice(0, 10) })}${o.kind ? ` (${o.kind})` : ''}`;
  if (format === 'csv') return { filename: `${base}.csv`, contentType: CONTENT_TYPES.csv, body: Buffer.from(highRiskCsv(o, lang), 'utf8') };
  return { filename: `${base}.${format}`, contentType: CONTENT_TYPES[format], body: await renderDocument(format, highRiskDocument(o, lang)) };
}
