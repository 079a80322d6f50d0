import { recordAudit, type AuditContext } from '../audit/service.js';
import type { Db, Queryable, Tx } from '../db/pool.js';
import { withOrgTx } from '../db/tx.js';
import type { ExportFormat } from './model.js';

/**
 * An export is a read of organisation data that leaves the system: it is audited like a
 * confidential read, in the transaction that read the data, with the format and the ids of the
 * records in the file. Never their content, never the values of a search.
 */

/** Ids kept per event; a longer list is cut (the count stays exact) so one event stays small. */
export const MAX_AUDITED_IDS = 1000;

export interface ExportEvent {
  organisationId: string;
  /** The module's action name, `<module>.export` by convention (`plan.export`, `person.export`). */
  action: string;
  recordType: string;
  /** The one record the file is about (a plan), when it is about one. */
  recordId?: string;
  format: ExportFormat;
  /** The records whose data the file holds (the people of a staff list). */
  recordIds?: readonly string[];
  /** Further non-personal facts: language, filter names, counts. */
  details?: Record<string, unknown>;
}

/** Appends the export's audit event in the caller's transaction. */
export async function recordExport(q: Queryable, ctx: AuditContext, e: ExportEvent): Promise<void> {
  const ids = e.recordIds;
  await recordAudit(q, ctx, {
    organisationId: e.organisationId,
    action: e.action,
    recordType: e.recordType,
    recordId: e.recordId,
    details: {
      ...e.details,
      format: e.format,
      ...(ids ? { count: ids.length, recordIds: ids.slice(0, MAX_AUDITED_IDS) } : {}),
      ...(ids && ids.length > MAX_AUDITED_IDS ? { recordIdsTruncated: true } : {}),
    },
  });
}

export interface ExportRead<T> {
  data: T;
  recordIds?: readonly string[];
  /** Facts only known once read (the language chosen); merged into the event's details. */
  details?: Record<string, unknown>;
}

/**
 * Reads what an export needs and records the export, in one transaction of the organisation:
 * the event exists if and only if the read committed. Render the file afterwards, outside the
 * transaction (a large PDF should not hold a connection).
 */
export async function auditedExport<T>(
  db: Db, ctx: AuditContext, event: Omit<ExportEvent, 'recordIds'>, read: (tx: Tx) => Promise<ExportRead<T>>,
): Promise<T> {
  return withOrgTx(db, event.organisationId, async (tx) => {
    const r = await read(tx);
    await recordExport(tx, ctx, { ...event, recordIds: r.recordIds, details: { ...event.details, ...r.details } });
    return r.data;
  });
}
