import type { ServerModule } from '../../platform/module.js';
import { tablesOf } from '../../platform/module.js';
import * as schema from './schema.js';

/** Integrity risk analysis (issue 21): inventory of processes and functions, matrix, workshop analyses, register, recommendations to the plan. */
export const riskModule: ServerModule = {
  name: 'risk',
  tables: tablesOf(schema),
};
