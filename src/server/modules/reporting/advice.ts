/**
 * Core-group advice on a report. A recipient asks one or more members of the core group a question
 * until an end date (14 days by default): each member gets a key grant that expires at the end of
 * that day and a part `adviser` in the report, so they see that report only, in their list and by
 * id, and nothing else of the channel. They record their advice (encrypted under the report's key)
 * and lose the report at once; a withdrawn request or the end date ends it too (the grant stops
 * opening: 404, no list entry). Advisers take no step: the decision stays with the recipients.
 * Advisers do not learn who a confidential reporter is, nor whom the reporter excluded.
 */
import { randomUUID } from 'node:crypto';
import type { Tx } from '../../platform/db/pool.js';
import { withOrgTx } from '../../platform/db/tx.js';
import { conflict, forbidden, invalid, notFound } from '../../platform/errors.js';
import { isLocale } from '../../platform/i18n/index.js';
import { DEFAULT_LOCALE } from '../../../shared/roles.js';
import { decryptText, encryptField, grantRecordKey, revokeRecordKey } from '../../platform/vault/index.js';
import { ADVICE_DEFAULT_DAYS, ADVICE_MAX_DAYS, type AdviceStatus, type AdviceView, type AskAdviceBody } from './advice-contract.js';
import { ADVICE_ASKED_MAIL, ADVICE_GIVEN_MAIL } from './advice-messages.js';
import * as arepo from './advice-repo.js';
import type { ReportView } from './contract.js';
import { addEvent, openContent, openReportKey, refOf, visibleReport, type ReportingContext, type ReportingCtx } from './context.js';
import { reportPath } from './deadlines.js';
import * as repo from './repo.js';

export const ADVISER_ROLES = ['core_group_member'] as const;
export const questionField = (requestId: string) => `advice:${requestId}:question`;
export const adviceField = (requestId: string, userId: string) => `advice:${requestId}:${userId}`;

export const addDays = (day: string, n: number) => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

/** Whether the reader takes part only as an adviser (no part that shows the reporter's identity). */
export const adviserOnly = (kinds: readonly string[]) => kinds.includes('adviser') && !kinds.some((k) => k === 'recipient' || k === 'investigator' || k === 'counsellor');

/** The report as an adviser reads it: no identity of a confidential reporter, not whom the reporter excluded. */
export function limitForAdviser(v: ReportView): ReportView {
  if (!adviserOnly(v.roles)) return v;
  return { ...v, reporter: v.identityMode === 'named' ? v.reporter : null, excluded: [], investigatorCandidates: [] };
}

