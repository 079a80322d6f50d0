/**
 * The dilemma inventory (issue 21): any staff member shares a dilemma, named or anonymously; the
 * integrity officer tags, reviews and exports them for training; the chief reads them.
 *
 * Anonymous means nothing that identifies is stored: no author, the day only (no timestamp), no
 * address and no audit event (an event's actor and exact time would name or date the submission;
 * the reporting channel's own filings write none for the same reason). Named submissions are audited.
 * The free texts are sealed at rest and opened only after the access check.
 */
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { rolesIn, type Actor } from '../../platform/authz/actor.js';
import { recordAudit, type AuditContext } from '../../platform/audit/service.js';
import { registerSealedField, sealerFor } from '../../platform/crypto/index.js';
import type { Db } from '../../platform/db/pool.js';
import { updateAtRevision } from '../../platform/db/revision.js';
import { withOrgTx } from '../../platform/db/tx.js';
import { todayInBelgium } from '../../platform/deadlines/service.js';
import { forbidden, invalid, notFound } from '../../platform/errors.js';
import { auditedExport, toCsv } from '../../platform/export/index.js';
import { translate } from '../../platform/i18n/index.js';
import type { Locale } from '../../../shared/roles.js';
import { catalogueEntry } from './catalogue.js';
import type * as c from './dilemma-contract.js';
import { dilemmaCsvLabels as L, dilemmaStatusLabels, dilemmaThemeLabels } from './dilemma-messages.js';
import * as repo from './dilemma-repo.js';
import { riskDilemma } from './dilemma-schema.js';

export interface DilemmaDeps {
  db: Db;
  dataDir: string;
  /** Today in Belgium (tests move it). */
  today?: () => string;
}

export interface DilemmaCtx { actor: Actor; audit: AuditContext }

const RECORD = 'risk_dilemma';

// The free texts are sealed at rest (docs/decisions/0009), as the plan's confidential notes.
for (const column of ['content', 'what_i_did', 'what_would_help', 'officer_note']) {
  registerSealedField({ table: 'risk_dilemma', column, kind: 'text', purpose: 'notes' });
}
const isOfficer = (a: Actor, orgId: string) => rolesIn(a, orgId).includes('integrity_officer');
const isReader = (a: Actor, orgId: string) => rolesIn(a, orgId).some((r) => r === 'integrity_officer' || r === 'chief');

