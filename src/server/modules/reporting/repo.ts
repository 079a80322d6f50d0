/**
 * Queries of the reporting channel. Every query filters on the organisation (and runs in its
 * withOrgTx scope); days come in as ISO strings from the service's clock, never `now()`, so nothing
 * a reporter creates gets a time finer than the day and tests can set the day.
 */
import { sql, type SQL } from 'drizzle-orm';
import { currentRoleCondition } from '../../platform/authz/current-role.js';
import type { Queryable } from '../../platform/db/pool.js';
import { textArray, uuidArray } from '../../platform/deadlines/service.js';
import type { Role } from '../../../shared/roles.js';
import type { AccessKind, Question } from './contract.js';
import { DEFAULT_SETTINGS } from './defaults.js';

export const RECORD_TYPE = 'report';

/**
 * "The person holds a current key grant on the report" (the vault's record_key_grant): the access
 * rule of every list, count and read, in SQL so nothing is fetched and then hidden.
 */
export const grantedTo = (userId: string | SQL, alias = 'r'): SQL => sql`EXISTS (
  SELECT 1 FROM record_key k JOIN record_key_grant g ON g.record_key_id = k.id
   WHERE k.organisation_id = ${sql.raw(alias)}.organisation_id AND k.record_type = ${RECORD_TYPE} AND k.record_id = ${sql.raw(alias)}.id
     AND g.holder_kind = 'user' AND g.user_id = ${userId} AND (g.expires_at IS NULL OR g.expires_at > now()))`;

// Settings and recipients -------------------------------------------------------------------------

export interface Settings {
  open: boolean;
  intro: Record<string, string>;
  questions: Question[];
  ackDays: number;
  feedbackMonths: number;
  alertDaysBefore: number;
  reprisalCheckMonths: number[];
  retentionMonths: number;
  autoAck: Record<string, string> | null;
  /** 0: nothing stored yet (the defaults). */
  revision: number;
}

type SettingsRow = {
  open: boolean; intro: Record<string, string>; questions: Question[]; ack_days: number; feedback_months: number; alert_days_before: number;
  reprisal_check_months: number[]; retention_months: number; auto_ack: Record<string, string> | null; revision: number;
};

export async function findSettings(q: Queryable, orgId: string, opts: { forUpdate?: boolean } = {}): Promise<Settings> {
  const r = await q.execute<SettingsRow>(sql`
    SELECT open, intro, questions, ack_days, feedback_months, alert_days_before, reprisal_check_months, retention_months, auto_ack, revision
      FROM report_settings WHERE organisation_id = ${orgId} ${opts.forUpdate ? sql`FOR UPDATE` : sql``}`);
  const s = r.rows[0];
  if (!s) return { ...DEFAULT_SETTINGS, questions: structuredClone(DEFAULT_SETTINGS.questions) };
  return {
    open: s.open, intro: s.intro, questions: s.questions, ackDays: s.ack_days, feedbackMonths: s.feedback_months, alertDaysBefore: s.alert_days_before,
    reprisalCheckMonths: s.reprisal_check_months, retentionMonths: s.retention_months, autoAck: s.auto_ack, revision: s.revision,
  };
}

/** Writes the settings on the revision the writer saw (0: none stored yet); the new revision, or null when it was stale. */
export async function saveSettings(q: Queryable, orgId: string, s: Omit<Settings, 'revision'>, expected: number): Promise<number | null> {
  const values = sql`${s.open}, ${JSON.stringify(s.intro)}::jsonb, ${JSON.stringify(s.questions)}::jsonb, ${s.ackDays}, ${s.feedbackMonths}, ${s.alertDaysBefore},
    ${`{${s.reprisalCheckMonths.map((n) => Math.trunc(n)).join(',')}}`}::int[], ${s.retentionMonths}, ${s.autoAck === null ? null : JSON.stringify(s.autoAck)}::jsonb`;
  const r = expected === 0
    ? await q.execute<{ revision: number }>(sql`
        INSERT INTO report_settings (organisation_id, open, intro, questions, ack_days, feedback_months, alert_days_before, reprisal_check_months, retention_months, auto_ack)
        VALUES (${orgId}, ${values}) ON CONFLICT (organisation_id) DO NOTHING RETURNING revision`)
    : await q.execute<{ revision: number }>(sql`
        UPDATE report_settings SET (open, intro, questions, ack_days, feedback_months, alert_days_before, reprisal_check_months, retention_months, auto_ack)
             = (${values}), revision = revision + 1
         WHERE organisation_id = ${orgId} AND revision = ${expected} RETURNING revision`);
  return r.rows[0]?.revision ?? null;
}

