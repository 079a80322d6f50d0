/**
 * Requests and responses of the reporting channel (issue 18). Every string and array is bounded;
 * strings refuse control characters (shared/text.ts). The web app may import these schemas.
 */
import { z } from 'zod';
import { LOCALES } from '../../../shared/roles.js';
import { text } from '../../../shared/text.js';
import { orgParams, orgParamsWith } from '../../platform/http/params.js';
import { redactionView } from './redaction-contract.js';

export { orgParams };

// Enumerations -------------------------------------------------------------------------------

export const IDENTITY_MODES = ['named', 'confidential', 'anonymous'] as const;
export const CATEGORIES = [
  'corruption', 'abuse_of_power', 'fraud', 'conflict_of_interest', 'harassment_discrimination', 'information_breach', 'misuse_of_resources', 'other',
] as const;
export const REPORT_STATUSES = ['received', 'acknowledged', 'in_progress', 'closed'] as const;
export const OUTCOMES = [
  'unfounded', 'founded_measures', 'forwarded_comite_p', 'forwarded_judicial', 'forwarded_disciplinary', 'inadmissible', 'withdrawn', 'other',
] as const;
export const QUESTION_KINDS = ['text', 'longtext', 'date', 'choice'] as const;
export const MESSAGE_KINDS = ['message', 'acknowledgement', 'feedback', 'closure'] as const;
export const ACCESS_KINDS = ['recipient', 'investigator', 'counsellor', 'escalation', 'adviser'] as const;

export const identityMode = z.enum(IDENTITY_MODES);
export const category = z.enum(CATEGORIES);
export const reportStatus = z.enum(REPORT_STATUSES);
export const outcome = z.enum(OUTCOMES);
export const questionKind = z.enum(QUESTION_KINDS);
export const messageKind = z.enum(MESSAGE_KINDS);
export const locale = z.enum(LOCALES);
export type IdentityMode = z.infer<typeof identityMode>;
export type Category = z.infer<typeof category>;
export type ReportStatus = z.infer<typeof reportStatus>;
export type Outcome = z.infer<typeof outcome>;
export type MessageKind = z.infer<typeof messageKind>;
export type AccessKind = (typeof ACCESS_KINDS)[number];

// Limits ---------------------------------------------------------------------------------------

export const LIMITS = {
  /** One answer, one message (characters). */
  answer: 20_000,
  message: 20_000,
  reason: 5_000,
  name: 200,
  contact: 500,
  questions: 30,
  options: 30,
  exclude: 50,
  /** Attachments: per file and per submission (a report or a message). */
  fileBytes: 10 * 1024 * 1024,
  files: 5,
  /** The JSON part of a multipart submission (bytes). */
  jsonPart: 512 * 1024,
} as const;

// Building blocks ----------------------------------------------------------------------------

/** A text in up to four languages, at least one given. */
const localised = (max: number, multiline = false) => z.strictObject({
  nl: text({ max, multiline }).optional(),
  fr: text({ max, multiline }).optional(),
  de: text({ max, multiline }).optional(),
  en: text({ max, multiline }).optional(),
});
const someText = (v: Record<string, string | undefined>) => Object.values(v).some((s) => s !== undefined && s.trim() !== '');
export const localisedText = localised(20_000, true);
export type LocalisedText = z.infer<typeof localisedText>;
const label = localised(500).refine(someText, { message: 'reporting.label_required' });

export const questionId = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/);

export const question = z.strictObject({
  id: questionId,
  kind: questionKind,
  label,
  help: localised(2_000, true).nullable().optional(),
  required: z.boolean(),
  options: z.array(z.strictObject({ id: questionId, label })).min(2).max(LIMITS.options).nullable().optional(),
}).refine((q) => (q.kind === 'choice') === (q.options !== undefined && q.options !== null), { message: 'reporting.choice_options', path: ['options'] })
  .refine((q) => !q.options || new Set(q.options.map((o) => o.id)).size === q.options.length, { message: 'reporting.duplicate_id', path: ['options'] });
export type Question = z.infer<typeof question>;

export const questions = z.array(question).min(1).max(LIMITS.questions)
  .refine((qs) => new Set(qs.map((q) => q.id)).size === qs.length, { message: 'reporting.duplicate_id' });

// Public: the channel and filing ---------------------------------------------------------------

/** GET /api/public/orgs/:orgCode/reporting */
export const publicChannelView = z.object({
  open: z.boolean(),
  intro: z.partialRecord(locale, z.string()),
  questions: z.array(z.any()),
  categories: z.array(category),
  languages: z.array(locale),
  ackDays: z.number().int(),
  feedbackMonths: z.number().int(),
  /** The recipients a reporter may exclude (when every primary is excluded, the alternates receive). */
  recipients: z.array(z.object({ id: z.uuid(), displayName: z.string(), kind: z.enum(['primary', 'alternate']) })),
  files: z.object({ maxBytes: z.number().int(), maxFiles: z.number().int(), types: z.array(z.string()) }),
});

