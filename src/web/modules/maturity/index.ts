import { msg } from '@lingui/core/macro';
import { createRoute, lazyRouteComponent, type AnyRoute } from '@tanstack/react-router';
import type { Role } from '../../../shared/roles';
import type { HomeTile, ModuleContext, WebModule } from '../../app/module-types';

/**
 * Who may be named assessor: anybody of the organisation with an account and a working role; the
 * server shows each person only the measurements naming them (the officer and the chief see all).
 */
const MEMBERS: Role[] = [
  'chief', 'integrity_officer', 'confidential_counsellor', 'integrity_investigator', 'core_group_member', 'complaints_coordinator',
  'complaint_handler', 'head_of_service', 'integrity_spoc', 'staff_member',
];

/** Organisations in no peer group: their administrator has no naming consent to give. */
const INSPECTORATE_KINDS: readonly string[] = ['inspectorate', 'oversight_body'];
const isFrameworkAdmin = (ctx: ModuleContext) => ctx.org.kind === 'inspectorate' && ctx.has('administrator');

function tiles(ctx: ModuleContext): HomeTile[] {
  // Figures from the server module's homeFigures (maturity.waiting_scores, .to_consolidate, .to_approve).
  return [
    ...(ctx.has(...MEMBERS) ? [{
      id: 'maturity-scores', to: '/maturity', title: msg`Maturity measurement`,
      description: msg`Score the maturity of the integrity policy, criterion by criterion, in the measurements that name you as assessor.`,
      figure: { id: 'maturity.waiting_scores', label: msg`measurements waiting for your scores` },
    }] : []),
    ...(ctx.has('integrity_officer') ? [{
      id: 'maturity-consolidate', to: '/maturity', title: msg`Measurements to consolidate`,
      description: msg`Compare the assessors' levels, record the agreed and target level of every criterion and submit the measurement to the chief.`,
      figure: { id: 'maturity.to_consolidate', label: msg`to consolidate` },
    }] : []),
    ...(ctx.has('chief') ? [{
      id: 'maturity-approve', to: '/maturity', title: msg`Measurements to approve`,
      description: msg`Maturity measurements the integrity officer submitted for your approval.`,
      figure: { id: 'maturity.to_approve', label: msg`awaiting your approval` },
    }] : []),
    ...(isFrameworkAdmin(ctx) ? [{
      id: 'maturity-frameworks', to: '/maturity/frameworks', title: msg`Maturity frameworks`,
      description: msg`Import, check and publish new versions of the maturity frameworks the organisations measure with.`,
    }] : []),
    ...(ctx.has('oversight') ? [{
      id: 'oversight-maturity', to: '/oversight/maturity', title: msg`Maturity of the organisations`,
      description: msg`Who has measured, and the levels per criterion and pillar as counts and quantiles, per peer group and over the years.`,
    }] : []),
  ];
}

/**
 * Maturity measurement of the integrity policy (issue 20): measurements, scoring, consolidation, matrix
 * and trend; the comparison with the peer group, the naming consent and the oversight bodies' overview.
 */
export const maturityModule: WebModule = {
  id: 'maturity',
  navItems: (ctx) => [
    ...(ctx.has(...MEMBERS) ? [{ id: 'maturity', to: '/maturity', label: msg`Maturity` }] : []),
    ...(ctx.has('integrity_officer', 'chief') ? [{ id: 'maturity-peers', to: '/maturity/peers', label: msg`Maturity compared` }] : []),
    // The chief chooses on the comparison page; the administrator has no other maturity page.
    ...(ctx.has('administrator') && !ctx.has('chief') && !INSPECTORATE_KINDS.includes(ctx.org.kind) ? [{ id: 'maturity-consent', to: '/maturity/consent', label: msg`Maturity: naming to oversight` }] : []),
    // The frameworks are the inspectorate's: its administrators import and publish versions (the server checks the same).
    ...(isFrameworkAdmin(ctx) ? [{ id: 'maturity-frameworks', to: '/maturity/frameworks', label: msg`Maturity frameworks` }] : []),
    ...(ctx.has('oversight') ? [{ id: 'oversight-maturity', to: '/oversight/maturity', label: msg`Maturity of the organisations` }] : []),
  ],
  homeTiles: tiles,
  routes: (orgRoute: AnyRoute) => {
    const page = (path: string, file: () => Promise<Record<string, unknown>>, name: string) =>
      createRoute({ getParentRoute: () => orgRoute, path, component: lazyRouteComponent(file as never, name as never) });
    return [
      page('/maturity', () => import('./MeasurementsPage'), 'MeasurementsPage'),
      page('/maturity/new', () => import('./MeasurementsPage'), 'NewMeasurementPage'),
      page('/maturity/trend', () => import('./TrendPage'), 'TrendPage'),
      page('/maturity/peers', () => import('./PeerComparisonPage'), 'PeerComparisonPage'),
      page('/maturity/consent', () => import('./ConsentForm'), 'ConsentPage'),
      page('/maturity/frameworks', () => import('./FrameworksPage'), 'FrameworksPage'),
      page('/maturity/frameworks/$frameworkId', () => import('./FrameworksPage'), 'FrameworkPreviewPage'),
      page('/oversight/maturity', () => import('./OversightOverviewPage'), 'OversightOverviewPage'),
      page('/maturity/$measurementId', () => import('./ScoringPage'), 'ScoringPage'),
      page('/maturity/$measurementId/consolidation', () => import('./ConsolidationPage'), 'ConsolidationPage'),
      page('/maturity/$measurementId/matrix', () => import('./MatrixPage'), 'MatrixPage'),
    ];
  },
};
