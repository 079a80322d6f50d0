/**
 * Queries of the complaints desk. Every query filters on the organisation (and runs in its
 * withOrgTx scope); days come in as ISO strings from the service's clock, never `now()`, so nothing
 * a complainant creates gets a time finer than the day and tests can set the day.
 */
import { sql, type SQL } from 'drizzle-orm';
import { currentRoleCondition } from '../../platform/authz/current-role.js';
import type { Queryable } from '../../platform/db/pool.js';
import { textArray, uuidArray } from '../../platform/deadlines/service.js';
import type { Role } from '../../../shared/roles.js';
import type { ComplaintStatus, Decision, EntryKind, Theme } from './contract.js';
import { DEFAULT_ANSWER_TEMPLATES, DEFAULT_TRIAGE_DAYS, defaultThemes } from './defaults.js';

export const RECORD_TYPE = 'complaint';

// Lead times: the organisation's settings (acknowledge, resolve) and the desk's (triage) -------------

const orgDays = (key: string, dflt: number, alias = 'c') =>
  sql`coalesce((SELECT (o.settings->>${key})::int FROM organisation o WHERE o.id = ${sql.raw(alias)}.organisation_id), ${dflt})`;
export const ACK_DAYS = (alias = 'c') => orgDays('complaintAcknowledgeDays', 7, alias);
export const RESOLVE_DAYS = (alias = 'c') => orgDays('complaintResolveDays', 90, alias);
export const TRIAGE_DAYS = (alias = 'c') =>
  sql`coalesce((SELECT s.triage_days FROM complaint_settings s WHERE s.organisation_id = ${sql.raw(alias)}.organisation_id), ${DEFAULT_TRIAGE_DAYS})`;

/** The due day of each lead time still open (null once the step is done or the complaint left the desk). */
export const dueColumns = (alias = 'c'): SQL => {
  const a = sql.raw(alias);
  return sql`
    CASE WHEN ${a}.status = 'received' THEN ${a}.received_on + ${ACK_DAYS(alias)} END AS ack_due,
    CASE WHEN ${a}.status IN ('received', 'acknowledged') THEN ${a}.received_on + ${TRIAGE_DAYS(alias)} END AS triage_due,
    CASE WHEN ${a}.status IN ('received', 'acknowledged', 'triaged') THEN ${a}.received_on + ${RESOLVE_DAYS(alias)} END AS resolve_due`;
};

/** "Some lead time has passed" on `today`, in SQL (lists, home figures, oversight). */
export const lateCondition = (today: string, alias = 'c'): SQL => {
  const a = sql.raw(alias);
  return sql`(
    (${a}.status = 'received' AND ${a}.received_on + ${ACK_DAYS(alias)} < ${today}::date)
    OR (${a}.status IN ('received', 'acknowledged') AND ${a}.received_on + ${TRIAGE_DAYS(alias)} < ${today}::date)
    OR (${a}.status IN ('received', 'acknowledged', 'triaged') AND ${a}.received_on + ${RESOLVE_DAYS(alias)} < ${today}::date))`;
};

/** What a reader sees: every complaint (a coordinator), else only those assigned to them. */
export const visibleTo = (userId: string, seesAll: boolean, alias = 'c'): SQL =>
  seesAll ? sql`TRUE` : sql`${sql.raw(alias)}.handler_user_id = ${userId}`;

// Settings ------------------------------------------------------------------------------------------

export interface Settings {
  open: boolean;
  intro: Record<string, string>;
  themes: Theme[];
  triageDays: number;
  answerTemplates: Record<string, string>;
  /** 0: nothing stored yet (the defaults). */
  revision: number;
}

export async function findSettings(q: Queryable, orgId: string, opts: { forUpdate?: boolean } = {}): Promise<Settings> {
  const r = await q.execute<{ open: boolean; intro: Record<string, string>; themes: Theme[]; triage_days: number; answer_templates: Record<string, string>; revision: number }>(sql`
    SELECT open, intro, themes, triage_days, answer_templates, revision FROM complaint_settings WHERE organisation_id = ${orgId} ${opts.forUpdate ? sql`FOR UPDATE` : sql``}`);
  const s = r.rows[0];
  if (!s) return { open: false, intro: {}, themes: defaultThemes(), triageDays: DEFAULT_TRIAGE_DAYS, answerTemplates: { ...DEFAULT_ANSWER_TEMPLATES }, revision: 0 };
  return { open: s.open, intro: s.intro, themes: s.themes, triageDays: s.triage_days, answerTemplates: s.answer_templates, revision: s.revision };
}

