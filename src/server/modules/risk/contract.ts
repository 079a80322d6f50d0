/**
 * Requests and responses of the integrity risk analysis (issue 21): the organisation's inventory of
 * processes and functions (from the catalogue or free entry), the likelihood × impact matrix, risk
 * analyses run as a workshop in the six steps of the method (scope, independent scores of inherent
 * vulnerability and aggravating factors, consolidation into agreed scores, existing controls,
 * residual risk on the matrix, recommendations), the register with its heat map, the comparison of
 * two analyses, and recommendations turned into policy-plan entries in one step.
 * The web app imports these schemas and types; every string and array is bounded.
 *
 * Routes (all under /api/orgs/:orgId/risk; route policy: any current role in :orgId, the service then
 * decides; whoever may not see a thing finds nothing: 404):
 *
 *   Settings (the matrix)
 *   GET    /settings                                          officer, chief, head_of_service → settingsView
 *                                                             (participants see their analysis's own copy: analysisSummary.matrix)
 *   PUT    /settings                                          officer; If-Match "<revision>" ("0" while never saved) settingsBody → settingsView
 *
 *   Inventory of processes and functions
 *   GET    /catalogue                                         officer, chief, head_of_service → catalogueList (with inInventory)
 *   GET    /owner-candidates                                  officer → ownerCandidateList (people of the HR list, current)
 *   GET    /participant-candidates                            officer → candidateList (people with an account in the organisation)
 *   GET    /processes?archived=true                           officer, chief, head_of_service → processList (audited read)
 *   POST   /processes                                         officer  createProcessBody → 201 processView
 *   POST   /processes/from-catalogue                          officer  fromCatalogueBody → 201 processList (the ones added; codes already in the inventory are skipped)
 *   PATCH  /processes/:processId                              officer; If-Match  updateProcessBody → processView
 *
 *   Analyses (officer runs them; chief reads them; participants read the ones they take part in)
 *   GET    /analyses                                          officer, chief, participants (their own) → analysisList
 *   POST   /analyses                                          officer  createAnalysisBody → 201 analysisDetail (status draft)
 *   GET    /analyses/:analysisId                              officer, chief, its participants → analysisDetail
 *                                                             (before consolidation: the caller's own scores only)
 *   PATCH  /analyses/:analysisId                              officer, draft or scoring; If-Match  updateAnalysisBody → analysisDetail
 *                                                             (the scope's processes: draft only)
 *   DELETE /analyses/:analysisId                              officer, draft or scoring → 204
 *   POST   /analyses/:analysisId/start                        officer; draft → scoring (If-Match optional) → analysisDetail
 *   POST   /analyses/:analysisId/consolidate                  officer; scoring → consolidating (If-Match optional) → analysisDetail
 *   POST   /analyses/:analysisId/complete                     officer; consolidating → completed, every scoped process agreed
 *                                                             (else 409 risk_not_complete with the missing processes) → analysisDetail
 *   PUT    /analyses/:analysisId/scores/:processId            the participant, status scoring; If-Match "<score revision>", "0" for a first score
 *                                                             scoreBody → scoreView
 *   GET    /analyses/:analysisId/consolidation                officer, chief, its participants; from consolidating on
 *                                                             (409 risk_not_consolidating before) → consolidationView
 *   PUT    /analyses/:analysisId/consolidation/:processId     officer, consolidating; If-Match "<revision>", "0" for a first one
 *                                                             agreementBody → agreementView (reason required when participants disagreed)
 *   POST   /analyses/:analysisId/processes/:processId/controls             officer, not completed  controlBody → 201 controlView
 *   PATCH  /analyses/:analysisId/controls/:controlId                       officer, not completed; If-Match  updateControlBody → controlView
 *   DELETE /analyses/:analysisId/controls/:controlId                       officer, not completed → 204
 *   POST   /analyses/:analysisId/processes/:processId/recommendations      officer, not completed  recommendationBody → 201 recommendationView
 *   PATCH  /analyses/:analysisId/recommendations/:recommendationId         officer; If-Match  updateRecommendationBody → recommendationView
 *                                                                          (after completion only the follow-up: status, owner, due date)
 *   DELETE /analyses/:analysisId/recommendations/:recommendationId         officer, not completed, not linked to the plan → 204
 *   POST   /analyses/:analysisId/recommendations/:recommendationId/plan-entry
 *                                                                          officer, consolidating or completed, not linked yet
 *                                                                          planEntryBody → 201 recommendationView (with its planLink)
 *
 *   Register, heat map, comparison
 *   GET    /register                                          officer, chief, head_of_service → registerView (highest risk first; audited read)
 *   GET    /heatmap?analysisId=                               officer, chief (any analysis), head_of_service (completed ones),
 *                                                             participants (theirs, from consolidating on) → heatmapView
 *                                                             (analysisId absent: the latest completed analysis; officer, chief, head_of_service)
 *   GET    /compare?from=&to=                                 officer, chief → compareView
 *
 * Any write to a completed analysis other than a recommendation's follow-up is 409 risk_locked. Stale
 * edits are 409 edit_conflict with the record as it is now; a write without If-Match where one is
 * required is 428. The 409 risk_not_complete of /complete lists each process without agreement in `fields`
 * ({ field: 'processes.<processId>', code: 'risk_not_agreed', message }). Home figures: 'risk.my_scoring' (processes the caller still has to score),
 * 'risk.reviews_due' (officer: processes whose review date has passed), 'risk.to_consolidate' (officer).
 */
