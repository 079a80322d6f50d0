/**
 * Requests and responses of core-group advice and of the protection against reprisals (issue 18).
 * Every string is bounded and refuses control characters (shared/text.ts).
 */
import { z } from 'zod';
import { text } from '../../../shared/text.js';
import { orgParamsWith } from '../../platform/http/params.js';
import { LIMITS } from './contract.js';

/** How long a core-group member may read a report for their advice, at most. */
export const ADVICE_MAX_DAYS = 90;
export const ADVICE_DEFAULT_DAYS = 14;
export const ADVICE_MAX_MEMBERS = 20;

const day = z.iso.date();
const person = z.object({ id: z.uuid(), displayName: z.string() });

// Core-group advice ------------------------------------------------------------------------------

export const adviceParams = orgParamsWith({ reportId: z.uuid(), requestId: z.uuid() });

export const askAdviceBody = z.strictObject({
  userIds: z.array(z.uuid()).min(1).max(ADVICE_MAX_MEMBERS).refine((u) => new Set(u).size === u.length, { message: 'reporting.duplicate_id' }),
  question: text({ max: LIMITS.message, multiline: true, min: 1, trim: true }),
  /** The last day the members may read the report (default: 14 days from today). */
  until: day.optional(),
});
export type AskAdviceBody = z.infer<typeof askAdviceBody>;

export const giveAdviceBody = z.strictObject({ advice: text({ max: LIMITS.message, multiline: true, min: 1, trim: true }) });

export const ADVICE_STATUSES = ['waiting', 'given', 'withdrawn', 'expired'] as const;
export type AdviceStatus = (typeof ADVICE_STATUSES)[number];

export const adviceRequestView = z.object({
  id: z.uuid(),
  question: z.string(),
  askedOn: z.string(),
  until: z.string(),
  askedBy: person.nullable(),
  withdrawnOn: z.string().nullable(),
  /** Some member may still give advice (not withdrawn, not past, someone waiting). */
  open: z.boolean(),
  members: z.array(z.object({
    userId: z.uuid(), displayName: z.string(), status: z.enum(ADVICE_STATUSES), givenOn: z.string().nullable(), advice: z.string().nullable(),
  })),
});
export type AdviceRequestView = z.infer<typeof adviceRequestView>;

/**
 * GET …/reports/:reportId/advice. A recipient: every request with each member's advice, the members
 * who may be asked. A member asked for advice: their own open request only (`answer` true).
 */
export const adviceView = z.object({
  canAsk: z.boolean(),
  answer: z.boolean(),
  candidates: z.array(person.extend({ hasKeyPair: z.boolean() })),
  requests: z.array(adviceRequestView),
});
export type AdviceView = z.infer<typeof adviceView>;

// Protection against reprisals ------------------------------------------------------------------

export const measureBody = z.strictObject({
  description: text({ max: LIMITS.reason, multiline: true, min: 1, trim: true }),
  takenOn: day,
});
export const reprisalParams = orgParamsWith({ reportId: z.uuid(), reprisalId: z.uuid() });

export const reprisalCheck = z.object({ months: z.number().int(), dueOn: z.string() });

export const reprisalView = z.object({
  id: z.uuid(),
  /** The check-in answered (months after the acknowledgement); null: reported by the reporter of their own accord. */
  checkMonths: z.number().int().nullable(),
  suffered: z.boolean(),
  description: z.string().nullable(),
  answeredOn: z.string(),
  handledOn: z.string().nullable(),
  handledBy: z.string().nullable(),
});

/** GET …/reports/:reportId/protection (recipients and the counsellor who filed the report). */
export const protectionView = z.object({
  canRecord: z.boolean(),
  measures: z.array(z.object({ id: z.uuid(), description: z.string(), takenOn: z.string(), recordedOn: z.string(), recordedBy: z.string().nullable() })),
  reprisals: z.array(reprisalView),
  /** The check-ins of the organisation's schedule, with whether each was answered. */
  checks: z.array(reprisalCheck.extend({ answered: z.boolean() })),
  /** Reprisals reported that no recipient has dealt with yet. */
  unhandled: z.number().int(),
});
export type ProtectionView = z.infer<typeof protectionView>;

/** The reporter's answer (public portal): a check-in (`months`) or of their own accord (`months` null, suffered). */
export const reprisalAnswerBody = z.strictObject({
  months: z.number().int().min(1).max(600).nullable(),
  suffered: z.boolean(),
  description: text({ max: LIMITS.message, multiline: true, trim: true }).optional(),
});
export type ReprisalAnswerBody = z.infer<typeof reprisalAnswerBody>;

/** GET /api/public/orgs/:orgCode/reporting/portal/reprisals */
export const portalReprisalsView = z.object({
  /** Check-ins whose day has come and that no answer since covers (the page asks once, for the latest). */
  due: z.array(reprisalCheck),
  answers: z.array(z.object({ checkMonths: z.number().int().nullable(), suffered: z.boolean(), description: z.string().nullable(), answeredOn: z.string() })),
});
export type PortalReprisalsView = z.infer<typeof portalReprisalsView>;
