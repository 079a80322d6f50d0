/**
 * Requests and responses of the citizens' complaints desk (issue 19). Every string and array is
 * bounded; strings refuse control characters (shared/text.ts). The web app may import these schemas.
 *
 * Staff routes live under /api/orgs/:orgId/complaints, public routes under
 * /api/public/orgs/:orgCode/complaints. Steps on a complaint take its revision in `If-Match` and
 * answer 409 `stale_revision` when it moved. A complaint the reader may not see (a handler's
 * complaint assigned to someone else) is 404 on every route that takes its id.
 */
import { z } from 'zod';
import { LOCALES } from '../../../shared/roles.js';
import { text } from '../../../shared/text.js';
import { orgParams, orgParamsWith } from '../../platform/http/params.js';

export { orgParams };

// Enumerations -------------------------------------------------------------------------------

export const CHANNELS = ['online', 'phone', 'letter', 'email', 'desk', 'forwarded'] as const;
/** Channels a coordinator registers (`online` is the public form's). */
export const STAFF_CHANNELS = ['phone', 'letter', 'email', 'desk', 'forwarded'] as const;
/** Who forwarded a complaint to the desk. */
export const FORWARDING_SOURCES = ['comite_p', 'aig', 'mayor', 'prosecutor', 'other'] as const;
/** Where the desk forwards a complaint that is not its own to handle. */
export const FORWARD_TARGETS = ['comite_p', 'judicial', 'disciplinary', 'other'] as const;
export const STATUSES = ['received', 'acknowledged', 'triaged', 'answered', 'closed', 'inadmissible', 'forwarded'] as const;
/** Statuses in which the complaint is still being handled by this desk. */
export const OPEN_STATUSES = ['received', 'acknowledged', 'triaged', 'answered'] as const;
export const SERIOUSNESS = ['low', 'medium', 'high'] as const;
export const DECISIONS = ['well_founded', 'unfounded', 'partly_founded', 'undetermined', 'mediation'] as const;
/** The default themes of a new desk (an organisation may add, rename and deactivate). */
export const DEFAULT_THEMES = ['behaviour', 'use_of_force', 'failure_to_act', 'arrest', 'traffic', 'privacy', 'discrimination', 'handling_of_complaint', 'other'] as const;
/** Handling entries: investigation notes and hearing records; measures and lessons are written at closure. */
export const ENTRY_KINDS = ['note', 'hearing', 'measure', 'lesson'] as const;
/** The lead-time deadlines of a complaint. */
export const DEADLINE_KINDS = ['acknowledge', 'triage', 'resolve'] as const;
export const ACTIONS = ['acknowledge', 'triage', 'assign', 'forward', 'note', 'document', 'answer', 'close'] as const;

export const channel = z.enum(CHANNELS);
export const staffChannel = z.enum(STAFF_CHANNELS);
export const forwardingSource = z.enum(FORWARDING_SOURCES);
export const forwardTarget = z.enum(FORWARD_TARGETS);
export const complaintStatus = z.enum(STATUSES);
export const seriousness = z.enum(SERIOUSNESS);
export const decision = z.enum(DECISIONS);
export const entryKind = z.enum(ENTRY_KINDS);
export const deadlineKind = z.enum(DEADLINE_KINDS);
export const locale = z.enum(LOCALES);
export type Channel = z.infer<typeof channel>;
export type ComplaintStatus = z.infer<typeof complaintStatus>;
export type Decision = z.infer<typeof decision>;
export type EntryKind = z.infer<typeof entryKind>;
export type Action = (typeof ACTIONS)[number];

// Limits ---------------------------------------------------------------------------------------

export const LIMITS = {
  /** What happened; an entry (note, hearing record); the answer (characters). */
  text: 20_000,
  answer: 20_000,
  entry: 20_000,
  reason: 5_000,
  name: 200,
  email: 254,
  phone: 40,
  address: 500,
  place: 500,
  involved: 2_000,
  forwardingReference: 100,
  themes: 50,
  staff: 30,
  /** Attachments: per file and per submission. */
  fileBytes: 10 * 1024 * 1024,
  files: 5,
  /** The JSON part of a multipart submission (bytes). */
  jsonPart: 256 * 1024,
  templates: 20_000,
} as const;

