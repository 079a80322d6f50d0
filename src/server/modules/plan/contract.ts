import { z } from 'zod';
import { text } from '../../../shared/text.js';
import { LOCALES } from '../../../shared/roles.js';
import { ACTION_STATUSES, IMF_FUNCTIONS } from '../../../shared/plan.js';
import { orgParams, orgParamsWith } from '../../platform/http/params.js';

export { ACTION_STATUSES, IMF_FUNCTIONS };

/**
 * Requests and responses of the integrity policy plan (AIG model, 7 sections). The web app
 * imports these schemas and types; every string and array is bounded.
 */

// Enumerations -------------------------------------------------------------------------------

export const PLAN_STATUSES = ['draft', 'submitted', 'approved', 'in_force', 'superseded'] as const;
export const planStatus = z.enum(PLAN_STATUSES);
export type PlanStatus = z.infer<typeof planStatus>;

/** Stored statuses of an action; 'late' is only ever derived (due date passed, not done or stopped). */
export const STORED_ACTION_STATUSES = ['planned', 'in_progress', 'done', 'stopped'] as const;
export const storedActionStatus = z.enum(STORED_ACTION_STATUSES);
export const actionStatus = z.enum(ACTION_STATUSES);
export type ActionStatus = z.infer<typeof actionStatus>;

export const imfFunction = z.enum(IMF_FUNCTIONS);
export type ImfFunction = z.infer<typeof imfFunction>;
export const imfLayer = z.enum(['core', 'complementary']);
export const actionNature = z.enum(['stimulating', 'controlling']);

export const TEMPLATE_KEYS = ['empty', 'model', 'federal', 'elsene', 'schoten', 'carma'] as const;
export const templateKey = z.enum(TEMPLATE_KEYS);
export type TemplateKey = z.infer<typeof templateKey>;

export const locale = z.enum(LOCALES);

// Building blocks ----------------------------------------------------------------------------

/** Strings come from the shared text type: no control characters; text areas keep line breaks. */
const line = (max: number) => text({ max, min: 1, trim: true });
const longText = text({ max: 50_000, multiline: true });
const optText = (max: number, multiline = false) => text({ max, multiline }).nullable().optional();
const isoDate = z.iso.date();
const year = z.number().int().min(2000).max(2100);
/** Amounts and indicator values: finite, bounded, at most 2 decimals are kept by the database. */
const amount = z.number().finite().min(-1e12).max(1e12);

// Sections -----------------------------------------------------------------------------------

export const planSections = z.strictObject({
  identification: z.strictObject({
    entityName: text({ max: 300 }),
    responsible: z.array(z.strictObject({ name: line(200), role: text({ max: 300 }) })).max(20),
  }),
  ambition: longText,
  values: z.array(z.strictObject({ name: line(200), description: text({ max: 5000, multiline: true }) })).max(50),
  needs: z.array(line(5000)).max(100),
  vulnerableProcesses: z.array(line(2000)).max(100),
  priorityThemes: z.array(line(2000)).max(50),
  actors: z.array(z.strictObject({ name: line(500), role: text({ max: 5000, multiline: true }) })).max(100),
  monitoring: longText,
  evaluationPlanning: longText,
  communication: longText,
});
export type PlanSections = z.infer<typeof planSections>;
export const SECTION_KEYS = Object.keys(planSections.shape) as (keyof PlanSections)[];

export const EMPTY_SECTIONS: PlanSections = {
  identification: { entityName: '', responsible: [] },
  ambition: '', values: [], needs: [], vulnerableProcesses: [], priorityThemes: [], actors: [],
  monitoring: '', evaluationPlanning: '', communication: '',
};

// Params and queries -------------------------------------------------------------------------

export { orgParams };
export const planParams = orgParamsWith({ planId: z.uuid() });
export const objectiveParams = planParams.extend({ objectiveId: z.uuid() });
export const indicatorParams = planParams.extend({ indicatorId: z.uuid() });
export const measurementParams = indicatorParams.extend({ year: z.coerce.number().int().min(2000).max(2100) });
export const actionParams = planParams.extend({ actionId: z.uuid() });
export const evidenceParams = actionParams.extend({ evidenceId: z.uuid() });
export const evaluationParams = planParams.extend({ year: z.coerce.number().int().min(2000).max(2100) });

