import { z } from 'zod';
import { planStatus } from './enums.js';

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
