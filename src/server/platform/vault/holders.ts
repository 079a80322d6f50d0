import type { Queryable } from '../db/pool.js';

/**
 * A module's answer to "who should hold a key grant on this record now?" (its own access rule:
 * recipients, an investigator, …). The vault asks it only when the escrow key grants access to
 * people who had no key pair when the record's key was made (`grantFromEscrow`): the vault never
 * decides who may read, it seals the key to those the module names, and only to them.
 */
export interface RecordHolders {
  /** The record type the module passes in `RecordRef.recordType`. */
  recordType: string;
  /**
   * Pairs (record, person) of the organisation's records of this type that the person may read
   * by the module's rule today, whether or not they hold a grant; narrowed to one person when
   * `userId` is given. People with a time-limited part (an adviser) are not named here.
   */
  holders: (tx: Queryable, organisationId: string, opts: { userId?: string }) => Promise<{ recordId: string; userId: string }[]>;
}

const registry = new Map<string, RecordHolders>();

/** Declares who holds the records of a type; a module calls it once, when its code is loaded. */
export function registerRecordHolders(h: RecordHolders): void {
  registry.set(h.recordType, h);
}

export function recordHolderTypes(): RecordHolders[] {
  return [...registry.values()];
}
