/**
 * Retention (issue 18): a closed report is deleted `retention_months` (settings) after the day it
 * was closed, unless an integrity officer set a legal hold on it. A daily job does it.
 *
 * Deleting a report: its key is destroyed first (crypto-shredding: a backup's copy of the
 * ciphertexts can no longer be opened once no backup holds the grants, decision 0016), then the
 * report and everything of it (access, messages, files, history, masked originals, the module's
 * other parts through their foreign keys) and its deadlines are deleted. What stays is a
 * `report_statistic` row for the yearly figures (years and codes only, see schema.ts) and the
 * audit event `reporting.report_deleted_retention` with the reference only. The receipt finds
 * nothing any more; a reporter's open portal session ends at its next request.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/service.js';
import { hasRole } from '../../platform/authz/actor.js';
import type { Db, Queryable, Tx } from '../../platform/db/pool.js';
import { EditConflict } from '../../platform/db/revision.js';
import { withOrgTx, withSystemTx } from '../../platform/db/tx.js';
import { removeDeadlinesOf, todayInBelgium } from '../../platform/deadlines/index.js';
import { isIsoDay } from '../../platform/deadlines/service.js';
import { forbidden, invalid, notFound } from '../../platform/errors.js';
import { defineJob } from '../../platform/jobs/index.js';
import type { Database } from '../../platform/db/pool.js';
import { decryptText, destroyRecordKey, openRecordKey } from '../../platform/vault/index.js';
import { addEvent, eventField, refOf, type ReportingContext, type ReportingCtx } from './context.js';
import type { RetentionView } from './redaction-contract.js';
import * as repo from './repo.js';

/** Who may set or lift a legal hold: an integrity officer who receives the report. */
const HOLD_ROLES = ['integrity_officer'] as const;

const RETENTION_MONTHS = sql`coalesce((SELECT s.retention_months FROM report_settings s WHERE s.organisation_id = r.organisation_id), 60)`;
/** The day a closed report goes (alias `r`). */
const DELETE_ON = sql`(r.closed_on + make_interval(months => ${RETENTION_MONTHS}))::date`;

/** Deletes one report for good, keeping its statistics stub; audited with its reference only. */
export async function deleteReportForRetention(tx: Queryable, orgId: string, reportId: string, today: string): Promise<void> {
  const ref = await tx.execute<{ reference: string }>(sql`SELECT reference FROM report WHERE organisation_id = ${orgId} AND id = ${reportId}`);
  const reference = ref.rows[0]?.reference;
  if (!reference) return;
  // The same facts as the yearly figures count of a live report (figures-repo.ts `reportFacts`), measured on the day of deletion.
  await tx.execute(sql`
    INSERT INTO report_statistic (id, organisation_id, received_year, closed_year, filed_via, identity_mode, category, admissibility, outcome,
                                  ack_lead_days, feedback_lead_days, ack_missed, feedback_missed)
    SELECT ${randomUUID()}, d.organisation_id, extract(year FROM d.received_on)::int, extract(year FROM d.closed_on)::int, d.filed_via, d.identity_mode,
           d.category, d.admissibility, d.outcome, d.acknowledged_on - d.received_on, d.answered_on - d.acknowledged_on,
           coalesce(d.acknowledged_on > d.ack_due OR (d.acknowledged_on IS NULL AND d.ack_due < ${today}::date), false),
           coalesce(d.answered_on > d.feedback_due OR (d.answered_on IS NULL AND d.feedback_due < ${today}::date), false)
      FROM (
        SELECT r.*, coalesce(r.feedback_on, r.closed_on) AS answered_on, r.received_on + ${repo.ACK_DAYS} AS ack_due,
               (r.acknowledged_on + make_interval(months => ${repo.FEEDBACK_MONTHS}))::date AS feedback_due
          FROM report r WHERE r.organisation_id = ${orgId} AND r.id = ${reportId}
      ) d`);
  await destroyRecordKey(tx, refOf(orgId, reportId));
  await removeDeadlinesOf(tx, orgId, repo.RECORD_TYPE, reportId);
  // The module's own children go by their foreign keys (ON DELETE CASCADE); these are named so the deletion does not hang on them.
  for (const table of ['report_redaction', 'report_file', 'report_message', 'report_event', 'report_access']) {
    await tx.execute(sql`DELETE FROM ${sql.identifier(table)} WHERE organisation_id = ${orgId} AND report_id = ${reportId}`);
  }
  await tx.execute(sql`DELETE FROM report WHERE organisation_id = ${orgId} AND id = ${reportId}`);
  await recordAudit(tx, { actorUserId: null, ip: null }, {
    organisationId: orgId, action: 'reporting.report_deleted_retention', recordType: repo.RECORD_TYPE, recordId: reportId, details: { reference },
  });
}

/**
 * The daily run: every closed report without a legal hold whose retention ended on or before
 * `today` (the day in Belgium; tests and a replay set it), each in its own transaction that checks
 * again under the row lock (a hold set meanwhile keeps it).
 */