/**
 * The JSON of a new report (multipart part `report`), from the public page or a counsellor.
 * `answers` are checked against the organisation's questions by the service (400 naming `answers.<id>`).
 */
export const newReportBody = z.strictObject({
  identityMode,
  name: text({ max: LIMITS.name, trim: true }).optional(),
  contact: text({ max: LIMITS.contact, multiline: true, trim: true }).optional(),
  category: category.nullable().optional(),
  answers: z.record(questionId, text({ max: LIMITS.answer, multiline: true })).refine((a) => Object.keys(a).length <= LIMITS.questions, { message: 'field.too_big' }),
  exclude: z.array(z.uuid()).max(LIMITS.exclude).default([]),
  /** The reporter's language (for the automatic acknowledgement); default: the request's. */
  language: locale.optional(),
});
export type NewReportBody = z.infer<typeof newReportBody>;

export const filedResponse = z.object({ id: z.uuid().optional(), reference: z.string(), receipt: z.string() });

export const accessBody = z.strictObject({ receipt: text({ max: 64 }) });
export const accessResponse = z.object({ token: z.string() });

/** The JSON of a message (multipart part `message`); the body may be empty when files come with it. */
export const messageBody = z.strictObject({ body: text({ max: LIMITS.message, multiline: true }).default('') });

// Views ------------------------------------------------------------------------------------------

export const fileView = z.object({
  id: z.uuid(), name: z.string(), mediaType: z.string(), size: z.number().int(),
  addedBy: z.enum(['reporter', 'recipient']), addedOn: z.string(), messageId: z.uuid().nullable(),
});
export type FileView = z.infer<typeof fileView>;

export const messageView = z.object({
  id: z.uuid(), seq: z.number().int(), author: z.enum(['reporter', 'recipient']),
  /** The recipient who wrote it (recipients' view only; never shown to the reporter). */
  authorName: z.string().nullable().optional(),
  kind: messageKind, body: z.string(), sentOn: z.string(), readByReporterOn: z.string().nullable(),
  files: z.array(fileView),
  /** Masked passages (redaction.ts). */
  redaction: redactionView.optional(),
});
export type MessageView = z.infer<typeof messageView>;

const texts = z.partialRecord(locale, z.string());
export const answerView = z.object({
  questionId: z.string(), kind: questionKind, label: texts,
  value: z.string().nullable(),
  /** A choice's option label, as asked. */
  valueLabel: texts.nullable().optional(),
  /** Masked passages (redaction.ts). */
  redaction: redactionView.optional(),
});
export type AnswerView = z.infer<typeof answerView>;


export const deadlineView = z.object({ kind: z.enum(['acknowledge', 'feedback']), dueOn: z.string(), daysLeft: z.number().int() });
export type DeadlineView = z.infer<typeof deadlineView>;

/** GET /api/public/orgs/:orgCode/reporting/portal: what the reporter sees through the receipt. */
export const portalView = z.object({
  reference: z.string(), status: reportStatus, identityMode, category: category.nullable(),
  receivedOn: z.string(), acknowledgedOn: z.string().nullable(), feedbackOn: z.string().nullable(), closedOn: z.string().nullable(),
  outcome: outcome.nullable(),
  /** The legal deadlines still open (acknowledgement, feedback), so the reporter knows when to expect an answer. */
  deadlines: z.array(deadlineView),
  answers: z.array(answerView),
  messages: z.array(messageView),
  /** Files sent with the report itself (those of messages are listed with their message). */
  files: z.array(fileView),
  /** Reprisal check-ins that wait for an answer (filled by the reprisal follow-up). */
  reprisalChecks: z.array(z.object({ dueOn: z.string(), months: z.number().int() })),
});
export type PortalView = z.infer<typeof portalView>;

const person = z.object({ id: z.uuid(), displayName: z.string() });

export const reportListItem = z.object({
  id: z.uuid(), reference: z.string(), status: reportStatus, category: category.nullable(), identityMode,
  receivedOn: z.string(), acknowledgedOn: z.string().nullable(), feedbackOn: z.string().nullable(), closedOn: z.string().nullable(),
  deadlines: z.array(deadlineView),
  /** The reporter's messages no recipient has opened yet. */
  unreadMessages: z.number().int(),
});
export type ReportListItem = z.infer<typeof reportListItem>;
export const reportList = z.object({
  items: z.array(reportListItem),
  /** Reports the person takes part in but cannot open yet: they had no key pair when it was filed (the escrow key grants them). */
  waitingForAccess: z.number().int(),
});
export const listQuery = z.strictObject({ status: reportStatus.optional() });

