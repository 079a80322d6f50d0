/**
 * Exports of a maturity measurement: CSV (one row per criterion) and Word/PDF (identification, averages
 * per pillar and function, then per pillar the criteria with agreed and target level, the assessors'
 * levels, the reason and the plan entries made from the gap). Read and audited by the service, rendered here.
 */
import { CONTENT_TYPES, documentLabels, languageTag, renderDocument, tableBlock, toCsv, type Block, type ExportDocument } from '../../platform/export/index.js';
import { translate } from '../../platform/i18n/index.js';
import type { Locale } from '../../../shared/roles.js';
import { FUNCTIONS, PILLARS, type ImfFunction, type Pillar } from './contract.js';
import { evidenceExportLabels } from './evidence-messages.js';
import { exportLabels as L, functionLabels, kindLabels, levelLabels, pillarLabels, statusLabels } from './messages.js';
import type * as repo from './repo.js';
import type { MaturityCtx, MaturityService } from './service.js';
import { todayInBelgium } from '../../platform/deadlines/service.js';

type Data = Awaited<ReturnType<MaturityService['exportData']>>;

interface Row {
  pillar: Pillar;
  fn: ImfFunction | null;
  code: string;
  title: string;
  agreed: number | null;
  target: number | null;
  reason: string;
  levels: string;
  disagreement: boolean;
  entries: string;
  /** The assessors' files and links (evidence.ts). */
  evidence: string;
}

function rowsOf(d: Data): Row[] {
  const lang = d.locale;
  return d.criteria.map((cr: repo.CriterionRow) => {
    const a = d.agreements.get(cr.id);
    const levels = d.assessors.map((x) => d.scores.find((s) => s.criterion_id === cr.id && s.assessor_user_id === x.user_id)?.level ?? null);
    const given = levels.filter((l): l is number => l !== null);
    const entries = d.links.filter((l) => l.criterion_id === cr.id).map((l) => {
      const e = d.entries.get(l.kind === 'action' ? `action:${l.action_id}` : `objective:${l.objective_id}`);
      return e ? e.title : '';
    }).filter(Boolean);
    return {
      pillar: cr.pillar, fn: cr.function, code: cr.code, title: cr.title[lang],
      agreed: a?.agreed_level ?? null, target: a?.target_level ?? null, reason: a?.reason ?? '',
      levels: d.assessors.map((x, i) => `${x.display_name}: ${levels[i] ?? '–'}`).join('; '),
      disagreement: new Set(given).size > 1,
      entries: entries.join('; '),
      evidence: (d.evidence.get(cr.id) ?? []).join('; '),
    };
  });
}

const avg = (xs: (number | null)[]) => {
  const v = xs.filter((x): x is number => x !== null);
  return v.length ? (v.reduce((a, b) => a + b, 0) / v.length).toFixed(2) : '';
};

export function measurementCsv(d: Data): string {
  const t = (m: Parameters<typeof translate>[1], v?: Record<string, unknown>) => translate(d.locale, m, v);
  const level = (n: number | null) => (n === null ? '' : String(n));
  return toCsv(rowsOf(d), [
    { header: t(L.pillarColumn), value: (r) => t(pillarLabels[r.pillar]) },
    { header: t(L.functionColumn), value: (r) => (r.fn ? t(functionLabels[r.fn]) : '') },
    { header: t(L.code), value: (r) => r.code },
    { header: t(L.criterion), value: (r) => r.title },
    { header: t(L.agreed), value: (r) => level(r.agreed) },
    { header: t(L.target), value: (r) => level(r.target) },
    { header: t(L.gap), value: (r) => (r.agreed !== null && r.target !== null ? t(r.agreed < r.target ? L.yes : L.no) : '') },
    { header: t(L.reason), value: (r) => r.reason },
    { header: t(L.assessorLevels), value: (r) => r.levels },
    { header: t(L.disagreement), value: (r) => t(r.disagreement ? L.yes : L.no) },
    { header: t(L.planEntries), value: (r) => r.entries },
    { header: t(evidenceExportLabels.column), value: (r) => r.evidence },
  ]);
}