export interface Person { userId: string; displayName: string; hasKeyPair: boolean; roles: Role[] }

type PersonRow = { user_id: string; display_name: string; has_key: boolean; roles: Role[] };
const person = (r: PersonRow): Person => ({ userId: r.user_id, displayName: r.display_name, hasKeyPair: r.has_key, roles: r.roles ?? [] });

/**
 * Enabled members of the organisation holding one of `roles` on `today`, with their current roles
 * among those and whether they have a key pair yet. `userIds` narrows to those people.
 */
export async function peopleWithRoles(q: Queryable, orgId: string, roles: readonly Role[], today: string, userIds?: readonly string[]): Promise<Person[]> {
  if (userIds && userIds.length === 0) return [];
  const r = await q.execute<PersonRow>(sql`
    SELECT m.user_id, m.display_name, EXISTS (SELECT 1 FROM user_key k WHERE k.user_id = m.user_id) AS has_key,
           array_agg(DISTINCT ra.role ORDER BY ra.role) AS roles
      FROM organisation_member m
      JOIN app_user u ON u.id = m.user_id AND u.disabled_at IS NULL
      JOIN role_assignment ra ON ra.organisation_id = m.organisation_id AND ra.user_id = m.user_id
                             AND ra.role = ANY(${textArray(roles)}::text[]) AND ${currentRoleCondition('ra', today)}
     WHERE m.organisation_id = ${orgId} ${userIds ? sql`AND m.user_id = ANY(${uuidArray(userIds)}::uuid[])` : sql``}
     GROUP BY m.user_id, m.display_name
     ORDER BY m.display_name, m.user_id`);
  return r.rows.map(person);
}

export async function listRecipients(q: Queryable, orgId: string): Promise<{ userId: string; kind: 'primary' | 'alternate' }[]> {
  const r = await q.execute<{ user_id: string; kind: 'primary' | 'alternate' }>(sql`
    SELECT user_id, kind FROM report_recipient WHERE organisation_id = ${orgId} ORDER BY kind DESC, user_id`);
  return r.rows.map((x) => ({ userId: x.user_id, kind: x.kind }));
}

export async function replaceRecipients(q: Queryable, orgId: string, rows: readonly { userId: string; kind: string }[]): Promise<void> {
  await q.execute(sql`DELETE FROM report_recipient WHERE organisation_id = ${orgId}`);
  for (const x of rows) await q.execute(sql`INSERT INTO report_recipient (organisation_id, user_id, kind) VALUES (${orgId}, ${x.userId}, ${x.kind})`);
}

export async function displayNames(q: Queryable, orgId: string, userIds: readonly string[]): Promise<Map<string, string>> {
  if (userIds.length === 0) return new Map();
  const r = await q.execute<{ user_id: string; display_name: string }>(sql`
    SELECT u.id AS user_id, coalesce(m.display_name, u.display_name) AS display_name FROM app_user u
      LEFT JOIN organisation_member m ON m.user_id = u.id AND m.organisation_id = ${orgId}
     WHERE u.id = ANY(${uuidArray([...new Set(userIds)])}::uuid[])`);
  return new Map(r.rows.map((x) => [x.user_id, x.display_name]));
}

