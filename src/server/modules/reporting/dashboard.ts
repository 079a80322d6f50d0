import type { Actor } from '../../platform/authz/actor.js';
import type { DashboardTile } from '../../platform/dashboard/contract.js';
import { hasRole } from '../../platform/authz/actor.js';
import type { Db } from '../../platform/db/pool.js';
import { withOrgTx } from '../../platform/db/tx.js';
import { FIGURES_ROLES, yearFigures } from './figures.js';

export const reportingDashboardMessages = {
  title: /*i18n*/ { id: 'reporting.dashboard.title', message: 'Reports of integrity violations' },
  note: /*i18n*/ { id: 'reporting.dashboard.note', message: 'This year and last year; lead times in days from receipt. Counts only, nothing of any report.' },
  indicator: /*i18n*/ { id: 'reporting.dashboard.indicator', message: 'Figure' },
  received: /*i18n*/ { id: 'reporting.dashboard.received', message: 'Reports received' },
  ackMedian: /*i18n*/ { id: 'reporting.dashboard.ack_median', message: 'Acknowledgement, median (days)' },
  feedbackMedian: /*i18n*/ { id: 'reporting.dashboard.feedback_median', message: 'Feedback, median (days)' },
  ackMissed: /*i18n*/ { id: 'reporting.dashboard.ack_missed', message: 'Acknowledgement deadlines missed' },
  feedbackMissed: /*i18n*/ { id: 'reporting.dashboard.feedback_missed', message: 'Feedback deadlines missed' },
};
const M = reportingDashboardMessages;

/**
 * The reporting channel's tile on the organisation's dashboard: reports received this year and last,
 * the median lead times of acknowledgement and feedback, deadlines missed. The organisation's own
 * yearly figures (figures.ts), for those who read them (the officer and the chief); a small count is
 * shown to the organisation itself, as on the figures page (oversight sees it suppressed).
 */
export async function reportingDashboardTiles(db: Db, actor: Actor, orgId: string, today: string): Promise<DashboardTile[]> {
  if (!hasRole(actor, orgId, FIGURES_ROLES)) return [];
  const year = Number(today.slice(0, 4));
  const [now, last] = await withOrgTx(db, orgId, async (tx) => [await yearFigures(tx, orgId, year, today), await yearFigures(tx, orgId, year - 1, today)]);
  const both = (f: (y: typeof now) => number | null) => [f(now), f(last)];
  return [{
    id: 'reporting.year', title: M.title, note: M.note, unit: 'count', kind: 'table',
    columns: [M.indicator, { text: String(year) }, { text: String(year - 1) }],
    rows: [
      { label: M.received, values: both((y) => y.received) },
      { label: M.ackMedian, values: both((y) => y.acknowledgement.median), unit: 'days' },
      { label: M.feedbackMedian, values: both((y) => y.feedback.median), unit: 'days' },
      { label: M.ackMissed, values: both((y) => y.acknowledgement.missed) },
      { label: M.feedbackMissed, values: both((y) => y.feedback.missed) },
    ],
  }];
}
