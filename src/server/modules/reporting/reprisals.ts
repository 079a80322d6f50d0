/**
 * Protection against reprisals. Recipients record the protective measures they take (encrypted,
 * with the day taken). The reporter is asked through the portal, at the months the organisation
 * set (3, 6 and 12 by default) after the acknowledgement, whether they have suffered reprisals since
 * they reported, and may report one at any time; a description is encrypted under the report key.
 *
 * A reprisal reported is flagged to the report's recipients: a home figure (`reporting.reprisals`),
 * the case page, and a mail that says only that something waits. The mail goes through the
 * platform's deadlines (`reporting.reprisal`, to be dealt with within 7 days): its row is made by
 * the next morning's run, never at the moment the reporter answers, whose exact time it would carry.
 * Nothing the reporter does here is audited or dated finer than the day (as the rest of the portal).
 */
import { randomUUID } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../platform/db/pool.js';
import { withOrgTx } from '../../platform/db/tx.js';
import { registerDeadlineKind, syncDeadlines } from '../../platform/deadlines/index.js';
import { AppError, conflict, forbidden, invalid, notFound } from '../../platform/errors.js';
import { decryptText, encryptField } from '../../platform/vault/index.js';
import type { PortalReprisalsView, ProtectionView, ReprisalAnswerBody } from './advice-contract.js';
import * as arepo from './advice-repo.js';
import { addEvent, openReportKey, visibleReport, type ReportingContext, type ReportingCtx } from './context.js';
import { reportPath, reportRecipients } from './deadlines.js';
import type { PortalSessions } from './portal.js';
import * as repo from './repo.js';

export const REPORT_REPRISAL = 'reporting.reprisal';
/** Days within which a recipient deals with a reprisal reported (the reminder goes out the first morning). */
export const REPRISAL_DAYS = 7;

export const measureField = (id: string) => `measure:${id}`;
export const reprisalField = (id: string) => `reprisal:${id}`;

