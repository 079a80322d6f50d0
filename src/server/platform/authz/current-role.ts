import { sql, type SQL } from 'drizzle-orm';

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/**
 * "This role assignment holds on the day": not withdrawn, begun, not ended (`valid_to` is the
 * last day it holds). The one definition every query of current roles uses (sessions, the role
 * list, head-of-service scopes, plan owners and reminders), so they cannot drift apart.
 *
 * `alias` is the role_assignment alias in the query ('' when the table is not aliased); `day` is
 * an ISO date (`2025-03-01`) or an SQL date expression, today (`current_date`) when omitted.
 */
export function currentRoleCondition(alias = 'ra', day?: string | SQL): SQL {
  if (alias !== '' && !IDENTIFIER.test(alias)) throw new Error(`currentRoleCondition: bad alias ${JSON.stringify(alias)}`);
  const col = (name: string) => sql.raw(alias === '' ? name : `${alias}.${name}`);
  const d = day === undefined ? sql`current_date` : typeof day === 'string' ? sql`${day}::date` : day;
  return sql`(${col('withdrawn_at')} IS NULL AND ${col('valid_from')} <= ${d} AND (${col('valid_to')} IS NULL OR ${col('valid_to')} >= ${d}))`;
}
