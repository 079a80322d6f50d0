/**
 * Requests and responses of the maturity module's cross-organisation view (issue 20): the
 * inspectorate's overview, an organisation against its peer group, and the organisation's consent
 * to be named. The web app imports these schemas and types.
 *
 * Routes (all under /api):
 *
 *   GET /maturity/oversight/overview?year=&frameworkId=&group=
 *       oversight role in an inspectorate or oversight body (platform/oversight; anybody else 403)
 *       → oversightOverview. `year` defaults to the current year, `frameworkId` to the newest published
 *       version of 'imf', `group` (a peerGroup id) limits the distribution, pillars and trends to that group.
 *   GET /orgs/:orgId/maturity/peer-comparison?year=&frameworkId=
 *       the organisation's integrity officer or chief (another member of :orgId 404, anybody outside it 403) → peerComparison: the latest
 *       approved measurement of :orgId in that year (default: its latest approved one) against its peer group.
 *   GET /orgs/:orgId/maturity/oversight-consent
 *       chief or administrator of :orgId (anybody else 403) → consentView (revision 0 when never chosen: not consenting)
 *   GET /maturity/oversight/overview.csv|.docx|.pdf?year=&frameworkId=&group=&lang=
 *       as the overview → the same figures as a file (audited as `maturity.oversight_export` with the format)
 *   GET /orgs/:orgId/maturity/peer-comparison.csv|.docx|.pdf?year=&frameworkId=&lang=
 *       as the peer comparison → the same figures as a file (audited as `maturity.peer_comparison_export`)
 *   PUT /orgs/:orgId/maturity/oversight-consent     If-Match: "<revision>", "0" for the first choice
 *       chief or administrator of :orgId   consentBody → consentView (audited with the previous value)
 *
 * Anonymity (the same rules in every answer):
 * - Other organisations appear only as counts and quantiles. A name appears only for an organisation
 *   that consented (`namedOrganisations`), never with its levels.
 * - A group of fewer than MIN_GROUP (5) organisations gets no figure at all: `tooSmall: true` and the
 *   figures are null (absent, not zero). This holds for each criterion, pillar, year, kind and peer group.
 * - Quantiles by linear interpolation between order statistics (Hyndman & Fan type 7, as PostgreSQL's
 *   percentile_cont and a spreadsheet's PERCENTILE.INC): position h = (n - 1) p, value x[floor h] +
 *   (h - floor h) (x[floor h + 1] - x[floor h]) over the sorted values.
 * - An organisation's value in a year is the agreed levels of its latest approved measurement of that
 *   year on the framework version asked for; a pillar value is the mean of its agreed levels there.
 * Peer groups: local police zones by current staff (people module: persons started and not ended)
 * `zone_lt150` (< 150), `zone_150_299`, `zone_300_599`, `zone_600_plus` (≥ 600); `federal_directorate`
 * and `federal_unit` by kind; inspectorate and oversight bodies are in no peer group (null).
 * Every oversight read is audited in the reader's oversight organisation (`maturity.oversight_read`),
 * every comparison in the organisation's trail (`maturity.peer_comparison_read`).
 */
import { z } from 'zod';
import { LOCALES, ORGANISATION_KINDS } from '../../../shared/roles.js';
import { orgParams } from '../../platform/http/params.js';
import { pillar, PILLARS } from './contract.js';

export { orgParams };

/** Fewer organisations than this in a group: no figure about the group. */
export const MIN_GROUP = 5;

export const PEER_GROUPS = ['zone_lt150', 'zone_150_299', 'zone_300_599', 'zone_600_plus', 'federal_directorate', 'federal_unit'] as const;
export type PeerGroup = (typeof PEER_GROUPS)[number];
export const peerGroup = z.enum(PEER_GROUPS);
/** Lower bounds of the zone staff bands, in order. */
export const ZONE_BANDS: readonly { group: PeerGroup; from: number }[] = [
  { group: 'zone_lt150', from: 0 }, { group: 'zone_150_299', from: 150 }, { group: 'zone_300_599', from: 300 }, { group: 'zone_600_plus', from: 600 },
];