export function makeAdvice(c: ReportingContext) {
  const { db } = c;

  /** The member's access ends: their part as adviser, and their grant unless another part keeps it. */
  async function endAccess(tx: Tx, orgId: string, reportId: string, userId: string) {
    const keeps = await repo.removeAccess(tx, orgId, reportId, userId, 'adviser');
    if (keeps.filter((k) => k !== 'escalation').length === 0) await revokeRecordKey(tx, refOf(orgId, reportId), userId);
  }

  async function mail(tx: Tx, orgId: string, reportId: string, userIds: readonly string[], template: string, params: Record<string, string> = {}) {
    const link = `${c.deps.publicUrl.replace(/\/$/, '')}${reportPath(orgId, reportId)}`;
    for (const p of await arepo.mailTargets(tx, orgId, userIds)) {
      await c.deps.mailer.enqueue(tx, { organisationId: orgId, to: p.email, locale: isLocale(p.locale) ? p.locale : DEFAULT_LOCALE, template, params: { ...params, link } });
    }
  }

  /** Core-group members who may be asked: the role today, a key pair, not excluded, no other part in the report. */
  async function candidates(tx: Tx, orgId: string, reportId: string, excluded: readonly string[]) {
    const people = await repo.peopleWithRoles(tx, orgId, ADVISER_ROLES, c.today());
    const parts = await partsOf(tx, orgId, reportId);
    return people.filter((p) => !excluded.includes(p.userId) && !(parts.get(p.userId) ?? []).some((k) => k !== 'escalation' && k !== 'adviser'));
  }

  const partsOf = (tx: Tx, orgId: string, reportId: string) => arepo.partsByUser(tx, orgId, reportId);

  return {
    /** The advice on a report: all of it for its recipients; their own open request for a member asked. */
    async adviceView(ctx: ReportingCtx, orgId: string, reportId: string): Promise<AdviceView> {
      return withOrgTx(db, orgId, async (tx) => {
        const row = await visibleReport(tx, ctx, orgId, reportId);
        const recipient = row.kinds.includes('recipient');
        const adviser = row.kinds.includes('adviser');
        if (!recipient && !adviser) return { canAsk: false, answer: false, candidates: [], requests: [] };
        const key = await openReportKey(tx, ctx, orgId, reportId);
        const today = c.today();
        const members = await arepo.listAdviceMembers(tx, orgId, reportId);
        const status = (m: arepo.AdviceMemberRow, rq: arepo.AdviceRequestRow): AdviceStatus =>
          m.given_on ? 'given' : rq.withdrawn_on ? 'withdrawn' : m.active && rq.until_on >= today ? 'waiting' : 'expired';
        let requests = (await arepo.listAdviceRequests(tx, orgId, reportId)).map((rq) => {
          const ms = members.filter((m) => m.request_id === rq.id).map((m) => ({
            userId: m.user_id, displayName: m.display_name ?? '', status: status(m, rq), givenOn: m.given_on,
            advice: m.advice ? decryptText(key, adviceField(rq.id, m.user_id), m.advice) : null,
          }));
          return {
            id: rq.id, question: decryptText(key, questionField(rq.id), rq.question), askedOn: rq.asked_on, until: rq.until_on,
            askedBy: rq.asked_by_user_id ? { id: rq.asked_by_user_id, displayName: rq.asked_by_name ?? '' } : null,
            withdrawnOn: rq.withdrawn_on, open: ms.some((m) => m.status === 'waiting'), members: ms,
          };
        });
        if (!recipient) {
          // A member sees the question put to them, and nothing of the others' advice.
          requests = requests.map((rq) => ({ ...rq, members: rq.members.filter((m) => m.userId === ctx.actor.userId) }))
            .filter((rq) => rq.members.some((m) => m.status === 'waiting'));
        }
        const canAsk = recipient && row.status !== 'closed';
        const content = canAsk ? openContent(key, row.content) : null;
        const cands = content ? await candidates(tx, orgId, reportId, content.excluded) : [];
        await c.audit(tx, ctx, orgId, 'reporting.advice_read', reportId, { requests: requests.length });
        return {
          canAsk, answer: !recipient && requests.length > 0,
          candidates: cands.map((p) => ({ id: p.userId, displayName: p.displayName, hasKeyPair: p.hasKeyPair })),
          requests,
        };
      });
    },

    /** A recipient asks members of the core group for advice: a grant until the end of `until` for each. */
    async askAdvice(ctx: ReportingCtx, orgId: string, reportId: string, b: AskAdviceBody) {
      return withOrgTx(db, orgId, async (tx) => {
        const row = await visibleReport(tx, ctx, orgId, reportId, true);
        if (!row.kinds.includes('recipient')) throw forbidden();
        if (row.status === 'closed') throw conflict('reporting_closed');
        const today = c.today();
        const until = b.until ?? addDays(today, ADVICE_DEFAULT_DAYS);
        if (until < today || until > addDays(today, ADVICE_MAX_DAYS)) throw invalid('reporting_advice_until', 'until', { max: ADVICE_MAX_DAYS });
        const key = await openReportKey(tx, ctx, orgId, reportId);
        const content = openContent(key, row.content);
        const people = new Map((await repo.peopleWithRoles(tx, orgId, ADVISER_ROLES, today, b.userIds)).map((p) => [p.userId, p]));
        const parts = await partsOf(tx, orgId, reportId);
        const waiting = new Set(await arepo.waitingAdvisers(tx, orgId, reportId, b.userIds));
        for (const [i, u] of b.userIds.entries()) {
          const field = `userIds.${i}`;
          if (content.excluded.includes(u)) throw invalid('reporting_adviser_excluded', field);
          const p = people.get(u);
          if (!p) throw invalid('reporting_adviser_role', field);
          if ((parts.get(u) ?? []).some((k) => k !== 'escalation' && k !== 'adviser')) throw invalid('reporting_adviser_has_access', field);
          if (waiting.has(u)) throw invalid('reporting_adviser_pending', field);
          if (!p.hasKeyPair) throw invalid('reporting_adviser_no_key', field);
        }
        const id = randomUUID();
        await arepo.insertAdviceRequest(tx, { id, orgId, reportId, askedBy: ctx.actor.userId, question: encryptField(key, questionField(id), b.question), askedOn: today, untilOn: until });
        const expiresAt = await arepo.endOfDayInBelgium(tx, until);
        for (const u of b.userIds) {
          await arepo.insertAdviceMember(tx, orgId, id, reportId, u);
          await repo.addAccess(tx, orgId, reportId, u, 'adviser', today);
        }
        await grantRecordKey(tx, key, b.userIds, { expiresAt, grantedBy: ctx.actor.userId });
        await addEvent(tx, key, { orgId, reportId, kind: 'advice_asked', on: today, byUserId: ctx.actor.userId, details: { requestId: id, userIds: b.userIds, until } });
        await c.audit(tx, ctx, orgId, 'reporting.advice_asked', reportId, { requestId: id, userIds: b.userIds, until });
        await mail(tx, orgId, reportId, b.userIds, ADVICE_ASKED_MAIL, { until });
        return { id, until };
      });
    },

    /** A member records their advice; their access to the report ends with it. */
    async giveAdvice(ctx: ReportingCtx, orgId: string, reportId: string, requestId: string, advice: string) {
      return withOrgTx(db, orgId, async (tx) => {
        const row = await visibleReport(tx, ctx, orgId, reportId, true);
        if (!row.kinds.includes('adviser')) throw notFound('advice_request');
        const open = await arepo.openAdviceOf(tx, orgId, reportId, requestId, ctx.actor.userId);
        if (!open) throw conflict('reporting_advice_closed');
        const key = await openReportKey(tx, ctx, orgId, reportId);
        const today = c.today();
        await arepo.saveAdvice(tx, orgId, requestId, ctx.actor.userId, encryptField(key, adviceField(requestId, ctx.actor.userId), advice), today);
        await endAccess(tx, orgId, reportId, ctx.actor.userId);
        await addEvent(tx, key, { orgId, reportId, kind: 'advice_given', on: today, byUserId: ctx.actor.userId, details: { requestId } });
        await c.audit(tx, ctx, orgId, 'reporting.advice_given', reportId, { requestId });
        if (open.asked_by_user_id) await mail(tx, orgId, reportId, [open.asked_by_user_id], ADVICE_GIVEN_MAIL);
        return { givenOn: today };
      });
    },

    /** A recipient withdraws a request: the members who had not answered lose the report today. */
    async withdrawAdvice(ctx: ReportingCtx, orgId: string, reportId: string, requestId: string) {
      return withOrgTx(db, orgId, async (tx) => {
        const row = await visibleReport(tx, ctx, orgId, reportId, true);
        if (!row.kinds.includes('recipient')) throw forbidden();
        const today = c.today();
        const members = await arepo.withdrawAdviceRequest(tx, orgId, reportId, requestId, today);
        if (members === null) throw notFound('advice_request');
        // A member keeps the report only while another running request of theirs needs it.
        const stillWaiting = new Set(await arepo.waitingAdvisers(tx, orgId, reportId, members));
        for (const u of members) if (!stillWaiting.has(u)) await endAccess(tx, orgId, reportId, u);
        await addEvent(tx, null, { orgId, reportId, kind: 'advice_withdrawn', on: today, byUserId: ctx.actor.userId, details: { requestId } });
        await c.audit(tx, ctx, orgId, 'reporting.advice_withdrawn', reportId, { requestId, userIds: members });
        return { withdrawnOn: today };
      });
    },
  };
}
