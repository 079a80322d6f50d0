/**
 * Enumerations of the integrity policy plan that both the server contract and the web app's
 * eagerly loaded code read (URL search validation), kept free of zod so the first page stays small.
 */

/** Statuses of an action as shown and filtered; 'late' is only ever derived (due date passed, not done or stopped). */
export const ACTION_STATUSES = ['planned', 'in_progress', 'done', 'late', 'stopped'] as const;

/** The four functions of the integrity management framework (IMF). */
export const IMF_FUNCTIONS = ['define', 'guide', 'monitor', 'enforce'] as const;
