import type { MessageDescriptor } from '@lingui/core';
import {
  documentLabels, languageTag, paragraphs as para, tableBlock, toCsv, type Block, type CsvColumn, type ExportDocument, type HeadingLevel,
} from '../../platform/export/index.js';
import { translate } from '../../platform/i18n/index.js';
import type { Locale } from '../../../shared/roles.js';
import type { ActionView, EvaluationView, ObjectiveNode, PlanTree } from './contract.js';
import { documentLabels as D } from './export-messages.js';
import { exportLabels as L, imfLabels, planStatusLabels, sectionHeadings as H, statusLabels } from './messages.js';
import { todayInBelgium } from '../../platform/deadlines/service.js';

/**
 * What the plan's Word, PDF and CSV exports contain, as the platform's document model (rendered
 * by platform/export): a title page, contents, the model's 7 section headings and labels in the
 * requested language, the plan's own texts as written, the approval with lines to sign and, for a
 * plan being carried out, the actions' progress in an annex. Confidential notes never go in.
 */

/** A day (`2026-03-01`) as it is, a moment (an approval) as the day it was in Belgium. */
function formatDate(locale: Locale, d: string | null): string {
  if (!d) return '';
  const moment = d.length > 10;
  return new Intl.DateTimeFormat(languageTag(locale), { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: moment ? 'Europe/Brussels' : 'UTC' })
    .format(new Date(moment ? d : `${d}T00:00:00Z`));
}

function formatNumber(locale: Locale, n: number | null): string {
  return n === null ? '' : new Intl.NumberFormat(languageTag(locale), { maximumFractionDigits: 2 }).format(n);
}

