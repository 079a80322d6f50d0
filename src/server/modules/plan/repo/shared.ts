import { sql, type SQL } from 'drizzle-orm';

/** Helpers shared by the plan module's queries (the files of repo/, re-exported by repo.ts). */

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
export const objectiveOrder = (objectiveId: SQL): SQL => sql`
  (SELECT concat_ws(chr(1), ${naturalSortKey(sql`po.code`)}, ${naturalSortKey(sql`ob.code`)})
     FROM plan_objective ob LEFT JOIN plan_objective po ON po.id = ob.parent_id WHERE ob.id = ${objectiveId}) COLLATE "C" NULLS LAST,
  (SELECT ob.position FROM plan_objective ob WHERE ob.id = ${objectiveId}), ${objectiveId}`;

const iso = (d: unknown): string | null => (d === null || d === undefined ? null : d instanceof Date ? d.toISOString() : String(d));
export { iso };

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
export const OWNER_PERSON_COLUMNS = (alias: string): SQL => sql.raw(`${alias}.owner_person_id,
  CASE WHEN pe.id IS NULL THEN NULL ELSE concat_ws(' ', pe.first_name, pe.last_name) END AS owner_person_name,
  pe.user_id AS owner_person_user_id, pe.unit_id AS owner_person_unit_id`);
export const OWNER_PERSON_JOIN = (alias: string): SQL => sql.raw(`LEFT JOIN person pe ON pe.id = ${alias}.owner_person_id AND pe.organisation_id = ${alias}.organisation_id`);
