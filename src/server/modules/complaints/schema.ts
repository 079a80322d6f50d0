import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { appUser } from '../../platform/auth/schema.js';
import { organisation, orgUnit } from '../organisations/schema.js';
import { person } from '../people/schema.js';
import { bytea } from '../../platform/db/columns.js';
import { recordEventColumns, sealedFileColumns } from '../../platform/vault/record-columns.js';


/**
 * The citizens' complaints desk (issue 19).
 *
 * Who the complainant is, what they wrote, the handlers' notes and hearing records, the answer and
 * every document are stored only encrypted under the complaint's own key (platform/vault): a copy
 * of the database reveals no complainant. In clear stays what lead times and the yearly figures
 * need: reference, channel, forwarding, the day of each step, admissibility, themes, seriousness,
 * unit, staff involved, handler, decision. Days only, no times: a citizen's filing is dated to
 * the day (an exact time could be laid next to other traces). Order within a complaint comes from
 * per-complaint sequence numbers.
 */

/** The organisation's desk: open or not, its introduction, themes, the triage target and answer templates. */
export const complaintSettings = pgTable('complaint_settings', {
  organisationId: uuid('organisation_id').primaryKey().references(() => organisation.id),
  open: boolean('open').notNull().default(false),
  /** Shown on the public form: who handles complaints, other channels (Comité P), {nl, fr, de, en}. */
  intro: jsonb('intro').$type<Record<string, string>>().notNull().default({}),
  /** The themes offered at triage (contract `theme`): id, label in four languages, active. */
  themes: jsonb('themes').$type<unknown[]>().notNull(),
  /** Days from receipt to triage (acknowledgement and resolution targets are the organisation's settings). */
  triageDays: integer('triage_days').notNull().default(14),
  /** Answer templates {nl, fr, de, en} with placeholders {reference}, {receivedOn}, {decision}. */
  answerTemplates: jsonb('answer_templates').$type<Record<string, string>>().notNull().default({}),
  revision: integer('revision').notNull().default(1),
}, (t) => [check('complaint_settings_triage_days_ck', sql`${t.triageDays} BETWEEN 1 AND 120`)]);

/** The last reference number given per organisation and year (KL-2026-0007). */
export const complaintCounter = pgTable('complaint_counter', {
  organisationId: uuid('organisation_id').notNull().references(() => organisation.id),
  year: integer('year').notNull(),
  last: integer('last').notNull(),
}, (t) => [primaryKey({ columns: [t.organisationId, t.year] })]);

export const complaint = pgTable('complaint', {
  id: uuid('id').primaryKey(),
  organisationId: uuid('organisation_id').notNull().references(() => organisation.id),
  reference: text('reference').notNull(),
  status: text('status').notNull().default('received'),
  channel: text('channel').notNull(),
  /** Who forwarded it to the desk (channel `forwarded`) and their reference (not personal data). */
  forwardedBy: text('forwarded_by'),
  forwardingReference: text('forwarding_reference'),
  anonymous: boolean('anonymous').notNull(),
  /** The complainant's language: the answer's template and the status page. */
  language: text('language').notNull(),
  receivedOn: date('received_on').notNull(),
  acknowledgedOn: date('acknowledged_on'),
  triagedOn: date('triaged_on'),
  answeredOn: date('answered_on'),
  closedOn: date('closed_on'),
  /** Sent elsewhere by this desk (status `forwarded`): to whom and when. */
  forwardedTo: text('forwarded_to'),
  forwardedOn: date('forwarded_on'),
  admissible: boolean('admissible'),
  seriousness: text('seriousness'),
  /** The unit of the organisation the complaint is about. */
  unitId: uuid('unit_id').references(() => orgUnit.id),
  handlerUserId: uuid('handler_user_id').references(() => appUser.id),
  decision: text('decision'),
  decidedOn: date('decided_on'),
  /** The coordinator who registered it (phone, letter, desk…); null when filed on the public page. */
  registeredBy: uuid('registered_by').references(() => appUser.id),
  /** Argon2id of the status code under the organisation's salt (vault `receiptLookupHash`): never the code. */
  codeHash: text('code_hash').notNull(),
  /** Encrypted JSON (field `content`): identity, contact, what happened, when, where, who. */
  content: bytea('content').notNull(),
  /** Encrypted answer to the complainant (field `answer`), shown on the status page once answered. */
  answer: bytea('answer'),
  entrySeq: integer('entry_seq').notNull().default(0),
  fileSeq: integer('file_seq').notNull().default(0),
  eventSeq: integer('event_seq').notNull().default(0),
  /** Optimistic concurrency of the staff's steps (ADR 0011). */
  revision: integer('revision').notNull().default(1),
}, (t) => [
  uniqueIndex('complaint_reference_uq').on(t.organisationId, t.reference),
  uniqueIndex('complaint_code_uq').on(t.organisationId, t.codeHash),
  index('complaint_org_status_idx').on(t.organisationId, t.status),
  index('complaint_org_received_idx').on(t.organisationId, t.receivedOn),
  index('complaint_handler_idx').on(t.organisationId, t.handlerUserId),
  check('complaint_status_ck', sql`${t.status} IN ('received', 'acknowledged', 'triaged', 'answered', 'closed', 'inadmissible', 'forwarded')`),
  check('complaint_channel_ck', sql`${t.channel} IN ('online', 'phone', 'letter', 'email', 'desk', 'forwarded')`),
  check('complaint_forwarded_by_ck', sql`${t.forwardedBy} IN ('comite_p', 'aig', 'mayor', 'prosecutor', 'other')`),
  check('complaint_forwarded_by_channel_ck', sql`(${t.channel} = 'forwarded') = (${t.forwardedBy} IS NOT NULL)`),
  check('complaint_forwarded_to_ck', sql`${t.forwardedTo} IN ('comite_p', 'judicial', 'disciplinary', 'other')`),
  check('complaint_language_ck', sql`${t.language} IN ('nl', 'fr', 'de', 'en')`),
  check('complaint_seriousness_ck', sql`${t.seriousness} IN ('low', 'medium', 'high')`),
  check('complaint_decision_ck', sql`${t.decision} IN ('well_founded', 'unfounded', 'partly_founded', 'undetermined', 'mediation')`),
]);

