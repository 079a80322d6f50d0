import { randomUUID } from 'node:crypto';
import { and, eq, sql, type SQL } from 'drizzle-orm';
import { currentRoleCondition } from '../../platform/authz/current-role.js';
import type { Queryable } from '../../platform/db/pool.js';
import { EditConflict, updateAtRevision } from '../../platform/db/revision.js';
import { copyFilesOf } from '../../platform/files/index.js';
import type { ActionFilters, PlanStatus } from './contract.js';
import { plan, planAction, planEvaluation, planIndicator, planIndicatorMeasurement, planObjective } from './schema.js';

/**
 * Queries of the plan module. Every query of a tenant row filters on organisation_id, lookups
 * by id included, so an id of another organisation is simply not found.
 */

/** A uuid[] (or text[]) literal passed as one parameter; drizzle would expand a JS array into a value list. */
export const pgArray = (values: string[]) => `{${values.map((v) => `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;

/** The effective status of an action: 'late' is derived here, never stored. `today` null means current_date. */
export const effectiveStatus = (today: string | null = null): SQL =>
  sql`CASE WHEN a.status IN ('planned', 'in_progress') AND a.due_date < coalesce(${today}::date, current_date) THEN 'late' ELSE a.status END`;

/**
 * SQL sort key of a code in natural order ("SD 2" < "SD 10", "O.D. 1.2" < "O.D. 1.10"): digit runs
 * zero-padded, the rest lower-cased, compared bytewise; an empty or missing code gives NULL (sort it
 * last). The server's counterpart of `compareCodes` (src/shared/natural-sort.ts); no collation or
 * function in the database is needed, so it runs on any PostgreSQL (and Citus) as it is.
 */
export const naturalSortKey = (code: SQL): SQL => sql`(SELECT string_agg(CASE WHEN m.part[1] ~ '^[0-9]' THEN lpad(m.part[1], 20, '0') ELSE lower(m.part[1]) END, '' ORDER BY m.n)
    FROM regexp_matches(coalesce(${code}, ''), '[0-9]+|[^0-9]+', 'g') WITH ORDINALITY AS m(part, n)) COLLATE "C"`;

/**
 * Rows grouped by objective in the order of the plan's tree: SD 1, its OD 1.1, OD 1.2 … OD 1.10, then
 * SD 2 (the SD's key, then the OD's), the objective's position breaking ties.
 */
const objectiveOrder = (objectiveId: SQL): SQL => sql`
  (SELECT concat_ws(chr(1), ${naturalSortKey(sql`po.code`)}, ${naturalSortKey(sql`ob.code`)})
     FROM plan_objective ob LEFT JOIN plan_objective po ON po.id = ob.parent_id WHERE ob.id = ${objectiveId}) COLLATE "C" NULLS LAST,
  (SELECT ob.position FROM plan_objective ob WHERE ob.id = ${objectiveId}), ${objectiveId}`;

/** Actions of one objective: natural order of their codes (actions without one after), then their position. */
const ACTION_ORDER = sql`${naturalSortKey(sql`a.code`)} NULLS LAST, a.position, a.created_at, a.id`;

const iso = (d: unknown): string | null => (d === null || d === undefined ? null : d instanceof Date ? d.toISOString() : String(d));
export { iso };

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

// Objectives, indicators, actions --------------------------------------------------------------

export type ObjectiveRow = {
  id: string;
  plan_id: string;
  parent_id: string | null;
  code: string;
  title: string;
  description: string | null;
  owner_label: string | null;
  /** The owner's account: the staff member's when one owns it (see OWNER_ACCOUNT). */
  owner_user_id: string | null;
  owner_name: string | null;
  owner_unit_id: string | null;
  unit_name: string | null;
  co_actors: string[];
  position: number;
  revision: number;
} & OwnerPersonColumns;

/** The staff member owning an objective or action (HR list), with their account and unit as they are now. */
export type OwnerPersonColumns = {
  owner_person_id: string | null;
  owner_person_name: string | null;
  owner_person_user_id: string | null;
  owner_person_unit_id: string | null;
};

/**
 * The account that owns a row aliased `alias` whose person is joined as `pe`: the staff member's current
 * account when a person owns it (none: nobody by account), else the account given directly.
 */
export const ownerAccount = (alias: string): SQL => sql.raw(`CASE WHEN ${alias}.owner_person_id IS NOT NULL THEN pe.user_id ELSE ${alias}.owner_user_id END`);
const OWNER_PERSON_COLUMNS = (alias: string): SQL => sql.raw(`${alias}.owner_person_id,
  CASE WHEN pe.id IS NULL THEN NULL ELSE concat_ws(' ', pe.first_name, pe.last_name) END AS owner_person_name,
  pe.user_id AS owner_person_user_id, pe.unit_id AS owner_person_unit_id`);
const OWNER_PERSON_JOIN = (alias: string): SQL => sql.raw(`LEFT JOIN person pe ON pe.id = ${alias}.owner_person_id AND pe.organisation_id = ${alias}.organisation_id`);

