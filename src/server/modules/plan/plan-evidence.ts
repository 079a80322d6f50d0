/** Evidence files attached to an action: upload (type checked on content), list, download, delete. */
import { createHash } from 'node:crypto';
import { withOrgTx } from '../../platform/db/tx.js';
import { AppError, forbidden, invalid, notFound } from '../../platform/errors.js';
import * as P from './policy.js';
import * as repo from './repo.js';
import { iso, type PlanContext, type PlanCtx } from './plan-context.js';

/** Evidence content types accepted, with the magic bytes that must open the file. */
export const EVIDENCE_TYPES: Record<string, { ext: string[]; magic: ((b: Buffer) => boolean) }> = {
  'application/pdf': { ext: ['pdf'], magic: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { ext: ['docx'], magic: (b) => b.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])) },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { ext: ['xlsx'], magic: (b) => b.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])) },
  'image/png': { ext: ['png'], magic: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  'image/jpeg': { ext: ['jpg', 'jpeg'], magic: (b) => b.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff])) },
  'text/plain': { ext: ['txt'], magic: isText },
  'text/csv': { ext: ['csv'], magic: isText },
};
export const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;
// Control characters never belong in a file name (header injection, log forging).
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/g;

function isText(b: Buffer): boolean {
  if (b.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b);
    return true;
  } catch {
    return false;
  }
}

export function makePlanEvidence({ db, sealed, actorIn, loadPlanForAction, audit }: PlanContext) {
  return {
    async uploadEvidence(ctx: PlanCtx, orgId: string, planId: string, actionId: string, file: { filename: string; mimetype: string; data: Buffer }) {
      const type = EVIDENCE_TYPES[file.mimetype];
      const name = file.filename.replace(/^.*[\\/]/, '').replace(CONTROL_CHARS, '').trim().slice(0, 200) || 'file';
      const ext = name.includes('.') ? name.split('.').pop()!.toLowerCase() : '';
      if (!type || !type.ext.includes(ext) || !type.magic(file.data)) throw new AppError('plan_evidence_type', 415, {}, 'file');
      if (file.data.length === 0) throw invalid('plan_evidence_empty', 'file');
      if (file.data.length > EVIDENCE_MAX_BYTES) throw new AppError('body_too_large', 413, {}, 'file');
      return withOrgTx(db, orgId, async (tx) => {
        const pa = await actorIn(tx, ctx.actor, orgId);
        const { plan, subject } = await loadPlanForAction(tx, orgId, planId, pa, actionId, true);
        if (!P.canUpdateAction(pa, plan, subject)) throw forbidden();
        const sha256 = createHash('sha256').update(file.data).digest('hex');
        const id = await repo.insertEvidence(tx, { orgId, planId, actionId, filename: name, contentType: file.mimetype, data: sealed.sealFile(file.data), size: file.data.length, sha256, by: ctx.actor.userId });
        await audit(tx, ctx, orgId, planId, 'plan.evidence_upload', { actionId, evidenceId: id, size: file.data.length, contentType: file.mimetype });
        const row = (await repo.listEvidence(tx, orgId, actionId)).find((e) => e.id === id)!;
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
        const file = await repo.findEvidenceData(tx, orgId, actionId, evidenceId);
        if (!file) throw notFound('plan_evidence');
        await audit(tx, ctx, orgId, planId, 'plan.evidence_download', { actionId, evidenceId });
        return { filename: file.filename, contentType: file.content_type, data: sealed.openFile(file.data) };
      });
    },

    async deleteEvidence(ctx: PlanCtx, orgId: string, planId: string, actionId: string, evidenceId: string) {
      return withOrgTx(db, orgId, async (tx) => {
        const pa = await actorIn(tx, ctx.actor, orgId);
        const { plan, subject } = await loadPlanForAction(tx, orgId, planId, pa, actionId, true);
        if (!P.canUpdateAction(pa, plan, subject)) throw forbidden();
        if ((await repo.deleteEvidence(tx, orgId, actionId, evidenceId)) === 0) throw notFound('plan_evidence');
        await audit(tx, ctx, orgId, planId, 'plan.evidence_delete', { actionId, evidenceId });
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
