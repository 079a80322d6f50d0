import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { AppError, notFound } from '../errors.js';
import type { Queryable } from './pool.js';

/**
 * Optimistic concurrency (docs/decisions/0011-optimistic-concurrency.md). Every editable record
 * has an integer `revision`, starting at 1 and bumped by every change of the row. Reads return it
 * in the record's JSON; writes send back the revision they started from as `If-Match: "<n>"`.
 * The comparison happens in the UPDATE's WHERE clause, so two writers with the same revision can
 * never both succeed, whatever the interleaving: the second one matches no row and gets 409.
 */

export const conflictMessages = {
  edit_conflict: /*i18n*/ { id: 'error.edit_conflict', message: 'Someone else changed this in the meantime. Compare with the current version before saving again.' },
  if_match_required: /*i18n*/ { id: 'error.if_match_required', message: 'This change must name the version it was made on (If-Match header). Reload and try again.' },
  if_match_invalid: /*i18n*/ { id: 'error.if_match_invalid', message: 'The version named in the If-Match header is not valid.' },
};

/** A stale write: 409 with the record as it is now, so the client can show both versions side by side. */
export class EditConflict extends AppError {
  constructor(readonly current: unknown) {
    super('edit_conflict', 409);
  }
}

type Versioned = PgTable & { revision: PgColumn };

/**
 * `UPDATE <table> SET <set>, revision = revision + 1 WHERE <where> AND revision = <expected>` in one
 * statement. When no row matched, `current()` reads the record as it is now: undefined → 404, else
 * 409 carrying it. Throwing inside the caller's transaction rolls back whatever it did before.
 * Returns the new revision. `column` names the revision column when a row versions two things apart
 * (the organisation's settings and its identity provider).
 */
export async function updateAtRevision<T extends Versioned>(
  q: Queryable,
  table: T,
  where: SQL,
  expected: number,
  set: Record<string, unknown>,
  current: () => Promise<unknown | undefined>,
  what = 'record',
  column: PgColumn = table.revision,
): Promise<number> {
  const key = Object.entries(table).find(([, c]) => c === column)?.[0] ?? 'revision';
  const rows = await q
    .update(table)
    .set({ ...set, [key]: sql`${column} + 1` } as never)
    .where(and(where, eq(column, expected)))
    .returning({ revision: column } as never) as unknown as { revision: number }[];
  if (rows.length === 1) return rows[0].revision;
  const now = await current();
  if (now === undefined) throw notFound(what);
  throw new EditConflict(now);
}

/** For changes that are not edits of a form (lifecycle steps, progress reports): the revision still moves. */
export const bumpRevision = (table: Versioned) => ({ revision: sql`${table.revision} + 1` });
