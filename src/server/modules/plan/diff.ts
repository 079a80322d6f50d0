import type { PlanDiff } from './contract.js';

/**
 * Structured difference between two versions of a plan. Objectives are matched by code, then
 * by title; actions by the copy they descend from, then by code, then by title. Whatever
 * stays unmatched is added (only in `to`) or removed (only in `from`).
 */

export interface DiffObjective { id: string; parentId: string | null; code: string; title: string; [field: string]: unknown }
export interface DiffAction { id: string; sourceActionId: string | null; objectiveId: string; code: string | null; title: string; [field: string]: unknown }

const norm = (s: string | null | undefined) => (s ?? '').trim().toLowerCase().replace(/\s+/g, ' ');

function match<T extends { id: string }>(from: T[], to: T[], keys: ((x: T, side: 'from' | 'to') => string | null)[]): { pairs: [T, T][]; removed: T[]; added: T[] } {
  const pairs: [T, T][] = [];
  let left = [...from];
  let right = [...to];
  for (const key of keys) {
    const index = new Map<string, T[]>();
    for (const r of right) {
      const k = key(r, 'to');
      if (k) index.set(k, [...(index.get(k) ?? []), r]);
    }
    const stillLeft: T[] = [];
    const used = new Set<string>();
    for (const l of left) {
      const k = key(l, 'from');
      const candidates = k ? (index.get(k) ?? []).filter((c) => !used.has(c.id)) : [];
      if (candidates.length > 0) {
        pairs.push([l, candidates[0]]);
        used.add(candidates[0].id);
      } else stillLeft.push(l);
    }
    left = stillLeft;
    right = right.filter((r) => !used.has(r.id));
  }
  return { pairs, removed: left, added: right };
}

function changes(a: Record<string, unknown>, b: Record<string, unknown>, fields: string[]) {
  return fields
    .filter((f) => JSON.stringify(a[f] ?? null) !== JSON.stringify(b[f] ?? null))
    .map((f) => ({ field: f, before: a[f] ?? null, after: b[f] ?? null }));
}

export const OBJECTIVE_FIELDS = ['code', 'title', 'description', 'ownerLabel', 'ownerUserId', 'ownerUnitId', 'coActors', 'parentCode'];
export const ACTION_FIELDS = [
  'code', 'title', 'description', 'objectiveCode', 'ownerLabel', 'ownerUserId', 'ownerUnitId', 'coActors', 'startDate', 'dueDate',
  'timingLabel', 'storedStatus', 'progress', 'imfFunction', 'imfLayer', 'nature', 'meansTime', 'meansBudgetEur', 'meansPeople', 'meansNote',
];

export function diffPlans(
  from: { sections: Record<string, unknown>; plan: Record<string, unknown>; objectives: DiffObjective[]; actions: DiffAction[] },
  to: { sections: Record<string, unknown>; plan: Record<string, unknown>; objectives: DiffObjective[]; actions: DiffAction[] },
): Omit<PlanDiff, 'from' | 'to'> {
  const codeOf = (objs: DiffObjective[]) => new Map(objs.map((o) => [o.id, o.code]));
  const fromCodes = codeOf(from.objectives);
  const toCodes = codeOf(to.objectives);
  const withParent = (objs: DiffObjective[], codes: Map<string, string>) => objs.map((o) => ({ ...o, parentCode: o.parentId ? codes.get(o.parentId) ?? null : null }));
  const fo = withParent(from.objectives, fromCodes);
  const to_ = withParent(to.objectives, toCodes);
  const om = match(fo, to_, [(o) => (o.code ? `c:${norm(o.code)}` : null), (o) => `t:${norm(o.title)}`]);
  const item = (o: { id: string; code: string | null; title: string; parentCode?: string | null; objectiveCode?: string | null }) => ({
    key: o.id, code: o.code || null, title: o.title, parentCode: (o.parentCode ?? o.objectiveCode ?? null) as string | null,
  });

  const withObjective = (acts: DiffAction[], codes: Map<string, string>) => acts.map((a) => ({ ...a, objectiveCode: codes.get(a.objectiveId) ?? null }));
  const fa = withObjective(from.actions, fromCodes);
  const ta = withObjective(to.actions, toCodes);
  const fromIds = new Set(fa.map((a) => a.id));
  const am = match(fa, ta, [
    (a, side) => (side === 'from' ? `s:${a.id}` : a.sourceActionId && fromIds.has(a.sourceActionId) ? `s:${a.sourceActionId}` : null),
    (a) => (a.code ? `c:${norm(a.objectiveCode)}:${norm(a.code)}` : null),
    (a) => `t:${norm(a.title)}`,
  ]);

  const sectionKeys = [...new Set([...Object.keys(from.sections), ...Object.keys(to.sections)])];
  return {
    objectives: {
      added: om.added.map(item),
      removed: om.removed.map(item),
      changed: om.pairs
        .map(([a, b]) => ({ ...item(b), changes: changes(a, b, OBJECTIVE_FIELDS) }))
        .filter((c) => c.changes.length > 0),
    },
    actions: {
      added: am.added.map(item),
      removed: am.removed.map(item),
      changed: am.pairs
        .map(([a, b]) => ({ ...item(b), changes: changes(a, b, ACTION_FIELDS) }))
        .filter((c) => c.changes.length > 0),
    },
    sections: sectionKeys
      .filter((k) => JSON.stringify(from.sections[k] ?? null) !== JSON.stringify(to.sections[k] ?? null))
      .map((k) => ({ section: k, before: from.sections[k] ?? null, after: to.sections[k] ?? null })),
    plan: changes(from.plan, to.plan, ['title', 'periodFrom', 'periodTo', 'language']),
  };
}