const year = z.coerce.number().int().min(2000).max(2100);
export const overviewQuery = z.strictObject({ year: year.optional(), frameworkId: z.uuid().optional(), group: peerGroup.optional() });
export type OverviewQuery = z.infer<typeof overviewQuery>;
export const comparisonQuery = z.strictObject({ year: year.optional(), frameworkId: z.uuid().optional() });
export type ComparisonQuery = z.infer<typeof comparisonQuery>;
const lang = z.enum(LOCALES).optional();
/** The exports take the screen's query and the file's language (default: the reader's). */
export const overviewExportQuery = overviewQuery.extend({ lang });
export const comparisonExportQuery = comparisonQuery.extend({ lang });

const localisedText = z.object({ nl: z.string(), fr: z.string(), de: z.string(), en: z.string() });
const level = z.number().min(0).max(4);

/** Quantiles of a group; all null with `tooSmall` when the group has fewer than MIN_GROUP organisations. */
export const quantiles = z.object({ p25: level.nullable(), median: level.nullable(), p75: level.nullable() });
export type Quantiles = z.infer<typeof quantiles>;

const frameworkRef = z.object({ id: z.uuid(), code: z.string(), version: z.number().int(), title: localisedText });
const criterionRef = z.object({ id: z.uuid(), code: z.string(), pillar, function: z.string().nullable(), position: z.number().int(), title: localisedText });

export const criterionDistribution = z.object({
  criterion: criterionRef,
  /** Organisations with an agreed level for this criterion. */
  organisations: z.number().int(),
  tooSmall: z.boolean(),
  /** Organisations per agreed level 0-4; null when too small. */
  levels: z.array(z.number().int()).length(5).nullable(),
  quantiles,
});

export const pillarFigure = z.object({ pillar, organisations: z.number().int(), tooSmall: z.boolean(), average: z.number().nullable(), quantiles });

export const oversightOverview = z.object({
  year: z.number().int(),
  framework: frameworkRef,
  group: peerGroup.nullable(),
  minGroup: z.number().int(),
  /** Who has an approved measurement this year, per organisation kind (all organisations of the kind counted). */
  participation: z.array(z.object({
    kind: z.enum(ORGANISATION_KINDS),
    tooSmall: z.boolean(),
    organisations: z.number().int().nullable(),
    measured: z.number().int().nullable(),
    /** measured / organisations, 0-1, two decimals. */
    share: z.number().nullable(),
  })),
  /** Organisations with an approved measurement this year that consented to be named; names only. */
  namedOrganisations: z.array(z.object({ id: z.uuid(), code: z.string(), names: z.record(z.string(), z.string()), kind: z.enum(ORGANISATION_KINDS) })),
  peerGroups: z.array(z.object({ group: peerGroup, organisations: z.number().int(), measured: z.number().int(), tooSmall: z.boolean(), pillars: z.array(pillarFigure) })),
  criteria: z.array(criterionDistribution),
  pillars: z.array(pillarFigure),
  /** Median of the organisations' pillar averages per year, over every year with approved measurements on this version. */
  trend: z.array(z.object({ year: z.number().int(), pillars: z.array(pillarFigure) })),
});
export type OversightOverview = z.infer<typeof oversightOverview>;

export const peerComparison = z.object({
  organisationId: z.uuid(),
  group: peerGroup.nullable(),
  /** Current staff, the basis of a zone's band. */
  staff: z.number().int(),
  minGroup: z.number().int(),
  /** null when the organisation has no approved measurement (in that year). */
  measurement: z.object({ id: z.uuid(), kind: z.string(), year: z.number().int(), framework: frameworkRef }).nullable(),
  /** Organisations of the group (this one included) with an approved measurement that year on that version. */
  groupOrganisations: z.number().int(),
  tooSmall: z.boolean(),
  criteria: z.array(z.object({ criterion: criterionRef, own: z.number().int().nullable(), group: quantiles })),
  pillars: z.array(z.object({ pillar, own: z.number().nullable(), group: quantiles })),
});
export type PeerComparison = z.infer<typeof peerComparison>;

export const consentBody = z.strictObject({ consented: z.boolean() });
export type ConsentBody = z.infer<typeof consentBody>;
export const consentView = z.object({
  organisationId: z.uuid(),
  consented: z.boolean(),
  updatedAt: z.string().nullable(),
  updatedBy: z.object({ userId: z.uuid(), displayName: z.string() }).nullable(),
  /** 0 when never chosen (send If-Match "0"). */
  revision: z.number().int(),
});
export type ConsentView = z.infer<typeof consentView>;

export { PILLARS };
