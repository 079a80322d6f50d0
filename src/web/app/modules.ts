import type { WebModule } from './module-types';

/**
 * The module registry: the only list the shell reads. A new feature area (the integrity
 * plan, reports, complaints…) adds its module here and touches nothing else in the shell.
 */
export const modules: WebModule[] = [];
