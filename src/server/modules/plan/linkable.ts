/**
 * The plan's records other modules may link to (platform/records): its actions and objectives, by
 * id, with their current title and the page that shows them. Hidden from a reader the plan's own
 * rule does not let read the plan (a staff member sees only the plan in force), and from any other
 * organisation. Registered when the plan module loads.
 */
import { sql } from 'drizzle-orm';
import type { Actor } from '../../platform/authz/actor.js';
import type { Queryable } from '../../platform/db/pool.js';
import { registerLinkableRecords, type LinkedRecord } from '../../platform/records/index.js';
import type { PlanStatus } from './contract.js';
import * as P from './policy.js';

const uuidList = (ids: readonly string[]) => sql`ARRAY[${sql.join(ids.map((i) => sql`${i}`), sql`, `)}]::uuid[]`;

type Row = { id: string; plan_id: string; title: string; status: PlanStatus };

async function resolve(table: 'plan_action' | 'plan_objective', tx: Queryable, orgId: string, ids: readonly string[], actor: Actor) {
  const out = new Map<string, LinkedRecord>();
  if (ids.length === 0) return out;
  const pa = P.planActor(actor, orgId);
  const r = await tx.execute<Row>(sql`
    SELECT e.id, e.plan_id, e.title, p.status FROM ${sql.identifier(table)} e JOIN plan p ON p.id = e.plan_id AND p.organisation_id = e.organisation_id
     WHERE e.organisation_id = ${orgId} AND e.id = ANY(${uuidList(ids)})`);
  for (const x of r.rows) {
    if (!P.canReadPlan(pa, x)) continue;
    const base = `/o/${orgId}/plans/${x.plan_id}/actions`;
    out.set(x.id, { title: x.title, url: table === 'plan_action' ? `${base}?action=${x.id}` : base });
  }
  return out;
}

export const PLAN_LINK_KINDS = { action: 'plan.action', objective: 'plan.objective' } as const;

registerLinkableRecords(
  { kind: PLAN_LINK_KINDS.action, resolve: (tx, orgId, ids, actor) => resolve('plan_action', tx, orgId, ids, actor) },
  { kind: PLAN_LINK_KINDS.objective, resolve: (tx, orgId, ids, actor) => resolve('plan_objective', tx, orgId, ids, actor) },
);
