import { msg } from '@lingui/core/macro';
import { createRoute, lazyRouteComponent, type AnyRoute } from '@tanstack/react-router';
import type { HomeTile, ModuleContext, WebModule } from '../../app/module-types';
import { figuresSearch } from './figures-search';

/** The people who receive or handle reports (the server shows each only the reports they hold a key to). */
const RECIPIENTS = ['integrity_officer', 'confidential_counsellor', 'integrity_investigator', 'core_group_member'] as const;

const STATUS_VALUES = ['received', 'acknowledged', 'in_progress', 'closed', 'open'];
const inboxSearch = (q: Record<string, unknown>): { status?: string } =>
  typeof q.status === 'string' && STATUS_VALUES.includes(q.status) ? { status: q.status } : {};

function tiles(ctx: ModuleContext): HomeTile[] {
  if (!ctx.has(...RECIPIENTS)) return [];
  return [
    {
      id: 'reports', to: '/reports', title: msg`Reports of integrity violations`,
      description: msg`Reports made through the reporting channel that you receive or handle.`,
      // The server adds how many of them hold a message of the reporter not read yet.
      figure: { id: 'reporting.open', label: msg({ message: 'open reports, {unread} with a new message' }) },
    },
    ...(ctx.has('integrity_officer') ? [{
      id: 'reports-to-acknowledge', to: '/reports', title: msg`Reports to acknowledge`,
      description: msg`Confirm receipt to the reporter within the legal deadline.`,
      figure: { id: 'reporting.to_acknowledge', label: msg`waiting for confirmation of receipt` },
    }, {
      id: 'reports-overdue', to: '/reports', title: msg`Deadlines passed`,
      description: msg`Reports whose confirmation of receipt or feedback is late.`,
      figure: { id: 'reporting.overdue', label: msg`past a deadline` },
    }] : []),
    ...(ctx.has('integrity_officer') ? [{
      id: 'reports-reprisals', to: '/reports', title: msg`Reprisals reported`,
      description: msg`Reporters who told that they suffered reprisals: take protective measures.`,
      figure: { id: 'reporting.reprisals', label: msg`reports with a reprisal to deal with` },
    }] : []),
    ...(ctx.has('core_group_member') ? [{
      id: 'reports-advice', to: '/reports', title: msg`Advice asked of you`,
      description: msg`As a member of the core group, give your advice on a report before its end date.`,
      figure: { id: 'reporting.advice', label: msg`requests for advice waiting` },
    }] : []),
    ...(ctx.has('confidential_counsellor') ? [{
      id: 'report-for-someone', to: '/reports/new', title: msg`File a report for someone`,
      description: msg`Someone came to you: make the report with them and give them the receipt code.`,
    }] : []),
  ];
}

/** The reporting channel for integrity violations (issue 18): public reporting and follow-up pages, the recipients' inbox and cases, the settings. */
export const reportingModule: WebModule = {
  id: 'reporting',
  navItems: (ctx) => [
    ...(ctx.has(...RECIPIENTS) ? [{ id: 'reports', to: '/reports', label: msg`Reports` }] : []),
    ...(ctx.has('integrity_officer') ? [{ id: 'reporting-settings', to: '/reporting/settings', label: msg`Reporting channel` }] : []),
    ...(ctx.has('integrity_officer', 'chief') ? [{ id: 'reporting-figures', to: '/reporting/figures', label: msg`Reporting figures` }] : []),
    ...(ctx.has('oversight') ? [{ id: 'oversight-reporting', to: '/oversight/reporting', label: msg`Reporting channels of the organisations` }] : []),
  ],
  homeTiles: tiles,
  routes: (orgRoute: AnyRoute) => {
    const page = (path: string, file: () => Promise<Record<string, unknown>>, name: string, extra: object = {}) =>
      createRoute({ getParentRoute: () => orgRoute, path, component: lazyRouteComponent(file as never, name as never), ...extra });
    return [
      page('/reports', () => import('./InboxPage'), 'InboxPage', { validateSearch: inboxSearch }),
      page('/reports/new', () => import('./CounsellorReportPage'), 'CounsellorReportPage'),
      page('/reports/$reportId', () => import('./CasePage'), 'CasePage'),
      page('/reporting/settings', () => import('./SettingsPage'), 'SettingsPage'),
      page('/reporting/figures', () => import('./FiguresPage'), 'FiguresPage', { validateSearch: figuresSearch }),
      page('/oversight/reporting', () => import('./OversightFiguresPage'), 'OversightReportingPage'),
    ];
  },
  publicRoutes: (publicOrgRoute: AnyRoute) => [
    createRoute({ getParentRoute: () => publicOrgRoute, path: '/report', component: lazyRouteComponent(() => import('./PublicReportPage'), 'PublicReportPage') }),
    createRoute({ getParentRoute: () => publicOrgRoute, path: '/report/follow-up', component: lazyRouteComponent(() => import('./PublicFollowUpPage'), 'PublicFollowUpPage') }),
  ],
  publicServices: [{
    id: 'reporting', path: '/report', title: msg`Report an integrity violation`,
    description: msg`Report a suspected integrity violation within the organisation, with your name, confidentially or anonymously, and follow it up with your receipt code.`,
  }],
};
