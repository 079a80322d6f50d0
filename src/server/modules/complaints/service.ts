/**
 * The complaints service: one factory over a shared context (context.ts), the union of its parts,
 * one file per capability (filing and the status page, the staff's handling, settings).
 */
import { RecordSessions } from '../../platform/public/record-sessions.js';
import { makeComplaintsContext, type ComplaintsDeps } from './context.js';
import { makeFiling } from './filing.js';
import { makeHandling } from './handling.js';
import { makeSettings } from './settings.js';

export { type ComplaintsCtx, type ComplaintsDeps } from './context.js';

export function makeComplaintsService(deps: ComplaintsDeps, sessions = new RecordSessions()) {
  const ctx = makeComplaintsContext(deps);
  return { ...makeFiling(ctx, sessions), ...makeHandling(ctx), ...makeSettings(ctx), sessions };
}

export type ComplaintsService = ReturnType<typeof makeComplaintsService>;