/** Filters of the tree, the timeline and the CSV export. */
export const actionFilters = z.strictObject({
  owner: z.uuid().optional(),
  unit: z.uuid().optional(),
  status: actionStatus.optional(),
  imfFunction: imfFunction.optional(),
  /** Actions whose start–due span touches this year (actions without dates always match). */
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});
export type ActionFilters = z.infer<typeof actionFilters>;

export const exportQuery = z.strictObject({ lang: locale.optional() });
export const compareQuery = z.strictObject({ with: z.uuid() });
export const listPlansQuery = z.strictObject({ status: planStatus.optional() });

// Requests -----------------------------------------------------------------------------------

export const createPlanBody = z
  .strictObject({
    title: line(300),
    periodFrom: year,
    periodTo: year,
    templateKey: templateKey.default('empty'),
    /** Language of the plan's own texts; defaults to the template's, else the organisation's first. */
    language: locale.optional(),
  })
  .refine((b) => b.periodTo >= b.periodFrom && b.periodTo - b.periodFrom <= 10, { message: 'plan.period_invalid', path: ['periodTo'] });
export type CreatePlanBody = z.infer<typeof createPlanBody>;

export const updatePlanBody = z
  .strictObject({
    title: line(300).optional(),
    periodFrom: year.optional(),
    periodTo: year.optional(),
    language: locale.optional(),
    /** Any subset of the sections; each given section replaces the stored one. */
    sections: planSections.partial().optional(),
    confidentialNotes: text({ max: 20_000, multiline: true }).nullable().optional(),
    sharedWithOversight: z.boolean().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'plan.nothing_to_update' });
export type UpdatePlanBody = z.infer<typeof updatePlanBody>;

/**
 * Who answers for an objective or action: a staff member of the HR list (`ownerPersonId`, with or
 * without an account), a unit, or a description. `ownerUserId` (an account) stays accepted: it is
 * stored with the person linked to that account, if any. A person's unit is the owning unit unless
 * `ownerUnitId` is given.
 */
const ownerFields = {
  ownerLabel: optText(300),
  ownerUserId: z.uuid().nullable().optional(),
  ownerPersonId: z.uuid().nullable().optional(),
  ownerUnitId: z.uuid().nullable().optional(),
  coActors: z.array(line(300)).max(30).optional(),
};

export const createIndicatorBody = z.strictObject({
  name: line(500),
  unit: optText(50),
  baseline: amount.nullable().optional(),
  target: amount.nullable().optional(),
  position: z.number().int().min(0).max(10_000).optional(),
});
export type CreateIndicatorBody = z.infer<typeof createIndicatorBody>;
/** Indicators entered with a new objective or action, created in the same transaction. */
const newIndicators = z.array(createIndicatorBody).max(20).optional();

export const createObjectiveBody = z.strictObject({
  /** Null or absent: a strategic objective (SD); else the SD this operational objective (OD) belongs to. */
  parentId: z.uuid().nullable().optional(),
  code: text({ max: 30, trim: true }).optional(),
  /** Edited in a text area on the objective form. */
  title: text({ max: 1000, min: 1, trim: true, multiline: true }),
  description: optText(20_000, true),
  ...ownerFields,
  position: z.number().int().min(0).max(10_000).optional(),
  indicators: newIndicators,
});
export type CreateObjectiveBody = z.infer<typeof createObjectiveBody>;
export const updateObjectiveBody = createObjectiveBody.omit({ parentId: true, indicators: true }).partial()
  .refine((b) => Object.keys(b).length > 0, { message: 'plan.nothing_to_update' });
export type UpdateObjectiveBody = z.infer<typeof updateObjectiveBody>;
export const updateIndicatorBody = createIndicatorBody.partial()
  .refine((b) => Object.keys(b).length > 0, { message: 'plan.nothing_to_update' });
export const measurementBody = z.strictObject({ value: amount, note: optText(2000) });

