/**
 * Column widths of a table from its content, for renderers that must fix them (Word's and PDF's
 * tables do not size themselves well: equal columns give a title 2 cm and break words mid-word).
 *
 * Like a browser's automatic table layout, measured in characters of an average width: each column
 * gets at least its longest word (so no word is broken), at most its longest line, and the width
 * left over goes to the columns with the most text, in proportion to the hints. When even the
 * longest words do not fit side by side, the columns share the width by those words.
 */

export interface FitOptions {
  /** The width of the table, in the renderer's unit (points, twips). */
  width: number;
  /** The width of an average character of the table's font, in the same unit. */
  charWidth: number;
  /** Left plus right padding of a cell, in the same unit. */
  padding: number;
  /** Relative hints per column (default: 1 each). */
  hints?: readonly number[];
}

/** Where a line may break: spaces, and after a hyphen (not after a slash: Word keeps 01/01/2026 whole). */
const words = (s: string) => s.split(/\s+|(?<=-)/).filter(Boolean);
const longestWord = (s: string) => Math.max(0, ...words(s).map((w) => [...w].length));
const longestLine = (s: string) => Math.max(0, ...s.split(/\r?\n/).map((l) => [...l].length));

/** Widths of the columns in the unit of `opts`, summing to `opts.width`. */
export function fitColumns(header: readonly string[], rows: readonly (readonly string[])[], opts: FitOptions): number[] {
  const n = header.length;
  if (n === 0) return [];
  const cells = (i: number) => [header[i], ...rows.map((r) => r[i] ?? '')];
  // Bold header text is wider: counted a tenth more.
  const min = header.map((_, i) => Math.max(longestWord(header[i]) * 1.1, ...rows.map((r) => longestWord(r[i] ?? ''))) * opts.charWidth + opts.padding);
  const natural = header.map((_, i) => Math.max(...cells(i).map(longestLine)) * opts.charWidth + opts.padding).map((v, i) => Math.max(v, min[i]));
  const hints = header.map((_, i) => Math.max(opts.hints?.[i] ?? 1, 0.01));
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

  if (sum(min) >= opts.width) return min.map((m) => (m / sum(min)) * opts.width);

  // Start from the longest words; hand out the rest by hint to the columns whose text still wraps.
  const w = [...min];
  let left = opts.width - sum(w);
  for (let round = 0; round < n && left > 1e-6; round++) {
    const open = header.map((_, i) => i).filter((i) => natural[i] - w[i] > 1e-6);
    if (!open.length) break;
    const weight = sum(open.map((i) => hints[i]));
    let given = 0;
    for (const i of open) {
      const add = Math.min((left * hints[i]) / weight, natural[i] - w[i]);
      w[i] += add;
      given += add;
    }
    left -= given;
  }
  // Every column fits on one line with room to spare: the spare width goes by hint too.
  if (left > 1e-6) {
    const weight = sum(hints);
    return w.map((x, i) => x + (left * hints[i]) / weight);
  }
  return w;
}
