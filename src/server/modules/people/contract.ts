import { z } from 'zod';
import { text } from '../../../shared/text.js';
import { STAFF_CATEGORIES } from '../../../shared/roles.js';
import { orgParamsWith } from '../../platform/http/params.js';

/** A real calendar date between 1900 and 2199 as YYYY-MM-DD (zod checks the shape, this the calendar). */
export function isRealDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  return y >= 1900 && y < 2200 && dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d;
}

export const isoDate = text({ max: 10 }).refine(isRealDate, { message: 'people.invalid_date' });
const line = (max: number) => text({ max, min: 1, trim: true });
const optionalText = (max: number) => text({ max, trim: true }).transform((v) => v || null).nullable().optional();

export const personnelNumber = text({ max: 30, min: 1, trim: true }).regex(/^[A-Za-z0-9][A-Za-z0-9./_-]*$/, { message: 'people.invalid_personnel_number' });
export const staffCategory = z.enum(STAFF_CATEGORIES);
export const personStatus = z.enum(['active', 'left', 'all']);

export const personParams = orgParamsWith({ personId: z.uuid() });

export const personFields = {
  personnelNumber,
  firstName: line(100),
  lastName: line(100),
  email: text({ max: 254 }).pipe(z.email()).transform((v) => v.toLowerCase()).nullable().optional(),
  staffCategory,
  grade: optionalText(50),
  unitId: z.uuid().nullable().optional(),
  /** Alternative to unitId: the unit's code, as HR systems know it. */
  unitCode: line(30).optional(),
  functionTitle: optionalText(200),
  startDate: isoDate,
  endDate: isoDate.nullable().optional(),
  /** The user account of this staff member, when they sign in (heads of service see their unit through it). */
  userId: z.uuid().nullable().optional(),
};

const endAfterStart = (b: { startDate?: string; endDate?: string | null }) => !b.startDate || !b.endDate || b.endDate >= b.startDate;

export const createPersonBody = z
  .strictObject(personFields)
  .refine((b) => !(b.unitId && b.unitCode), { message: 'people.unit_twice', path: ['unitCode'] })
  .refine(endAfterStart, { message: 'people.end_before_start', path: ['endDate'] });
export type CreatePerson = z.infer<typeof createPersonBody>;

export const updatePersonBody = z
  .strictObject({ ...personFields, personnelNumber: personFields.personnelNumber.optional(), firstName: personFields.firstName.optional(), lastName: personFields.lastName.optional(), staffCategory: staffCategory.optional(), startDate: isoDate.optional() })
  .refine((b) => Object.keys(b).length > 0, { message: 'org.nothing_to_update' })
  .refine((b) => !(b.unitId && b.unitCode), { message: 'people.unit_twice', path: ['unitCode'] })
  .refine(endAfterStart, { message: 'people.end_before_start', path: ['endDate'] });
export type UpdatePerson = z.infer<typeof updatePersonBody>;

export const listPeopleQuery = z.strictObject({
  q: text({ max: 100, trim: true }).optional(),
  unitId: z.uuid().optional(),
  category: staffCategory.optional(),
  status: personStatus.default('active'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(25),
  sort: z.enum(['name', 'number']).default('name'),
});
export type ListPeopleQuery = z.infer<typeof listPeopleQuery>;
export const exportPeopleQuery = listPeopleQuery.omit({ page: true, pageSize: true });
export type PeopleFilter = z.infer<typeof exportPeopleQuery>;

export const personView = z.object({
  id: z.uuid(),
  personnelNumber: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string().nullable(),
  staffCategory,
  grade: z.string().nullable(),
  unitId: z.uuid().nullable(),
  unitCode: z.string().nullable(),
  unitName: z.string().nullable(),
  functionTitle: z.string().nullable(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  userId: z.uuid().nullable(),
  status: z.enum(['active', 'left']),
});
export type PersonView = z.infer<typeof personView>;

export const personList = z.object({ items: z.array(personView), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

// HR import ---------------------------------------------------------------------------------

export const IMPORT_MAX_CHARS = 5 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 50_000;
/** Rows with errors listed in full; beyond this the report says it was cut. */
export const IMPORT_MAX_REPORTED = 1000;

export const importBody = z.strictObject({
  /** The whole file, checked cell by cell (csv.ts): a control character refuses its line, not the upload. */
  csv: z.string().min(1).max(IMPORT_MAX_CHARS),
  mode: z.enum(['preview', 'commit']),
  acceptValidOnly: z.boolean().optional(),
});

export const importIssue = z.object({ field: z.string(), code: z.string(), message: z.string() });
export const importReport = z.object({
  rows: z.number().int(),
  valid: z.number().int(),
  invalid: z.array(z.object({ line: z.number().int(), personnelNumber: z.string().optional(), errors: z.array(importIssue) })),
  invalidTruncated: z.boolean(),
  toCreate: z.number().int(),
  toUpdate: z.number().int(),
  unchanged: z.number().int(),
  /** Columns of the file that Kompas does not read (kept out, not an error). */
  ignoredColumns: z.array(z.string()),
});
export type ImportReport = z.infer<typeof importReport>;
export const importResult = z.object({ mode: z.enum(['preview', 'commit']), committed: z.boolean(), report: importReport });
