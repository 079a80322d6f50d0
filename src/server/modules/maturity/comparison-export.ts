/**
 * Exports of the cross-organisation view (issue 20): the organisation against its peer group and the
 * inspectorate's overview, as CSV (one row per figure, a "part" column naming the table) and as
 * Word/PDF (the screen's tables one after the other). The data is the screen's answer, read by the
 * same service call and audited like the screen's read, under the export's own action and with the
 * format; so the figures, the withheld groups ('too small to show') and the names (only of the
 * organisations that consented) are exactly the screen's.
 */
import { CONTENT_TYPES, documentLabels, languageTag, renderDocument, toCsv, type Block, type CsvColumn, type ExportDocument } from '../../platform/export/index.js';
import { translate } from '../../platform/i18n/index.js';
import type { OversightReader } from '../../platform/oversight/index.js';
import type { Locale } from '../../../shared/roles.js';
import type * as oc from './oversight-contract.js';
import { comparisonLabels as L, orgKindLabels } from './comparison-export-messages.js';
import { kindLabels, pillarLabels } from './messages.js';
import { peerGroupLabels } from './oversight-messages.js';
import type { makeMaturityOversight } from './oversight.js';
import type { MaturityCtx } from './service.js';

export type ComparisonFormat = 'csv' | 'docx' | 'pdf';
type Oversight = ReturnType<typeof makeMaturityOversight>;
type Msg = Parameters<typeof translate>[1];

/** One figure line: a criterion, a pillar, a kind of organisation, a peer group or a year. */
interface Line {
  part: string;
  item: string;
  name: string;
  own?: number | null;
  organisations?: number | null;
  measured?: number | null;
  share?: number | null;
  levels?: number[] | null;
  average?: number | null;
  p25?: number | null;
  median?: number | null;
  p75?: number | null;
  /** The group is withheld: its figures stay empty and the note says why. */
  tooSmall: boolean;
}

const tr = (lang: Locale) => (m: Msg, v?: Record<string, unknown>) => translate(lang, m, v);
const fmt = (lang: Locale) => {
  const nf = new Intl.NumberFormat(languageTag(lang), { maximumFractionDigits: 2 });
  const pf = new Intl.NumberFormat(languageTag(lang), { style: 'percent', maximumFractionDigits: 0 });
  return { n: (v: number | null | undefined) => (v === null || v === undefined ? '' : nf.format(v)), pct: (v: number | null | undefined) => (v === null || v === undefined ? '' : pf.format(v)) };
};
const titleIn = (t: Record<string, string>, lang: Locale) => t[lang] || t.en || t.nl || '';

// Peer comparison -----------------------------------------------------------------------------------

function comparisonLines(c: oc.PeerComparison, lang: Locale): Line[] {
  const t = tr(lang);
  return [
    ...c.pillars.map((p) => ({ part: t(L.pillars), item: p.pillar, name: t(pillarLabels[p.pillar]), own: p.own, ...p.group, tooSmall: c.tooSmall })),
    ...c.criteria.map((x) => ({ part: t(L.criteria), item: x.criterion.code, name: titleIn(x.criterion.title, lang), own: x.own, ...x.group, tooSmall: c.tooSmall })),
  ];
}

export function comparisonCsv(c: oc.PeerComparison, lang: Locale): string {
  const t = tr(lang);
  const note = t(L.tooSmall, { min: c.minGroup });
  const q = (k: 'p25' | 'median' | 'p75') => (r: Line) => (r.tooSmall ? null : r[k]);
  return toCsv(comparisonLines(c, lang), [
    { header: t(L.section), value: (r) => r.part },
    { header: t(L.item), value: (r) => r.item },
    { header: t(L.name), value: (r) => r.name },
    { header: t(L.own), value: (r) => r.own },
    { header: t(L.p25), value: q('p25') },
    { header: t(L.median), value: q('median') },
    { header: t(L.p75), value: q('p75') },
    { header: t(L.note), value: (r) => (r.tooSmall ? note : '') },
    // What the figures are about, on every line (a CSV travels without its file name).
    { header: t(L.year), value: () => c.measurement?.year ?? null },
    { header: t(L.framework), value: () => (c.measurement ? `${c.measurement.framework.code} v${c.measurement.framework.version}` : '') },
    { header: t(L.peerGroup), value: () => (c.group ? t(peerGroupLabels[c.group]) : '') },
  ]);
}

