import { todayInBelgium } from '../../platform/deadlines/index.js';
import { registerRecordHolders } from '../../platform/vault/index.js';
import { REPORTING_ROLES } from './policy.js';
import { readingParts, RECORD_TYPE } from './repo.js';

/**
 * Who holds a report's key by the channel's rule: the people with a reading part on it (recipients,
 * investigator, a counsellor who filed it), not an adviser (time-limited, granted when asked) nor
 * the chief told of an overdue deadline; only people with a current role of the channel. The escrow key grants the report to them when they had no
 * key pair at filing (platform/vault, `grantFromEscrow`).
 */
registerRecordHolders({
  recordType: RECORD_TYPE,
  holders: (tx, orgId, { userId }) => readingParts(tx, orgId, { userId, roles: REPORTING_ROLES, today: todayInBelgium() }),
});
