/**
 * What other modules may read of a plan's entries, by id: the maturity measurement shows the actions
 * an assessor named as evidence and the entries made from a gap. Title, status (with 'late' derived)
 * and progress only: never notes, owners or evidence. Runs in the caller's organisation-scoped transaction.
 */
import { sql } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/pool.js';
import { effectiveStatus } from './repo.js';

export interface PlanEntryRef {
  id: string;
  kind: 'action' | 'objective';
  planId: string;
  title: string;
  /** Action status as the plan shows it; null for objectives. */
  status: string | null;
  progress: number | null;
}

const uuidList = (ids: readonly string[]) => sql`ARRAY[${sql.join(ids.map((i) => sql`${i}`), sql`, `)}]::uuid[]`;

/** The organisation's plan actions and objectives among `ids` (unknown ids or another organisation's are left out). */
export async function planEntriesOf(q: Queryable, orgId: string, ids: { actionIds?: readonly string[]; objectiveIds?: readonly string[] }): Promise<PlanEntryRef[]> {
  const out: PlanEntryRef[] = [];
  const actionIds = [...new Set(ids.actionIds ?? [])];
  const objectiveIds = [...new Set(ids.objectiveIds ?? [])];
  if (actionIds.length > 0) {
    const r = await q.execute<{ id: string; plan_id: string; title: string; status: string; progress: number }>(sql`
      SELECT a.id, a.plan_id, a.title, ${effectiveStatus()} AS status, a.progress
        FROM plan_action a WHERE a.organisation_id = ${orgId} AND a.id = ANY(${uuidList(actionIds)})`);
    for (const x of r.rows) out.push({ id: x.id, kind: 'action', planId: x.plan_id, title: x.title, status: x.status, progress: x.progress });
  }
  if (objectiveIds.length > 0) {
    const r = await q.execute<{ id: string; plan_id: string; title: string }>(sql`
      SELECT o.id, o.plan_id, o.title FROM plan_objective o WHERE o.organisation_id = ${orgId} AND o.id = ANY(${uuidList(objectiveIds)})`);
    for (const x of r.rows) out.push({ id: x.id, kind: 'objective', planId: x.plan_id, title: x.title, status: null, progress: null });
  }
  return out;
}
