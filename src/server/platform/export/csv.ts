import type { Transform } from 'node:stream';
import { stringify as stringifySync } from 'csv-stringify/sync';
import { stringify } from 'csv-stringify';

/**
 * CSV out. Every cell goes through one formula guard (CSV injection, OWASP): a spreadsheet runs
 * a cell that starts with = + - @ (or a tab or carriage return before one) as a formula, so such
 * a cell gets a leading apostrophe, which the spreadsheet shows as text. Quoting (cells with the
 * delimiter, quotes or line breaks) is csv-stringify's, quotes doubled as RFC 4180 says.
 */

const FORMULA_START = /^[=+\-@\t\r]/;

/** The one formula guard: a text cell that a spreadsheet would evaluate is prefixed with `'`. */
export function neutraliseFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export type CsvValue = string | number | boolean | null | undefined;

/**
 * A finite number is written as is (a number is never a formula, and "-3" must stay a number);
 * every text goes through the guard; absent values are empty cells.
 */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return neutraliseFormula(value);
}

export interface CsvColumn<R> {
  header: string;
  value: (row: R) => CsvValue;
}

export interface CsvOptions {
  /**
   * `;` by default: Excel in Belgian locales splits on it (and a `,` in a decimal or a name
   * then needs no quotes). Use `,` where a reader expects RFC 4180 as is.
   */
  delimiter?: ';' | ',';
  /** UTF-8 byte order mark, so Excel reads accents right (default on). */
  bom?: boolean;
  /** `\r\n` (default, as Excel writes) or `\n`. */
  lineEnding?: '\r\n' | '\n';
}

const settings = (o: CsvOptions) => ({
  delimiter: o.delimiter ?? ';',
  bom: o.bom ?? true,
  record_delimiter: o.lineEnding === '\n' ? 'unix' as const : 'windows' as const,
  // csv-stringify quotes a cell holding the whole record delimiter only: with `\r\n` lines, a
  // lone `\n` in a cell would go out bare and start a new row in the spreadsheet.
  quoted_match: /[\r\n]/,
});

const guardHeader = (h: string) => neutraliseFormula(h);

/** The rows as one CSV text, a header line first. */
export function toCsv<R>(rows: Iterable<R>, columns: readonly CsvColumn<R>[], opts: CsvOptions = {}): string {
  const body = [...rows].map((r) => columns.map((c) => csvCell(c.value(r))));
  return stringifySync([columns.map((c) => guardHeader(c.header)), ...body], settings(opts));
}

export interface CsvStream<R> {
  /** What the route sends (readable side); backpressure and a client gone away show on it (`drain`, `destroyed`). */
  stream: Transform;
  /** Writes one row; false means wait for `drain` before the next. */
  write(row: R): boolean;
  end(): void;
  destroy(err?: Error): void;
}

/**
 * The same CSV as `toCsv`, written row by row for exports too large to hold in memory. The
 * header line is written at once, so an empty result is still a file with its headings.
 */
export function csvStream<R>(columns: readonly CsvColumn<R>[], opts: CsvOptions = {}): CsvStream<R> {
  const out = stringify(settings(opts));
  out.write(columns.map((c) => guardHeader(c.header)));
  return {
    stream: out,
    write: (row) => out.write(columns.map((c) => csvCell(c.value(row)))),
    end: () => { out.end(); },
    destroy: (err) => { out.destroy(err); },
  };
}
