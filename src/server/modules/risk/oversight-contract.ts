/**
 * The inspectorate's and Comité P's anonymised view of the risk analyses (issue 21): per catalogue
 * process, how many organisations rated it high or very high in the latest completed analysis that
 * covered it. Counts of organisations only, never an organisation's name or rating; a count below the
 * strictest suppression threshold of the organisations it describes is withheld (platform/oversight).
 *
 *   GET /api/risk/oversight/high-risk?kind=zones|federal            oversight role → highRiskOverview (audited read)
 *   GET /api/risk/oversight/high-risk.csv|.docx|.pdf?kind=&lang=    the same as a file (audited as an export)
 */
import { z } from 'zod';
import { LOCALES } from '../../../shared/roles.js';
import { catalogueSource, localizedText, processKind } from './contract.js';

export const KIND_FILTER_VALUES = ['zones', 'federal'] as const;
export const kindFilter = z.enum(KIND_FILTER_VALUES);

export const highRiskQuery = z.strictObject({ kind: kindFilter.optional() });
export type HighRiskQuery = z.infer<typeof highRiskQuery>;
export const highRiskExportQuery = highRiskQuery.extend({ lang: z.enum(LOCALES).optional() });

/** A published count, or null with `suppressed` when it is below the threshold. */
export const cell = z.object({ value: z.number().int().nullable(), suppressed: z.boolean() });
export type CellView = z.infer<typeof cell>;

export const highRiskRow = z.object({
  code: z.string(),
  source: catalogueSource,
  kind: processKind,
  name: localizedText,
  /**
   * Organisations whose latest completed analysis of the process agreed on high or very high. Published
   * alone (primary rule): no count of the organisations that rated it lower or at all is given per
   * process, so nothing small can be worked out from two figures.
   */
  high: cell,
});
export type HighRiskRow = z.infer<typeof highRiskRow>;

export const highRiskOverview = z.object({
  kind: kindFilter.nullable(),
  /** Organisations (of the filter) with at least one catalogue process rated in a completed analysis: the figures' context. */
  organisations: cell,
  /** Every catalogue entry: most often rated high first, withheld figures last, then by code. */
  rows: z.array(highRiskRow),
});
export type HighRiskOverview = z.infer<typeof highRiskOverview>;