// Building blocks ----------------------------------------------------------------------------

const localised = (max: number, multiline = false) => z.strictObject({
  nl: text({ max, multiline }).optional(),
  fr: text({ max, multiline }).optional(),
  de: text({ max, multiline }).optional(),
  en: text({ max, multiline }).optional(),
});
const someText = (v: Record<string, string | undefined>) => Object.values(v).some((s) => s !== undefined && s.trim() !== '');
export const localisedText = localised(20_000, true);
const texts = z.partialRecord(locale, z.string());
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const person = z.object({ id: z.uuid(), displayName: z.string() });

export const themeId = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/);
export const theme = z.strictObject({
  id: themeId,
  label: localised(200).refine(someText, { message: 'complaints.label_required' }),
  /** Inactive themes stay on the complaints that have them but are no longer offered. */
  active: z.boolean(),
});
export type Theme = z.infer<typeof theme>;
export const themeView = z.object({ id: z.string(), label: texts, active: z.boolean() });

/** The complainant: who they are and how to reach them (all optional but the name; none when anonymous). */
const identityFields = {
  name: text({ max: LIMITS.name, trim: true }).optional(),
  email: z.email().max(LIMITS.email).optional(),
  phone: text({ max: LIMITS.phone, trim: true }).regex(/^[0-9+()./ -]*$/, { message: 'complaints.phone_format' }).optional(),
  address: text({ max: LIMITS.address, multiline: true, trim: true }).optional(),
};
/** The facts as the complainant tells them. */
const factFields = {
  /** What happened. */
  what: text({ max: LIMITS.text, multiline: true, trim: true, min: 1 }),
  /** When it happened (a day, not in the future). */
  occurredOn: isoDay.optional(),
  where: text({ max: LIMITS.place, trim: true }).optional(),
  /** Who was involved, if known: a name, a number, a vehicle. */
  involved: text({ max: LIMITS.involved, multiline: true, trim: true }).optional(),
};

// Public: the desk, filing, the status page -------------------------------------------------------

/** GET /api/public/orgs/:orgCode/complaints: what the public form shows. */
export const publicDeskView = z.object({
  open: z.boolean(),
  intro: texts,
  languages: z.array(locale),
  /** Days within which the organisation acknowledges and answers (organisation settings). */
  acknowledgeDays: z.number().int(),
  resolveDays: z.number().int(),
  files: z.object({ maxBytes: z.number().int(), maxFiles: z.number().int(), types: z.array(z.string()) }),
});
export type PublicDeskView = z.infer<typeof publicDeskView>;

/**
 * POST /api/public/orgs/:orgCode/complaints (multipart: JSON part `complaint`, files `files`).
 * Anonymous: no identity fields. Named: a name. Consent to the privacy notice is required.
 */
export const publicComplaintBody = z.strictObject({
  anonymous: z.boolean(),
  ...identityFields,
  ...factFields,
  /** The complainant's language (status page, answer); default: the request's. */
  language: locale.optional(),
  consent: z.literal(true, { message: 'complaints.consent_required' }),
});
export type PublicComplaintBody = z.infer<typeof publicComplaintBody>;

/** 201 of a filing: the reference and the status code, shown once (kept only as an Argon2id hash). */
export const filedResponse = z.object({ id: z.uuid().optional(), reference: z.string(), code: z.string() });
export type FiledResponse = z.infer<typeof filedResponse>;

/** POST /api/public/orgs/:orgCode/complaints/access: the status code in the body, never in an address → a token. */
export const accessBody = z.strictObject({ code: text({ max: 64 }) });
export const accessResponse = z.object({ token: z.string() });

/** The header that carries the status token on the public status routes. */
export const COMPLAINT_TOKEN_HEADER = 'x-kompas-complaint-token';