import { z } from 'zod';
import { text } from '../../../shared/text.js';
import { orgParams, orgParamsWith } from '../../platform/http/params.js';
import { candidateList, personRef } from '../../platform/http/person-ref.js';

// Enumerations ---------------------------------------------------------------------------------

export const BANDS = ['low', 'medium', 'high', 'very_high'] as const;
export const band = z.enum(BANDS);
export type Band = z.infer<typeof band>;

export const PROCESS_KINDS = ['process', 'function'] as const;
export const processKind = z.enum(PROCESS_KINDS);
export type ProcessKind = z.infer<typeof processKind>;

export const CATALOGUE_SOURCES = ['schoten', 'federal'] as const;
export const catalogueSource = z.enum(CATALOGUE_SOURCES);

export const ANALYSIS_STATUSES = ['draft', 'scoring', 'consolidating', 'completed'] as const;
export const analysisStatus = z.enum(ANALYSIS_STATUSES);
export type AnalysisStatus = z.infer<typeof analysisStatus>;

export const CONTROL_TYPES = ['preventive', 'detective', 'reactive'] as const;
export const controlType = z.enum(CONTROL_TYPES);
export type ControlType = z.infer<typeof controlType>;

export const EFFECTIVENESS = ['effective', 'partly', 'ineffective', 'unknown'] as const;
export const effectiveness = z.enum(EFFECTIVENESS);
export type Effectiveness = z.infer<typeof effectiveness>;

export const RECOMMENDATION_STATUSES = ['open', 'in_progress', 'done', 'dropped'] as const;
export const recommendationStatus = z.enum(RECOMMENDATION_STATUSES);
export type RecommendationStatus = z.infer<typeof recommendationStatus>;

export const MOVEMENTS = ['up', 'down', 'same', 'new', 'removed'] as const;
export const movement = z.enum(MOVEMENTS);
export type Movement = z.infer<typeof movement>;

export const PLAN_ENTRY_KINDS = ['action', 'objective'] as const;
export const planEntryKind = z.enum(PLAN_ENTRY_KINDS);