// Reports -----------------------------------------------------------------------------------------

export async function nextReference(q: Queryable, orgId: string, year: number): Promise<string> {
  const r = await q.execute<{ last: number }>(sql`
    INSERT INTO report_counter (organisation_id, year, last) VALUES (${orgId}, ${year}, 1)
    ON CONFLICT (organisation_id, year) DO UPDATE SET last = report_counter.last + 1 RETURNING last`);
  return `MEL-${year}-${String(r.rows[0].last).padStart(4, '0')}`;
}

/** Gives a filed report its reference, the last write of a filing (see fileReport). */
export async function setReference(q: Queryable, orgId: string, id: string, reference: string): Promise<void> {
  await q.execute(sql`UPDATE report SET reference = ${reference} WHERE organisation_id = ${orgId} AND id = ${id}`);
}

export interface NewReportRow {
  id: string; organisationId: string; reference: string; identityMode: string; filedVia: string; category: string | null;
  status: string; receivedOn: string; acknowledgedOn: string | null; receiptHash: string; content: Buffer;
}

export async function insertReport(q: Queryable, r: NewReportRow): Promise<void> {
  await q.execute(sql`
    INSERT INTO report (id, organisation_id, reference, identity_mode, filed_via, category, status, received_on, acknowledged_on, receipt_hash, content)
    VALUES (${r.id}, ${r.organisationId}, ${r.reference}, ${r.identityMode}, ${r.filedVia}, ${r.category}, ${r.status}, ${r.receivedOn}::date,
            ${r.acknowledgedOn}::date, ${r.receiptHash}, ${r.content})`);
}

export async function reportIdByReceipt(q: Queryable, orgId: string, receiptHash: string): Promise<string | null> {
  const r = await q.execute<{ id: string }>(sql`SELECT id FROM report WHERE organisation_id = ${orgId} AND receipt_hash = ${receiptHash}`);
  return r.rows[0]?.id ?? null;
}

export type ReportRow = {
  id: string; organisation_id: string; reference: string; identity_mode: 'named' | 'confidential' | 'anonymous'; filed_via: 'portal' | 'counsellor';
  category: string | null; status: 'received' | 'acknowledged' | 'in_progress' | 'closed'; admissibility: 'admissible' | 'inadmissible' | null;
  outcome: string | null; received_on: string; acknowledged_on: string | null; feedback_on: string | null; closed_on: string | null;
  investigator_user_id: string | null; investigator_name: string | null; legal_hold: boolean; content: Buffer; revision: number;
  ack_due: string | null; feedback_due: string | null; unread: number; kinds: AccessKind[];
};

/**
 * The columns of a report as the views need them, with its open legal deadlines (from the report
 * and the organisation's current settings: the same rule as the deadline job's) and the reader's
 * part in it.
 */
const REPORT_COLUMNS = (userId: string | null) => sql`
  r.id, r.organisation_id, r.reference, r.identity_mode, r.filed_via, r.category, r.status, r.admissibility, r.outcome,
  r.received_on, r.acknowledged_on, r.feedback_on, r.closed_on, r.investigator_user_id, r.legal_hold, r.content, r.revision,
  (SELECT coalesce(m.display_name, u.display_name) FROM app_user u LEFT JOIN organisation_member m ON m.user_id = u.id AND m.organisation_id = r.organisation_id
    WHERE u.id = r.investigator_user_id) AS investigator_name,
  CASE WHEN r.status = 'received' THEN r.received_on + ${ACK_DAYS} END AS ack_due,
  CASE WHEN r.acknowledged_on IS NOT NULL AND r.feedback_on IS NULL AND r.status <> 'closed'
       THEN (r.acknowledged_on + make_interval(months => ${FEEDBACK_MONTHS}))::date END AS feedback_due,
  (SELECT count(*)::int FROM report_message x WHERE x.organisation_id = r.organisation_id AND x.report_id = r.id
      AND x.author = 'reporter' AND x.read_by_recipient_on IS NULL) AS unread,
  ${userId === null ? sql`'{}'::text[]` : sql`ARRAY(SELECT a.kind FROM report_access a WHERE a.organisation_id = r.organisation_id AND a.report_id = r.id AND a.user_id = ${userId} ORDER BY a.kind)`} AS kinds`;

