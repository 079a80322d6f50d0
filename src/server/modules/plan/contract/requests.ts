import { z } from 'zod';
import { text } from '../../../../shared/text.js';
import { orgParams, orgParamsWith } from '../../../platform/http/params.js';
import { actionNature, actionStatus, imfFunction, imfLayer, locale, planStatus, storedActionStatus, templateKey } from './enums.js';
import { amount, isoDate, line, longText, optText, year } from './fields.js';

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
