/**
 * The read models across analyses: the register (every process with its latest agreed assessment and
 * follow-up), the heat map (of the latest completed or a chosen analysis), the comparison of two
 * analyses and the home figures.
 */
import type { Actor } from '../../platform/authz/actor.js';
import { withOrgTx } from '../../platform/db/tx.js';
import { conflict, invalid, notFound } from '../../platform/errors.js';
import type * as c from './contract.js';
import * as P from './policy.js';
import * as repo from './repo.js';
import { RECORD, type RiskContext, type RiskCtx } from './risk-context.js';
import { processRef, processView, summary } from './risk-views.js';
import { bandRank, movementOf } from './scoring.js';

const HIGH = new Set<c.Band>(['high', 'very_high']);

export function makeRiskRegister({ db, audit, auditAnalysis, settingsOf }: RiskContext) {
  return {
    // Register, heat map, comparison ------------------------------------------------------------

    async register(ctx: RiskCtx, orgId: string): Promise<c.RegisterView> {
      return withOrgTx(db, orgId, async (tx) => {
        if (!P.canReadRegister(P.riskActor(ctx.actor, orgId))) throw notFound('risk_process');
        const list = await repo.registerRows(tx, orgId);
        const totals = { processes: list.length, analysed: 0, byBand: { low: 0, medium: 0, high: 0, very_high: 0 }, reviewsOverdue: 0, highRiskWithoutAction: 0, lateRecommendations: 0, lateActions: 0 };
        const rows = list.map((p) => {
          const band = p.analysis_id ? p.band : null;
          const highWithout = !!band && HIGH.has(band) && !p.latest_linked;
          if (band) { totals.analysed++; totals.byBand[band]++; }
          if (p.review_overdue) totals.reviewsOverdue++;
          if (highWithout) totals.highRiskWithoutAction++;
          totals.lateRecommendations += p.late_recommendations;
          totals.lateActions += p.late_actions;
          return {
            process: processView(p),
            latest: band ? {
              analysisId: p.analysis_id!, analysisTitle: p.analysis_title!, completedAt: repo.iso(p.completed_at), likelihood: p.likelihood!, impact: p.impact!,
              riskScore: p.risk_score!, band, vulnerability: p.vulnerability!,
            } : null,
            openRecommendations: p.open_recommendations, lateRecommendations: p.late_recommendations, lateActions: p.late_actions, highRiskWithoutAction: highWithout,
            inPlan: band !== null && p.latest_linked,
          };
        });
        // Highest risk first, then unanalysed, by name.
        rows.sort((x, y) => (y.latest ? bandRank(y.latest.band) * 100 + y.latest.riskScore : -1) - (x.latest ? bandRank(x.latest.band) * 100 + x.latest.riskScore : -1)
          || x.process.name.localeCompare(y.process.name));
        await audit(tx, ctx, orgId, 'risk_process', undefined, 'register_read', { count: rows.length });
        return { rows, totals };
      });
    },

    async heatmap(ctx: RiskCtx, orgId: string, analysisId?: string): Promise<c.HeatmapView> {
      return withOrgTx(db, orgId, async (tx) => {
        const base = P.riskActor(ctx.actor, orgId);
        let m: repo.AnalysisRow | undefined;
        let summaryOut: c.AnalysisSummary | null = null;
        if (analysisId) {
          // Officer and chief: any analysis; heads of service (the register's readers): completed ones;
          // participants: theirs, once consolidation started. Anybody else: 404.
          const found = await repo.findAnalysis(tx, orgId, analysisId);
          if (!found) throw notFound(RECORD);
          const participants = (await repo.participantsOf(tx, orgId, [found.id])).get(found.id) ?? [];
          const ra = { ...base, participant: participants.some((x) => x.user_id === ctx.actor.userId) };
          const registerReader = P.canReadRegister(ra) && (P.isManager(ra) || found.status === 'completed');
          if (!registerReader && !P.canRead(ra)) throw notFound(RECORD);
          if (!registerReader && !P.canReadConsolidation(ra, found)) throw conflict('risk_not_consolidating');
          m = found;
          summaryOut = summary(found, participants, ra);
        } else {
          if (!P.canReadRegister(base)) throw notFound(RECORD);
          m = await repo.latestCompleted(tx, orgId);
          if (m) {
            const participants = (await repo.participantsOf(tx, orgId, [m.id])).get(m.id) ?? [];
            summaryOut = summary(m, participants, { ...base, participant: participants.some((x) => x.user_id === ctx.actor.userId) });
          }
        }
        const s = m ? { likelihood_levels: m.likelihood_levels, impact_levels: m.impact_levels, matrix: m.matrix } : await settingsOf(tx, orgId);
        const inCell = new Map<string, c.ProcessRef[]>();
        for (const a of m ? await repo.heatmapPlacements(tx, orgId, m.id) : []) {
          const key = `${a.likelihood}:${a.impact}`;
          const list = inCell.get(key);
          if (list) list.push(processRef(a)); else inCell.set(key, [processRef(a)]);
        }
        const cells: c.HeatmapView['cells'] = [];
        for (let l = 1; l <= s.likelihood_levels; l++) {
          for (let i = 1; i <= s.impact_levels; i++) {
            const here = inCell.get(`${l}:${i}`) ?? [];
            cells.push({ likelihood: l, impact: i, band: s.matrix[l - 1][i - 1], count: here.length, processes: here });
          }
        }
        await auditAnalysis(tx, ctx, orgId, m?.id, 'heatmap_read', { analysisId: m?.id ?? null });
        return { analysis: summaryOut, matrix: { likelihoodLevels: s.likelihood_levels, impactLevels: s.impact_levels, matrix: s.matrix }, cells };
      });
    },

    async compare(ctx: RiskCtx, orgId: string, fromId: string, toId: string): Promise<c.CompareView> {
      return withOrgTx(db, orgId, async (tx) => {
        const base = P.riskActor(ctx.actor, orgId);
        if (!P.isManager(base)) throw notFound(RECORD);
        const sides = [];
        for (const id of [fromId, toId]) {
          const m = await repo.findAnalysis(tx, orgId, id);
          if (!m || m.status === 'draft' || m.status === 'scoring') throw invalid('risk_analysis_unknown', id === fromId ? 'from' : 'to');
          const participants = (await repo.participantsOf(tx, orgId, [m.id])).get(m.id) ?? [];
          sides.push({ m, s: summary(m, participants, { ...base, participant: participants.some((x) => x.user_id === ctx.actor.userId) }) });
        }
        const [from, to] = sides;
        const agreed = await repo.agreementsOf(tx, orgId, [from.m.id, to.m.id]);
        const side = (analysisId: string, processId: string) => {
          const a = agreed.find((x) => x.analysis_id === analysisId && x.process_id === processId);
          return a ? { likelihood: a.likelihood, impact: a.impact, riskScore: a.risk_score, band: a.band } : null;
        };
        const procIds = [...new Set(agreed.map((a) => a.process_id))];
        const procs = await repo.processesById(tx, orgId, procIds);
        const counts = { up: 0, down: 0, same: 0, new: 0, removed: 0 };
        const rows = procs.map((p) => {
          const f = side(from.m.id, p.id);
          const t = side(to.m.id, p.id);
          const movement = movementOf(f, t);
          counts[movement]++;
          return { process: processRef(p), from: f, to: t, movement };
        });
        const order: Record<c.Movement, number> = { up: 0, new: 1, down: 2, removed: 3, same: 4 };
        rows.sort((x, y) => order[x.movement] - order[y.movement] || x.process.name.localeCompare(y.process.name));
        await auditAnalysis(tx, ctx, orgId, to.m.id, 'compare_read', { from: from.m.id, to: to.m.id });
        return { from: from.s, to: to.s, rows, counts };
      });
    },

    // Home ---------------------------------------------------------------------------------------

    async homeFigures(actor: Actor, orgId: string) {
      return withOrgTx(db, orgId, async (tx) => {
        const ra = P.riskActor(actor, orgId);
        const out: { id: string; count: number }[] = [];
        const mine = await repo.myUnscored(tx, orgId, actor.userId);
        if (mine > 0) out.push({ id: 'risk.my_scoring', count: mine });
        if (P.isOfficer(ra)) {
          out.push({ id: 'risk.reviews_due', count: await repo.reviewsDue(tx, orgId) });
          out.push({ id: 'risk.to_consolidate', count: await repo.countByStatus(tx, orgId, 'consolidating') });
        }
        return out;
      });
    },
  };
}