/** The organisation's legal delays in SQL, with the defaults when it stored no settings. */
export const ACK_DAYS = sql`coalesce((SELECT s.ack_days FROM report_settings s WHERE s.organisation_id = r.organisation_id), 7)`;
export const FEEDBACK_MONTHS = sql`coalesce((SELECT s.feedback_months FROM report_settings s WHERE s.organisation_id = r.organisation_id), 3)`;

/** A report the person may read (a current key grant), or undefined: the same "not found" for every reason. */
export async function findVisibleReport(q: Queryable, orgId: string, reportId: string, userId: string, opts: { forUpdate?: boolean } = {}): Promise<ReportRow | undefined> {
  const r = await q.execute<ReportRow>(sql`
    SELECT ${REPORT_COLUMNS(userId)} FROM report r
     WHERE r.organisation_id = ${orgId} AND r.id = ${reportId} AND ${grantedTo(userId)}
     ${opts.forUpdate ? sql`FOR UPDATE OF r` : sql``}`);
  return r.rows[0];
}

/** A report by id for the reporter's portal (who holds its key through the receipt). */
export async function findReport(q: Queryable, orgId: string, reportId: string): Promise<ReportRow | undefined> {
  const r = await q.execute<ReportRow>(sql`SELECT ${REPORT_COLUMNS(null)} FROM report r WHERE r.organisation_id = ${orgId} AND r.id = ${reportId}`);
  return r.rows[0];
}

/** The reports the person may read, newest first. */
export async function listVisibleReports(q: Queryable, orgId: string, userId: string, status?: string): Promise<ReportRow[]> {
  const r = await q.execute<ReportRow>(sql`
    SELECT ${REPORT_COLUMNS(userId)} FROM report r
     WHERE r.organisation_id = ${orgId} AND ${grantedTo(userId)} ${status ? sql`AND r.status = ${status}` : sql``}
     ORDER BY r.received_on DESC, r.reference DESC
     LIMIT 2000`);
  return r.rows;
}

/** Counts for the home page: what the person may read, by what waits. */
export async function homeCounts(q: Queryable, orgId: string, userId: string, today: string) {
  const r = await q.execute<{ open: number; to_acknowledge: number; overdue: number; unread: number }>(sql`
    WITH v AS (
      SELECT r.status,
             EXISTS (SELECT 1 FROM report_access a WHERE a.organisation_id = r.organisation_id AND a.report_id = r.id AND a.user_id = ${userId} AND a.kind = 'recipient') AS recipient,
             CASE WHEN r.status = 'received' THEN r.received_on + ${ACK_DAYS} END AS ack_due,
             CASE WHEN r.acknowledged_on IS NOT NULL AND r.feedback_on IS NULL AND r.status <> 'closed'
                  THEN (r.acknowledged_on + make_interval(months => ${FEEDBACK_MONTHS}))::date END AS feedback_due,
             (SELECT count(*)::int FROM report_message x WHERE x.organisation_id = r.organisation_id AND x.report_id = r.id
                 AND x.author = 'reporter' AND x.read_by_recipient_on IS NULL) AS unread
        FROM report r WHERE r.organisation_id = ${orgId} AND r.status <> 'closed' AND ${grantedTo(userId)}
    )
    SELECT count(*)::int AS open,
           count(*) FILTER (WHERE recipient AND status = 'received')::int AS to_acknowledge,
           count(*) FILTER (WHERE recipient AND (ack_due < ${today}::date OR feedback_due < ${today}::date))::int AS overdue,
           coalesce(sum(unread), 0)::int AS unread
      FROM v`);
  return r.rows[0];
}

