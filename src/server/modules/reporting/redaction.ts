/**
 * Redaction (issue 18, GDPR data minimisation): a recipient masks passages of an answer or a
 * message that hold personal data irrelevant to the case, and may later delete the original for
 * good.
 *
 * The masked text replaces the original where it is stored (the report's content, the message's
 * body), so every reader of the report (recipients, investigator, advisers, exports) gets the
 * masked text without knowing about redaction. The original moves into `report_redaction`,
 * encrypted under the report key, with the SHA-256 of it in clear: the reporter's portal still
 * shows the reporter what they wrote until the original is deleted, and afterwards the masked text
 * with that hash, which the reporter can check against their own copy.
 *
 * Both steps are recipients' steps: If-Match on the report's revision (409 when stale), audited
 * with ids only, and a line in the report's history.
 */
import { createHash, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Queryable, Tx } from '../../platform/db/pool.js';
import { EditConflict } from '../../platform/db/revision.js';
import { withOrgTx } from '../../platform/db/tx.js';
import { conflict, forbidden, invalid, notFound } from '../../platform/errors.js';
import { decryptText, encryptField, openRecordKey, type OpenRecordKey } from '../../platform/vault/index.js';
import type { AnswerView, MessageView } from './contract.js';
import { addEvent, CONTENT_FIELD, messageField, openContent, refOf, type ReportingContext, type ReportingCtx } from './context.js';
import { MASK, type MaskBody, type RedactionTarget, type RedactionView, type TextRange } from './redaction-contract.js';
import * as repo from './repo.js';

const originalField = (id: string) => `redaction:${id}:original`;
const marksField = (id: string) => `redaction:${id}:marks`;

export const sha256Hex = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

/**
 * Masks `ranges` of `text`, in which `marks` are the masks already there. Every masked stretch,
 * old masks and new ranges that touch or overlap included, becomes one MASK, whatever its length.
 * A range never splits a character written as two UTF-16 units.
 */
export function applyMask(text: string, marks: readonly TextRange[], ranges: readonly TextRange[]): { text: string; marks: TextRange[] } {
  const masked = new Uint8Array(text.length);
  const isLow = (i: number) => i > 0 && i < text.length && (text.charCodeAt(i) & 0xfc00) === 0xdc00;
  for (const r of ranges) {
    if (r.start >= r.end || r.end > text.length) throw invalid('reporting_redaction_range', 'ranges');
    const start = isLow(r.start) ? r.start - 1 : r.start;
    const end = isLow(r.end) ? r.end + 1 : r.end;
    masked.fill(1, start, end);
  }
  for (const m of marks) masked.fill(1, m.start, m.end);
  let out = '';
  const next: TextRange[] = [];
  for (let i = 0; i < text.length;) {
    if (!masked[i]) {
      let j = i;
      while (j < text.length && !masked[j]) j++;
      out += text.slice(i, j);
      i = j;
    } else {
      while (i < text.length && masked[i]) i++;
      next.push({ start: out.length, end: out.length + MASK.length });
      out += MASK;
    }
  }
  return { text: out, marks: next };
}

type RedactionRow = {
  id: string; target: RedactionTarget; target_id: string; original: Buffer | null; marks: Buffer; original_sha256: string;
  masked_on: string; masked_by: string | null; masked_by_name: string | null; original_deleted_on: string | null;
};

async function listRedactions(q: Queryable, orgId: string, reportId: string, target?: { kind: RedactionTarget; id: string }): Promise<RedactionRow[]> {
  const r = await q.execute<RedactionRow>(sql`
    SELECT x.id, x.target, x.target_id, x.original, x.marks, x.original_sha256, x.masked_on, x.masked_by, x.original_deleted_on,
           (SELECT coalesce(m.display_name, u.display_name) FROM app_user u LEFT JOIN organisation_member m ON m.user_id = u.id AND m.organisation_id = x.organisation_id
             WHERE u.id = x.masked_by) AS masked_by_name
      FROM report_redaction x
     WHERE x.organisation_id = ${orgId} AND x.report_id = ${reportId}
       ${target ? sql`AND x.target = ${target.kind} AND x.target_id = ${target.id}` : sql``}
     ORDER BY x.masked_on, x.id`);
  return r.rows;
}

