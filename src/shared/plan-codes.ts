/**
 * Codes of a plan's objectives and actions: the next code to suggest when one is added (SD 3, OD 3.2,
 * A 3.2.1) and the codes of a renumbering in tree order. Both follow the style the plan already uses
 * ("SD 1"/"OD 1.1", "S.D. 1"/"O.D. 1.1", Schoten's bare "3.1.1"/"3.1.1.1"); a plan without codes gets
 * the default of its language. The web app prefills its forms with `suggestCode` from the tree it has
 * loaded; the server renumbers with `renumberCodes` (the same rules, one implementation).
 */

export type CodeLevel = 'sd' | 'od' | 'action';

/** The tree as these functions need it: the web's ObjectiveNode and the server's rows both fit. */
export interface CodeObjective {
  id: string;
  code: string | null;
  children?: readonly CodeObjective[];
  actions?: readonly { id: string; code: string | null }[];
}

export type CodeTarget = { level: 'sd' } | { level: 'od'; parentId: string } | { level: 'action'; objectiveId: string };

/** Prefixes of a plan without codes, in its language (strategische/operationele doelstelling, objectif stratégique/opérationnel…). */
export const DEFAULT_CODE_PREFIXES: Record<string, Record<CodeLevel, string>> = {
  nl: { sd: 'SD ', od: 'OD ', action: 'A ' },
  fr: { sd: 'OS ', od: 'OO ', action: 'A ' },
  de: { sd: 'SZ ', od: 'OZ ', action: 'M ' },
  en: { sd: 'SO ', od: 'OO ', action: 'A ' },
};

/** The operational prefix that goes with a strategic one, where the pair is known. */
const OD_OF_SD: Record<string, string> = {
  'SD ': 'OD ', 'S.D. ': 'O.D. ', 'SD': 'OD', 'S.D.': 'O.D.', 'OS ': 'OO ', 'O.S. ': 'O.O. ', 'SZ ': 'OZ ', 'SO ': 'OO ', '': '',
};

export interface ParsedCode { prefix: string; path: number[] }

/** "O.D. 1.2" → { prefix: "O.D. ", path: [1, 2] }; "3.1.1" → { prefix: "", path: [3, 1, 1] }; no number at the end → null. */
export function parseCode(code: string | null | undefined): ParsedCode | null {
  const m = /^(.*?)(\d{1,6}(?:\.\d{1,6})*)\.?$/.exec((code ?? '').trim());
  return m ? { prefix: m[1], path: m[2].split('.').map(Number) } : null;
}

export const formatCode = (prefix: string, path: readonly number[]) => `${prefix}${path.join('.')}`;

/** The prefix most codes of a level use (the first one on a tie), or undefined when none has a number. */
function majorityPrefix(codes: readonly (string | null)[]): { prefix: string; base: number[] } | undefined {
  const counts = new Map<string, { n: number; base: number[] }>();
  for (const c of codes) {
    const p = parseCode(c);
    if (!p) continue;
    const hit = counts.get(p.prefix);
    if (hit) hit.n++;
    else counts.set(p.prefix, { n: 1, base: p.path.slice(0, -1) });
  }
  let best: { prefix: string; base: number[] } | undefined;
  let n = 0;
  for (const [prefix, v] of counts) if (v.n > n) { best = { prefix, base: v.base }; n = v.n; }
  return best;
}

const defaults = (language: string) => DEFAULT_CODE_PREFIXES[language] ?? DEFAULT_CODE_PREFIXES.nl;

/** The styles of the three levels in this plan. */
function styles(roots: readonly CodeObjective[], language: string) {
  const ods = roots.flatMap((sd) => sd.children ?? []);
  const actions = [...roots, ...ods].flatMap((o) => o.actions ?? []);
  const d = defaults(language);
  const sd = majorityPrefix(roots.map((o) => o.code)) ?? { prefix: d.sd, base: [] };
  const od = majorityPrefix(ods.map((o) => o.code))?.prefix ?? OD_OF_SD[sd.prefix] ?? d.od;
  const action = majorityPrefix(actions.map((a) => a.code))?.prefix ?? d.action;
  return { sd, od, action };
}

/** The numeric path of an objective: its own code's, else its place in the tree (SD 2 → [2], its third OD → [2, 3]). */
function pathOf(roots: readonly CodeObjective[], id: string): number[] | undefined {
  for (const [i, sd] of roots.entries()) {
    const sdPath = parseCode(sd.code)?.path ?? [i + 1];
    if (sd.id === id) return sdPath;
    for (const [j, od] of (sd.children ?? []).entries()) if (od.id === id) return parseCode(od.code)?.path ?? [...sdPath, j + 1];
  }
  return undefined;
}

/** One more than the highest last number of the siblings under `parentPath`, or the next place when none is numbered so. */
function nextNumber(siblings: readonly (string | null)[], parentPath: readonly number[]): number {
  let max = 0;
  for (const c of siblings) {
    const p = parseCode(c);
    if (p && p.path.length === parentPath.length + 1 && parentPath.every((x, i) => p.path[i] === x)) max = Math.max(max, p.path[p.path.length - 1]);
  }
  return Math.max(max, siblings.length) + 1;
}

function findObjective(roots: readonly CodeObjective[], id: string): CodeObjective | undefined {
  for (const sd of roots) {
    if (sd.id === id) return sd;
    const od = (sd.children ?? []).find((o) => o.id === id);
    if (od) return od;
  }
  return undefined;
}

/** The code to propose for a new SD, a new OD under `parentId` or a new action of `objectiveId`. */
export function suggestCode(roots: readonly CodeObjective[], language: string, target: CodeTarget): string {
  const st = styles(roots, language);
  if (target.level === 'sd') {
    const siblings = roots.map((o) => o.code);
    return formatCode(st.sd.prefix, [...st.sd.base, nextNumber(siblings, st.sd.base)]);
  }
  const ownerId = target.level === 'od' ? target.parentId : target.objectiveId;
  const owner = findObjective(roots, ownerId);
  const path = pathOf(roots, ownerId);
  if (!owner || !path) return '';
  if (target.level === 'od') return formatCode(st.od, [...path, nextNumber((owner.children ?? []).map((o) => o.code), path)]);
  return formatCode(st.action, [...path, nextNumber((owner.actions ?? []).map((a) => a.code), path)]);
}

/**
 * New codes for every objective and action in tree order: SD i, its OD i.j, their actions i.j.k (and
 * actions directly under an SD i.k), in the plan's style. Only the entries whose code changes are returned.
 */
export function renumberCodes(roots: readonly CodeObjective[], language: string): { objectives: { id: string; code: string }[]; actions: { id: string; code: string }[] } {
  const st = styles(roots, language);
  const objectives: { id: string; code: string }[] = [];
  const actions: { id: string; code: string }[] = [];
  const put = (list: { id: string; code: string }[], item: { id: string; code: string | null }, code: string) => { if ((item.code ?? '').trim() !== code) list.push({ id: item.id, code }); };
  const numberActions = (o: CodeObjective, path: number[]) => (o.actions ?? []).forEach((a, k) => put(actions, a, formatCode(st.action, [...path, k + 1])));
  roots.forEach((sd, i) => {
    const sdPath = [...st.sd.base, i + 1];
    put(objectives, sd, formatCode(st.sd.prefix, sdPath));
    numberActions(sd, sdPath);
    (sd.children ?? []).forEach((od, j) => {
      const odPath = [...sdPath, j + 1];
      put(objectives, od, formatCode(st.od, odPath));
      numberActions(od, odPath);
    });
  });
  return { objectives, actions };
}
