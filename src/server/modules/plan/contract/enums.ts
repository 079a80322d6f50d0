import { z } from 'zod';
import { LOCALES } from '../../../../shared/roles.js';
import { ACTION_STATUSES, IMF_FUNCTIONS } from '../../../../shared/plan.js';

export { ACTION_STATUSES, IMF_FUNCTIONS };

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