export function comparisonDocument(c: oc.PeerComparison, lang: Locale, orgName: string): ExportDocument {
  const t = tr(lang);
  const f = fmt(lang);
  const D = documentLabels(lang);
  const title = t(L.comparisonTitle);
  const m = c.measurement;
  const subtitle = m ? String(m.year) : '';
  const tooSmall = t(L.tooSmall, { min: c.minGroup });
  const fields = [
    { label: t(L.peerGroup), value: c.group ? t(peerGroupLabels[c.group]) : t(L.noPeerGroup) },
    { label: t(L.staff), value: f.n(c.staff) },
    { label: t(L.groupOrganisations), value: f.n(c.groupOrganisations) },
    ...(m ? [
      { label: t(L.measurement), value: `${t(kindLabels[m.kind as keyof typeof kindLabels] ?? m.kind)} ${m.year}` },
      { label: t(L.framework), value: t(L.frameworkVersion, { title: titleIn(m.framework.title, lang), version: m.framework.version }) },
    ] : []),
  ];
  const quantileCells = (r: Line) => (r.tooSmall ? [tooSmall, '', ''] : [f.n(r.p25), f.n(r.median), f.n(r.p75)]);
  const lines = comparisonLines(c, lang);
  const table = (part: string, first: string): Block => ({
    kind: 'table', widths: [4, 1, 1, 1, 1],
    header: [first, t(L.own), t(L.p25), t(L.median), t(L.p75)],
    rows: lines.filter((r) => r.part === part).map((r) => [r.item === r.name || part === t(L.pillars) ? r.name : `${r.item} ${r.name}`, f.n(r.own), ...quantileCells(r)]),
  });
  const blocks: Block[] = [
    { kind: 'title', text: title },
    ...(subtitle ? [{ kind: 'subtitle' as const, text: subtitle }] : []),
    ...fields.map((x) => ({ kind: 'field' as const, label: x.label, value: x.value })),
    { kind: 'paragraph', text: t(L.anonymity, { min: c.minGroup }) },
  ];
  if (!m) blocks.push({ kind: 'paragraph', text: t(L.noMeasurement) });
  else {
    if (c.tooSmall) blocks.push({ kind: 'paragraph', text: `${t(L.peerGroup)}: ${tooSmall}` });
    blocks.push({ kind: 'heading', level: 1, text: t(L.pillars) }, table(t(L.pillars), t(L.name)));
    blocks.push({ kind: 'heading', level: 1, text: t(L.criteria) }, table(t(L.criteria), t(L.name)));
  }
  return {
    meta: { title: subtitle ? `${title} ${subtitle}` : title, language: languageTag(lang), author: orgName },
    titlePage: { organisation: orgName, title, subtitle, fields },
    page: { header: `${orgName} – ${title}`, footer: subtitle, pageNumbers: D.pageNumbers },
    blocks,
  };
}

// Inspectorate's overview ----------------------------------------------------------------------------

function overviewLines(o: oc.OversightOverview, lang: Locale): Line[] {
  const t = tr(lang);
  const pillar = (part: string, item: string, p: oc.OversightOverview['pillars'][number], name = t(pillarLabels[p.pillar])): Line =>
    ({ part, item, name, organisations: p.organisations, average: p.average, ...p.quantiles, tooSmall: p.tooSmall });
  return [
    ...o.participation.map((p) => ({ part: t(L.participation), item: p.kind, name: t(orgKindLabels[p.kind]), organisations: p.organisations, measured: p.measured, share: p.share, tooSmall: p.tooSmall })),
    ...o.pillars.map((p) => pillar(t(L.pillars), p.pillar, p)),
    ...o.criteria.map((c) => ({ part: t(L.criteria), item: c.criterion.code, name: titleIn(c.criterion.title, lang), organisations: c.organisations, levels: c.levels, ...c.quantiles, tooSmall: c.tooSmall })),
    ...o.peerGroups.flatMap((g) => g.pillars.map((p) => ({ ...pillar(t(L.peerGroups), `${g.group} ${p.pillar}`, p, `${t(peerGroupLabels[g.group])}: ${t(pillarLabels[p.pillar])}`), measured: g.measured, organisations: g.organisations, tooSmall: g.tooSmall || p.tooSmall }))),
    ...o.trend.flatMap((y) => y.pillars.map((p) => pillar(t(L.trend), `${y.year} ${p.pillar}`, p, `${y.year}: ${t(pillarLabels[p.pillar])}`))),
  ];
}

