/**
 * A score's evidence besides its text: files (platform/files: checked, cleaned of what they say
 * about who made them, sealed, downloads audited) and links to records of other modules
 * (platform/records: the owning module says what the reader may see of each). The rules are the
 * scores' own: an assessor adds and removes their evidence while the measurement is being scored;
 * until the consolidation starts nobody else reads it (not the officer, not the chief, not another
 * assessor: 404); from then on the officer, the chief and the assessors read all of it.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Queryable } from '../../platform/db/pool.js';
import { recordAudit } from '../../platform/audit/service.js';
import { withOrgTx } from '../../platform/db/tx.js';
import { AppError, conflict, forbidden, invalid, notFound } from '../../platform/errors.js';
import { cleanUploads, fileStore, type FilePolicy, type FileTypeName } from '../../platform/files/index.js';
import type { Upload } from '../../platform/http/upload.js';
import type { Actor } from '../../platform/authz/actor.js';
import { translate } from '../../platform/i18n/index.js';
import type { Locale } from '../../../shared/roles.js';
import { evidenceExportLabels } from './evidence-messages.js';
import { isLinkableKind, linkableKinds, listLinkableRecords, recordRefKey, resolveRecordLinks } from '../../platform/records/index.js';
import type * as ec from './evidence-contract.js';
import { EVIDENCE_LIMITS } from './evidence-contract.js';
import * as er from './evidence-repo.js';
import * as P from './policy.js';
import * as repo from './repo.js';
import type { MaturityCtx, MaturityDeps } from './service.js';

/** What a score's file may be: PDF, Word, Excel, PNG, JPEG, text and CSV, each checked on its content; 10 MB. */
export const EVIDENCE_FILE_TYPES = ['pdf', 'docx', 'xlsx', 'png', 'jpeg', 'txt', 'csv'] as const satisfies readonly FileTypeName[];
export const EVIDENCE_FILE_MAX_BYTES = 10 * 1024 * 1024;
export const EVIDENCE_FILE_POLICY: FilePolicy = { maxBytes: EVIDENCE_FILE_MAX_BYTES, types: EVIDENCE_FILE_TYPES };

const RECORD = 'maturity_measurement';

/**
 * Every assessor's files and links per criterion, for the measurement's export (officer and chief,
 * from the consolidation on: the caller checked): each as a line in the export's language, a link
 * with the record's title as the exporter may see it, or "record not accessible".
 */
export async function evidenceForExport(tx: Queryable, orgId: string, measurementId: string, actor: Actor, locale: Locale): Promise<Map<string, string[]>> {
  const rows = await er.evidenceOf(tx, orgId, measurementId, null);
  const refs = rows.flatMap((r) => (r.kind === 'link' && r.record_kind && r.record_id ? [{ kind: r.record_kind, id: r.record_id }] : []));
  const seen = await resolveRecordLinks(tx, orgId, refs, actor);
  const out = new Map<string, string[]>();
  for (const r of rows) {
    const rec = r.kind === 'link' ? seen.get(recordRefKey({ kind: r.record_kind!, id: r.record_id! })) : undefined;
    const line = r.kind === 'file'
      ? translate(locale, evidenceExportLabels.file, { name: r.assessor_name, filename: r.filename })
      : rec ? translate(locale, evidenceExportLabels.link, { name: r.assessor_name, title: rec.title })
        : translate(locale, evidenceExportLabels.hidden, { name: r.assessor_name });
    out.set(r.criterion_id, [...(out.get(r.criterion_id) ?? []), line]);
  }
  return out;
}

