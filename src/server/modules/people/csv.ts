import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { CONTROL_CHARACTERS_MESSAGE, text } from '../../../shared/text.js';
import { invalid } from '../../platform/errors.js';
import { toCsv } from '../../platform/export/index.js';
import { hasMessage, translate } from '../../platform/i18n/index.js';
import type { Locale, StaffCategory } from '../../../shared/roles.js';
import { IMPORT_MAX_ROWS, isoDate, personnelNumber, staffCategory, type PersonView } from './contract.js';

/** The fields an HR file can carry, in the order of our export. */
export const IMPORT_FIELDS = ['personnelNumber', 'lastName', 'firstName', 'email', 'staffCategory', 'grade', 'unitCode', 'functionTitle', 'startDate', 'endDate'] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];
const REQUIRED: ImportField[] = ['personnelNumber', 'lastName', 'firstName', 'staffCategory', 'startDate'];

/** Lower case, no accents, letters and digits only: "Date_début" and "date debut" are the same header. */
export const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]/g, '');

/** Header names seen in Belgian HR exports (GALoP, Excel lists), in Dutch, French, German and English. */
const HEADER_ALIASES: Record<ImportField, string[]> = {
  personnelNumber: ['stamnummer', 'stamnr', 'personeelsnummer', 'matricule', 'numeromatricule', 'personalnummer', 'personnelnumber', 'staffnumber'],
  lastName: ['naam', 'achternaam', 'familienaam', 'nom', 'nomdefamille', 'name', 'nachname', 'familienname', 'lastname', 'surname', 'familyname'],
  firstName: ['voornaam', 'prenom', 'vorname', 'firstname', 'givenname'],
  email: ['email', 'mail', 'emailadres', 'courriel', 'adresseemail', 'emailadresse', 'emailaddress'],
  staffCategory: ['categorie', 'kader', 'cadre', 'kategorie', 'personalkategorie', 'category', 'staffcategory'],
  grade: ['graad', 'grade', 'dienstgrad', 'rang', 'rank'],
  unitCode: ['dienst', 'dienstcode', 'eenheid', 'service', 'codeservice', 'unite', 'dienststelle', 'unit', 'unitcode'],
  functionTitle: ['functie', 'fonction', 'funktion', 'function', 'functiontitle', 'jobtitle'],
  startDate: ['startdatum', 'begindatum', 'indienst', 'datedebut', 'dateentree', 'anfangsdatum', 'eintrittsdatum', 'startdate'],
  endDate: ['einddatum', 'uitdienst', 'datefin', 'datesortie', 'enddatum', 'austrittsdatum', 'enddate'],
};
const HEADER_INDEX = new Map<string, ImportField>(Object.entries(HEADER_ALIASES).flatMap(([f, names]) => names.map((n) => [n, f as ImportField])));

const CATEGORY_VALUES = new Map<string, StaffCategory>([
  ...['operationeel', 'operationeelkader', 'operationnel', 'cadreoperationnel', 'operativ', 'operativerkader', 'operational', 'ops', 'op'].map((v) => [v, 'operational'] as const),
  ...['calog', 'cal', 'administratiefenlogistiekkader', 'cadreadministratifetlogistique', 'verwaltungsundlogistikkader'].map((v) => [v, 'calog'] as const),
]);

/** YYYY-MM-DD, or the Belgian DD/MM/YYYY (also with - or .); anything else is returned as is and fails validation. */
export function normaliseDate(v: string): string {
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(v);
  return m ? `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}` : v;
}

// Cells go through the shared text type: a control character (NUL is refused by PostgreSQL) fails its line.
const optional = (max: number) => text({ max }).nullable();
/** One line of an HR file after mapping: the same limits as the create endpoint. */
const importRow = z.object({
  personnelNumber,
  lastName: text({ max: 100, min: 1 }),
  firstName: text({ max: 100, min: 1 }),
  email: text({ max: 254 }).pipe(z.email()).nullable(),
  staffCategory: z.enum(staffCategory.options, { error: 'people.import.invalid_category' }),
  grade: optional(50),
  unitCode: optional(30),
  functionTitle: optional(200),
  startDate: isoDate,
  endDate: isoDate.nullable(),
}).refine((r) => !r.endDate || r.endDate >= r.startDate, { message: 'people.end_before_start', path: ['endDate'] });
export type ImportRow = z.infer<typeof importRow>;

export interface RowIssue { field: string; code: string; message: string }
export interface ParsedRow { line: number; personnelNumber?: string; row?: ImportRow; errors: RowIssue[] }
export interface ParsedFile { columns: ImportField[]; ignoredColumns: string[]; rows: ParsedRow[] }

const FIELD_MESSAGES: Record<string, string> = {
  too_small: 'field.required', too_big: 'field.too_big', invalid_format: 'field.invalid_format', invalid_type: 'field.invalid_type', invalid_value: 'field.invalid_value',
};

export function issue(locale: Locale, field: string, code: string, messageId: string, values?: Record<string, unknown>): RowIssue {
  return { field, code, message: translate(locale, messageId, values) };
}

/** `;` (Belgian Excel) or `,`: whichever occurs more often outside quotes in the header line. */
export function detectDelimiter(text: string): ';' | ',' {
  const header = text.slice(0, text.search(/\r?\n|$/)).replace(/"[^"]*"/g, '');
  return (header.match(/;/g)?.length ?? 0) >= (header.match(/,/g)?.length ?? 0) ? ';' : ',';
}

/**
 * Reads an HR export: maps headers, normalises values (categories, dates, empty cells) and
 * validates every line. Errors of the file as a whole (unreadable, missing columns) throw;
 * errors of a line are collected so the administrator sees all of them at once.
 */
