import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { stringify } from 'csv-stringify/sync';
import type { z } from 'zod';
import { recordAudit, recordAuditMany, type AuditContext, type AuditEntry } from '../../platform/audit/service.js';
import type { Db } from '../../platform/db/pool.js';
import type { Locale } from '../../../shared/roles.js';
import { unitsOf } from '../organisations/service.js';
import { IMPORT_MAX_REPORTED, type importBody, type ImportReport } from './contract.js';
import { issue, parseHrCsv, type ImportField, type ImportRow, type ParsedRow } from './csv.js';
import { PERSON_COLUMNS, type PersonField } from './repo.js';

export type ImportBody = z.infer<typeof importBody>;
export interface ImportOutcome { committed: boolean; hasErrors: boolean; report: ImportReport }

/** Staging columns, in COPY order. */
const STAGE_COLUMNS = ['line', 'personnel_number', 'first_name', 'last_name', 'email', 'staff_category', 'grade', 'unit_id', 'function_title', 'start_date', 'end_date'] as const;
/** Which person field each file column writes (the unit code becomes unit_id). */
const FIELD_OF: Record<Exclude<ImportField, 'personnelNumber'>, PersonField> = {
  lastName: 'lastName', firstName: 'firstName', email: 'email', staffCategory: 'staffCategory', grade: 'grade',
  unitCode: 'unitId', functionTitle: 'functionTitle', startDate: 'startDate', endDate: 'endDate',
};
const AUDIT_CHUNK = 2000; // 11 parameters per event, far below PostgreSQL's 65,535

/**
 * HR import in one transaction on one connection: valid lines are COPY'd into a temporary
 * staging table, compared with the register in SQL, then upserted set-based. A preview, or a
 * commit refused because of errors, rolls back: nothing is stored. Columns absent from the file
 * are left untouched on existing records (an export without e-mail addresses does not erase them).
 */
export async function importPeople(pool: pg.Pool, ctx: AuditContext, orgId: string, body: ImportBody, locale: Locale): Promise<ImportOutcome> {
  const parsed = parseHrCsv(body.csv, locale);
  const client = await pool.connect();
  let open = false;
  try {
    await client.query('BEGIN');
    open = true;
    await client.query(`SELECT set_config('kompas.org_id', $1, true)`, [orgId]);
    const q = drizzle(client) as unknown as Db;

    const units = new Map((await unitsOf(q, orgId)).map((u) => [u.code.toUpperCase(), u.id]));
    checkAcrossRows(parsed.rows, units, locale);
    const valid = parsed.rows.filter((r) => r.errors.length === 0);
    const invalidRows = parsed.rows.filter((r) => r.errors.length > 0);

    await client.query(`CREATE TEMP TABLE person_import_stage (
      line int, personnel_number text, first_name text, last_name text, email text, staff_category text, grade text,
      unit_id uuid, function_title text, start_date date, end_date date) ON COMMIT DROP`);
    await copyRows(client, valid.map((r) => stageRecord(r.line, r.row!, units)));

    const fields = parsed.columns.filter((c): c is Exclude<ImportField, 'personnelNumber'> => c !== 'personnelNumber').map((c) => FIELD_OF[c]);
    const diff = await diffAgainstRegister(q, orgId, fields);
    const toCreate = diff.filter((d) => d.id === null);
    const toUpdate = diff.filter((d) => d.id !== null && d.changed.length > 0);
    const report: ImportReport = {
      rows: parsed.rows.length,
      valid: valid.length,
      invalid: invalidRows.slice(0, IMPORT_MAX_REPORTED).map((r) => ({ line: r.line, ...(r.personnelNumber ? { personnelNumber: r.personnelNumber } : {}), errors: r.errors })),
      invalidTruncated: invalidRows.length > IMPORT_MAX_REPORTED,
      toCreate: toCreate.length,
      toUpdate: toUpdate.length,
      unchanged: diff.length - toCreate.length - toUpdate.length,
      ignoredColumns: parsed.ignoredColumns,
    };
    const hasErrors = invalidRows.length > 0;
    if (body.mode === 'preview' || (hasErrors && !body.acceptValidOnly)) {
      await client.query('ROLLBACK');
      open = false;
      return { committed: false, hasErrors, report };
    }

    const written = await upsertFromStage(q, orgId, fields);
    const changedByNumber = new Map(toUpdate.map((d) => [d.personnel_number, d.changed]));
    const created = new Set(toCreate.map((d) => d.personnel_number));
    const events: AuditEntry[] = written.map((w) => created.has(w.personnel_number)
      ? { organisationId: orgId, action: 'person.create', recordType: 'person', recordId: w.id, details: { source: 'import' } }
      : { organisationId: orgId, action: 'person.update', recordType: 'person', recordId: w.id, details: { source: 'import', changed: changedByNumber.get(w.personnel_number) ?? [] } });
    for (let i = 0; i < events.length; i += AUDIT_CHUNK) await recordAuditMany(q, ctx, events.slice(i, i + AUDIT_CHUNK));
    await recordAudit(q, ctx, {
      organisationId: orgId, action: 'person.import', recordType: 'person',
      details: { rows: report.rows, valid: report.valid, invalid: report.rows - report.valid, created: report.toCreate, updated: report.toUpdate, unchanged: report.unchanged, acceptValidOnly: Boolean(body.acceptValidOnly) },
    });
    await client.query('COMMIT');
    open = false;
    return { committed: true, hasErrors, report };
  } finally {
    if (open) await client.query('ROLLBACK').catch(() => {});
    client.release();
  }
}