/** Writes the settings on the revision the writer saw (0: none stored yet); the new revision, or null when it was stale. */
export async function saveSettings(q: Queryable, orgId: string, s: Omit<Settings, 'revision'>, expected: number): Promise<number | null> {
  const values = sql`${s.open}, ${JSON.stringify(s.intro)}::jsonb, ${JSON.stringify(s.themes)}::jsonb, ${s.triageDays}, ${JSON.stringify(s.answerTemplates)}::jsonb`;
  const r = expected === 0
    ? await q.execute<{ revision: number }>(sql`
        INSERT INTO complaint_settings (organisation_id, open, intro, themes, triage_days, answer_templates)
        VALUES (${orgId}, ${values}) ON CONFLICT (organisation_id) DO NOTHING RETURNING revision`)
    : await q.execute<{ revision: number }>(sql`
        UPDATE complaint_settings SET (open, intro, themes, triage_days, answer_templates) = (${values}), revision = revision + 1
         WHERE organisation_id = ${orgId} AND revision = ${expected} RETURNING revision`);
  return r.rows[0]?.revision ?? null;
}

/**
 * Writes the lead-time targets (kept in the organisation's settings, where the deadlines, the
 * statistics and the status page read them) and moves the organisation's revision with them.
 */
export async function saveLeadDays(q: Queryable, orgId: string, d: { acknowledgeDays: number; resolveDays: number }): Promise<void> {
  await q.execute(sql`
    UPDATE organisation SET settings = coalesce(settings, '{}'::jsonb) || jsonb_build_object('complaintAcknowledgeDays', ${d.acknowledgeDays}::int, 'complaintResolveDays', ${d.resolveDays}::int),
           revision = revision + 1
     WHERE id = ${orgId}`);
}

export async function leadDays(q: Queryable, orgId: string): Promise<{ acknowledgeDays: number; resolveDays: number }> {
  const r = await q.execute<{ a: number; r: number }>(sql`
    SELECT coalesce((settings->>'complaintAcknowledgeDays')::int, 7) AS a, coalesce((settings->>'complaintResolveDays')::int, 90) AS r
      FROM organisation WHERE id = ${orgId}`);
  return { acknowledgeDays: r.rows[0]?.a ?? 7, resolveDays: r.rows[0]?.r ?? 90 };
}

// People ----------------------------------------------------------------------------------------------

export interface Person { userId: string; displayName: string; hasKeyPair: boolean }

/** Enabled members of the organisation holding one of `roles` on `today`, and whether they have a key pair. */
export async function peopleWithRoles(q: Queryable, orgId: string, roles: readonly Role[], today: string, userIds?: readonly string[]): Promise<Person[]> {
  if (userIds && userIds.length === 0) return [];
  const r = await q.execute<{ user_id: string; display_name: string; has_key: boolean }>(sql`
    SELECT DISTINCT m.user_id, m.display_name, EXISTS (SELECT 1 FROM user_key k WHERE k.user_id = m.user_id) AS has_key
      FROM organisation_member m
      JOIN app_user u ON u.id = m.user_id AND u.disabled_at IS NULL
      JOIN role_assignment ra ON ra.organisation_id = m.organisation_id AND ra.user_id = m.user_id
                             AND ra.role = ANY(${textArray(roles)}::text[]) AND ${currentRoleCondition('ra', today)}
     WHERE m.organisation_id = ${orgId} ${userIds ? sql`AND m.user_id = ANY(${uuidArray(userIds)}::uuid[])` : sql``}
     ORDER BY m.display_name, m.user_id`);
  return r.rows.map((x) => ({ userId: x.user_id, displayName: x.display_name, hasKeyPair: x.has_key }));
}