export function overviewCsv(o: oc.OversightOverview, lang: Locale): string {
  const t = tr(lang);
  const note = t(L.tooSmall, { min: o.minGroup });
  const shown = <K extends keyof Line>(k: K) => (r: Line) => (r.tooSmall ? null : r[k] as number | null | undefined);
  const cols: CsvColumn<Line>[] = [
    { header: t(L.section), value: (r) => r.part },
    { header: t(L.item), value: (r) => r.item },
    { header: t(L.name), value: (r) => r.name },
    // As on the screen: a kind of organisation too small to show has no count (the server sends none); a criterion or a group says how many it has.
    { header: t(L.organisations), value: (r) => r.organisations },
    { header: t(L.measured), value: (r) => r.measured },
    { header: t(L.share), value: shown('share') },
    ...[0, 1, 2, 3, 4].map((l) => ({ header: t(L.level, { level: l }), value: (r: Line) => (r.tooSmall || !r.levels ? null : r.levels[l]) })),
    { header: t(L.average), value: shown('average') },
    { header: t(L.p25), value: shown('p25') },
    { header: t(L.median), value: shown('median') },
    { header: t(L.p75), value: shown('p75') },
    { header: t(L.note), value: (r) => (r.tooSmall ? note : '') },
    // What the figures are about, on every line (a CSV travels without its file name).
    { header: t(L.year), value: () => o.year },
    { header: t(L.framework), value: () => `${o.framework.code} v${o.framework.version}` },
    { header: t(L.peerGroup), value: () => (o.group ? t(peerGroupLabels[o.group]) : t(L.allOrganisations)) },
  ];
  return toCsv(overviewLines(o, lang), cols);
}

