import type { Db } from '../../platform/db/pool.js';
import { withOrgTx } from '../../platform/db/tx.js';
import { adviceWaitingFor, reprisalsWaitingFor } from './advice-repo.js';

/**
 * Home figures: requests for advice waiting for a core-group member (`reporting.advice`), reports
 * with a reprisal reported that nobody dealt with yet, for their recipients (`reporting.reprisals`).
 */
export async function adviceAndReprisalFigures(db: Db, userId: string, orgId: string) {
  const [advice, reprisals] = await withOrgTx(db, orgId, async (tx) => [await adviceWaitingFor(tx, orgId, userId), await reprisalsWaitingFor(tx, orgId, userId)]);
  return [{ id: 'reporting.advice', count: advice }, { id: 'reporting.reprisals', count: reprisals }];
}
