/**
 * The recipients' side: the list of reports a person may read, the report decrypted with their own
 * key, its files, and the steps of the procedure (acknowledge, admissibility, investigator, messages,
 * feedback, closure). Every read of a report or a file is audited (ids only, never content); every
 * step is audited, checked against the revision the person saw (409 when stale) and brings the
 * report's deadlines in step in the same transaction.
 */
import type { Tx } from '../../platform/db/pool.js';
import { EditConflict } from '../../platform/db/revision.js';
import { withOrgTx } from '../../platform/db/tx.js';
import { conflict, forbidden, invalid, notFound } from '../../platform/errors.js';
import type { Upload } from '../../platform/http/upload.js';
import { decryptText, grantRecordKey, revokeRecordKey, type OpenRecordKey } from '../../platform/vault/index.js';
import type { Outcome, ReportStatus, ReportSummary, ReportView } from './contract.js';
import {
  addEvent, addMessage, answersOf, cleanFiles, eventField, fileViews, listItem, messageViews, openContent, openReportKey, readFile, refOf, requireMessage, visibleReport,
  type ReportingContext, type ReportingCtx,
} from './context.js';
import { syncReportDeadlines } from './deadlines.js';
import { withRedactions } from './redaction.js';
import { INVESTIGATOR_ROLES, permissions, type Action } from './policy.js';
import * as repo from './repo.js';
// Who holds a report's key, for grants from the escrow key (registered once, with the recipients' side).
import './vault-holders.js';

