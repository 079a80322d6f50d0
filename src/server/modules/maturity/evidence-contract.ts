/**
 * The evidence of a score besides its text (issue 20: "with evidence: text, files, links to plan
 * actions and to records in other modules"): files the assessor attaches and links to records of
 * other modules by a typed reference (platform/records: `plan.action`, `plan.objective`, …).
 *
 *   GET    /orgs/:orgId/maturity/measurements/:measurementId/evidence        officer, chief, its assessors → evidenceList
 *          while scoring: the caller's own evidence only (independent scores); from consolidation on: every assessor's
 *   POST   /orgs/:orgId/maturity/measurements/:measurementId/scores/:criterionId/files      (multipart, one file)
 *          the assessor, status scoring → 201 evidenceItem (metadata removed; PDF, Word, Excel, PNG, JPEG, text, CSV; 10 MB)
 *   POST   /orgs/:orgId/maturity/measurements/:measurementId/scores/:criterionId/links      the assessor, status scoring
 *          evidenceLinkBody → 201 evidenceItem (400 maturity_link_unknown: not a record of this organisation the assessor may see)
 *   GET    /orgs/:orgId/maturity/measurements/:measurementId/linkable-records   the assessor, status scoring → linkableRecords
 *          per kind whose module offers a list (risk: completed analyses), the records the assessor may see now
 *   GET    /orgs/:orgId/maturity/measurements/:measurementId/evidence/:evidenceId/file      the file's assessor; others from
 *          consolidation on → download (audited `maturity.evidence_download`); 404 for anybody else
 *   DELETE /orgs/:orgId/maturity/measurements/:measurementId/evidence/:evidenceId           the assessor, status scoring → 204
 *
 * A link shows the record's current title and page for the reader; a record the reader may not see
 * (or one deleted since) shows as not accessible (`record: null`). Approved: 409 maturity_locked.
 */
import { z } from 'zod';
import { LINK_KIND_PATTERN } from '../../platform/records/index.js';
import { criterionParams, measurementParams, personRef } from './contract.js';

export { criterionParams, measurementParams };
export const evidenceParams = measurementParams.extend({ evidenceId: z.uuid() });

/** At most this many files and links per assessor and criterion. */
export const EVIDENCE_LIMITS = { files: 10, links: 20 } as const;

export const evidenceLinkBody = z.strictObject({
  /** `<module>.<what>` of a registered kind, e.g. `plan.action`. */
  kind: z.string().max(60).regex(LINK_KIND_PATTERN, { message: 'maturity.link_kind' }),
  recordId: z.uuid(),
});
export type EvidenceLinkBody = z.infer<typeof evidenceLinkBody>;

export const evidenceItem = z.object({
  id: z.uuid(),
  criterionId: z.uuid(),
  assessor: personRef,
  kind: z.enum(['file', 'link']),
  /** A file: its name, media type and size. */
  file: z.object({ filename: z.string(), mediaType: z.string(), size: z.number().int() }).nullable(),
  /** A link: the kind and id of the record, and what the reader may see of it (null: not accessible or deleted). */
  link: z.object({ kind: z.string(), recordId: z.uuid(), record: z.object({ title: z.string(), url: z.string() }).nullable() }).nullable(),
  createdAt: z.string(),
  /** The caller may delete it (their own, while scoring). */
  canDelete: z.boolean(),
});
export type EvidenceItem = z.infer<typeof evidenceItem>;

export const evidenceList = z.object({
  items: z.array(evidenceItem),
  /** Kinds of record a link may point to (registered by the modules). */
  linkKinds: z.array(z.string()),
});
export type EvidenceList = z.infer<typeof evidenceList>;

export const linkableRecords = z.object({
  /** Per kind (sorted), the records the caller may link to, newest first. Kinds without a list (the plan: picked from a plan's tree) are not here. */
  groups: z.array(z.object({
    kind: z.string(),
    items: z.array(z.object({ id: z.uuid(), title: z.string(), url: z.string(), date: z.string().nullable() })),
  })),
  /** Every kind a link may point to. */
  linkKinds: z.array(z.string()),
});
export type LinkableRecords = z.infer<typeof linkableRecords>;
