/**
 * Requests and responses of the dilemma inventory (issue 21, step 3 of the method in Schoten's plan 2.1).
 *
 * Routes (under /api/orgs/:orgId/risk; route policy: any current role in :orgId, the service then decides):
 *   POST  /dilemmas               any member           submitDilemmaBody → 201 submittedDilemma
 *                                 anonymous: no author, the day only, no address, no audit event
 *   GET   /dilemmas/mine          any member           → myDilemmaList (their named ones; never the anonymous ones)
 *   GET   /dilemmas?theme=&processCode=&status=
 *                                 officer, chief       → dilemmaList (audited read: filters and the ids listed)
 *   PATCH /dilemmas/:dilemmaId    officer; If-Match "<revision>"  updateDilemmaBody → dilemmaView (409 with the current one)
 *   GET   /dilemmas.csv?theme=&processCode=&status=
 *                                 officer, chief       → text/csv (audited export)
 * Anybody else: 403 on the officer's routes.
 */
import { z } from 'zod';
import { text } from '../../../shared/text.js';
import { orgParams, orgParamsWith } from '../../platform/http/params.js';

/** The fixed list of themes a dilemma is tagged with. */
export const DILEMMA_THEMES = [
  'confidential_information', 'gifts_and_favours', 'rules_and_acquaintances', 'loyalty_to_colleagues',
  'use_of_force', 'private_life_and_social_media', 'conflicts_of_interest', 'use_of_resources', 'other',
] as const;
export const DILEMMA_STATUSES = ['new', 'reviewed', 'used_in_training', 'set_aside'] as const;
export type DilemmaTheme = (typeof DILEMMA_THEMES)[number];
export type DilemmaStatus = (typeof DILEMMA_STATUSES)[number];

export const DILEMMA_MAX = 4000;
export const NOTE_MAX = 4000;

export const dilemmaTheme = z.enum(DILEMMA_THEMES);
export const dilemmaStatus = z.enum(DILEMMA_STATUSES);
const themes = z.array(dilemmaTheme).max(DILEMMA_THEMES.length).refine((a) => new Set(a).size === a.length, { message: 'risk.dilemma_theme_duplicate' });
const processCode = text({ max: 80 }).regex(/^[a-z][a-z0-9_.]*$/);
const optionalText = text({ max: DILEMMA_MAX, multiline: true, trim: true }).optional();

export { orgParams };
export const dilemmaParams = orgParamsWith({ dilemmaId: z.uuid() });

export const submitDilemmaBody = z.strictObject({
  /** The situation, as the person met it. */
  text: text({ max: DILEMMA_MAX, min: 1, multiline: true, trim: true }),
  whatIDid: optionalText,
  whatWouldHelp: optionalText,
  processCode: processCode.nullable().optional(),
  themes: themes.default([]),
  /** true: nothing that identifies the person is stored. */
  anonymous: z.boolean(),
});
export type SubmitDilemmaBody = z.infer<typeof submitDilemmaBody>;

export const submittedDilemma = z.object({
  /** Null for an anonymous submission: nobody can come back to it, not even its author. */
  id: z.uuid().nullable(),
  anonymous: z.boolean(),
  submittedOn: z.string(),
});
export type SubmittedDilemma = z.infer<typeof submittedDilemma>;

export const listQuery = z.strictObject({
  theme: dilemmaTheme.optional(),
  processCode: processCode.optional(),
  status: dilemmaStatus.optional(),
});
export type DilemmaListQuery = z.infer<typeof listQuery>;

export const dilemmaView = z.object({
  id: z.uuid(),
  text: z.string(),
  whatIDid: z.string().nullable(),
  whatWouldHelp: z.string().nullable(),
  processCode: z.string().nullable(),
  themes: z.array(dilemmaTheme),
  anonymous: z.boolean(),
  /** The author's name, for a named submission. */
  submittedBy: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  submittedOn: z.string(),
  status: dilemmaStatus,
  officerNote: z.string().nullable(),
  updatedAt: z.string().nullable(),
  revision: z.number().int(),
});
export type DilemmaView = z.infer<typeof dilemmaView>;

export const dilemmaList = z.object({
  dilemmas: z.array(dilemmaView),
  /** Whether the caller may tag and review (the officer); the chief reads only. */
  canEdit: z.boolean(),
});
export type DilemmaList = z.infer<typeof dilemmaList>;

export const myDilemma = z.object({
  id: z.uuid(),
  text: z.string(),
  processCode: z.string().nullable(),
  themes: z.array(dilemmaTheme),
  submittedOn: z.string(),
  status: dilemmaStatus,
});
export const myDilemmaList = z.object({ dilemmas: z.array(myDilemma) });
export type MyDilemmaList = z.infer<typeof myDilemmaList>;

export const updateDilemmaBody = z.strictObject({
  themes: themes.optional(),
  processCode: processCode.nullable().optional(),
  status: dilemmaStatus.optional(),
  officerNote: text({ max: NOTE_MAX, multiline: true, trim: true }).nullable().optional(),
});
export type UpdateDilemmaBody = z.infer<typeof updateDilemmaBody>;