export async function displayNames(q: Queryable, orgId: string, userIds: readonly (string | null)[]): Promise<Map<string, string>> {
  const ids = [...new Set(userIds.filter((u): u is string => !!u))];
  if (ids.length === 0) return new Map();
  const r = await q.execute<{ user_id: string; display_name: string }>(sql`
    SELECT u.id AS user_id, coalesce(m.display_name, u.display_name) AS display_name FROM app_user u
      LEFT JOIN organisation_member m ON m.user_id = u.id AND m.organisation_id = ${orgId}
     WHERE u.id = ANY(${uuidArray(ids)}::uuid[])`);
  return new Map(r.rows.map((x) => [x.user_id, x.display_name]));
}

export async function listUnits(q: Queryable, orgId: string): Promise<{ id: string; name: string; parentId: string | null }[]> {
  const r = await q.execute<{ id: string; name: string; parent_id: string | null }>(sql`
    SELECT id, name, parent_id FROM org_unit WHERE organisation_id = ${orgId} ORDER BY name, id`);
  return r.rows.map((x) => ({ id: x.id, name: x.name, parentId: x.parent_id }));
}

export async function unitExists(q: Queryable, orgId: string, unitId: string): Promise<boolean> {
  const r = await q.execute(sql`SELECT 1 FROM org_unit WHERE organisation_id = ${orgId} AND id = ${unitId}`);
  return r.rows.length > 0;
}

/** Of these person ids, those that are staff of the organisation. */
export async function existingStaff(q: Queryable, orgId: string, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const r = await q.execute<{ id: string }>(sql`SELECT id FROM person WHERE organisation_id = ${orgId} AND id = ANY(${uuidArray(ids)}::uuid[])`);
  return new Set(r.rows.map((x) => x.id));
}

