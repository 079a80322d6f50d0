import { execFileSync } from 'node:child_process';
import pg from 'pg';

/**
 * Proof that confidential data is sealed at rest: unique markers written through the API must stand
 * nowhere in the database in clear. Tests of encrypted records (docs/development.md, "Encrypted
 * records") write a marker into every confidential field and expect both scans below to find none,
 * and should also show that the scan finds something it must (a value stored in clear), so that an
 * empty result cannot come from a scan that reads nothing.
 *
 * A marker is either text or bytes:
 * - text is looked for as such in text, character varying, json(b) and array columns (cast to text)
 *   and as UTF-8 in bytea columns;
 * - bytes (e.g. a ciphertext that must be gone) are looked for as such in bytea columns and as
 *   lower-case hex in the others.
 */
export type Marker = string | Buffer;

export interface MarkerScanOptions {
  /** Tables that must be among those scanned (the scan throws otherwise): a renamed table must not make a test pass. */
  tables?: readonly string[];
  /** Also scan uuid columns: to find where a record's id still stands (e.g. after deletion). */
  uuid?: boolean;
}

/**
 * Every column of every table of the public schema that holds one of the markers, as `table.column`,
 * read as the owner role over `databaseUrl` (bypassing row-level security, as a DBA or a stolen copy
 * of the database would).
 */
export async function columnsHoldingMarkers(databaseUrl: string, markers: readonly Marker[], opts: MarkerScanOptions = {}): Promise<string[]> {
  const asText = markers.map((m) => (typeof m === 'string' ? m : m.toString('hex')));
  const asBytes = markers.map((m) => (typeof m === 'string' ? Buffer.from(m, 'utf8') : m));
  const types = ['text', 'character varying', 'bytea', 'jsonb', 'json', 'ARRAY', ...(opts.uuid ? ['uuid'] : [])];
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    const { rows: cols } = await c.query<{ table_name: string; column_name: string; data_type: string }>(`
      SELECT c.table_name, c.column_name, c.data_type FROM information_schema.columns c
        JOIN information_schema.tables tb ON tb.table_schema = c.table_schema AND tb.table_name = c.table_name AND tb.table_type = 'BASE TABLE'
       WHERE c.table_schema = 'public' AND c.data_type = ANY($1::text[])`, [types]);
    const scanned = new Set(cols.map((x) => x.table_name));
    const missing = (opts.tables ?? []).filter((x) => !scanned.has(x));
    if (cols.length === 0 || missing.length > 0) throw new Error(`the marker scan does not cover: ${missing.join(', ') || 'any table'}`);
    const hits: string[] = [];
    for (const col of cols) {
      const q = `"${col.column_name}"`;
      const [cond, needles] = col.data_type === 'bytea'
        ? [`EXISTS (SELECT 1 FROM unnest($1::bytea[]) m WHERE position(m in ${q}) > 0)`, asBytes]
        : [`EXISTS (SELECT 1 FROM unnest($1::text[]) m WHERE strpos(${q}::text, m) > 0)`, asText];
      const { rows: [r] } = await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${col.table_name}" WHERE ${cond}`, [needles]);
      if (r.n > 0) hits.push(`${col.table_name}.${col.column_name}`);
    }
    return hits;
  } finally {
    await c.end();
  }
}

/**
 * The markers that a plain-text dump of the database (pg_dump) holds, in clear or as hex (the
 * dump's form of bytea). Throws if the dump holds no data of one of `tables`.
 */
export function markersInDump(databaseUrl: string, markers: readonly Marker[], opts: Pick<MarkerScanOptions, 'tables'> = {}): Marker[] {
  const dump = execFileSync('pg_dump', ['--no-owner', '--dbname', databaseUrl], { maxBuffer: 512 * 1024 * 1024 }).toString('utf8');
  const missing = (opts.tables ?? []).filter((x) => !dump.includes(`COPY public.${x} (`));
  if (missing.length > 0) throw new Error(`the dump holds no data of: ${missing.join(', ')}`);
  return markers.filter((m) => {
    const bytes = typeof m === 'string' ? Buffer.from(m, 'utf8') : m;
    return (typeof m === 'string' && dump.includes(m)) || dump.includes(bytes.toString('hex'));
  });
}