/** Updates the report's own columns (a step of the procedure); the revision moves. */
export async function updateReport(q: Queryable, orgId: string, reportId: string, set: Record<string, unknown>): Promise<void> {
  const cols = Object.entries(set).map(([k, v]) => {
    if (!/^[a-z_]+$/.test(k)) throw new Error('bad column');
    return sql`${sql.raw(k)} = ${v}`;
  });
  await q.execute(sql`UPDATE report SET ${sql.join(cols, sql`, `)}, revision = revision + 1 WHERE organisation_id = ${orgId} AND id = ${reportId}`);
}

/** The next number of a per-report sequence (messages, files, events), taken under the report's row lock. */
export async function nextSeq(q: Queryable, orgId: string, reportId: string, which: 'message_seq' | 'file_seq' | 'event_seq'): Promise<number> {
  const col = sql.raw(which);
  const r = await q.execute<{ n: number }>(sql`UPDATE report SET ${col} = ${col} + 1 WHERE organisation_id = ${orgId} AND id = ${reportId} RETURNING ${col} AS n`);
  return r.rows[0].n;
}

// Access ------------------------------------------------------------------------------------------

export async function addAccess(q: Queryable, orgId: string, reportId: string, userId: string, kind: AccessKind, today: string): Promise<void> {
  await q.execute(sql`
    INSERT INTO report_access (organisation_id, report_id, user_id, kind, granted_on) VALUES (${orgId}, ${reportId}, ${userId}, ${kind}, ${today}::date)
    ON CONFLICT DO NOTHING`);
}

/** Removes one part; returns the parts the person keeps on the report. */
export async function removeAccess(q: Queryable, orgId: string, reportId: string, userId: string, kind: AccessKind): Promise<AccessKind[]> {
  await q.execute(sql`DELETE FROM report_access WHERE organisation_id = ${orgId} AND report_id = ${reportId} AND user_id = ${userId} AND kind = ${kind}`);
  const r = await q.execute<{ kind: AccessKind }>(sql`SELECT kind FROM report_access WHERE organisation_id = ${orgId} AND report_id = ${reportId} AND user_id = ${userId}`);
  return r.rows.map((x) => x.kind);
}

/**
 * People taking part in a report who can read but hold no key grant yet, and now have a key pair.
 * Not `escalation` (no reading part), nor `adviser`: a core-group member's grant is time-limited and
 * made only when the advice is asked; once it expired, nobody seals the report to them again.
 */
export async function accessWithoutGrant(q: Queryable, orgId: string, reportId: string): Promise<string[]> {
  const r = await q.execute<{ user_id: string }>(sql`
    SELECT DISTINCT a.user_id FROM report_access a JOIN report r ON r.organisation_id = a.organisation_id AND r.id = a.report_id
     WHERE a.organisation_id = ${orgId} AND a.report_id = ${reportId} AND a.kind NOT IN ('escalation', 'adviser')
       AND EXISTS (SELECT 1 FROM user_key k WHERE k.user_id = a.user_id)
       AND NOT ${grantedTo(sql`a.user_id`)}`);
  return r.rows.map((x) => x.user_id);
}

/**
 * Every (report, person) pair of the organisation whose part lets the person read the report, by
 * the same rule as `accessWithoutGrant`, of people enabled and holding one of `roles` on `today`
 * (the vault's record holders, for grants from the escrow key: nobody whose role ended).
 */
export async function readingParts(q: Queryable, orgId: string, o: { userId?: string; roles: readonly Role[]; today: string }): Promise<{ recordId: string; userId: string }[]> {
  const r = await q.execute<{ report_id: string; user_id: string }>(sql`
    SELECT DISTINCT a.report_id, a.user_id FROM report_access a
      JOIN app_user u ON u.id = a.user_id AND u.disabled_at IS NULL
     WHERE a.organisation_id = ${orgId} AND a.kind NOT IN ('escalation', 'adviser') ${o.userId ? sql`AND a.user_id = ${o.userId}` : sql``}
       AND EXISTS (SELECT 1 FROM role_assignment ra WHERE ra.organisation_id = a.organisation_id AND ra.user_id = a.user_id
                      AND ra.role = ANY(${textArray(o.roles)}::text[]) AND ${currentRoleCondition('ra', o.today)})`);
  return r.rows.map((x) => ({ recordId: x.report_id, userId: x.user_id }));
}

