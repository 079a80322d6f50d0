import { and, eq, sql } from 'drizzle-orm';
import type { Queryable } from '../../../platform/db/pool.js';
import { EditConflict, updateAtRevision } from '../../../platform/db/revision.js';
import type { PlanStatus } from '../contract.js';
import { plan, planAction, planEvaluation, planIndicator, planIndicatorMeasurement, planObjective } from '../schema.js';
import { pgArray } from './shared.js';

// Plans --------------------------------------------------------------------------------------

export type PlanRow = {
  id: string;
  organisation_id: string;
  lineage_id: string;
  version: number;
  previous_version_id: string | null;
  title: string;
  period_from: number;
  period_to: number;
  language: string;
  template_key: string;
  status: PlanStatus;
  sections: Record<string, unknown>;
  confidential_notes: string | null;
  shared_with_oversight: boolean;
  revision: number;
  created_at: Date;
  updated_at: Date;
  submitted_at: Date | null;
  submitted_by: string | null;
  approved_at: Date | null;
  in_force_at: Date | null;
  superseded_at: Date | null;
}

const PLAN_COLUMNS = sql.raw(`id, organisation_id, lineage_id, version, previous_version_id, title, period_from, period_to, language,
  template_key, status, sections, confidential_notes, shared_with_oversight, revision, created_at, updated_at, submitted_at, submitted_by, approved_at, in_force_at, superseded_at`);

export async function findPlan(q: Queryable, orgId: string, planId: string, opts: { forUpdate?: boolean } = {}): Promise<PlanRow | undefined> {
  const r = await q.execute<PlanRow>(sql`SELECT ${PLAN_COLUMNS} FROM plan WHERE organisation_id = ${orgId} AND id = ${planId} ${opts.forUpdate ? sql`FOR UPDATE` : sql``}`);
  return r.rows[0];
}

export async function listPlans(q: Queryable, orgId: string, statuses: PlanStatus[] | null): Promise<PlanRow[]> {
  const filter = statuses === null ? sql`` : sql`AND status = ANY(${pgArray(statuses)}::text[])`;
  const r = await q.execute<PlanRow>(sql`
    SELECT ${PLAN_COLUMNS} FROM plan WHERE organisation_id = ${orgId} ${filter} ORDER BY period_from DESC, lineage_id, version DESC`);
  return r.rows;
}

export async function listVersions(q: Queryable, orgId: string, lineageId: string): Promise<PlanRow[]> {
  const r = await q.execute<PlanRow>(sql`
    SELECT ${PLAN_COLUMNS} FROM plan WHERE organisation_id = ${orgId} AND lineage_id = ${lineageId} ORDER BY version`);
  return r.rows;
}

export async function insertPlan(q: Queryable, v: typeof plan.$inferInsert): Promise<string> {
  const [row] = await q.insert(plan).values(v).returning({ id: plan.id });
  return row.id;
}

/** Lifecycle changes (not form edits): the revision moves, so an editor holding the old one is told. */
export async function updatePlanColumns(q: Queryable, orgId: string, planId: string, set: Partial<typeof plan.$inferInsert>): Promise<void> {
  await q.execute(sql`UPDATE plan SET updated_at = now(), revision = revision + 1 WHERE organisation_id = ${orgId} AND id = ${planId}`);
  if (Object.keys(set).length === 0) return;
  await q.update(plan).set(set).where(and(eq(plan.organisationId, orgId), eq(plan.id, planId)));
}

/** Locks the lineage so two concurrent "new version" or approvals cannot both win. */
export async function lockLineage(q: Queryable, lineageId: string): Promise<void> {
  await q.execute(sql`SELECT pg_advisory_xact_lock(hashtext('plan_lineage'), hashtext(${lineageId}))`);
}

/** Serialises plans going in force in one organisation: the overlap check and the update then see each other. */
export async function lockInForce(q: Queryable, orgId: string): Promise<void> {
  await q.execute(sql`SELECT pg_advisory_xact_lock(hashtext('plan_in_force'), hashtext(${orgId}))`);
}