export async function runRetention(db: Db, opts: { today?: string } = {}): Promise<{ deleted: number }> {
  const today = opts.today ?? todayInBelgium();
  const due = await withSystemTx(db, (tx) => tx.execute<{ organisation_id: string; id: string }>(sql`
    SELECT r.organisation_id, r.id FROM report r
     WHERE r.status = 'closed' AND NOT r.legal_hold AND r.closed_on IS NOT NULL AND ${DELETE_ON} <= ${today}::date
     ORDER BY r.organisation_id, r.closed_on`));
  let deleted = 0;
  for (const d of due.rows) {
    deleted += await withOrgTx(db, d.organisation_id, async (tx) => {
      const still = await tx.execute(sql`
        SELECT 1 FROM report r WHERE r.organisation_id = ${d.organisation_id} AND r.id = ${d.id}
           AND r.status = 'closed' AND NOT r.legal_hold AND ${DELETE_ON} <= ${today}::date FOR UPDATE OF r`);
      if (still.rows.length === 0) return 0;
      await deleteReportForRetention(tx, d.organisation_id, d.id, today);
      return 1;
    });
  }
  return { deleted };
}

/** The daily retention job (02:20 UTC). `{ today: 'yyyy-mm-dd' }` runs it for that day. */
export function registerReportingJobs(deps: { database: Database }): void {
  defineJob({
    name: 'reporting-retention',
    cron: '20 2 * * *',
    handler: async (data) => { await runRetention(deps.database.db, { today: isIsoDay(data.today) ? data.today : undefined }); },
  });
}

export function makeRetention(c: ReportingContext) {
  async function readable(tx: Tx, ctx: ReportingCtx, orgId: string, reportId: string, forUpdate = false) {
    const row = await repo.findVisibleReport(tx, orgId, reportId, ctx.actor.userId, { forUpdate });
    if (!row) throw notFound('report');
    return row;
  }
  const canHold = (ctx: ReportingCtx, orgId: string, row: repo.ReportRow) => row.kinds.includes('recipient') && hasRole(ctx.actor, orgId, HOLD_ROLES);

  /** The legal hold and the day of deletion of a report the person may read. */
  function retention(ctx: ReportingCtx, orgId: string, reportId: string): Promise<RetentionView> {
    return withOrgTx(c.db, orgId, async (tx) => {
      const row = await readable(tx, ctx, orgId, reportId);
      const facts = await tx.execute<{ months: number; delete_on: string | null }>(sql`
        SELECT ${RETENTION_MONTHS} AS months, CASE WHEN r.status = 'closed' AND NOT r.legal_hold THEN ${DELETE_ON} END AS delete_on
          FROM report r WHERE r.organisation_id = ${orgId} AND r.id = ${reportId}`);
      const last = [...await repo.listEvents(tx, orgId, reportId)].reverse().find((e) => e.kind === 'legal_hold');
      let reason: string | null = null;
      if (last?.note) {
        const key = await openRecordKey(tx, refOf(orgId, reportId), { userId: ctx.actor.userId, sessionId: ctx.actor.sessionId });
        reason = decryptText(key, eventField(last.id), last.note);
        await c.audit(tx, ctx, orgId, 'reporting.legal_hold_read', reportId);
      }
      return {
        revision: row.revision, legalHold: row.legal_hold, legalHoldOn: last?.occurred_on ?? null, legalHoldBy: last?.by_name ?? null, legalHoldReason: reason,
        retentionMonths: facts.rows[0].months, deleteOn: facts.rows[0].delete_on, canHold: canHold(ctx, orgId, row),
      };
    });
  }

  return {
    reportRetention: retention,

    /** Sets (with a reason) or lifts the legal hold; the report's revision moves. */
    setLegalHold(ctx: ReportingCtx, orgId: string, reportId: string, b: { hold: boolean; reason?: string }, expected: number): Promise<RetentionView> {
      return withOrgTx(c.db, orgId, async (tx) => {
        const row = await readable(tx, ctx, orgId, reportId, true);
        if (row.revision !== expected) throw new EditConflict({ revision: row.revision });
        if (!canHold(ctx, orgId, row)) throw forbidden();
        if (b.hold && !b.reason) throw invalid('reporting_legal_hold_reason', 'reason');
        const today = c.today();
        const key = b.reason ? await openRecordKey(tx, refOf(orgId, reportId), { userId: ctx.actor.userId, sessionId: ctx.actor.sessionId }) : null;
        await repo.updateReport(tx, orgId, reportId, { legal_hold: b.hold });
        await addEvent(tx, key, { orgId, reportId, kind: 'legal_hold', on: today, byUserId: ctx.actor.userId, details: { hold: b.hold }, note: b.reason });
        await c.audit(tx, ctx, orgId, 'reporting.legal_hold', reportId, { hold: b.hold });
        return undefined;
      }).then(() => retention(ctx, orgId, reportId));
    },
  };
}