/** How many reports the person takes a reading part in but holds no key grant on (shown as waiting, never listed). */
export async function countWithoutGrant(q: Queryable, orgId: string, userId: string): Promise<number> {
  const r = await q.execute<{ n: number }>(sql`
    SELECT count(DISTINCT r.id)::int AS n FROM report r JOIN report_access a ON a.organisation_id = r.organisation_id AND a.report_id = r.id
     WHERE r.organisation_id = ${orgId} AND a.user_id = ${userId} AND a.kind NOT IN ('escalation', 'adviser')
       AND NOT EXISTS (SELECT 1 FROM record_key k JOIN record_key_grant g ON g.record_key_id = k.id
                        WHERE k.organisation_id = r.organisation_id AND k.record_type = ${RECORD_TYPE} AND k.record_id = r.id
                          AND g.holder_kind = 'user' AND g.user_id = ${userId})`);
  return r.rows[0].n;
}

/** The reports where a person takes part as `kind`. */
export async function reportsWithAccess(q: Queryable, orgId: string, userId: string, kind: AccessKind): Promise<string[]> {
  const r = await q.execute<{ report_id: string }>(sql`
    SELECT report_id FROM report_access WHERE organisation_id = ${orgId} AND user_id = ${userId} AND kind = ${kind}`);
  return r.rows.map((x) => x.report_id);
}

/** Reports not closed that the person can open (a current grant). */
export async function openReportsGrantedTo(q: Queryable, orgId: string, userId: string): Promise<{ id: string; content: Buffer }[]> {
  const r = await q.execute<{ id: string; content: Buffer }>(sql`
    SELECT r.id, r.content FROM report r WHERE r.organisation_id = ${orgId} AND r.status <> 'closed' AND ${grantedTo(userId)} ORDER BY r.received_on, r.id`);
  return r.rows;
}

// Messages, files, history --------------------------------------------------------------------

export type MessageRow = {
  id: string; seq: number; author: 'reporter' | 'recipient'; author_user_id: string | null; author_name: string | null; purpose: 'message' | 'acknowledgement' | 'feedback' | 'closure';
  body: Buffer; sent_on: string; read_by_reporter_on: string | null;
};

export async function insertMessage(q: Queryable, m: { id: string; orgId: string; reportId: string; seq: number; author: string; authorUserId: string | null; purpose: string; body: Buffer; sentOn: string }): Promise<void> {
  await q.execute(sql`
    INSERT INTO report_message (id, organisation_id, report_id, seq, author, author_user_id, purpose, body, sent_on)
    VALUES (${m.id}, ${m.orgId}, ${m.reportId}, ${m.seq}, ${m.author}, ${m.authorUserId}, ${m.purpose}, ${m.body}, ${m.sentOn}::date)`);
}

export async function listMessages(q: Queryable, orgId: string, reportId: string): Promise<MessageRow[]> {
  const r = await q.execute<MessageRow>(sql`
    SELECT x.id, x.seq, x.author, x.author_user_id, x.purpose, x.body, x.sent_on, x.read_by_reporter_on,
           (SELECT coalesce(m.display_name, u.display_name) FROM app_user u LEFT JOIN organisation_member m ON m.user_id = u.id AND m.organisation_id = x.organisation_id
             WHERE u.id = x.author_user_id) AS author_name
      FROM report_message x WHERE x.organisation_id = ${orgId} AND x.report_id = ${reportId} ORDER BY x.seq`);
  return r.rows;
}