/** Inherent vulnerability factors of a process or function (each 0 = none … 3 = much). */
export const INHERENT_FACTORS = ['money', 'goods', 'information', 'power', 'external'] as const;
export type InherentFactor = (typeof INHERENT_FACTORS)[number];
/** Aggravating factors (each 0 = none … 3 = much): little supervision, combined duties, pressure of work or targets, little rotation. */
export const AGGRAVATING_FACTORS = ['supervision', 'combined_duties', 'pressure', 'rotation'] as const;
export type AggravatingFactor = (typeof AGGRAVATING_FACTORS)[number];

/** Matrix sizes: likelihood and impact each have 3 to 7 levels (default 5). */
export const MIN_LEVELS = 3;
export const MAX_LEVELS = 7;
export const DEFAULT_LEVELS = 5;

// Building blocks -------------------------------------------------------------------------------

const line = (max: number) => text({ max, min: 1, trim: true });
const para = (max: number) => text({ max, min: 1, trim: true, multiline: true });
const optPara = (max: number) => text({ max, trim: true, multiline: true });
export const localizedText = z.object({ nl: z.string(), fr: z.string(), de: z.string(), en: z.string() });
export type Localized = z.infer<typeof localizedText>;
const factor = z.number().int().min(0).max(3);
const levelsCount = z.number().int().min(MIN_LEVELS).max(MAX_LEVELS);
/** 1..7; the service checks it against the analysis's matrix (400 risk_level_out_of_range). */
const scale = z.number().int().min(1).max(MAX_LEVELS);

export const inherentFactors = z.strictObject({ money: factor, goods: factor, information: factor, power: factor, external: factor });
export type InherentFactors = z.infer<typeof inherentFactors>;
export const aggravatingFactors = z.strictObject({ supervision: factor, combined_duties: factor, pressure: factor, rotation: factor });
export type AggravatingFactors = z.infer<typeof aggravatingFactors>;

/** A person with an account (platform/http/person-ref.ts). */
export { personRef };
export type { PersonRef } from '../../platform/http/person-ref.js';
/** A person of the HR list (with or without an account). */
export const ownerRef = z.object({ personId: z.uuid(), displayName: z.string() });
export type OwnerRef = z.infer<typeof ownerRef>;

// Params and queries ----------------------------------------------------------------------------

export { orgParams };
export const processParams = orgParamsWith({ processId: z.uuid() });
export const analysisParams = orgParamsWith({ analysisId: z.uuid() });
export const analysisProcessParams = analysisParams.extend({ processId: z.uuid() });
export const controlParams = analysisParams.extend({ controlId: z.uuid() });
export const recommendationParams = analysisParams.extend({ recommendationId: z.uuid() });
export const processListQuery = z.strictObject({ archived: z.enum(['true', 'false']).optional() });
export const heatmapQuery = z.strictObject({ analysisId: z.uuid().optional() });
export const compareQuery = z.strictObject({ from: z.uuid(), to: z.uuid() });

// Settings: the matrix --------------------------------------------------------------------------

/**
 * The matrix: `matrix[l - 1][i - 1]` is the band of likelihood l and impact i; `likelihoodLevels`
 * rows of `impactLevels` cells. Bands must not go down when likelihood or impact goes up (the
 * service checks that and the sizes: 400 risk_matrix_invalid). Without `matrix` the default one of
 * these sizes is stored (likelihood × impact thresholds, see scoring.ts).
 */
export const settingsBody = z.strictObject({
  likelihoodLevels: levelsCount,
  impactLevels: levelsCount,
  matrix: z.array(z.array(band).min(MIN_LEVELS).max(MAX_LEVELS)).min(MIN_LEVELS).max(MAX_LEVELS).optional(),
});
export type SettingsBody = z.infer<typeof settingsBody>;

export const settingsView = z.object({
  likelihoodLevels: z.number().int(),
  impactLevels: z.number().int(),
  matrix: z.array(z.array(band)),
  /** The default matrix of these sizes, for a "reset" button. */
  defaultMatrix: z.array(z.array(band)),
  /** 0 while the organisation never saved its settings (the defaults apply). */
  revision: z.number().int(),
  canEdit: z.boolean(),
});
export type SettingsView = z.infer<typeof settingsView>;