/** After a step: the report's facts as now (the page reads the full view again for its content). */
export const reportSummary = reportListItem.extend({
  revision: z.number().int(), admissibility: z.enum(['admissible', 'inadmissible']).nullable(), outcome: outcome.nullable(),
  investigator: person.nullable(),
});
export type ReportSummary = z.infer<typeof reportSummary>;

export const ACTIONS = ['acknowledge', 'admissibility', 'investigator', 'message', 'feedback', 'close'] as const;

/** GET /api/orgs/:orgId/reporting/reports/:reportId: the report decrypted for the reader. */
export const reportView = reportSummary.extend({
  filedVia: z.enum(['portal', 'counsellor']),
  admissibilityReason: z.string().nullable(),
  legalHold: z.boolean(),
  language: locale.nullable(),
  /** Named and confidential reports: who the reporter is; anonymous: null. */
  reporter: z.object({ name: z.string().nullable(), contact: z.string().nullable() }).nullable(),
  /** People the reporter excluded (implicated): never to be given access. */
  excluded: z.array(person),
  answers: z.array(answerView),
  messages: z.array(messageView),
  files: z.array(fileView),
  history: z.array(z.object({
    seq: z.number().int(), on: z.string(), action: z.string(), by: z.string().nullable(), byUserId: z.uuid().nullable(),
    details: z.record(z.string(), z.unknown()),
  })),
  /** What the reader takes part as (recipient, investigator, counsellor, adviser). */
  roles: z.array(z.enum(ACCESS_KINDS)),
  can: z.record(z.enum(ACTIONS), z.boolean()),
  /** Recipients only: who may be appointed investigator (the role, not excluded, with a key pair or not yet). */
  investigatorCandidates: z.array(person.extend({ hasKeyPair: z.boolean() })),
});
export type ReportView = z.infer<typeof reportView>;

// Recipients' steps ------------------------------------------------------------------------------

export const reportParams = orgParamsWith({ reportId: z.uuid() });
export const fileParams = orgParamsWith({ reportId: z.uuid(), fileId: z.uuid() });
export const portalFileParams = z.strictObject({ orgCode: z.string().max(64), fileId: z.uuid() });

export const acknowledgeBody = z.strictObject({ body: text({ max: LIMITS.message, multiline: true }).optional() }).optional();
export const admissibilityBody = z.strictObject({ admissible: z.boolean(), reason: text({ max: LIMITS.reason, multiline: true }).optional() });
export const investigatorBody = z.strictObject({ userId: z.uuid().nullable() });
export const feedbackBody = z.strictObject({ body: text({ max: LIMITS.message, multiline: true, min: 1, trim: true }) });
export const closeBody = z.strictObject({ outcome, body: text({ max: LIMITS.message, multiline: true }).optional() });

// Settings ---------------------------------------------------------------------------------------

export const settingsBody = z.strictObject({
  open: z.boolean(),
  intro: localisedText,
  questions,
  ackDays: z.number().int().min(1).max(7),
  feedbackMonths: z.number().int().min(1).max(3),
  alertDaysBefore: z.number().int().min(0).max(30),
  reprisalCheckMonths: z.array(z.number().int().min(1).max(60)).max(12),
  retentionMonths: z.number().int().min(1).max(600),
  autoAck: localisedText.nullable(),
  recipients: z.array(z.strictObject({ userId: z.uuid(), kind: z.enum(['primary', 'alternate']) })).max(50)
    .refine((rs) => new Set(rs.map((r) => r.userId)).size === rs.length, { message: 'reporting.duplicate_id' }),
});
export type SettingsBody = z.infer<typeof settingsBody>;

const candidate = z.object({ userId: z.uuid(), displayName: z.string(), hasKeyPair: z.boolean(), roles: z.array(z.string()) });
export const settingsView = settingsBody.omit({ recipients: true, questions: true, intro: true, autoAck: true }).extend({
  intro: texts,
  questions: z.array(z.any()),
  autoAck: texts.nullable(),
  revision: z.number().int(),
  recipients: z.array(z.object({ userId: z.uuid(), displayName: z.string(), kind: z.enum(['primary', 'alternate']), hasKeyPair: z.boolean() })),
  /** Without primary recipients these receive: the current integrity officers. */
  defaultRecipients: z.array(candidate),
  /** Who may be made a recipient (a current role of the module). */
  candidates: z.array(candidate),
  escrow: z.object({ fingerprint: z.string(), createdAt: z.string() }).nullable(),
  /** Whether the public page takes reports now (open, an escrow key, a recipient with a key pair). */
  offered: z.boolean(),
});
export type SettingsView = z.infer<typeof settingsView>;