export function makeMaturityEvidence(deps: MaturityDeps) {
  const { db } = deps;
  const files = fileStore(deps.dataDir ?? path.resolve(process.env.KOMPAS_DATA_DIR || './data'));
  const fileRef = (orgId: string, evidenceId: string) => ({ organisationId: orgId, recordType: er.EVIDENCE_FILE_RECORD, recordId: evidenceId });
  const audit = (tx: Queryable, ctx: MaturityCtx, orgId: string, id: string, action: string, details: Record<string, unknown>) =>
    recordAudit(tx, ctx.audit, { organisationId: orgId, action: `maturity.${action}`, recordType: RECORD, recordId: id, details });

  /** The measurement as the actor may see it: 404 for anybody who is neither officer, chief nor one of its assessors. */
  async function load(tx: Queryable, ctx: MaturityCtx, orgId: string, id: string, lock?: 'share') {
    const m = await repo.findMeasurement(tx, orgId, id, { lock });
    if (!m) throw notFound(RECORD);
    const assessors = (await repo.assessorsOf(tx, orgId, [id])).get(id) ?? [];
    const ma = P.maturityActor(ctx.actor, orgId, assessors.some((x) => x.user_id === ctx.actor.userId));
    if (!P.canRead(ma)) throw notFound(RECORD);
    return { m, ma };
  }

  /** An evidence write: the assessor's own, while scoring (approved: locked; otherwise 403 or 409 as for scores). */
  async function loadForWrite(tx: Queryable, ctx: MaturityCtx, orgId: string, id: string, criterionId: string) {
    // Shared lock, as a score: no evidence lands after the consolidation began.
    const { m, ma } = await load(tx, ctx, orgId, id, 'share');
    if (m.status === 'approved') throw conflict('maturity_locked');
    if (!P.canScore(ma, m)) {
      if (!ma.assessor) throw forbidden();
      throw conflict('maturity_wrong_status', { status: m.status });
    }
    if (!(await repo.criteriaOf(tx, m.framework_id)).some((x) => x.id === criterionId)) throw notFound('maturity_criterion');
    await er.lockAssessor(tx, orgId, id, ctx.actor.userId);
    return { m, ma };
  }

  /** Whose evidence the actor reads: their own while scoring, everybody's from the consolidation on. */
  const readableOwner = (ma: P.MaturityActor, m: repo.MeasurementRow) => (P.canReadConsolidation(ma, m) ? null : ma.userId);

  async function views(tx: Queryable, ctx: MaturityCtx, orgId: string, m: repo.MeasurementRow, ma: P.MaturityActor, rows: er.EvidenceRow[]): Promise<ec.EvidenceItem[]> {
    const refs = rows.flatMap((r) => (r.kind === 'link' && r.record_kind && r.record_id ? [{ kind: r.record_kind, id: r.record_id }] : []));
    // What this reader may see of each linked record, asked of the module that owns it.
    const seen = await resolveRecordLinks(tx, orgId, refs, ctx.actor);
    return rows.map((r) => ({
      id: r.id, criterionId: r.criterion_id, assessor: { userId: r.assessor_user_id, displayName: r.assessor_name }, kind: r.kind,
      file: r.kind === 'file' ? { filename: r.filename!, mediaType: r.media_type!, size: Number(r.size) } : null,
      link: r.kind === 'link' ? { kind: r.record_kind!, recordId: r.record_id!, record: seen.get(recordRefKey({ kind: r.record_kind!, id: r.record_id! })) ?? null } : null,
      createdAt: repo.iso(r.created_at)!,
      canDelete: r.assessor_user_id === ma.userId && P.canScore(ma, m),
    }));
  }

  return {
    async list(ctx: MaturityCtx, orgId: string, id: string): Promise<ec.EvidenceList> {
      return withOrgTx(db, orgId, async (tx) => {
        const { m, ma } = await load(tx, ctx, orgId, id);
        const rows = await er.evidenceOf(tx, orgId, id, readableOwner(ma, m));
        await audit(tx, ctx, orgId, id, 'evidence_list', { count: rows.length, own: readableOwner(ma, m) !== null });
        return { items: await views(tx, ctx, orgId, m, ma, rows), linkKinds: linkableKinds() };
      });
    },

    /**
     * What the assessor may link to while scoring, per kind of record whose module offers a list
     * (each module's own read rule decides). Audited with the counts only.
     */
    async linkable(ctx: MaturityCtx, orgId: string, id: string): Promise<ec.LinkableRecords> {
      return withOrgTx(db, orgId, async (tx) => {
        const { m, ma } = await load(tx, ctx, orgId, id);
        if (m.status === 'approved') throw conflict('maturity_locked');
        if (!P.canScore(ma, m)) {
          if (!ma.assessor) throw forbidden();
          throw conflict('maturity_wrong_status', { status: m.status });
        }
        const groups = await listLinkableRecords(tx, orgId, ctx.actor);
        await audit(tx, ctx, orgId, id, 'evidence_linkable', { counts: Object.fromEntries(groups.map((g) => [g.kind, g.items.length])) });
        return { groups, linkKinds: linkableKinds() };
      });
    },

    /** One file on the assessor's score of a criterion: checked and cleaned before the transaction, so a refusal stores nothing. */
    async upload(ctx: MaturityCtx, orgId: string, id: string, criterionId: string, upload: Upload): Promise<ec.EvidenceItem> {
      const [file] = await cleanUploads([upload], EVIDENCE_FILE_POLICY, { maxFiles: 1 });
      return withOrgTx(db, orgId, async (tx) => {
        const { m, ma } = await loadForWrite(tx, ctx, orgId, id, criterionId);
        const n = await er.countEvidence(tx, orgId, id, criterionId, ctx.actor.userId);
        if (n.files >= EVIDENCE_LIMITS.files) throw new AppError('maturity_evidence_too_many_files', 409, { max: EVIDENCE_LIMITS.files });
        const evidenceId = randomUUID();
        await er.insertFileEvidence(tx, { id: evidenceId, orgId, measurementId: id, criterionId, userId: ctx.actor.userId, filename: file.name, mediaType: file.mediaType, size: file.size });
        await files.storeFile(tx, ctx.audit, {
          ...fileRef(orgId, evidenceId), id: evidenceId,
          file: { filename: file.name, mediaType: file.mediaType, data: file.data, size: file.size, sha256: file.sha256 },
          audit: { action: 'maturity.evidence_upload', recordType: RECORD, recordId: id, details: { criterionId, evidenceId } },
        });
        const row = (await er.findEvidence(tx, orgId, id, evidenceId))!;
        return (await views(tx, ctx, orgId, m, ma, [row]))[0];
      });
    },

    /** A link from the assessor's score to a record of another module that the assessor may see. */
    async link(ctx: MaturityCtx, orgId: string, id: string, criterionId: string, body: ec.EvidenceLinkBody): Promise<ec.EvidenceItem> {
      return withOrgTx(db, orgId, async (tx) => {
        const { m, ma } = await loadForWrite(tx, ctx, orgId, id, criterionId);
        if (!isLinkableKind(body.kind)) throw invalid('maturity_link_unknown', 'recordId');
        const seen = await resolveRecordLinks(tx, orgId, [{ kind: body.kind, id: body.recordId }], ctx.actor);
        if (!seen.has(recordRefKey({ kind: body.kind, id: body.recordId }))) throw invalid('maturity_link_unknown', 'recordId');
        const n = await er.countEvidence(tx, orgId, id, criterionId, ctx.actor.userId);
        if (n.links >= EVIDENCE_LIMITS.links) throw new AppError('maturity_evidence_too_many_links', 409, { max: EVIDENCE_LIMITS.links });
        const evidenceId = await er.insertLinkEvidence(tx, { orgId, measurementId: id, criterionId, userId: ctx.actor.userId, recordKind: body.kind, recordId: body.recordId });
        if (!evidenceId) throw conflict('maturity_link_duplicate');
        await audit(tx, ctx, orgId, id, 'evidence_link', { criterionId, evidenceId, kind: body.kind, recordId: body.recordId });
        const row = (await er.findEvidence(tx, orgId, id, evidenceId))!;
        return (await views(tx, ctx, orgId, m, ma, [row]))[0];
      });
    },

    /** The file, for its assessor; for the others once the consolidation started (404 before: they must not learn it exists). */
    async download(ctx: MaturityCtx, orgId: string, id: string, evidenceId: string) {
      return withOrgTx(db, orgId, async (tx) => {
        const { m, ma } = await load(tx, ctx, orgId, id);
        const row = await er.findEvidence(tx, orgId, id, evidenceId);
        const owner = readableOwner(ma, m);
        if (!row || row.kind !== 'file' || (owner !== null && row.assessor_user_id !== owner)) throw notFound('maturity_evidence');
        const f = await files.readFile(tx, ctx.audit, {
          ...fileRef(orgId, evidenceId), fileId: evidenceId,
          audit: { action: 'maturity.evidence_download', recordType: RECORD, recordId: id, details: { criterionId: row.criterion_id, evidenceId, assessorUserId: row.assessor_user_id } },
        });
        if (!f) throw notFound('maturity_evidence');
        return { filename: f.filename, contentType: f.mediaType, data: f.data };
      });
    },

    /** The assessor removes a file or link of their own while scoring; a file's stored content goes with its row. */
    async remove(ctx: MaturityCtx, orgId: string, id: string, evidenceId: string) {
      return withOrgTx(db, orgId, async (tx) => {
        const { m, ma } = await load(tx, ctx, orgId, id, 'share');
        const row = await er.findEvidence(tx, orgId, id, evidenceId);
        // Another assessor's evidence is not found: scores are independent.
        if (!row || (row.assessor_user_id !== ctx.actor.userId && readableOwner(ma, m) !== null)) throw notFound('maturity_evidence');
        if (m.status === 'approved') throw conflict('maturity_locked');
        if (row.assessor_user_id !== ctx.actor.userId) throw forbidden();
        if (!P.canScore(ma, m)) throw conflict('maturity_wrong_status', { status: m.status });
        await er.deleteEvidence(tx, orgId, id, evidenceId);
        await audit(tx, ctx, orgId, id, 'evidence_delete', { criterionId: row.criterion_id, evidenceId, kind: row.kind });
      });
    },
  };
}

export type MaturityEvidence = ReturnType<typeof makeMaturityEvidence>;