// Guarded edits (ADR 0011): compare the revision in the UPDATE itself, 409 with the current record otherwise.

type Current = () => Promise<unknown | undefined>;
const ofOrg = (t: typeof plan | typeof planObjective | typeof planIndicator | typeof planAction | typeof planEvaluation, orgId: string, id: string) =>
  and(eq(t.organisationId, orgId), eq(t.id, id))!;

export const editPlan = (q: Queryable, orgId: string, planId: string, expected: number, set: Partial<typeof plan.$inferInsert>, current: Current) =>
  updateAtRevision(q, plan, ofOrg(plan, orgId, planId), expected, { ...set, updatedAt: new Date() }, current, 'plan');

export const editObjective = (q: Queryable, orgId: string, objectiveId: string, expected: number, set: Partial<typeof planObjective.$inferInsert>, current: Current) =>
  updateAtRevision(q, planObjective, ofOrg(planObjective, orgId, objectiveId), expected, set, current, 'plan_objective');

export const editIndicator = (q: Queryable, orgId: string, indicatorId: string, expected: number, set: Partial<typeof planIndicator.$inferInsert>, current: Current) =>
  updateAtRevision(q, planIndicator, ofOrg(planIndicator, orgId, indicatorId), expected, set, current, 'plan_indicator');

export const editAction = (q: Queryable, orgId: string, actionId: string, expected: number, set: Partial<typeof planAction.$inferInsert>, current: Current) =>
  updateAtRevision(q, planAction, ofOrg(planAction, orgId, actionId), expected, { ...set, updatedAt: new Date() }, current, 'plan_action');

export const editEvaluation = (q: Queryable, orgId: string, evaluationId: string, expected: number, set: Partial<typeof planEvaluation.$inferInsert>, current: Current) =>
  updateAtRevision(q, planEvaluation, ofOrg(planEvaluation, orgId, evaluationId), expected, { ...set, updatedAt: new Date() }, current, 'plan_evaluation');

/**
 * A measurement of one year. Revision 0 means "there is none yet": two people recording the same
 * year both send 0, the first inserts, the second gets 409 with the first one's value.
 */
export async function putMeasurementAt(q: Queryable, orgId: string, planId: string, indicatorId: string, year: number, expected: number, v: { value: number; note: string | null }, current: Current): Promise<number> {
  if (expected === 0) {
    const r = await q.execute<{ revision: number }>(sql`
      INSERT INTO plan_indicator_measurement (organisation_id, plan_id, indicator_id, year, value, note)
      VALUES (${orgId}, ${planId}, ${indicatorId}, ${year}, ${String(v.value)}::numeric, ${v.note})
      ON CONFLICT (indicator_id, year) DO NOTHING RETURNING revision`);
    if (r.rows.length === 1) return r.rows[0].revision;
    throw new EditConflict(await current());
  }
  return updateAtRevision(q, planIndicatorMeasurement,
    and(eq(planIndicatorMeasurement.organisationId, orgId), eq(planIndicatorMeasurement.indicatorId, indicatorId), eq(planIndicatorMeasurement.year, year))!,
    expected, { value: String(v.value), note: v.note }, current, 'plan_measurement');
}

/**
 * New codes (a renumbering): one statement per table, each changed row's revision moved so an editor
 * holding the old one is told (ADR 0011). Returns the number of rows changed.
 */
export async function setCodes(q: Queryable, orgId: string, planId: string, table: 'plan_objective' | 'plan_action', codes: { id: string; code: string }[]): Promise<number> {
  if (codes.length === 0) return 0;
  const t = sql.raw(table);
  const stamp = table === 'plan_action' ? sql`, updated_at = now()` : sql``;
  const r = await q.execute(sql`
    UPDATE ${t} x SET code = c.code, revision = x.revision + 1 ${stamp}
      FROM unnest(${pgArray(codes.map((c) => c.id))}::uuid[], ${pgArray(codes.map((c) => c.code))}::text[]) AS c(id, code)
     WHERE x.organisation_id = ${orgId} AND x.plan_id = ${planId} AND x.id = c.id`);
  return r.rowCount ?? 0;
}
