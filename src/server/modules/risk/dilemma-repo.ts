/** Queries of the dilemma inventory; every one filters on the organisation (and runs under its RLS scope). */
import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/pool.js';
import type { DilemmaListQuery } from './dilemma-contract.js';
import { riskDilemma } from './dilemma-schema.js';

export type DilemmaRow = typeof riskDilemma.$inferSelect & { authorName: string | null };
export type NewDilemmaRow = typeof riskDilemma.$inferInsert;

export async function insertDilemma(q: Queryable, row: NewDilemmaRow): Promise<void> {
  await q.insert(riskDilemma).values(row);
}

const authorName = sql<string | null>`(SELECT u.display_name FROM app_user u WHERE u.id = ${riskDilemma.submittedBy})`;

function filterOf(orgId: string, f: DilemmaListQuery): SQL {
  const parts: SQL[] = [eq(riskDilemma.organisationId, orgId)];
  if (f.status) parts.push(eq(riskDilemma.status, f.status));
  if (f.processCode) parts.push(eq(riskDilemma.processCode, f.processCode));
  if (f.theme) parts.push(sql`${riskDilemma.themes} @> ARRAY[${f.theme}]::text[]`);
  return and(...parts)!;
}

/** Newest day first; within a day by id (random), so the order says nothing about the time of day. */
export async function listDilemmas(q: Queryable, orgId: string, f: DilemmaListQuery): Promise<DilemmaRow[]> {
  return q.select({ ...columns(), authorName }).from(riskDilemma).where(filterOf(orgId, f))
    .orderBy(desc(riskDilemma.submittedOn), riskDilemma.id) as Promise<DilemmaRow[]>;
}

export async function findDilemma(q: Queryable, orgId: string, id: string): Promise<DilemmaRow | undefined> {
  const rows = await q.select({ ...columns(), authorName }).from(riskDilemma)
    .where(and(eq(riskDilemma.organisationId, orgId), eq(riskDilemma.id, id)));
  return rows[0] as DilemmaRow | undefined;
}

/** The person's own named submissions (anonymous ones carry no author, so they are nobody's). */
export async function listOwnDilemmas(q: Queryable, orgId: string, userId: string) {
  return q.select({
    id: riskDilemma.id, content: riskDilemma.content, processCode: riskDilemma.processCode, themes: riskDilemma.themes,
    submittedOn: riskDilemma.submittedOn, status: riskDilemma.status,
  }).from(riskDilemma)
    .where(and(eq(riskDilemma.organisationId, orgId), eq(riskDilemma.submittedBy, userId)))
    .orderBy(desc(riskDilemma.submittedOn), riskDilemma.id);
}

function columns() {
  const { id, organisationId, content, whatIDid, whatWouldHelp, processCode, themes, submittedBy, submittedOn, status, officerNote, updatedBy, updatedAt, revision } = riskDilemma;
  return { id, organisationId, content, whatIDid, whatWouldHelp, processCode, themes, submittedBy, submittedOn, status, officerNote, updatedBy, updatedAt, revision };
}
