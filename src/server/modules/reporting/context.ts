/**
 * What every part of the reporting service shares: its dependencies, the request context, the
 * encrypted content of a report, the attachments' policy and the views built from stored rows.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { AuditContext } from '../../platform/audit/service.js';
import { recordAudit } from '../../platform/audit/service.js';
import type { Actor } from '../../platform/authz/actor.js';
import type { Db, Queryable } from '../../platform/db/pool.js';
import { todayInBelgium } from '../../platform/deadlines/index.js';
import { AppError, invalid, notFound } from '../../platform/errors.js';
import type { FilePolicy } from '../../platform/files/accept.js';
import { cleanUploads, type CleanFile } from '../../platform/files/clean.js';
import type { Upload } from '../../platform/http/upload.js';
import type { Mailer } from '../../platform/mail/index.js';
import { decryptBytes, decryptText, encryptField, openRecordKey, type OpenRecordKey, type RecordRef } from '../../platform/vault/index.js';
import type { Locale } from '../../../shared/roles.js';
import { LIMITS, type AnswerView, type DeadlineView, type FileView, type MessageView, type Question, type ReportListItem } from './contract.js';
import * as repo from './repo.js';

export interface ReportingDeps {
  db: Db;
  mailer: Mailer;
  publicUrl: string;
  /** The day in Belgium (tests set it to move the clock). */
  today?: () => string;
}

export interface ReportingCtx {
  actor: Actor;
  audit: AuditContext;
}

export const refOf = (organisationId: string, recordId: string): RecordRef => ({ organisationId, recordType: repo.RECORD_TYPE, recordId });

/** The report if the person holds a grant on it; otherwise not found, whatever the reason. */
export async function visibleReport(tx: Queryable, ctx: ReportingCtx, orgId: string, reportId: string, forUpdate = false): Promise<repo.ReportRow> {
  const row = await repo.findVisibleReport(tx, orgId, reportId, ctx.actor.userId, { forUpdate });
  if (!row) throw notFound('report');
  return row;
}

/** The report's key, through the person's grant and the key pair unlocked in their session. */
export const openReportKey = (tx: Queryable, ctx: ReportingCtx, orgId: string, reportId: string): Promise<OpenRecordKey> =>
  openRecordKey(tx, refOf(orgId, reportId), { userId: ctx.actor.userId, sessionId: ctx.actor.sessionId });

/** Attachments of reports and messages: documents and pictures, 10 MB each, 5 at a time. */
export const REPORT_FILE_POLICY: FilePolicy = { maxBytes: LIMITS.fileBytes, types: ['pdf', 'docx', 'xlsx', 'jpeg', 'png', 'txt'] };

/** What is encrypted in `report.content` (field `content`). */
export interface ReportContent {
  v: 1;
  language: Locale | null;
  /** Named and confidential reports only. */
  name: string | null;
  contact: string | null;
  answers: Record<string, string>;
  /** The questions as they were asked (the organisation may change its form later). */
  questions: Question[];
  /** People the reporter excluded: they never get access to this report. */
  excluded: string[];
  /** Whether the primary recipients received it, or the alternates (all primaries excluded). */
  routedTo: 'primary' | 'alternate';
}

export const CONTENT_FIELD = 'content';
export const messageField = (id: string) => `message:${id}`;
export const fileField = (id: string) => `file:${id}`;
export const fileNameField = (id: string) => `file:${id}:name`;
export const eventField = (id: string) => `event:${id}`;

export const openContent = (key: OpenRecordKey, stored: Buffer): ReportContent => JSON.parse(decryptText(key, CONTENT_FIELD, stored)) as ReportContent;

export type { CleanFile };

/**
 * Checks the uploads against the policy and removes what pictures, PDF and Office files say about
 * who made them (platform/files `cleanUploads`); called before the transaction, so a refused file
 * (`file_metadata_kept`, …) leaves nothing stored.
 */
export const cleanFiles = (uploads: readonly Upload[]): Promise<CleanFile[]> => cleanUploads(uploads, REPORT_FILE_POLICY, { maxFiles: LIMITS.files });

/** Stores files of a report, encrypted under its key (names too), each with the next file number. */
export async function storeFiles(tx: Queryable, key: OpenRecordKey, files: readonly CleanFile[], o: { messageId: string | null; addedBy: 'reporter' | 'recipient'; today: string }): Promise<string[]> {
  const ids: string[] = [];
  for (const f of files) {
    const id = randomUUID();
    const seq = await repo.nextSeq(tx, key.organisationId, key.recordId, 'file_seq');
    await repo.insertFile(tx, {
      id, orgId: key.organisationId, reportId: key.recordId, messageId: o.messageId, seq, addedBy: o.addedBy,
      name: encryptField(key, fileNameField(id), f.name), mediaType: f.mediaType, size: f.size, sha256: f.sha256,
      content: encryptField(key, fileField(id), f.data), addedOn: o.today,
    });
    ids.push(id);
  }
  return ids;
}