const actionFields = {
  objectiveId: z.uuid(),
  code: text({ max: 30, trim: true }).nullable().optional(),
  title: line(1000),
  description: optText(20_000, true),
  ...ownerFields,
  startDate: isoDate.nullable().optional(),
  dueDate: isoDate.nullable().optional(),
  timingLabel: optText(300),
  status: storedActionStatus.optional(),
  progress: z.number().int().min(0).max(100).optional(),
  imfFunction: imfFunction.nullable().optional(),
  imfLayer: imfLayer.nullable().optional(),
  nature: actionNature.nullable().optional(),
  meansTime: optText(300),
  meansBudgetEur: z.number().finite().min(0).max(1e10).nullable().optional(),
  meansPeople: optText(300),
  meansNote: optText(2000),
  notes: optText(20_000, true),
  position: z.number().int().min(0).max(10_000).optional(),
};
const datesInOrder = (b: { startDate?: string | null; dueDate?: string | null }) => !b.startDate || !b.dueDate || b.startDate <= b.dueDate;
export const createActionBody = z.strictObject({ ...actionFields, indicators: newIndicators }).refine(datesInOrder, { message: 'plan.dates_order', path: ['dueDate'] });
export const updateActionBody = z.strictObject(actionFields).partial()
  .refine((b) => Object.keys(b).length > 0, { message: 'plan.nothing_to_update' })
  .refine(datesInOrder, { message: 'plan.dates_order', path: ['dueDate'] });
export type CreateActionBody = z.infer<typeof createActionBody>;
export type UpdateActionBody = z.infer<typeof updateActionBody>;

/** What an owner reports: each call is one row of the action's history. */
export const actionUpdateBody = z
  .strictObject({ status: storedActionStatus.optional(), progress: z.number().int().min(0).max(100).optional(), note: text({ max: 5000, min: 1, trim: true }).optional() })
  .refine((b) => Object.keys(b).length > 0, { message: 'plan.nothing_to_update' });
export type ActionUpdateBody = z.infer<typeof actionUpdateBody>;

export const evaluationBody = z.strictObject({
  doneText: longText.optional(),
  indicatorsText: longText.optional(),
  changesText: longText.optional(),
});
export const createEvaluationBody = evaluationBody.extend({ year });

// Responses ----------------------------------------------------------------------------------

const person = z.object({ id: z.uuid(), displayName: z.string() });
/** A staff member of the HR list; `userId` is their account (null: none, so their head of service is reminded). */
const staffMember = z.object({ id: z.uuid(), displayName: z.string(), userId: z.uuid().nullable(), unitId: z.uuid().nullable() });

export const planSummary = z.object({
  id: z.uuid(),
  lineageId: z.uuid(),
  version: z.number().int(),
  previousVersionId: z.uuid().nullable(),
  title: z.string(),
  periodFrom: z.number().int(),
  periodTo: z.number().int(),
  language: locale,
  templateKey: templateKey,
  status: planStatus,
  sharedWithOversight: z.boolean(),
  /** Edit revision, sent back as If-Match: "<revision>" on a change (ADR 0011). */
  revision: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  submittedAt: z.string().nullable(),
  approvedAt: z.string().nullable(),
  inForceAt: z.string().nullable(),
  supersededAt: z.string().nullable(),
});
export type PlanSummary = z.infer<typeof planSummary>;
export const planList = z.object({ items: z.array(planSummary) });

/** A measurement's revision; a year without one is revision 0 ("create, if nobody did meanwhile"). */
export const measurementView = z.object({ year: z.number().int(), value: z.number(), note: z.string().nullable(), revision: z.number().int() });
export const indicatorView = z.object({
  id: z.uuid(), objectiveId: z.uuid(),
  /** The action it measures (its objective is then the action's); null: the objective's own indicator. */
  actionId: z.uuid().nullable(),
  name: z.string(), unit: z.string().nullable(),
  baseline: z.number().nullable(), target: z.number().nullable(), position: z.number().int(), revision: z.number().int(),
  measurements: z.array(measurementView),
});
export type IndicatorView = z.infer<typeof indicatorView>;

