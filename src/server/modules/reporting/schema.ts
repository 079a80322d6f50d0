import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { appUser } from '../../platform/auth/schema.js';
import { organisation } from '../organisations/schema.js';
import { bytea } from '../../platform/db/columns.js';
import { recordEventColumns, sealedFileColumns } from '../../platform/vault/record-columns.js';


/**
 * The reporting channel for integrity violations (law of 8 December 2022; issue 18).
 *
 * What a reporter writes (the answers, their name, messages, files and file names) is stored only
 * encrypted under the report's own key (platform/vault): a copy of the database reveals no report
 * text. What stays in clear is what deadlines and the yearly figures need: dates, status,
 * category, outcome. Nothing a reporter creates carries a time finer than the day (no
 * `created_at default now()`): an exact time could be laid next to a door log or a login record.
 * Order within a report comes from per-report sequence numbers instead.
 */

/** The organisation's channel: open or not, the texts shown to reporters, the questionnaire, the legal deadlines. */
export const reportSettings = pgTable('report_settings', {
  organisationId: uuid('organisation_id').primaryKey().references(() => organisation.id),
  open: boolean('open').notNull().default(false),
  /** Who receives reports, the protection the reporter has, the external channels (Comité P…): {nl, fr, de, en}. */
  intro: jsonb('intro').$type<Record<string, string>>().notNull().default({}),
  /** The questionnaire (contract `question`): asked in this order; a report keeps the questions as asked. */
  questions: jsonb('questions').$type<unknown[]>().notNull(),
  ackDays: integer('ack_days').notNull().default(7),
  feedbackMonths: integer('feedback_months').notNull().default(3),
  alertDaysBefore: integer('alert_days_before').notNull().default(2),
  reprisalCheckMonths: integer('reprisal_check_months').array().notNull().default(sql`'{3,6,12}'::int[]`),
  retentionMonths: integer('retention_months').notNull().default(60),
  /** The automatic acknowledgement sent at filing ({nl, fr, de, en}); null: a recipient acknowledges. */
  autoAck: jsonb('auto_ack').$type<Record<string, string>>(),
  revision: integer('revision').notNull().default(1),
}, (t) => [
  check('report_settings_ack_days_ck', sql`${t.ackDays} BETWEEN 1 AND 7`),
  check('report_settings_feedback_months_ck', sql`${t.feedbackMonths} BETWEEN 1 AND 3`),
  check('report_settings_alert_days_ck', sql`${t.alertDaysBefore} BETWEEN 0 AND 30`),
  check('report_settings_retention_ck', sql`${t.retentionMonths} BETWEEN 1 AND 600`),
]);

/**
 * Who receives the organisation's reports: primary recipients, and alternates who receive when the
 * reporter excludes every primary. Without primary rows, the current integrity officers are primary.
 */
export const reportRecipient = pgTable('report_recipient', {
  organisationId: uuid('organisation_id').notNull().references(() => organisation.id),
  userId: uuid('user_id').notNull().references(() => appUser.id),
  kind: text('kind').notNull(),
}, (t) => [
  primaryKey({ columns: [t.organisationId, t.userId] }),
  check('report_recipient_kind_ck', sql`${t.kind} IN ('primary', 'alternate')`),
]);

/** The last reference number given per organisation and year (MEL-2026-0007). */
export const reportCounter = pgTable('report_counter', {
  organisationId: uuid('organisation_id').notNull().references(() => organisation.id),
  year: integer('year').notNull(),
  last: integer('last').notNull(),
}, (t) => [primaryKey({ columns: [t.organisationId, t.year] })]);

