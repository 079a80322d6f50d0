import { z } from 'zod';
import { text } from '../../../shared/text.js';
import { orgParams } from '../../platform/http/params.js';

/** The platform's `:orgId` params (kept under this name for the routes and the web). */
export const auditOrgParams = orgParams;

/** A day (`2025-03-01`, the whole day in UTC) or an instant with offset (`2025-03-01T08:00:00+01:00`). */
const dateOrInstant = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

/** Names of the filters, as they are written in the audit event of the DPO's own read (never their values). */
export const AUDIT_FILTERS = ['actorUserId', 'action', 'recordType', 'recordId', 'from', 'to'] as const;

/** Filters shared by the list and the CSV export. Strings are bounded; actions and record types are identifiers. */
export const auditFilterShape = {
  actorUserId: z.uuid().optional(),
  action: text({ max: 100, min: 1 }).regex(/^[a-z0-9_.:-]+$/i).optional(),
  recordType: text({ max: 100, min: 1 }).regex(/^[a-z0-9_.:-]+$/i).optional(),
  recordId: text({ max: 200, min: 1 }).optional(),
  from: dateOrInstant.optional(),
  to: dateOrInstant.optional(),
};

export const auditListQuery = z.strictObject({
  ...auditFilterShape,
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** Opaque cursor from the previous page's `nextCursor`. */
  before: text({ max: 200, min: 1 }).optional(),
});
export type AuditListQuery = z.infer<typeof auditListQuery>;

export const auditExportQuery = z.strictObject(auditFilterShape);
export type AuditFilters = z.infer<typeof auditExportQuery>;

export const auditItem = z.object({
  id: z.number(),
  /** ISO-8601 UTC with microseconds, as stored. */
  occurredAt: z.string(),
  actor: z.object({ id: z.string(), displayName: z.string().nullable() }).nullable(),
  action: z.string(),
  recordType: z.string().nullable(),
  recordId: z.string().nullable(),
  ip: z.string().nullable(),
  /**
   * Free-form facts of the event (field names, counts, ids). A loose object, not z.record: the
   * record checked each key of each page's 25 to 200 objects on every answer, the largest part of
   * the answer check's time and garbage (bench/api); JSON keys are strings either way.
   */
  details: z.looseObject({}),
});
export type AuditItem = z.infer<typeof auditItem>;

export const auditListResponse = z.object({ items: z.array(auditItem), nextCursor: z.string().nullable() });

export const auditActionsResponse = z.object({ actions: z.array(z.string()) });

/** Verification takes no input; anything sent is refused rather than ignored. */
export const auditVerifyBody = z.strictObject({}).optional();

export const auditVerifyResponse = z.object({
  intact: z.boolean(),
  events: z.number(),
  firstBreak: z
    .object({ chainSeq: z.number(), eventId: z.number(), reason: z.enum(['hash_mismatch', 'link_mismatch', 'sequence_gap', 'head_mismatch']) })
    .optional(),
});
