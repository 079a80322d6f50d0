import type { CriterionView, ImfFunction, Pillar } from './api';
import { FUNCTIONS, PILLARS } from './labels';

export interface FunctionGroup<T> {
  /** The IMF function (instruments pillar); null for the processes and structures pillars. */
  fn: ImfFunction | null;
  items: T[];
}
export interface PillarGroup<T> {
  pillar: Pillar;
  groups: FunctionGroup<T>[];
}

/** Criteria (or rows holding one) by pillar, then by IMF function, each in the framework's order. */
export function byPillarAndFunction<T>(items: T[], criterionOf: (x: T) => CriterionView): PillarGroup<T>[] {
  const sorted = [...items].sort((a, b) => criterionOf(a).position - criterionOf(b).position);
  return PILLARS.map((pillar) => {
    const inPillar = sorted.filter((x) => criterionOf(x).pillar === pillar);
    const fns: (ImfFunction | null)[] = pillar === 'instruments' ? FUNCTIONS : [null];
    return {
      pillar,
      groups: fns.map((fn) => ({ fn, items: inPillar.filter((x) => (criterionOf(x).function ?? null) === fn) })).filter((g) => g.items.length > 0),
    };
  }).filter((p) => p.groups.length > 0);
}