export async function listObjectives(q: Queryable, orgId: string, planId: string): Promise<ObjectiveRow[]> {
  const r = await q.execute<ObjectiveRow>(sql`
    SELECT o.id, o.plan_id, o.parent_id, o.code, o.title, o.description, o.owner_label, ${ownerAccount('o')} AS owner_user_id, u.display_name AS owner_name,
           o.owner_unit_id, ou.name AS unit_name, o.co_actors, o.position, o.revision, ${OWNER_PERSON_COLUMNS('o')}
      FROM plan_objective o
      ${OWNER_PERSON_JOIN('o')}
      LEFT JOIN app_user u ON u.id = ${ownerAccount('o')}
      LEFT JOIN org_unit ou ON ou.id = o.owner_unit_id AND ou.organisation_id = o.organisation_id
     WHERE o.organisation_id = ${orgId} AND o.plan_id = ${planId}
     ORDER BY ${naturalSortKey(sql`o.code`)} NULLS LAST, o.position, o.title, o.id`);
  return r.rows;
}

export async function findObjective(q: Queryable, orgId: string, planId: string, objectiveId: string): Promise<ObjectiveRow | undefined> {
  const r = await q.execute<ObjectiveRow>(sql`
    SELECT o.id, o.plan_id, o.parent_id, o.code, o.title, o.description, o.owner_label, ${ownerAccount('o')} AS owner_user_id, NULL AS owner_name,
           o.owner_unit_id, NULL AS unit_name, o.co_actors, o.position, o.revision, ${OWNER_PERSON_COLUMNS('o')}
      FROM plan_objective o ${OWNER_PERSON_JOIN('o')} WHERE o.organisation_id = ${orgId} AND o.plan_id = ${planId} AND o.id = ${objectiveId}`);
  return r.rows[0];
}

export async function insertObjectives(q: Queryable, rows: (typeof planObjective.$inferInsert)[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) await q.insert(planObjective).values(rows.slice(i, i + 500));
}

export async function objectiveDependents(q: Queryable, orgId: string, objectiveId: string): Promise<number> {
  const r = await q.execute<{ n: number }>(sql`
    SELECT (SELECT count(*) FROM plan_objective WHERE organisation_id = ${orgId} AND parent_id = ${objectiveId})
         + (SELECT count(*) FROM plan_action WHERE organisation_id = ${orgId} AND objective_id = ${objectiveId})
         + (SELECT count(*) FROM plan_indicator WHERE organisation_id = ${orgId} AND objective_id = ${objectiveId}) AS n`);
  return Number(r.rows[0].n);
}

export async function deleteObjective(q: Queryable, orgId: string, objectiveId: string): Promise<void> {
  await q.execute(sql`DELETE FROM plan_objective WHERE organisation_id = ${orgId} AND id = ${objectiveId}`);
}

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

export type ActionRow = {
  id: string;
  plan_id: string;
  objective_id: string;
  source_action_id: string | null;
  code: string | null;
  title: string;
  description: string | null;
  owner_label: string | null;
  /** The owner's account: the staff member's when one owns it (see ownerAccount). */
  owner_user_id: string | null;
  owner_name: string | null;
  owner_unit_id: string | null;
  unit_name: string | null;
  co_actors: string[];
  start_date: string | null;
  due_date: string | null;
  timing_label: string | null;
  stored_status: 'planned' | 'in_progress' | 'done' | 'stopped';
  status: 'planned' | 'in_progress' | 'done' | 'late' | 'stopped';
  progress: number;
  imf_function: string | null;
  imf_layer: string | null;
  nature: string | null;
  means_time: string | null;
  means_budget_eur: number | null;
  means_people: string | null;
  means_note: string | null;
  notes: string | null;
  position: number;
  revision: number;
  updated_at: Date;
  evidence_count: number;
  last_update_at: Date | null;
} & OwnerPersonColumns;

const ACTION_SELECT = (today: string | null) => sql`
  SELECT a.id, a.plan_id, a.objective_id, a.source_action_id, a.code, a.title, a.description, a.owner_label, ${ownerAccount('a')} AS owner_user_id,
         u.display_name AS owner_name, a.owner_unit_id, ou.name AS unit_name, ${OWNER_PERSON_COLUMNS('a')}, a.co_actors, a.start_date, a.due_date, a.timing_label,
         a.status AS stored_status, ${effectiveStatus(today)} AS status, a.progress, a.imf_function, a.imf_layer, a.nature,
         a.means_time, a.means_budget_eur::float8 AS means_budget_eur, a.means_people, a.means_note, a.notes, a.position, a.revision, a.updated_at,
         (SELECT count(*)::int FROM plan_action_evidence e WHERE e.action_id = a.id) AS evidence_count,
         (SELECT max(x.at) FROM plan_action_update x WHERE x.action_id = a.id) AS last_update_at
    FROM plan_action a
    ${OWNER_PERSON_JOIN('a')}
    LEFT JOIN app_user u ON u.id = ${ownerAccount('a')}
    LEFT JOIN org_unit ou ON ou.id = a.owner_unit_id AND ou.organisation_id = a.organisation_id`;

function actionFilterSql(orgId: string, f: ActionFilters, today: string | null): SQL {
  const parts: SQL[] = [];
  // An owner is an account or a staff member (person): either id filters.
  if (f.owner) parts.push(sql`(${ownerAccount('a')} = ${f.owner} OR a.owner_person_id = ${f.owner})`);
  // A unit stands for itself and the units under it, as its head answers for them.
  if (f.unit) parts.push(sql`a.owner_unit_id IN ${unitSubtree(orgId, f.unit)}`);
  if (f.status) parts.push(sql`${effectiveStatus(today)} = ${f.status}`);
  if (f.imfFunction) parts.push(sql`a.imf_function = ${f.imfFunction}`);
  if (f.year) {
    parts.push(sql`(a.start_date IS NULL OR a.start_date <= make_date(${f.year}::int, 12, 31))`);
    parts.push(sql`(a.due_date IS NULL OR a.due_date >= make_date(${f.year}::int, 1, 1))`);
  }
  return parts.length ? sql`AND ${sql.join(parts, sql` AND `)}` : sql``;
}

