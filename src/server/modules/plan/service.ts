/**
 * The policy-plan service: one factory over a shared context (plan-context.ts), returning the union of the
 * sub-services, one file per capability. Routes, jobs and tests build it with makePlanService(deps).
 */
import { makePlanContext, type PlanDeps } from './plan-context.js';
import { makePlanEvaluations } from './plan-evaluations.js';
import { makePlanEvidence } from './plan-evidence.js';
import { makePlanExports } from './plan-exports.js';
import { makePlanIndicators } from './plan-indicators.js';
import { makePlanLifecycle } from './plan-lifecycle.js';
import { makePlanObjectives } from './plan-objectives.js';
import { makePlanOversight } from './plan-oversight.js';
import { makePlanReminders } from './plan-reminders.js';
import { makePlanWorkflow } from './plan-workflow.js';

export {
  buildTree, notesReturned, readSections, targetMet, toSummary, type PlanContext, type PlanCtx, type PlanDeps,
} from './plan-context.js';
export { EVIDENCE_MAX_BYTES, EVIDENCE_TYPES } from './plan-evidence.js';

export function makePlanService(deps: PlanDeps) {
  const ctx = makePlanContext(deps);
  return {
    ...makePlanLifecycle(ctx),
    ...makePlanObjectives(ctx),
    ...makePlanIndicators(ctx),
    ...makePlanEvidence(ctx),
    ...makePlanEvaluations(ctx),
    ...makePlanExports(ctx),
    ...makePlanOversight(ctx),
    ...makePlanReminders(ctx),
    ...makePlanWorkflow(ctx),
  };
}

export type PlanService = ReturnType<typeof makePlanService>;

/** Plan entries by id for other modules (title, status, progress; nothing confidential): plan-links.ts. */
export { planEntriesOf, type PlanEntryRef } from './plan-links.js';
