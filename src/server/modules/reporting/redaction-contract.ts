/**
 * Requests and responses of redaction (masking personal data irrelevant to the case) and of
 * retention (legal hold, the day a closed report is deleted). Only zod here: the web app imports it.
 */
import { z } from 'zod';
import { text } from '../../../shared/text.js';
import { orgParamsWith } from '../../platform/http/params.js';

/**
 * What replaces each masked passage in the stored text, whatever its length (the length of a name
 * says something too). Language-neutral, so exports and every other reader of the text show it
 * as is; the web app shows a translated "[masked]" badge at the positions the view gives.
 */
export const MASK = '[███]';

export const REDACTION_TARGETS = ['answer', 'message'] as const;
export type RedactionTarget = (typeof REDACTION_TARGETS)[number];

/** A passage of a text: UTF-16 positions, `end` exclusive (as a browser's selection gives them). */
export const textRange = z.strictObject({ start: z.number().int().min(0).max(1_000_000), end: z.number().int().min(1).max(1_000_000) });
export type TextRange = z.infer<typeof textRange>;

/** POST /reports/:reportId/redactions: mask passages (`ranges` of the text as the reader sees it now) or the whole answer or message. */
export const maskBody = z.strictObject({
  target: z.enum(REDACTION_TARGETS),
  /** The question id of an answer, or the id of a message. */
  targetId: z.string().regex(/^[a-z0-9_-]{1,40}$/),
  ranges: z.array(textRange).min(1).max(200).optional(),
  whole: z.literal(true).optional(),
}).refine((b) => (b.ranges === undefined) !== (b.whole === undefined), { message: 'reporting.redaction_ranges_or_whole', path: ['ranges'] });
export type MaskBody = z.infer<typeof maskBody>;

export const redactionParams = orgParamsWith({ reportId: z.uuid(), redactionId: z.uuid() });
export const redactionResult = z.object({ id: z.uuid(), revision: z.number().int() });

/** How an answer or a message was masked, as its reader may know it. */
export const redactionView = z.object({
  id: z.uuid(),
  /** Where the masks sit in the text shown (empty when the reporter is shown their original). */
  marks: z.array(z.object({ start: z.number().int(), end: z.number().int() })),
  maskedOn: z.string(),
  /** Who masked it (recipients' view only). */
  maskedBy: z.string().nullable().optional(),
  /** SHA-256 (hex) of the original text: the reporter checks their own copy against it. */
  sha256: z.string(),
  /** Whether the original is still kept (until a recipient deletes it for good). */
  originalKept: z.boolean(),
  originalDeletedOn: z.string().nullable(),
});
export type RedactionView = z.infer<typeof redactionView>;

// Retention -------------------------------------------------------------------------------------

export const legalHoldBody = z.strictObject({
  hold: z.boolean(),
  /** Why the report must be kept (a case in court, a request of the Comité P…); required to set a hold. */
  reason: text({ max: 5_000, multiline: true, trim: true }).optional(),
});

/** GET /reports/:reportId/retention */
export const retentionView = z.object({
  revision: z.number().int(),
  legalHold: z.boolean(),
  /** The last legal hold set or lifted: when, by whom, why (the reason is encrypted with the report). */
  legalHoldOn: z.string().nullable(),
  legalHoldBy: z.string().nullable(),
  legalHoldReason: z.string().nullable(),
  retentionMonths: z.number().int(),
  /** The day the report will be deleted (closed reports without a legal hold); null otherwise. */
  deleteOn: z.string().nullable(),
  /** Whether the reader may set or lift a legal hold (an integrity officer receiving the report). */
  canHold: z.boolean(),
});
export type RetentionView = z.infer<typeof retentionView>;
