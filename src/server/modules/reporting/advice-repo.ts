/**
 * Queries of core-group advice and of the protection against reprisals. Every query filters on the
 * organisation and runs in its withOrgTx scope; days come from the service's clock.
 */
import { sql } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/pool.js';
import { grantedTo, RECORD_TYPE } from './repo.js';

const NAME = (col: string) => sql`(SELECT coalesce(m.display_name, u.display_name) FROM app_user u
  LEFT JOIN organisation_member m ON m.user_id = u.id AND m.organisation_id = x.organisation_id WHERE u.id = ${sql.raw(col)})`;

/** "The member's key grant on the report still opens" (not expired, not revoked). */
const grantActive = (userCol: string) => sql`EXISTS (
  SELECT 1 FROM record_key k JOIN record_key_grant g ON g.record_key_id = k.id
   WHERE k.organisation_id = x.organisation_id AND k.record_type = ${RECORD_TYPE} AND k.record_id = x.report_id
     AND g.holder_kind = 'user' AND g.user_id = ${sql.raw(userCol)} AND (g.expires_at IS NULL OR g.expires_at > now()))`;

/** Everyone's parts in a report (recipient, investigator, adviser …), by person. */
export async function partsByUser(q: Queryable, orgId: string, reportId: string): Promise<Map<string, string[]>> {
  const r = await q.execute<{ user_id: string; kind: string }>(sql`SELECT user_id, kind FROM report_access WHERE organisation_id = ${orgId} AND report_id = ${reportId}`);
  const m = new Map<string, string[]>();
  for (const x of r.rows) m.set(x.user_id, [...(m.get(x.user_id) ?? []), x.kind]);
  return m;
}

// Advice -------------------------------------------------------------------------------------------

export async function insertAdviceRequest(q: Queryable, r: { id: string; orgId: string; reportId: string; askedBy: string; question: Buffer; askedOn: string; untilOn: string }) {
  await q.execute(sql`
    INSERT INTO report_advice_request (id, organisation_id, report_id, asked_by_user_id, question, asked_on, until_on)
    VALUES (${r.id}, ${r.orgId}, ${r.reportId}, ${r.askedBy}, ${r.question}, ${r.askedOn}::date, ${r.untilOn}::date)`);
}

export async function insertAdviceMember(q: Queryable, orgId: string, requestId: string, reportId: string, userId: string) {
  await q.execute(sql`INSERT INTO report_advice (organisation_id, request_id, report_id, user_id) VALUES (${orgId}, ${requestId}, ${reportId}, ${userId})`);
}

export type AdviceRequestRow = {
  id: string; asked_by_user_id: string | null; asked_by_name: string | null; question: Buffer; asked_on: string; until_on: string; withdrawn_on: string | null;
};
export type AdviceMemberRow = {
  request_id: string; user_id: string; display_name: string | null; advice: Buffer | null; given_on: string | null; active: boolean;
};

export async function listAdviceRequests(q: Queryable, orgId: string, reportId: string): Promise<AdviceRequestRow[]> {
  const r = await q.execute<AdviceRequestRow>(sql`
    SELECT x.id, x.asked_by_user_id, ${NAME('x.asked_by_user_id')} AS asked_by_name, x.question, x.asked_on::text, x.until_on::text, x.withdrawn_on::text
      FROM report_advice_request x WHERE x.organisation_id = ${orgId} AND x.report_id = ${reportId} ORDER BY x.asked_on, x.id`);
  return r.rows;
}

export async function listAdviceMembers(q: Queryable, orgId: string, reportId: string): Promise<AdviceMemberRow[]> {
  const r = await q.execute<AdviceMemberRow>(sql`
    SELECT x.request_id, x.user_id, ${NAME('x.user_id')} AS display_name, x.advice, x.given_on::text, ${grantActive('x.user_id')} AS active
      FROM report_advice x WHERE x.organisation_id = ${orgId} AND x.report_id = ${reportId} ORDER BY x.request_id, x.user_id`);
  return r.rows;
}