const marksOf = (key: OpenRecordKey, r: RedactionRow): TextRange[] => JSON.parse(decryptText(key, marksField(r.id), r.marks)) as TextRange[];

/**
 * Puts what readers may know of the masking on the answers and messages of a view. Recipients see
 * the masked text, where the masks are, who masked it and when. The reporter sees their own
 * original (their answers, their messages) as long as it is kept; then the masked text and the hash.
 */
export async function withRedactions(tx: Queryable, key: OpenRecordKey, v: { answers: AnswerView[]; messages: MessageView[] }, reader: 'recipient' | 'reporter'): Promise<void> {
  const rows = await listRedactions(tx, key.organisationId, key.recordId);
  for (const r of rows) {
    const item = r.target === 'answer' ? v.answers.find((a) => a.questionId === r.target_id) : v.messages.find((m) => m.id === r.target_id);
    if (!item) continue;
    const own = r.target === 'answer' || (item as MessageView).author === 'reporter';
    const showOriginal = reader === 'reporter' && own && r.original !== null;
    const view: RedactionView = {
      id: r.id, marks: showOriginal ? [] : marksOf(key, r), maskedOn: r.masked_on, sha256: r.original_sha256,
      originalKept: r.original !== null, originalDeletedOn: r.original_deleted_on,
      ...(reader === 'recipient' ? { maskedBy: r.masked_by_name } : {}),
    };
    if (showOriginal) {
      const original = decryptText(key, originalField(r.id), r.original!);
      if ('value' in item) item.value = original;
      else item.body = original;
    }
    item.redaction = view;
  }
}

