/**
 * The staff's side: the list of complaints a person sees, the complaint decrypted with their own key,
 * its files, and the steps (acknowledge, triage, assign, forward, notes and hearing records,
 * documents, answer, closure). Every read of a complaint or a file is audited (ids only, never
 * content); every step is audited, checked against the revision the person saw (409 when stale) and
 * brings the complaint's deadlines in step in the same transaction.
 */
import type { Tx } from '../../platform/db/pool.js';
import { EditConflict } from '../../platform/db/revision.js';
import { withOrgTx } from '../../platform/db/tx.js';
import { AppError, conflict, forbidden, invalid, notFound } from '../../platform/errors.js';
import { CONTENT_TYPES, languageTag, paragraphs, recordExport, renderDocument, type ExportDocument } from '../../platform/export/index.js';
import type { Upload } from '../../platform/http/upload.js';
import { isLocale, translate } from '../../platform/i18n/index.js';
import { decryptText, encryptField, grantRecordKey, hasRecordGrant, openRecordKey, revokeRecordKey, type OpenRecordKey } from '../../platform/vault/index.js';
import { DEFAULT_LOCALE, type Locale } from '../../../shared/roles.js';
import type {
  Action, AnswerBody, CloseBody, ComplaintStatus, ComplaintSummary, ComplaintView, EntryBody, EntryView, ForwardBody, ListQuery, TriageBody,
} from './contract.js';
import {
  addEntry, addEvent, ANSWER_FIELD, cleanFiles, entryField, eventField, fileViews, listItem, openContent, readFile, refOf, storeFiles,
  type ComplaintsContext, type ComplaintsCtx,
} from './context.js';
import { syncComplaintDeadlines } from './deadlines.js';
import { answerLabels, decisionLabels } from './messages.js';
import { ASSIGNABLE_ROLES, COORDINATOR_ROLES, permissions, seesAll } from './policy.js';
import * as repo from './repo.js';
import './vault-holders.js';