/** The people among `userIds` still waiting to give advice on the report with a grant that opens (a request running). */
export async function waitingAdvisers(q: Queryable, orgId: string, reportId: string, userIds: readonly string[]): Promise<string[]> {
  if (userIds.length === 0) return [];
  const r = await q.execute<{ user_id: string }>(sql`
    SELECT DISTINCT x.user_id FROM report_advice x JOIN report_advice_request rq ON rq.organisation_id = x.organisation_id AND rq.id = x.request_id
     WHERE x.organisation_id = ${orgId} AND x.report_id = ${reportId} AND x.given_on IS NULL AND rq.withdrawn_on IS NULL
       AND x.user_id = ANY(${`{${userIds.join(',')}}`}::uuid[]) AND ${grantActive('x.user_id')}`);
  return r.rows.map((x) => x.user_id);
}

/** The member's open request on the report (asked, not answered, not withdrawn), locked. */
export async function openAdviceOf(q: Queryable, orgId: string, reportId: string, requestId: string, userId: string) {
  const r = await q.execute<{ request_id: string; asked_by_user_id: string | null }>(sql`
    SELECT x.request_id, rq.asked_by_user_id FROM report_advice x
      JOIN report_advice_request rq ON rq.organisation_id = x.organisation_id AND rq.id = x.request_id
     WHERE x.organisation_id = ${orgId} AND x.report_id = ${reportId} AND x.request_id = ${requestId} AND x.user_id = ${userId}
       AND x.given_on IS NULL AND rq.withdrawn_on IS NULL
     FOR UPDATE OF x`);
  return r.rows[0];
}

export async function saveAdvice(q: Queryable, orgId: string, requestId: string, userId: string, advice: Buffer, today: string) {
  await q.execute(sql`UPDATE report_advice SET advice = ${advice}, given_on = ${today}::date
    WHERE organisation_id = ${orgId} AND request_id = ${requestId} AND user_id = ${userId}`);
}

/** Withdraws a running request; returns the members who had not answered. */
export async function withdrawAdviceRequest(q: Queryable, orgId: string, reportId: string, requestId: string, today: string): Promise<string[] | null> {
  const r = await q.execute(sql`UPDATE report_advice_request SET withdrawn_on = ${today}::date
    WHERE organisation_id = ${orgId} AND report_id = ${reportId} AND id = ${requestId} AND withdrawn_on IS NULL RETURNING id`);
  if (r.rows.length === 0) return null;
  const m = await q.execute<{ user_id: string }>(sql`SELECT user_id FROM report_advice
    WHERE organisation_id = ${orgId} AND request_id = ${requestId} AND given_on IS NULL`);
  return m.rows.map((x) => x.user_id);
}

/** What the day after `until` begins as, in Belgium: the moment a member's grant stops opening. */
export async function endOfDayInBelgium(q: Queryable, until: string): Promise<Date> {
  const r = await q.execute<{ s: number }>(sql`SELECT extract(epoch FROM ((${until}::date + 1)::timestamp AT TIME ZONE 'Europe/Brussels'))::float8 AS s`);
  return new Date(Number(r.rows[0].s) * 1000);
}

/** Mail addresses and languages of enabled members of the organisation. */
export async function mailTargets(q: Queryable, orgId: string, userIds: readonly string[]): Promise<{ id: string; email: string; locale: string }[]> {
  if (userIds.length === 0) return [];
  const r = await q.execute<{ id: string; email: string; locale: string }>(sql`
    SELECT u.id, u.email, u.locale FROM app_user u JOIN organisation_member m ON m.user_id = u.id AND m.organisation_id = ${orgId}
     WHERE u.id = ANY(${`{${userIds.join(',')}}`}::uuid[]) AND u.disabled_at IS NULL ORDER BY u.email`);
  return r.rows;
}

/** Open advice requests waiting for the person (home figure of a core-group member). */
export async function adviceWaitingFor(q: Queryable, orgId: string, userId: string): Promise<number> {
  const r = await q.execute<{ n: number }>(sql`
    SELECT count(*)::int AS n FROM report_advice x JOIN report_advice_request rq ON rq.organisation_id = x.organisation_id AND rq.id = x.request_id
     WHERE x.organisation_id = ${orgId} AND x.user_id = ${userId} AND x.given_on IS NULL AND rq.withdrawn_on IS NULL AND ${grantActive('x.user_id')}`);
  return r.rows[0].n;
}

// Protection against reprisals -------------------------------------------------------------------

