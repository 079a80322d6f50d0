import { sql } from 'drizzle-orm';
import { and, eq } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/pool.js';
import { updateAtRevision } from '../../platform/db/revision.js';
import { organisation, orgUnit, type LocalisedText } from './schema.js';

/** A text[] literal passed as one parameter (drizzle would expand a JS array into a value list). */
const pgTextArray = (values: string[]) => `{${values.map((v) => `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;

export type OrganisationRow = {
  id: string;
  code: string;
  kind: string;
  names: LocalisedText;
  languages: string[];
  parent_id: string | null;
  settings: Record<string, unknown>;
  revision: number;
};

export type UnitRow = {
  id: string;
  code: string;
  name: string;
  parent_id: string | null;
  revision: number;
};

export async function findOrganisation(q: Queryable, id: string): Promise<OrganisationRow | undefined> {
  const r = await q.execute<OrganisationRow>(sql`
    SELECT id, code, kind, names, languages, parent_id, settings, revision FROM organisation WHERE id = ${id}`);
  return r.rows[0];
}

/** Locks the row so two concurrent settings edits merge instead of losing one. */
export async function findOrganisationForUpdate(q: Queryable, id: string): Promise<OrganisationRow | undefined> {
  const r = await q.execute<OrganisationRow>(sql`
    SELECT id, code, kind, names, languages, parent_id, settings, revision FROM organisation WHERE id = ${id} FOR UPDATE`);
  return r.rows[0];
}

/** Guarded edit (ADR 0011): 409 with `current()` when the revision moved since the editor read it. Returns the new revision. */
export function updateOrganisation(q: Queryable, id: string, expected: number, v: { names: LocalisedText; languages: string[]; settings: Record<string, unknown> }, current: () => Promise<unknown>): Promise<number> {
  return updateAtRevision(q, organisation, eq(organisation.id, id), expected, { names: v.names, languages: v.languages, settings: v.settings }, current, 'organisation');
}

/** All organisations in depth-first order (parents before children, siblings by code). */
export async function organisationTree(q: Queryable): Promise<(OrganisationRow & { depth: number })[]> {
  const r = await q.execute<OrganisationRow & { depth: number }>(sql`
    WITH RECURSIVE tree AS (
      SELECT id, code, kind, names, languages, parent_id, settings, revision, 0 AS depth, ARRAY[code] AS path
        FROM organisation WHERE parent_id IS NULL
      UNION ALL
      SELECT o.id, o.code, o.kind, o.names, o.languages, o.parent_id, o.settings, o.revision, t.depth + 1, t.path || o.code
        FROM organisation o JOIN tree t ON o.parent_id = t.id
    )
    SELECT id, code, kind, names, languages, parent_id, settings, revision, depth FROM tree ORDER BY path`);
  return r.rows;
}

export async function insertOrganisation(q: Queryable, v: { code: string; kind: string; names: LocalisedText; languages: string[]; parentId: string | null }): Promise<string> {
  const r = await q.execute<{ id: string }>(sql`
    INSERT INTO organisation (code, kind, names, languages, parent_id)
    VALUES (${v.code}, ${v.kind}, ${JSON.stringify(v.names)}::jsonb, ${pgTextArray(v.languages)}::text[], ${v.parentId})
    RETURNING id`);
  return r.rows[0].id;
}

// Units ------------------------------------------------------------------------------------

export async function listUnits(q: Queryable, orgId: string): Promise<UnitRow[]> {
  const r = await q.execute<UnitRow>(sql`
    SELECT id, code, name, parent_id, revision FROM org_unit WHERE organisation_id = ${orgId} ORDER BY code`);
  return r.rows;
}

export async function findUnit(q: Queryable, orgId: string, unitId: string): Promise<UnitRow | undefined> {
  const r = await q.execute<UnitRow>(sql`
    SELECT id, code, name, parent_id, revision FROM org_unit WHERE organisation_id = ${orgId} AND id = ${unitId}`);
  return r.rows[0];
}

export async function insertUnit(q: Queryable, orgId: string, v: { code: string; name: string; parentId: string | null }): Promise<UnitRow> {
  const r = await q.execute<UnitRow>(sql`
    INSERT INTO org_unit (organisation_id, code, name, parent_id) VALUES (${orgId}, ${v.code}, ${v.name}, ${v.parentId})
    RETURNING id, code, name, parent_id, revision`);
  return r.rows[0];
}

/** Guarded edit (ADR 0011): 409 with `current()` when the revision moved since the editor read it. */
export async function updateUnit(q: Queryable, orgId: string, unitId: string, expected: number, v: { code: string; name: string; parentId: string | null }, current: () => Promise<unknown>): Promise<UnitRow> {
  await updateAtRevision(q, orgUnit, and(eq(orgUnit.organisationId, orgId), eq(orgUnit.id, unitId))!, expected, { code: v.code, name: v.name, parentId: v.parentId }, current, 'unit');
  return (await findUnit(q, orgId, unitId))!;
}

/** True when `unitId` is `candidateParentId` or one of its ancestors: re-parenting would close a cycle. */
export async function isAncestorOrSelf(q: Queryable, orgId: string, unitId: string, candidateParentId: string): Promise<boolean> {
  const r = await q.execute<{ hit: boolean }>(sql`
    WITH RECURSIVE up AS (
      SELECT id, parent_id, ARRAY[id] AS seen FROM org_unit WHERE organisation_id = ${orgId} AND id = ${candidateParentId}
      UNION ALL
      SELECT u.id, u.parent_id, up.seen || u.id FROM org_unit u JOIN up ON u.id = up.parent_id
       WHERE u.organisation_id = ${orgId} AND NOT u.id = ANY(up.seen)
    )
    SELECT EXISTS (SELECT 1 FROM up WHERE id = ${unitId}) AS hit`);
  return r.rows[0].hit;
}

/** Serialises edits of one organisation's unit tree, so two concurrent moves cannot build a cycle together. */
export async function lockUnitTree(q: Queryable, orgId: string): Promise<void> {
  await q.execute(sql`SELECT pg_advisory_xact_lock(hashtext('org_unit_tree'), hashtext(${orgId}))`);
}