const fmtDay = (iso: string, locale: Locale) => new Date(`${iso}T12:00:00Z`).toLocaleDateString(languageTag(locale), { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** The answer template in the complainant's language with its placeholders filled. */
export function fillTemplate(template: string, v: { reference: string; receivedOn: string; decision: string }): string {
  return template.replace(/\{(reference|receivedOn|decision)\}/g, (_m, k: keyof typeof v) => v[k]);
}

export function makeHandling(c: ComplaintsContext) {
  const { db } = c;

  const partOf = (ctx: ComplaintsCtx, orgId: string, row: repo.ComplaintRow) => ({
    coordinator: seesAll(ctx.actor, orgId),
    handler: row.handler_user_id === ctx.actor.userId,
  });

  /** The complaint if the person may see it; otherwise not found, whatever the reason. */
  async function visible(tx: Tx, ctx: ComplaintsCtx, orgId: string, id: string, forUpdate = false): Promise<repo.ComplaintRow> {
    const row = await repo.findVisible(tx, orgId, id, ctx.actor.userId, seesAll(ctx.actor, orgId), { forUpdate });
    if (!row) throw notFound('complaint');
    return row;
  }

  /**
   * The complaint's key through the reader's grant. A coordinator or handler without one (no key
   * pair when the complaint arrived or was assigned) gets 409 `complaints_access_pending`: the grant
   * follows when someone holding the complaint opens it, or from the escrow key (vault-holders.ts).
   */
  async function keyOf(tx: Tx, ctx: ComplaintsCtx, orgId: string, id: string): Promise<OpenRecordKey> {
    if (!(await hasRecordGrant(tx, refOf(orgId, id), ctx.actor.userId))) throw new AppError('complaints_access_pending', 409);
    return openRecordKey(tx, refOf(orgId, id), { userId: ctx.actor.userId, sessionId: ctx.actor.sessionId });
  }

  const summary = (r: repo.ComplaintRow): ComplaintSummary => ({ ...listItem(r, c.today()), revision: r.revision });

  function statusConflict(status: ComplaintStatus) {
    if (status === 'closed' || status === 'inadmissible' || status === 'forwarded') return conflict('complaints_closed');
    return conflict('complaints_wrong_status', { status });
  }

  /**
   * One step: the complaint locked, the person's right to the step, the revision they saw, the
   * change, its deadlines, and the complaint as it is now.
   */
  function step(ctx: ComplaintsCtx, orgId: string, id: string, action: Action, expected: number | undefined,
    fn: (tx: Tx, row: repo.ComplaintRow, today: string) => Promise<void>): Promise<ComplaintSummary> {
    return withOrgTx(db, orgId, async (tx) => {
      const row = await visible(tx, ctx, orgId, id, true);
      if (expected !== undefined && row.revision !== expected) throw new EditConflict(summary(row));
      const part = partOf(ctx, orgId, row);
      if (!permissions(part, row.status)[action]) {
        // Not the reader's step at all: refused; a step the status does not allow: a conflict that says why.
        const anyStatus = (['received', 'acknowledged', 'triaged', 'answered'] as const).some((s) => permissions(part, s)[action]);
        if (!anyStatus) throw forbidden();
        throw statusConflict(row.status);
      }
      await fn(tx, row, c.today());
      await syncComplaintDeadlines(tx, orgId, [id]);
      return summary((await repo.findVisible(tx, orgId, id, ctx.actor.userId, seesAll(ctx.actor, orgId)))!);
    });
  }

  /**
   * A handler must currently hold a role of the desk. One without a key pair yet (never signed in
   * with a password) is assigned all the same, as the reporting channel does with an investigator:
   * their grant waits (`keyPending` in the audit) and follows once they have a key pair, when a
   * holder opens the complaint or from the escrow key.
   */
  async function checkHandler(tx: Tx, orgId: string, userId: string, today: string, field: string) {
    const [p] = await repo.peopleWithRoles(tx, orgId, ASSIGNABLE_ROLES, today, [userId]);
    if (!p) throw invalid('complaints_handler_role', field);
  }

  /** Seals the complaint's key to the handler; true when it must wait for their key pair. */
  const grantHandler = async (tx: Tx, ctx: ComplaintsCtx, key: OpenRecordKey, userId: string) =>
    (await grantRecordKey(tx, key, [userId], { grantedBy: ctx.actor.userId })).missing.length > 0;

  /** Current coordinators and the handler who hold no key grant yet but now have a key pair: sealed to them with the reader's key. */
  async function completeGrants(tx: Tx, ctx: ComplaintsCtx, orgId: string, key: OpenRecordKey, row: repo.ComplaintRow) {
    const want = (await repo.peopleWithRoles(tx, orgId, COORDINATOR_ROLES, c.today())).map((p) => p.userId);
    if (row.handler_user_id) want.push(row.handler_user_id);
    const missing = await repo.withoutGrant(tx, orgId, key.recordId, want);
    if (missing.length === 0) return;
    const { granted } = await grantRecordKey(tx, key, missing, { grantedBy: ctx.actor.userId });
    if (granted.length) await c.audit(tx, ctx, orgId, 'complaints.access_completed', key.recordId, { userIds: granted });
  }

  function entryViews(key: OpenRecordKey, rows: readonly repo.EntryRow[], names: Map<string, string>): EntryView[] {
    return rows.map((e) => ({ id: e.id, seq: e.seq, kind: e.kind, on: e.on, by: e.by_user_id ? names.get(e.by_user_id) ?? null : null, body: decryptText(key, entryField(e.id), e.body) }));
  }

  async function answerDraft(tx: Tx, orgId: string, row: repo.ComplaintRow): Promise<string> {
    const settings = await repo.findSettings(tx, orgId);
    const lang: Locale = isLocale(row.language) ? row.language : DEFAULT_LOCALE;
    const template = settings.answerTemplates[lang] ?? Object.values(settings.answerTemplates).find((t) => t?.trim()) ?? '';
    return fillTemplate(template, {
      reference: row.reference, receivedOn: fmtDay(row.received_on, lang),
      decision: row.decision ? translate(lang, decisionLabels[row.decision]) : '{decision}',
    });
  }

  return {
    async list(ctx: ComplaintsCtx, orgId: string, q: ListQuery) {
      return withOrgTx(db, orgId, async (tx) => {
        const rows = await repo.listVisible(tx, orgId, ctx.actor.userId, seesAll(ctx.actor, orgId), {
          status: q.status, theme: q.theme, late: q.late === undefined ? undefined : q.late === 'true', handler: q.handler, year: q.year,
        }, c.today());
        return { items: rows.map((r) => listItem(r, c.today())) };
      });
    },

    /** The complaint decrypted with the reader's key (423 `vault_locked` when it is not unlocked in this session). Audited. */
    async view(ctx: ComplaintsCtx, orgId: string, id: string): Promise<ComplaintView> {
      return withOrgTx(db, orgId, async (tx) => {
        const row = await visible(tx, ctx, orgId, id);
        const key = await keyOf(tx, ctx, orgId, id);
        const content = openContent(key, row.content);
        const [entries, fileRows, events, staff] = [await repo.listEntries(tx, orgId, id), await repo.listFiles(tx, orgId, id), await repo.listEvents(tx, orgId, id), await repo.staffOf(tx, orgId, id)];
        const names = await repo.displayNames(tx, orgId, [...entries.map((e) => e.by_user_id), ...fileRows.map((f) => f.by_user_id), ...events.map((e) => e.by_user_id), row.registered_by]);
        await completeGrants(tx, ctx, orgId, key, row);
        await c.audit(tx, ctx, orgId, 'complaints.complaint_read', id, { entries: entries.length, files: fileRows.length });
        return {
          ...summary(row),
          forwardedBy: row.forwarded_by as ComplaintView['forwardedBy'], forwardingReference: row.forwarding_reference,
          acknowledgedOn: row.acknowledged_on, triagedOn: row.triaged_on, answeredOn: row.answered_on, decidedOn: row.decided_on,
          forwardedTo: row.forwarded_to as ComplaintView['forwardedTo'], forwardedOn: row.forwarded_on, admissible: row.admissible,
          unit: row.unit_id ? { id: row.unit_id, name: row.unit_name ?? '' } : null,
          staff,
          registeredBy: row.registered_by ? names.get(row.registered_by) ?? null : null,
          complainant: row.anonymous ? null : { name: content.name, email: content.email, phone: content.phone, address: content.address },
          facts: { what: content.what, occurredOn: content.occurredOn, where: content.where, involved: content.involved },
          entries: entryViews(key, entries, names),
          files: fileViews(key, fileRows, names),
          answer: row.answer ? decryptText(key, ANSWER_FIELD, row.answer) : null,
          answerDraft: await answerDraft(tx, orgId, row),
          history: events.map((e) => ({
            seq: e.seq, on: e.occurred_on, action: e.kind, by: e.by_user_id ? names.get(e.by_user_id) ?? null : null, details: e.details,
            note: e.note ? decryptText(key, eventField(e.id), e.note) : null,
          })),
          can: permissions(partOf(ctx, orgId, row), row.status),
        };
      });
    },

    async file(ctx: ComplaintsCtx, orgId: string, id: string, fileId: string) {
      return withOrgTx(db, orgId, async (tx) => {
        await visible(tx, ctx, orgId, id);
        const f = await readFile(tx, await keyOf(tx, ctx, orgId, id), fileId);
        if (!f) throw notFound('complaint_file');
        await c.audit(tx, ctx, orgId, 'complaints.file_read', id, { fileId });
        return f;
      });
    },

    acknowledge: (ctx: ComplaintsCtx, orgId: string, id: string, expected: number) =>
      step(ctx, orgId, id, 'acknowledge', expected, async (tx, _row, today) => {
        await repo.updateComplaint(tx, orgId, id, { status: 'acknowledged', acknowledged_on: today });
        await addEvent(tx, null, { orgId, complaintId: id, kind: 'acknowledged', on: today, byUserId: ctx.actor.userId });
        await c.audit(tx, ctx, orgId, 'complaints.acknowledged', id);
      }),

    triage: (ctx: ComplaintsCtx, orgId: string, id: string, b: TriageBody, expected: number) =>
      step(ctx, orgId, id, 'triage', expected, async (tx, row, today) => {
        if (!b.admissible) {
          if (!b.reason) throw invalid('complaints_reason_required', 'reason');
          const key = await keyOf(tx, ctx, orgId, id);
          await repo.updateComplaint(tx, orgId, id, { status: 'inadmissible', admissible: false, triaged_on: today, closed_on: today });
          await addEvent(tx, key, { orgId, complaintId: id, kind: 'inadmissible', on: today, byUserId: ctx.actor.userId, note: b.reason });
          await c.audit(tx, ctx, orgId, 'complaints.triaged', id, { admissible: false });
          return;
        }
        const settings = await repo.findSettings(tx, orgId);
        if (b.themes.length === 0) throw invalid('complaints_theme_required', 'themes');
        const active = new Set(settings.themes.filter((t) => t.active).map((t) => t.id));
        for (const [i, t] of b.themes.entries()) if (!active.has(t)) throw invalid('complaints_theme_unknown', `themes.${i}`);
        if (!b.seriousness) throw invalid('complaints_seriousness_required', 'seriousness');
        if (!b.handlerUserId) throw invalid('complaints_handler_required', 'handlerUserId');
        if (b.unitId && !(await repo.unitExists(tx, orgId, b.unitId))) throw invalid('complaints_unit_unknown', 'unitId');
        const known = await repo.existingStaff(tx, orgId, b.staff);
        for (const [i, p] of b.staff.entries()) if (!known.has(p)) throw invalid('complaints_staff_unknown', `staff.${i}`);
        await checkHandler(tx, orgId, b.handlerUserId, today, 'handlerUserId');
        const key = await keyOf(tx, ctx, orgId, id);
        const keyPending = await grantHandler(tx, ctx, key, b.handlerUserId);
        await repo.updateComplaint(tx, orgId, id, {
          status: 'triaged', admissible: true, triaged_on: today, seriousness: b.seriousness, unit_id: b.unitId ?? null, handler_user_id: b.handlerUserId,
        });
        await repo.setThemes(tx, orgId, id, b.themes);
        await repo.setStaff(tx, orgId, id, b.staff);
        await addEvent(tx, null, {
          orgId, complaintId: id, kind: 'triaged', on: today, byUserId: ctx.actor.userId,
          details: { themes: b.themes, seriousness: b.seriousness, unitId: b.unitId ?? null, staff: b.staff.length, handlerUserId: b.handlerUserId, previousStatus: row.status },
        });
        await c.audit(tx, ctx, orgId, 'complaints.triaged', id, { admissible: true, handlerUserId: b.handlerUserId, keyPending });
      }),

    /** Another handler: the new one gets the key, the previous one loses it (unless they are a coordinator). */
    assign: (ctx: ComplaintsCtx, orgId: string, id: string, userId: string, expected: number) =>
      step(ctx, orgId, id, 'assign', expected, async (tx, row, today) => {
        if (row.handler_user_id === userId) return;
        await checkHandler(tx, orgId, userId, today, 'userId');
        const key = await keyOf(tx, ctx, orgId, id);
        const keyPending = await grantHandler(tx, ctx, key, userId);
        const previous = row.handler_user_id;
        if (previous) {
          const stillCoordinator = (await repo.peopleWithRoles(tx, orgId, COORDINATOR_ROLES, today, [previous])).length > 0;
          if (!stillCoordinator) await revokeRecordKey(tx, refOf(orgId, id), previous);
        }
        await repo.updateComplaint(tx, orgId, id, { handler_user_id: userId });
        await addEvent(tx, null, { orgId, complaintId: id, kind: 'assigned', on: today, byUserId: ctx.actor.userId, details: { handlerUserId: userId, previousUserId: previous } });
        await c.audit(tx, ctx, orgId, 'complaints.assigned', id, { handlerUserId: userId, previousUserId: previous, keyPending });
      }),

    forward: (ctx: ComplaintsCtx, orgId: string, id: string, b: ForwardBody, expected: number) =>
      step(ctx, orgId, id, 'forward', expected, async (tx, row, today) => {
        const on = b.on ?? today;
        if (on > today) throw invalid('complaints_date_invalid', 'on');
        if (on < row.received_on) throw invalid('complaints_date_before_received', 'on', { receivedOn: row.received_on });
        const key = b.note ? await keyOf(tx, ctx, orgId, id) : null;
        await repo.updateComplaint(tx, orgId, id, { status: 'forwarded', forwarded_to: b.to, forwarded_on: on, closed_on: on });
        await addEvent(tx, key, { orgId, complaintId: id, kind: 'forwarded', on, byUserId: ctx.actor.userId, details: { to: b.to }, note: b.note });
        await c.audit(tx, ctx, orgId, 'complaints.forwarded', id, { to: b.to });
      }),

    /** A note or hearing record; does not move the revision (two people may write notes at once). */
    async addEntry(ctx: ComplaintsCtx, orgId: string, id: string, b: EntryBody, expected?: number): Promise<EntryView> {
      return withOrgTx(db, orgId, async (tx) => {
        const row = await visible(tx, ctx, orgId, id, true);
        if (expected !== undefined && row.revision !== expected) throw new EditConflict(summary(row));
        if (!permissions(partOf(ctx, orgId, row), row.status).note) throw statusConflict(row.status);
        const today = c.today();
        const on = b.on ?? today;
        if (on > today) throw invalid('complaints_date_invalid', 'on');
        const key = await keyOf(tx, ctx, orgId, id);
        const entryId = await addEntry(tx, key, { kind: b.kind, on, byUserId: ctx.actor.userId, body: b.body });
        await c.audit(tx, ctx, orgId, 'complaints.entry_added', id, { kind: b.kind });
        const e = (await repo.listEntries(tx, orgId, id)).find((x) => x.id === entryId)!;
        return { id: e.id, seq: e.seq, kind: e.kind, on: e.on, by: ctx.actor.displayName, body: b.body };
      });
    },

    async addDocuments(ctx: ComplaintsCtx, orgId: string, id: string, uploads: readonly Upload[]) {
      if (uploads.length === 0) throw invalid('complaints_no_files', 'files');
      const files = await cleanFiles(uploads);
      return withOrgTx(db, orgId, async (tx) => {
        const row = await visible(tx, ctx, orgId, id, true);
        if (!permissions(partOf(ctx, orgId, row), row.status).document) throw statusConflict(row.status);
        const key = await keyOf(tx, ctx, orgId, id);
        const ids = new Set(await storeFiles(tx, key, files, { addedBy: 'staff', byUserId: ctx.actor.userId, today: c.today() }));
        await c.audit(tx, ctx, orgId, 'complaints.documents_added', id, { files: ids.size });
        const names = new Map([[ctx.actor.userId, ctx.actor.displayName]]);
        return { files: fileViews(key, (await repo.listFiles(tx, orgId, id)).filter((f) => ids.has(f.id)), names) };
      });
    },

    answer: (ctx: ComplaintsCtx, orgId: string, id: string, b: AnswerBody, expected: number) =>
      step(ctx, orgId, id, 'answer', expected, async (tx, row, today) => {
        const key = await keyOf(tx, ctx, orgId, id);
        // The draft keeps the template's {decision} until a decision is taken: filled in here, in the
        // complainant's language, so they never read the placeholder.
        const lang: Locale = isLocale(row.language) ? row.language : DEFAULT_LOCALE;
        const text = b.text.replaceAll('{decision}', translate(lang, decisionLabels[b.decision]));
        await repo.updateComplaint(tx, orgId, id, { status: 'answered', decision: b.decision, decided_on: today, answered_on: today, answer: encryptField(key, ANSWER_FIELD, text) });
        await addEvent(tx, null, { orgId, complaintId: id, kind: 'answered', on: today, byUserId: ctx.actor.userId, details: { decision: b.decision } });
        await c.audit(tx, ctx, orgId, 'complaints.answered', id, { decision: b.decision });
      }),

    close: (ctx: ComplaintsCtx, orgId: string, id: string, b: CloseBody, expected: number) =>
      step(ctx, orgId, id, 'close', expected, async (tx, _row, today) => {
        if (b.measures || b.lessons) {
          const key = await keyOf(tx, ctx, orgId, id);
          if (b.measures) await addEntry(tx, key, { kind: 'measure', on: today, byUserId: ctx.actor.userId, body: b.measures });
          if (b.lessons) await addEntry(tx, key, { kind: 'lesson', on: today, byUserId: ctx.actor.userId, body: b.lessons });
        }
        await repo.updateComplaint(tx, orgId, id, { status: 'closed', closed_on: today });
        await addEvent(tx, null, { orgId, complaintId: id, kind: 'closed', on: today, byUserId: ctx.actor.userId, details: { measures: !!b.measures, lessons: !!b.lessons } });
        await c.audit(tx, ctx, orgId, 'complaints.closed', id);
      }),

    /** The answer as sent, as a letter in the complainant's language (Word or PDF); audited as an export. */
    async answerDocument(ctx: ComplaintsCtx, orgId: string, id: string, format: 'docx' | 'pdf') {
      const data = await withOrgTx(db, orgId, async (tx) => {
        const row = await visible(tx, ctx, orgId, id);
        if (!row.answer || !row.answered_on) throw conflict('complaints_wrong_status', { status: row.status });
        const key = await keyOf(tx, ctx, orgId, id);
        const lang: Locale = isLocale(row.language) ? row.language : DEFAULT_LOCALE;
        await recordExport(tx, ctx.audit, { organisationId: orgId, action: 'complaints.answer_export', recordType: repo.RECORD_TYPE, recordId: id, format, details: { locale: lang } });
        return { row, lang, text: decryptText(key, ANSWER_FIELD, row.answer), org: await repo.organisationName(tx, orgId, lang) };
      });
      const t = (d: Parameters<typeof translate>[1], v?: Record<string, unknown>) => translate(data.lang, d, v);
      const doc: ExportDocument = {
        meta: { title: t(answerLabels.title), language: languageTag(data.lang), author: data.org || undefined },
        blocks: [
          ...(data.org ? [{ kind: 'subtitle' as const, text: data.org }] : []),
          { kind: 'title', text: t(answerLabels.title) },
          { kind: 'field', label: t(answerLabels.reference), value: data.row.reference },
          { kind: 'field', label: t(answerLabels.receivedOn), value: fmtDay(data.row.received_on, data.lang) },
          { kind: 'field', label: t(answerLabels.answeredOn), value: fmtDay(data.row.answered_on!, data.lang) },
          ...paragraphs(data.text),
        ],
      };
      const body = await renderDocument(format, doc);
      return { filename: `${t(answerLabels.file, { reference: data.row.reference })}.${format}`, contentType: CONTENT_TYPES[format], body };
    },
  };
}