export async function insertMeasure(q: Queryable, m: { id: string; orgId: string; reportId: string; description: Buffer; takenOn: string; recordedOn: string; by: string }) {
  await q.execute(sql`
    INSERT INTO report_protective_measure (id, organisation_id, report_id, description, taken_on, recorded_on, recorded_by_user_id)
    VALUES (${m.id}, ${m.orgId}, ${m.reportId}, ${m.description}, ${m.takenOn}::date, ${m.recordedOn}::date, ${m.by})`);
}

export type MeasureRow = { id: string; description: Buffer; taken_on: string; recorded_on: string; recorded_by: string | null };
export async function listMeasures(q: Queryable, orgId: string, reportId: string): Promise<MeasureRow[]> {
  const r = await q.execute<MeasureRow>(sql`
    SELECT x.id, x.description, x.taken_on::text, x.recorded_on::text, ${NAME('x.recorded_by_user_id')} AS recorded_by
      FROM report_protective_measure x WHERE x.organisation_id = ${orgId} AND x.report_id = ${reportId} ORDER BY x.taken_on, x.recorded_on, x.id`);
  return r.rows;
}

export type ReprisalRow = {
  id: string; seq: number; check_months: number | null; suffered: boolean; description: Buffer | null; answered_on: string; handled_on: string | null; handled_by: string | null;
};
export async function listReprisals(q: Queryable, orgId: string, reportId: string): Promise<ReprisalRow[]> {
  const r = await q.execute<ReprisalRow>(sql`
    SELECT x.id, x.seq, x.check_months, x.suffered, x.description, x.answered_on::text, x.handled_on::text, ${NAME('x.handled_by_user_id')} AS handled_by
      FROM report_reprisal x WHERE x.organisation_id = ${orgId} AND x.report_id = ${reportId} ORDER BY x.seq`);
  return r.rows;
}

/** Adds the reporter's answer with the next number of the report (the caller holds the report's row lock). */
export async function insertReprisal(q: Queryable, x: { id: string; orgId: string; reportId: string; checkMonths: number | null; suffered: boolean; description: Buffer | null; on: string }) {
  await q.execute(sql`
    INSERT INTO report_reprisal (id, organisation_id, report_id, seq, check_months, suffered, description, answered_on)
    VALUES (${x.id}, ${x.orgId}, ${x.reportId},
            (SELECT coalesce(max(seq), 0) + 1 FROM report_reprisal WHERE organisation_id = ${x.orgId} AND report_id = ${x.reportId}),
            ${x.checkMonths}, ${x.suffered}, ${x.description}, ${x.on}::date)`);
}

export async function markReprisalHandled(q: Queryable, orgId: string, reportId: string, reprisalId: string, userId: string, today: string): Promise<boolean> {
  const r = await q.execute(sql`UPDATE report_reprisal SET handled_on = ${today}::date, handled_by_user_id = ${userId}
    WHERE organisation_id = ${orgId} AND report_id = ${reportId} AND id = ${reprisalId} AND suffered AND handled_on IS NULL RETURNING id`);
  return r.rows.length > 0;
}

/** Reports the person receives (and can open) with a reprisal reported that nobody dealt with yet. */
export async function reprisalsWaitingFor(q: Queryable, orgId: string, userId: string): Promise<number> {
  const r = await q.execute<{ n: number }>(sql`
    SELECT count(*)::int AS n FROM report r
     WHERE r.organisation_id = ${orgId} AND ${grantedTo(userId)}
       AND EXISTS (SELECT 1 FROM report_access a WHERE a.organisation_id = r.organisation_id AND a.report_id = r.id AND a.user_id = ${userId} AND a.kind = 'recipient')
       AND EXISTS (SELECT 1 FROM report_reprisal x WHERE x.organisation_id = r.organisation_id AND x.report_id = r.id AND x.suffered AND x.handled_on IS NULL)`);
  return r.rows[0].n;
}

/** Locks the report's row (the reporter's answers take the next number under it). */
export async function lockReport(q: Queryable, orgId: string, reportId: string): Promise<{ acknowledged_on: string | null } | undefined> {
  const r = await q.execute<{ acknowledged_on: string | null }>(sql`
    SELECT acknowledged_on::text FROM report WHERE organisation_id = ${orgId} AND id = ${reportId} FOR UPDATE`);
  return r.rows[0];
}