/**
 * GET /api/public/orgs/:orgCode/complaints/status (header x-kompas-complaint-token): the status in plain words.
 * POST /api/public/orgs/:orgCode/complaints/status/leave: ends the token (204).
 */
export const statusView = z.object({
  reference: z.string(),
  status: complaintStatus,
  language: locale,
  receivedOn: z.string(),
  acknowledgedOn: z.string().nullable(),
  answeredOn: z.string().nullable(),
  closedOn: z.string().nullable(),
  /** Sent elsewhere (Comité P, prosecutor…): to what and when. */
  forwardedTo: forwardTarget.nullable(),
  forwardedOn: z.string().nullable(),
  /** The day by which the organisation aims to answer (received + resolve days), while open. */
  expectedBy: z.string().nullable(),
  /** The organisation's answer once sent. */
  answer: z.string().nullable(),
  decision: decision.nullable(),
});
export type StatusView = z.infer<typeof statusView>;

// Staff: registration ------------------------------------------------------------------------

/**
 * POST /api/orgs/:orgId/complaints (coordinator; multipart: JSON part `complaint`, files `files`) → 201 filedResponse with id.
 * A complaint taken by phone, letter, e-mail, at the desk or forwarded (then `forwardedBy`, optionally its reference).
 */
export const staffComplaintBody = z.strictObject({
  channel: staffChannel,
  forwardedBy: forwardingSource.optional(),
  forwardingReference: text({ max: LIMITS.forwardingReference, trim: true }).optional(),
  /** The day it reached the organisation (not in the future); default today. */
  receivedOn: isoDay.optional(),
  anonymous: z.boolean(),
  ...identityFields,
  ...factFields,
  language: locale,
}).refine((b) => (b.channel === 'forwarded') === (b.forwardedBy !== undefined), { message: 'complaints.forwarding_source', path: ['forwardedBy'] });
export type StaffComplaintBody = z.infer<typeof staffComplaintBody>;

// Views ------------------------------------------------------------------------------------------

export const deadlineView = z.object({ kind: deadlineKind, dueOn: z.string(), daysLeft: z.number().int(), late: z.boolean() });
export type DeadlineView = z.infer<typeof deadlineView>;

/** GET /api/orgs/:orgId/complaints?status&theme&late&handler&year: coordinator all, handler only theirs. */
export const listQuery = z.strictObject({
  status: complaintStatus.optional(),
  theme: themeId.optional(),
  late: z.enum(['true', 'false']).optional(),
  handler: z.uuid().optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});
export type ListQuery = z.infer<typeof listQuery>;

export const listItem = z.object({
  id: z.uuid(), reference: z.string(), status: complaintStatus, channel, anonymous: z.boolean(), language: locale,
  receivedOn: z.string(), closedOn: z.string().nullable(),
  themes: z.array(z.string()), seriousness: seriousness.nullable(),
  handler: person.nullable(),
  decision: decision.nullable(),
  /** The open lead-time deadlines; `late` when any of them passed. */
  deadlines: z.array(deadlineView),
  late: z.boolean(),
});
export type ListItem = z.infer<typeof listItem>;
export const complaintList = z.object({ items: z.array(listItem) });

/** After a step: the complaint's facts as now (the page reads the full view again for its content). */
export const complaintSummary = listItem.extend({ revision: z.number().int() });
export type ComplaintSummary = z.infer<typeof complaintSummary>;

export const fileView = z.object({
  id: z.uuid(), name: z.string(), mediaType: z.string(), size: z.number().int(),
  addedBy: z.enum(['complainant', 'staff']), by: z.string().nullable(), addedOn: z.string(),
});
export type FileView = z.infer<typeof fileView>;

export const entryView = z.object({
  id: z.uuid(), seq: z.number().int(), kind: entryKind, on: z.string(), by: z.string().nullable(), body: z.string(),
});
export type EntryView = z.infer<typeof entryView>;

