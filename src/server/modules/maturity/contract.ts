/**
 * Requests and responses of the maturity measurement (issue 20): frameworks as versioned data in four
 * languages, measurements per organisation scored independently by several assessors, consolidated by
 * the integrity officer, approved (and then locked) by the chief; gaps turned into plan entries.
 * The web app imports these schemas and types; every string and array is bounded.
 *
 * Routes (all under /api; "org" routes are organisation-scoped, /orgs/:orgId/…):
 *
 *   Frameworks (global data, not organisation-scoped)
 *   GET    /maturity/frameworks                       signed in                      → frameworkList
 *   GET    /maturity/frameworks/:frameworkId          signed in                      → frameworkView
 *   POST   /maturity/frameworks                       inspectorate administrator     frameworkImportBody → 201 frameworkView (draft, next version of its code)
 *   POST   /maturity/frameworks/:frameworkId/publish  inspectorate administrator     {} → frameworkView (status published)
 *   DELETE /maturity/frameworks/:frameworkId          inspectorate administrator     → 204 (drafts only)
 *   GET    /maturity/frameworks/:frameworkId/export.json  as GET of the framework   → the version in the import format (frameworkImportBody),
 *                                                                                   as a download: the start of a next version
 *
 *   Measurements (route policy: any current role in :orgId; the service then lets in the integrity officer
 *   and the chief for every measurement, an assessor for the measurements naming them; anybody else 404)
 *   GET    /orgs/:orgId/maturity/assessor-candidates                           officer             → candidateList
 *   GET    /orgs/:orgId/maturity/measurements                                  officer, chief, assessors → measurementList
 *   POST   /orgs/:orgId/maturity/measurements                                  officer             createMeasurementBody → 201 measurementDetail
 *   GET    /orgs/:orgId/maturity/measurements/:measurementId                   officer, chief, its assessors → measurementDetail
 *                                                                              (while scoring: the caller's own scores only)
 *   PATCH  /orgs/:orgId/maturity/measurements/:measurementId                   officer, status scoring; If-Match  updateMeasurementBody → measurementDetail
 *   DELETE /orgs/:orgId/maturity/measurements/:measurementId                   officer, status scoring → 204
 *   PUT    /orgs/:orgId/maturity/measurements/:measurementId/scores/:criterionId
 *                                                                              the assessor, status scoring; If-Match: "<score revision>",
 *                                                                              "0" for a first score   scoreBody → scoreView
 *   POST   /orgs/:orgId/maturity/measurements/:measurementId/consolidate       officer; scoring → consolidating; If-Match optional → measurementDetail
 *   GET    /orgs/:orgId/maturity/measurements/:measurementId/consolidation     officer, chief, its assessors; from consolidating on
 *                                                                              (409 maturity_not_consolidating before) → consolidationView
 *   PUT    /orgs/:orgId/maturity/measurements/:measurementId/consolidation/:criterionId
 *                                                                              officer, status consolidating; If-Match: "<agreement revision>",
 *                                                                              "0" for a first one   agreementBody → agreementView
 *   POST   /orgs/:orgId/maturity/measurements/:measurementId/submit            officer; consolidating → submitted (every criterion agreed) → measurementDetail
 *   POST   /orgs/:orgId/maturity/measurements/:measurementId/return            officer or chief; submitted → consolidating → measurementDetail
 *   POST   /orgs/:orgId/maturity/measurements/:measurementId/approve           chief; submitted → approved (locked) → measurementDetail
 *   POST   /orgs/:orgId/maturity/measurements/:measurementId/gaps/:criterionId/plan-entry
 *                                                                              officer; agreed level below target (consolidating, submitted
 *                                                                              or approved: the entry is written in the plan, not in the
 *                                                                              locked measurement)   planEntryBody → 201 planLinkView
 *   GET    /orgs/:orgId/maturity/measurements/:measurementId/matrix            officer, chief, its assessors (agreed levels; empty while scoring) → matrixView
 *   GET    /orgs/:orgId/maturity/trend                                          officer, chief → trendView
 *   GET    /orgs/:orgId/maturity/measurements/:measurementId/export.csv|export.docx|export.pdf?lang=
 *                                                                              officer, chief (from consolidating on) → file download
 *
 * Any write to an approved measurement is 409 maturity_locked. Stale edits are 409 edit_conflict with the
 * record as it is now; a write without If-Match where one is required is 428.
 * Home figures: 'maturity.waiting_scores' (measurements in scoring where the caller is an assessor with
 * criteria left), 'maturity.to_consolidate' (officer), 'maturity.to_approve' (chief).
 */
