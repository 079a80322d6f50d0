/**
 * Filing a report: from the organisation's public page (anyone, signed in or not) or by a
 * confidential counsellor for someone who came to them. The report goes to the primary recipients
 * the reporter did not exclude, or, when every primary is excluded, to the alternates; its key is
 * sealed to them, to the organisation's escrow key and under the receipt, which is shown once and
 * stored only as an Argon2id look-up hash.
 */
import { randomUUID } from 'node:crypto';
import { isIsoDay } from '../../platform/deadlines/service.js';
import { withOrgTx } from '../../platform/db/tx.js';
import { conflict, invalid } from '../../platform/errors.js';
import type { Upload } from '../../platform/http/upload.js';
import { createRecordKey, encryptField, escrowStatus, newReceipt, normaliseReceipt, receiptLookupHash } from '../../platform/vault/index.js';
import { LOCALES, type Locale } from '../../../shared/roles.js';
import type { Queryable } from '../../platform/db/pool.js';
import type { NewReportBody, Question } from './contract.js';
import {
  addEvent, addMessage, cleanFiles, CONTENT_FIELD, refOf, storeFiles, type ReportContent, type ReportingContext, type ReportingCtx,
} from './context.js';
import { syncReportDeadlines } from './deadlines.js';
import { DEFAULT_RECIPIENT_ROLES, ESCALATION_ROLES, RECIPIENT_ROLES } from './policy.js';
import * as repo from './repo.js';

/** Short answers stay short (a text question is one line on the form). */
const SHORT_ANSWER = 1_000;

/**
 * The answers checked against the questions (each error names `answers.<question id>`): unknown
 * questions refused, required ones present, dates real days not in the future, choices one of the
 * options. Empty answers are dropped.
 */
export function checkAnswers(questions: readonly Question[], answers: Record<string, string>, today: string): Record<string, string> {
  const byId = new Map(questions.map((q) => [q.id, q]));
  for (const id of Object.keys(answers)) if (!byId.has(id)) throw invalid('reporting_answer_unknown', `answers.${id}`);
  const out: Record<string, string> = {};
  for (const q of questions) {
    const v = (answers[q.id] ?? '').trim();
    const field = `answers.${q.id}`;
    if (v === '') {
      if (q.required) throw invalid('reporting_answer_required', field);
      continue;
    }
    if (q.kind === 'text' && v.length > SHORT_ANSWER) throw invalid('reporting_answer_too_long', field, { max: SHORT_ANSWER });
    if (q.kind === 'date' && (!isIsoDay(v) || v > today)) throw invalid('reporting_answer_invalid', field);
    if (q.kind === 'choice' && !q.options?.some((o) => o.id === v)) throw invalid('reporting_answer_invalid', field);
    out[q.id] = v;
  }
  return out;
}

/** Who receives: the primaries not excluded, else the alternates not excluded; null when nobody is left. */
export function route(primaries: readonly string[], alternates: readonly string[], excluded: ReadonlySet<string>): { to: string[]; routedTo: 'primary' | 'alternate' } | null {
  const p = primaries.filter((u) => !excluded.has(u));
  if (p.length) return { to: p, routedTo: 'primary' };
  const a = alternates.filter((u) => !excluded.has(u));
  return a.length ? { to: a, routedTo: 'alternate' } : null;
}

export interface Channel {
  primaries: repo.Person[];
  alternates: repo.Person[];
}

/**
 * The organisation's recipients as they stand on `today`: configured people who still hold a role of
 * the module (the current integrity officers when no primary is configured).
 */
export async function channelRecipients(tx: Queryable, orgId: string, today: string): Promise<Channel> {
  const configured = await repo.listRecipients(tx, orgId);
  const people = new Map((await repo.peopleWithRoles(tx, orgId, RECIPIENT_ROLES, today, configured.map((c) => c.userId))).map((p) => [p.userId, p]));
  const pick = (kind: string) => configured.filter((c) => c.kind === kind).map((c) => people.get(c.userId)).filter((p): p is repo.Person => p !== undefined);
  const primaries = configured.some((c) => c.kind === 'primary') ? pick('primary') : await repo.peopleWithRoles(tx, orgId, DEFAULT_RECIPIENT_ROLES, today);
  return { primaries, alternates: pick('alternate') };
}

/**
 * Whether the public page takes reports: the channel is open, the organisation has its escrow key
 * (without it no report could be recovered), and at least one recipient can already open a report
 * (has a key pair).
 */
export async function channelOffered(tx: Queryable, orgId: string, today: string): Promise<boolean> {
  const settings = await repo.findSettings(tx, orgId);
  if (!settings.open || !(await escrowStatus(tx, orgId))) return false;
  const ch = await channelRecipients(tx, orgId, today);
  return [...ch.primaries, ...ch.alternates].some((p) => p.hasKeyPair);
}

export interface FilingInput {
  orgId: string;
  body: NewReportBody;
  uploads: readonly Upload[];
  /** The language of the request (the reporter's page), when the body names none. */
  locale: Locale;
  /** The counsellor filing for someone; absent for the public page. */
  counsellor?: ReportingCtx;
}