/** GET /api/orgs/:orgId/complaints/:complaintId: the complaint decrypted for its reader (audited). */
export const complaintView = complaintSummary.extend({
  forwardedBy: forwardingSource.nullable(),
  forwardingReference: z.string().nullable(),
  acknowledgedOn: z.string().nullable(),
  triagedOn: z.string().nullable(),
  answeredOn: z.string().nullable(),
  decidedOn: z.string().nullable(),
  forwardedTo: forwardTarget.nullable(),
  forwardedOn: z.string().nullable(),
  admissible: z.boolean().nullable(),
  unit: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  staff: z.array(z.object({ id: z.uuid(), displayName: z.string(), personnelNumber: z.string() })),
  registeredBy: z.string().nullable(),
  /** Named complaints: who the complainant is; anonymous: null. */
  complainant: z.object({ name: z.string().nullable(), email: z.string().nullable(), phone: z.string().nullable(), address: z.string().nullable() }).nullable(),
  facts: z.object({ what: z.string(), occurredOn: z.string().nullable(), where: z.string().nullable(), involved: z.string().nullable() }),
  entries: z.array(entryView),
  files: z.array(fileView),
  /** The answer as sent; before that null. */
  answer: z.string().nullable(),
  /** The template in the complainant's language with its placeholders filled (what the answer dialog starts from). */
  answerDraft: z.string(),
  history: z.array(z.object({
    seq: z.number().int(), on: z.string(), action: z.string(), by: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
    /** The free-text reason of the step (inadmissibility, forwarding), decrypted. */
    note: z.string().nullable(),
  })),
  can: z.record(z.enum(ACTIONS), z.boolean()),
});
export type ComplaintView = z.infer<typeof complaintView>;

// Steps ------------------------------------------------------------------------------------------

export const complaintParams = orgParamsWith({ complaintId: z.uuid() });
export const fileParams = orgParamsWith({ complaintId: z.uuid(), fileId: z.uuid() });

/** POST …/:complaintId/acknowledge (coordinator or handler; If-Match) → complaintSummary. */
export const acknowledgeBody = z.strictObject({}).optional();

/**
 * POST …/:complaintId/triage (coordinator; If-Match) → complaintSummary.
 * Admissible: themes (at least one), seriousness, handler required; unit and staff optional.
 * Inadmissible: a reason; the complaint is closed (status `inadmissible`).
 */
export const triageBody = z.strictObject({
  admissible: z.boolean(),
  reason: text({ max: LIMITS.reason, multiline: true, trim: true }).optional(),
  themes: z.array(themeId).max(LIMITS.themes).default([]),
  seriousness: seriousness.optional(),
  unitId: z.uuid().nullable().optional(),
  staff: z.array(z.uuid()).max(LIMITS.staff).default([]),
  handlerUserId: z.uuid().optional(),
});
export type TriageBody = z.infer<typeof triageBody>;

/** POST …/:complaintId/handler (coordinator; If-Match) → complaintSummary: reassigns (the previous handler loses the key). */
export const handlerBody = z.strictObject({ userId: z.uuid() });

/** POST …/:complaintId/forward (coordinator; If-Match) → complaintSummary: sent elsewhere, closed for this desk. */
export const forwardBody = z.strictObject({
  to: forwardTarget,
  /** To whom exactly (e.g. the prosecutor's office), and why: encrypted. */
  note: text({ max: LIMITS.reason, multiline: true, trim: true }).optional(),
  /** The day it was sent; default today. */
  on: isoDay.optional(),
});
export type ForwardBody = z.infer<typeof forwardBody>;

/** POST …/:complaintId/entries (coordinator or handler; If-Match optional) → 201 entryView: a note or hearing record. */
export const entryBody = z.strictObject({
  kind: z.enum(['note', 'hearing']),
  /** A hearing's day; default today. */
  on: isoDay.optional(),
  body: text({ max: LIMITS.entry, multiline: true, trim: true, min: 1 }),
});
export type EntryBody = z.infer<typeof entryBody>;

