import { sql } from 'drizzle-orm';
import type { OrganisationKind } from '../../../shared/roles.js';
import { recordAudit, type AuditContext } from '../audit/service.js';
import type { Actor } from '../authz/actor.js';
import { policy, type RoutePolicy } from '../authz/route-policy.js';
import type { Db, Queryable, Tx } from '../db/pool.js';
import { withSystemTx } from '../db/tx.js';
import { forbidden } from '../errors.js';
import { suppressCount, suppressGroup, type Cell } from './suppression.js';
import { SUPPRESS_BELOW, suppressBelowFrom } from './threshold.js';

export { suppressCount, suppressGroup, type Cell } from './suppression.js';
export { SUPPRESS_BELOW, suppressBelowFrom } from './threshold.js';

/** Kinds of organisation whose members may hold the 'oversight' role (AIG, Comité P). */
export const OVERSIGHT_KINDS: readonly OrganisationKind[] = ['inspectorate', 'oversight_body'];

/** Organisations in which the actor holds a current 'oversight' grant (not yet checked for kind). */
export const oversightGrantOrgs = (a: Actor) => a.grants.filter((g) => g.role === 'oversight').map((g) => g.organisationId);

/**
 * The organisations in which the actor exercises oversight: a current 'oversight' grant in an
 * inspectorate or oversight body. Role assignment already refuses 'oversight' elsewhere; the
 * kind is checked again because a grant is only as good as the organisation it lives in.
 */
export async function oversightOrganisationsOf(q: Queryable, a: Actor): Promise<string[]> {
  const ids = [...new Set(oversightGrantOrgs(a))];
  if (ids.length === 0) return [];
  const r = await q.execute<{ id: string }>(sql`
    SELECT id FROM organisation
     WHERE id IN (${sql.join(ids.map((i) => sql`${i}::uuid`), sql`, `)})
       AND kind IN (${sql.join(OVERSIGHT_KINDS.map((k) => sql`${k}`), sql`, `)})
     ORDER BY id`);
  return r.rows.map((x) => x.id);
}

/** Route policy of every oversight route: a current 'oversight' role in an inspectorate or oversight body. */
export function oversightPolicy(db: Db): RoutePolicy {
  return policy.custom('oversight', async (a: Actor) => (await oversightOrganisationsOf(db, a)).length > 0);
}

/** Who reads: the signed-in actor and where from (the audit event of the read). */
export interface OversightReader {
  actor: Actor;
  audit: AuditContext;
}

/** What an aggregate's `run` gets: the system-scope transaction and the suppression rules with each organisation's threshold. */
export interface OversightScope {
  tx: Tx;
  /** The smallest count shown in figures about this organisation (its `statisticsSuppressBelow`). */
  below(orgId: string): number;
  /** A count about one organisation, published without a total beside it. */
  count(orgId: string, n: number): Cell;
  /** Counts about one organisation published with their total (complementary suppression). */
  group<K extends string>(orgId: string, counts: Record<K, number>): { cells: Record<K, Cell>; total: Cell };
}

export interface OversightRead<T> {
  /** Audit action of the read, `<module>.oversight_read`. */
  action: string;
  recordType?: string;
  run: (scope: OversightScope) => Promise<T>;
  /** Non-personal facts about the answer for the audit event (how many organisations, ...). */
  details?: (result: NoInfer<T>) => Record<string, unknown>;
}

/**
 * Runs an anonymised aggregate across organisations for an oversight reader, in one system-scope
 * transaction (row-level security lets it see every organisation): refuses anyone without a
 * current oversight role in an inspectorate or oversight body (403, also when a route forgot its
 * policy), gives the aggregate each organisation's suppression threshold, and records the read in
 * the trail of the reader's oversight organisation (each of them, for someone in both AIG and
 * Comité P), with the number of cells hidden. Figures read here must be counts, never rows.
 */
export async function readOversight<T>(db: Db, reader: OversightReader, read: OversightRead<T>): Promise<T> {
  return withSystemTx(db, async (tx) => {
    const readerOrgs = await oversightOrganisationsOf(tx, reader.actor);
    if (readerOrgs.length === 0) throw forbidden();
    const thresholds = await suppressionThresholds(tx);
    const below = (orgId: string) => thresholds.get(orgId) ?? SUPPRESS_BELOW.default;
    let hiddenCells = 0;
    const scope: OversightScope = {
      tx,
      below,
      count(orgId, n) {
        const c = suppressCount(n, below(orgId));
        if (c.suppressed) hiddenCells++;
        return c;
      },
      group(orgId, counts) {
        const g = suppressGroup(counts, below(orgId));
        hiddenCells += g.hiddenCells + (g.total.suppressed ? 1 : 0);
        return { cells: g.cells, total: g.total };
      },
    };
    const result = await read.run(scope);
    const details = { ...(read.details?.(result) ?? {}), suppressedCells: hiddenCells };
    for (const organisationId of readerOrgs) {
      await recordAudit(tx, reader.audit, { organisationId, action: read.action, recordType: read.recordType ?? 'oversight', details });
    }
    return result;
  });
}

/** Every organisation's threshold, as its settings contract reads it (one small query; a few hundred organisations). */
async function suppressionThresholds(tx: Tx): Promise<Map<string, number>> {
  const r = await tx.execute<{ id: string; below: unknown }>(sql`
    SELECT id, settings -> ${SUPPRESS_BELOW.setting}::text AS below FROM organisation`);
  return new Map(r.rows.map((x) => [x.id, suppressBelowFrom(x.below)]));
}