/** Errors that need the whole file or the organisation: a number twice in the file, an unknown unit code. */
function checkAcrossRows(rows: ParsedRow[], units: Map<string, string>, locale: Locale): void {
  const lines = new Map<string, number[]>();
  for (const r of rows) if (r.row) lines.set(r.row.personnelNumber, [...(lines.get(r.row.personnelNumber) ?? []), r.line]);
  for (const r of rows) {
    if (!r.row) continue;
    const seen = lines.get(r.row.personnelNumber)!;
    if (seen.length > 1) r.errors.push(issue(locale, 'personnelNumber', 'duplicate', 'people.import.duplicate_number', { lines: seen.slice(0, 10).join(', ') }));
    if (r.row.unitCode && !units.has(r.row.unitCode.toUpperCase())) r.errors.push(issue(locale, 'unitCode', 'unknown_unit', 'people.import.unknown_unit', { code: r.row.unitCode }));
  }
}

function stageRecord(line: number, r: ImportRow, units: Map<string, string>): (string | number | null)[] {
  return [line, r.personnelNumber, r.firstName, r.lastName, r.email, r.staffCategory, r.grade, r.unitCode ? units.get(r.unitCode.toUpperCase())! : null, r.functionTitle, r.startDate, r.endDate];
}

/** COPY in CSV format: an unquoted empty field is NULL, and we never stage empty strings. */
async function copyRows(client: pg.PoolClient, records: (string | number | null)[][]): Promise<void> {
  if (records.length === 0) return;
  const stream = client.query(copyFrom(`COPY person_import_stage (${STAGE_COLUMNS.join(', ')}) FROM STDIN WITH (FORMAT csv)`));
  const text = stringify(records, { quoted: true });
  await pipeline(Readable.from([text]), stream);
}

async function diffAgainstRegister(q: Db, orgId: string, fields: PersonField[]) {
  const checks = fields.map((f) => {
    const col = sql.identifier(PERSON_COLUMNS[f]);
    return sql`CASE WHEN p.${col} IS DISTINCT FROM s.${col} THEN ${f}::text END`;
  });
  const r = await q.execute<{ personnel_number: string; id: string | null; changed: string[] }>(sql`
    SELECT s.personnel_number, p.id, array_remove(ARRAY[${sql.join(checks, sql`, `)}]::text[], NULL) AS changed
      FROM person_import_stage s
      LEFT JOIN person p ON p.organisation_id = ${orgId} AND p.personnel_number = s.personnel_number`);
  return r.rows;
}

/** Insert new staff, update changed ones; identical rows are not touched (updated_at stays). */
async function upsertFromStage(q: Db, orgId: string, fields: PersonField[]) {
  const cols = fields.map((f) => sql.identifier(PERSON_COLUMNS[f]));
  const list = sql.join(cols, sql`, `);
  const r = await q.execute<{ id: string; personnel_number: string }>(sql`
    INSERT INTO person (organisation_id, personnel_number, ${list})
    SELECT ${orgId}::uuid, s.personnel_number, ${sql.join(cols.map((c) => sql`s.${c}`), sql`, `)} FROM person_import_stage s
    ON CONFLICT (organisation_id, personnel_number) DO UPDATE
       SET ${sql.join(cols.map((c) => sql`${c} = EXCLUDED.${c}`), sql`, `)}, updated_at = now()
     WHERE (${sql.join(cols.map((c) => sql`person.${c}`), sql`, `)}) IS DISTINCT FROM (${sql.join(cols.map((c) => sql`EXCLUDED.${c}`), sql`, `)})
    RETURNING id, personnel_number`);
  return r.rows;
}