export function measurementDocument(d: Data): ExportDocument {
  const lang: Locale = d.locale;
  const t = (m: Parameters<typeof translate>[1], v?: Record<string, unknown>) => translate(lang, m, v);
  const D = documentLabels(lang);
  const m = d.m;
  const rows = rowsOf(d);
  const title = t(L.title);
  const subtitle = `${m.year} – ${t(kindLabels[m.kind])}`;
  const levelText = (n: number | null) => (n === null ? t(L.none) : t(levelLabels[n]));
  const fields = [
    { label: t(L.framework), value: `${m.framework_title[lang]} (${t(L.version, { version: m.framework_version })})` },
    { label: t(L.year), value: String(m.year) },
    { label: t(L.kind), value: t(kindLabels[m.kind]) },
    { label: t(L.status), value: t(statusLabels[m.status]) },
    { label: t(L.assessors), value: d.assessors.map((x) => x.display_name).join(', ') },
    ...(m.approved_at ? [{ label: t(L.approvedBy), value: m.approved_by_name ?? '' }, { label: t(L.approvedOn), value: todayInBelgium(new Date(m.approved_at)) }] : []),
  ];

  const summary: { label: string; rows: Row[] }[] = [];
  for (const p of PILLARS) {
    const inPillar = rows.filter((r) => r.pillar === p);
    if (inPillar.length === 0) continue;
    summary.push({ label: t(pillarLabels[p]), rows: inPillar });
    if (p === 'instruments') for (const fn of FUNCTIONS) {
      const g = inPillar.filter((r) => r.fn === fn);
      if (g.length) summary.push({ label: `  ${t(functionLabels[fn])}`, rows: g });
    }
  }

  const blocks: Block[] = [
    { kind: 'title', text: title },
    { kind: 'subtitle', text: subtitle },
    ...fields.map((f) => ({ kind: 'field' as const, label: f.label, value: f.value })),
    { kind: 'heading', level: 1, text: t(L.summary) },
    tableBlock([
      { header: t(L.pillarColumn), value: (s) => s.label, width: 3 },
      { header: t(L.average), value: (s) => avg(s.rows.map((r) => r.agreed)), width: 1, keep: true },
      { header: t(L.targetAverage), value: (s) => avg(s.rows.map((r) => r.target)), width: 1, keep: true },
    ], summary),
  ];
  for (const p of PILLARS) {
    const inPillar = rows.filter((r) => r.pillar === p);
    if (inPillar.length === 0) continue;
    blocks.push({ kind: 'heading', level: 1, text: t(pillarLabels[p]) });
    blocks.push(tableBlock([
      { header: t(L.code), value: (r) => r.code, width: 1 },
      { header: t(L.criterion), value: (r) => (r.fn ? `${r.title} (${t(functionLabels[r.fn])})` : r.title), width: 4 },
      { header: t(L.agreed), value: (r) => levelText(r.agreed), width: 2, keep: true },
      { header: t(L.target), value: (r) => levelText(r.target), width: 2, keep: true },
      { header: t(L.assessorLevels), value: (r) => r.levels, width: 3 },
      { header: t(L.reason), value: (r) => r.reason, width: 4 },
      { header: t(L.planEntries), value: (r) => r.entries, width: 3 },
      { header: t(evidenceExportLabels.column), value: (r) => r.evidence, width: 3 },
    ], inPillar));
  }
  return {
    meta: { title: `${title} ${subtitle}`, language: languageTag(lang), author: d.orgName },
    titlePage: { organisation: d.orgName, title, subtitle, fields },
    page: { header: `${d.orgName} – ${title}`, footer: `${subtitle} – ${t(statusLabels[m.status])}`, pageNumbers: D.pageNumbers },
    blocks,
  };
}

/** The file of a measurement in one format, for `sendDownload`; rendering happens after the audited read committed. */
export async function exportMeasurement(svc: MaturityService, ctx: MaturityCtx, orgId: string, id: string, format: 'csv' | 'docx' | 'pdf', lang?: Locale, opts: { compress?: boolean } = {}) {
  const d = await svc.exportData(ctx, orgId, id, format, lang);
  const base = `${d.orgName} - ${translate(d.locale, L.file, { year: d.m.year, kind: translate(d.locale, kindLabels[d.m.kind]) })}`.replace(/^ - /, '');
  if (format === 'csv') return { filename: `${base}.csv`, contentType: CONTENT_TYPES.csv, body: Buffer.from(measurementCsv(d), 'utf8') };
  const body = await renderDocument(format, measurementDocument(d), { compress: opts.compress });
  return { filename: `${base}.${format}`, contentType: CONTENT_TYPES[format], body };
}