/** The person (staff member or account), then the unit, then a free description. */
function owner(a: { owner: { displayName: string } | null; ownerPerson?: { displayName: string } | null; ownerUnit: { name: string } | null; ownerLabel: string | null }): string {
  return [a.ownerPerson?.displayName ?? a.owner?.displayName, a.ownerUnit?.name, a.ownerLabel].filter(Boolean).join(' / ');
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

type T = (d: MessageDescriptor, v?: Record<string, unknown>) => string;
const translator = (locale: Locale): T => (d, v) => translate(locale, d, v);

/** Who prepared and who approved the version, by name (`repo.planSignatories`). */
export interface PlanApproval {
  submittedBy: string | null;
  submittedAt: string | null;
  approvedBy: string | null;
  approvedAt: string | null;
}

export interface PlanDocumentInput {
  tree: PlanTree;
  orgName: string;
  locale: Locale;
  approval?: PlanApproval;
  /** The latest approved evaluation of the plan (or of an earlier version), for section 6. */
  evaluation?: EvaluationView | null;
  /** The day the document is made (ISO date): its title page and the progress annex. */
  today?: string;
}

const todayIso = () => todayInBelgium();
const period = (p: { periodFrom: number; periodTo: number }) => `${p.periodFrom}–${p.periodTo}`;

/** A section of the model: its heading, then its content, or a line saying it is empty (never a bare heading). */
function section(out: Block[], title: string, content: Block[], t: T) {
  out.push({ kind: 'heading', level: 1, text: title });
  out.push(...(content.length ? content : [{ kind: 'paragraph' as const, text: [{ text: t(D.notDescribed), italics: true }] }]));
}

/** A sub-heading only over content. */
const sub = (level: HeadingLevel, text: string, content: Block[]): Block[] => (content.length ? [{ kind: 'heading', level, text }, ...content] : []);

/** The plan text: the 7 sections of the AIG model, as approved. Action status and progress live in the annex. */
export function planBlocks(input: PlanDocumentInput): Block[] {
  const { tree, orgName, locale } = input;
  const t = translator(locale);
  const p = tree.plan;
  const s = p.sections;
  const out: Block[] = [{ kind: 'toc', title: documentLabels(locale).contents, depth: 2 }, { kind: 'pageBreak' }];

  // 1. Identification
  const responsible = s.identification.responsible.map((r) => [r.name, r.role].filter(Boolean).join(', '));
  section(out, t(H.identification), [
    { kind: 'field', label: t(L.entity), value: s.identification.entityName || orgName },
    { kind: 'field', label: t(L.period), value: period(p) },
    { kind: 'field', label: t(L.version), value: `${p.version} (${t(planStatusLabels[p.status])})` },
    ...(responsible.length === 1 ? [{ kind: 'field' as const, label: t(L.responsible), value: responsible[0] }] : []),
    ...(responsible.length > 1 ? [{ kind: 'paragraph' as const, text: [{ text: `${t(D.responsiblePeople)}:`, bold: true }] }, { kind: 'list' as const, items: responsible }] : []),
  ], t);

  // 2. Ambition, vision and objectives
  const objectives: Block[] = tree.objectives.flatMap((sd) => [
    { kind: 'heading' as const, level: 3 as const, text: heading(sd) },
    ...para(sd.description ?? ''),
    ...(owner(sd) ? [{ kind: 'field' as const, label: t(L.owner), value: owner(sd) }] : []),
    ...(sd.children.length
      ? [{ kind: 'list' as const, items: sd.children.map((od) => [heading(od), od.description, owner(od) && `${t(L.owner)}: ${owner(od)}`].filter(Boolean).join(' — ')) }]
      : []),
  ]);
  section(out, t(H.ambition), [
    ...sub(2, t(L.ambition), para(s.ambition)),
    ...sub(2, t(L.values), s.values.length ? [{ kind: 'list', items: s.values.map((v) => (v.description ? `${v.name}: ${v.description}` : v.name)) }] : []),
    ...sub(2, t(L.needs), s.needs.length ? [{ kind: 'list', items: s.needs }] : []),
    ...sub(2, t(L.vulnerableProcesses), s.vulnerableProcesses.length ? [{ kind: 'list', items: s.vulnerableProcesses }] : []),
    ...sub(2, t(L.priorityThemes), s.priorityThemes.length ? [{ kind: 'list', items: s.priorityThemes }] : []),
    ...sub(2, t(L.strategicObjectives), objectives),
  ], t);

  // 3. Instruments and actions: what is planned, not how far it got (that is the annex).
  const actionTable = (acts: ActionView[]) => tableBlock<ActionView>([
    { header: t(D.code), value: (a) => a.code, width: 1 },
    { header: t(L.action), value: (a) => [a.title, a.description].filter(Boolean).join('\n'), width: 5, keep: true },
    { header: t(L.owner), value: (a) => [owner(a), a.coActors.length ? `(${a.coActors.join(', ')})` : ''].filter(Boolean).join(' '), width: 2.5 },
    { header: t(L.timing), value: (a) => timing(locale, a), width: 2 },
    { header: t(D.imf), value: (a) => imf(a, t), width: 2 },
    { header: t(L.means), value: (a) => means(locale, a, t), width: 2.5 },
  ], acts);
  const instruments: Block[] = [];
  for (const sd of tree.objectives) {
    const all = flatten([sd]);
    if (!all.some((o) => o.actions.length)) continue;
    instruments.push({ kind: 'heading', level: 2, text: heading(sd) });
    for (const o of all) {
      if (!o.actions.length) continue;
      if (o !== sd) instruments.push({ kind: 'heading', level: 3, text: heading(o) });
      instruments.push(actionTable(o.actions));
    }
  }
  section(out, t(H.instruments), instruments.length || !tree.objectives.length ? instruments : [{ kind: 'paragraph', text: t(D.noActions) }], t);

  // 4. Actors
  const owners = flatten(tree.objectives).filter((o) => owner(o) || o.coActors.length);
  section(out, t(H.actors), [
    ...sub(2, t(D.actorsAndRoles), s.actors.length ? [tableBlock([
      { header: t(L.actorName), value: (a: { name: string; role: string }) => a.name, width: 2, keep: true },
      { header: t(L.role), value: (a) => a.role, width: 5 },
    ], s.actors)] : []),
    ...sub(2, t(D.responsibilityPerObjective), owners.length ? [tableBlock([
      { header: t(D.objective), value: (o: ObjectiveNode) => heading(o), width: 4, keep: true },
      { header: t(L.owner), value: (o) => owner(o), width: 3 },
      { header: t(L.coActors), value: (o) => o.coActors.join(', '), width: 3 },
    ], owners)] : []),
  ], t);

  // 5. Monitoring
  // An indicator of an action sits with its objective; the action is named after it.
  const indicators = flatten(tree.objectives).flatMap((o) => o.indicators.map((i) => ({ o, i, a: i.actionId ? o.actions.find((x) => x.id === i.actionId) : undefined })));
  const measured = (r: (typeof indicators)[number]) => [heading(r.o), r.a && (r.a.code || r.a.title)].filter(Boolean).join(' › ');
  section(out, t(H.monitoring), [
    ...para(s.monitoring),
    ...(indicators.length ? [tableBlock([
      { header: t(indicators.some((r) => r.a) ? D.objectiveOrAction : D.objective), value: measured, width: 3 },
      { header: t(L.indicator), value: (r) => [r.i.name, r.i.unit && `(${r.i.unit})`].filter(Boolean).join(' '), width: 3, keep: true },
      { header: t(L.baseline), value: (r) => formatNumber(locale, r.i.baseline), width: 1 },
      { header: t(L.target), value: (r) => formatNumber(locale, r.i.target), width: 1 },
      { header: t(L.measurements), value: (r) => r.i.measurements.map((m) => `${m.year}: ${formatNumber(locale, m.value)}`).join('; '), width: 2 },
    ], indicators)] : []),
  ], t);

  // 6. Evaluation and reporting: the planning, then the latest approved evaluation.
  const ev = input.evaluation;
  section(out, t(H.evaluation), [
    ...para(s.evaluationPlanning),
    // Without the evaluation's counts by status: those are in its own export, and the plan text holds no status.
    ...(ev ? [{ kind: 'heading' as const, level: 2 as const, text: t(D.latestEvaluation, { year: ev.year }) }, ...evaluationContent(ev, locale, 3, false)] : []),
  ], t);

  // 7. Communication
  section(out, t(H.communication), para(s.communication), t);

  // Approval, with lines to sign the printed copy.
  const a = input.approval;
  const approved = a?.approvedAt ? formatDate(locale, a.approvedAt) : null;
  out.push({ kind: 'heading', level: 1, text: t(D.approval) });
  out.push({
    kind: 'paragraph',
    text: approved
      ? t(D.approvedByOn, { name: a?.approvedBy || '—', date: approved })
      : t(D.notApproved, { status: t(planStatusLabels[p.status]) }),
  });
  out.push({
    kind: 'signatures',
    labels: documentLabels(locale).signatures,
    signers: [
      { role: t(D.roleOfficer), name: a?.submittedBy ?? undefined, date: a?.submittedAt ? formatDate(locale, a.submittedAt) : undefined },
      { role: t(D.roleChief), name: approved ? a?.approvedBy ?? undefined : undefined, date: approved ?? undefined },
    ],
  });

  // Annex: the live state of the actions, for a plan being carried out.
  const actions = flatten(tree.objectives).flatMap((o) => o.actions);
  if ((p.status === 'in_force' || p.status === 'superseded') && actions.length) {
    out.push({ kind: 'pageBreak' });
    out.push({ kind: 'heading', level: 1, text: t(D.progressAnnex, { date: formatDate(locale, input.today ?? todayIso()) }) });
    out.push({ kind: 'paragraph', text: [{ text: t(D.progressAnnexIntro), italics: true }] });
    out.push(tableBlock<ActionView>([
      { header: t(D.code), value: (x) => x.code, width: 1 },
      { header: t(L.action), value: (x) => x.title, width: 5, keep: true },
      { header: t(L.due), value: (x) => formatDate(locale, x.dueDate), width: 1.5 },
      { header: t(L.status), value: (x) => t(statusLabels[x.status]), width: 1.5, keep: true },
      { header: t(L.progress), value: (x) => String(x.progress), width: 1, keep: true },
    ], actions));
  }
  return out;
}

/** What an evaluation says, its headings from `level` down: approval, done, actions of the year by status, indicators, changes. */
function evaluationContent(ev: EvaluationView, locale: Locale, level: 1 | 2 | 3, withCounts = true): Block[] {
  const t = translator(locale);
  const h = (text: string, l: number = level): Block => ({ kind: 'heading', level: l as 1 | 2 | 3 | 4, text });
  const out: Block[] = [];
  out.push({
    kind: 'paragraph',
    text: ev.approvedAt
      ? t(D.approvedByOn, { name: ev.approvedBy?.displayName || '—', date: formatDate(locale, ev.approvedAt) })
      : t(D.evaluationNotApproved),
  });
  out.push(...sub(level, t(L.evaluationDone), para(ev.doneText)));
  if (ev.actionCounts && withCounts) {
    const c = ev.actionCounts;
    out.push(h(t(L.evaluationActions), Math.min(level + 1, 4)));
    out.push({ kind: 'table', header: (['planned', 'in_progress', 'done', 'late', 'stopped'] as const).map((k) => t(statusLabels[k])), rows: [[c.planned, c.in_progress, c.done, c.late, c.stopped].map(String)] });
  }
  const indicators = ev.indicators.length ? [tableBlock([
    { header: t(D.objective), value: (i: EvaluationView['indicators'][number]) => [i.objectiveCode, i.objectiveTitle].filter(Boolean).join(' '), width: 3 },
    { header: t(L.indicator), value: (i) => [i.name, i.unit && `(${i.unit})`].filter(Boolean).join(' '), width: 3, keep: true },
    { header: t(L.baseline), value: (i) => formatNumber(locale, i.baseline), width: 1 },
    { header: t(L.target), value: (i) => formatNumber(locale, i.target), width: 1 },
    { header: t(L.value), value: (i) => formatNumber(locale, i.value), width: 1 },
    { header: t(L.met), value: (i) => (i.met === null ? '' : t(i.met ? L.yes : L.no)), width: 1 },
  ], ev.indicators)] : [];
  out.push(...sub(level, t(L.evaluationIndicators), [...indicators, ...para(ev.indicatorsText)]));
  out.push(...sub(level, t(L.evaluationChanges), para(ev.changesText)));
  return out;
}

export interface EvaluationDocumentInput {
  ev: EvaluationView;
  plan: { title: string; periodFrom: number; periodTo: number; version: number };
  orgName: string;
  locale: Locale;
}

export function evaluationBlocks({ ev, plan, orgName, locale }: EvaluationDocumentInput): Block[] {
  const t = translator(locale);
  return [
    { kind: 'title', text: t(L.evaluationTitle, { year: ev.year }) },
    { kind: 'subtitle', text: `${plan.title} · ${orgName} · ${period(plan)}` },
    ...evaluationContent(ev, locale, 1),
    {
      kind: 'signatures',
      labels: documentLabels(locale).signatures,
      signers: [{
        role: t(D.roleChief),
        name: ev.approvedAt ? ev.approvedBy?.displayName || undefined : undefined,
        date: ev.approvedAt ? formatDate(locale, ev.approvedAt) : undefined,
      }],
    },
  ];
}

// Documents ----------------------------------------------------------------------------------

/** The name a file is saved under: organisation and plan title, so a folder of exports sorts and reads well. */
export function planFileBase(orgName: string, p: { title: string; periodFrom: number; periodTo: number; version: number }): string {
  const withPeriod = p.title.includes(String(p.periodFrom)) ? p.title : `${p.title} ${p.periodFrom}-${p.periodTo}`;
  return [orgName, `${withPeriod} v${p.version}`].filter(Boolean).join(' - ');
}

export function planDocument(input: PlanDocumentInput): ExportDocument {
  const { tree, orgName, locale } = input;
  const t = translator(locale);
  const p = tree.plan;
  const entity = p.sections.identification.entityName;
  const labels = documentLabels(locale);
  return {
    meta: { title: p.title, language: languageTag(locale), author: orgName || undefined, subject: t(D.documentKind), keywords: [t(D.documentKind), period(p)] },
    titlePage: {
      organisation: orgName || entity || undefined,
      title: p.title,
      // The entity when it is not the organisation itself, else what the document is (unless the title says so).
      subtitle: entity && entity !== orgName ? entity : p.title.toLowerCase().includes(t(D.documentKind).toLowerCase()) ? undefined : t(D.documentKind),
      fields: [
        { label: t(L.period), value: period(p) },
        { label: t(L.version), value: String(p.version) },
        { label: t(L.status), value: t(planStatusLabels[p.status]) },
        ...(p.approvedAt ? [{ label: t(D.approvedOnField), value: formatDate(locale, p.approvedAt) }] : []),
        ...(p.inForceAt ? [{ label: t(D.inForceSince), value: formatDate(locale, p.inForceAt) }] : []),
      ],
      note: t(L.generatedOn, { date: formatDate(locale, input.today ?? todayIso()) }),
    },
    page: {
      header: [orgName, p.title].filter(Boolean).join(' — '),
      footer: t(D.versionStatus, { version: p.version, status: t(planStatusLabels[p.status]) }),
      pageNumbers: labels.pageNumbers,
    },
    blocks: planBlocks(input),
  };
}

export function evaluationDocument(input: EvaluationDocumentInput): ExportDocument {
  const { ev, plan, orgName, locale } = input;
  const t = translator(locale);
  const title = t(L.evaluationTitle, { year: ev.year });
  return {
    meta: { title: `${plan.title} — ${title}`, language: languageTag(locale), author: orgName || undefined, subject: title },
    page: { header: [orgName, plan.title].filter(Boolean).join(' — '), footer: title, pageNumbers: documentLabels(locale).pageNumbers },
    blocks: evaluationBlocks(input),
  };
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
    col(t(L.owner), (r) => r.a.ownerPerson?.displayName ?? r.a.owner?.displayName),
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