export const actionView = z.object({
  id: z.uuid(),
  objectiveId: z.uuid(),
  code: z.string().nullable(),
  title: z.string(),
  description: z.string().nullable(),
  ownerLabel: z.string().nullable(),
  /** The owner's account (rights, "my actions", reminders): the staff member's when one owns it. */
  owner: person.nullable(),
  /** The staff member who owns it, with or without an account. */
  ownerPerson: staffMember.nullable(),
  ownerUnit: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  coActors: z.array(z.string()),
  startDate: z.string().nullable(),
  dueDate: z.string().nullable(),
  timingLabel: z.string().nullable(),
  /** Effective status: 'late' when the due date passed and the action is neither done nor stopped. */
  status: actionStatus,
  storedStatus: storedActionStatus,
  progress: z.number().int(),
  imfFunction: imfFunction.nullable(),
  imfLayer: imfLayer.nullable(),
  nature: actionNature.nullable(),
  meansTime: z.string().nullable(),
  meansBudgetEur: z.number().nullable(),
  meansPeople: z.string().nullable(),
  meansNote: z.string().nullable(),
  /** Null when the reader may not see the confidential notes. */
  notes: z.string().nullable(),
  notesVisible: z.boolean(),
  position: z.number().int(),
  /** Edit revision, sent back as If-Match: "<revision>" on a change (ADR 0011). */
  revision: z.number().int(),
  evidenceCount: z.number().int(),
  lastUpdateAt: z.string().nullable(),
  updatedAt: z.string(),
  /** The reader may report progress on this action (owner, head of the unit, officer, chief). */
  canUpdate: z.boolean(),
});
export type ActionView = z.infer<typeof actionView>;

export interface ObjectiveNode {
  id: string;
  parentId: string | null;
  code: string;
  title: string;
  description: string | null;
  ownerLabel: string | null;
  owner: { id: string; displayName: string } | null;
  ownerPerson: { id: string; displayName: string; userId: string | null; unitId: string | null } | null;
  ownerUnit: { id: string; name: string } | null;
  coActors: string[];
  position: number;
  revision: number;
  /** Actions of this objective (after the filters) and all of them (before). */
  actionCount: number;
  withoutAction: boolean;
  indicators: IndicatorView[];
  actions: ActionView[];
  children: ObjectiveNode[];
}
export const objectiveNode: z.ZodType<ObjectiveNode> = z.lazy(() =>
  z.object({
    id: z.uuid(),
    parentId: z.uuid().nullable(),
    code: z.string(),
    title: z.string(),
    description: z.string().nullable(),
    ownerLabel: z.string().nullable(),
    owner: person.nullable(),
    ownerPerson: staffMember.nullable(),
    ownerUnit: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    coActors: z.array(z.string()),
    position: z.number().int(),
    revision: z.number().int(),
    actionCount: z.number().int(),
    withoutAction: z.boolean(),
    indicators: z.array(indicatorView),
    actions: z.array(actionView),
    children: z.array(objectiveNode),
  }),
);

export const statusCounts = z.object({
  planned: z.number().int(), in_progress: z.number().int(), done: z.number().int(), late: z.number().int(), stopped: z.number().int(),
});
export type StatusCounts = z.infer<typeof statusCounts>;

export const planTree = z.object({
  plan: planSummary.extend({
    sections: planSections,
    /** Null when the reader may not see them (only officer and chief may). */
    confidentialNotes: z.string().nullable(),
  }),
  objectives: z.array(objectiveNode),
  counts: z.object({
    strategicObjectives: z.number().int(),
    operationalObjectives: z.number().int(),
    actions: z.number().int(),
    /** Actions that match the filters. */
    shownActions: z.number().int(),
    objectivesWithoutAction: z.number().int(),
    lateActions: z.number().int(),
    byStatus: statusCounts,
  }),
  /** What the reader may do with the plan, for the screens to show or hide buttons. */
  permissions: z.object({
    edit: z.boolean(), submit: z.boolean(), approve: z.boolean(), putInForce: z.boolean(), newVersion: z.boolean(),
    returnToDraft: z.boolean(), evaluate: z.boolean(), history: z.boolean(),
    /** Reads and writes the plan's confidential notes. */
    notes: z.boolean(),
    /** Records indicator measurements (the Check of PDCA). */
    measure: z.boolean(),
  }),
});
export type PlanTree = z.infer<typeof planTree>;

