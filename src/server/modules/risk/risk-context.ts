/**
 * What every part of the risk service shares: the per-request context, the audit, the loading of an
 * analysis as the actor may see it, the checks of a write, the matrix in force and the analysis detail.
 * The sub-services (risk-inventory.ts, risk-workshop.ts, risk-measures.ts, risk-register.ts) each take
 * the object built by makeRiskContext.
 */
import type { Actor } from '../../platform/authz/actor.js';
import type { AuditContext } from '../../platform/audit/service.js';
import { recordAudit } from '../../platform/audit/service.js';
import type { Db, Queryable } from '../../platform/db/pool.js';
import { conflict, forbidden, invalid, notFound } from '../../platform/errors.js';
import type { Mailer } from '../../platform/mail/index.js';
import { makePlanService } from '../plan/service.js';
import type * as c from './contract.js';
import { DEFAULT_LEVELS } from './contract.js';
import * as P from './policy.js';
import * as repo from './repo.js';
import { agreementView, controlView, processRef, recommendationView, scoreView, summary } from './risk-views.js';
import { defaultMatrix, inScale } from './scoring.js';

export interface RiskDeps {
  db: Db;
  mailer: Mailer;
  publicUrl: string;
  dataDir?: string;
}
export interface RiskCtx {
  actor: Actor;
  audit: AuditContext;
}

export const RECORD = 'risk_analysis';