/** The themes given at triage (ids of the organisation's theme list). */
export const complaintTheme = pgTable('complaint_theme', {
  organisationId: uuid('organisation_id').notNull().references(() => organisation.id),
  complaintId: uuid('complaint_id').notNull().references(() => complaint.id, { onDelete: 'cascade' }),
  theme: text('theme').notNull(),
}, (t) => [
  primaryKey({ columns: [t.organisationId, t.complaintId, t.theme] }),
  index('complaint_theme_theme_idx').on(t.organisationId, t.theme),
]);

/** Staff members involved, chosen from the staff list at triage (the repeated-complaints signal counts these). */
export const complaintStaff = pgTable('complaint_staff', {
  organisationId: uuid('organisation_id').notNull().references(() => organisation.id),
  complaintId: uuid('complaint_id').notNull().references(() => complaint.id, { onDelete: 'cascade' }),
  personId: uuid('person_id').notNull().references(() => person.id),
}, (t) => [
  primaryKey({ columns: [t.organisationId, t.complaintId, t.personId] }),
  index('complaint_staff_person_idx').on(t.organisationId, t.personId),
]);

/**
 * What the handling writes: investigation notes, hearing records, the measures and lessons learned
 * at closure. The text is encrypted (field `entry:<id>`); its kind and day are clear.
 */
export const complaintEntry = pgTable('complaint_entry', {
  id: uuid('id').primaryKey(),
  organisationId: uuid('organisation_id').notNull().references(() => organisation.id),
  complaintId: uuid('complaint_id').notNull().references(() => complaint.id, { onDelete: 'cascade' }),
  seq: integer('seq').notNull(),
  kind: text('kind').notNull(),
  /** The day it is about (a hearing's day), else the day it was written. */
  on: date('on').notNull(),
  byUserId: uuid('by_user_id').references(() => appUser.id),
  body: bytea('body').notNull(),
}, (t) => [
  uniqueIndex('complaint_entry_seq_uq').on(t.organisationId, t.complaintId, t.seq),
  check('complaint_entry_kind_ck', sql`${t.kind} IN ('note', 'hearing', 'measure', 'lesson')`),
]);

/**
 * A file of a complaint: the complainant's attachments and the handlers' documents, bytes and name
 * encrypted under the complaint key (fields `file:<id>`, `file:<id>:name`), pictures cleaned of
 * their metadata before.
 */
export const complaintFile = pgTable('complaint_file', {
  id: uuid('id').primaryKey(),
  organisationId: uuid('organisation_id').notNull().references(() => organisation.id),
  complaintId: uuid('complaint_id').notNull().references(() => complaint.id, { onDelete: 'cascade' }),
  byUserId: uuid('by_user_id').references(() => appUser.id),
  ...sealedFileColumns(),
}, (t) => [
  index('complaint_file_complaint_idx').on(t.organisationId, t.complaintId),
  check('complaint_file_added_by_ck', sql`${t.addedBy} IN ('complainant', 'staff')`),
]);

/**
 * The history of a complaint's procedure (received, acknowledged, triaged, assigned, forwarded,
 * decided, answered, closed…). Facts in clear (ids and codes in `details`); a free-text reason
 * (inadmissibility, forwarding) encrypted (field `event:<id>`).
 */
export const complaintEvent = pgTable('complaint_event', {
  id: uuid('id').primaryKey(),
  organisationId: uuid('organisation_id').notNull().references(() => organisation.id),
  complaintId: uuid('complaint_id').notNull().references(() => complaint.id, { onDelete: 'cascade' }),
  ...recordEventColumns(),
}, (t) => [uniqueIndex('complaint_event_seq_uq').on(t.organisationId, t.complaintId, t.seq)]);
