/**
 * Small-count suppression of oversight figures (docs/administration.md, "Oversight figures").
 *
 * Primary rule: a count below the threshold of the organisation it describes is not shown
 * (`value: null, suppressed: true`; the screen shows "< threshold"). Zero is suppressed too:
 * in a small unit "none" identifies as well as "one", and a suppressed cell then tells nothing.
 *
 * Complementary rule, for counts published together with their total (counts by status and
 * the number of them): the total minus the shown cells gives the sum of the hidden ones. So
 * - when the total itself is below the threshold, the total and every cell are suppressed;
 * - otherwise, when a cell is suppressed, further cells are hidden, smallest first, until at
 *   least two are hidden and the hidden cells add up to at least the threshold: what can be
 *   worked out (their sum) is then no small count and pins no cell down.
 * Counts published without a total need only the primary rule. A figure derived from hidden
 * cells (a percentage of a group with hidden cells) must be withheld by its caller.
 */
export interface Cell {
  value: number | null;
  suppressed: boolean;
}

const shown = (value: number): Cell => ({ value, suppressed: false });
const hidden: Cell = Object.freeze({ value: null, suppressed: true }) as Cell;

/** One count with no published total beside it: the primary rule. */
export function suppressCount(value: number, below: number): Cell {
  return value < below ? { ...hidden } : shown(value);
}

/** Counts published with their total (computed here, so it always matches): both rules. */
export function suppressGroup<K extends string>(counts: Record<K, number>, below: number): { cells: Record<K, Cell>; total: Cell; hiddenCells: number } {
  const keys = Object.keys(counts) as K[];
  const total = keys.reduce((s, k) => s + counts[k], 0);
  const cells = {} as Record<K, Cell>;
  if (total < below) {
    for (const k of keys) cells[k] = { ...hidden };
    return { cells, total: { ...hidden }, hiddenCells: keys.length };
  }
  const hide = new Set(keys.filter((k) => counts[k] < below));
  if (hide.size > 0) {
    // Smallest first; ties in the order given, so the answer is stable between reads.
    const rest = keys.filter((k) => !hide.has(k)).sort((a, b) => counts[a] - counts[b]);
    const hiddenSum = () => [...hide].reduce((s, k) => s + counts[k], 0);
    while (rest.length > 0 && (hide.size < 2 || hiddenSum() < below)) hide.add(rest.shift()!);
  }
  for (const k of keys) cells[k] = hide.has(k) ? { ...hidden } : shown(counts[k]);
  return { cells, total: shown(total), hiddenCells: hide.size };
}