import { z } from 'zod';
import { text } from '../../../shared/text.js';
import { IMF_FUNCTIONS } from '../../../shared/plan.js';
import { LOCALES } from '../../../shared/roles.js';
import { orgParams, orgParamsWith } from '../../platform/http/params.js';
import { candidateList, personRef } from '../../platform/http/person-ref.js';

// Enumerations ---------------------------------------------------------------------------------

export const PILLARS = ['instruments', 'processes', 'structures'] as const;
export const pillar = z.enum(PILLARS);
export type Pillar = z.infer<typeof pillar>;

export const FUNCTIONS = IMF_FUNCTIONS;
export const imfFunction = z.enum(FUNCTIONS);
export type ImfFunction = z.infer<typeof imfFunction>;

/** Level 0..4; the descriptors of a criterion follow this order (OECD public-integrity maturity model). */
export const LEVEL_NAMES = ['absent', 'initial', 'developing', 'established', 'leading'] as const;
export const level = z.number().int().min(0).max(4);

export const MEASUREMENT_KINDS = ['baseline', 'yearly', 'final'] as const;
export const measurementKind = z.enum(MEASUREMENT_KINDS);
export type MeasurementKind = z.infer<typeof measurementKind>;

export const MEASUREMENT_STATUSES = ['scoring', 'consolidating', 'submitted', 'approved'] as const;
export const measurementStatus = z.enum(MEASUREMENT_STATUSES);
export type MeasurementStatus = z.infer<typeof measurementStatus>;

export const FRAMEWORK_STATUSES = ['draft', 'published'] as const;
export const frameworkStatus = z.enum(FRAMEWORK_STATUSES);

export const locale = z.enum(LOCALES);
export const PLAN_ENTRY_KINDS = ['action', 'objective'] as const;
export const planEntryKind = z.enum(PLAN_ENTRY_KINDS);

// Building blocks -------------------------------------------------------------------------------

const line = (max: number) => text({ max, min: 1, trim: true });
const para = (max: number) => text({ max, min: 1, trim: true, multiline: true });
/** A text in the four languages, each required. */
export const localized = (max: number, multiline = false) =>
  z.strictObject({ nl: multiline ? para(max) : line(max), fr: multiline ? para(max) : line(max), de: multiline ? para(max) : line(max), en: multiline ? para(max) : line(max) });
export const localizedText = z.strictObject({ nl: z.string(), fr: z.string(), de: z.string(), en: z.string() });
export type Localized = z.infer<typeof localizedText>;
const year = z.number().int().min(2000).max(2100);
const code = text({ max: 40, min: 1, trim: true }).regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { message: 'maturity.code_format' });

// Params and queries ----------------------------------------------------------------------------

export { orgParams };
export const frameworkParams = z.strictObject({ frameworkId: z.uuid() });
export const measurementParams = orgParamsWith({ measurementId: z.uuid() });
export const criterionParams = measurementParams.extend({ criterionId: z.uuid() });
export const exportQuery = z.strictObject({ lang: locale.optional() });

// Frameworks ------------------------------------------------------------------------------------

export const criterionInput = z
  .strictObject({
    pillar,
    /** Required for the instruments pillar, absent (or null) for processes and structures. */
    function: imfFunction.nullable().optional(),
    code,
    position: z.number().int().min(0).max(10_000).optional(),
    title: localized(300),
    description: localized(3000, true),
    /** Five descriptors, level 0 (absent) to 4 (leading). */
    levels: z.array(localized(2000, true)).length(5),
  })
  .refine((c) => (c.pillar === 'instruments') === (c.function != null), { message: 'maturity.function_pillar', path: ['function'] });
export type CriterionInput = z.infer<typeof criterionInput>;

/** The JSON an inspectorate administrator imports as the next version of a framework code. */
export const frameworkImportBody = z
  .strictObject({
    code,
    title: localized(300),
    description: localized(5000, true).optional(),
    criteria: z.array(criterionInput).min(1).max(200),
  })
  .refine((f) => new Set(f.criteria.map((c) => c.code)).size === f.criteria.length, { message: 'maturity.criterion_code_duplicate', path: ['criteria'] });
export type FrameworkImportBody = z.infer<typeof frameworkImportBody>;

export const criterionView = z.object({
  id: z.uuid(),
  pillar,
  function: imfFunction.nullable(),
  code: z.string(),
  position: z.number().int(),
  title: localizedText,
  description: localizedText,
  levels: z.array(localizedText),
});
export type CriterionView = z.infer<typeof criterionView>;

