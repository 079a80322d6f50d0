import type pg from 'pg';
import { BYTES_MAGIC, TEXT_PREFIX } from './sealing.js';
import type { SealedField } from './registry.js';

/** SQL fragments for one registered field, quoted for a raw pg client. */
export function fieldSql(c: pg.ClientBase, f: SealedField) {
  const table = c.escapeIdentifier(f.table);
  const column = c.escapeIdentifier(f.column);
  const value = f.jsonKey ? `(${column} ->> ${c.escapeLiteral(f.jsonKey)})` : column;
  const sealed = f.kind === 'bytes'
    ? `substring(${column} from 1 for ${BYTES_MAGIC.length}) = '\\x${BYTES_MAGIC.toString('hex')}'::bytea`
    : `${value} LIKE '${TEXT_PREFIX}%'`;
  const set = f.jsonKey ? `${column} = jsonb_set(${column}, ARRAY[${c.escapeLiteral(f.jsonKey)}], to_jsonb($2::text))` : `${column} = $2`;
  return { table, column, value, sealed, plain: `${value} IS NOT NULL AND NOT (${sealed})`, set };
}

/** Transactions of the sealing tools see every organisation's rows (row-level security, system scope). */
export async function beginSystem(c: pg.ClientBase): Promise<void> {
  await c.query('BEGIN');
  await c.query(`SELECT set_config('kompas.scope', 'system', true)`);
}
