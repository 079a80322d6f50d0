import { sql } from 'drizzle-orm';
import type { Queryable } from '../../../platform/db/pool.js';
import { planIndicator } from '../schema.js';
import { objectiveOrder } from './shared.js';

// Indicators ---------------------------------------------------------------------------------

export type IndicatorRow = {
  id: string;
  objective_id: string;
  action_id: string | null;
  name: string;
  unit: string | null;
  baseline: number | null;
  target: number | null;
  position: number;
  revision: number;
  measurements: { year: number; value: number; note: string | null; revision: number }[];
}

export async function listIndicators(q: Queryable, orgId: string, planId: string): Promise<IndicatorRow[]> {
  const r = await q.execute<IndicatorRow>(sql`
    SELECT i.id, i.objective_id, i.action_id, i.name, i.unit, i.baseline::float8 AS baseline, i.target::float8 AS target, i.position, i.revision,
           coalesce((SELECT json_agg(json_build_object('year', m.year, 'value', m.value::float8, 'note', m.note, 'revision', m.revision) ORDER BY m.year)
                       FROM plan_indicator_measurement m WHERE m.indicator_id = i.id), '[]'::json) AS measurements
      FROM plan_indicator i
     WHERE i.organisation_id = ${orgId} AND i.plan_id = ${planId}
     ORDER BY ${objectiveOrder(sql`i.objective_id`)}, i.action_id IS NOT NULL, i.position, i.name, i.id`);
  return r.rows;
}

export async function findIndicator(q: Queryable, orgId: string, planId: string, indicatorId: string): Promise<{ id: string; objective_id: string; action_id: string | null } | undefined> {
  const r = await q.execute<{ id: string; objective_id: string; action_id: string | null }>(sql`
    SELECT id, objective_id, action_id FROM plan_indicator WHERE organisation_id = ${orgId} AND plan_id = ${planId} AND id = ${indicatorId}`);
  return r.rows[0];
}

export async function insertIndicators(q: Queryable, rows: (typeof planIndicator.$inferInsert)[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) await q.insert(planIndicator).values(rows.slice(i, i + 500));
}

export async function deleteIndicator(q: Queryable, orgId: string, indicatorId: string): Promise<void> {
  await q.execute(sql`DELETE FROM plan_indicator WHERE organisation_id = ${orgId} AND id = ${indicatorId}`);
}

/** An action moved to another objective: its indicators follow (their objective is the action's). */
export async function moveActionIndicators(q: Queryable, orgId: string, actionId: string, objectiveId: string): Promise<void> {
  await q.execute(sql`UPDATE plan_indicator SET objective_id = ${objectiveId}, revision = revision + 1 WHERE organisation_id = ${orgId} AND action_id = ${actionId}`);
}

export async function deleteMeasurement(q: Queryable, orgId: string, indicatorId: string, year: number): Promise<number> {
  const r = await q.execute(sql`DELETE FROM plan_indicator_measurement WHERE organisation_id = ${orgId} AND indicator_id = ${indicatorId} AND year = ${year}`);
  return r.rowCount ?? 0;
}
