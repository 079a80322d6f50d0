import { sql, type SQL } from 'drizzle-orm';
import type { Role } from '../../../shared/roles.js';
import type { Queryable } from '../db/pool.js';
import { recordAudit, type AuditContext } from '../audit/service.js';
import { AppError, notFound } from '../errors.js';
import { hasRole, type Actor } from './actor.js';

/**
 * Need-to-know on confidential records. A person reads a record when
 *   - they are not implicated in it (an `excluded` row beats every role and assignment), and
 *   - their role sees all records of that type in the organisation, or they are assigned to it.
 * Access is decided for many ids in one query, and list queries filter with the same rule in
 * SQL, so nothing is fetched and then hidden. Shape after Immich's access repository.
 */
export type RecordAccessKind = 'handler' | 'investigator' | 'reader';

export interface RecordAccessRule {
  recordType: string;
  /** Roles that see every record of this type in their organisation (e.g. the integrity officer for reports). */
  rolesSeeingAll: readonly Role[];
}

export interface RecordRef {
  organisationId: string;
  recordType: string;
  recordId: string;
}

function seesAll(actor: Actor, orgId: string, rule: RecordAccessRule): boolean {
  return hasRole(actor, orgId, rule.rolesSeeingAll);
}

/** WHERE fragment for list queries: `idColumn` is the record's id column in the outer query. */
export function recordAccessFilter(actor: Actor, orgId: string, rule: RecordAccessRule, idColumn: SQL): SQL {
  const notExcluded = sql`NOT EXISTS (SELECT 1 FROM record_access ra_x WHERE ra_x.organisation_id = ${orgId} AND ra_x.record_type = ${rule.recordType}
      AND ra_x.record_id = ${idColumn} AND ra_x.user_id = ${actor.userId} AND ra_x.access = 'excluded' AND ra_x.revoked_at IS NULL)`;
  if (seesAll(actor, orgId, rule)) return notExcluded;
  return sql`(${notExcluded} AND EXISTS (SELECT 1 FROM record_access ra_g WHERE ra_g.organisation_id = ${orgId} AND ra_g.record_type = ${rule.recordType}
      AND ra_g.record_id = ${idColumn} AND ra_g.user_id = ${actor.userId} AND ra_g.access <> 'excluded' AND ra_g.revoked_at IS NULL))`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Which of these ids the actor may read, in one query. Ids that are not UUIDs are never readable. */
export async function accessibleRecordIds(q: Queryable, actor: Actor, orgId: string, rule: RecordAccessRule, ids: readonly string[]): Promise<Set<string>> {
  const valid = [...new Set(ids.filter((id) => UUID.test(id)).map((id) => id.toLowerCase()))];
  if (valid.length === 0) return new Set();
  const all = seesAll(actor, orgId, rule);
  // One array parameter ({…}::uuid[]): safe because every element matched the UUID pattern above.
  const r = await q.execute<{ record_id: string }>(sql`
    SELECT ids.id::text AS record_id
      FROM unnest(${`{${valid.join(',')}}`}::uuid[]) AS ids(id)
     WHERE NOT EXISTS (SELECT 1 FROM record_access x WHERE x.organisation_id = ${orgId} AND x.record_type = ${rule.recordType}
                         AND x.record_id = ids.id AND x.user_id = ${actor.userId} AND x.access = 'excluded' AND x.revoked_at IS NULL)
       AND (${all}::boolean OR EXISTS (SELECT 1 FROM record_access g WHERE g.organisation_id = ${orgId} AND g.record_type = ${rule.recordType}
                         AND g.record_id = ids.id AND g.user_id = ${actor.userId} AND g.access <> 'excluded' AND g.revoked_at IS NULL))`);
  return new Set(r.rows.map((x) => x.record_id));
}

/** Throws 404 (not 403) so the existence of a record is not revealed to those who may not read it. */
export async function requireRecordAccess(q: Queryable, actor: Actor, orgId: string, rule: RecordAccessRule, id: string, what = 'record'): Promise<void> {
  if (!(await accessibleRecordIds(q, actor, orgId, rule, [id])).has(id)) throw notFound(what);
}

export async function grantRecordAccess(q: Queryable, ctx: AuditContext, ref: RecordRef, userId: string, access: RecordAccessKind): Promise<void> {
  const excluded = await q.execute(sql`SELECT 1 FROM record_access WHERE organisation_id = ${ref.organisationId} AND record_type = ${ref.recordType}
      AND record_id = ${ref.recordId} AND user_id = ${userId} AND access = 'excluded' AND revoked_at IS NULL`);
  if (excluded.rows.length > 0) throw new AppError('record_access_excluded', 409, {}, 'userId');
  const r = await q.execute(sql`INSERT INTO record_access (organisation_id, record_type, record_id, user_id, access, granted_by)
      VALUES (${ref.organisationId}, ${ref.recordType}, ${ref.recordId}, ${userId}, ${access}, ${ctx.actorUserId})
      ON CONFLICT (record_type, record_id, user_id, access) WHERE revoked_at IS NULL DO NOTHING RETURNING id`);
  if (r.rows.length > 0) await recordAudit(q, ctx, { organisationId: ref.organisationId, action: 'record_access.grant', recordType: ref.recordType, recordId: ref.recordId, details: { userId, access } });
}

export async function revokeRecordAccess(q: Queryable, ctx: AuditContext, ref: RecordRef, userId: string, access: RecordAccessKind): Promise<void> {
  const r = await q.execute(sql`UPDATE record_access SET revoked_at = now(), revoked_by = ${ctx.actorUserId}
      WHERE organisation_id = ${ref.organisationId} AND record_type = ${ref.recordType} AND record_id = ${ref.recordId}
        AND user_id = ${userId} AND access = ${access} AND revoked_at IS NULL RETURNING id`);
  if (r.rows.length > 0) await recordAudit(q, ctx, { organisationId: ref.organisationId, action: 'record_access.revoke', recordType: ref.recordType, recordId: ref.recordId, details: { userId, access } });
}

/** Marks a person as implicated: their assignments end and no role lets them read the record. */
export async function excludeFromRecord(q: Queryable, ctx: AuditContext, ref: RecordRef, userId: string): Promise<void> {
  await q.execute(sql`UPDATE record_access SET revoked_at = now(), revoked_by = ${ctx.actorUserId}
      WHERE organisation_id = ${ref.organisationId} AND record_type = ${ref.recordType} AND record_id = ${ref.recordId}
        AND user_id = ${userId} AND access <> 'excluded' AND revoked_at IS NULL`);
  await q.execute(sql`INSERT INTO record_access (organisation_id, record_type, record_id, user_id, access, granted_by)
      VALUES (${ref.organisationId}, ${ref.recordType}, ${ref.recordId}, ${userId}, 'excluded', ${ctx.actorUserId})
      ON CONFLICT (record_type, record_id, user_id, access) WHERE revoked_at IS NULL DO NOTHING`);
  await recordAudit(q, ctx, { organisationId: ref.organisationId, action: 'record_access.exclude', recordType: ref.recordType, recordId: ref.recordId, details: { userId } });
}

export interface RecordAccessEntry { userId: string; displayName: string; access: RecordAccessKind | 'excluded'; grantedAt: string }

/** The current access list of one record (for the screen that manages it). */
export async function recordAccessList(q: Queryable, ref: RecordRef): Promise<RecordAccessEntry[]> {
  const r = await q.execute<{ user_id: string; display_name: string; access: RecordAccessEntry['access']; granted_at: Date }>(sql`
    SELECT ra.user_id, u.display_name, ra.access, ra.granted_at FROM record_access ra JOIN app_user u ON u.id = ra.user_id
     WHERE ra.organisation_id = ${ref.organisationId} AND ra.record_type = ${ref.recordType} AND ra.record_id = ${ref.recordId} AND ra.revoked_at IS NULL
     ORDER BY ra.access, u.display_name`);
  return r.rows.map((x) => ({ userId: x.user_id, displayName: x.display_name, access: x.access, grantedAt: new Date(x.granted_at).toISOString() }));
}
