/**
 * The analyses run as a workshop: list, create, read, edit and remove; the steps (scoring, consolidation,
 * completion, then locked); each participant's independent scores; the consolidation and the moderator's
 * agreed assessment.
 */
import { EditConflict } from '../../platform/db/revision.js';
import { withOrgTx } from '../../platform/db/tx.js';
import { AppError, conflict, forbidden, invalid, notFound } from '../../platform/errors.js';
import type { Queryable } from '../../platform/db/pool.js';
import type * as c from './contract.js';
import { riskIssues } from './messages.js';
import * as P from './policy.js';
import * as repo from './repo.js';
import { RECORD, type RiskContext, type RiskCtx } from './risk-context.js';
import { agreementView, processRef, scoreView, summary } from './risk-views.js';
import { compareScores, derive } from './scoring.js';

export function makeRiskWorkshop({ db, audit, auditAnalysis, load, requireWrite, requireInScope, requireScale, checkParticipants, checkProcesses, settingsOf, detail, reload }: RiskContext) {
  /** A lifecycle step: lock, check, move the status and the revision (409 when If-Match is stale), audit. */
  async function step(
    ctx: RiskCtx, orgId: string, id: string, expected: number | undefined, action: string,
    rule: (ra: P.RiskActor, m: repo.AnalysisRow) => [allowed: boolean, roleOk: boolean],
    set: Record<string, unknown>, extra?: (tx: Queryable, m: repo.AnalysisRow) => Promise<void>,
  ): Promise<c.AnalysisDetail> {
    return withOrgTx(db, orgId, async (tx) => {
      const { m, ra } = await load(tx, ctx, orgId, id, { lock: 'update' });
      if (expected !== undefined && expected !== m.revision) throw new EditConflict(await reload(tx, ctx, orgId, id));
      const [allowed, roleOk] = rule(ra, m);
      requireWrite(m, allowed, roleOk);
      await extra?.(tx, m);
      await repo.stepAnalysis(tx, orgId, id, m.revision, set, () => reload(tx, ctx, orgId, id));
      await auditAnalysis(tx, ctx, orgId, id, action, { from: m.status, to: set.status });
      return reload(tx, ctx, orgId, id);
    });
  }

  return {
    // Analyses ----------------------------------------------------------------------------------

    async list(ctx: RiskCtx, orgId: string): Promise<c.AnalysisList> {
      return withOrgTx(db, orgId, async (tx) => {
        const base = P.riskActor(ctx.actor, orgId);
        const rows = await repo.listAnalyses(tx, orgId, P.isManager(base) ? null : ctx.actor.userId);
        const participants = await repo.participantsOf(tx, orgId, rows.map((r) => r.id));
        const items = rows.map((m) => {
          const list = participants.get(m.id) ?? [];
          return summary(m, list, { ...base, participant: list.some((x) => x.user_id === ctx.actor.userId) });
        });
        await auditAnalysis(tx, ctx, orgId, undefined, 'list', { count: items.length });
        return { items, canCreate: P.canCreate(base) };
      });
    },

    async create(ctx: RiskCtx, orgId: string, body: c.CreateAnalysisBody): Promise<c.AnalysisDetail> {
      return withOrgTx(db, orgId, async (tx) => {
        const ra = P.riskActor(ctx.actor, orgId);
        if (!P.canCreate(ra)) throw P.canReadRegister(ra) ? forbidden() : notFound(RECORD);
        const processIds = await checkProcesses(tx, orgId, body.processIds);
        const userIds = await checkParticipants(tx, orgId, body.participantUserIds);
        const s = await settingsOf(tx, orgId);
        const id = await repo.insertAnalysis(tx, {
          orgId, title: body.title, scopeNote: body.scopeNote ?? '', moderator: ctx.actor.userId, likelihood: s.likelihood_levels, impact: s.impact_levels, matrix: s.matrix,
        });
        await repo.setScope(tx, orgId, id, processIds);
        await repo.setParticipants(tx, orgId, id, userIds);
        await auditAnalysis(tx, ctx, orgId, id, 'create', { title: body.title, processIds, participantUserIds: userIds });
        return reload(tx, ctx, orgId, id);
      });
    },

    async get(ctx: RiskCtx, orgId: string, id: string): Promise<c.AnalysisDetail> {
      return withOrgTx(db, orgId, async (tx) => {
        const { m, participants, ra } = await load(tx, ctx, orgId, id);
        await auditAnalysis(tx, ctx, orgId, id, 'read');
        return detail(tx, orgId, m, participants, ra);
      });
    },

    async update(ctx: RiskCtx, orgId: string, id: string, body: c.UpdateAnalysisBody, expected: number): Promise<c.AnalysisDetail> {
      return withOrgTx(db, orgId, async (tx) => {
        const { m, ra } = await load(tx, ctx, orgId, id, { lock: 'update' });
        requireWrite(m, P.canEdit(ra, m) && (body.processIds === undefined || P.canEditScope(ra, m)), P.isOfficer(ra));
        const processIds = body.processIds ? await checkProcesses(tx, orgId, body.processIds) : undefined;
        const userIds = body.participantUserIds ? await checkParticipants(tx, orgId, body.participantUserIds) : undefined;
        const set: Record<string, unknown> = {};
        if (body.title !== undefined) set.title = body.title;
        if (body.scopeNote !== undefined) set.scopeNote = body.scopeNote;
        await repo.stepAnalysis(tx, orgId, id, expected, set, () => reload(tx, ctx, orgId, id));
        if (processIds) await repo.setScope(tx, orgId, id, processIds);
        if (userIds) await repo.setParticipants(tx, orgId, id, userIds);
        await auditAnalysis(tx, ctx, orgId, id, 'update', { fields: Object.keys(body), processIds, participantUserIds: userIds });
        return reload(tx, ctx, orgId, id);
      });
    },

    async remove(ctx: RiskCtx, orgId: string, id: string) {
      return withOrgTx(db, orgId, async (tx) => {
        const { m, ra } = await load(tx, ctx, orgId, id, { lock: 'update' });
        requireWrite(m, P.canRemove(ra, m), P.isOfficer(ra));
        await repo.deleteAnalysis(tx, orgId, id);
        await auditAnalysis(tx, ctx, orgId, id, 'delete', { title: m.title, status: m.status });
      });
    },

    async start(ctx: RiskCtx, orgId: string, id: string, expected?: number) {
      return step(ctx, orgId, id, expected, 'start', (ra, m) => [P.canStart(ra, m), P.isOfficer(ra)], { status: 'scoring', startedAt: new Date() });
    },

    async consolidate(ctx: RiskCtx, orgId: string, id: string, expected?: number) {
      return step(ctx, orgId, id, expected, 'consolidate', (ra, m) => [P.canConsolidate(ra, m), P.isOfficer(ra)], { status: 'consolidating', consolidationStartedAt: new Date() });
    },

    /** Completion: every scoped process agreed, else 409 naming each missing one; then locked. */
    async complete(ctx: RiskCtx, orgId: string, id: string, expected?: number) {
      return step(ctx, orgId, id, expected, 'complete', (ra, m) => [P.canComplete(ra, m), P.isOfficer(ra)], { status: 'completed', completedAt: new Date() },
        async (tx, m) => {
          const agreed = new Set((await repo.agreementsOf(tx, orgId, [m.id])).map((a) => a.process_id));
          const missing = (await repo.scopeOf(tx, orgId, m.id)).filter((p) => !agreed.has(p.id));
          if (missing.length > 0) {
            throw new AppError('risk_not_complete', 409, { missing: missing.length }, undefined,
              missing.map((p) => ({ field: `processes.${p.id}`, code: 'risk_not_agreed', message: riskIssues.not_agreed, values: { name: p.name } })));
          }
        });
    },

    /** A participant's own score; If-Match "0" for a first score, else the score's revision. */
    async putScore(ctx: RiskCtx, orgId: string, id: string, processId: string, body: c.ScoreBody, expected: number): Promise<c.ScoreView> {
      return withOrgTx(db, orgId, async (tx) => {
        // Shared lock: participants score side by side, but never past the start of consolidation.
        const { m, ra } = await load(tx, ctx, orgId, id, { lock: 'share' });
        requireWrite(m, P.canScore(ra, m), ra.participant);
        await requireInScope(tx, orgId, m, processId);
        requireScale(m, body);
        const v = { orgId, analysisId: id, processId, userId: ctx.actor.userId, inherent: body.inherent, aggravating: body.aggravating, likelihood: body.likelihood, impact: body.impact, comment: body.comment };
        const current = async () => {
          const s = (await repo.scoresOf(tx, orgId, id, ctx.actor.userId)).find((x) => x.process_id === processId);
          return s ? scoreView(s, m.matrix) : undefined;
        };
        if (expected === 0) {
          if (!(await repo.insertScore(tx, v))) throw new EditConflict(await current());
        } else {
          await repo.updateScore(tx, v, expected, current);
        }
        await audit(tx, ctx, orgId, 'risk_score', id, 'score', { processId, likelihood: body.likelihood, impact: body.impact });
        return (await current())!;
      });
    },

    async consolidation(ctx: RiskCtx, orgId: string, id: string): Promise<c.ConsolidationView> {
      return withOrgTx(db, orgId, async (tx) => {
        const { m, participants, ra } = await load(tx, ctx, orgId, id);
        if (!P.canReadConsolidation(ra, m)) throw conflict('risk_not_consolidating');
        const scope = await repo.scopeOf(tx, orgId, id);
        const scores = await repo.scoresOf(tx, orgId, id, null);
        const agreements = new Map((await repo.agreementsOf(tx, orgId, [id])).map((a) => [a.process_id, a]));
        const byKey = new Map(scores.map((y) => [`${y.process_id}:${y.participant_user_id}`, y]));
        const rows = scope.map((p) => {
          const list = participants.map((x) => {
            const s = byKey.get(`${p.id}:${x.user_id}`);
            return { participant: { userId: x.user_id, displayName: x.display_name }, score: s ? scoreView(s, m.matrix) : null };
          });
          const cmp = compareScores(list.flatMap((x) => (x.score ? [x.score] : [])), m.matrix);
          const a = agreements.get(p.id);
          return { process: processRef(p), scores: list, ...cmp, agreed: a ? agreementView(a, m.matrix) : null };
        });
        await auditAnalysis(tx, ctx, orgId, id, 'consolidation_read');
        return { analysis: summary(m, participants, ra), rows, disagreements: rows.filter((r) => r.disagreement).length, complete: rows.every((r) => r.agreed !== null) };
      });
    },

    /** The moderator's agreed assessment; If-Match "0" for a first one, else its revision. A reason is required where participants disagreed. */
    async putAgreement(ctx: RiskCtx, orgId: string, id: string, processId: string, body: c.AgreementBody, expected: number): Promise<c.AgreementView> {
      return withOrgTx(db, orgId, async (tx) => {
        const { m, participants, ra } = await load(tx, ctx, orgId, id, { lock: 'update' });
        requireWrite(m, P.canAgree(ra, m), P.isOfficer(ra));
        await requireInScope(tx, orgId, m, processId);
        requireScale(m, body);
        const members = new Set(participants.map((x) => x.user_id));
        const scores = (await repo.scoresOf(tx, orgId, id, null)).filter((s) => s.process_id === processId && members.has(s.participant_user_id));
        if (compareScores(scores, m.matrix).disagreement && body.reason.trim() === '') throw invalid('risk_reason_required', 'reason');
        const d = derive(body, m.matrix);
        const v = {
          orgId, analysisId: id, processId, userId: ctx.actor.userId, inherent: body.inherent, aggravating: body.aggravating, likelihood: body.likelihood, impact: body.impact,
          comment: body.comment, reason: body.reason, riskScore: d.riskScore, band: d.band, vulnerability: d.vulnerability,
        };
        const current = async () => {
          const a = (await repo.agreementsOf(tx, orgId, [id])).find((x) => x.process_id === processId);
          return a ? agreementView(a, m.matrix) : undefined;
        };
        if (expected === 0) {
          if (!(await repo.insertAgreement(tx, v))) throw new EditConflict(await current());
        } else {
          await repo.updateAgreement(tx, v, expected, current);
        }
        await audit(tx, ctx, orgId, 'risk_agreement', id, 'agree', { processId, likelihood: body.likelihood, impact: body.impact, band: d.band });
        return (await current())!;
      });
    },
  };
}