export async function listActions(q: Queryable, orgId: string, planId: string, filters: ActionFilters = {}, today: string | null = null): Promise<ActionRow[]> {
  const r = await q.execute<ActionRow>(sql`
    ${ACTION_SELECT(today)}
     WHERE a.organisation_id = ${orgId} AND a.plan_id = ${planId} ${actionFilterSql(orgId, filters, today)}
     ORDER BY ${objectiveOrder(sql`a.objective_id`)}, ${ACTION_ORDER}`);
  return r.rows;
}

export async function findAction(q: Queryable, orgId: string, planId: string, actionId: string, opts: { forUpdate?: boolean } = {}): Promise<ActionRow | undefined> {
  if (opts.forUpdate) await q.execute(sql`SELECT 1 FROM plan_action WHERE organisation_id = ${orgId} AND id = ${actionId} FOR UPDATE`);
  const r = await q.execute<ActionRow>(sql`
    ${ACTION_SELECT(null)} WHERE a.organisation_id = ${orgId} AND a.plan_id = ${planId} AND a.id = ${actionId}`);
  return r.rows[0];
}

/** Counts per objective and effective status over all actions of the plan (the flags ignore filters). */
export async function actionCounts(q: Queryable, orgId: string, planId: string, today: string | null = null): Promise<{ objective_id: string; status: string; n: number }[]> {
  const r = await q.execute<{ objective_id: string; status: string; n: number }>(sql`
    SELECT a.objective_id, ${effectiveStatus(today)} AS status, count(*)::int AS n
      FROM plan_action a WHERE a.organisation_id = ${orgId} AND a.plan_id = ${planId}
     GROUP BY 1, 2`);
  return r.rows;
}

export async function insertActions(q: Queryable, rows: (typeof planAction.$inferInsert)[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) await q.insert(planAction).values(rows.slice(i, i + 500));
}

export async function updateAction(q: Queryable, orgId: string, actionId: string, set: Partial<typeof planAction.$inferInsert>): Promise<void> {
  // Progress reports are not form edits but still change the row: the revision moves (ADR 0011).
  await q.update(planAction).set({ ...set, updatedAt: new Date(), revision: sql`${planAction.revision} + 1` }).where(and(eq(planAction.organisationId, orgId), eq(planAction.id, actionId)));
}

export async function deleteAction(q: Queryable, orgId: string, actionId: string): Promise<void> {
  await q.execute(sql`DELETE FROM plan_action WHERE organisation_id = ${orgId} AND id = ${actionId}`);
}

export async function insertActionUpdate(q: Queryable, v: { orgId: string; planId: string; actionId: string; by: string; status: string; progress: number; note: string | null }): Promise<void> {
  await q.execute(sql`
    INSERT INTO plan_action_update (organisation_id, plan_id, action_id, by, status, progress, note)
    VALUES (${v.orgId}, ${v.planId}, ${v.actionId}, ${v.by}, ${v.status}, ${v.progress}, ${v.note})`);
}

export type ActionUpdateRow = { id: number; at: Date; by: string | null; by_name: string | null; status: string; progress: number; note: string | null }

export async function listActionUpdates(q: Queryable, orgId: string, actionId: string): Promise<ActionUpdateRow[]> {
  const r = await q.execute<ActionUpdateRow>(sql`
    SELECT x.id, x.at, x.by, u.display_name AS by_name, x.status, x.progress, x.note
      FROM plan_action_update x LEFT JOIN app_user u ON u.id = x.by
     WHERE x.organisation_id = ${orgId} AND x.action_id = ${actionId}
     ORDER BY x.at DESC, x.id DESC LIMIT 500`);
  return r.rows;
}

// Evidence -----------------------------------------------------------------------------------

/** The record type of evidence files on the platform's file store: the action they prove (migration 0019 uses it too). */
export const EVIDENCE_FILE_RECORD = 'plan_action';

export type EvidenceRow = { id: string; action_id: string; filename: string; content_type: string; size: number; sha256: string; uploaded_by: string | null; uploader_name: string | null; uploaded_at: Date }

/** The evidence row of a file stored on the platform (same id); name, type, size and digest as stored there. */
export async function insertEvidence(q: Queryable, v: { id: string; orgId: string; planId: string; actionId: string; fileId: string; filename: string; contentType: string; size: number; sha256: string; by: string }): Promise<void> {
  await q.execute(sql`
    INSERT INTO plan_action_evidence (id, organisation_id, plan_id, action_id, file_id, filename, content_type, size, sha256, uploaded_by)
    VALUES (${v.id}, ${v.orgId}, ${v.planId}, ${v.actionId}, ${v.fileId}, ${v.filename}, ${v.contentType}, ${v.size}, ${v.sha256}, ${v.by})`);
}

export async function listEvidence(q: Queryable, orgId: string, actionId: string): Promise<EvidenceRow[]> {
  const r = await q.execute<EvidenceRow>(sql`
    SELECT e.id, e.action_id, e.filename, e.content_type, e.size, e.sha256, e.uploaded_by, u.display_name AS uploader_name, e.uploaded_at
      FROM plan_action_evidence e LEFT JOIN app_user u ON u.id = e.uploaded_by
     WHERE e.organisation_id = ${orgId} AND e.action_id = ${actionId} ORDER BY e.uploaded_at, e.id`);
  return r.rows;
}