export function parseHrCsv(input: string, locale: Locale): ParsedFile {
  const text = input.replace(/^\uFEFF/, '');
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      delimiter: detectDelimiter(text), info: true, relax_column_count: true, skip_empty_lines: true, trim: true,
      max_record_size: 64 * 1024, to: IMPORT_MAX_ROWS + 2, // header + one row too many, to tell "too many" apart
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (err) {
    throw invalid('import_unreadable', 'csv', { line: (err as { lines?: number }).lines ?? 0 });
  }
  const [head, ...body] = records;
  if (!head || body.length === 0) throw invalid('import_empty', 'csv');
  if (body.length > IMPORT_MAX_ROWS) throw invalid('import_too_many_rows', 'csv', { max: IMPORT_MAX_ROWS });

  const positions = new Map<ImportField, number>();
  const ignoredColumns: string[] = [];
  head.record.forEach((name, i) => {
    const field = HEADER_INDEX.get(fold(name));
    if (!field) { if (name) ignoredColumns.push(name.slice(0, 100)); return; }
    if (positions.has(field)) throw invalid('import_duplicate_column', 'csv', { column: name.slice(0, 100) });
    positions.set(field, i);
  });
  const missing = REQUIRED.filter((f) => !positions.has(f));
  if (missing.length > 0) throw invalid('import_missing_columns', 'csv', { columns: missing.join(', ') });

  const rows: ParsedRow[] = body.map(({ record, info }) => {
    const cell = (f: ImportField) => { const i = positions.get(f); const v = i === undefined ? '' : (record[i] ?? '').trim(); return v === '' ? null : v; };
    const category = cell('staffCategory');
    const candidate = {
      personnelNumber: cell('personnelNumber') ?? '',
      lastName: cell('lastName') ?? '',
      firstName: cell('firstName') ?? '',
      email: cell('email')?.toLowerCase() ?? null,
      staffCategory: category === null ? '' : CATEGORY_VALUES.get(fold(category)) ?? category,
      grade: cell('grade'),
      unitCode: cell('unitCode'),
      functionTitle: cell('functionTitle'),
      startDate: normaliseDate(cell('startDate') ?? ''),
      endDate: cell('endDate') === null ? null : normaliseDate(cell('endDate')!),
    };
    const parsed = importRow.safeParse(candidate);
    const number = candidate.personnelNumber ? candidate.personnelNumber.slice(0, 30) : undefined;
    if (parsed.success) return { line: info.lines, personnelNumber: number, row: parsed.data, errors: [] };
    return {
      line: info.lines,
      personnelNumber: number,
      errors: parsed.error.issues.map((i) => {
        const field = String(i.path[0] ?? 'csv');
        const empty = (i.code === 'too_small' || i.code === 'invalid_value' || i.code === 'invalid_format' || i.code === 'custom') && (candidate as Record<string, unknown>)[field] === '';
        if (empty) return issue(locale, field, 'required', 'field.required');
        const id = hasMessage(i.message) ? i.message : FIELD_MESSAGES[i.code] ?? 'field.invalid';
        const code = i.message === CONTROL_CHARACTERS_MESSAGE ? 'control_characters' : i.code === 'custom' ? 'invalid' : i.code;
        return issue(locale, field, code, id);
      }),
    };
  });
  return { columns: [...positions.keys()], ignoredColumns, rows };
}

// Export --------------------------------------------------------------------------------------

const EXPORT_HEADERS: Record<Locale, Record<ImportField, string>> = {
  nl: { personnelNumber: 'stamnummer', lastName: 'naam', firstName: 'voornaam', email: 'e-mail', staffCategory: 'categorie', grade: 'graad', unitCode: 'dienst', functionTitle: 'functie', startDate: 'startdatum', endDate: 'einddatum' },
  fr: { personnelNumber: 'matricule', lastName: 'nom', firstName: 'prénom', email: 'e-mail', staffCategory: 'catégorie', grade: 'grade', unitCode: 'service', functionTitle: 'fonction', startDate: 'date_début', endDate: 'date_fin' },
  de: { personnelNumber: 'Personalnummer', lastName: 'Name', firstName: 'Vorname', email: 'E-Mail', staffCategory: 'Kategorie', grade: 'Dienstgrad', unitCode: 'Dienst', functionTitle: 'Funktion', startDate: 'Anfangsdatum', endDate: 'Enddatum' },
  en: { personnelNumber: 'personnel_number', lastName: 'last_name', firstName: 'first_name', email: 'e-mail', staffCategory: 'category', grade: 'grade', unitCode: 'unit', functionTitle: 'function', startDate: 'start_date', endDate: 'end_date' },
};
const CATEGORY_LABELS: Record<Locale, Record<StaffCategory, string>> = {
  nl: { operational: 'operationeel', calog: 'CALog' },
  fr: { operational: 'opérationnel', calog: 'CALog' },
  de: { operational: 'operativ', calog: 'CALog' },
  en: { operational: 'operational', calog: 'CALog' },
};

/** The same columns the import reads, so an export can be corrected and imported again. */
export function peopleToCsv(people: PersonView[], locale: Locale): string {
  const h = EXPORT_HEADERS[locale];
  const value: Record<ImportField, (p: PersonView) => string | null> = {
    personnelNumber: (p) => p.personnelNumber, lastName: (p) => p.lastName, firstName: (p) => p.firstName, email: (p) => p.email,
    staffCategory: (p) => CATEGORY_LABELS[locale][p.staffCategory], grade: (p) => p.grade, unitCode: (p) => p.unitCode,
    functionTitle: (p) => p.functionTitle, startDate: (p) => p.startDate, endDate: (p) => p.endDate,
  };
  return toCsv(people, IMPORT_FIELDS.map((f) => ({ header: h[f], value: value[f] })));
}