export function overviewDocument(o: oc.OversightOverview, lang: Locale): ExportDocument {
  const t = tr(lang);
  const f = fmt(lang);
  const D = documentLabels(lang);
  const title = t(L.overviewTitle);
  const subtitle = String(o.year);
  const tooSmall = t(L.tooSmall, { min: o.minGroup });
  const fields = [
    { label: t(L.year), value: String(o.year) },
    { label: t(L.framework), value: t(L.frameworkVersion, { title: titleIn(o.framework.title, lang), version: o.framework.version }) },
    { label: t(L.peerGroup), value: o.group ? t(peerGroupLabels[o.group]) : t(L.allOrganisations) },
  ];
  const pillarName = (p: string) => t(pillarLabels[p as keyof typeof pillarLabels]);
  const q = (x: { p25: number | null; median: number | null; p75: number | null }) => [f.n(x.p25), f.n(x.median), f.n(x.p75)];
  const pillarRows = (ps: oc.OversightOverview['pillars']) => ps.map((p) => [pillarName(p.pillar), f.n(p.organisations), ...(p.tooSmall ? [tooSmall, '', '', ''] : [f.n(p.average), ...q(p.quantiles)])]);
  const pillarHeader = [t(L.name), t(L.organisations), t(L.average), t(L.p25), t(L.median), t(L.p75)];
  const medianOf = (p: string) => t(L.medianOf, { name: pillarName(p) });
  const pillarKeys = o.pillars.map((p) => p.pillar);
  const blocks: Block[] = [
    { kind: 'title', text: title },
    { kind: 'subtitle', text: subtitle },
    ...fields.map((x) => ({ kind: 'field' as const, label: x.label, value: x.value })),
    { kind: 'paragraph', text: t(L.anonymity, { min: o.minGroup }) },
    { kind: 'heading', level: 1, text: t(L.participation) },
    {
      kind: 'table', widths: [3, 1, 1, 1], header: [t(L.name), t(L.organisations), t(L.measured), t(L.share)],
      rows: o.participation.map((p) => [t(orgKindLabels[p.kind]), ...(p.tooSmall ? [tooSmall, '', ''] : [f.n(p.organisations), f.n(p.measured), f.pct(p.share)])]),
    },
    { kind: 'heading', level: 2, text: t(L.named) },
    o.namedOrganisations.length === 0 ? { kind: 'paragraph', text: t(L.namedNone) }
      : { kind: 'list', items: o.namedOrganisations.map((n) => `${n.names[lang] || Object.values(n.names)[0] || n.code} (${t(orgKindLabels[n.kind])})`) },
    { kind: 'heading', level: 1, text: t(L.pillars) },
    { kind: 'table', widths: [3, 1, 1, 1, 1, 1], header: pillarHeader, rows: pillarRows(o.pillars) },
    { kind: 'heading', level: 1, text: t(L.criteria) },
    {
      kind: 'table', widths: [4, 1, 1, 1, 1, 1, 1, 1, 1, 1],
      header: [t(L.name), t(L.organisations), ...[0, 1, 2, 3, 4].map((l) => t(L.level, { level: l })), t(L.p25), t(L.median), t(L.p75)],
      rows: o.criteria.map((c) => [`${c.criterion.code} ${titleIn(c.criterion.title, lang)}`, f.n(c.organisations),
        ...(c.tooSmall || !c.levels ? [tooSmall, '', '', '', '', '', '', ''] : [...c.levels.map((n) => f.n(n)), ...q(c.quantiles)])]),
    },
    { kind: 'heading', level: 1, text: t(L.peerGroups) },
    {
      kind: 'table', widths: [3, 1, 1, ...pillarKeys.map(() => 1)], header: [t(L.peerGroup), t(L.organisations), t(L.measured), ...pillarKeys.map(medianOf)],
      rows: o.peerGroups.map((g) => [t(peerGroupLabels[g.group]), f.n(g.organisations), f.n(g.measured),
        ...(g.tooSmall ? [tooSmall, ...pillarKeys.slice(1).map(() => '')] : pillarKeys.map((k) => { const p = g.pillars.find((x) => x.pillar === k); return !p || p.tooSmall ? tooSmall : f.n(p.quantiles.median); }))]),
    },
    { kind: 'heading', level: 1, text: t(L.trend) },
    {
      kind: 'table', header: [t(L.year), ...pillarKeys.map(medianOf)],
      rows: o.trend.map((y) => [String(y.year), ...pillarKeys.map((k) => { const p = y.pillars.find((x) => x.pillar === k); return !p || p.tooSmall ? tooSmall : f.n(p.quantiles.median); })]),
    },
  ];
  return {
    meta: { title: `${title} ${subtitle}`, language: languageTag(lang) },
    titlePage: { title, subtitle, fields },
    page: { header: title, footer: subtitle, pageNumbers: D.pageNumbers },
    blocks,
  };
}

// Files --------------------------------------------------------------------------------------------

const file = async (format: ComparisonFormat, base: string, csv: () => string, doc: () => ExportDocument) => {
  if (format === 'csv') return { filename: `${base}.csv`, contentType: CONTENT_TYPES.csv, body: Buffer.from(csv(), 'utf8') };
  return { filename: `${base}.${format}`, contentType: CONTENT_TYPES[format], body: await renderDocument(format, doc()) };
};

/** The peer comparison as a file; read (and audited as `maturity.peer_comparison_export`) by the screen's service call. */
export async function exportComparison(svc: Oversight, ctx: MaturityCtx, orgId: string, q: oc.ComparisonQuery, format: ComparisonFormat, lang: Locale, orgName: () => Promise<string>) {
  const c = await svc.comparison(ctx, orgId, q, { action: 'maturity.peer_comparison_export', details: { format, locale: lang } });
  const name = await orgName();
  const base = [name, translate(lang, L.comparisonFile, { year: c.measurement?.year ?? '' }).trim()].filter(Boolean).join(' - ');
  return file(format, base, () => comparisonCsv(c, lang), () => comparisonDocument(c, lang, name));
}

/** The inspectorate's overview as a file; read through readOversight (audited as `maturity.oversight_export` in the reader's trail). */
export async function exportOverview(svc: Oversight, reader: OversightReader, q: oc.OverviewQuery, format: ComparisonFormat, lang: Locale) {
  const o = await svc.overview(reader, q, { action: 'maturity.oversight_export', details: { format, locale: lang } });
  const base = `${translate(lang, L.overviewFile, { year: o.year })} (v${o.framework.version}${o.group ? `, ${o.group}` : ''})`;
  return file(format, base, () => overviewCsv(o, lang), () => overviewDocument(o, lang));
}
