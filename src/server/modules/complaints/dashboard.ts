import type { Actor } from '../../platform/authz/actor.js';
import { hasRole } from '../../platform/authz/actor.js';
import type { DashboardTile } from '../../platform/dashboard/contract.js';
import type { Db } from '../../platform/db/pool.js';
import { withOrgTx } from '../../platform/db/tx.js';
import { STATS_ROLES, yearStats } from './stats.js';

export const complaintsDashboardMessages = {
  received: /*i18n*/ { id: 'complaints.dashboard.received_title', message: 'Complaints received' },
  receivedNote: /*i18n*/ { id: 'complaints.dashboard.received_note', message: 'Complaints received in {year} and in {last}, as they stand today.' },
  thisYear: /*i18n*/ { id: 'complaints.dashboard.this_year', message: 'In {year}' },
  lead: /*i18n*/ { id: 'complaints.dashboard.lead_title', message: 'Complaints: lead times against the targets' },
  leadNote: /*i18n*/ { id: 'complaints.dashboard.lead_note', message: 'Complaints received in {year}; in days from receipt. Target missed: of the steps done or overdue.' },
  step: /*i18n*/ { id: 'complaints.dashboard.step', message: 'Step' },
  target: /*i18n*/ { id: 'complaints.dashboard.target', message: 'Target (days)' },
  median: /*i18n*/ { id: 'complaints.dashboard.median', message: 'Median (days)' },
  missed: /*i18n*/ { id: 'complaints.dashboard.missed', message: 'Target missed' },
  acknowledge: /*i18n*/ { id: 'complaints.dashboard.acknowledge', message: 'Acknowledgement' },
  triage: /*i18n*/ { id: 'complaints.dashboard.triage', message: 'Triage' },
  resolve: /*i18n*/ { id: 'complaints.dashboard.resolve', message: 'Answer to the complainant' },
};
const M = complaintsDashboardMessages;

/**
 * The complaints desk's tiles on the organisation's dashboard: complaints received this year and last,
 * and this year's lead times against the targets (stats.ts, without the named repeated-complaints
 * signal, so nobody is named and the read needs no audit). For those who read the statistics: the
 * coordinator and the chief.
 */
export async function complaintsDashboardTiles(db: Db, actor: Actor, orgId: string, today: string): Promise<DashboardTile[]> {
  if (!hasRole(actor, orgId, STATS_ROLES)) return [];
  const year = Number(today.slice(0, 4));
  const [now, last] = await withOrgTx(db, orgId, async (tx) => [await yearStats(tx, orgId, year, today, false), await yearStats(tx, orgId, year - 1, today, false)]);
  const steps = ['acknowledge', 'triage', 'resolve'] as const;
  return [
    {
      id: 'complaints.received', title: M.received, note: { ...M.receivedNote, values: { year, last: year - 1 } }, unit: 'count', kind: 'figures',
      figures: [{ label: { ...M.thisYear, values: { year } }, value: now.received }, { label: { ...M.thisYear, values: { year: year - 1 } }, value: last.received }],
    },
    {
      id: 'complaints.lead_times', title: M.lead, note: { ...M.leadNote, values: { year } }, unit: 'days', kind: 'table',
      columns: [M.step, M.target, M.median, M.missed],
      rows: steps.map((k) => ({ label: M[k], values: [now.lead[k].target, now.lead[k].median, now.lead[k].missed] })),
    },
  ];
}
