import { sql } from 'drizzle-orm';
import type { Queryable } from '../../../platform/db/pool.js';

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
