/**
 * Exports of the risk analysis (issue 21): one analysis (scope, participants, matrix, per process the
 * agreed inherent and aggravating scores, likelihood, impact and residual band with the reason, the
 * existing controls and the recommendations with their plan entry) and the register (process, owner,
 * review date, current band, trend, high risks without action, late actions), each as Word, PDF (the
 * platform's document model) and CSV (the platform's formula guard), in the requested language.
 *
 * The data is the screen's: read by the same service call, which checks who may read it (404 for
 * anybody else) and audits the read; the export is then audited as `risk.analysis_export` or
 * `risk.register_export` with its format and the records in the file, before the file leaves.
 * Participants' own scores never go in: only the agreed assessments.
 */
import type { AuditContext } from '../../platform/audit/service.js';
import type { Actor } from '../../platform/authz/actor.js';
import type { Db } from '../../platform/db/pool.js';
import { withOrgTx } from '../../platform/db/tx.js';
import {
  CONTENT_TYPES, documentLabels, languageTag, paragraphs, recordExport, renderDocument, tableBlock, toCsv,
  type Block, type CsvColumn, type Download, type ExportDocument,
} from '../../platform/export/index.js';
import { translate } from '../../platform/i18n/index.js';
import type { Locale } from '../../../shared/roles.js';
import { getOrganisation } from '../organisations/service.js';
import type * as c from './contract.js';
import {
  riskBandLabels, riskControlTypeLabels, riskEffectivenessLabels, riskExportLabels as L, riskKindLabels, riskMovementLabels,
  riskRecommendationStatusLabels, riskStatusLabels,
} from './export-messages.js';
import * as xrepo from './export-repo.js';
import { aggravatingScore, inherentScore, movementOf } from './scoring.js';

export type RiskExportFormat = 'csv' | 'docx' | 'pdf';
export const RISK_EXPORT_FORMATS = ['csv', 'docx', 'pdf'] as const;

/** The screen's reads the exports are made of (the risk service's `get` and `register`). */
export interface RiskReads {
  get(ctx: RiskExportCtx, orgId: string, id: string): Promise<c.AnalysisDetail>;
  register(ctx: RiskExportCtx, orgId: string): Promise<c.RegisterView>;
}
export interface RiskExportCtx { actor: Actor; audit: AuditContext }

type Msg = Parameters<typeof translate>[1];
const tr = (lang: Locale) => (m: Msg, v?: Record<string, unknown>) => translate(lang, m, v);