/** Marks what the other side wrote as read on `today` (the reporter reads the recipients', the recipients the reporter's). */
export async function markRead(q: Queryable, orgId: string, reportId: string, reader: 'reporter' | 'recipient', today: string): Promise<void> {
  if (reader === 'reporter') {
    await q.execute(sql`UPDATE report_message SET read_by_reporter_on = ${today}::date
      WHERE organisation_id = ${orgId} AND report_id = ${reportId} AND author = 'recipient' AND read_by_reporter_on IS NULL`);
  } else {
    await q.execute(sql`UPDATE report_message SET read_by_recipient_on = ${today}::date
      WHERE organisation_id = ${orgId} AND report_id = ${reportId} AND author = 'reporter' AND read_by_recipient_on IS NULL`);
  }
}

export type FileRow = { id: string; message_id: string | null; seq: number; added_by: 'reporter' | 'recipient'; name: Buffer; media_type: string; size: number; added_on: string };

export async function insertFile(q: Queryable, f: {
  id: string; orgId: string; reportId: string; messageId: string | null; seq: number; addedBy: string; name: Buffer; mediaType: string; size: number; sha256: string; content: Buffer; addedOn: string;
}): Promise<void> {
  await q.execute(sql`
    INSERT INTO report_file (id, organisation_id, report_id, message_id, seq, added_by, name, media_type, size, sha256, content, added_on)
    VALUES (${f.id}, ${f.orgId}, ${f.reportId}, ${f.messageId}, ${f.seq}, ${f.addedBy}, ${f.name}, ${f.mediaType}, ${f.size}, ${f.sha256}, ${f.content}, ${f.addedOn}::date)`);
}

export async function listFiles(q: Queryable, orgId: string, reportId: string): Promise<FileRow[]> {
  const r = await q.execute<FileRow>(sql`
    SELECT id, message_id, seq, added_by, name, media_type, size, added_on FROM report_file
     WHERE organisation_id = ${orgId} AND report_id = ${reportId} ORDER BY seq`);
  return r.rows;
}

export async function findFile(q: Queryable, orgId: string, reportId: string, fileId: string) {
  const r = await q.execute<FileRow & { sha256: string; content: Buffer }>(sql`
    SELECT id, message_id, seq, added_by, name, media_type, size, added_on, sha256, content FROM report_file
     WHERE organisation_id = ${orgId} AND report_id = ${reportId} AND id = ${fileId}`);
  return r.rows[0];
}

export type EventRow = { id: string; seq: number; kind: string; occurred_on: string; by_user_id: string | null; by_name: string | null; details: Record<string, unknown>; note: Buffer | null };

export async function insertEvent(q: Queryable, e: { id: string; orgId: string; reportId: string; seq: number; kind: string; on: string; byUserId: string | null; details?: Record<string, unknown>; note?: Buffer | null }): Promise<void> {
  await q.execute(sql`
    INSERT INTO report_event (id, organisation_id, report_id, seq, kind, occurred_on, by_user_id, details, note)
    VALUES (${e.id}, ${e.orgId}, ${e.reportId}, ${e.seq}, ${e.kind}, ${e.on}::date, ${e.byUserId}, ${JSON.stringify(e.details ?? {})}::jsonb, ${e.note ?? null})`);
}

export async function listEvents(q: Queryable, orgId: string, reportId: string): Promise<EventRow[]> {
  const r = await q.execute<EventRow>(sql`
    SELECT e.id, e.seq, e.kind, e.occurred_on, e.by_user_id, e.details, e.note,
           (SELECT coalesce(m.display_name, u.display_name) FROM app_user u LEFT JOIN organisation_member m ON m.user_id = u.id AND m.organisation_id = e.organisation_id
             WHERE u.id = e.by_user_id) AS by_name
      FROM report_event e WHERE e.organisation_id = ${orgId} AND e.report_id = ${reportId} ORDER BY e.seq`);
  return r.rows;
}
