import { msg } from '@lingui/core/macro';
import { createRoute, lazyRouteComponent, type AnyRoute } from '@tanstack/react-router';
import type { HomeTile, WebModule } from '../../app/module-types';
import { validateActionSearch } from './action-search';

const MANAGERS = ['integrity_officer', 'chief'] as const;
const READERS = ['integrity_officer', 'chief', 'head_of_service', 'staff_member'] as const;

function myActionsTile(): HomeTile {
  return {
    id: 'my-actions', to: '/my-actions', title: msg`My actions`,
    description: msg`Actions of the integrity policy plan that you own: report their progress.`,
    // Counted by the server module (plan.my_actions: open actions, with the late ones as a value).
    figure: { id: 'plan.my_actions', label: msg({ message: 'open, {late} late' }) },
  };
}

/**
 * Steps that wait for the person (issue 17), counted by the server (plan-workflow.ts): the chief's
 * approvals, the officer's drafts and approved plans not yet in force. All lead to the list of what
 * waits, where each line opens the plan.
 */
function waitingTiles(ctx: Parameters<WebModule['homeTiles']>[0]): HomeTile[] {
  return [
    ...(ctx.has('chief') ? [{
      id: 'plans-to-approve', to: '/plans/waiting', title: msg`Plans to approve`,
      description: msg`Integrity policy plans submitted for your approval: read them, then approve them or return them.`,
      figure: { id: 'plan.awaiting_approval', label: msg`awaiting your approval` },
    }, {
      id: 'evaluations-to-approve', to: '/plans/waiting', title: msg`Evaluations to approve`,
      description: msg`Yearly evaluations of the policy plan that the integrity officer sent for your approval.`,
      figure: { id: 'plan.evaluations_awaiting_approval', label: msg`awaiting your approval` },
    }] : []),
    ...(ctx.has('integrity_officer') ? [{
      id: 'plans-approved', to: '/plans/waiting', title: msg`Approved plans`,
      description: msg`Approved plans whose period has not started: they go in force on 1 January of their first year.`,
      figure: { id: 'plan.awaiting_in_force', label: msg`approved, not yet in force` },
    }] : []),
  ];
}

/** The integrity policy plan: plans, objectives and actions, my actions, evaluations, oversight. */
export const planModule: WebModule = {
  id: 'plan',
  navItems: (ctx) => [
    ...(ctx.has(...READERS) ? [{ id: 'plans', to: '/plans', label: msg`Policy plan` }] : []),
    ...(ctx.has(...READERS) ? [{ id: 'my-actions', to: '/my-actions', label: msg`My actions` }] : []),
    ...(ctx.has('oversight') ? [{ id: 'oversight-plans', to: '/oversight/plans', label: msg`Plans of the organisations` }] : []),
  ],
  homeTiles: (ctx) => [
    ...(ctx.has(...READERS) ? [myActionsTile()] : []),
    ...waitingTiles(ctx),
    ...(ctx.has(...MANAGERS, 'head_of_service') ? [{
      id: 'plans', to: '/plans', title: msg`Integrity policy plan`,
      description: msg`Objectives, actions, monitoring and yearly evaluation in the model of the police inspectorate.`,
      // The officer's drafts (the server gives this figure to the officer only; others see the tile without it).
      figure: { id: 'plan.drafts', label: msg`draft plans to complete and submit` },
    }] : []),
    ...(ctx.has('oversight') ? [{
      id: 'oversight-plans', to: '/oversight/plans', title: msg`Plans of the organisations`,
      description: msg`Which organisations have an integrity policy plan in force, and how far it is.`,
    }] : []),
  ],
  routes: (orgRoute: AnyRoute) => {
    const page = (path: string, file: () => Promise<Record<string, unknown>>, name: string, extra: object = {}) =>
      createRoute({ getParentRoute: () => orgRoute, path, component: lazyRouteComponent(file as never, name as never), ...extra });
    return [
      page('/plans', () => import('./PlansPages'), 'PlansListPage'),
      page('/plans/new', () => import('./PlansPages'), 'CreatePlanPage'),
      page('/plans/waiting', () => import('./WaitingPage'), 'WaitingPage'),
      page('/plans/$planId', () => import('./SectionsPage'), 'PlanSectionsPage'),
      page('/plans/$planId/actions', () => import('./ActionsPage'), 'PlanActionsPage', { validateSearch: validateActionSearch }),
      page('/plans/$planId/timeline', () => import('./TimelinePage'), 'PlanTimelinePage', { validateSearch: validateActionSearch }),
      page('/plans/$planId/versions', () => import('./VersionsPage'), 'PlanVersionsPage', {
        validateSearch: (s: Record<string, unknown>) => ({ with: typeof s.with === 'string' && /^[0-9a-f-]{36}$/i.test(s.with) ? s.with : undefined }),
      }),
      page('/plans/$planId/evaluations', () => import('./EvaluationsPage'), 'PlanEvaluationsPage'),
      page('/my-actions', () => import('./MyActionsPage'), 'MyActionsPage'),
      page('/oversight/plans', () => import('./OversightPage'), 'OversightPlansPage'),
    ];
  },
};