/** POST …/:complaintId/documents (coordinator or handler; multipart: JSON part `document` = {}, files `files`) → 201 { files }. */
export const documentsBody = z.strictObject({});
export const documentsResponse = z.object({ files: z.array(fileView) });

/** GET …/:complaintId/files/:fileId → the file (download, audited). */

/**
 * POST …/:complaintId/answer (coordinator or handler; If-Match) → complaintSummary: the decision and the
 * answer sent to the complainant (readable on the status page). Allowed once triaged as admissible.
 */
export const answerBody = z.strictObject({
  decision,
  text: text({ max: LIMITS.answer, multiline: true, trim: true, min: 1 }),
});
export type AnswerBody = z.infer<typeof answerBody>;

/** GET …/:complaintId/answer.docx and …/answer.pdf: the answer as sent, as a letter. */

/** POST …/:complaintId/close (coordinator or handler; If-Match) → complaintSummary: after the answer; measures and lessons learned. */
export const closeBody = z.strictObject({
  measures: text({ max: LIMITS.entry, multiline: true, trim: true }).optional(),
  lessons: text({ max: LIMITS.entry, multiline: true, trim: true }).optional(),
});
export type CloseBody = z.infer<typeof closeBody>;

// Options for the dialogs --------------------------------------------------------------------------

/**
 * GET /api/orgs/:orgId/complaints/options (coordinator and handler): what the triage dialog offers —
 * themes, units, handlers (people with the role complaint_handler or complaints_coordinator now; a
 * handler without a key pair cannot yet be given the file).
 */
export const optionsView = z.object({
  themes: z.array(themeView),
  units: z.array(z.object({ id: z.uuid(), name: z.string(), parentId: z.uuid().nullable() })),
  handlers: z.array(person.extend({ hasKeyPair: z.boolean() })),
});
export type OptionsView = z.infer<typeof optionsView>;

/** GET /api/orgs/:orgId/complaints/staff?q= (coordinator): the staff picker, current staff matching a name or number. */
export const staffQuery = z.strictObject({ q: text({ max: 100, trim: true }).default('') });
export const staffList = z.object({
  items: z.array(z.object({ id: z.uuid(), displayName: z.string(), personnelNumber: z.string(), unit: z.string().nullable() })),
});

// Settings ---------------------------------------------------------------------------------------

/** The bounds of the lead-time targets, in calendar days from receipt. */
export const LEAD_DAYS = { acknowledge: { min: 1, max: 60 }, resolve: { min: 1, max: 365 } } as const;

/**
 * PUT /api/orgs/:orgId/complaints/settings (coordinator or administrator; If-Match) → settingsView.
 * `acknowledgeDays` and `resolveDays`: the lead-time targets; left out, they stay as they are.
 */
export const settingsBody = z.strictObject({
  open: z.boolean(),
  intro: localisedText,
  themes: z.array(theme).min(1).max(LIMITS.themes)
    .refine((ts) => new Set(ts.map((t) => t.id)).size === ts.length, { message: 'complaints.duplicate_id' }),
  triageDays: z.number().int().min(1).max(120),
  acknowledgeDays: z.number().int().min(LEAD_DAYS.acknowledge.min).max(LEAD_DAYS.acknowledge.max).optional(),
  resolveDays: z.number().int().min(LEAD_DAYS.resolve.min).max(LEAD_DAYS.resolve.max).optional(),
  answerTemplates: localised(LIMITS.templates, true),
});
export type SettingsBody = z.infer<typeof settingsBody>;

/** GET /api/orgs/:orgId/complaints/settings (coordinator or administrator). */
export const settingsView = z.object({
  open: z.boolean(),
  intro: texts,
  themes: z.array(themeView),
  triageDays: z.number().int(),
  answerTemplates: texts,
  acknowledgeDays: z.number().int(),
  resolveDays: z.number().int(),
  revision: z.number().int(),
  /** Whether the public page takes complaints now (open and an escrow key). */
  offered: z.boolean(),
});
export type SettingsView = z.infer<typeof settingsView>;