export const report = pgTable('report', {
  id: uuid('id').primaryKey(),
  organisationId: uuid('organisation_id').notNull().references(() => organisation.id),
  reference: text('reference').notNull(),
  identityMode: text('identity_mode').notNull(),
  filedVia: text('filed_via').notNull(),
  /** In clear for the yearly figures; the reporter may leave it to the recipient. */
  category: text('category'),
  status: text('status').notNull().default('received'),
  admissibility: text('admissibility'),
  outcome: text('outcome'),
  receivedOn: date('received_on').notNull(),
  acknowledgedOn: date('acknowledged_on'),
  feedbackOn: date('feedback_on'),
  closedOn: date('closed_on'),
  investigatorUserId: uuid('investigator_user_id').references(() => appUser.id),
  legalHold: boolean('legal_hold').notNull().default(false),
  /** Argon2id of the receipt under the organisation's receipt salt (vault `receiptLookupHash`): never the receipt. */
  receiptHash: text('receipt_hash').notNull(),
  /** Encrypted JSON (field `content`): answers, the questions as asked, the reporter's identity, exclusions. */
  content: bytea('content').notNull(),
  messageSeq: integer('message_seq').notNull().default(0),
  fileSeq: integer('file_seq').notNull().default(0),
  eventSeq: integer('event_seq').notNull().default(0),
  /** Optimistic concurrency of the recipients' steps (ADR 0011); messages do not move it. */
  revision: integer('revision').notNull().default(1),
}, (t) => [
  uniqueIndex('report_reference_uq').on(t.organisationId, t.reference),
  uniqueIndex('report_receipt_uq').on(t.organisationId, t.receiptHash),
  index('report_org_status_idx').on(t.organisationId, t.status),
  check('report_identity_mode_ck', sql`${t.identityMode} IN ('named', 'confidential', 'anonymous')`),
  check('report_filed_via_ck', sql`${t.filedVia} IN ('portal', 'counsellor')`),
  check('report_category_ck', sql`${t.category} IN ('corruption', 'abuse_of_power', 'fraud', 'conflict_of_interest', 'harassment_discrimination', 'information_breach', 'misuse_of_resources', 'other')`),
  check('report_status_ck', sql`${t.status} IN ('received', 'acknowledged', 'in_progress', 'closed')`),
  check('report_admissibility_ck', sql`${t.admissibility} IN ('admissible', 'inadmissible')`),
  check('report_outcome_ck', sql`${t.outcome} IN ('unfounded', 'founded_measures', 'forwarded_comite_p', 'forwarded_judicial', 'forwarded_disciplinary', 'inadmissible', 'withdrawn', 'other')`),
]);

/**
 * Who takes part in a report, and as what: a recipient (acknowledges, decides, answers), the
 * appointed investigator, the counsellor who filed it for someone, a chief told when a deadline is
 * missed (no access), and later core-group advisers. Reading still needs a key grant (vault) and a
 * current role of the module; this row says what the person may do with it.
 */
export const reportAccess = pgTable('report_access', {
  organisationId: uuid('organisation_id').notNull().references(() => organisation.id),
  reportId: uuid('report_id').notNull().references(() => report.id, { onDelete: 'cascade' }),
  userId: uuid('user_id').notNull().references(() => appUser.id),
  kind: text('kind').notNull(),
  grantedOn: date('granted_on').notNull().default(sql`CURRENT_DATE`),
}, (t) => [
  primaryKey({ columns: [t.organisationId, t.reportId, t.userId, t.kind] }),
  index('report_access_user_idx').on(t.organisationId, t.userId),
  check('report_access_kind_ck', sql`${t.kind} IN ('recipient', 'investigator', 'counsellor', 'escalation', 'adviser')`),
]);

/** A message between the reporter and the recipients; the body is encrypted (field `message:<id>`). */
export const reportMessage = pgTable('report_message', {
  id: uuid('id').primaryKey(),
  organisationId: uuid('organisation_id').notNull().references(() => organisation.id),
  reportId: uuid('report_id').notNull().references(() => report.id, { onDelete: 'cascade' }),
  seq: integer('seq').notNull(),
  author: text('author').notNull(),
  /** The recipient who wrote it; null for the reporter and for the automatic acknowledgement. */
  authorUserId: uuid('author_user_id').references(() => appUser.id),
  /** What the message is for the procedure: a plain message, the acknowledgement, the feedback, the closing word. */
  purpose: text('purpose').notNull().default('message'),
  body: bytea('body').notNull(),
  sentOn: date('sent_on').notNull(),
  readByReporterOn: date('read_by_reporter_on'),
  readByRecipientOn: date('read_by_recipient_on'),
}, (t) => [
  uniqueIndex('report_message_seq_uq').on(t.organisationId, t.reportId, t.seq),
  check('report_message_author_ck', sql`${t.author} IN ('reporter', 'recipient')`),
  check('report_message_purpose_ck', sql`${t.purpose} IN ('message', 'acknowledgement', 'feedback', 'closure')`),
]);

/**
 * A file of a report: its bytes and its name encrypted under the report key (fields `file:<id>` and
 * `file:<id>:name`), images cleaned of their metadata before. Not in the platform's stored_file,
 * whose file name and creation time are clear.
 */
