import type { Tx } from '../db/pool.js';
import { registerMailTemplate } from '../mail/index.js';
import { deadlineMails } from './messages.js';

/** The steps of a deadline: reminders before it, the notice on the day, the escalation after it. */
export type DeadlineStep = 'reminder' | 'due' | 'escalation';
/** Why a person gets the mail: they are the assignee, they answer for the assigned unit, or they are told of a missed deadline. */
export type DeadlineVia = 'assignee' | 'unit' | 'escalation';

/** A deadline as the kind's callbacks see it. */
export interface DeadlineRecord {
  id: string;
  organisationId: string;
  recordType: string;
  recordId: string;
  kind: string;
  dueOn: string;
  assigneeUserId: string | null;
  assigneeUnitId: string | null;
}

export interface DeadlineMailContext {
  deadline: DeadlineRecord;
  step: DeadlineStep;
  via: DeadlineVia;
  /** The job's day (yyyy-mm-dd) and the days from it to the due date (negative once it passed). */
  today: string;
  daysLeft: number;
  /** Absolute link to the record's page: the only way into the record a mail gives. */
  link: string;
}

/** A catalog mail template (`registerMailTemplate`) and its values; the mailer renders it in the recipient's language. */
export interface DeadlineMail {
  template: string;
  params: Record<string, string | number>;
}

export interface DeadlineDefaults {
  remindDaysBefore?: number[];
  escalateAfterDays?: number | null;
}

/**
 * What a module declares once for each kind of deadline it sets. Every callback runs in the job's
 * transaction, in system scope (all organisations): filter on `deadline.organisationId` yourself.
 */
export interface DeadlineKind {
  /** `<module>.<what>`, e.g. `plan.action_due`, `reports.acknowledgement`. */
  kind: string;
  /** The record type of the deadlines of this kind (the module's table, as in the audit trail). */
  recordType: string;
  /** Path of the record's page, from the root of the web app (`/o/<org>/…`); the job prefixes PUBLIC_URL. */
  link: (tx: Tx, deadline: DeadlineRecord) => Promise<string> | string;
  /**
   * The mail of a step for one recipient. Without it the platform's own mails go out: a deadline on
   * a day and a link, nothing of the record. A kind says more only where its records are not confidential.
   */
  mail?: (tx: Tx, m: DeadlineMailContext) => Promise<DeadlineMail> | DeadlineMail;
  /** The organisation's lead times and escalation delay, used where a deadline stores none (settings). */
  defaults?: (tx: Tx, organisationId: string) => Promise<DeadlineDefaults>;
  /** The people who answer for a unit that is assigned a deadline (e.g. its heads of service) on `today`. */
  unitRecipients?: (tx: Tx, deadline: DeadlineRecord, today: string) => Promise<string[]>;
  /**
   * The people reminded of a deadline assigned to neither a person nor a unit (a report's recipients,
   * who are several and may change), on `today`. Their access to the record is the module's to check.
   */
  recipients?: (tx: Tx, deadline: DeadlineRecord, today: string) => Promise<string[]>;
  /** Who is told when the deadline has passed by its escalation delay (user ids). */
  escalateTo?: (tx: Tx, deadline: DeadlineRecord, today: string) => Promise<string[]>;
  /**
   * Brings this kind's deadlines in step with the module's records before the job sends anything
   * (see `syncDeadlines`): a daily repair of what a write path missed (a record changed by an
   * administrator in SQL, a status that changed through another path, data from before the kind).
   */
  reconcile?: (tx: Tx, today: string) => Promise<void>;
}

const kinds = new Map<string, DeadlineKind>();

const KIND_NAME = /^[a-z][a-z0-9_]*\.[a-z][a-z0-9_.]*$/;

/** Declares a kind of deadline; a module calls it once, when its code is loaded. */
export function registerDeadlineKind(k: DeadlineKind): void {
  if (!KIND_NAME.test(k.kind)) throw new Error(`deadline kind "${k.kind}" must read <module>.<what>`);
  const known = kinds.get(k.kind);
  if (known && known.recordType !== k.recordType) throw new Error(`deadline kind "${k.kind}" is registered for two record types`);
  kinds.set(k.kind, k);
}

export function deadlineKind(kind: string): DeadlineKind {
  const k = kinds.get(kind);
  if (!k) throw new Error(`unknown deadline kind "${kind}"`);
  return k;
}

export function deadlineKinds(): DeadlineKind[] {
  return [...kinds.values()];
}

// The platform's mails: a deadline and a link, nothing of the record.
export const DEFAULT_TEMPLATES: Record<DeadlineStep, string> = {
  reminder: 'deadline.reminder',
  due: 'deadline.due',
  escalation: 'deadline.escalation',
};
registerMailTemplate(DEFAULT_TEMPLATES.reminder, { subject: deadlineMails.reminderSubject, body: deadlineMails.reminderBody });
registerMailTemplate(DEFAULT_TEMPLATES.due, { subject: deadlineMails.dueSubject, body: deadlineMails.dueBody });
registerMailTemplate(DEFAULT_TEMPLATES.escalation, { subject: deadlineMails.escalationSubject, body: deadlineMails.escalationBody });

export function defaultDeadlineMail(m: DeadlineMailContext): DeadlineMail {
  return { template: DEFAULT_TEMPLATES[m.step], params: { dueDate: m.deadline.dueOn, link: m.link } };
}
