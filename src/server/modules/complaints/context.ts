/**
 * What every part of the complaints service shares: its dependencies, the request context, the
 * encrypted content of a complaint, the attachments' policy and the views built from stored rows.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { AuditContext } from '../../platform/audit/service.js';
import { recordAudit } from '../../platform/audit/service.js';
import type { Actor } from '../../platform/authz/actor.js';
import type { Db, Queryable } from '../../platform/db/pool.js';
import { todayInBelgium } from '../../platform/deadlines/index.js';
import { AppError } from '../../platform/errors.js';
import type { FilePolicy } from '../../platform/files/accept.js';
import { cleanUploads, type CleanFile } from '../../platform/files/clean.js';
import type { Upload } from '../../platform/http/upload.js';
import { decryptBytes, decryptText, encryptField, type OpenRecordKey, type RecordRef } from '../../platform/vault/index.js';
import { LIMITS, type DeadlineView, type FileView, type ListItem } from './contract.js';
import * as repo from './repo.js';

export interface ComplaintsDeps {
  db: Db;
  /** The day in Belgium (tests set it to move the clock). */
  today?: () => string;
}

export interface ComplaintsCtx {
  actor: Actor;
  audit: AuditContext;
}

export const refOf = (organisationId: string, recordId: string): RecordRef => ({ organisationId, recordType: repo.RECORD_TYPE, recordId });

/** Attachments and documents: documents and pictures, 10 MB each, 5 at a time. */
export const COMPLAINT_FILE_POLICY: FilePolicy = { maxBytes: LIMITS.fileBytes, types: ['pdf', 'docx', 'xlsx', 'jpeg', 'png', 'txt'] };

/** What is encrypted in `complaint.content` (field `content`). */
export interface ComplaintContent {
  v: 1;
  name: string | null;
  email: string | null;
  phone: string | null;
  address: string | null;
  what: string;
  occurredOn: string | null;
  where: string | null;
  involved: string | null;
}

export const CONTENT_FIELD = 'content';
export const ANSWER_FIELD = 'answer';
export const entryField = (id: string) => `entry:${id}`;
export const fileField = (id: string) => `file:${id}`;
export const fileNameField = (id: string) => `file:${id}:name`;
export const eventField = (id: string) => `event:${id}`;

export const openContent = (key: OpenRecordKey, stored: Buffer): ComplaintContent => JSON.parse(decryptText(key, CONTENT_FIELD, stored)) as ComplaintContent;

export type { CleanFile };

/**
 * Checks the uploads against the policy and removes what pictures, PDF and Office files say about
 * who made them (platform/files `cleanUploads`), before anything is encrypted or stored; a file
 * that cannot be cleaned is refused (`file_metadata_kept`). Called before the transaction.
 */
export const cleanFiles = (uploads: readonly Upload[]): Promise<CleanFile[]> => cleanUploads(uploads, COMPLAINT_FILE_POLICY, { maxFiles: LIMITS.files });

/** Stores files of a complaint, encrypted under its key (names too), each with the next file number. */
export async function storeFiles(tx: Queryable, key: OpenRecordKey, files: readonly CleanFile[], o: { addedBy: 'complainant' | 'staff'; byUserId: string | null; today: string }): Promise<string[]> {
  const ids: string[] = [];
  for (const f of files) {
    const id = randomUUID();
    const seq = await repo.nextSeq(tx, key.organisationId, key.recordId, 'file_seq');
    await repo.insertFile(tx, {
      id, orgId: key.organisationId, complaintId: key.recordId, seq, addedBy: o.addedBy, byUserId: o.byUserId,
      name: encryptField(key, fileNameField(id), f.name), mediaType: f.mediaType, size: f.size, sha256: f.sha256,
      content: encryptField(key, fileField(id), f.data), addedOn: o.today,
    });
    ids.push(id);
  }
  return ids;
}

