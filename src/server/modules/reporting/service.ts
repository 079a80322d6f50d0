/**
 * The reporting service: one factory over a shared context (context.ts), the union of its parts,
 * one file per capability (filing, the reporter's portal, the recipients' handling, settings).
 */
import { makeReportingContext, type ReportingDeps } from './context.js';
import { makeFiling } from './filing.js';
import { makeHandling } from './handling.js';
import { makePortal, PortalSessions } from './portal.js';
import { makeRedaction } from './redaction.js';
import { makeRetention } from './retention.js';
import { makeSettings } from './settings.js';

export { type ReportingCtx, type ReportingDeps } from './context.js';

export function makeReportingService(deps: ReportingDeps, sessions = new PortalSessions()) {
  const ctx = makeReportingContext(deps);
  return {
    ...makeFiling(ctx),
    ...makeHandling(ctx),
    ...makeSettings(ctx),
    ...makeRedaction(ctx),
    ...makeRetention(ctx),
    portal: makePortal(ctx, sessions),
  };
}

export type ReportingService = ReturnType<typeof makeReportingService>;
