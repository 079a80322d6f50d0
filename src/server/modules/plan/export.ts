import type { MessageDescriptor } from '@lingui/core';
import { languageTag, paragraphs as para, toCsv, type Block, type CsvColumn, type ExportDocument } from '../../platform/export/index.js';
import { translate } from '../../platform/i18n/index.js';
import type { Locale } from '../../../shared/roles.js';
import type { ActionView, EvaluationView, ObjectiveNode, PlanTree } from './contract.js';
import { exportLabels as L, imfLabels, planStatusLabels, sectionHeadings as H, statusLabels } from './messages.js';

/**
 * What the plan's Word, PDF and CSV exports contain, as the platform's document model (rendered
 * by platform/export): the model's 7 section headings and labels in the requested language, the
 * plan's own texts as written. Confidential notes never go in.
 */

function formatDate(locale: Locale, d: string | null): string {
  if (!d) return '';
  return new Intl.DateTimeFormat(languageTag(locale), { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${d.slice(0, 10)}T00:00:00Z`));
}

function formatNumber(locale: Locale, n: number | null): string {
  return n === null ? '' : new Intl.NumberFormat(languageTag(locale), { maximumFractionDigits: 2 }).format(n);
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
  if (s.values.length) out.push({ kind: 'heading', level: 2, text: t(L.values) }, { kind: 'list', items: s.values.map((v) => (v.description ? `${v.name}: ${v.description}` : v.name)) });
  if (s.needs.length) out.push({ kind: 'heading', level: 2, text: t(L.needs) }, { kind: 'list', items: s.needs });
  if (s.vulnerableProcesses.length) out.push({ kind: 'heading', level: 2, text: t(L.vulnerableProcesses) }, { kind: 'list', items: s.vulnerableProcesses });
  if (s.priorityThemes.length) out.push({ kind: 'heading', level: 2, text: t(L.priorityThemes) }, { kind: 'list', items: s.priorityThemes });
  out.push({ kind: 'heading', level: 2, text: t(L.strategicObjectives) });
  for (const sd of tree.objectives) {
    out.push({ kind: 'heading', level: 3, text: heading(sd) }, ...para(sd.description ?? ''));
    if (owner(sd)) out.push({ kind: 'field', label: t(L.owner), value: owner(sd) });
    if (sd.children.length) {
      out.push({ kind: 'list', items: sd.children.map((od) => [heading(od), od.description, owner(od) && `${t(L.owner)}: ${owner(od)}`].filter(Boolean).join(' — ')) });
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
  out.push({ kind: 'paragraph', text: t(L.generatedOn, { date: formatDate(locale, new Date().toISOString()) }) });
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
  if (ev.approvedAt) out.push({ kind: 'paragraph', text: t(L.approvedOn, { date: formatDate(locale, ev.approvedAt) }) });
  return out;
}

// Documents ----------------------------------------------------------------------------------

export function planDocument(tree: PlanTree, orgName: string, locale: Locale): ExportDocument {
  return { meta: { title: tree.plan.title, language: languageTag(locale) }, blocks: planBlocks(tree, orgName, locale) };
}

export function evaluationDocument(ev: EvaluationView, plan: { title: string; periodFrom: number; periodTo: number }, orgName: string, locale: Locale): ExportDocument {
  return { meta: { title: `${plan.title} — ${ev.year}`, language: languageTag(locale) }, blocks: evaluationBlocks(ev, plan, orgName, locale) };
}

// CSV ----------------------------------------------------------------------------------------

interface ActionRow { sd: ObjectiveNode; od: ObjectiveNode | null; a: ActionView }

/** Actions as a spreadsheet: `;` separated with a BOM, as Excel in Belgian locales expects. */
export function actionsCsv(tree: PlanTree, locale: Locale): string {
  const t = (d: MessageDescriptor) => translate(locale, d);
  const rows: ActionRow[] = [];
  const walk = (nodes: ObjectiveNode[], sd: ObjectiveNode | null) => {
    for (const o of nodes) {
      const top = sd ?? o;
      for (const a of o.actions) rows.push({ sd: top, od: o === top ? null : o, a });
      walk(o.children, top);
    }
  };
  walk(tree.objectives, null);
  const col = (header: string, value: CsvColumn<ActionRow>['value']): CsvColumn<ActionRow> => ({ header, value });
  return toCsv(rows, [
    col(`${t(L.strategicObjective)} (code)`, (r) => r.sd.code),
    col(t(L.strategicObjective), (r) => r.sd.title),
    col(`${t(L.operationalObjective)} (code)`, (r) => r.od?.code),
    col(t(L.operationalObjective), (r) => r.od?.title),
    col(t(L.action), (r) => r.a.title),
    col(t(L.owner), (r) => r.a.owner?.displayName),
    col(t(L.unit), (r) => r.a.ownerUnit?.name),
    col(`${t(L.owner)} (label)`, (r) => r.a.ownerLabel),
    col(t(L.coActors), (r) => r.a.coActors.join(', ')),
    col(t(L.start), (r) => r.a.startDate),
    col(t(L.due), (r) => r.a.dueDate),
    col(t(L.timing), (r) => r.a.timingLabel),
    col(t(L.status), (r) => t(statusLabels[r.a.status])),
    col(t(L.progress), (r) => r.a.progress),
    col(t(L.imfFunction), (r) => r.a.imfFunction && t(imfLabels[r.a.imfFunction])),
    col(t(L.imfLayer), (r) => r.a.imfLayer && t(imfLabels[r.a.imfLayer])),
    col(t(L.nature), (r) => r.a.nature && t(imfLabels[r.a.nature])),
    col(t(L.meansTime), (r) => r.a.meansTime),
    col(t(L.meansBudget), (r) => r.a.meansBudgetEur),
    col(t(L.meansPeople), (r) => r.a.meansPeople),
  ]);
}
