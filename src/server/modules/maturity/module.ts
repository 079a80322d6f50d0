import type { ServerModule } from '../../platform/module.js';
import { tablesOf } from '../../platform/module.js';
import * as schema from './schema.js';

/** Maturity measurement (issue 20): frameworks as versioned data, measurements, consolidation, gaps to the plan. */
export const maturityModule: ServerModule = {
  name: 'maturity',
  tables: tablesOf(schema),
};