export const frameworkSummary = z.object({
  id: z.uuid(),
  code: z.string(),
  version: z.number().int(),
  status: frameworkStatus,
  title: localizedText,
  publishedAt: z.string().nullable(),
  createdAt: z.string(),
  criterionCount: z.number().int(),
  /** True when this is the newest published version of its code: new measurements use it by default. */
  current: z.boolean(),
  /** Measurements of every organisation on this version, in the list for the inspectorate's administrator; null otherwise. */
  measurements: z.number().int().nullable(),
});
export const frameworkView = frameworkSummary.extend({ description: localizedText.nullable(), criteria: z.array(criterionView) });
export type FrameworkView = z.infer<typeof frameworkView>;
export const frameworkList = z.object({ items: z.array(frameworkSummary) });
export type FrameworkSummary = z.infer<typeof frameworkSummary>;
export type FrameworkList = z.infer<typeof frameworkList>;

// Measurements ----------------------------------------------------------------------------------

export const createMeasurementBody = z.strictObject({
  kind: measurementKind,
  year,
  /** A published framework version; absent: the newest published version of the default framework. */
  frameworkId: z.uuid().optional(),
  /** People of the organisation with an account (see assessor-candidates); the officer may name themself. */
  assessorUserIds: z.array(z.uuid()).min(1).max(20),
});
export type CreateMeasurementBody = z.infer<typeof createMeasurementBody>;

export const updateMeasurementBody = z.strictObject({ assessorUserIds: z.array(z.uuid()).min(1).max(20) });
export type UpdateMeasurementBody = z.infer<typeof updateMeasurementBody>;

/** A person with an account and the candidates list (platform/http/person-ref.ts). */
export { candidateList, personRef };
export type { CandidateList } from '../../platform/http/person-ref.js';

export const assessorView = personRef.extend({ scored: z.number().int() });

/** What the caller may do now; the web shows buttons from it, the server checks again on every call. */
export const measurementPermissions = z.object({
  score: z.boolean(),
  editAssessors: z.boolean(),
  remove: z.boolean(),
  consolidate: z.boolean(),
  readConsolidation: z.boolean(),
  agree: z.boolean(),
  submit: z.boolean(),
  returnToConsolidation: z.boolean(),
  approve: z.boolean(),
  linkToPlan: z.boolean(),
  export: z.boolean(),
});

export const measurementSummary = z.object({
  id: z.uuid(),
  kind: measurementKind,
  year: z.number().int(),
  status: measurementStatus,
  framework: z.object({ id: z.uuid(), code: z.string(), version: z.number().int(), title: localizedText }),
  criterionCount: z.number().int(),
  assessors: z.array(assessorView),
  /** Criteria the caller scored; null when the caller is no assessor of it. */
  myScored: z.number().int().nullable(),
  /** Criteria with an agreed level (consolidation). */
  agreedCount: z.number().int(),
  createdBy: personRef.nullable(),
  createdAt: z.string(),
  consolidationStartedAt: z.string().nullable(),
  submittedAt: z.string().nullable(),
  approvedAt: z.string().nullable(),
  approvedBy: personRef.nullable(),
  revision: z.number().int(),
  permissions: measurementPermissions,
});
export type MeasurementSummary = z.infer<typeof measurementSummary>;
export const measurementList = z.object({ items: z.array(measurementSummary) });
export type MeasurementList = z.infer<typeof measurementList>;

export const scoreBody = z.strictObject({
  level,
  /** The written evidence; files and links to plan actions and other records: evidence-contract.ts. */
  evidence: text({ max: 10_000, multiline: true }),
});
export type ScoreBody = z.infer<typeof scoreBody>;

export const scoreView = z.object({
  criterionId: z.uuid(),
  level,
  evidence: z.string(),
  revision: z.number().int(),
  updatedAt: z.string(),
});
export type ScoreView = z.infer<typeof scoreView>;

export const agreementBody = z.strictObject({
  agreedLevel: level,
  targetLevel: level,
  reason: para(5000),
});
export type AgreementBody = z.infer<typeof agreementBody>;

export const agreementView = z.object({
  criterionId: z.uuid(),
  agreedLevel: level,
  targetLevel: level,
  reason: z.string(),
  /** Agreed level below target. */
  gap: z.boolean(),
  decidedBy: personRef.nullable(),
  updatedAt: z.string(),
  revision: z.number().int(),
});
export type AgreementView = z.infer<typeof agreementView>;