export function makeFiling(c: ReportingContext) {
  return {
    /** Files a report; returns its id, reference and the receipt (shown once, kept nowhere). */
    async fileReport(input: FilingInput): Promise<{ id: string; reference: string; receipt: string }> {
      const { body, orgId } = input;
      if (body.identityMode === 'anonymous' && (body.name || body.contact)) throw invalid('reporting_identity_not_allowed', body.name ? 'name' : 'contact');
      if (body.identityMode !== 'anonymous' && !body.name) throw invalid('reporting_name_required', 'name');
      // Checked and cleaned before the transaction: nothing is stored when a file is refused.
      const files = await cleanFiles(input.uploads);
      const today = c.today();
      const counsellorId = input.counsellor?.actor.userId ?? null;

      return withOrgTx(c.db, orgId, async (tx) => {
        const settings = await repo.findSettings(tx, orgId);
        if (!counsellorId && !(await channelOffered(tx, orgId, today))) throw conflict('reporting_not_open');
        const answers = checkAnswers(settings.questions, body.answers, today);
        const ch = await channelRecipients(tx, orgId, today);
        const listed = new Set([...ch.primaries, ...ch.alternates].map((p) => p.userId));
        const excluded = new Set(body.exclude);
        for (const [i, u] of body.exclude.entries()) if (!listed.has(u)) throw invalid('reporting_exclude_unknown', `exclude.${i}`);
        const routed = route(ch.primaries.map((p) => p.userId), ch.alternates.map((p) => p.userId), excluded);
        if (!routed) throw invalid('reporting_no_recipient', 'exclude');

        const receipt = newReceipt();
        const digits = normaliseReceipt(receipt)!;
        const receiptHash = await receiptLookupHash(tx, orgId, digits);
        const id = randomUUID();
        const holders = [...new Set([...routed.to, ...(counsellorId ? [counsellorId] : [])])];
        const { recordKey } = await createRecordKey(tx, refOf(orgId, id), { users: holders, secret: digits, grantedBy: counsellorId });

        const language = body.language ?? input.locale;
        const content: ReportContent = {
          v: 1, language, name: body.name ?? null, contact: body.contact ?? null, answers, questions: settings.questions,
          excluded: [...excluded], routedTo: routed.routedTo,
        };
        const autoAck = settings.autoAck ? pickText(settings.autoAck, language) : null;
        const encrypted = encryptField(recordKey, CONTENT_FIELD, JSON.stringify(content));
        // The reference comes last (below): the organisation's yearly counter row stays locked until
        // commit, so concurrent filings must not wait on it while this one writes its file.
        await repo.insertReport(tx, {
          id, organisationId: orgId, reference: `pending-${id}`, identityMode: body.identityMode, filedVia: counsellorId ? 'counsellor' : 'portal', category: body.category ?? null,
          status: autoAck ? 'acknowledged' : 'received', receivedOn: today, acknowledgedOn: autoAck ? today : null, receiptHash,
          content: encrypted,
        });
        for (const u of routed.to) await repo.addAccess(tx, orgId, id, u, 'recipient', today);
        if (counsellorId) await repo.addAccess(tx, orgId, id, counsellorId, 'counsellor', today);
        // Chiefs told when a deadline passes, unless the reporter excluded them (they would learn the report exists).
        for (const chief of await repo.peopleWithRoles(tx, orgId, ESCALATION_ROLES, today)) {
          if (!excluded.has(chief.userId)) await repo.addAccess(tx, orgId, id, chief.userId, 'escalation', today);
        }
        await addEvent(tx, recordKey, { orgId, reportId: id, kind: 'received', on: today, byUserId: counsellorId, details: { filedVia: counsellorId ? 'counsellor' : 'portal' } });
        if (files.length) await storeFiles(tx, recordKey, files, { messageId: null, addedBy: 'reporter', today });
        if (autoAck) {
          await addEvent(tx, recordKey, { orgId, reportId: id, kind: 'acknowledged', on: today, byUserId: null, details: { automatic: true } });
          await addMessage(tx, recordKey, { author: 'recipient', authorUserId: null, purpose: 'acknowledgement', body: autoAck, today });
        }
        const reference = await repo.nextReference(tx, orgId, Number(today.slice(0, 4)));
        await repo.setReference(tx, orgId, id, reference);
        if (input.counsellor) {
          // A counsellor's action is theirs: audited, and its deadlines set now. A reporter's own filing
          // writes neither (an audit row's and a deadline row's exact time would date the report).
          await c.audit(tx, input.counsellor, orgId, 'reporting.report_filed', id, { filedVia: 'counsellor', files: files.length, recipients: routed.to.length });
          await syncReportDeadlines(tx, orgId, [id]);
        }
        return { id, reference, receipt };
      });
    },
  };
}

/** A text in the reporter's language, else the first the organisation wrote. */
export function pickText(t: Record<string, string | undefined>, lang: Locale): string | null {
  const v = t[lang]?.trim();
  if (v) return t[lang]!;
  for (const l of LOCALES) if (t[l]?.trim()) return t[l]!;
  return null;
}