export const objectiveView = z.object({
  id: z.uuid(), parentId: z.uuid().nullable(), code: z.string(), title: z.string(), description: z.string().nullable(),
  ownerLabel: z.string().nullable(), ownerUserId: z.uuid().nullable(), ownerPersonId: z.uuid().nullable(), ownerUnitId: z.uuid().nullable(),
  coActors: z.array(z.string()), position: z.number().int(), revision: z.number().int(),
});

export const actionUpdateView = z.object({
  id: z.number().int(), at: z.string(), by: person.nullable(), status: storedActionStatus, progress: z.number().int(),
  /** Null when the reader may not see notes. */
  note: z.string().nullable(),
});
export const actionUpdateList = z.object({ items: z.array(actionUpdateView) });

export const evidenceView = z.object({
  id: z.uuid(), filename: z.string(), contentType: z.string(), size: z.number().int(), sha256: z.string(),
  uploadedBy: person.nullable(), uploadedAt: z.string(),
});
export const evidenceList = z.object({ items: z.array(evidenceView) });

export const myActionsResponse = z.object({
  items: z.array(actionView.extend({
    plan: z.object({ id: z.uuid(), title: z.string(), status: planStatus }), objectiveCode: z.string(), objectiveTitle: z.string(),
    /** Owned by a unit the reader heads (or one under it), not by the reader. */
    viaUnit: z.boolean(),
  })),
});

export const timelineResponse = z.object({
  periodFrom: z.number().int(),
  periodTo: z.number().int(),
  groups: z.array(z.object({
    objective: z.object({ id: z.uuid(), code: z.string(), title: z.string() }),
    actions: z.array(z.object({
      id: z.uuid(), title: z.string(), objectiveCode: z.string(), startDate: z.string().nullable(), dueDate: z.string().nullable(),
      timingLabel: z.string().nullable(), status: actionStatus, progress: z.number().int(),
    })),
  })),
});

export const versionList = z.object({ items: z.array(planSummary) });

const fieldChange = z.object({ field: z.string(), before: z.unknown(), after: z.unknown() });
const diffItem = z.object({ key: z.string(), code: z.string().nullable(), title: z.string(), parentCode: z.string().nullable() });
export const planDiff = z.object({
  from: planSummary,
  to: planSummary,
  objectives: z.object({ added: z.array(diffItem), removed: z.array(diffItem), changed: z.array(diffItem.extend({ changes: z.array(fieldChange) })) }),
  actions: z.object({ added: z.array(diffItem), removed: z.array(diffItem), changed: z.array(diffItem.extend({ changes: z.array(fieldChange) })) }),
  sections: z.array(z.object({ section: z.string(), before: z.unknown(), after: z.unknown() })),
  plan: z.array(fieldChange),
});
export type PlanDiff = z.infer<typeof planDiff>;

export const historyEntry = z.object({
  at: z.string(),
  kind: z.enum(['audit', 'action_update']),
  planId: z.uuid(),
  version: z.number().int(),
  action: z.string(),
  actor: person.nullable(),
  details: z.record(z.string(), z.unknown()),
});
export const historyResponse = z.object({ items: z.array(historyEntry) });

export const indicatorSnapshotItem = z.object({
  indicatorId: z.uuid(), objectiveCode: z.string(), objectiveTitle: z.string(), name: z.string(), unit: z.string().nullable(),
  baseline: z.number().nullable(), target: z.number().nullable(), value: z.number().nullable(),
  /** True when the target is met; null without a target or a measurement. Direction follows baseline → target. */
  met: z.boolean().nullable(),
});
export type IndicatorSnapshotItem = z.infer<typeof indicatorSnapshotItem>;

