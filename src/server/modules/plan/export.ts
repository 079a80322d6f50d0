import { createRequire } from 'node:module';
import path from 'node:path';
import {
  AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType,
} from 'docx';
import pdfmake from 'pdfmake';
import { stringify } from 'csv-stringify/sync';
import type { MessageDescriptor } from '@lingui/core';
import { translate } from '../../platform/i18n/index.js';
import type { Locale } from '../../../shared/roles.js';
import type { ActionView, EvaluationView, ObjectiveNode, PlanTree } from './contract.js';
import { exportLabels as L, imfLabels, planStatusLabels, sectionHeadings as H, statusLabels } from './messages.js';

/**
 * Word, PDF and CSV exports. Both documents are rendered from one neutral list of blocks, so
 * they always hold the same content: the model's 7 section headings and labels in the
 * requested language, the plan's own texts as written. Confidential notes never go in.
 */

export type Block =
  | { kind: 'title'; text: string }
  | { kind: 'subtitle'; text: string }
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  | { kind: 'para'; text: string }
  | { kind: 'field'; label: string; value: string }
  | { kind: 'bullets'; items: string[] }
  | { kind: 'table'; header: string[]; rows: string[][] };

export const LANGUAGE_TAGS: Record<Locale, string> = { nl: 'nl-BE', fr: 'fr-BE', de: 'de-BE', en: 'en-GB' };

const para = (text: string): Block[] => text.split(/\n{2,}|\r?\n/).map((t) => t.trim()).filter(Boolean).map((t) => ({ kind: 'para' as const, text: t }));

