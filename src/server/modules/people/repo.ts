import { sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/pool.js';
import type { PeopleFilter } from './contract.js';

export type PersonRow = {
  id: string;
  personnel_number: string;
  first_name: string;
  last_name: string;
  email: string | null;
  staff_category: 'operational' | 'calog';
  grade: string | null;
  unit_id: string | null;
  unit_code: string | null;
  unit_name: string | null;
  function_title: string | null;
  start_date: string;
  end_date: string | null;
  user_id: string | null;
  left: boolean;
};

/** Columns a caller may write; the names double as the whitelist for dynamic SQL in the import. */
export const PERSON_COLUMNS = {
  personnelNumber: 'personnel_number',
  firstName: 'first_name',
  lastName: 'last_name',
  email: 'email',
  staffCategory: 'staff_category',
  grade: 'grade',
  unitId: 'unit_id',
  functionTitle: 'function_title',
  startDate: 'start_date',
  endDate: 'end_date',
  userId: 'user_id',
} as const;
export type PersonField = keyof typeof PERSON_COLUMNS;
export type PersonValues = { [K in PersonField]?: string | null };

/**
 * Who the reader may see. `all` for administrators, chiefs and integrity officers; a head of
 * service the staff of the units they answer for (organisations' `unitsHeadedBy`, the same
 * answer the plan rules use), computed before the query and applied in its WHERE clause.
 */
export type PeopleScope = { kind: 'all' } | { kind: 'units'; unitIds: readonly string[] };

const SELECT = sql`
  SELECT p.id, p.personnel_number, p.first_name, p.last_name, p.email, p.staff_category, p.grade, p.unit_id,
         u.code AS unit_code, u.name AS unit_name, p.function_title, p.start_date, p.end_date, p.user_id,
         (p.end_date IS NOT NULL AND p.end_date < current_date) AS "left"
    FROM person p LEFT JOIN org_unit u ON u.id = p.unit_id AND u.organisation_id = p.organisation_id`;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
/** A uuid[] literal passed as one parameter (the ids come from the database, never from input). */
const uuidArray = (ids: readonly string[]) => `{${ids.join(',')}}`;

function scopeCondition(scope: PeopleScope): SQL {
  if (scope.kind === 'all') return sql`TRUE`;
  return sql`p.unit_id = ANY(${uuidArray(scope.unitIds)}::uuid[])`;
}

function where(orgId: string, scope: PeopleScope, f: PeopleFilter): SQL {
  const conds: SQL[] = [sql`p.organisation_id = ${orgId}`, scopeCondition(scope)];
  if (f.status === 'active') conds.push(sql`(p.end_date IS NULL OR p.end_date >= current_date)`);
  if (f.status === 'left') conds.push(sql`p.end_date < current_date`);
  if (f.category) conds.push(sql`p.staff_category = ${f.category}`);
  if (f.unitId) conds.push(sql`p.unit_id = ${f.unitId}`);
  if (f.q) {
    const pattern = sql`'%' || kompas_fold(${escapeLike(f.q)}) || '%'`;
    conds.push(sql`(kompas_fold(p.last_name || ' ' || p.first_name) LIKE ${pattern}
                 OR kompas_fold(p.first_name || ' ' || p.last_name) LIKE ${pattern}
                 OR lower(p.personnel_number) LIKE ${pattern})`);
  }
  return sql.join(conds, sql` AND `);
}

const ORDER = {
  name: sql`kompas_fold(p.last_name), kompas_fold(p.first_name), p.personnel_number`,
  number: sql`p.personnel_number`,
};

export async function listPeople(q: Queryable, orgId: string, scope: PeopleScope, f: PeopleFilter, page?: { page: number; pageSize: number }): Promise<PersonRow[]> {
  const limit = page ? sql`LIMIT ${page.pageSize} OFFSET ${(page.page - 1) * page.pageSize}` : sql``;
  const r = await q.execute<PersonRow>(sql`${SELECT} WHERE ${where(orgId, scope, f)} ORDER BY ${ORDER[f.sort]} ${limit}`);
  return r.rows;
}

export async function countPeople(q: Queryable, orgId: string, scope: PeopleScope, f: PeopleFilter): Promise<number> {
  const r = await q.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM person p WHERE ${where(orgId, scope, f)}`);
  return r.rows[0].n;
}

export async function findPerson(q: Queryable, orgId: string, scope: PeopleScope, personId: string, opts: { forUpdate?: boolean } = {}): Promise<PersonRow | undefined> {
  const lock = opts.forUpdate ? sql`FOR UPDATE OF p` : sql``;
  const r = await q.execute<PersonRow>(sql`${SELECT} WHERE p.organisation_id = ${orgId} AND p.id = ${personId} AND ${scopeCondition(scope)} ${lock}`);
  return r.rows[0];
}

export async function insertPerson(q: Queryable, orgId: string, v: PersonValues): Promise<string> {
  const fields = (Object.keys(v) as PersonField[]).filter((k) => v[k] !== undefined);
  const r = await q.execute<{ id: string }>(sql`
    INSERT INTO person (organisation_id, ${sql.join(fields.map((f) => sql.identifier(PERSON_COLUMNS[f])), sql`, `)})
    VALUES (${orgId}, ${sql.join(fields.map((f) => sql`${v[f]}`), sql`, `)}) RETURNING id`);
  return r.rows[0].id;
}

export async function updatePerson(q: Queryable, orgId: string, personId: string, v: PersonValues): Promise<void> {
  const fields = (Object.keys(v) as PersonField[]).filter((k) => v[k] !== undefined);
  if (fields.length === 0) return;
  await q.execute(sql`
    UPDATE person SET ${sql.join(fields.map((f) => sql`${sql.identifier(PERSON_COLUMNS[f])} = ${v[f]}`), sql`, `)}, updated_at = now()
     WHERE organisation_id = ${orgId} AND id = ${personId}`);
}

export async function userExists(q: Queryable, userId: string): Promise<boolean> {
  const r = await q.execute<{ ok: boolean }>(sql`SELECT EXISTS (SELECT 1 FROM app_user WHERE id = ${userId} AND disabled_at IS NULL) AS ok`);
  return r.rows[0].ok;
}

/** Active staff per organisation, for oversight aggregates (run in a system-scoped transaction). */
export async function activeHeadcounts(q: Queryable): Promise<Map<string, number>> {
  const r = await q.execute<{ organisation_id: string; n: number }>(sql`
    SELECT organisation_id, count(*)::int AS n FROM person WHERE end_date IS NULL OR end_date >= current_date GROUP BY organisation_id`);
  return new Map(r.rows.map((x) => [x.organisation_id, x.n]));
}
