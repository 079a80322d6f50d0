import { sql, type SQL } from 'drizzle-orm';

/**
 * A list of ids as one `uuid[]` expression for `= ANY(...)`, `NOT (x = ANY(...))` and `unnest(...)`
 * in drizzle's `sql` template: each id a bound parameter, the empty list a typed empty array.
 */
export const uuidList = (ids: readonly string[]): SQL =>
  ids.length === 0 ? sql`ARRAY[]::uuid[]` : sql`ARRAY[${sql.join(ids.map((i) => sql`${i}`), sql`, `)}]::uuid[]`;