export const evaluationView = z.object({
  id: z.uuid(), planId: z.uuid(), year: z.number().int(), doneText: z.string(), indicatorsText: z.string(), changesText: z.string(),
  indicators: z.array(indicatorSnapshotItem),
  /** Actions of the year at the time of the evaluation. */
  actionCounts: statusCounts.optional(),
  status: z.enum(['draft', 'approved']), approvedAt: z.string().nullable(), approvedBy: person.nullable(),
  createdAt: z.string(), updatedAt: z.string(), revision: z.number().int(),
  /** When the officer sent the draft to the chief for approval (null: not yet). */
  submittedAt: z.string().nullable(),
});
export type EvaluationView = z.infer<typeof evaluationView>;
export const evaluationList = z.object({ items: z.array(evaluationView) });

export const templateListResponse = z.object({
  items: z.array(z.object({
    key: templateKey, title: z.string(), entityName: z.string(), language: locale,
    period: z.object({ from: z.number().int(), to: z.number().int() }).nullable(),
    strategicObjectives: z.number().int(), operationalObjectives: z.number().int(), actions: z.number().int(),
    values: z.number().int(), actors: z.number().int(),
  })),
});

export const oversightPlansResponse = z.object({
  items: z.array(z.object({
    organisation: z.object({ id: z.uuid(), code: z.string(), kind: z.string(), names: z.record(z.string(), z.string()) }),
    planInForce: z.boolean(),
    plan: z.object({ id: z.uuid(), title: z.string(), version: z.number().int(), periodFrom: z.number().int(), periodTo: z.number().int(), inForceAt: z.string().nullable() }).nullable(),
    actions: z.object({ total: z.number().int(), byStatus: statusCounts, percentDone: z.number().nullable() }).nullable(),
    /** Only when the organisation shares its plan with oversight: sections and objective titles, never notes. */
    content: z.object({
      sections: planSections,
      objectives: z.array(z.object({ code: z.string(), title: z.string(), children: z.array(z.object({ code: z.string(), title: z.string() })) })),
    }).nullable(),
  })),
});

// Workflow (issue 17) ------------------------------------------------------------------------

/** Approve and put in force name the plans they were shown to replace; another set is a 409 (decision 0011, addendum). */
export const inForceStepBody = z.strictObject({ replacing: z.array(z.uuid()).max(100).optional() }).optional();

export const planRef = z.object({
  id: z.uuid(), title: z.string(), version: z.number().int(), status: planStatus, periodFrom: z.number().int(), periodTo: z.number().int(),
});
export type PlanRef = z.infer<typeof planRef>;

/** What approving or putting in force would do today, for the dialog to say before the chief confirms. */
export const inForceOutlook = z.object({
  /** 'now': in force at once; 'on_start': approved, in force on `startsOn` (1 January of the first year). */
  timing: z.enum(['now', 'on_start']),
  startsOn: z.iso.date(),
  /** Plans of other lineages in force for some of the same years: they end now, as this one goes in force. */
  ends: z.array(planRef),
  /** Timing 'on_start': plans of other lineages in force for some of the same years, ending the day this one starts. */
  endsOnStart: z.array(planRef),
  /** Plans of other lineages approved for some of the same years, not yet in force: withdrawn at once. */
  withdraws: z.array(planRef),
  /** Other approved or in-force versions of this plan: superseded at once. */
  versions: z.array(planRef),
});
export type InForceOutlook = z.infer<typeof inForceOutlook>;
export const planOutlook = z.object({ approve: inForceOutlook.nullable(), putInForce: inForceOutlook.nullable() });

// Entering a plan (issue 17) ---------------------------------------------------------------------

/** What a renumbering changed (codes of objectives and actions, in tree order), and the plan's new revision. */
export const renumberResponse = z.object({ objectives: z.number().int(), actions: z.number().int(), revision: z.number().int() });

export const WAITING_KINDS = ['approve_plan', 'start_plan', 'submit_plan', 'approve_evaluation'] as const;
/** The steps of plans and evaluations that wait for the reader, oldest first. */
export const waitingResponse = z.object({
  items: z.array(z.object({ kind: z.enum(WAITING_KINDS), plan: planRef.omit({ status: true }), year: z.number().int().nullable(), since: z.string().nullable() })),
});
