import { carmaTemplate } from './carma.js';
import { elseneTemplate } from './elsene.js';
import { federalTemplate } from './federal.js';
import { modelTemplate } from './model.js';
import { schotenTemplate } from './schoten.js';
import type { PlanTemplate } from './types.js';

export type * from './types.js';
export { ORG } from './types.js';
export { modelPlanSections, modelImfFunctions } from './model.js';
export { schotenRiskAnalysisSteps } from './schoten.js';
export { carmaTimeline } from './carma.js';
export { adoptTemplate, adoptText } from './adopt.js';
export { GUIDED_FIELDS, planGuidance, type GuidedField } from './guidance.js';
export { modelTemplate, federalTemplate, elseneTemplate, schotenTemplate, carmaTemplate };

/** All plan templates, keyed by template key. */
export const planTemplates: Record<PlanTemplate['key'], PlanTemplate> = {
  model: modelTemplate,
  federal: federalTemplate,
  elsene: elseneTemplate,
  schoten: schotenTemplate,
  carma: carmaTemplate,
};

/** The templates in a stable order: the AIG model first, then federal, then the zones. */
export function listTemplates(): PlanTemplate[] {
  return [modelTemplate, federalTemplate, elseneTemplate, schotenTemplate, carmaTemplate];
}