export function makeRiskContext(deps: RiskDeps) {
  const { db } = deps;
  const plan = makePlanService({ db, mailer: deps.mailer, publicUrl: deps.publicUrl, dataDir: deps.dataDir });

  const audit = (tx: Queryable, ctx: RiskCtx, orgId: string, recordType: string, id: string | undefined, action: string, details: Record<string, unknown> = {}) =>
    recordAudit(tx, ctx.audit, { organisationId: orgId, action: `risk.${action}`, recordType, recordId: id, details });
  const auditAnalysis = (tx: Queryable, ctx: RiskCtx, orgId: string, id: string | undefined, action: string, details: Record<string, unknown> = {}) =>
    audit(tx, ctx, orgId, RECORD, id, action, details);
  // Loading and checks -------------------------------------------------------------------------

  /** The analysis as the actor may see it: 404 for anybody who is neither officer, chief nor one of its participants. */
  async function load(tx: Queryable, ctx: RiskCtx, orgId: string, id: string, opts: { lock?: 'update' | 'share' } = {}) {
    const m = await repo.findAnalysis(tx, orgId, id, opts);
    if (!m) throw notFound(RECORD);
    const participants = (await repo.participantsOf(tx, orgId, [id])).get(id) ?? [];
    const ra = P.riskActor(ctx.actor, orgId, participants.some((x) => x.user_id === ctx.actor.userId));
    if (!P.canRead(ra)) throw notFound(RECORD);
    return { m, participants, ra };
  }

  /** A write: completed is locked whatever the step (unless `lockedOk`); otherwise the rule decides between 403 (not yours) and 409 (not now). */
  function requireWrite(m: repo.AnalysisRow, allowed: boolean, roleOk: boolean, lockedOk = false) {
    if (m.status === 'completed' && !lockedOk) throw conflict('risk_locked');
    if (allowed) return;
    if (!roleOk) throw forbidden();
    throw conflict('risk_wrong_status', { status: m.status });
  }

  async function requireInScope(tx: Queryable, orgId: string, m: repo.AnalysisRow, processId: string) {
    const p = (await repo.scopeOf(tx, orgId, m.id)).find((x) => x.id === processId);
    if (!p) throw notFound('risk_process');
    return p;
  }

  function requireScale(m: repo.AnalysisRow, s: { likelihood: number; impact: number }) {
    if (!inScale(m.matrix, s.likelihood, s.impact)) throw invalid('risk_level_out_of_range', 'likelihood', { likelihood: m.likelihood_levels, impact: m.impact_levels });
  }

  async function checkParticipants(tx: Queryable, orgId: string, userIds: string[]) {
    const ok = new Set((await repo.participantCandidates(tx, orgId)).map((x) => x.user_id));
    if (userIds.some((u) => !ok.has(u))) throw invalid('risk_participant_unknown', 'participantUserIds');
    return [...new Set(userIds)];
  }

  async function checkProcesses(tx: Queryable, orgId: string, ids: string[]) {
    const unique = [...new Set(ids)];
    const found = await repo.processesById(tx, orgId, unique);
    if (found.length !== unique.length || found.some((p) => p.archived)) throw invalid('risk_process_unknown', 'processIds');
    return unique;
  }

  async function checkOwner(tx: Queryable, orgId: string, personId: string | null | undefined, field: string) {
    if (personId && !(await repo.personExists(tx, orgId, personId))) throw invalid('risk_owner_unknown', field);
  }

  /** The organisation's matrix, or the default one while it never saved its own. */
  async function settingsOf(tx: Queryable, orgId: string) {
    const s = await repo.findSettings(tx, orgId);
    return s ?? { likelihood_levels: DEFAULT_LEVELS, impact_levels: DEFAULT_LEVELS, matrix: defaultMatrix(DEFAULT_LEVELS, DEFAULT_LEVELS), revision: 0 };
  }

  async function settingsView(tx: Queryable, orgId: string, ra: P.RiskActor): Promise<c.SettingsView> {
    const s = await settingsOf(tx, orgId);
    return {
      likelihoodLevels: s.likelihood_levels, impactLevels: s.impact_levels, matrix: s.matrix,
      defaultMatrix: defaultMatrix(s.likelihood_levels, s.impact_levels), revision: s.revision, canEdit: P.canEditSettings(ra),
    };
  }

  async function detail(tx: Queryable, orgId: string, m: repo.AnalysisRow, participants: repo.ParticipantRow[], ra: P.RiskActor): Promise<c.AnalysisDetail> {
    const scope = await repo.scopeOf(tx, orgId, m.id);
    // Independent scores: the detail only ever holds the caller's own scores (everyone's: the consolidation view).
    const own = ra.participant ? await repo.scoresOf(tx, orgId, m.id, ra.userId) : [];
    const agreements = new Map((await repo.agreementsOf(tx, orgId, [m.id])).map((a) => [a.process_id, a]));
    const controls = await repo.controlsOf(tx, orgId, m.id);
    const recs = await repo.recommendationsOf(tx, orgId, [m.id]);
    return {
      ...summary(m, participants, ra),
      processes: scope.map((p) => {
        const s = own.find((x) => x.process_id === p.id);
        const a = agreements.get(p.id);
        return {
          process: processRef(p),
          myScore: s ? scoreView(s, m.matrix) : null,
          agreed: a ? agreementView(a, m.matrix) : null,
          controls: controls.filter((x) => x.process_id === p.id).map(controlView),
          recommendations: recs.filter((x) => x.process_id === p.id).map(recommendationView),
        };
      }),
    };
  }

  const reload = async (tx: Queryable, ctx: RiskCtx, orgId: string, id: string) => {
    const { m, participants, ra } = await load(tx, ctx, orgId, id);
    return detail(tx, orgId, m, participants, ra);
  };
  /** Within an analysis's transaction: the control or recommendation, 404 when it is not this analysis's. */
  async function findControl(tx: Queryable, orgId: string, analysisId: string, id: string) {
    const x = (await repo.controlsOf(tx, orgId, analysisId)).find((r) => r.id === id);
    if (!x) throw notFound('risk_control');
    return x;
  }
  async function findRec(tx: Queryable, orgId: string, analysisId: string, id: string) {
    const x = await repo.findRecommendation(tx, orgId, analysisId, id);
    if (!x) throw notFound('risk_recommendation');
    return x;
  }

  return {
    db, plan, audit, auditAnalysis, load, requireWrite, requireInScope, requireScale, checkParticipants, checkProcesses, checkOwner,
    settingsOf, settingsView, detail, reload, findControl, findRec,
  };
}

export type RiskContext = ReturnType<typeof makeRiskContext>;