export function makeRedaction(c: ReportingContext) {
  /** The report locked for a recipient's step on the revision they saw; 404 without a grant, 403 without the recipient's part. */
  async function recipientStep(tx: Tx, ctx: ReportingCtx, orgId: string, reportId: string, expected: number): Promise<repo.ReportRow> {
    const row = await repo.findVisibleReport(tx, orgId, reportId, ctx.actor.userId, { forUpdate: true });
    if (!row) throw notFound('report');
    if (row.revision !== expected) throw new EditConflict({ revision: row.revision });
    if (!row.kinds.includes('recipient')) throw forbidden();
    return row;
  }

  const bump = (tx: Queryable, orgId: string, reportId: string) =>
    tx.execute(sql`UPDATE report SET revision = revision + 1 WHERE organisation_id = ${orgId} AND id = ${reportId}`);

  return {
    /** Masks passages (or all) of an answer or a message; the first masking keeps the original and its hash. */
    maskPassages(ctx: ReportingCtx, orgId: string, reportId: string, b: MaskBody, expected: number): Promise<{ id: string; revision: number }> {
      return withOrgTx(c.db, orgId, async (tx) => {
        const row = await recipientStep(tx, ctx, orgId, reportId, expected);
        const key = await openRecordKey(tx, refOf(orgId, reportId), { userId: ctx.actor.userId, sessionId: ctx.actor.sessionId });
        const [existing] = await listRedactions(tx, orgId, reportId, { kind: b.target, id: b.targetId });

        // The text as readers see it now, and how to store its masked version.
        let current: string;
        let store: (masked: string) => Promise<void>;
        if (b.target === 'answer') {
          const content = openContent(key, row.content);
          const q = content.questions.find((x) => x.id === b.targetId);
          const value = content.answers[b.targetId];
          if (!q || value === undefined || value === '') throw notFound('report_answer');
          // Dates and choices hold no free text to mask.
          if (q.kind !== 'text' && q.kind !== 'longtext') throw invalid('reporting_redaction_not_text', 'targetId');
          current = value;
          store = async (masked) => {
            content.answers[b.targetId] = masked;
            await tx.execute(sql`UPDATE report SET content = ${encryptField(key, CONTENT_FIELD, JSON.stringify(content))} WHERE organisation_id = ${orgId} AND id = ${reportId}`);
          };
        } else {
          const m = (await repo.listMessages(tx, orgId, reportId)).find((x) => x.id === b.targetId);
          if (!m) throw notFound('report_message');
          current = decryptText(key, messageField(m.id), m.body);
          store = async (masked) => {
            await tx.execute(sql`UPDATE report_message SET body = ${encryptField(key, messageField(m.id), masked)} WHERE organisation_id = ${orgId} AND id = ${m.id}`);
          };
        }

        const before = existing ? marksOf(key, existing) : [];
        const after = applyMask(current, before, b.whole ? [{ start: 0, end: current.length }] : b.ranges!);
        if (after.text === current) throw invalid('reporting_redaction_nothing', 'ranges');
        const today = c.today();
        const id = existing?.id ?? randomUUID();
        if (existing) {
          await tx.execute(sql`
            UPDATE report_redaction SET marks = ${encryptField(key, marksField(id), JSON.stringify(after.marks))}, masked_on = ${today}::date, masked_by = ${ctx.actor.userId}
             WHERE organisation_id = ${orgId} AND id = ${id}`);
        } else {
          // The hash is taken from the original before anything of it is replaced.
          await tx.execute(sql`
            INSERT INTO report_redaction (id, organisation_id, report_id, target, target_id, original, marks, original_sha256, masked_on, masked_by)
            VALUES (${id}, ${orgId}, ${reportId}, ${b.target}, ${b.targetId}, ${encryptField(key, originalField(id), current)},
                    ${encryptField(key, marksField(id), JSON.stringify(after.marks))}, ${sha256Hex(current)}, ${today}::date, ${ctx.actor.userId})`);
        }
        await store(after.text);
        await bump(tx, orgId, reportId);
        await addEvent(tx, key, { orgId, reportId, kind: 'redacted', on: today, byUserId: ctx.actor.userId, details: { redactionId: id, target: b.target, targetId: b.targetId } });
        await c.audit(tx, ctx, orgId, 'reporting.redaction_masked', reportId, { redactionId: id, target: b.target, targetId: b.targetId, masks: after.marks.length });
        return { id, revision: row.revision + 1 };
      });
    },

    /** Deletes the original of a masked answer or message for good: from now on only the masked text and the hash remain. */
    deleteMaskedOriginal(ctx: ReportingCtx, orgId: string, reportId: string, redactionId: string, expected: number): Promise<{ id: string; revision: number }> {
      return withOrgTx(c.db, orgId, async (tx) => {
        const row = await recipientStep(tx, ctx, orgId, reportId, expected);
        const r = await tx.execute<{ original_deleted_on: string | null }>(sql`
          SELECT original_deleted_on FROM report_redaction WHERE organisation_id = ${orgId} AND report_id = ${reportId} AND id = ${redactionId} FOR UPDATE`);
        if (!r.rows[0]) throw notFound('report_redaction');
        if (r.rows[0].original_deleted_on !== null) throw conflict('reporting_redaction_deleted');
        const today = c.today();
        await tx.execute(sql`
          UPDATE report_redaction SET original = NULL, original_deleted_on = ${today}::date, original_deleted_by = ${ctx.actor.userId}
           WHERE organisation_id = ${orgId} AND id = ${redactionId}`);
        await bump(tx, orgId, reportId);
        await addEvent(tx, null, { orgId, reportId, kind: 'redaction_original_deleted', on: today, byUserId: ctx.actor.userId, details: { redactionId } });
        await c.audit(tx, ctx, orgId, 'reporting.redaction_original_deleted', reportId, { redactionId });
        return { id: redactionId, revision: row.revision + 1 };
      });
    },
  };
}