/** Adds a message (and its files) to a report, encrypted under its key. */
export async function addMessage(tx: Queryable, key: OpenRecordKey, m: { author: 'reporter' | 'recipient'; authorUserId: string | null; purpose: MessageView['kind']; body: string; files?: readonly CleanFile[]; today: string }): Promise<string> {
  const id = randomUUID();
  const seq = await repo.nextSeq(tx, key.organisationId, key.recordId, 'message_seq');
  await repo.insertMessage(tx, {
    id, orgId: key.organisationId, reportId: key.recordId, seq, author: m.author, authorUserId: m.authorUserId, purpose: m.purpose,
    body: encryptField(key, messageField(id), m.body), sentOn: m.today,
  });
  if (m.files?.length) await storeFiles(tx, key, m.files, { messageId: id, addedBy: m.author, today: m.today });
  return id;
}

/** Adds a step to the report's history; a free-text reason goes encrypted. */
export async function addEvent(tx: Queryable, key: OpenRecordKey | null, e: { orgId: string; reportId: string; kind: string; on: string; byUserId: string | null; details?: Record<string, unknown>; note?: string }): Promise<void> {
  const id = randomUUID();
  const seq = await repo.nextSeq(tx, e.orgId, e.reportId, 'event_seq');
  const note = e.note && key ? encryptField(key, eventField(id), e.note) : null;
  await repo.insertEvent(tx, { id, orgId: e.orgId, reportId: e.reportId, seq, kind: e.kind, on: e.on, byUserId: e.byUserId, details: e.details, note });
}

// Views ---------------------------------------------------------------------------------------

const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

export function deadlineViews(r: repo.ReportRow, today: string): DeadlineView[] {
  const out: DeadlineView[] = [];
  if (r.ack_due) out.push({ kind: 'acknowledge', dueOn: r.ack_due, daysLeft: daysBetween(today, r.ack_due) });
  if (r.feedback_due) out.push({ kind: 'feedback', dueOn: r.feedback_due, daysLeft: daysBetween(today, r.feedback_due) });
  return out;
}

export function listItem(r: repo.ReportRow, today: string): ReportListItem {
  return {
    id: r.id, reference: r.reference, status: r.status, category: r.category as ReportListItem['category'], identityMode: r.identity_mode,
    receivedOn: r.received_on, acknowledgedOn: r.acknowledged_on, feedbackOn: r.feedback_on, closedOn: r.closed_on,
    deadlines: deadlineViews(r, today), unreadMessages: Number(r.unread ?? 0),
  };
}

export function answersOf(c: ReportContent): AnswerView[] {
  return c.questions.map((q) => {
    const value = c.answers[q.id] ?? null;
    const option = q.kind === 'choice' && value !== null ? q.options?.find((o) => o.id === value) : undefined;
    return { questionId: q.id, kind: q.kind, label: q.label, value, ...(q.kind === 'choice' ? { valueLabel: option?.label ?? null } : {}) };
  });
}

export function fileViews(key: OpenRecordKey, rows: readonly repo.FileRow[]): FileView[] {
  return rows.map((f) => ({
    id: f.id, name: decryptText(key, fileNameField(f.id), f.name), mediaType: f.media_type, size: f.size, addedBy: f.added_by, addedOn: f.added_on, messageId: f.message_id,
  }));
}

/** Messages with their files; `authorNames`: recipients see who wrote, the reporter never does. */
export function messageViews(key: OpenRecordKey, rows: readonly repo.MessageRow[], files: readonly FileView[], authorNames: boolean): MessageView[] {
  return rows.map((m) => ({
    id: m.id, seq: m.seq, author: m.author, ...(authorNames ? { authorName: m.author_name } : {}), kind: m.purpose,
    body: decryptText(key, messageField(m.id), m.body), sentOn: m.sent_on, readByReporterOn: m.read_by_reporter_on,
    files: files.filter((f) => f.messageId === m.id),
  }));
}

/** A file's plain bytes, checked against the digest taken when it came in. */
export async function readFile(tx: Queryable, key: OpenRecordKey, fileId: string) {
  const f = await repo.findFile(tx, key.organisationId, key.recordId, fileId);
  if (!f) return undefined;
  const data = decryptBytes(key, fileField(f.id), f.content);
  if (createHash('sha256').update(data).digest('hex') !== f.sha256) throw new AppError('reporting_file_corrupt', 500);
  return { filename: decryptText(key, fileNameField(f.id), f.name), contentType: f.media_type, data };
}

export function makeReportingContext(deps: ReportingDeps) {
  const today = () => (deps.today ? deps.today() : todayInBelgium());
  const audit = (tx: Queryable, ctx: ReportingCtx, orgId: string, action: string, reportId?: string, details: Record<string, unknown> = {}) =>
    recordAudit(tx, ctx.audit, { organisationId: orgId, action, recordType: reportId ? repo.RECORD_TYPE : undefined, recordId: reportId, details });
  return { deps, db: deps.db, today, audit };
}
export type ReportingContext = ReturnType<typeof makeReportingContext>;

/** A message needs words or files. */
export function requireMessage(body: string, files: readonly unknown[]): void {
  if (body.trim() === '' && files.length === 0) throw invalid('reporting_message_empty', 'body');
}
