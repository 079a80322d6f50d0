/**
 * Natural order of codes such as "SD 2" < "SD 10" and "O.D. 1.2" < "O.D. 1.10": runs of digits
 * compare as numbers, the rest as text without regard to case or accents. The one comparator of
 * the web app; the server sorts the same way in SQL (`naturalSortKey` in the plan's repo.ts),
 * and the tests hold the two to the same order.
 */

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Compares two codes naturally; empty or missing codes come last. */
export function compareCodes(a: string | null | undefined, b: string | null | undefined): number {
  const x = (a ?? '').trim();
  const y = (b ?? '').trim();
  if (x === '' || y === '') return x === y ? 0 : x === '' ? 1 : -1;
  return collator.compare(x, y);
}

/** A copy of `items` in natural order of `code(item)`, ties kept in their given order. */
export function sortByCode<T>(items: readonly T[], code: (item: T) => string | null | undefined): T[] {
  return items.map((item, i) => ({ item, i })).sort((p, q) => compareCodes(code(p.item), code(q.item)) || p.i - q.i).map((p) => p.item);
}
