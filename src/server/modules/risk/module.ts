import type { ServerModule } from '../../platform/module.js';
import { tablesOf } from '../../platform/module.js';
import { dilemmaTables, riskDilemmaRoutes } from './dilemma-routes.js';
import * as schema from './schema.js';

/** Integrity risk analysis (issue 21): inventory of processes and functions, matrix, workshop analyses, register, recommendations to the plan. */
export const riskModule: ServerModule = {
  name: 'risk',
  // The dilemma inventory (dilemma-*.ts): its routes and table.
  routes: riskDilemmaRoutes as ServerModule['routes'],
  tables: [...tablesOf(schema), ...dilemmaTables],
};
