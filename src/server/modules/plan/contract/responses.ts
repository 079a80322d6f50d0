import { z } from 'zod';
import { actionNature, actionStatus, imfFunction, imfLayer, locale, planStatus, storedActionStatus, templateKey } from './enums.js';
import { planSections } from './requests.js';

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
