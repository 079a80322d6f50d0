import { msg } from '@lingui/core/macro';
import { createRoute, lazyRouteComponent, type AnyRoute } from '@tanstack/react-router';
import type { Role } from '../../../shared/roles';
import type { HomeTile, ModuleContext, WebModule } from '../../app/module-types';

/**
 * Who may take part in an analysis: anybody of the organisation with an account and a working role;
 * the server shows each person only the analyses naming them (the officer and the chief see all).
 */
const MEMBERS: Role[] = [
  'chief', 'integrity_officer', 'confidential_counsellor', 'integrity_investigator', 'core_group_member', 'complaints_coordinator',
  'complaint_handler', 'head_of_service', 'integrity_spoc', 'staff_member',
];
/** Who reads the inventory, the register and the matrix. */
const READERS: Role[] = ['integrity_officer', 'chief', 'head_of_service'];

function tiles(ctx: ModuleContext): HomeTile[] {
  // Figures from the server module's homeFigures (risk.my_scoring, .to_consolidate, .reviews_due).
  return [
    ...(ctx.has(...MEMBERS) ? [{
      id: 'risk-scoring', to: '/risk', title: msg`Integrity risk analysis`,
      description: msg`Score the vulnerability and the risk of the processes and functions in the analyses that name you as participant.`,
      figure: { id: 'risk.my_scoring', label: msg`processes waiting for your scores`, none: msg`Nothing is waiting for your scores.` },
    }] : []),
    ...(ctx.has('integrity_officer') ? [{
      id: 'risk-consolidate', to: '/risk', title: msg`Risk analyses to consolidate`,
      description: msg`Compare the participants' scores, record the agreed scores, the existing controls and the recommendations.`,
      figure: { id: 'risk.to_consolidate', label: msg`to consolidate` },
    }, {
      id: 'risk-register', to: '/risk/register', title: msg`Risk register`,
      description: msg`Every process and function with its band, owner and review date; the high risks without an action in the plan.`,
      figure: { id: 'risk.reviews_due', label: msg`reviews overdue` },
    }] : []),
    ...(ctx.has('oversight') ? [{
      id: 'oversight-risk', to: '/oversight/risk', title: msg`Processes most often rated high risk`,
      description: msg`Per catalogue process, how many organisations rated it high or very high in their latest completed risk analysis, as counts only.`,
    }] : []),
  ];
}

/**
 * Integrity risk analysis of vulnerable processes and functions (issue 21): the inventory, analyses
 * run as a workshop in the six steps of the method, the consolidation with controls and
 * recommendations that feed the policy plan, the register with its heat map, the comparison of two
 * analyses and the matrix.
 */
export const riskModule: WebModule = {
  id: 'risk',
  navItems: (ctx) => [
    ...(ctx.has(...MEMBERS) ? [{ id: 'risk', to: '/risk', label: msg`Risk analysis` }] : []),
    ...(ctx.has(...READERS) ? [{ id: 'risk-register', to: '/risk/register', label: msg`Risk register` }] : []),
    // The dilemma inventory: every member shares; the officer and the chief read the inventory.
    ...(ctx.has('integrity_officer', 'chief')
      ? [{ id: 'risk-dilemmas', to: '/risk/dilemmas', label: msg`Dilemmas` }]
      : ctx.has(...MEMBERS) ? [{ id: 'risk-dilemmas-share', to: '/risk/dilemmas/share', label: msg`Share a dilemma` }] : []),
    // The inspectorate's and Comité P's anonymised view across organisations.
    ...(ctx.has('oversight') ? [{ id: 'oversight-risk', to: '/oversight/risk', label: msg`Processes most often rated high risk` }] : []),
  ],
  homeTiles: tiles,
  routes: (orgRoute: AnyRoute) => {
    const page = (path: string, file: () => Promise<Record<string, unknown>>, name: string) =>
      createRoute({ getParentRoute: () => orgRoute, path, component: lazyRouteComponent(file as never, name as never) });
    return [
      page('/risk', () => import('./AnalysesPage'), 'AnalysesPage'),
      page('/risk/new', () => import('./AnalysesPage'), 'NewAnalysisPage'),
      page('/risk/inventory', () => import('./InventoryPage'), 'InventoryPage'),
      page('/risk/register', () => import('./RegisterPage'), 'RegisterPage'),
      page('/risk/compare', () => import('./ComparePage'), 'ComparePage'),
      page('/risk/settings', () => import('./SettingsPage'), 'SettingsPage'),
      page('/risk/analyses/$analysisId', () => import('./AnalysisPage'), 'AnalysisPage'),
      page('/risk/analyses/$analysisId/consolidation', () => import('./ConsolidationPage'), 'ConsolidationPage'),
      page('/risk/dilemmas', () => import('./DilemmasPage'), 'DilemmasPage'),
      page('/risk/dilemmas/share', () => import('./DilemmasPage'), 'ShareDilemmaPage'),
      page('/oversight/risk', () => import('./OversightPage'), 'OversightPage'),
    ];
  },
};