/** The staff picker: current staff matching a name or personnel number (at most 20). */
export async function searchStaff(q: Queryable, orgId: string, term: string, today: string) {
  const like = `%${term.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
  const r = await q.execute<{ id: string; first_name: string; last_name: string; personnel_number: string; unit: string | null }>(sql`
    SELECT p.id, p.first_name, p.last_name, p.personnel_number, u.name AS unit FROM person p LEFT JOIN org_unit u ON u.id = p.unit_id
     WHERE p.organisation_id = ${orgId} AND (p.end_date IS NULL OR p.end_date >= ${today}::date)
       AND (${term} = '' OR p.last_name ILIKE ${like} OR p.first_name ILIKE ${like} OR (p.first_name || ' ' || p.last_name) ILIKE ${like} OR p.personnel_number ILIKE ${like})
     ORDER BY p.last_name, p.first_name, p.id LIMIT 20`);
  return r.rows.map((x) => ({ id: x.id, displayName: `${x.first_name} ${x.last_name}`, personnelNumber: x.personnel_number, unit: x.unit }));
}

export async function staffOf(q: Queryable, orgId: string, complaintId: string) {
  const r = await q.execute<{ id: string; first_name: string; last_name: string; personnel_number: string }>(sql`
    SELECT p.id, p.first_name, p.last_name, p.personnel_number FROM complaint_staff s JOIN person p ON p.id = s.person_id
     WHERE s.organisation_id = ${orgId} AND s.complaint_id = ${complaintId} ORDER BY p.last_name, p.first_name, p.id`);
  return r.rows.map((x) => ({ id: x.id, displayName: `${x.first_name} ${x.last_name}`, personnelNumber: x.personnel_number }));
}

// Complaints ----------------------------------------------------------------------------------------

export async function nextReference(q: Queryable, orgId: string, year: number): Promise<string> {
  const r = await q.execute<{ last: number }>(sql`
    INSERT INTO complaint_counter (organisation_id, year, last) VALUES (${orgId}, ${year}, 1)
    ON CONFLICT (organisation_id, year) DO UPDATE SET last = complaint_counter.last + 1 RETURNING last`);
  return `KL-${year}-${String(r.rows[0].last).padStart(4, '0')}`;
}

/** Gives a filed complaint its reference, the last write of a filing (see filing.ts). */
export async function setReference(q: Queryable, orgId: string, id: string, reference: string): Promise<void> {
  await q.execute(sql`UPDATE complaint SET reference = ${reference} WHERE organisation_id = ${orgId} AND id = ${id}`);
}

export interface NewComplaintRow {
  id: string; organisationId: string; reference: string; channel: string; forwardedBy: string | null; forwardingReference: string | null;
  anonymous: boolean; language: string; receivedOn: string; registeredBy: string | null; codeHash: string; content: Buffer;
}

export async function insertComplaint(q: Queryable, r: NewComplaintRow): Promise<void> {
  await q.execute(sql`
    INSERT INTO complaint (id, organisation_id, reference, channel, forwarded_by, forwarding_reference, anonymous, language, received_on, registered_by, code_hash, content)
    VALUES (${r.id}, ${r.organisationId}, ${r.reference}, ${r.channel}, ${r.forwardedBy}, ${r.forwardingReference}, ${r.anonymous}, ${r.language},
            ${r.receivedOn}::date, ${r.registeredBy}, ${r.codeHash}, ${r.content})`);
}

export async function complaintIdByCode(q: Queryable, orgId: string, codeHash: string): Promise<string | null> {
  const r = await q.execute<{ id: string }>(sql`SELECT id FROM complaint WHERE organisation_id = ${orgId} AND code_hash = ${codeHash}`);
  return r.rows[0]?.id ?? null;
}

export type ComplaintRow = {
  id: string; organisation_id: string; reference: string; status: ComplaintStatus; channel: string; forwarded_by: string | null; forwarding_reference: string | null;
  anonymous: boolean; language: string; received_on: string; acknowledged_on: string | null; triaged_on: string | null; answered_on: string | null;
  closed_on: string | null; forwarded_to: string | null; forwarded_on: string | null; admissible: boolean | null; seriousness: string | null;
  unit_id: string | null; unit_name: string | null; handler_user_id: string | null; handler_name: string | null; decision: Decision | null; decided_on: string | null;
  registered_by: string | null; content: Buffer; answer: Buffer | null; revision: number; themes: string[];
  ack_due: string | null; triage_due: string | null; resolve_due: string | null;
};

const SELECT_COMPLAINT = (extra: SQL = sql``) => sql`
  SELECT c.id, c.organisation_id, c.reference, c.status, c.channel, c.forwarded_by, c.forwarding_reference, c.anonymous, c.language,
         c.received_on::text, c.acknowledged_on::text, c.triaged_on::text, c.answered_on::text, c.closed_on::text, c.forwarded_to, c.forwarded_on::text,
         c.admissible, c.seriousness, c.unit_id, u.name AS unit_name, c.handler_user_id, coalesce(m.display_name, au.display_name) AS handler_name,
         c.decision, c.decided_on::text, c.registered_by, ${extra} c.revision,
         coalesce((SELECT array_agg(t.theme ORDER BY t.theme) FROM complaint_theme t WHERE t.organisation_id = c.organisation_id AND t.complaint_id = c.id), '{}') AS themes,
         ${dueColumns('c')}
    FROM complaint c
    LEFT JOIN org_unit u ON u.id = c.unit_id
    LEFT JOIN app_user au ON au.id = c.handler_user_id
    LEFT JOIN organisation_member m ON m.user_id = c.handler_user_id AND m.organisation_id = c.organisation_id`;

const normalise = (r: ComplaintRow): ComplaintRow => ({
  ...r,
  ack_due: r.ack_due ? String(r.ack_due).slice(0, 10) : null,
  triage_due: r.triage_due ? String(r.triage_due).slice(0, 10) : null,
  resolve_due: r.resolve_due ? String(r.resolve_due).slice(0, 10) : null,
});

/** One complaint if the reader may see it (else undefined: the caller answers 404). */
export async function findVisible(q: Queryable, orgId: string, id: string, userId: string, seesAll: boolean, opts: { forUpdate?: boolean } = {}): Promise<ComplaintRow | undefined> {
  if (opts.forUpdate) await q.execute(sql`SELECT 1 FROM complaint WHERE organisation_id = ${orgId} AND id = ${id} FOR UPDATE`);
  const r = await q.execute<ComplaintRow>(sql`${SELECT_COMPLAINT(sql`c.content, c.answer,`)}
    WHERE c.organisation_id = ${orgId} AND c.id = ${id} AND ${visibleTo(userId, seesAll)}`);
  return r.rows[0] && normalise(r.rows[0]);
}

/** One complaint whatever the reader (the status page through the code, the demo). */
export async function findComplaint(q: Queryable, orgId: string, id: string): Promise<ComplaintRow | undefined> {
  const r = await q.execute<ComplaintRow>(sql`${SELECT_COMPLAINT(sql`c.content, c.answer,`)} WHERE c.organisation_id = ${orgId} AND c.id = ${id}`);
  return r.rows[0] && normalise(r.rows[0]);
}

export interface ListFilter { status?: ComplaintStatus; theme?: string; late?: boolean; handler?: string; year?: number }

export async function listVisible(q: Queryable, orgId: string, userId: string, seesAll: boolean, f: ListFilter, today: string): Promise<ComplaintRow[]> {
  const where: SQL[] = [sql`c.organisation_id = ${orgId}`, visibleTo(userId, seesAll)];
  if (f.status) where.push(sql`c.status = ${f.status}`);
  if (f.theme) where.push(sql`EXISTS (SELECT 1 FROM complaint_theme t WHERE t.organisation_id = c.organisation_id AND t.complaint_id = c.id AND t.theme = ${f.theme})`);
  if (f.late !== undefined) where.push(f.late ? lateCondition(today) : sql`NOT ${lateCondition(today)}`);
  if (f.handler) where.push(sql`c.handler_user_id = ${f.handler}`);
  if (f.year) where.push(sql`c.received_on >= make_date(${f.year}, 1, 1) AND c.received_on < make_date(${f.year + 1}, 1, 1)`);
  const r = await q.execute<ComplaintRow>(sql`${SELECT_COMPLAINT()} WHERE ${sql.join(where, sql` AND `)} ORDER BY c.received_on DESC, c.reference DESC LIMIT 2000`);
  return r.rows.map(normalise);
}

export async function updateComplaint(q: Queryable, orgId: string, id: string, set: Record<string, unknown>, bump = true): Promise<void> {
  const parts = Object.entries(set).map(([k, v]) => sql`${sql.identifier(k)} = ${v}`);
  if (bump) parts.push(sql`revision = revision + 1`);
  await q.execute(sql`UPDATE complaint SET ${sql.join(parts, sql`, `)} WHERE organisation_id = ${orgId} AND id = ${id}`);
}

export async function nextSeq(q: Queryable, orgId: string, id: string, which: 'entry_seq' | 'file_seq' | 'event_seq'): Promise<number> {
  const col = sql.raw(which);
  const r = await q.execute<{ n: number }>(sql`UPDATE complaint SET ${col} = ${col} + 1 WHERE organisation_id = ${orgId} AND id = ${id} RETURNING ${col} AS n`);
  return r.rows[0].n;
}

export async function setThemes(q: Queryable, orgId: string, id: string, themes: readonly string[]): Promise<void> {
  await q.execute(sql`DELETE FROM complaint_theme WHERE organisation_id = ${orgId} AND complaint_id = ${id}`);
  for (const t of new Set(themes)) await q.execute(sql`INSERT INTO complaint_theme (organisation_id, complaint_id, theme) VALUES (${orgId}, ${id}, ${t})`);
}

export async function setStaff(q: Queryable, orgId: string, id: string, personIds: readonly string[]): Promise<void> {
  await q.execute(sql`DELETE FROM complaint_staff WHERE organisation_id = ${orgId} AND complaint_id = ${id}`);
  for (const p of new Set(personIds)) await q.execute(sql`INSERT INTO complaint_staff (organisation_id, complaint_id, person_id) VALUES (${orgId}, ${id}, ${p})`);
}

// Events, entries, files -----------------------------------------------------------------------------

export async function insertEvent(q: Queryable, e: { id: string; orgId: string; complaintId: string; seq: number; kind: string; on: string; byUserId: string | null; details?: Record<string, unknown>; note: Buffer | null }): Promise<void> {
  await q.execute(sql`
    INSERT INTO complaint_event (id, organisation_id, complaint_id, seq, kind, occurred_on, by_user_id, details, note)
    VALUES (${e.id}, ${e.orgId}, ${e.complaintId}, ${e.seq}, ${e.kind}, ${e.on}::date, ${e.byUserId}, ${JSON.stringify(e.details ?? {})}::jsonb, ${e.note})`);
}

export type EventRow = { id: string; seq: number; kind: string; occurred_on: string; by_user_id: string | null; details: Record<string, unknown>; note: Buffer | null };
export async function listEvents(q: Queryable, orgId: string, id: string): Promise<EventRow[]> {
  const r = await q.execute<EventRow>(sql`
    SELECT id, seq, kind, occurred_on::text, by_user_id, details, note FROM complaint_event WHERE organisation_id = ${orgId} AND complaint_id = ${id} ORDER BY seq`);
  return r.rows;
}

export async function insertEntry(q: Queryable, e: { id: string; orgId: string; complaintId: string; seq: number; kind: EntryKind; on: string; byUserId: string | null; body: Buffer }): Promise<void> {
  await q.execute(sql`
    INSERT INTO complaint_entry (id, organisation_id, complaint_id, seq, kind, "on", by_user_id, body)
    VALUES (${e.id}, ${e.orgId}, ${e.complaintId}, ${e.seq}, ${e.kind}, ${e.on}::date, ${e.byUserId}, ${e.body})`);
}

export type EntryRow = { id: string; seq: number; kind: EntryKind; on: string; by_user_id: string | null; body: Buffer };
export async function listEntries(q: Queryable, orgId: string, id: string): Promise<EntryRow[]> {
  const r = await q.execute<EntryRow>(sql`
    SELECT id, seq, kind, "on"::text AS "on", by_user_id, body FROM complaint_entry WHERE organisation_id = ${orgId} AND complaint_id = ${id} ORDER BY seq`);
  return r.rows;
}

export async function insertFile(q: Queryable, f: {
  id: string; orgId: string; complaintId: string; seq: number; addedBy: 'complainant' | 'staff'; byUserId: string | null; name: Buffer; mediaType: string;
  size: number; sha256: string; content: Buffer; addedOn: string;
}): Promise<void> {
  await q.execute(sql`
    INSERT INTO complaint_file (id, organisation_id, complaint_id, seq, added_by, by_user_id, name, media_type, size, sha256, content, added_on)
    VALUES (${f.id}, ${f.orgId}, ${f.complaintId}, ${f.seq}, ${f.addedBy}, ${f.byUserId}, ${f.name}, ${f.mediaType}, ${f.size}, ${f.sha256}, ${f.content}, ${f.addedOn}::date)`);
}

export type FileRow = { id: string; seq: number; added_by: 'complainant' | 'staff'; by_user_id: string | null; name: Buffer; media_type: string; size: number; added_on: string };
export async function listFiles(q: Queryable, orgId: string, id: string): Promise<FileRow[]> {
  const r = await q.execute<FileRow>(sql`
    SELECT id, seq, added_by, by_user_id, name, media_type, size, added_on::text FROM complaint_file WHERE organisation_id = ${orgId} AND complaint_id = ${id} ORDER BY seq`);
  return r.rows;
}

export async function findFile(q: Queryable, orgId: string, complaintId: string, fileId: string) {
  const r = await q.execute<{ id: string; name: Buffer; media_type: string; sha256: string; content: Buffer }>(sql`
    SELECT id, name, media_type, sha256, content FROM complaint_file WHERE organisation_id = ${orgId} AND complaint_id = ${complaintId} AND id = ${fileId}`);
  return r.rows[0];
}

// Figures ---------------------------------------------------------------------------------------------

/** What waits for the reader: to triage (coordinators), late and open among those they see, assigned to them. */
export async function homeCounts(q: Queryable, orgId: string, userId: string, seesAll: boolean, today: string) {
  const r = await q.execute<{ to_triage: number; late: number; mine: number }>(sql`
    SELECT count(*) FILTER (WHERE c.status IN ('received', 'acknowledged'))::int AS to_triage,
           count(*) FILTER (WHERE ${lateCondition(today)})::int AS late,
           count(*) FILTER (WHERE c.handler_user_id = ${userId} AND c.status IN ('triaged', 'answered'))::int AS mine
      FROM complaint c WHERE c.organisation_id = ${orgId} AND c.status IN ('received', 'acknowledged', 'triaged', 'answered') AND ${visibleTo(userId, seesAll)}`);
  return r.rows[0];
}

/** Per organisation (system scope): received this year, open, late now, answered this year. */
export async function oversightCounts(q: Queryable, today: string) {
  const year = Number(today.slice(0, 4));
  const r = await q.execute<{ organisation_id: string; received: number; open: number; late: number; answered: number }>(sql`
    SELECT c.organisation_id,
           count(*) FILTER (WHERE c.received_on >= make_date(${year}, 1, 1))::int AS received,
           count(*) FILTER (WHERE c.status IN ('received', 'acknowledged', 'triaged', 'answered'))::int AS open,
           count(*) FILTER (WHERE ${lateCondition(today)})::int AS late,
           count(*) FILTER (WHERE c.answered_on >= make_date(${year}, 1, 1))::int AS answered
      FROM complaint c GROUP BY c.organisation_id ORDER BY c.organisation_id`);
  return r.rows;
}

// Key grants and organisation -----------------------------------------------------------------------

/** Of these people, those who hold no key grant on the complaint but have a key pair (a grant can be sealed to them). */
export async function withoutGrant(q: Queryable, orgId: string, complaintId: string, userIds: readonly string[]): Promise<string[]> {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return [];
  const r = await q.execute<{ user_id: string }>(sql`
    SELECT u.id AS user_id FROM unnest(${uuidArray(ids)}::uuid[]) AS u(id)
     WHERE EXISTS (SELECT 1 FROM user_key k WHERE k.user_id = u.id)
       AND NOT EXISTS (SELECT 1 FROM record_key rk JOIN record_key_grant g ON g.record_key_id = rk.id
                        WHERE rk.organisation_id = ${orgId} AND rk.record_type = ${RECORD_TYPE} AND rk.record_id = ${complaintId}
                          AND g.holder_kind = 'user' AND g.user_id = u.id AND (g.expires_at IS NULL OR g.expires_at > now()))`);
  return r.rows.map((x) => x.user_id);
}

/**
 * Who holds a complaint's key by the desk's rule (platform/vault `registerRecordHolders`): every
 * current coordinator for every complaint, and the assigned handler while they hold a role of the
 * desk; enabled accounts only. Narrowed to one person with `userId`.
 */
export async function readingParts(q: Queryable, orgId: string, o: { userId?: string; coordinatorRoles: readonly Role[]; handlerRoles: readonly Role[]; today: string }): Promise<{ recordId: string; userId: string }[]> {
  const holds = (roles: readonly Role[]) => sql`
    SELECT ra.user_id FROM role_assignment ra JOIN app_user u ON u.id = ra.user_id AND u.disabled_at IS NULL
     WHERE ra.organisation_id = ${orgId} AND ra.role = ANY(${textArray(roles)}::text[]) AND ${currentRoleCondition('ra', o.today)}
       ${o.userId ? sql`AND ra.user_id = ${o.userId}` : sql``}`;
  const r = await q.execute<{ record_id: string; user_id: string }>(sql`
    SELECT c.id AS record_id, k.user_id FROM complaint c CROSS JOIN (SELECT DISTINCT x.user_id FROM (${holds(o.coordinatorRoles)}) x) k
     WHERE c.organisation_id = ${orgId}
    UNION
    SELECT c.id, c.handler_user_id FROM complaint c
     WHERE c.organisation_id = ${orgId} AND c.handler_user_id IN (${holds(o.handlerRoles)})`);
  return r.rows.map((x) => ({ recordId: x.record_id, userId: x.user_id }));
}

export async function organisationName(q: Queryable, orgId: string, locale: string): Promise<string> {
  const r = await q.execute<{ names: Record<string, string>; languages: string[] }>(sql`SELECT names, languages FROM organisation WHERE id = ${orgId}`);
  const o = r.rows[0];
  if (!o) return '';
  return o.names[locale] ?? o.names[o.languages[0]] ?? Object.values(o.names)[0] ?? '';
}