/** Adds a step to the complaint's history; a free-text reason goes encrypted. */
export async function addEvent(tx: Queryable, key: OpenRecordKey | null, e: { orgId: string; complaintId: string; kind: string; on: string; byUserId: string | null; details?: Record<string, unknown>; note?: string }): Promise<void> {
  const id = randomUUID();
  const seq = await repo.nextSeq(tx, e.orgId, e.complaintId, 'event_seq');
  const note = e.note && key ? encryptField(key, eventField(id), e.note) : null;
  await repo.insertEvent(tx, { id, orgId: e.orgId, complaintId: e.complaintId, seq, kind: e.kind, on: e.on, byUserId: e.byUserId, details: e.details, note });
}

/** Adds an entry (note, hearing record, measure, lesson), encrypted. */
export async function addEntry(tx: Queryable, key: OpenRecordKey, e: { kind: repo.EntryRow['kind']; on: string; byUserId: string | null; body: string }): Promise<string> {
  const id = randomUUID();
  const seq = await repo.nextSeq(tx, key.organisationId, key.recordId, 'entry_seq');
  await repo.insertEntry(tx, { id, orgId: key.organisationId, complaintId: key.recordId, seq, kind: e.kind, on: e.on, byUserId: e.byUserId, body: encryptField(key, entryField(id), e.body) });
  return id;
}

// Views ---------------------------------------------------------------------------------------

export const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

export function deadlineViews(r: repo.ComplaintRow, today: string): DeadlineView[] {
  const out: DeadlineView[] = [];
  const add = (kind: DeadlineView['kind'], due: string | null) => {
    if (due) out.push({ kind, dueOn: due, daysLeft: daysBetween(today, due), late: due < today });
  };
  add('acknowledge', r.ack_due);
  add('triage', r.triage_due);
  add('resolve', r.resolve_due);
  return out;
}

export function listItem(r: repo.ComplaintRow, today: string): ListItem {
  const deadlines = deadlineViews(r, today);
  return {
    id: r.id, reference: r.reference, status: r.status, channel: r.channel as ListItem['channel'], anonymous: r.anonymous, language: r.language as ListItem['language'],
    receivedOn: r.received_on, closedOn: r.closed_on, themes: r.themes ?? [], seriousness: r.seriousness as ListItem['seriousness'],
    handler: r.handler_user_id ? { id: r.handler_user_id, displayName: r.handler_name ?? '' } : null,
    decision: r.decision, deadlines, late: deadlines.some((d) => d.late),
  };
}

export function fileViews(key: OpenRecordKey, rows: readonly repo.FileRow[], names: Map<string, string>): FileView[] {
  return rows.map((f) => ({
    id: f.id, name: decryptText(key, fileNameField(f.id), f.name), mediaType: f.media_type, size: f.size, addedBy: f.added_by,
    by: f.by_user_id ? names.get(f.by_user_id) ?? null : null, addedOn: f.added_on,
  }));
}

/** A file's plain bytes, checked against the digest taken when it came in. */
export async function readFile(tx: Queryable, key: OpenRecordKey, fileId: string) {
  const f = await repo.findFile(tx, key.organisationId, key.recordId, fileId);
  if (!f) return undefined;
  const data = decryptBytes(key, fileField(f.id), f.content);
  if (createHash('sha256').update(data).digest('hex') !== f.sha256) throw new AppError('complaints_file_corrupt', 500);
  return { filename: decryptText(key, fileNameField(f.id), f.name), contentType: f.media_type, data };
}

export function makeComplaintsContext(deps: ComplaintsDeps) {
  const today = () => (deps.today ? deps.today() : todayInBelgium());
  const audit = (tx: Queryable, ctx: ComplaintsCtx, orgId: string, action: string, complaintId?: string, details: Record<string, unknown> = {}) =>
    recordAudit(tx, ctx.audit, { organisationId: orgId, action, recordType: complaintId ? repo.RECORD_TYPE : undefined, recordId: complaintId, details });
  return { deps, db: deps.db, today, audit };
}
export type ComplaintsContext = ReturnType<typeof makeComplaintsContext>;
