/**
 * The oversight view of the risk analyses (issue 21, oversight-contract.ts): which catalogue processes
 * organisations most often rate high risk. Read through the platform's readOversight (oversight role in
 * an inspectorate or oversight body, system scope, audited once in the reader's trail with the number of
 * hidden cells). The figures are counts of organisations, each published alone (primary rule) under the
 * strictest suppression threshold (`statisticsSuppressBelow`) of the organisations it counts, so no
 * organisation's rule is weakened by being counted with others.
 */
import type { Db } from '../../platform/db/pool.js';
import { readOversight, suppressCount, SUPPRESS_BELOW, type Cell, type OversightReader, type OversightScope } from '../../platform/oversight/index.js';
import { riskCatalogue } from './catalogue.js';
import type { Band } from './contract.js';
import * as xrepo from './export-repo.js';
import type * as oc from './oversight-contract.js';

const HIGH = new Set<Band>(['high', 'very_high']);

/** How a read is audited: the screen's read by default; an export names its own action and details. */
export interface ReadAs { action?: string; details?: Record<string, unknown> }

/** Of the organisations a figure counts, the one whose threshold is the highest (the figure's threshold). */
function strictest(scope: OversightScope, orgIds: Iterable<string>): string | null {
  let best: string | null = null;
  for (const id of orgIds) if (best === null || scope.below(id) > scope.below(best)) best = id;
  return best;
}

/** A count of organisations, under the strictest threshold of those it counts; nothing counted is nothing shown. */
function countOf(scope: OversightScope, orgIds: readonly string[]): Cell {
  const org = strictest(scope, orgIds);
  return org ? scope.count(org, orgIds.length) : suppressCount(0, SUPPRESS_BELOW.default);
}

export function makeRiskOversight(db: Db) {
  return {
    async highRisk(reader: OversightReader, q: oc.HighRiskQuery, as: ReadAs = {}): Promise<oc.HighRiskOverview> {
      return readOversight(db, reader, {
        action: as.action ?? 'risk.oversight_read',
        recordType: 'risk_analysis',
        run: async (scope) => {
          const ratings = await xrepo.catalogueRatings(scope.tx, q.kind);
          const byCode = new Map<string, xrepo.CatalogueRatingRow[]>();
          for (const r of ratings) {
            const list = byCode.get(r.catalogue_code);
            if (list) list.push(r); else byCode.set(r.catalogue_code, [r]);
          }
          // Every catalogue entry is listed, rated or not: a row's presence tells nothing.
          const rows: oc.HighRiskRow[] = riskCatalogue.map((e) => {
            const high = (byCode.get(e.code) ?? []).filter((r) => HIGH.has(r.band)).map((r) => r.organisation_id);
            return { code: e.code, source: e.source, kind: e.kind, name: e.name, high: countOf(scope, high) };
          });
          rows.sort((a, b) => Number(a.high.suppressed) - Number(b.high.suppressed) || (b.high.value ?? 0) - (a.high.value ?? 0) || a.code.localeCompare(b.code));
          const organisations = countOf(scope, [...new Set(ratings.map((r) => r.organisation_id))]);
          return { kind: q.kind ?? null, organisations, rows };
        },
        details: (r) => ({ kind: r.kind, processes: r.rows.length, shown: r.rows.filter((x) => !x.high.suppressed).length, ...as.details }),
      });
    },
  };
}

export type RiskOversight = ReturnType<typeof makeRiskOversight>;

/** Per organisation, how many risk analyses it completed (`GET /api/oversight/figures`): its work, not people, shown as is. */
export async function riskOversightFigures({ tx }: OversightScope) {
  return (await xrepo.completedAnalysesPerOrganisation(tx)).map((x) => ({
    id: 'risk.analyses_completed', organisationId: x.organisation_id, value: { value: x.n, suppressed: false },
  }));
}