export const reportFile = pgTable('report_file', {
  id: uuid('id').primaryKey(),
  organisationId: uuid('organisation_id').notNull().references(() => organisation.id),
  reportId: uuid('report_id').notNull().references(() => report.id, { onDelete: 'cascade' }),
  messageId: uuid('message_id').references(() => reportMessage.id, { onDelete: 'cascade' }),
  ...sealedFileColumns(),
}, (t) => [
  index('report_file_report_idx').on(t.organisationId, t.reportId),
  check('report_file_added_by_ck', sql`${t.addedBy} IN ('reporter', 'recipient')`),
]);

/**
 * The history of a report's procedure (received, acknowledged, admissibility, investigator, feedback,
 * closed, and later kinds: advice, protective measures, redaction, retention). Facts in clear; a
 * free-text reason encrypted (field `event:<id>`).
 */
export const reportEvent = pgTable('report_event', {
  id: uuid('id').primaryKey(),
  organisationId: uuid('organisation_id').notNull().references(() => organisation.id),
  reportId: uuid('report_id').notNull().references(() => report.id, { onDelete: 'cascade' }),
  ...recordEventColumns(),
}, (t) => [uniqueIndex('report_event_seq_uq').on(t.organisationId, t.reportId, t.seq)]);

/**
 * A masked passage of a report's answer or of a message (GDPR data minimisation, issue 18). The
 * masked text replaces the original where it was stored (report content, message body), so every
 * reader but the reporter sees only it; the original waits here, encrypted (field
 * `redaction:<id>:original`), until a recipient deletes it for good (`original` null). Where the
 * masks sit in the text is encrypted too (`redaction:<id>:marks`). One row per answer or message:
 * masking more of it keeps the first original.
 *
 * `original_sha256` is the SHA-256 of the reporter's original text, taken before masking and kept
 * in clear for good: the reporter proves with their own copy what they wrote (to claim protection
 * against reprisals). A hash of a free text of some length reveals nothing in practice; only a
 * guess of the whole exact text could be confirmed with it.
 */
export const reportRedaction = pgTable('report_redaction', {
  id: uuid('id').primaryKey(),
  organisationId: uuid('organisation_id').notNull().references(() => organisation.id),
  reportId: uuid('report_id').notNull().references(() => report.id, { onDelete: 'cascade' }),
  /** An answer (target_id: the question id) or a message (target_id: its id). */
  target: text('target').notNull(),
  targetId: text('target_id').notNull(),
  original: bytea('original'),
  marks: bytea('marks').notNull(),
  originalSha256: text('original_sha256').notNull(),
  maskedOn: date('masked_on').notNull(),
  maskedBy: uuid('masked_by').references(() => appUser.id),
  originalDeletedOn: date('original_deleted_on'),
  originalDeletedBy: uuid('original_deleted_by').references(() => appUser.id),
}, (t) => [
  uniqueIndex('report_redaction_target_uq').on(t.organisationId, t.reportId, t.target, t.targetId),
  check('report_redaction_target_ck', sql`${t.target} IN ('answer', 'message')`),
]);

/**
 * What stays of a report deleted at the end of its retention (retention.ts): the facts the yearly
 * figures count, nothing else. A table of its own rather than the `report` row with its content
 * emptied: no reference, receipt hash, day or id survives that could tie the figures back to a
 * report, an audit event or a person, and no code reading `report` meets a report without content.
 * Years, not days; lead times in whole days; the missed deadlines as measured at deletion.
 */
export const reportStatistic = pgTable('report_statistic', {
  id: uuid('id').primaryKey(),
  organisationId: uuid('organisation_id').notNull().references(() => organisation.id),
  receivedYear: integer('received_year').notNull(),
  closedYear: integer('closed_year'),
  filedVia: text('filed_via').notNull(),
  identityMode: text('identity_mode').notNull(),
  category: text('category'),
  admissibility: text('admissibility'),
  outcome: text('outcome'),
  /** Days from receipt to acknowledgement; from acknowledgement to the first feedback. */
  ackLeadDays: integer('ack_lead_days'),
  feedbackLeadDays: integer('feedback_lead_days'),
  ackMissed: boolean('ack_missed').notNull(),
  feedbackMissed: boolean('feedback_missed').notNull(),
}, (t) => [index('report_statistic_org_year_idx').on(t.organisationId, t.receivedYear)]);
export * from './advice-reprisal-schema.js';
