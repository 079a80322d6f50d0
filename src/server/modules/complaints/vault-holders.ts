import { todayInBelgium } from '../../platform/deadlines/index.js';
import { registerRecordHolders } from '../../platform/vault/index.js';
import { ASSIGNABLE_ROLES, COORDINATOR_ROLES } from './policy.js';
import { readingParts, RECORD_TYPE } from './repo.js';

/**
 * Who holds a complaint's key by the desk's rule: the current coordinators (every complaint) and
 * the assigned handler. The escrow key grants a complaint to them when they had no key pair when
 * it arrived or was assigned to them (platform/vault, `grantFromEscrow`); nobody else, ever.
 */
registerRecordHolders({
  recordType: RECORD_TYPE,
  holders: (tx, orgId, { userId }) => readingParts(tx, orgId, { userId, coordinatorRoles: COORDINATOR_ROLES, handlerRoles: ASSIGNABLE_ROLES, today: todayInBelgium() }),
});