export function makeDilemmaService(deps: DilemmaDeps) {
  const { db } = deps;
  const today = deps.today ?? (() => todayInBelgium());
  const sealer = () => sealerFor(deps.dataDir);
  const seal = (v: string | null | undefined) => (v == null || v === '' ? null : sealer().seal('notes', v));
  const open = (v: string | null) => (v === null ? null : sealer().openText('notes', v));

  const checkProcess = (code: string | null | undefined) => {
    if (code != null && !catalogueEntry(code)) throw invalid('risk_dilemma_process_unknown', 'processCode');
  };

  const view = (r: repo.DilemmaRow): c.DilemmaView => ({
    id: r.id, text: open(r.content)!, whatIDid: open(r.whatIDid), whatWouldHelp: open(r.whatWouldHelp),
    processCode: r.processCode, themes: r.themes as c.DilemmaTheme[], anonymous: r.submittedBy === null,
    submittedBy: r.submittedBy ? { id: r.submittedBy, name: r.authorName ?? '' } : null,
    submittedOn: r.submittedOn, status: r.status as c.DilemmaStatus, officerNote: open(r.officerNote),
    updatedAt: r.updatedAt ? r.updatedAt.toISOString() : null, revision: r.revision,
  });

  const requireReader = (ctx: DilemmaCtx, orgId: string) => { if (!isReader(ctx.actor, orgId)) throw forbidden(); };

  return {
    async submit(ctx: DilemmaCtx, orgId: string, body: c.SubmitDilemmaBody): Promise<c.SubmittedDilemma> {
      checkProcess(body.processCode);
      const id = randomUUID();
      const submittedOn = today();
      await withOrgTx(db, orgId, async (tx) => {
        await repo.insertDilemma(tx, {
          id, organisationId: orgId, content: seal(body.text)!, whatIDid: seal(body.whatIDid), whatWouldHelp: seal(body.whatWouldHelp),
          processCode: body.processCode ?? null, themes: body.themes, submittedBy: body.anonymous ? null : ctx.actor.userId, submittedOn,
        });
        if (!body.anonymous) {
          await recordAudit(tx, ctx.audit, { organisationId: orgId, action: 'risk.dilemma_submit', recordType: RECORD, recordId: id, details: { themes: body.themes.length } });
        }
      });
      return body.anonymous ? { id: null, anonymous: true, submittedOn } : { id, anonymous: false, submittedOn };
    },

    async mine(ctx: DilemmaCtx, orgId: string): Promise<c.MyDilemmaList> {
      return withOrgTx(db, orgId, async (tx) => {
        const rows = await repo.listOwnDilemmas(tx, orgId, ctx.actor.userId);
        return { dilemmas: rows.map((r) => ({ id: r.id, text: open(r.content)!, processCode: r.processCode, themes: r.themes as c.DilemmaTheme[], submittedOn: r.submittedOn, status: r.status as c.DilemmaStatus })) };
      });
    },

    async list(ctx: DilemmaCtx, orgId: string, filters: c.DilemmaListQuery): Promise<c.DilemmaList> {
      requireReader(ctx, orgId);
      return withOrgTx(db, orgId, async (tx) => {
        const rows = await repo.listDilemmas(tx, orgId, filters);
        await recordAudit(tx, ctx.audit, {
          organisationId: orgId, action: 'risk.dilemma_list', recordType: RECORD,
          details: { filters: Object.keys(filters).filter((k) => filters[k as keyof c.DilemmaListQuery] !== undefined), count: rows.length, recordIds: rows.map((r) => r.id).slice(0, 1000) },
        });
        return { dilemmas: rows.map(view), canEdit: isOfficer(ctx.actor, orgId) };
      });
    },

    async update(ctx: DilemmaCtx, orgId: string, id: string, body: c.UpdateDilemmaBody, expected: number): Promise<c.DilemmaView> {
      if (!isOfficer(ctx.actor, orgId)) throw forbidden();
      checkProcess(body.processCode);
      return withOrgTx(db, orgId, async (tx) => {
        const set: Record<string, unknown> = { updatedBy: ctx.actor.userId, updatedAt: new Date() };
        if (body.themes !== undefined) set.themes = body.themes;
        if (body.processCode !== undefined) set.processCode = body.processCode;
        if (body.status !== undefined) set.status = body.status;
        if (body.officerNote !== undefined) set.officerNote = seal(body.officerNote);
        const before = await repo.findDilemma(tx, orgId, id);
        if (!before) throw notFound(RECORD);
        await updateAtRevision(tx, riskDilemma, and(eq(riskDilemma.organisationId, orgId), eq(riskDilemma.id, id))!, expected, set,
          async () => { const now = await repo.findDilemma(tx, orgId, id); return now ? view(now) : undefined; }, RECORD);
        await recordAudit(tx, ctx.audit, {
          organisationId: orgId, action: 'risk.dilemma_update', recordType: RECORD, recordId: id,
          details: { fields: Object.keys(body).filter((k) => body[k as keyof c.UpdateDilemmaBody] !== undefined), ...(body.status ? { status: body.status, previous: before.status } : {}) },
        });
        return view((await repo.findDilemma(tx, orgId, id))!);
      });
    },

    /** The list as CSV in the reader's language (formula guard and Belgian Excel format by `toCsv`); audited as an export. */
    async exportCsv(ctx: DilemmaCtx, orgId: string, filters: c.DilemmaListQuery, locale: Locale): Promise<{ filename: string; body: string }> {
      requireReader(ctx, orgId);
      const rows = await auditedExport(db, ctx.audit, { organisationId: orgId, action: 'risk.dilemma_export', recordType: RECORD, format: 'csv', details: { locale } },
        async (tx) => {
          const found = await repo.listDilemmas(tx, orgId, filters);
          return { data: found.map(view), recordIds: found.map((r) => r.id) };
        });
      const t = (m: Parameters<typeof translate>[1]) => translate(locale, m);
      const body = toCsv(rows, [
        { header: t(L.submittedOn), value: (r) => r.submittedOn },
        { header: t(L.author), value: (r) => (r.submittedBy ? r.submittedBy.name : t(L.anonymous)) },
        { header: t(L.dilemma), value: (r) => r.text },
        { header: t(L.whatIDid), value: (r) => r.whatIDid },
        { header: t(L.whatWouldHelp), value: (r) => r.whatWouldHelp },
        { header: t(L.process), value: (r) => (r.processCode ? catalogueEntry(r.processCode)?.name[locale] ?? r.processCode : '') },
        { header: t(L.themes), value: (r) => r.themes.map((th) => t(dilemmaThemeLabels[th])).join(', ') },
        { header: t(L.status), value: (r) => t(dilemmaStatusLabels[r.status]) },
        { header: t(L.officerNote), value: (r) => r.officerNote },
      ]);
      return { filename: `${t(L.filename)}-${today()}.csv`, body };
    },
  };
}
export type DilemmaService = ReturnType<typeof makeDilemmaService>;
