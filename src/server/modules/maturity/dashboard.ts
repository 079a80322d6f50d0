import type { AuditContext } from '../../platform/audit/service.js';
import type { Actor } from '../../platform/authz/actor.js';
import type { DashboardTile, TileText } from '../../platform/dashboard/contract.js';
import type { MeasurementKind } from './contract.js';
import { functionLabels, pillarLabels } from './messages.js';
import { isManager, maturityActor } from './policy.js';
import type { MaturityService } from './service.js';

export const maturityDashboardMessages = {
  levels: /*i18n*/ { id: 'maturity.dashboard.levels', message: 'Maturity per pillar and function' },
  levelsNote: /*i18n*/ { id: 'maturity.dashboard.levels_note', message: 'Agreed and target levels (0–4, average of the criteria) of the latest approved measurement, {year}.' },
  noApproved: /*i18n*/ { id: 'maturity.dashboard.no_approved', message: 'No maturity measurement has been approved yet.' },
  agreed: /*i18n*/ { id: 'maturity.dashboard.agreed', message: 'Agreed level' },
  target: /*i18n*/ { id: 'maturity.dashboard.target', message: 'Target level' },
  trend: /*i18n*/ { id: 'maturity.dashboard.trend', message: 'Maturity over the measurements' },
  trendNote: /*i18n*/ { id: 'maturity.dashboard.trend_note', message: 'Average agreed level per pillar (0–4), from the baseline through the yearly measurements to the final one. A measurement not approved yet may still change.' },
  point: {
    baseline: /*i18n*/ { id: 'maturity.dashboard.point.baseline', message: 'Baseline {year}' },
    yearly: /*i18n*/ { id: 'maturity.dashboard.point.yearly', message: 'Yearly {year}' },
    final: /*i18n*/ { id: 'maturity.dashboard.point.final', message: 'Final {year}' },
  },
  pointOpen: {
    baseline: /*i18n*/ { id: 'maturity.dashboard.point_open.baseline', message: 'Baseline {year} (not approved)' },
    yearly: /*i18n*/ { id: 'maturity.dashboard.point_open.yearly', message: 'Yearly {year} (not approved)' },
    final: /*i18n*/ { id: 'maturity.dashboard.point_open.final', message: 'Final {year} (not approved)' },
  },
};
const M = maturityDashboardMessages;
const PILLARS = ['instruments', 'processes', 'structures'] as const;

/**
 * The maturity measurement's tiles on the organisation's dashboard, for the officer and the chief who
 * see every measurement: the agreed and target levels per function and pillar of the latest approved
 * measurement (a radar), and the pillars' averages over the measurements past scoring (a line). Read
 * through the service's dashboard figures: the trend's and the matrix's averages in one query,
 * audited as the module's pages audit the trend and the matrix.
 */
export async function maturityDashboardTiles(svc: MaturityService, actor: Actor, orgId: string, audit: AuditContext): Promise<DashboardTile[]> {
  if (!isManager(maturityActor(actor, orgId))) return [];
  const { trend, levels } = await svc.dashboardFigures({ actor, audit }, orgId);
  const label = (p: { kind: MeasurementKind; year: number; status: string }): TileText =>
    ({ ...(p.status === 'approved' ? M.point : M.pointOpen)[p.kind], values: { year: p.year } });
  const tiles: DashboardTile[] = [];
  if (!levels) {
    tiles.push({ id: 'maturity.levels', title: M.levels, note: M.noApproved, unit: 'level', kind: 'figures', figures: [] });
  } else {
    // The radar's axes: the instruments pillar by function, the other pillars whole.
    const axes = levels.pillars.flatMap((p) => (p.pillar === 'instruments'
      ? p.groups.map((g) => ({ label: functionLabels[g.function], agreed: g.average, target: g.targetAverage }))
      : [{ label: pillarLabels[p.pillar], agreed: p.average, target: p.targetAverage }]));
    tiles.push({
      id: 'maturity.levels', title: M.levels, note: { ...M.levelsNote, values: { year: levels.year } }, unit: 'level', kind: 'series', chart: 'radar', max: 4,
      categories: axes.map((a) => a.label),
      series: [{ label: M.agreed, values: axes.map((a) => a.agreed) }, { label: M.target, values: axes.map((a) => a.target) }],
    });
  }
  if (trend.items.length > 0) {
    tiles.push({
      id: 'maturity.trend', title: M.trend, note: M.trendNote, unit: 'level', kind: 'series', chart: 'line', max: 4,
      categories: trend.items.map(label),
      series: PILLARS.map((p) => ({ label: pillarLabels[p], values: trend.items.map((x) => x.pillars[p]) })),
    });
  }
  return tiles;
}