/** A plan objective or action made from a gap (or linked to an earlier measurement's gap of the same criterion code). */
export const planLinkView = z.object({
  id: z.uuid(),
  measurementId: z.uuid(),
  measurementKind: measurementKind,
  measurementYear: z.number().int(),
  criterionCode: z.string(),
  kind: planEntryKind,
  planId: z.uuid(),
  objectiveId: z.uuid().nullable(),
  actionId: z.uuid().nullable(),
  /** Title in the plan now; null when the entry was deleted from the plan since. */
  title: z.string().nullable(),
  /** Action status (planned, in_progress, done, late, stopped) and progress; null for objectives. */
  status: z.string().nullable(),
  progress: z.number().int().nullable(),
  createdAt: z.string(),
});
export type PlanLinkView = z.infer<typeof planLinkView>;

/** The previous measurement's result for the same criterion code, with the plan entries made from its gap. */
export const previousResult = z.object({
  measurementId: z.uuid(),
  kind: measurementKind,
  year: z.number().int(),
  agreedLevel: level.nullable(),
  targetLevel: level.nullable(),
  /** The current agreed level against the previous one: up, same, down; null while either is missing. */
  moved: z.enum(['up', 'same', 'down']).nullable(),
  links: z.array(planLinkView),
});

export const criterionResult = z.object({
  criterion: criterionView,
  myScore: scoreView.nullable(),
  agreed: agreementView.nullable(),
  links: z.array(planLinkView),
  previous: previousResult.nullable(),
});
export const measurementDetail = measurementSummary.extend({ criteria: z.array(criterionResult) });
export type MeasurementDetail = z.infer<typeof measurementDetail>;

export const assessorScore = z.object({
  assessor: personRef,
  /** Null: this assessor did not score the criterion. */
  level: level.nullable(),
  evidence: z.string().nullable(),
});
export const consolidationRow = z.object({
  criterion: criterionView,
  scores: z.array(assessorScore),
  /** The levels given differ (two or more assessors with different levels). */
  disagreement: z.boolean(),
  minLevel: level.nullable(),
  maxLevel: level.nullable(),
  agreed: agreementView.nullable(),
  links: z.array(planLinkView),
  previous: previousResult.nullable(),
});
export const consolidationView = z.object({
  measurement: measurementSummary,
  rows: z.array(consolidationRow),
  disagreements: z.number().int(),
  /** Every criterion has an agreed level: the officer may submit. */
  complete: z.boolean(),
});
export type ConsolidationView = z.infer<typeof consolidationView>;

export const planEntryBody = z.strictObject({
  /** A draft policy plan of the organisation (the plan only takes new entries in draft). */
  planId: z.uuid(),
  kind: planEntryKind,
  /** Action: the objective it goes under (required). Objective: the strategic objective it belongs to (absent: a new strategic objective). */
  objectiveId: z.uuid().optional(),
  title: line(1000),
  description: text({ max: 20_000, multiline: true }).nullable().optional(),
  dueDate: z.iso.date().nullable().optional(),
}).refine((b) => b.kind === 'objective' || b.objectiveId !== undefined, { message: 'maturity.objective_required', path: ['objectiveId'] });
export type PlanEntryBody = z.infer<typeof planEntryBody>;

// Matrix and trend ------------------------------------------------------------------------------

export const matrixCell = z.object({
  criterionId: z.uuid(),
  code: z.string(),
  title: localizedText,
  agreedLevel: level.nullable(),
  targetLevel: level.nullable(),
});
export const matrixGroup = z.object({
  /** The IMF function for instruments; null for the processes and structures pillars. */
  function: imfFunction.nullable(),
  average: z.number().nullable(),
  targetAverage: z.number().nullable(),
  cells: z.array(matrixCell),
});
export const matrixView = z.object({
  measurement: measurementSummary,
  pillars: z.array(z.object({ pillar, average: z.number().nullable(), targetAverage: z.number().nullable(), groups: z.array(matrixGroup) })),
});
export type MatrixView = z.infer<typeof matrixView>;

export const trendPoint = z.object({
  measurementId: z.uuid(),
  kind: measurementKind,
  year: z.number().int(),
  status: measurementStatus,
  frameworkVersion: z.number().int(),
  approvedAt: z.string().nullable(),
  /** Average agreed level per pillar (null: nothing agreed in that pillar). */
  pillars: z.object({ instruments: z.number().nullable(), processes: z.number().nullable(), structures: z.number().nullable() }),
  /** Average agreed level per IMF function of the instruments pillar. */
  functions: z.object({ define: z.number().nullable(), guide: z.number().nullable(), monitor: z.number().nullable(), enforce: z.number().nullable() }),
});
/** The organisation's measurements past scoring, oldest first (year, then baseline → yearly → final). */
export const trendView = z.object({ items: z.array(trendPoint) });
export type TrendView = z.infer<typeof trendView>;
