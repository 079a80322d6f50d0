/**
 * Evidence files attached to an action, on the platform's file store (platform/files): the upload is
 * checked against the evidence policy, stored sealed on the action (record type 'plan_action'),
 * listed, downloaded (digest checked) and deleted. The plan keeps its evidence rows (repo: which
 * file of which action of which version) for its lists, counts and version copies.
 */
import { randomUUID } from 'node:crypto';
import { acceptFile, fileStore, type FileAudit, type FilePolicy, type FileTypeName } from '../../platform/files/index.js';
import type { Upload } from '../../platform/http/upload.js';
import { withOrgTx } from '../../platform/db/tx.js';
import { forbidden, notFound } from '../../platform/errors.js';
import * as P from './policy.js';
import * as repo from './repo.js';
import { iso, type PlanContext, type PlanCtx } from './plan-context.js';
import { defaultDataDir } from './sealed.js';

/** What evidence may be: PDF, Word, Excel, PNG, JPEG, text and CSV, each checked on its content. */
export const EVIDENCE_TYPES = ['pdf', 'docx', 'xlsx', 'png', 'jpeg', 'txt', 'csv'] as const satisfies readonly FileTypeName[];
export const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;
export const EVIDENCE_POLICY: FilePolicy = { maxBytes: EVIDENCE_MAX_BYTES, types: EVIDENCE_TYPES };

export function makePlanEvidence({ deps, db, sealed, actorIn, loadPlanForAction, audit }: PlanContext) {
  const files = fileStore(deps.dataDir ?? defaultDataDir());
  const fileOf = (orgId: string, actionId: string) => ({ organisationId: orgId, recordType: repo.EVIDENCE_FILE_RECORD, recordId: actionId });
  // The plan's audit events, as before the move: on the plan, naming the action and the evidence.
  const planAudit = (planId: string, action: string, details: Record<string, unknown>): FileAudit => ({ action, recordType: 'plan', recordId: planId, details });

  return {
    async uploadEvidence(ctx: PlanCtx, orgId: string, planId: string, actionId: string, upload: Upload) {
      const file = acceptFile(upload, EVIDENCE_POLICY);
      return withOrgTx(db, orgId, async (tx) => {
        const pa = await actorIn(tx, ctx.actor, orgId);
        const { plan, subject } = await loadPlanForAction(tx, orgId, planId, pa, actionId, true);
        if (!P.canUpdateAction(pa, plan, subject)) throw forbidden();
        const id = randomUUID();
        const stored = await files.storeFile(tx, ctx.audit, {
          ...fileOf(orgId, actionId), file, id,
          audit: planAudit(planId, 'plan.evidence_upload', { actionId, evidenceId: id, size: file.size, contentType: file.mediaType }),
        });
        await repo.insertEvidence(tx, { id: stored.id, orgId, planId, actionId, fileId: stored.id, filename: stored.filename, contentType: stored.mediaType, size: stored.size, sha256: stored.sha256, by: ctx.actor.userId });
        const row = (await repo.listEvidence(tx, orgId, actionId)).find((e) => e.id === stored.id)!;
        return evidenceOut(row);
      });
    },

    async listEvidence(ctx: PlanCtx, orgId: string, planId: string, actionId: string) {
      return withOrgTx(db, orgId, async (tx) => {
        const pa = await actorIn(tx, ctx.actor, orgId);
        const { subject } = await loadPlanForAction(tx, orgId, planId, pa, actionId);
        if (!P.canSeeActionNotes(pa, subject)) throw forbidden();
        return { items: (await repo.listEvidence(tx, orgId, actionId)).map(evidenceOut) };
      });
    },

    async downloadEvidence(ctx: PlanCtx, orgId: string, planId: string, actionId: string, evidenceId: string) {
      return withOrgTx(db, orgId, async (tx) => {
        const pa = await actorIn(tx, ctx.actor, orgId);
        const { subject } = await loadPlanForAction(tx, orgId, planId, pa, actionId);
        if (!P.canSeeActionNotes(pa, subject)) throw forbidden();
        const ev = await repo.findEvidence(tx, orgId, actionId, evidenceId);
        if (!ev) throw notFound('plan_evidence');
        const details = { actionId, evidenceId };
        if (ev.file_id) {
          const f = await files.readFile(tx, ctx.audit, { ...fileOf(orgId, actionId), fileId: ev.file_id, audit: planAudit(planId, 'plan.evidence_download', details) });
          if (!f) throw notFound('plan_evidence');
          return { filename: f.filename, contentType: f.mediaType, data: f.data };
        }
        // A row written into the evidence table the old way holds its content itself.
        await audit(tx, ctx, orgId, planId, 'plan.evidence_download', details);
        return { filename: ev.filename, contentType: ev.content_type, data: sealed.openFile(ev.data!) };
      });
    },

    async deleteEvidence(ctx: PlanCtx, orgId: string, planId: string, actionId: string, evidenceId: string) {
      return withOrgTx(db, orgId, async (tx) => {
        const pa = await actorIn(tx, ctx.actor, orgId);
        const { plan, subject } = await loadPlanForAction(tx, orgId, planId, pa, actionId, true);
        if (!P.canUpdateAction(pa, plan, subject)) throw forbidden();
        const ev = await repo.findEvidence(tx, orgId, actionId, evidenceId);
        if (!ev) throw notFound('plan_evidence');
        const details = { actionId, evidenceId };
        if (ev.file_id) {
          // The evidence row goes with its file (foreign key, on delete cascade).
          await files.deleteFile(tx, ctx.audit, { ...fileOf(orgId, actionId), fileId: ev.file_id, audit: planAudit(planId, 'plan.evidence_delete', details) });
        } else {
          await repo.deleteEvidence(tx, orgId, actionId, evidenceId);
          await audit(tx, ctx, orgId, planId, 'plan.evidence_delete', details);
        }
      });
    },
  };
}

function evidenceOut(e: repo.EvidenceRow) {
  return {
    id: e.id, filename: e.filename, contentType: e.content_type, size: Number(e.size), sha256: e.sha256,
    uploadedBy: e.uploaded_by ? { id: e.uploaded_by, displayName: e.uploader_name ?? '' } : null, uploadedAt: iso(e.uploaded_at)!,
  };
}