/** `day` plus `months` calendar months, the last day of the month when it has fewer days (as PostgreSQL's interval). */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const idx = y * 12 + (m - 1) + months;
  const year = Math.floor(idx / 12);
  const month = idx % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return `${year}-${String(month + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

export interface ReprisalCheck { months: number; dueOn: string; answered: boolean }

/**
 * The organisation's check-ins for a report acknowledged on `acknowledgedOn` (none before), each
 * answered when the reporter answered it, or told anything on or after its day (an answer covers
 * "since you reported").
 */
export function reprisalSchedule(acknowledgedOn: string | null, months: readonly number[], answers: readonly { checkMonths: number | null; answeredOn: string }[]): ReprisalCheck[] {
  if (!acknowledgedOn) return [];
  return [...new Set(months)].sort((a, b) => a - b).map((m) => {
    const dueOn = addMonths(acknowledgedOn, m);
    return { months: m, dueOn, answered: answers.some((a) => a.checkMonths === m || a.answeredOn >= dueOn) };
  });
}

/** The check-ins whose day has come on `today` and that no answer covers. */
export const dueChecks = (schedule: readonly ReprisalCheck[], today: string) =>
  schedule.filter((c) => !c.answered && c.dueOn <= today).map(({ months, dueOn }) => ({ months, dueOn }));

const sessionExpired = () => new AppError('reporting_session_expired', 401);

export function makeReprisals(c: ReportingContext, sessions: PortalSessions) {
  const { db } = c;

  async function scheduleOf(tx: Tx, orgId: string, acknowledgedOn: string | null, rows: readonly arepo.ReprisalRow[]) {
    const settings = await repo.findSettings(tx, orgId);
    return reprisalSchedule(acknowledgedOn, settings.reprisalCheckMonths, rows.map((x) => ({ checkMonths: x.check_months, answeredOn: x.answered_on })));
  }

  function portalSession(orgId: string, token: string | undefined) {
    const s = sessions.get(token, orgId);
    if (!s) throw sessionExpired();
    return s;
  }

  return {
    /** Measures, the reporter's answers and the schedule: the report's recipients and the counsellor who filed it. */
    async protectionView(ctx: ReportingCtx, orgId: string, reportId: string): Promise<ProtectionView> {
      return withOrgTx(db, orgId, async (tx) => {
        const row = await visibleReport(tx, ctx, orgId, reportId);
        if (!row.kinds.includes('recipient') && !row.kinds.includes('counsellor')) throw forbidden();
        const key = await openReportKey(tx, ctx, orgId, reportId);
        const rows = await arepo.listReprisals(tx, orgId, reportId);
        const measures = await arepo.listMeasures(tx, orgId, reportId);
        await c.audit(tx, ctx, orgId, 'reporting.protection_read', reportId, { measures: measures.length, reprisals: rows.length });
        return {
          canRecord: row.kinds.includes('recipient'),
          measures: measures.map((m) => ({ id: m.id, description: decryptText(key, measureField(m.id), m.description), takenOn: m.taken_on, recordedOn: m.recorded_on, recordedBy: m.recorded_by })),
          reprisals: rows.map((x) => ({
            id: x.id, checkMonths: x.check_months, suffered: x.suffered, description: x.description ? decryptText(key, reprisalField(x.id), x.description) : null,
            answeredOn: x.answered_on, handledOn: x.handled_on, handledBy: x.handled_by,
          })),
          checks: await scheduleOf(tx, orgId, row.acknowledged_on, rows),
          unhandled: rows.filter((x) => x.suffered && !x.handled_on).length,
        };
      });
    },

    /** A recipient records a protective measure (also after closure: protection outlasts the handling). */
    async recordMeasure(ctx: ReportingCtx, orgId: string, reportId: string, b: { description: string; takenOn: string }) {
      return withOrgTx(db, orgId, async (tx) => {
        const row = await visibleReport(tx, ctx, orgId, reportId, true);
        if (!row.kinds.includes('recipient')) throw forbidden();
        const today = c.today();
        if (b.takenOn > today) throw invalid('reporting_measure_future', 'takenOn');
        const key = await openReportKey(tx, ctx, orgId, reportId);
        const id = randomUUID();
        await arepo.insertMeasure(tx, { id, orgId, reportId, description: encryptField(key, measureField(id), b.description), takenOn: b.takenOn, recordedOn: today, by: ctx.actor.userId });
        await addEvent(tx, key, { orgId, reportId, kind: 'protective_measure', on: today, byUserId: ctx.actor.userId, details: { measureId: id, takenOn: b.takenOn } });
        await c.audit(tx, ctx, orgId, 'reporting.protective_measure', reportId, { measureId: id, takenOn: b.takenOn });
        return { id };
      });
    },

    /** A recipient took note of a reprisal reported: its flag and its deadline end. */
    async reprisalHandled(ctx: ReportingCtx, orgId: string, reportId: string, reprisalId: string) {
      return withOrgTx(db, orgId, async (tx) => {
        const row = await visibleReport(tx, ctx, orgId, reportId, true);
        if (!row.kinds.includes('recipient')) throw forbidden();
        const today = c.today();
        if (!(await arepo.markReprisalHandled(tx, orgId, reportId, reprisalId, ctx.actor.userId, today))) {
          if ((await arepo.listReprisals(tx, orgId, reportId)).some((x) => x.id === reprisalId && x.suffered)) throw conflict('reporting_reprisal_handled');
          throw notFound('reprisal');
        }
        await syncReprisalDeadlines(tx, orgId, [reportId]);
        await c.audit(tx, ctx, orgId, 'reporting.reprisal_handled', reportId, { reprisalId });
        return { handledOn: today };
      });
    },

    /** The portal: the check-ins due and the reporter's earlier answers. */
    async portalReprisals(orgId: string, token: string | undefined): Promise<PortalReprisalsView> {
      const s = portalSession(orgId, token);
      return withOrgTx(db, orgId, async (tx) => {
        const report = await repo.findReport(tx, orgId, s.key.recordId);
        if (!report) throw sessionExpired();
        const rows = await arepo.listReprisals(tx, orgId, report.id);
        return {
          due: dueChecks(await scheduleOf(tx, orgId, report.acknowledged_on, rows), c.today()),
          answers: rows.map((x) => ({
            checkMonths: x.check_months, suffered: x.suffered, answeredOn: x.answered_on,
            description: x.description ? decryptText(s.key, reprisalField(x.id), x.description) : null,
          })),
        };
      });
    },

    /** The reporter answers a check-in (`months`), or reports a reprisal of their own accord (`months` null). */
    async answerReprisal(orgId: string, token: string | undefined, b: ReprisalAnswerBody): Promise<{ answeredOn: string }> {
      const s = portalSession(orgId, token);
      const description = b.suffered ? (b.description ?? '').trim() : '';
      if (b.suffered && description === '') throw invalid('reporting_reprisal_description', 'description');
      if (b.months === null && !b.suffered) throw invalid('reporting_reprisal_not_due', 'suffered');
      return withOrgTx(db, orgId, async (tx) => {
        const report = await arepo.lockReport(tx, orgId, s.key.recordId);
        if (!report) throw sessionExpired();
        const today = c.today();
        if (b.months !== null) {
          const rows = await arepo.listReprisals(tx, orgId, s.key.recordId);
          const due = dueChecks(await scheduleOf(tx, orgId, report.acknowledged_on, rows), today);
          if (!due.some((d) => d.months === b.months)) throw conflict('reporting_reprisal_not_due', {}, 'months');
        }
        const id = randomUUID();
        await arepo.insertReprisal(tx, {
          id, orgId, reportId: s.key.recordId, checkMonths: b.months, suffered: b.suffered,
          description: b.suffered ? encryptField(s.key, reprisalField(id), description) : null, on: today,
        });
        if (b.suffered) await addEvent(tx, s.key, { orgId, reportId: s.key.recordId, kind: 'reprisal_reported', on: today, byUserId: null, details: { checkMonths: b.months } });
        return { answeredOn: today };
      });
    },

    reprisalsWaitingFor: (tx: Tx, orgId: string, userId: string) => arepo.reprisalsWaitingFor(tx, orgId, userId),
  };
}

// The flag's mail, through the platform's deadlines ------------------------------------------------

/** Reports with a reprisal reported that no recipient dealt with yet: to be dealt with within 7 days of the first. */
export const reprisalSource = (): SQL => sql`
  SELECT x.organisation_id, x.report_id AS record_id, (min(x.answered_on) + ${REPRISAL_DAYS}::int)::date AS due_on,
         NULL::uuid AS assignee_user_id, NULL::uuid AS assignee_unit_id, ARRAY[${REPRISAL_DAYS}::int, 0]::int[] AS remind_days_before, NULL::int AS escalate_after_days
    FROM report_reprisal x WHERE x.suffered AND x.handled_on IS NULL
   GROUP BY x.organisation_id, x.report_id`;

export async function syncReprisalDeadlines(tx: Tx, orgId: string, reportIds?: readonly string[]): Promise<void> {
  await syncDeadlines(tx, { kind: REPORT_REPRISAL, source: reprisalSource(), organisationId: orgId, recordIds: reportIds });
}

registerDeadlineKind({
  kind: REPORT_REPRISAL,
  recordType: repo.RECORD_TYPE,
  link: (_tx, d) => reportPath(d.organisationId, d.recordId),
  // The platform's mail: something waits, when, and a link. No escalation: a chief may be the one the reprisal came from.
  recipients: reportRecipients,
  reconcile: async (tx) => { await syncDeadlines(tx, { kind: REPORT_REPRISAL, source: reprisalSource() }); },
});
