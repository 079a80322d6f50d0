import type { ServerModule } from '../../platform/module.js';
import { tablesOf } from '../../platform/module.js';
import * as schema from './schema.js';

/** The reporting channel for integrity violations (issue 18): public filing, the reporter's portal, the recipients' follow-up. */
export const reportingModule: ServerModule = {
  name: 'reporting',
  tables: tablesOf(schema),
};