/** A day (`2026-03-01`) as it is, a moment as the day it was in Belgium. */
function formatDate(lang: Locale, d: string | null | undefined): string {
  if (!d) return '';
  const moment = d.length > 10;
  return new Intl.DateTimeFormat(languageTag(lang), { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: moment ? 'Europe/Brussels' : 'UTC' })
    .format(new Date(moment ? d : `${d}T00:00:00Z`));
}
/** The day of a moment in Belgium, ISO (CSV cells stay machine-readable). */
const isoDay = (d: string | null | undefined) => (d ? new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' }).format(new Date(d)) : null);
const today = () => new Date().toISOString();

const orgNameOf = (org: { code: string; names: Record<string, string>; languages: string[] } | undefined, lang: Locale) =>
  org ? (org.names[lang] || org.names[org.languages[0]] || Object.values(org.names)[0] || org.code) : '';

function planEntryText(lang: Locale, r: c.RecommendationView): string {
  const t = tr(lang);
  const p = r.planLink;
  if (!p) return t(L.planNone);
  if (p.title === null) return t(L.planGone);
  return [p.code, p.title].filter(Boolean).join(' ') + (p.late ? ` (${t(L.late)})` : '');
}

// One analysis ------------------------------------------------------------------------------------

/** One line of the analysis's CSV: the agreed assessment of a process, one of its controls or one of its recommendations. */
interface AnalysisLine {
  part: string;
  row: c.AnalysisDetail['processes'][number];
  control?: c.ControlView;
  recommendation?: c.RecommendationView;
}

export function analysisCsv(d: c.AnalysisDetail, lang: Locale): string {
  const t = tr(lang);
  const lines: AnalysisLine[] = d.processes.flatMap((row) => [
    { part: t(L.partAssessment), row },
    ...row.controls.map((control) => ({ part: t(L.partControl), row, control })),
    ...row.recommendations.map((recommendation) => ({ part: t(L.partRecommendation), row, recommendation })),
  ]);
  const agreed = (f: (a: c.AgreementView) => string | number) => (x: AnalysisLine) => (x.control || x.recommendation || !x.row.agreed ? null : f(x.row.agreed));
  const cols: CsvColumn<AnalysisLine>[] = [
    { header: t(L.analysis), value: () => d.title },
    { header: t(L.part), value: (x) => x.part },
    { header: t(L.process), value: (x) => x.row.process.name },
    { header: t(L.kind), value: (x) => t(riskKindLabels[x.row.process.kind]) },
    { header: t(L.catalogueCode), value: (x) => x.row.process.catalogueCode },
    { header: t(L.inherentScore), value: agreed((a) => a.derived.inherentScore) },
    { header: t(L.aggravatingScore), value: agreed((a) => a.derived.aggravatingScore) },
    { header: t(L.vulnerability), value: agreed((a) => t(riskBandLabels[a.derived.vulnerability])) },
    { header: t(L.likelihood), value: agreed((a) => a.likelihood) },
    { header: t(L.impact), value: agreed((a) => a.impact) },
    { header: t(L.riskScore), value: agreed((a) => a.derived.riskScore) },
    { header: t(L.band), value: agreed((a) => t(riskBandLabels[a.derived.band])) },
    { header: t(L.reason), value: agreed((a) => a.reason) },
    { header: t(L.comment), value: agreed((a) => a.comment) },
    { header: t(L.control), value: (x) => x.control?.description },
    { header: t(L.controlType), value: (x) => (x.control ? t(riskControlTypeLabels[x.control.type]) : null) },
    { header: t(L.effectiveness), value: (x) => (x.control ? t(riskEffectivenessLabels[x.control.effectiveness]) : null) },
    { header: t(L.recommendation), value: (x) => x.recommendation?.text },
    { header: t(L.owner), value: (x) => x.recommendation?.owner?.displayName },
    { header: t(L.dueDate), value: (x) => x.recommendation?.dueDate },
    { header: t(L.recommendationStatus), value: (x) => (x.recommendation ? t(riskRecommendationStatusLabels[x.recommendation.status]) : null) },
    { header: t(L.planEntry), value: (x) => (x.recommendation ? planEntryText(lang, x.recommendation) : null) },
  ];
  return toCsv(lines, cols);
}

export function analysisDocument(d: c.AnalysisDetail, lang: Locale, orgName: string): ExportDocument {
  const t = tr(lang);
  const D = documentLabels(lang);
  const title = t(L.analysisTitle);
  const band = (b: c.Band) => t(riskBandLabels[b]);
  const fields = [
    { label: t(L.status), value: t(riskStatusLabels[d.status]) },
    ...(d.moderator ? [{ label: t(L.moderator), value: d.moderator.displayName }] : []),
    ...(d.startedAt ? [{ label: t(L.started), value: formatDate(lang, d.startedAt) }] : []),
    ...(d.completedAt ? [{ label: t(L.completed), value: formatDate(lang, d.completedAt) }] : []),
  ];
  const { likelihoodLevels: LL, impactLevels: IL, matrix } = d.matrix;
  const blocks: Block[] = [
    { kind: 'title', text: title },
    { kind: 'subtitle', text: d.title },
    ...fields.map((f) => ({ kind: 'field' as const, ...f })),
    { kind: 'heading', level: 1, text: t(L.scope) },
    ...(d.scopeNote.trim() ? paragraphs(d.scopeNote) : [{ kind: 'paragraph' as const, text: t(L.scopeNone) }]),
    { kind: 'list', items: d.processes.map((p) => `${p.process.name} (${t(riskKindLabels[p.process.kind])}${p.process.catalogueCode ? `, ${p.process.catalogueCode}` : ''})`) },
    { kind: 'heading', level: 1, text: t(L.participants) },
    { kind: 'list', items: d.participants.map((p) => p.displayName) },
    { kind: 'heading', level: 1, text: t(L.matrix) },
    { kind: 'paragraph', text: t(L.matrixNote, { likelihood: LL, impact: IL }) },
    {
      kind: 'table', header: [t(L.likelihoodImpact), ...Array.from({ length: IL }, (_, i) => String(i + 1))],
      // Highest likelihood on top, as on the screen's heat map.
      rows: Array.from({ length: LL }, (_, k) => LL - k).map((l) => [String(l), ...matrix[l - 1].map(band)]),
    },
    { kind: 'heading', level: 1, text: t(L.summary) },
    tableBlock<c.AnalysisDetail['processes'][number]>([
      { header: t(L.process), value: (p) => p.process.name, width: 4, keep: true },
      { header: t(L.inherentScore), value: (p) => (p.agreed ? String(p.agreed.derived.inherentScore) : ''), keep: true },
      { header: t(L.aggravatingScore), value: (p) => (p.agreed ? String(p.agreed.derived.aggravatingScore) : ''), keep: true },
      { header: t(L.likelihood), value: (p) => (p.agreed ? String(p.agreed.likelihood) : ''), keep: true },
      { header: t(L.impact), value: (p) => (p.agreed ? String(p.agreed.impact) : ''), keep: true },
      { header: t(L.band), value: (p) => (p.agreed ? band(p.agreed.derived.band) : t(L.notAgreed)), width: 2, keep: true },
    ], d.processes),
    { kind: 'heading', level: 1, text: t(L.processes) },
  ];
  for (const p of d.processes) {
    blocks.push({ kind: 'heading', level: 2, text: p.process.name });
    const a = p.agreed;
    if (!a) blocks.push({ kind: 'paragraph', text: t(L.notAgreed) });
    else {
      blocks.push(
        { kind: 'field', label: t(L.inherentScore), value: String(inherentScore(a.inherent)) },
        { kind: 'field', label: t(L.aggravatingScore), value: String(aggravatingScore(a.aggravating)) },
        { kind: 'field', label: t(L.vulnerability), value: band(a.derived.vulnerability) },
        { kind: 'field', label: `${t(L.likelihood)} × ${t(L.impact)}`, value: `${a.likelihood} × ${a.impact} = ${a.derived.riskScore}` },
        { kind: 'field', label: t(L.band), value: band(a.derived.band) },
      );
      if (a.reason.trim()) blocks.push({ kind: 'field', label: t(L.reason), value: a.reason });
      if (a.comment.trim()) blocks.push({ kind: 'field', label: t(L.comment), value: a.comment });
    }
    blocks.push({ kind: 'heading', level: 3, text: t(L.controls) });
    blocks.push(p.controls.length === 0 ? { kind: 'paragraph', text: t(L.controlsNone) } : tableBlock<c.ControlView>([
      { header: t(L.control), value: (x) => x.description, width: 4, keep: true },
      { header: t(L.controlType), value: (x) => t(riskControlTypeLabels[x.type]), width: 1.5, keep: true },
      { header: t(L.effectiveness), value: (x) => t(riskEffectivenessLabels[x.effectiveness]), width: 1.5, keep: true },
    ], p.controls));
    blocks.push({ kind: 'heading', level: 3, text: t(L.recommendations) });
    blocks.push(p.recommendations.length === 0 ? { kind: 'paragraph', text: t(L.recommendationsNone) } : tableBlock<c.RecommendationView>([
      { header: t(L.recommendation), value: (x) => x.text, width: 4, keep: true },
      { header: t(L.owner), value: (x) => x.owner?.displayName, width: 1.5 },
      { header: t(L.dueDate), value: (x) => formatDate(lang, x.dueDate) + (x.late ? ` (${t(L.late)})` : '') },
      { header: t(L.recommendationStatus), value: (x) => t(riskRecommendationStatusLabels[x.status]), keep: true },
      { header: t(L.planEntry), value: (x) => planEntryText(lang, x), width: 2, keep: true },
    ], p.recommendations));
  }
  return {
    meta: { title: `${title}: ${d.title}`, language: languageTag(lang), author: orgName || undefined },
    titlePage: { organisation: orgName || undefined, title, subtitle: d.title, fields, note: t(L.generatedOn, { date: formatDate(lang, today()) }) },
    page: { header: [orgName, d.title].filter(Boolean).join(' – '), footer: title, pageNumbers: D.pageNumbers },
    blocks,
  };
}

// The register ------------------------------------------------------------------------------------

type RegisterRow = c.RegisterRow & { trend: c.Movement | null };

/** The register's rows with the trend: the latest completed analysis against the one before it. */
function withTrend(r: c.RegisterView, previous: readonly xrepo.PreviousAgreementRow[]): RegisterRow[] {
  const prev = new Map(previous.map((p) => [p.process_id, { band: p.band, riskScore: p.risk_score }]));
  return r.rows.map((row) => ({ ...row, trend: row.latest ? movementOf(prev.get(row.process.id) ?? null, row.latest) : null }));
}

export function registerCsv(rows: readonly RegisterRow[], lang: Locale): string {
  const t = tr(lang);
  const yesNo = (b: boolean) => t(b ? L.yes : L.no);
  return toCsv(rows, [
    { header: t(L.process), value: (r) => r.process.name },
    { header: t(L.kind), value: (r) => t(riskKindLabels[r.process.kind]) },
    { header: t(L.catalogueCode), value: (r) => r.process.catalogueCode },
    { header: t(L.owner), value: (r) => r.process.owner?.displayName },
    { header: t(L.reviewDate), value: (r) => r.process.reviewDate },
    { header: t(L.reviewOverdue), value: (r) => yesNo(r.process.reviewOverdue) },
    { header: t(L.currentBand), value: (r) => (r.latest ? t(riskBandLabels[r.latest.band]) : t(L.notAnalysed)) },
    { header: t(L.riskScore), value: (r) => r.latest?.riskScore },
    { header: t(L.likelihood), value: (r) => r.latest?.likelihood },
    { header: t(L.impact), value: (r) => r.latest?.impact },
    { header: t(L.lastAnalysis), value: (r) => r.latest?.analysisTitle },
    { header: t(L.completed), value: (r) => isoDay(r.latest?.completedAt) },
    { header: t(L.trend), value: (r) => (r.trend ? t(riskMovementLabels[r.trend]) : null) },
    { header: t(L.highWithoutAction), value: (r) => yesNo(r.highRiskWithoutAction) },
    { header: t(L.openRecommendations), value: (r) => r.openRecommendations },
    { header: t(L.lateRecommendations), value: (r) => r.lateRecommendations },
    { header: t(L.lateActions), value: (r) => r.lateActions },
  ]);
}

export function registerDocument(r: c.RegisterView, rows: readonly RegisterRow[], lang: Locale, orgName: string): ExportDocument {
  const t = tr(lang);
  const D = documentLabels(lang);
  const title = t(L.registerTitle);
  const date = formatDate(lang, today());
  const n = (v: number) => String(v);
  const totals = [
    { label: t(L.totalProcesses), value: n(r.totals.processes) },
    { label: t(L.totalAnalysed), value: n(r.totals.analysed) },
    ...(['very_high', 'high', 'medium', 'low'] as const).map((b) => ({ label: t(riskBandLabels[b]), value: n(r.totals.byBand[b]) })),
    { label: t(L.highWithoutAction), value: n(r.totals.highRiskWithoutAction) },
    { label: t(L.reviewOverdue), value: n(r.totals.reviewsOverdue) },
    { label: t(L.lateRecommendations), value: n(r.totals.lateRecommendations) },
    { label: t(L.lateActions), value: n(r.totals.lateActions) },
  ];
  const blocks: Block[] = [
    { kind: 'title', text: title },
    { kind: 'subtitle', text: date },
    { kind: 'heading', level: 1, text: t(L.totals) },
    ...totals.map((f) => ({ kind: 'field' as const, ...f })),
    { kind: 'heading', level: 1, text: t(L.register) },
    tableBlock<RegisterRow>([
      { header: t(L.process), value: (x) => x.process.name, width: 4, keep: true },
      { header: t(L.owner), value: (x) => x.process.owner?.displayName, width: 2 },
      { header: t(L.reviewDate), value: (x) => formatDate(lang, x.process.reviewDate) + (x.process.reviewOverdue ? ` (${t(L.late)})` : '') },
      { header: t(L.currentBand), value: (x) => (x.latest ? `${t(riskBandLabels[x.latest.band])} (${x.latest.riskScore})` : t(L.notAnalysed)), width: 1.5, keep: true },
      { header: t(L.trend), value: (x) => (x.trend ? t(riskMovementLabels[x.trend]) : '') },
      { header: t(L.highWithoutAction), value: (x) => (x.highRiskWithoutAction ? t(L.yes) : ''), keep: true },
      { header: t(L.lateActions), value: (x) => (x.lateActions ? n(x.lateActions) : ''), keep: true },
      { header: t(L.lateRecommendations), value: (x) => (x.lateRecommendations ? n(x.lateRecommendations) : '') },
    ], rows),
  ];
  return {
    meta: { title: `${title} ${date}`, language: languageTag(lang), author: orgName || undefined },
    titlePage: { organisation: orgName || undefined, title, subtitle: date, fields: totals.slice(0, 2), note: t(L.generatedOn, { date }) },
    page: { header: [orgName, title].filter(Boolean).join(' – '), footer: date, pageNumbers: D.pageNumbers },
    blocks,
  };
}

// Files --------------------------------------------------------------------------------------------

async function file(format: RiskExportFormat, base: string, csv: () => string, doc: () => ExportDocument): Promise<Download> {
  if (format === 'csv') return { filename: `${base}.csv`, contentType: CONTENT_TYPES.csv, body: Buffer.from(csv(), 'utf8') };
  return { filename: `${base}.${format}`, contentType: CONTENT_TYPES[format], body: await renderDocument(format, doc()) };
}

/** One analysis as a file: whoever reads the analysis (officer, chief, its participants); 404 for anybody else. */
export async function exportAnalysis(db: Db, svc: RiskReads, ctx: RiskExportCtx, orgId: string, id: string, format: RiskExportFormat, lang: Locale): Promise<Download> {
  const d = await svc.get(ctx, orgId, id);
  const orgName = await withOrgTx(db, orgId, async (tx) => {
    const org = await getOrganisation(tx, orgId);
    await recordExport(tx, ctx.audit, {
      organisationId: orgId, action: 'risk.analysis_export', recordType: 'risk_analysis', recordId: id, format,
      recordIds: d.processes.map((p) => p.process.id), details: { locale: lang, status: d.status },
    });
    return orgNameOf(org, lang);
  });
  return file(format, d.title, () => analysisCsv(d, lang), () => analysisDocument(d, lang, orgName));
}

/** The register as a file: the officer, the chief and heads of service; 404 for anybody else. */
export async function exportRegister(db: Db, svc: RiskReads, ctx: RiskExportCtx, orgId: string, format: RiskExportFormat, lang: Locale): Promise<Download> {
  const r = await svc.register(ctx, orgId);
  const { orgName, rows } = await withOrgTx(db, orgId, async (tx) => {
    const org = await getOrganisation(tx, orgId);
    const rows = withTrend(r, await xrepo.previousAgreements(tx, orgId));
    await recordExport(tx, ctx.audit, {
      organisationId: orgId, action: 'risk.register_export', recordType: 'risk_process', format,
      recordIds: r.rows.map((x) => x.process.id), details: { locale: lang },
    });
    return { orgName: orgNameOf(org, lang), rows };
  });
  const base = [orgName, translate(lang, L.registerFile, { date: isoDay(today()) })].filter(Boolean).join(' - ');
  return file(format, base, () => registerCsv(rows, lang), () => registerDocument(r, rows, lang, orgName));
}
