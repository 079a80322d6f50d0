import { registerRecordHolders } from '../../platform/vault/index.js';
import { readingParts, RECORD_TYPE } from './repo.js';

/**
 * Who holds a report's key by the channel's rule: the people with a reading part on it (recipients,
 * investigator, a counsellor who filed it), not an adviser (time-limited, granted when asked) nor
 * the chief told of an overdue deadline. The escrow key grants the report to them when they had no
 * key pair at filing (platform/vault, `grantFromEscrow`).
 */
registerRecordHolders({ recordType: RECORD_TYPE, holders: (tx, orgId, { userId }) => readingParts(tx, orgId, userId) });