function formatDate(locale: Locale, d: string | null): string {
  if (!d) return '';
  return new Intl.DateTimeFormat(LANGUAGE_TAGS[locale], { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${d.slice(0, 10)}T00:00:00Z`));
}

function formatNumber(locale: Locale, n: number | null): string {
  return n === null ? '' : new Intl.NumberFormat(LANGUAGE_TAGS[locale], { maximumFractionDigits: 2 }).format(n);
}

function owner(a: { owner: { displayName: string } | null; ownerUnit: { name: string } | null; ownerLabel: string | null }): string {
  return [a.owner?.displayName, a.ownerUnit?.name, a.ownerLabel].filter(Boolean).join(' / ');
}

function timing(locale: Locale, a: ActionView): string {
  const span = [formatDate(locale, a.startDate), formatDate(locale, a.dueDate)].filter(Boolean).join(' – ');
  return [span, a.timingLabel].filter(Boolean).join(' · ');
}

function means(locale: Locale, a: ActionView, t: (d: MessageDescriptor) => string): string {
  return [
    a.meansTime && `${t(L.meansTime)}: ${a.meansTime}`,
    a.meansBudgetEur !== null && `${t(L.meansBudget)}: ${formatNumber(locale, a.meansBudgetEur)}`,
    a.meansPeople && `${t(L.meansPeople)}: ${a.meansPeople}`,
    a.meansNote,
  ].filter(Boolean).join('; ');
}

function imf(a: ActionView, t: (d: MessageDescriptor) => string): string {
  return [a.imfFunction && t(imfLabels[a.imfFunction]), a.imfLayer && t(imfLabels[a.imfLayer]), a.nature && t(imfLabels[a.nature])].filter(Boolean).join(', ');
}

const heading = (o: { code: string; title: string }) => [o.code, o.title].filter(Boolean).join(' ');

function flatten(nodes: ObjectiveNode[]): ObjectiveNode[] {
  return nodes.flatMap((n) => [n, ...flatten(n.children)]);
}

export function planBlocks(tree: PlanTree, orgName: string, locale: Locale): Block[] {
  const t = (d: MessageDescriptor, v?: Record<string, unknown>) => translate(locale, d, v);
  const p = tree.plan;
  const s = p.sections;
  const out: Block[] = [
    { kind: 'title', text: p.title },
    { kind: 'subtitle', text: `${s.identification.entityName || orgName} · ${p.periodFrom}–${p.periodTo}` },
  ];

  out.push({ kind: 'heading', level: 1, text: t(H.identification) });
  out.push({ kind: 'field', label: t(L.entity), value: s.identification.entityName || orgName });
  out.push({ kind: 'field', label: t(L.period), value: `${p.periodFrom}–${p.periodTo}` });
  out.push({ kind: 'field', label: t(L.version), value: `${p.version} (${t(planStatusLabels[p.status])})` });
  out.push({ kind: 'field', label: t(L.responsible), value: s.identification.responsible.map((r) => [r.name, r.role].filter(Boolean).join(', ')).join('; ') || '—' });

  out.push({ kind: 'heading', level: 1, text: t(H.ambition) });
  out.push({ kind: 'heading', level: 2, text: t(L.ambition) }, ...para(s.ambition));
  if (s.values.length) out.push({ kind: 'heading', level: 2, text: t(L.values) }, { kind: 'bullets', items: s.values.map((v) => (v.description ? `${v.name}: ${v.description}` : v.name)) });
  if (s.needs.length) out.push({ kind: 'heading', level: 2, text: t(L.needs) }, { kind: 'bullets', items: s.needs });
  if (s.vulnerableProcesses.length) out.push({ kind: 'heading', level: 2, text: t(L.vulnerableProcesses) }, { kind: 'bullets', items: s.vulnerableProcesses });
  if (s.priorityThemes.length) out.push({ kind: 'heading', level: 2, text: t(L.priorityThemes) }, { kind: 'bullets', items: s.priorityThemes });
  out.push({ kind: 'heading', level: 2, text: t(L.strategicObjectives) });
  for (const sd of tree.objectives) {
    out.push({ kind: 'heading', level: 3, text: heading(sd) }, ...para(sd.description ?? ''));
    if (owner(sd)) out.push({ kind: 'field', label: t(L.owner), value: owner(sd) });
    if (sd.children.length) {
      out.push({ kind: 'bullets', items: sd.children.map((od) => [heading(od), od.description, owner(od) && `${t(L.owner)}: ${owner(od)}`].filter(Boolean).join(' — ')) });
    }
  }

  out.push({ kind: 'heading', level: 1, text: t(H.instruments) });
  const actionHeader = [t(L.action), t(L.owner), t(L.timing), t(L.status), t(L.progress), t(L.imfFunction), t(L.means)];
  const actionRows = (acts: ActionView[]) => acts.map((a) => [
    a.title, [owner(a), a.coActors.length ? `(${a.coActors.join(', ')})` : ''].filter(Boolean).join(' '), timing(locale, a),
    t(statusLabels[a.status]), String(a.progress), imf(a, t), means(locale, a, t),
  ]);
  for (const sd of tree.objectives) {
    const all = flatten([sd]);
    if (!all.some((o) => o.actions.length)) continue;
    out.push({ kind: 'heading', level: 2, text: heading(sd) });
    for (const o of all) {
      if (!o.actions.length) continue;
      if (o !== sd) out.push({ kind: 'heading', level: 3, text: heading(o) });
      out.push({ kind: 'table', header: actionHeader, rows: actionRows(o.actions) });
    }
  }

  out.push({ kind: 'heading', level: 1, text: t(H.actors) });
  if (s.actors.length) out.push({ kind: 'table', header: [t(L.actorName), t(L.role)], rows: s.actors.map((a) => [a.name, a.role]) });
  const owners = flatten(tree.objectives).filter((o) => owner(o) || o.coActors.length);
  if (owners.length) {
    out.push({ kind: 'table', header: [t(L.operationalObjective), t(L.owner), t(L.coActors)], rows: owners.map((o) => [heading(o), owner(o), o.coActors.join(', ')]) });
  }

  out.push({ kind: 'heading', level: 1, text: t(H.monitoring) }, ...para(s.monitoring));
  const indicators = flatten(tree.objectives).flatMap((o) => o.indicators.map((i) => [
    heading(o), [i.name, i.unit && `(${i.unit})`].filter(Boolean).join(' '), formatNumber(locale, i.baseline), formatNumber(locale, i.target),
    i.measurements.map((m) => `${m.year}: ${formatNumber(locale, m.value)}`).join('; '),
  ]));
  if (indicators.length) out.push({ kind: 'table', header: [t(L.operationalObjective), t(L.indicator), t(L.baseline), t(L.target), t(L.measurements)], rows: indicators });

  out.push({ kind: 'heading', level: 1, text: t(H.evaluation) }, ...para(s.evaluationPlanning));
  out.push({ kind: 'heading', level: 1, text: t(H.communication) }, ...para(s.communication));
  out.push({ kind: 'para', text: t(L.generatedOn, { date: formatDate(locale, new Date().toISOString()) }) });
  return out;
}

export function evaluationBlocks(ev: EvaluationView, plan: { title: string; periodFrom: number; periodTo: number }, orgName: string, locale: Locale): Block[] {
  const t = (d: MessageDescriptor, v?: Record<string, unknown>) => translate(locale, d, v);
  const out: Block[] = [
    { kind: 'title', text: t(L.evaluationTitle, { year: ev.year }) },
    { kind: 'subtitle', text: `${plan.title} · ${orgName} · ${plan.periodFrom}–${plan.periodTo}` },
    { kind: 'heading', level: 1, text: t(L.evaluationDone) }, ...para(ev.doneText),
  ];
  if (ev.actionCounts) {
    const c = ev.actionCounts;
    out.push({ kind: 'heading', level: 2, text: t(L.evaluationActions) });
    out.push({ kind: 'table', header: (['planned', 'in_progress', 'done', 'late', 'stopped'] as const).map((k) => t(statusLabels[k])), rows: [[c.planned, c.in_progress, c.done, c.late, c.stopped].map(String)] });
  }
  out.push({ kind: 'heading', level: 1, text: t(L.evaluationIndicators) });
  if (ev.indicators.length) {
    out.push({
      kind: 'table',
      header: [t(L.operationalObjective), t(L.indicator), t(L.baseline), t(L.target), t(L.value), t(L.met)],
      rows: ev.indicators.map((i) => [
        [i.objectiveCode, i.objectiveTitle].filter(Boolean).join(' '), [i.name, i.unit && `(${i.unit})`].filter(Boolean).join(' '),
        formatNumber(locale, i.baseline), formatNumber(locale, i.target), formatNumber(locale, i.value), i.met === null ? '' : t(i.met ? L.yes : L.no),
      ]),
    });
  }
  out.push(...para(ev.indicatorsText));
  out.push({ kind: 'heading', level: 1, text: t(L.evaluationChanges) }, ...para(ev.changesText));
  if (ev.approvedAt) out.push({ kind: 'para', text: t(L.approvedOn, { date: formatDate(locale, ev.approvedAt) }) });
  return out;
}

// Word ---------------------------------------------------------------------------------------

export async function renderDocx(blocks: Block[], meta: { title: string; locale: Locale }): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [];
  for (const b of blocks) {
    switch (b.kind) {
      case 'title': children.push(new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(b.text)] })); break;
      case 'subtitle': children.push(new Paragraph({ alignment: AlignmentType.LEFT, children: [new TextRun({ text: b.text, italics: true })] })); break;
      case 'heading': children.push(new Paragraph({ heading: [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3][b.level - 1], children: [new TextRun(b.text)] })); break;
      case 'para': children.push(new Paragraph({ children: [new TextRun(b.text)] })); break;
      case 'field': children.push(new Paragraph({ children: [new TextRun({ text: `${b.label}: `, bold: true }), new TextRun(b.value)] })); break;
      case 'bullets': for (const item of b.items) children.push(new Paragraph({ bullet: { level: 0 }, children: [new TextRun(item)] })); break;
      case 'table': {
        const cell = (text: string, bold = false) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold })] })] });
        children.push(new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: [
            new TableRow({ tableHeader: true, children: b.header.map((h) => cell(h, true)) }),
            ...b.rows.map((r) => new TableRow({ children: r.map((c) => cell(c)) })),
          ],
        }));
        children.push(new Paragraph({ children: [] }));
        break;
      }
    }
  }
  const doc = new Document({
    title: meta.title,
    creator: 'Kompas',
    styles: { default: { document: { run: { language: { value: LANGUAGE_TAGS[meta.locale] } } } } },
    sections: [{ children }],
  });
  return Packer.toBuffer(doc);
}

// PDF ----------------------------------------------------------------------------------------

const require = createRequire(import.meta.url);
const fontDir = path.join(path.dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto');
const fonts = {
  Roboto: {
    normal: path.join(fontDir, 'Roboto-Regular.ttf'),
    bold: path.join(fontDir, 'Roboto-Medium.ttf'),
    italics: path.join(fontDir, 'Roboto-Italic.ttf'),
    bolditalics: path.join(fontDir, 'Roboto-MediumItalic.ttf'),
  },
};
const fontFiles = new Set(Object.values(fonts.Roboto));
pdfmake.setFonts(fonts);
// Documents never fetch anything: no URLs, and from disk only the bundled fonts.
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy((p) => fontFiles.has(path.resolve(p)));

export async function renderPdf(blocks: Block[], meta: { title: string; locale: Locale; compress?: boolean }): Promise<Buffer> {
  const content: unknown[] = [];
  for (const b of blocks) {
    switch (b.kind) {
      case 'title': content.push({ text: b.text, style: 'title' }); break;
      case 'subtitle': content.push({ text: b.text, style: 'subtitle' }); break;
      case 'heading': content.push({ text: b.text, style: `h${b.level}`, headlineLevel: b.level }); break;
      case 'para': content.push({ text: b.text, margin: [0, 0, 0, 6] }); break;
      case 'field': content.push({ text: [{ text: `${b.label}: `, bold: true }, b.value], margin: [0, 0, 0, 3] }); break;
      case 'bullets': content.push({ ul: b.items, margin: [0, 0, 0, 6] }); break;
      case 'table':
        content.push({
          table: { headerRows: 1, widths: b.header.map(() => '*'), body: [b.header.map((h) => ({ text: h, bold: true })), ...b.rows] },
          layout: 'lightHorizontalLines', fontSize: 8, margin: [0, 0, 0, 8],
        });
        break;
    }
  }
  const doc = pdfmake.createPdf({
    info: { title: meta.title, creator: 'Kompas', producer: 'Kompas' },
    language: LANGUAGE_TAGS[meta.locale],
    displayTitle: true,
    tagged: true,
    compress: meta.compress ?? true,
    pageSize: 'A4',
    pageMargins: [48, 48, 48, 48],
    defaultStyle: { font: 'Roboto', fontSize: 10 },
    styles: {
      title: { fontSize: 20, bold: true, margin: [0, 0, 0, 4] },
      subtitle: { fontSize: 11, italics: true, margin: [0, 0, 0, 12] },
      h1: { fontSize: 15, bold: true, margin: [0, 12, 0, 6] },
      h2: { fontSize: 12, bold: true, margin: [0, 8, 0, 4] },
      h3: { fontSize: 11, bold: true, margin: [0, 6, 0, 3] },
    },
    content,
  });
  return doc.getBuffer();
}

// CSV ----------------------------------------------------------------------------------------

/** Actions as a spreadsheet: `;` separated with a BOM, as Excel in Belgian locales expects. */
export function actionsCsv(tree: PlanTree, locale: Locale): string {
  const t = (d: MessageDescriptor) => translate(locale, d);
  const rows: string[][] = [];
  const walk = (nodes: ObjectiveNode[], sd: ObjectiveNode | null) => {
    for (const o of nodes) {
      const top = sd ?? o;
      for (const a of o.actions) {
        rows.push([
          top.code, top.title, o === top ? '' : o.code, o === top ? '' : o.title, a.title, a.owner?.displayName ?? '', a.ownerUnit?.name ?? '', a.ownerLabel ?? '',
          a.coActors.join(', '), a.startDate ?? '', a.dueDate ?? '', a.timingLabel ?? '', t(statusLabels[a.status]), String(a.progress),
          a.imfFunction ? t(imfLabels[a.imfFunction]) : '', a.imfLayer ? t(imfLabels[a.imfLayer]) : '', a.nature ? t(imfLabels[a.nature]) : '',
          a.meansTime ?? '', a.meansBudgetEur === null ? '' : String(a.meansBudgetEur), a.meansPeople ?? '',
        ]);
      }
      walk(o.children, top);
    }
  };
  walk(tree.objectives, null);
  const header = [
    `${t(L.strategicObjective)} (code)`, t(L.strategicObjective), `${t(L.operationalObjective)} (code)`, t(L.operationalObjective), t(L.action),
    t(L.owner), t(L.unit), `${t(L.owner)} (label)`, t(L.coActors), t(L.start), t(L.due), t(L.timing), t(L.status), t(L.progress),
    t(L.imfFunction), t(L.imfLayer), t(L.nature), t(L.meansTime), t(L.meansBudget), t(L.meansPeople),
  ];
  // Cells starting with = + - @ are prefixed so a spreadsheet never runs them as formulas.
  const safe = (c: string) => (/^[=+\-@\t\r]/.test(c) ? `'${c}` : c);
  return stringify([header, ...rows.map((r) => r.map(safe))], { delimiter: ';', bom: true, record_delimiter: 'windows' });
}
