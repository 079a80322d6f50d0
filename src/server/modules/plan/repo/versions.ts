import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Queryable } from '../../../platform/db/pool.js';
import { copyFilesOf } from '../../../platform/files/index.js';
import { EVIDENCE_FILE_RECORD } from './evidence.js';
import { pgArray } from './shared.js';

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
