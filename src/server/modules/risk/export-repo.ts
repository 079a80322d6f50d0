/**
 * Queries of the risk exports and of the oversight overview. `previousAgreements` runs in the
 * organisation's transaction like repo.ts; the cross-organisation queries run only in the system-scope
 * transaction of platform/oversight's readOversight and return ratings per organisation, which
 * oversight.ts turns into suppressed counts.
 */
import { sql } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/pool.js';
import type { RiskBand } from './schema.js';

export type PreviousAgreementRow = { process_id: string; risk_score: number; band: RiskBand };

/**
 * Per process, the agreed assessment of the completed analysis before the latest one that covered it
 * (the register's trend: the latest one is the register's current band).
 */
export async function previousAgreements(q: Queryable, orgId: string): Promise<PreviousAgreementRow[]> {
  const r = await q.execute<PreviousAgreementRow>(sql`
    SELECT process_id, risk_score, band FROM (
      SELECT a.process_id, a.risk_score, a.band,
             row_number() OVER (PARTITION BY a.process_id ORDER BY m.completed_at DESC, m.id) AS n
        FROM risk_agreement a JOIN risk_analysis m ON m.organisation_id = a.organisation_id AND m.id = a.analysis_id
       WHERE a.organisation_id = ${orgId} AND m.status = 'completed') x
     WHERE n = 2`);
  return r.rows;
}

/** The organisation kinds a filter of the overview stands for. */
export const KIND_FILTERS = {
  zones: ['local_police_zone'],
  federal: ['federal_directorate', 'federal_unit'],
} as const;
export type KindFilter = keyof typeof KIND_FILTERS;

export type CatalogueRatingRow = { organisation_id: string; catalogue_code: string; band: RiskBand };

/**
 * Across organisations (system scope only): per organisation and catalogue code, the band agreed in
 * the latest completed analysis that covered its (not archived) process of that code. Processes
 * entered freely have no code and are not comparable, so they are left out.
 */
export async function catalogueRatings(q: Queryable, kind?: KindFilter): Promise<CatalogueRatingRow[]> {
  const kinds = kind ? KIND_FILTERS[kind] : null;
  const r = await q.execute<CatalogueRatingRow>(sql`
    SELECT DISTINCT ON (a.organisation_id, p.catalogue_code) a.organisation_id, p.catalogue_code, a.band
      FROM risk_agreement a
      JOIN risk_analysis m ON m.organisation_id = a.organisation_id AND m.id = a.analysis_id AND m.status = 'completed'
      JOIN risk_process p ON p.organisation_id = a.organisation_id AND p.id = a.process_id AND p.catalogue_code IS NOT NULL AND NOT p.archived
      JOIN organisation o ON o.id = a.organisation_id
     WHERE ${kinds ? sql`o.kind IN (${sql.join(kinds.map((k) => sql`${k}`), sql`, `)})` : sql`true`}
     ORDER BY a.organisation_id, p.catalogue_code, m.completed_at DESC, m.id`);
  return r.rows;
}

/** Completed analyses per organisation (system scope only): the oversight figure `risk.analyses_completed`. */
export async function completedAnalysesPerOrganisation(q: Queryable): Promise<{ organisation_id: string; n: number }[]> {
  const r = await q.execute<{ organisation_id: string; n: number }>(sql`
    SELECT organisation_id, count(*)::int AS n FROM risk_analysis WHERE status = 'completed' GROUP BY organisation_id`);
  return r.rows;
}