// Inventory -------------------------------------------------------------------------------------

export const catalogueEntry = z.object({
  code: z.string(),
  source: catalogueSource,
  kind: processKind,
  name: localizedText,
  description: localizedText,
  /** Already in the organisation's inventory (not archived or archived). */
  inInventory: z.boolean(),
});
export const catalogueList = z.object({ items: z.array(catalogueEntry) });
export type CatalogueEntry = z.infer<typeof catalogueEntry>;
export type CatalogueList = z.infer<typeof catalogueList>;

export const ownerCandidateList = z.object({ items: z.array(ownerRef) });
export type OwnerCandidateList = z.infer<typeof ownerCandidateList>;
export { candidateList };
export type { CandidateList } from '../../platform/http/person-ref.js';

export const createProcessBody = z.strictObject({
  kind: processKind,
  name: line(300),
  description: optPara(5000).optional(),
  ownerPersonId: z.uuid().nullable().optional(),
  reviewDate: z.iso.date().nullable().optional(),
});
export type CreateProcessBody = z.infer<typeof createProcessBody>;

/** Several catalogue entries at once; the names and descriptions are copied in the organisation's languages. */
export const fromCatalogueBody = z.strictObject({ codes: z.array(text({ max: 80, min: 1 })).min(1).max(100) });
export type FromCatalogueBody = z.infer<typeof fromCatalogueBody>;

export const updateProcessBody = z
  .strictObject({
    kind: processKind.optional(),
    name: line(300).optional(),
    description: optPara(5000).optional(),
    ownerPersonId: z.uuid().nullable().optional(),
    reviewDate: z.iso.date().nullable().optional(),
    archived: z.boolean().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'risk.nothing_to_update' });
export type UpdateProcessBody = z.infer<typeof updateProcessBody>;

export const processView = z.object({
  id: z.uuid(),
  kind: processKind,
  name: z.string(),
  description: z.string(),
  catalogueCode: z.string().nullable(),
  owner: ownerRef.nullable(),
  reviewDate: z.string().nullable(),
  /** Review date in the past. */
  reviewOverdue: z.boolean(),
  archived: z.boolean(),
  createdAt: z.string(),
  revision: z.number().int(),
});
export type ProcessView = z.infer<typeof processView>;
export const processList = z.object({ items: z.array(processView), canManage: z.boolean() });
export type ProcessList = z.infer<typeof processList>;

// Analyses --------------------------------------------------------------------------------------

export const createAnalysisBody = z.strictObject({
  title: line(300),
  /** Step 1: the scope and why (what is analysed, what not). */
  scopeNote: optPara(10_000).optional(),
  /** Processes of the inventory (not archived). */
  processIds: z.array(z.uuid()).min(1).max(300),
  /** People of the organisation with an account (see participant-candidates); the officer may name themself. */
  participantUserIds: z.array(z.uuid()).min(1).max(30),
});
export type CreateAnalysisBody = z.infer<typeof createAnalysisBody>;

export const updateAnalysisBody = z
  .strictObject({
    title: line(300).optional(),
    scopeNote: optPara(10_000).optional(),
    /** Draft only. */
    processIds: z.array(z.uuid()).min(1).max(300).optional(),
    participantUserIds: z.array(z.uuid()).min(1).max(30).optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'risk.nothing_to_update' });
export type UpdateAnalysisBody = z.infer<typeof updateAnalysisBody>;