/** `file_id` for a file on the platform; otherwise `data` holds the (sealed) content of a row written the old way. */
export async function findEvidence(q: Queryable, orgId: string, actionId: string, evidenceId: string): Promise<{ file_id: string | null; filename: string; content_type: string; data: Buffer | null } | undefined> {
  const r = await q.execute<{ file_id: string | null; filename: string; content_type: string; data: Buffer | null }>(sql`
    SELECT file_id, filename, content_type, data FROM plan_action_evidence WHERE organisation_id = ${orgId} AND action_id = ${actionId} AND id = ${evidenceId}`);
  return r.rows[0];
}

export async function deleteEvidence(q: Queryable, orgId: string, actionId: string, evidenceId: string): Promise<number> {
  const r = await q.execute(sql`DELETE FROM plan_action_evidence WHERE organisation_id = ${orgId} AND action_id = ${actionId} AND id = ${evidenceId}`);
  return r.rowCount ?? 0;
}

/**
 * The evidence of the actions copied into a new version: each file on the platform is copied onto
 * the new action (copyFilesOf, content as it is) with an evidence row under the copy's id; rows
 * written the old way are copied with their content.
 */
async function copyEvidence(q: Queryable, orgId: string, fromPlanId: string, toPlanId: string): Promise<void> {
  const pairs = await q.execute<{ from: string; to: string }>(sql`
    SELECT source_action_id AS "from", id AS "to" FROM plan_action
     WHERE organisation_id = ${orgId} AND plan_id = ${toPlanId} AND source_action_id IS NOT NULL`);
  const copies = await copyFilesOf(q, orgId, EVIDENCE_FILE_RECORD, pairs.rows);
  const oldIds = [...copies.keys()];
  await q.execute(sql`
    WITH m AS (SELECT * FROM unnest(${pgArray(oldIds)}::uuid[], ${pgArray(oldIds.map((id) => copies.get(id)!))}::uuid[]) AS m(old_id, new_id))
    INSERT INTO plan_action_evidence (id, organisation_id, plan_id, action_id, file_id, filename, content_type, size, sha256, uploaded_by, uploaded_at)
    SELECT m.new_id, e.organisation_id, ${toPlanId}, na.id, m.new_id, e.filename, e.content_type, e.size, e.sha256, e.uploaded_by, e.uploaded_at
      FROM plan_action_evidence e JOIN m ON m.old_id = e.file_id
      JOIN plan_action na ON na.source_action_id = e.action_id AND na.plan_id = ${toPlanId} AND na.organisation_id = ${orgId}
     WHERE e.organisation_id = ${orgId} AND e.plan_id = ${fromPlanId}`);
  await q.execute(sql`
    INSERT INTO plan_action_evidence (organisation_id, plan_id, action_id, filename, content_type, size, sha256, data, uploaded_by, uploaded_at)
    SELECT e.organisation_id, ${toPlanId}, na.id, e.filename, e.content_type, e.size, e.sha256, e.data, e.uploaded_by, e.uploaded_at
      FROM plan_action_evidence e JOIN plan_action na ON na.source_action_id = e.action_id AND na.plan_id = ${toPlanId} AND na.organisation_id = ${orgId}
     WHERE e.organisation_id = ${orgId} AND e.plan_id = ${fromPlanId} AND e.file_id IS NULL`);
}

// People around the plan -----------------------------------------------------------------------

/** True when the user holds a current role in the organisation (owners must belong to it). */
export async function isMember(q: Queryable, orgId: string, userId: string): Promise<boolean> {
  const r = await q.execute<{ ok: boolean }>(sql`
    SELECT EXISTS (SELECT 1 FROM role_assignment WHERE organisation_id = ${orgId} AND user_id = ${userId} AND ${currentRoleCondition('')}) AS ok`);
  return r.rows[0].ok;
}

/** A staff member of the organisation (HR list), leavers included: the owner field may keep a past owner. */
export async function findPerson(q: Queryable, orgId: string, personId: string): Promise<{ id: string; user_id: string | null; unit_id: string | null } | undefined> {
  const r = await q.execute<{ id: string; user_id: string | null; unit_id: string | null }>(sql`
    SELECT id, user_id, unit_id FROM person WHERE organisation_id = ${orgId} AND id = ${personId}`);
  return r.rows[0];
}

/** The staff member an account belongs to in the organisation (the current record first), if any. */
export async function personOfUser(q: Queryable, orgId: string, userId: string): Promise<{ id: string; user_id: string | null; unit_id: string | null } | undefined> {
  const r = await q.execute<{ id: string; user_id: string | null; unit_id: string | null }>(sql`
    SELECT id, user_id, unit_id FROM person WHERE organisation_id = ${orgId} AND user_id = ${userId}
     ORDER BY end_date DESC NULLS FIRST, start_date DESC, id LIMIT 1`);
  return r.rows[0];
}

export async function unitExists(q: Queryable, orgId: string, unitId: string): Promise<boolean> {
  const r = await q.execute<{ ok: boolean }>(sql`SELECT EXISTS (SELECT 1 FROM org_unit WHERE organisation_id = ${orgId} AND id = ${unitId}) AS ok`);
  return r.rows[0].ok;
}

