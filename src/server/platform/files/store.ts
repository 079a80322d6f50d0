import { createHash, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { recordAudit, type AuditContext } from '../audit/service.js';
import { sealerFor } from '../crypto/sealing.js';
import type { Queryable } from '../db/pool.js';
import type { AcceptedFile } from './accept.js';

/**
 * Storage of files attached to records (table stored_file): sealed on write with the platform's
 * sealing key (purpose 'files'), opened and checked against the digest taken at upload on read.
 * Every lookup is by organisation, record and file id, so an id of another organisation or of
 * another record is simply not found. The caller has decided, before calling, that the actor may
 * see or change the record; these functions only store, read and audit.
 */
export interface FileRef {
  organisationId: string;
  recordType: string;
  recordId: string;
}

/**
 * The audit event a file operation writes, when the module names its own (e.g. `plan.evidence_upload`
 * on the plan). The platform adds `fileId` (and `size`, `mediaType` on store) to the details.
 * Without it: `file.store`, `file.read`, `file.delete` on the file's record.
 */
export interface FileAudit {
  action: string;
  recordType: string;
  recordId: string;
  details?: Record<string, unknown>;
}

export interface StoredFileView {
  id: string;
  filename: string;
  mediaType: string;
  /** The size of the file as uploaded (not of its sealed form). */
  size: number;
  sha256: string;
  createdBy: { id: string; displayName: string } | null;
  createdAt: string;
}

export interface FileContent {
  filename: string;
  mediaType: string;
  data: Buffer;
}

/** A stored file opened, but its bytes are not those accepted at upload (digest differs): never served. */
export class StoredFileIntegrityError extends Error {}

type Row = { id: string; filename: string; media_type: string; size: number; sha256: string; created_by: string | null; creator_name: string | null; created_at: Date | string };

const view = (r: Row): StoredFileView => ({
  id: r.id, filename: r.filename, mediaType: r.media_type, size: Number(r.size), sha256: r.sha256,
  createdBy: r.created_by ? { id: r.created_by, displayName: r.creator_name ?? '' } : null,
  createdAt: new Date(r.created_at).toISOString(),
});

const LIST_COLUMNS = sql`f.id, f.filename, f.media_type, f.size, f.sha256, f.created_by, u.display_name AS creator_name, f.created_at`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One array parameter (`{…}::uuid[]`) for `= ANY(...)` and `unnest`; anything but a UUID is a programming error. */
function uuidArray(ids: readonly string[]): string {
  for (const id of ids) if (!UUID.test(id)) throw new TypeError('not a uuid');
  return `{${ids.join(',')}}`;
}

function auditEntry(ref: FileRef, given: FileAudit | undefined, verb: 'store' | 'read' | 'delete', details: Record<string, unknown>) {
  return {
    organisationId: ref.organisationId,
    action: given?.action ?? `file.${verb}`,
    recordType: given?.recordType ?? ref.recordType,
    recordId: given?.recordId ?? ref.recordId,
    details: { ...given?.details, ...details },
  };
}

/** A record's files, oldest first; metadata only, never the content. */
export async function listFiles(q: Queryable, ref: FileRef): Promise<StoredFileView[]> {
  const r = await q.execute<Row>(sql`
    SELECT ${LIST_COLUMNS} FROM stored_file f LEFT JOIN app_user u ON u.id = f.created_by
     WHERE f.organisation_id = ${ref.organisationId} AND f.record_type = ${ref.recordType} AND f.record_id = ${ref.recordId}
     ORDER BY f.created_at, f.id`);
  return r.rows.map(view);
}

/** One file's metadata, or null when the record has no such file. */
export async function findFile(q: Queryable, ref: FileRef, fileId: string): Promise<StoredFileView | null> {
  const r = await q.execute<Row>(sql`
    SELECT ${LIST_COLUMNS} FROM stored_file f LEFT JOIN app_user u ON u.id = f.created_by
     WHERE f.organisation_id = ${ref.organisationId} AND f.record_type = ${ref.recordType} AND f.record_id = ${ref.recordId} AND f.id = ${fileId}`);
  return r.rows[0] ? view(r.rows[0]) : null;
}

/** Deletes one file of a record; false when the record has no such file. Audited. */
export async function deleteFile(q: Queryable, ctx: AuditContext, ref: FileRef & { fileId: string; audit?: FileAudit }): Promise<boolean> {
  const r = await q.execute(sql`
    DELETE FROM stored_file WHERE organisation_id = ${ref.organisationId} AND record_type = ${ref.recordType} AND record_id = ${ref.recordId} AND id = ${ref.fileId}`);
  if ((r.rowCount ?? 0) === 0) return false;
  await recordAudit(q, ctx, auditEntry(ref, ref.audit, 'delete', { fileId: ref.fileId }));
  return true;
}

/**
 * Deletes every file of one or more records, in the transaction that deletes the records (the
 * record's own audit event covers it); returns how many. A table whose rows can also go by a
 * cascade uses the trigger function stored_file_delete_with_record instead (docs/development.md).
 */
export async function deleteFilesOf(q: Queryable, organisationId: string, recordType: string, recordIds: string | readonly string[]): Promise<number> {
  const ids = typeof recordIds === 'string' ? [recordIds] : recordIds;
  if (ids.length === 0) return 0;
  const r = await q.execute(sql`
    DELETE FROM stored_file WHERE organisation_id = ${organisationId} AND record_type = ${recordType} AND record_id = ANY(${uuidArray(ids)}::uuid[])`);
  return r.rowCount ?? 0;
}

/**
 * Copies the files of records onto other records of the same type (a new version of a record keeps
 * its files), sealed content as it is. Returns the id of each copy by the id of its original.
 */
export async function copyFilesOf(q: Queryable, organisationId: string, recordType: string, pairs: readonly { from: string; to: string }[]): Promise<Map<string, string>> {
  if (pairs.length === 0) return new Map();
  const src = await q.execute<{ id: string; record_id: string }>(sql`
    SELECT id, record_id FROM stored_file
     WHERE organisation_id = ${organisationId} AND record_type = ${recordType} AND record_id = ANY(${uuidArray(pairs.map((p) => p.from))}::uuid[])`);
  if (src.rows.length === 0) return new Map();
  const target = new Map(pairs.map((p) => [p.from, p.to]));
  const copies = new Map(src.rows.map((r) => [r.id, randomUUID()]));
  const oldIds = src.rows.map((r) => r.id);
  const newIds = src.rows.map((r) => copies.get(r.id)!);
  const recordIds = src.rows.map((r) => target.get(r.record_id)!);
  await q.execute(sql`
    WITH m AS (SELECT * FROM unnest(${uuidArray(oldIds)}::uuid[], ${uuidArray(newIds)}::uuid[], ${uuidArray(recordIds)}::uuid[]) AS m(old_id, new_id, record_id))
    INSERT INTO stored_file (id, organisation_id, record_type, record_id, filename, media_type, size, sha256, content, created_by, created_at)
    SELECT m.new_id, f.organisation_id, f.record_type, m.record_id, f.filename, f.media_type, f.size, f.sha256, f.content, f.created_by, f.created_at
      FROM stored_file f JOIN m ON m.old_id = f.id
     WHERE f.organisation_id = ${organisationId}`);
  return copies;
}

/** The file store of an installation: seals with its key (the data dir's, or KOMPAS_AUTH_KEY). */
export function fileStore(dataDir: string) {
  // Loaded on first use: the boot check pins the verified key before any request.
  const sealer = () => sealerFor(dataDir);
  return {
    listFiles,
    findFile,
    deleteFile,
    deleteFilesOf,
    copyFilesOf,

    /**
     * Seals and stores an accepted file on a record. Audited (`size`, `mediaType`, never the name or
     * content). `id`: when the module keeps a row of its own for the file under the same id.
     */
    async storeFile(q: Queryable, ctx: AuditContext, v: FileRef & { file: AcceptedFile; audit?: FileAudit; id?: string }): Promise<StoredFileView> {
      const id = v.id ?? randomUUID();
      await q.execute(sql`
        INSERT INTO stored_file (id, organisation_id, record_type, record_id, filename, media_type, size, sha256, content, created_by)
        VALUES (${id}, ${v.organisationId}, ${v.recordType}, ${v.recordId}, ${v.file.filename}, ${v.file.mediaType}, ${v.file.size}, ${v.file.sha256},
                ${sealer().sealBytes('files', v.file.data)}, ${ctx.actorUserId})`);
      await recordAudit(q, ctx, auditEntry(v, v.audit, 'store', { fileId: id, size: v.file.size, mediaType: v.file.mediaType }));
      return (await findFile(q, v, id))!;
    },

    /**
     * The file in clear, for a download; null when the record has no such file. The read is audited.
     * Content that does not open with the key (SealedDataError) or differs from what was accepted
     * (StoredFileIntegrityError) is an error, never served.
     */
    async readFile(q: Queryable, ctx: AuditContext, v: FileRef & { fileId: string; audit?: FileAudit }): Promise<FileContent | null> {
      const r = await q.execute<{ filename: string; media_type: string; sha256: string; content: Buffer }>(sql`
        SELECT filename, media_type, sha256, content FROM stored_file
         WHERE organisation_id = ${v.organisationId} AND record_type = ${v.recordType} AND record_id = ${v.recordId} AND id = ${v.fileId}`);
      const row = r.rows[0];
      if (!row) return null;
      // Plain content (stored before the boot step sealed it) is read as it is; sealed content must open.
      const data = sealer().openFile('files', row.content);
      if (createHash('sha256').update(data).digest('hex') !== row.sha256) {
        throw new StoredFileIntegrityError(`stored file ${v.fileId} does not match its digest`);
      }
      await recordAudit(q, ctx, auditEntry(v, v.audit, 'read', { fileId: v.fileId }));
      return { filename: row.filename, mediaType: row.media_type, data };
    },
  };
}

export type FileStore = ReturnType<typeof fileStore>;