export function makeHandling(c: ReportingContext) {
  const { db } = c;

  function summary(r: repo.ReportRow): ReportSummary {
    return {
      ...listItem(r, c.today()), revision: r.revision, admissibility: r.admissibility, outcome: r.outcome as Outcome | null,
      investigator: r.investigator_user_id ? { id: r.investigator_user_id, displayName: r.investigator_name ?? '' } : null,
    };
  }

  /**
   * One step of the procedure: the report locked, the person's right to the step, the revision they
   * saw (when sent), the change, its deadlines, and the report as it is now.
   */
  function step(ctx: ReportingCtx, orgId: string, reportId: string, action: Action, expected: number | undefined,
    fn: (tx: Tx, row: repo.ReportRow, today: string) => Promise<void>): Promise<ReportSummary> {
    return withOrgTx(db, orgId, async (tx) => {
      const row = await visibleReport(tx, ctx, orgId, reportId, true);
      if (expected !== undefined && row.revision !== expected) throw new EditConflict(summary(row));
      if (!permissions(row.kinds, row.status)[action]) {
        // A reader who takes no part that allows the step is refused; a step the status does not allow is a conflict that says why.
        if (!permissions(row.kinds, 'acknowledged')[action] && !permissions(row.kinds, 'received')[action]) throw forbidden();
        throw statusConflict(row.status);
      }
      await fn(tx, row, c.today());
      await syncReportDeadlines(tx, orgId, [reportId]);
      return summary((await repo.findVisibleReport(tx, orgId, reportId, ctx.actor.userId))!);
    });
  }

  function statusConflict(status: ReportStatus) {
    if (status === 'closed') return conflict('reporting_closed');
    if (status === 'received') return conflict('reporting_not_acknowledged');
    return conflict('reporting_wrong_status', { status });
  }

  /** People with a part in the report who hold no key grant yet but now have a key pair: sealed to them with the reader's key. */
  async function completeGrants(tx: Tx, ctx: ReportingCtx, orgId: string, key: OpenRecordKey) {
    const waiting = await repo.accessWithoutGrant(tx, orgId, key.recordId);
    if (waiting.length === 0) return;
    const { granted } = await grantRecordKey(tx, key, waiting, { grantedBy: ctx.actor.userId });
    if (granted.length) await c.audit(tx, ctx, orgId, 'reporting.access_completed', key.recordId, { userIds: granted });
  }

  return {
    async list(ctx: ReportingCtx, orgId: string, status?: ReportStatus) {
      return withOrgTx(db, orgId, async (tx) => {
        const rows = await repo.listVisibleReports(tx, orgId, ctx.actor.userId, status);
        const waitingForAccess = await repo.countWithoutGrant(tx, orgId, ctx.actor.userId);
        await c.audit(tx, ctx, orgId, 'reporting.report_list', undefined, { status: status ?? null, count: rows.length });
        return { items: rows.map((r) => listItem(r, c.today())), waitingForAccess };
      });
    },

    /** The report decrypted with the reader's key (423 `vault_locked` when it is not unlocked in this session). */
    async view(ctx: ReportingCtx, orgId: string, reportId: string): Promise<ReportView> {
      return withOrgTx(db, orgId, async (tx) => {
        const row = await visibleReport(tx, ctx, orgId, reportId);
        const key = await openReportKey(tx, ctx, orgId, reportId);
        const content = openContent(key, row.content);
        const files = fileViews(key, await repo.listFiles(tx, orgId, reportId));
        const messages = messageViews(key, await repo.listMessages(tx, orgId, reportId), files, true);
        const events = await repo.listEvents(tx, orgId, reportId);
        const names = await repo.displayNames(tx, orgId, content.excluded);
        const lastAdmissibility = [...events].reverse().find((e) => e.kind === 'admissibility');
        const can = permissions(row.kinds, row.status);
        const candidates = can.investigator
          ? (await repo.peopleWithRoles(tx, orgId, INVESTIGATOR_ROLES, c.today())).filter((p) => !content.excluded.includes(p.userId))
            .map((p) => ({ id: p.userId, displayName: p.displayName, hasKeyPair: p.hasKeyPair }))
          : [];
        if (row.kinds.includes('recipient') || row.kinds.includes('investigator')) await repo.markRead(tx, orgId, reportId, 'recipient', c.today());
        await completeGrants(tx, ctx, orgId, key);
        await c.audit(tx, ctx, orgId, 'reporting.report_read', reportId, { messages: messages.length, files: files.length });
        const view: ReportView = {
          ...summary(row),
          filedVia: row.filed_via, legalHold: row.legal_hold, language: content.language,
          admissibilityReason: lastAdmissibility?.note ? decryptText(key, eventField(lastAdmissibility.id), lastAdmissibility.note) : null,
          reporter: row.identity_mode === 'anonymous' ? null : { name: content.name, contact: content.contact },
          excluded: content.excluded.map((id) => ({ id, displayName: names.get(id) ?? '' })),
          answers: answersOf(content),
          messages,
          files: files.filter((f) => f.messageId === null),
          history: events.map((e) => ({ seq: e.seq, on: e.occurred_on, action: e.kind, by: e.by_name, byUserId: e.by_user_id, details: e.details })),
          roles: row.kinds,
          can,
          investigatorCandidates: candidates,
        };
        await withRedactions(tx, key, view, 'recipient');
        return view;
      });
    },

    async reportFile(ctx: ReportingCtx, orgId: string, reportId: string, fileId: string) {
      return withOrgTx(db, orgId, async (tx) => {
        await visibleReport(tx, ctx, orgId, reportId);
        const key = await openReportKey(tx, ctx, orgId, reportId);
        const f = await readFile(tx, key, fileId);
        if (!f) throw notFound('report_file');
        await c.audit(tx, ctx, orgId, 'reporting.file_read', reportId, { fileId });
        return f;
      });
    },

    acknowledge(ctx: ReportingCtx, orgId: string, reportId: string, body: string | undefined, expected: number) {
      return step(ctx, orgId, reportId, 'acknowledge', expected, async (tx, _row, today) => {
        await repo.updateReport(tx, orgId, reportId, { status: 'acknowledged', acknowledged_on: today });
        const key = body?.trim() ? await openReportKey(tx, ctx, orgId, reportId) : null;
        await addEvent(tx, key, { orgId, reportId, kind: 'acknowledged', on: today, byUserId: ctx.actor.userId });
        if (key) await addMessage(tx, key, { author: 'recipient', authorUserId: ctx.actor.userId, purpose: 'acknowledgement', body: body!, today });
        await c.audit(tx, ctx, orgId, 'reporting.acknowledge', reportId, { message: key !== null });
      });
    },

    admissibility(ctx: ReportingCtx, orgId: string, reportId: string, b: { admissible: boolean; reason?: string }, expected: number) {
      return step(ctx, orgId, reportId, 'admissibility', expected, async (tx, row, today) => {
        const admissibility = b.admissible ? 'admissible' : 'inadmissible';
        await repo.updateReport(tx, orgId, reportId, { admissibility, ...(b.admissible && row.status === 'acknowledged' ? { status: 'in_progress' } : {}) });
        const key = b.reason?.trim() ? await openReportKey(tx, ctx, orgId, reportId) : null;
        await addEvent(tx, key, { orgId, reportId, kind: 'admissibility', on: today, byUserId: ctx.actor.userId, details: { admissibility }, note: b.reason });
        await c.audit(tx, ctx, orgId, 'reporting.admissibility', reportId, { admissibility });
      });
    },

    /**
     * Appoints the investigator (or none): the report's key is sealed to them with the appointer's
     * key; the one they replace loses it unless they take part otherwise. Never someone the
     * reporter excluded.
     */
    investigator(ctx: ReportingCtx, orgId: string, reportId: string, userId: string | null, expected: number) {
      return step(ctx, orgId, reportId, 'investigator', expected, async (tx, row, today) => {
        const previous = row.investigator_user_id;
        if (previous === userId) return;
        const key = await openReportKey(tx, ctx, orgId, reportId);
        let keyPending = false;
        if (userId) {
          const [p] = await repo.peopleWithRoles(tx, orgId, INVESTIGATOR_ROLES, today, [userId]);
          if (!p) throw invalid('reporting_investigator_role', 'userId');
          if (openContent(key, row.content).excluded.includes(userId)) throw invalid('reporting_investigator_excluded', 'userId');
          await repo.addAccess(tx, orgId, reportId, userId, 'investigator', today);
          keyPending = (await grantRecordKey(tx, key, [userId], { grantedBy: ctx.actor.userId })).missing.length > 0;
        }
        if (previous) {
          const keeps = await repo.removeAccess(tx, orgId, reportId, previous, 'investigator');
          if (keeps.filter((k) => k !== 'escalation').length === 0) await revokeRecordKey(tx, refOf(orgId, reportId), previous);
        }
        await repo.updateReport(tx, orgId, reportId, { investigator_user_id: userId, ...(userId && row.status === 'acknowledged' ? { status: 'in_progress' } : {}) });
        await addEvent(tx, key, { orgId, reportId, kind: 'investigator', on: today, byUserId: ctx.actor.userId, details: { userId, previous } });
        await c.audit(tx, ctx, orgId, 'reporting.investigator', reportId, { userId, previous, keyPending });
      });
    },

    /** A message to the reporter (recipients and the investigator); it does not move the report's revision. */
    async message(ctx: ReportingCtx, orgId: string, reportId: string, body: string, uploads: readonly Upload[], expected: number | undefined) {
      requireMessage(body, uploads);
      const files = await cleanFiles(uploads);
      return withOrgTx(db, orgId, async (tx) => {
        const row = await visibleReport(tx, ctx, orgId, reportId, true);
        if (expected !== undefined && row.revision !== expected) throw new EditConflict(summary(row));
        if (!permissions(row.kinds, row.status).message) {
          if (row.status === 'closed' && permissions(row.kinds, 'received').message) throw conflict('reporting_closed');
          throw forbidden();
        }
        const key = await openReportKey(tx, ctx, orgId, reportId);
        const today = c.today();
        const id = await addMessage(tx, key, { author: 'recipient', authorUserId: ctx.actor.userId, purpose: 'message', body, files, today });
        await c.audit(tx, ctx, orgId, 'reporting.message_sent', reportId, { messageId: id, files: files.length });
        const m = (await repo.listMessages(tx, orgId, reportId)).find((x) => x.id === id)!;
        return messageViews(key, [m], fileViews(key, (await repo.listFiles(tx, orgId, reportId)).filter((f) => f.message_id === id)), true)[0];
      });
    },

    /** The feedback on the follow-up (a message marked as such); the first one meets the legal deadline. */
    feedback(ctx: ReportingCtx, orgId: string, reportId: string, body: string, expected: number) {
      return step(ctx, orgId, reportId, 'feedback', expected, async (tx, row, today) => {
        const key = await openReportKey(tx, ctx, orgId, reportId);
        await addMessage(tx, key, { author: 'recipient', authorUserId: ctx.actor.userId, purpose: 'feedback', body, today });
        await repo.updateReport(tx, orgId, reportId, { feedback_on: row.feedback_on ?? today });
        await addEvent(tx, key, { orgId, reportId, kind: 'feedback', on: today, byUserId: ctx.actor.userId });
        await c.audit(tx, ctx, orgId, 'reporting.feedback', reportId, { first: row.feedback_on === null });
      });
    },

    close(ctx: ReportingCtx, orgId: string, reportId: string, b: { outcome: Outcome; body?: string }, expected: number) {
      return step(ctx, orgId, reportId, 'close', expected, async (tx, _row, today) => {
        const key = await openReportKey(tx, ctx, orgId, reportId);
        if (b.body?.trim()) await addMessage(tx, key, { author: 'recipient', authorUserId: ctx.actor.userId, purpose: 'closure', body: b.body, today });
        await repo.updateReport(tx, orgId, reportId, {
          status: 'closed', closed_on: today, outcome: b.outcome, ...(b.outcome === 'inadmissible' ? { admissibility: 'inadmissible' } : {}),
        });
        await addEvent(tx, key, { orgId, reportId, kind: 'closed', on: today, byUserId: ctx.actor.userId, details: { outcome: b.outcome } });
        await c.audit(tx, ctx, orgId, 'reporting.close', reportId, { outcome: b.outcome });
      });
    },
  };
}
