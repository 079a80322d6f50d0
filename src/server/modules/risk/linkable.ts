/**
 * The risk analysis's records other modules may link to (platform/records), e.g. as a maturity
 * score's evidence: its completed analyses, by id, with their title, the day they were completed and
 * the page that shows them. Only completed ones: an analysis still being scored or consolidated is
 * no evidence yet. Hidden from a reader the analysis's own rule does not let read it (officer and
 * chief: every analysis; anybody else: the analyses they took part in) and from any other organisation.
 *
 * The dilemma inventory offers nothing: a dilemma has no title that is not the staff member's own
 * (sealed) words, and an anonymous one must not become findable from another module.
 * Registered when the risk module loads.
 */
import { sql } from 'drizzle-orm';
import type { Actor } from '../../platform/authz/actor.js';
import type { Queryable } from '../../platform/db/pool.js';
import { registerLinkableRecords, type LinkableCandidate } from '../../platform/records/index.js';
import * as P from './policy.js';

export const RISK_LINK_KINDS = { analysis: 'risk.analysis' } as const;

const uuidList = (ids: readonly string[]) => sql`ARRAY[${sql.join(ids.map((i) => sql`${i}`), sql`, `)}]::uuid[]`;

type Row = { id: string; title: string; completed_on: string; participant: boolean };

/** Completed analyses of the organisation the actor may read, newest first; `ids`: only those. */
async function completedAnalyses(tx: Queryable, orgId: string, actor: Actor, ids: readonly string[] | null): Promise<LinkableCandidate[]> {
  const manager = P.isManager(P.riskActor(actor, orgId));
  const r = await tx.execute<Row>(sql`
    SELECT m.id, m.title, to_char(m.completed_at AT TIME ZONE 'Europe/Brussels', 'YYYY-MM-DD') AS completed_on,
           EXISTS (SELECT 1 FROM risk_participant x WHERE x.organisation_id = m.organisation_id AND x.analysis_id = m.id AND x.user_id = ${actor.userId}) AS participant
      FROM risk_analysis m
     WHERE m.organisation_id = ${orgId} AND m.status = 'completed'
       ${ids ? sql`AND m.id = ANY(${uuidList(ids)})` : sql``}
     ORDER BY m.completed_at DESC, m.id`);
  return r.rows
    .filter((x) => manager || P.canRead(P.riskActor(actor, orgId, x.participant)))
    .map((x) => ({ id: x.id, title: x.title, url: `/o/${orgId}/risk/analyses/${x.id}`, date: x.completed_on }));
}

registerLinkableRecords({
  kind: RISK_LINK_KINDS.analysis,
  resolve: async (tx, orgId, ids, actor) =>
    new Map(ids.length === 0 ? [] : (await completedAnalyses(tx, orgId, actor, ids)).map((x) => [x.id, { title: x.title, url: x.url }])),
  list: (tx, orgId, actor) => completedAnalyses(tx, orgId, actor, null),
});
