/** Queries of a score's evidence (files and links); every query filters on the organisation of the route. */
import { sql } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/pool.js';

export const EVIDENCE_FILE_RECORD = 'maturity_evidence';

export type EvidenceRow = {
  id: string; criterion_id: string; assessor_user_id: string; assessor_name: string; kind: 'file' | 'link';
  filename: string | null; media_type: string | null; size: number | null; record_kind: string | null; record_id: string | null; created_at: Date;
};

/** A measurement's evidence; `assessorUserId` keeps one assessor's (the only ones readable while scoring). */
export async function evidenceOf(q: Queryable, orgId: string, measurementId: string, assessorUserId: string | null): Promise<EvidenceRow[]> {
  const r = await q.execute<EvidenceRow>(sql`
    SELECT e.id, e.criterion_id, e.assessor_user_id, u.display_name AS assessor_name, e.kind, e.filename, e.media_type, e.size, e.record_kind, e.record_id, e.created_at
      FROM maturity_evidence e JOIN app_user u ON u.id = e.assessor_user_id
     WHERE e.organisation_id = ${orgId} AND e.measurement_id = ${measurementId}
       AND (${assessorUserId}::uuid IS NULL OR e.assessor_user_id = ${assessorUserId})
     ORDER BY e.criterion_id, u.display_name, e.kind, e.created_at, e.id`);
  return r.rows;
}

export async function findEvidence(q: Queryable, orgId: string, measurementId: string, id: string): Promise<EvidenceRow | undefined> {
  const r = await q.execute<EvidenceRow>(sql`
    SELECT e.id, e.criterion_id, e.assessor_user_id, u.display_name AS assessor_name, e.kind, e.filename, e.media_type, e.size, e.record_kind, e.record_id, e.created_at
      FROM maturity_evidence e JOIN app_user u ON u.id = e.assessor_user_id
     WHERE e.organisation_id = ${orgId} AND e.measurement_id = ${measurementId} AND e.id = ${id}`);
  return r.rows[0];
}

/** Locks the assessor's place on the measurement: their evidence writes run one after the other, so the limits hold. */
export async function lockAssessor(q: Queryable, orgId: string, measurementId: string, userId: string) {
  await q.execute(sql`SELECT 1 FROM maturity_assessor WHERE organisation_id = ${orgId} AND measurement_id = ${measurementId} AND user_id = ${userId} FOR UPDATE`);
}

/** How many files and links the assessor gave for the criterion. */
export async function countEvidence(q: Queryable, orgId: string, measurementId: string, criterionId: string, userId: string): Promise<{ files: number; links: number }> {
  const r = await q.execute<{ files: number; links: number }>(sql`
    SELECT count(*) FILTER (WHERE kind = 'file')::int AS files, count(*) FILTER (WHERE kind = 'link')::int AS links
      FROM maturity_evidence WHERE organisation_id = ${orgId} AND measurement_id = ${measurementId} AND criterion_id = ${criterionId} AND assessor_user_id = ${userId}`);
  return r.rows[0];
}

export async function insertFileEvidence(q: Queryable, v: { id: string; orgId: string; measurementId: string; criterionId: string; userId: string; filename: string; mediaType: string; size: number }) {
  await q.execute(sql`INSERT INTO maturity_evidence (id, organisation_id, measurement_id, criterion_id, assessor_user_id, kind, filename, media_type, size)
    VALUES (${v.id}, ${v.orgId}, ${v.measurementId}, ${v.criterionId}, ${v.userId}, 'file', ${v.filename}, ${v.mediaType}, ${v.size})`);
}

/** A link; null when the assessor already linked that record to the criterion. */
export async function insertLinkEvidence(q: Queryable, v: { orgId: string; measurementId: string; criterionId: string; userId: string; recordKind: string; recordId: string }): Promise<string | null> {
  const r = await q.execute<{ id: string }>(sql`INSERT INTO maturity_evidence (organisation_id, measurement_id, criterion_id, assessor_user_id, kind, record_kind, record_id)
    VALUES (${v.orgId}, ${v.measurementId}, ${v.criterionId}, ${v.userId}, 'link', ${v.recordKind}, ${v.recordId})
    ON CONFLICT ON CONSTRAINT maturity_evidence_link_uq DO NOTHING RETURNING id`);
  return r.rows[0]?.id ?? null;
}

/** Deletes one evidence row (its stored file goes with it: trigger maturity_evidence_files). */
export async function deleteEvidence(q: Queryable, orgId: string, measurementId: string, id: string): Promise<boolean> {
  const r = await q.execute(sql`DELETE FROM maturity_evidence WHERE organisation_id = ${orgId} AND measurement_id = ${measurementId} AND id = ${id}`);
  return (r.rowCount ?? 0) === 1;
}