/** What the caller may do now; the web shows buttons from it, the server checks again on every call. */
export const analysisPermissions = z.object({
  edit: z.boolean(),
  editScope: z.boolean(),
  remove: z.boolean(),
  start: z.boolean(),
  score: z.boolean(),
  consolidate: z.boolean(),
  readConsolidation: z.boolean(),
  agree: z.boolean(),
  editControls: z.boolean(),
  editRecommendations: z.boolean(),
  followUp: z.boolean(),
  linkToPlan: z.boolean(),
  complete: z.boolean(),
});
export type AnalysisPermissions = z.infer<typeof analysisPermissions>;

export const participantView = personRef.extend({ scored: z.number().int() });

/** The matrix the analysis uses: a copy taken at its creation, so history keeps its matrix. */
export const matrixSnapshot = z.object({ likelihoodLevels: z.number().int(), impactLevels: z.number().int(), matrix: z.array(z.array(band)) });
export type MatrixSnapshot = z.infer<typeof matrixSnapshot>;

export const analysisSummary = z.object({
  id: z.uuid(),
  title: z.string(),
  scopeNote: z.string(),
  status: analysisStatus,
  moderator: personRef.nullable(),
  matrix: matrixSnapshot,
  processCount: z.number().int(),
  participants: z.array(participantView),
  /** Processes the caller scored; null when the caller is no participant. */
  myScored: z.number().int().nullable(),
  agreedCount: z.number().int(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  consolidationStartedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  revision: z.number().int(),
  permissions: analysisPermissions,
});
export type AnalysisSummary = z.infer<typeof analysisSummary>;
export const analysisList = z.object({ items: z.array(analysisSummary), canCreate: z.boolean() });
export type AnalysisList = z.infer<typeof analysisList>;

/** Step 2 and 5: a participant's own score of a process. */
export const scoreBody = z.strictObject({
  inherent: inherentFactors,
  aggravating: aggravatingFactors,
  likelihood: scale,
  impact: scale,
  comment: optPara(5000).default(''),
});
export type ScoreBody = z.infer<typeof scoreBody>;

/** Derived figures of a set of scores (scoring.ts): vulnerability and residual risk. */
export const derived = z.object({
  /** Sum of the inherent factors, 0..15. */
  inherentScore: z.number().int(),
  /** Sum of the aggravating factors, 0..12. */
  aggravatingScore: z.number().int(),
  /** The vulnerability level: from the inherent score, one band up when the aggravating factors weigh (≥ 6). */
  vulnerability: band,
  /** likelihood × impact */
  riskScore: z.number().int(),
  /** The band of the matrix cell (likelihood, impact): the residual risk. */
  band,
});
export type Derived = z.infer<typeof derived>;

export const scoreView = z.object({
  processId: z.uuid(),
  inherent: inherentFactors,
  aggravating: aggravatingFactors,
  likelihood: z.number().int(),
  impact: z.number().int(),
  comment: z.string(),
  derived,
  revision: z.number().int(),
  updatedAt: z.string(),
});
export type ScoreView = z.infer<typeof scoreView>;

/** Step 3/5: the agreed assessment, recorded by the moderator; the reason is required when participants disagreed. */
export const agreementBody = z.strictObject({
  inherent: inherentFactors,
  aggravating: aggravatingFactors,
  likelihood: scale,
  impact: scale,
  comment: optPara(5000).default(''),
  reason: optPara(5000).default(''),
});
export type AgreementBody = z.infer<typeof agreementBody>;

export const agreementView = z.object({
  processId: z.uuid(),
  inherent: inherentFactors,
  aggravating: aggravatingFactors,
  likelihood: z.number().int(),
  impact: z.number().int(),
  comment: z.string(),
  reason: z.string(),
  derived,
  decidedBy: personRef.nullable(),
  updatedAt: z.string(),
  revision: z.number().int(),
});
export type AgreementView = z.infer<typeof agreementView>;

export const controlBody = z.strictObject({ description: para(5000), type: controlType, effectiveness });
export type ControlBody = z.infer<typeof controlBody>;
export const updateControlBody = z
  .strictObject({ description: para(5000).optional(), type: controlType.optional(), effectiveness: effectiveness.optional() })
  .refine((b) => Object.keys(b).length > 0, { message: 'risk.nothing_to_update' });
export type UpdateControlBody = z.infer<typeof updateControlBody>;
export const controlView = z.object({
  id: z.uuid(),
  processId: z.uuid(),
  description: z.string(),
  type: controlType,
  effectiveness,
  revision: z.number().int(),
});
export type ControlView = z.infer<typeof controlView>;

export const recommendationBody = z.strictObject({
  text: para(5000),
  ownerPersonId: z.uuid().nullable().optional(),
  dueDate: z.iso.date().nullable().optional(),
});
export type RecommendationBody = z.infer<typeof recommendationBody>;
export const updateRecommendationBody = z
  .strictObject({
    /** Not after completion. */
    text: para(5000).optional(),
    ownerPersonId: z.uuid().nullable().optional(),
    dueDate: z.iso.date().nullable().optional(),
    status: recommendationStatus.optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'risk.nothing_to_update' });
export type UpdateRecommendationBody = z.infer<typeof updateRecommendationBody>;

/** The plan entry a recommendation became; title/status read from the plan now (null: deleted from the plan since). */
export const planLinkView = z.object({
  kind: planEntryKind,
  planId: z.uuid(),
  objectiveId: z.uuid().nullable(),
  actionId: z.uuid().nullable(),
  code: z.string().nullable(),
  title: z.string().nullable(),
  /** Action status (planned, in_progress, done, late, stopped); null for objectives. */
  status: z.string().nullable(),
  progress: z.number().int().nullable(),
  /** The plan action is late (its status or its due date passed while not done). */
  late: z.boolean(),
});
export type PlanLinkView = z.infer<typeof planLinkView>;

export const recommendationView = z.object({
  id: z.uuid(),
  processId: z.uuid(),
  text: z.string(),
  owner: ownerRef.nullable(),
  dueDate: z.string().nullable(),
  status: recommendationStatus,
  /** Due date passed and not done or dropped. */
  late: z.boolean(),
  planLink: planLinkView.nullable(),
  createdAt: z.string(),
  revision: z.number().int(),
});
export type RecommendationView = z.infer<typeof recommendationView>;

/** A recommendation becomes an action (under an objective) or an objective in a draft plan of the organisation. */
export const planEntryBody = z.strictObject({
  planId: z.uuid(),
  kind: planEntryKind,
  /** Action: the objective it goes under (required). Objective: the strategic objective it belongs to (absent: a new strategic objective). */
  objectiveId: z.uuid().optional(),
  /** Absent: the recommendation's text (first 1000 characters). */
  title: line(1000).optional(),
  description: text({ max: 20_000, multiline: true }).nullable().optional(),
  /** Absent: the recommendation's due date. */
  dueDate: z.iso.date().nullable().optional(),
}).refine((b) => b.kind === 'objective' || b.objectiveId !== undefined, { message: 'risk.objective_required', path: ['objectiveId'] });
export type PlanEntryBody = z.infer<typeof planEntryBody>;

export const processRef = z.object({ id: z.uuid(), kind: processKind, name: z.string(), catalogueCode: z.string().nullable() });
export type ProcessRef = z.infer<typeof processRef>;

export const analysisProcessRow = z.object({
  process: processRef,
  /** The caller's own score (participants); null when none or not a participant. */
  myScore: scoreView.nullable(),
  agreed: agreementView.nullable(),
  controls: z.array(controlView),
  recommendations: z.array(recommendationView),
});
export const analysisDetail = analysisSummary.extend({ processes: z.array(analysisProcessRow) });
export type AnalysisDetail = z.infer<typeof analysisDetail>;

/** Consolidation: per process every participant's score (from consolidating on), the spread and the flag. */
export const participantScore = z.object({
  participant: personRef,
  /** Null: this participant did not score the process. */
  score: scoreView.nullable(),
});
export const consolidationRow = z.object({
  process: processRef,
  scores: z.array(participantScore),
  /** max − min over the participants who scored; null when nobody did. */
  likelihoodSpread: z.number().int().nullable(),
  impactSpread: z.number().int().nullable(),
  /** The bands the participants' scores fall in, low to very high. */
  bands: z.array(band),
  /** Likelihood or impact spread ≥ 2, or different bands: the agreement needs a reason. */
  disagreement: z.boolean(),
  /** A starting point for the agreement: the median likelihood and impact (rounded up), null when nobody scored. */
  suggestedLikelihood: z.number().int().nullable(),
  suggestedImpact: z.number().int().nullable(),
  agreed: agreementView.nullable(),
});
export type ConsolidationRow = z.infer<typeof consolidationRow>;
export const consolidationView = z.object({
  analysis: analysisSummary,
  rows: z.array(consolidationRow),
  disagreements: z.number().int(),
  complete: z.boolean(),
});
export type ConsolidationView = z.infer<typeof consolidationView>;

// Register, heat map, comparison -------------------------------------------------------------

export const assessmentRef = z.object({
  analysisId: z.uuid(),
  analysisTitle: z.string(),
  completedAt: z.string().nullable(),
  likelihood: z.number().int(),
  impact: z.number().int(),
  riskScore: z.number().int(),
  band,
  vulnerability: band,
});
export type AssessmentRef = z.infer<typeof assessmentRef>;

export const registerRow = z.object({
  process: processView,
  /** The agreed assessment of the latest completed analysis that covered the process; null: never analysed. */
  latest: assessmentRef.nullable(),
  openRecommendations: z.number().int(),
  /** Open or in progress with the due date passed. */
  lateRecommendations: z.number().int(),
  /** Linked plan actions that are late. */
  lateActions: z.number().int(),
  /** Band high or very high and no recommendation of that analysis linked to a plan entry. */
  highRiskWithoutAction: z.boolean(),
  /** A recommendation of the latest analysis is in the plan (not dropped). */
  inPlan: z.boolean(),
});
export type RegisterRow = z.infer<typeof registerRow>;
export const registerView = z.object({
  rows: z.array(registerRow),
  totals: z.object({
    processes: z.number().int(),
    analysed: z.number().int(),
    byBand: z.object({ low: z.number().int(), medium: z.number().int(), high: z.number().int(), very_high: z.number().int() }),
    reviewsOverdue: z.number().int(),
    highRiskWithoutAction: z.number().int(),
    lateRecommendations: z.number().int(),
    lateActions: z.number().int(),
  }),
});
export type RegisterView = z.infer<typeof registerView>;

export const heatmapCell = z.object({
  likelihood: z.number().int(),
  impact: z.number().int(),
  band,
  count: z.number().int(),
  processes: z.array(processRef),
});
export const heatmapView = z.object({
  /** Null when the organisation has no completed analysis yet (cells then all 0 on the current matrix). */
  analysis: analysisSummary.nullable(),
  matrix: matrixSnapshot,
  cells: z.array(heatmapCell),
});
export type HeatmapView = z.infer<typeof heatmapView>;

export const compareSide = z.object({ likelihood: z.number().int(), impact: z.number().int(), riskScore: z.number().int(), band });
export const compareRow = z.object({
  process: processRef,
  from: compareSide.nullable(),
  to: compareSide.nullable(),
  /** Band rank, then risk score: up = worse. new: only in `to`; removed: only in `from`. */
  movement,
});
export const compareView = z.object({
  from: analysisSummary,
  to: analysisSummary,
  rows: z.array(compareRow),
  counts: z.object({ up: z.number().int(), down: z.number().int(), same: z.number().int(), new: z.number().int(), removed: z.number().int() }),
});
export type CompareView = z.infer<typeof compareView>;