/** SQL: the unit and every unit under it, as a subquery for `IN (...)`. */
export function unitSubtree(orgId: string, unitId: string | SQL): SQL {
  return sql`(WITH RECURSIVE sub AS (
      SELECT id FROM org_unit WHERE organisation_id = ${orgId} AND id = ${unitId}
      UNION
      SELECT u.id FROM org_unit u JOIN sub ON u.parent_id = sub.id WHERE u.organisation_id = ${orgId})
    SELECT id FROM sub)`;
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

// Versions -----------------------------------------------------------------------------------

/** Deep copy of objectives, indicators, measurements, actions and evidence into another plan row, set-based. */
export async function copyPlanContents(q: Queryable, orgId: string, fromPlanId: string, toPlanId: string): Promise<void> {
  const objectives = await q.execute<{ id: string }>(sql`SELECT id FROM plan_objective WHERE organisation_id = ${orgId} AND plan_id = ${fromPlanId}`);
  const oldO = objectives.rows.map((r) => r.id);
  const newO = oldO.map(() => randomUUID());
  await q.execute(sql`
    WITH m AS (SELECT * FROM unnest(${pgArray(oldO)}::uuid[], ${pgArray(newO)}::uuid[]) AS m(old_id, new_id))
    INSERT INTO plan_objective (id, organisation_id, plan_id, parent_id, code, title, description, owner_label, owner_user_id, owner_person_id, owner_unit_id, co_actors, position)
    SELECT m.new_id, o.organisation_id, ${toPlanId}, pm.new_id, o.code, o.title, o.description, o.owner_label, o.owner_user_id, o.owner_person_id, o.owner_unit_id, o.co_actors, o.position
      FROM plan_objective o JOIN m ON m.old_id = o.id LEFT JOIN m pm ON pm.old_id = o.parent_id
     WHERE o.organisation_id = ${orgId} AND o.plan_id = ${fromPlanId}`);
  const indicators = await q.execute<{ id: string }>(sql`SELECT id FROM plan_indicator WHERE organisation_id = ${orgId} AND plan_id = ${fromPlanId}`);
  const oldI = indicators.rows.map((r) => r.id);
  const newI = oldI.map(() => randomUUID());
  await q.execute(sql`
    WITH mo AS (SELECT * FROM unnest(${pgArray(oldO)}::uuid[], ${pgArray(newO)}::uuid[]) AS m(old_id, new_id)),
         mi AS (SELECT * FROM unnest(${pgArray(oldI)}::uuid[], ${pgArray(newI)}::uuid[]) AS m(old_id, new_id))
    INSERT INTO plan_indicator (id, organisation_id, plan_id, objective_id, name, unit, baseline, target, position)
    SELECT mi.new_id, i.organisation_id, ${toPlanId}, mo.new_id, i.name, i.unit, i.baseline, i.target, i.position
      FROM plan_indicator i JOIN mi ON mi.old_id = i.id JOIN mo ON mo.old_id = i.objective_id
     WHERE i.organisation_id = ${orgId} AND i.plan_id = ${fromPlanId}`);
  await q.execute(sql`
    WITH mi AS (SELECT * FROM unnest(${pgArray(oldI)}::uuid[], ${pgArray(newI)}::uuid[]) AS m(old_id, new_id))
    INSERT INTO plan_indicator_measurement (organisation_id, plan_id, indicator_id, year, value, note)
    SELECT m.organisation_id, ${toPlanId}, mi.new_id, m.year, m.value, m.note
      FROM plan_indicator_measurement m JOIN mi ON mi.old_id = m.indicator_id
     WHERE m.organisation_id = ${orgId} AND m.plan_id = ${fromPlanId}`);
  await q.execute(sql`
    WITH mo AS (SELECT * FROM unnest(${pgArray(oldO)}::uuid[], ${pgArray(newO)}::uuid[]) AS m(old_id, new_id))
    INSERT INTO plan_action (organisation_id, plan_id, objective_id, source_action_id, code, title, description, owner_user_id, owner_person_id, owner_unit_id, owner_label,
                             co_actors, start_date, due_date, timing_label, status, progress, imf_function, imf_layer, nature, means_time,
                             means_budget_eur, means_people, means_note, notes, position)
    SELECT a.organisation_id, ${toPlanId}, mo.new_id, a.id, a.code, a.title, a.description, a.owner_user_id, a.owner_person_id, a.owner_unit_id, a.owner_label,
           a.co_actors, a.start_date, a.due_date, a.timing_label, a.status, a.progress, a.imf_function, a.imf_layer, a.nature, a.means_time,
           a.means_budget_eur, a.means_people, a.means_note, a.notes, a.position
      FROM plan_action a JOIN mo ON mo.old_id = a.objective_id
     WHERE a.organisation_id = ${orgId} AND a.plan_id = ${fromPlanId}`);
  // An action's indicators follow its copy (inserted above without their action, which did not exist yet).
  await q.execute(sql`
    WITH mi AS (SELECT * FROM unnest(${pgArray(oldI)}::uuid[], ${pgArray(newI)}::uuid[]) AS m(old_id, new_id))
    UPDATE plan_indicator ni SET action_id = na.id
      FROM mi JOIN plan_indicator oi ON oi.id = mi.old_id AND oi.organisation_id = ${orgId} AND oi.action_id IS NOT NULL
      JOIN plan_action na ON na.source_action_id = oi.action_id AND na.plan_id = ${toPlanId} AND na.organisation_id = ${orgId}
     WHERE ni.id = mi.new_id AND ni.organisation_id = ${orgId}`);
  // Evidence stays proof of the work already done: the new version's copy of the action keeps it.
  await copyEvidence(q, orgId, fromPlanId, toPlanId);
}

export async function latestVersion(q: Queryable, orgId: string, lineageId: string): Promise<number> {
  const r = await q.execute<{ v: number }>(sql`SELECT max(version) AS v FROM plan WHERE organisation_id = ${orgId} AND lineage_id = ${lineageId}`);
  return Number(r.rows[0].v ?? 0);
}

/** Other versions of the lineage still approved or in force: they become superseded when a newer one is approved. */
export async function supersedeOthers(q: Queryable, orgId: string, lineageId: string, keepPlanId: string): Promise<string[]> {
  const r = await q.execute<{ id: string }>(sql`
    UPDATE plan SET status = 'superseded', superseded_at = now(), updated_at = now(), revision = revision + 1
     WHERE organisation_id = ${orgId} AND lineage_id = ${lineageId} AND id <> ${keepPlanId} AND status IN ('approved', 'in_force')
    RETURNING id`);
  return r.rows.map((x) => x.id);
}

// History ------------------------------------------------------------------------------------

export type HistoryRow = { at: Date; kind: 'audit' | 'action_update'; plan_id: string; action: string; actor_id: string | null; actor_name: string | null; details: Record<string, unknown> }

export async function history(q: Queryable, orgId: string, planIds: string[]): Promise<HistoryRow[]> {
  const r = await q.execute<HistoryRow>(sql`
    SELECT * FROM (
      SELECT e.occurred_at AS at, 'audit' AS kind, e.record_id AS plan_id, e.action, e.actor_user_id AS actor_id, u.display_name AS actor_name, e.details
        FROM audit_event e LEFT JOIN app_user u ON u.id = e.actor_user_id
       WHERE e.organisation_id = ${orgId} AND e.record_type = 'plan' AND e.record_id = ANY(${pgArray(planIds)}::text[])
      UNION ALL
      SELECT x.at, 'action_update', x.plan_id::text, 'plan.action_update', x.by, u.display_name,
             jsonb_build_object('actionId', x.action_id, 'status', x.status, 'progress', x.progress, 'note', x.note)
        FROM plan_action_update x LEFT JOIN app_user u ON u.id = x.by
       WHERE x.organisation_id = ${orgId} AND x.plan_id = ANY(${pgArray(planIds)}::uuid[])
    ) h ORDER BY at DESC LIMIT 5000`);
  return r.rows;
}

// Evaluations --------------------------------------------------------------------------------

export type EvaluationRow = {
  id: string; plan_id: string; year: number; done_text: string; indicators_text: string; changes_text: string;
  indicators_snapshot: unknown; status: 'draft' | 'approved'; approved_at: Date | null; approved_by: string | null; approver_name: string | null;
  created_at: Date; updated_at: Date; revision: number; submitted_at: Date | null;
}

const EVALUATION_SELECT = sql`
  SELECT v.id, v.plan_id, v.year, v.done_text, v.indicators_text, v.changes_text, v.indicators_snapshot, v.status, v.approved_at, v.approved_by,
         u.display_name AS approver_name, v.created_at, v.updated_at, v.revision, v.submitted_at
    FROM plan_evaluation v LEFT JOIN app_user u ON u.id = v.approved_by`;

export async function listEvaluations(q: Queryable, orgId: string, planId: string): Promise<EvaluationRow[]> {
  const r = await q.execute<EvaluationRow>(sql`${EVALUATION_SELECT} WHERE v.organisation_id = ${orgId} AND v.plan_id = ${planId} ORDER BY v.year`);
  return r.rows;
}

export async function findEvaluation(q: Queryable, orgId: string, planId: string, year: number, opts: { forUpdate?: boolean } = {}): Promise<EvaluationRow | undefined> {
  if (opts.forUpdate) await q.execute(sql`SELECT 1 FROM plan_evaluation WHERE organisation_id = ${orgId} AND plan_id = ${planId} AND year = ${year} FOR UPDATE`);
  const r = await q.execute<EvaluationRow>(sql`${EVALUATION_SELECT} WHERE v.organisation_id = ${orgId} AND v.plan_id = ${planId} AND v.year = ${year}`);
  return r.rows[0];
}

/** The approved evaluation of a year in the lineage that was in force then, for the yearly report. */
export async function approvedEvaluationOfYear(q: Queryable, orgId: string, year: number): Promise<EvaluationRow | undefined> {
  const r = await q.execute<EvaluationRow>(sql`
    ${EVALUATION_SELECT} WHERE v.organisation_id = ${orgId} AND v.year = ${year} AND v.status = 'approved'
    ORDER BY v.approved_at DESC LIMIT 1`);
  return r.rows[0];
}

export async function insertEvaluation(q: Queryable, v: { orgId: string; planId: string; year: number; doneText: string; indicatorsText: string; changesText: string; snapshot: unknown; by: string }): Promise<void> {
  await q.execute(sql`
    INSERT INTO plan_evaluation (organisation_id, plan_id, year, done_text, indicators_text, changes_text, indicators_snapshot, created_by)
    VALUES (${v.orgId}, ${v.planId}, ${v.year}, ${v.doneText}, ${v.indicatorsText}, ${v.changesText}, ${JSON.stringify(v.snapshot)}::jsonb, ${v.by})`);
}

export async function updateEvaluation(q: Queryable, orgId: string, id: string, v: { doneText?: string; indicatorsText?: string; changesText?: string; snapshot?: unknown; approvedBy?: string }): Promise<void> {
  await q.execute(sql`
    UPDATE plan_evaluation SET
      done_text = coalesce(${v.doneText ?? null}, done_text),
      indicators_text = coalesce(${v.indicatorsText ?? null}, indicators_text),
      changes_text = coalesce(${v.changesText ?? null}, changes_text),
      indicators_snapshot = coalesce(${v.snapshot === undefined ? null : JSON.stringify(v.snapshot)}::jsonb, indicators_snapshot),
      status = CASE WHEN ${v.approvedBy ?? null}::uuid IS NULL THEN status ELSE 'approved' END,
      approved_by = coalesce(${v.approvedBy ?? null}::uuid, approved_by),
      approved_at = CASE WHEN ${v.approvedBy ?? null}::uuid IS NULL THEN approved_at ELSE now() END,
      updated_at = now(), revision = revision + 1
     WHERE organisation_id = ${orgId} AND id = ${id}`);
}

/**
 * The actions of a year by their status at `asOf` (the end of the year, or today in the running year).
 * An action belongs to the year when its start–due span touches it, and also when it was still open
 * at the start of the year although due before it: work carried over from an earlier year, late.
 * Its status on a day is the one its owner last reported on or before that day (following copies
 * into newer versions back to their source), 'planned' before a first report, the stored status
 * when nobody ever reported on it; planned or in progress past its due date is late.
 */
export async function yearActionCounts(q: Queryable, orgId: string, planId: string, year: number, asOf: string): Promise<{ status: string; n: number }[]> {
  const r = await q.execute<{ status: string; n: number }>(sql`
    WITH RECURSIVE origin(action_id, source_id) AS (
      SELECT a.id, a.id FROM plan_action a WHERE a.organisation_id = ${orgId} AND a.plan_id = ${planId}
      UNION ALL
      SELECT o.action_id, s.source_action_id FROM origin o JOIN plan_action s ON s.id = o.source_id AND s.organisation_id = ${orgId}
       WHERE s.source_action_id IS NOT NULL
    ), reported AS (
      SELECT a.id, a.status AS stored, a.start_date, a.due_date,
             EXISTS (SELECT 1 FROM origin o JOIN plan_action_update x ON x.action_id = o.source_id WHERE o.action_id = a.id) AS ever,
             (SELECT x.status FROM origin o JOIN plan_action_update x ON x.action_id = o.source_id
               WHERE o.action_id = a.id AND x.at < make_date(${year}::int, 1, 1) ORDER BY x.at DESC, x.id DESC LIMIT 1) AS at_start,
             (SELECT x.status FROM origin o JOIN plan_action_update x ON x.action_id = o.source_id
               WHERE o.action_id = a.id AND x.at < ${asOf}::date + 1 ORDER BY x.at DESC, x.id DESC LIMIT 1) AS at_end
        FROM plan_action a WHERE a.organisation_id = ${orgId} AND a.plan_id = ${planId}
    ), dated AS (
      SELECT r.*, CASE WHEN r.ever THEN coalesce(r.at_start, 'planned') ELSE r.stored END AS status_start,
                  CASE WHEN r.ever THEN coalesce(r.at_end, 'planned') ELSE r.stored END AS status_end
        FROM reported r
    )
    SELECT CASE WHEN d.status_end IN ('planned', 'in_progress') AND d.due_date < ${asOf}::date THEN 'late' ELSE d.status_end END AS status,
           count(*)::int AS n
      FROM dated d
     WHERE (d.start_date IS NULL OR d.start_date <= make_date(${year}::int, 12, 31))
       AND (d.due_date IS NULL OR d.due_date >= make_date(${year}::int, 1, 1) OR d.status_start IN ('planned', 'in_progress'))
     GROUP BY 1`);
  return r.rows;
}

// My actions ---------------------------------------------------------------------------------

/**
 * The actions a person answers for in the approved and running plans: those they own and, for a
 * head of service, those owned by their units (`via_unit`).
 */
export async function myActions(q: Queryable, orgId: string, userId: string, unitIds: readonly string[] = []): Promise<(ActionRow & { plan_title: string; plan_status: PlanStatus; objective_code: string; objective_title: string; via_unit: boolean })[]> {
  const ofUnits = unitIds.length ? sql`OR a.owner_unit_id IN (${sql.join(unitIds.map((u) => sql`${u}::uuid`), sql`, `)})` : sql``;
  const r = await q.execute<ActionRow & { plan_title: string; plan_status: PlanStatus; objective_code: string; objective_title: string; via_unit: boolean }>(sql`
    SELECT x.*, p.title AS plan_title, p.status AS plan_status, o.code AS objective_code, o.title AS objective_title,
           x.owner_user_id IS DISTINCT FROM ${userId}::uuid AS via_unit FROM (
      ${ACTION_SELECT(null)}
       WHERE a.organisation_id = ${orgId} AND (${ownerAccount('a')} = ${userId} ${ofUnits})
    ) x
    JOIN plan p ON p.id = x.plan_id AND p.organisation_id = ${orgId} AND p.status IN ('approved', 'in_force')
    JOIN plan_objective o ON o.id = x.objective_id AND o.organisation_id = ${orgId}
    ORDER BY x.due_date NULLS LAST, ${naturalSortKey(sql`o.code`)} NULLS LAST, ${naturalSortKey(sql`x.code`)} NULLS LAST, x.title, x.id`);
  return r.rows;
}

// Workflow: who is told, what waits, which plans a plan in force replaces ---------------------------

/** The users holding one of `roles` in the organisation today, with an enabled account: whom a step concerns. */
export async function planRecipients(q: Queryable, orgId: string, roles: readonly string[], exceptUserId: string | null = null): Promise<{ id: string; email: string; locale: string }[]> {
  const r = await q.execute<{ id: string; email: string; locale: string }>(sql`
    SELECT DISTINCT u.id, u.email, u.locale
      FROM role_assignment ra JOIN app_user u ON u.id = ra.user_id AND u.disabled_at IS NULL
     WHERE ra.organisation_id = ${orgId} AND ra.role = ANY(${pgArray([...roles])}::text[]) AND ${currentRoleCondition('ra')}
       AND u.id IS DISTINCT FROM ${exceptUserId}::uuid
     ORDER BY u.id`);
  return r.rows;
}

export type PlanRef = { id: string; lineage_id: string; title: string; version: number; status: PlanStatus; period_from: number; period_to: number };

/**
 * Plans a plan going in force (or approved to go in force) replaces: those of other lineages approved
 * or in force for any of its years; and the other approved or in-force versions of its own lineage.
 */
export async function replaceablePlans(q: Queryable, orgId: string, p: { id: string; lineage_id: string; period_from: number; period_to: number }): Promise<PlanRef[]> {
  const r = await q.execute<PlanRef>(sql`
    SELECT id, lineage_id, title, version, status, period_from, period_to FROM plan
     WHERE organisation_id = ${orgId} AND id <> ${p.id} AND status IN ('approved', 'in_force')
       AND (lineage_id = ${p.lineage_id}
            OR int4range(period_from, period_to, '[]') && int4range(${p.period_from}::int, ${p.period_to}::int, '[]'))
     ORDER BY period_from, title, version`);
  return r.rows;
}

/** One plan retired by another: superseded from now (its end date), the revision moved. */
export async function supersedePlan(q: Queryable, orgId: string, planId: string): Promise<boolean> {
  const r = await q.execute(sql`
    UPDATE plan SET status = 'superseded', superseded_at = now(), updated_at = now(), revision = revision + 1
     WHERE organisation_id = ${orgId} AND id = ${planId} AND status IN ('approved', 'in_force')`);
  return (r.rowCount ?? 0) > 0;
}

export type WaitingRow = {
  kind: 'approve_plan' | 'start_plan' | 'submit_plan' | 'approve_evaluation';
  plan_id: string; title: string; version: number; period_from: number; period_to: number; year: number | null; since: Date | null;
};

/** What waits for a step in the organisation: submitted, approved and draft plans, and evaluations sent for approval. */
export async function waitingSteps(q: Queryable, orgId: string): Promise<WaitingRow[]> {
  const r = await q.execute<WaitingRow>(sql`
    SELECT CASE p.status WHEN 'submitted' THEN 'approve_plan' WHEN 'approved' THEN 'start_plan' ELSE 'submit_plan' END AS kind,
           p.id AS plan_id, p.title, p.version, p.period_from, p.period_to, NULL::int AS year,
           CASE p.status WHEN 'submitted' THEN p.submitted_at WHEN 'approved' THEN p.approved_at ELSE p.updated_at END AS since
      FROM plan p WHERE p.organisation_id = ${orgId} AND p.status IN ('submitted', 'approved', 'draft')
    UNION ALL
    SELECT 'approve_evaluation', p.id, p.title, p.version, p.period_from, p.period_to, v.year, v.submitted_at
      FROM plan_evaluation v JOIN plan p ON p.id = v.plan_id AND p.organisation_id = ${orgId}
     WHERE v.organisation_id = ${orgId} AND v.status = 'draft' AND v.submitted_at IS NOT NULL
     ORDER BY since NULLS LAST, title, year`);
  return r.rows;
}

export async function markEvaluationSubmitted(q: Queryable, orgId: string, evaluationId: string, by: string): Promise<void> {
  await q.execute(sql`
    UPDATE plan_evaluation SET submitted_at = now(), submitted_by = ${by}, updated_at = now(), revision = revision + 1
     WHERE organisation_id = ${orgId} AND id = ${evaluationId}`);
}

// Exports ------------------------------------------------------------------------------------

export type PlanSignatories = {
  submitted_at: Date | null; submitted_by_name: string | null; approved_at: Date | null; approved_by_name: string | null;
};

/** Who sent the plan for approval and who approved it, by name, for the approval block of the exports. */
export async function planSignatories(q: Queryable, orgId: string, planId: string): Promise<PlanSignatories | undefined> {
  const r = await q.execute<PlanSignatories>(sql`
    SELECT p.submitted_at, s.display_name AS submitted_by_name, p.approved_at, a.display_name AS approved_by_name
      FROM plan p LEFT JOIN app_user s ON s.id = p.submitted_by LEFT JOIN app_user a ON a.id = p.approved_by
     WHERE p.organisation_id = ${orgId} AND p.id = ${planId}`);
  return r.rows[0];
}

/** The most recent approved evaluation of a plan or of an earlier version of it (the plan's section 6). */
export async function latestApprovedEvaluation(q: Queryable, orgId: string, p: { lineage_id: string; version: number }): Promise<EvaluationRow | undefined> {
  const r = await q.execute<EvaluationRow>(sql`
    ${EVALUATION_SELECT} JOIN plan p ON p.id = v.plan_id AND p.organisation_id = ${orgId}
     WHERE v.organisation_id = ${orgId} AND v.status = 'approved' AND p.lineage_id = ${p.lineage_id} AND p.version <= ${p.version}
     ORDER BY v.year DESC, p.version DESC LIMIT 1`);
  return r.rows[0];
}
