/**
 * The risk analysis service (issue 21): the organisation's matrix and inventory, analyses run as a
 * workshop (scope, independent scores, consolidation, controls, recommendations, completion, then
 * locked), recommendations turned into plan entries in one transaction, and the read models of the
 * web (detail, consolidation, register, heat map, comparison). Rules in policy.ts and scoring.ts,
 * queries in repo.ts; every read and write is audited in its transaction (the analyses and the
 * register are internal-confidential).
 */
import type { Actor } from '../../platform/authz/actor.js';
import type { AuditContext } from '../../platform/audit/service.js';
import { recordAudit } from '../../platform/audit/service.js';
import type { Db, Queryable } from '../../platform/db/pool.js';
import { EditConflict } from '../../platform/db/revision.js';
import { withOrgTx } from '../../platform/db/tx.js';
import { AppError, conflict, forbidden, invalid, notFound } from '../../platform/errors.js';
import { isLocale } from '../../platform/i18n/index.js';
import type { Mailer } from '../../platform/mail/index.js';
import { DEFAULT_LOCALE } from '../../../shared/roles.js';
import { getOrganisation } from '../organisations/service.js';
import { createActionBody, createObjectiveBody } from '../plan/contract.js';
import { makePlanService } from '../plan/service.js';
import { riskCatalogue } from './catalogue.js';
import type * as c from './contract.js';
import { DEFAULT_LEVELS } from './contract.js';
import { riskIssues } from './messages.js';
import * as P from './policy.js';
import * as repo from './repo.js';
import { bandRank, compareScores, defaultMatrix, derive, inScale, matrixProblem, movementOf, type Matrix } from './scoring.js';

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

const RECORD = 'risk_analysis';
const HIGH = new Set<c.Band>(['high', 'very_high']);

export function makeRiskService(deps: RiskDeps) {
  const { db } = deps;
  const plan = makePlanService({ db, mailer: deps.mailer, publicUrl: deps.publicUrl, dataDir: deps.dataDir });

  const audit = (tx: Queryable, ctx: RiskCtx, orgId: string, recordType: string, id: string | undefined, action: string, details: Record<string, unknown> = {}) =>
    recordAudit(tx, ctx.audit, { organisationId: orgId, action: `risk.${action}`, recordType, recordId: id, details });
  const auditAnalysis = (tx: Queryable, ctx: RiskCtx, orgId: string, id: string | undefined, action: string, details: Record<string, unknown> = {}) =>
    audit(tx, ctx, orgId, RECORD, id, action, details);

  // Views -------------------------------------------------------------------------------------

  const person = (id: string | null, name: string | null) => (id ? { userId: id, displayName: name ?? '' } : null);
  const owner = (id: string | null, name: string | null) => (id ? { personId: id, displayName: name ?? '' } : null);

  const processView = (p: repo.ProcessRow): c.ProcessView => ({
    id: p.id, kind: p.kind, name: p.name, description: p.description, catalogueCode: p.catalogue_code, owner: owner(p.owner_person_id, p.owner_name),
    reviewDate: p.review_date, reviewOverdue: p.review_overdue, archived: p.archived, createdAt: repo.iso(p.created_at)!, revision: p.revision,
  });
  const processRef = (p: repo.ProcessRow): c.ProcessRef => ({ id: p.id, kind: p.kind, name: p.name, catalogueCode: p.catalogue_code });
  const snapshot = (m: repo.AnalysisRow): c.MatrixSnapshot => ({ likelihoodLevels: m.likelihood_levels, impactLevels: m.impact_levels, matrix: m.matrix });

  function summary(m: repo.AnalysisRow, participants: repo.ParticipantRow[], ra: P.RiskActor): c.AnalysisSummary {
    const me = participants.find((x) => x.user_id === ra.userId);
    return {
      id: m.id, title: m.title, scopeNote: m.scope_note, status: m.status, moderator: person(m.moderator_user_id, m.moderator_name), matrix: snapshot(m),
      processCount: m.process_count, participants: participants.map((x) => ({ userId: x.user_id, displayName: x.display_name, scored: x.scored })),
      myScored: me ? me.scored : null, agreedCount: m.agreed_count,
      createdAt: repo.iso(m.created_at)!, startedAt: repo.iso(m.started_at), consolidationStartedAt: repo.iso(m.consolidation_started_at), completedAt: repo.iso(m.completed_at),
      revision: m.revision, permissions: P.permissions(ra, m),
    };
  }

  const factorsOf = (s: { inherent: Record<string, number>; aggravating: Record<string, number> }) => ({
    inherent: { money: s.inherent.money ?? 0, goods: s.inherent.goods ?? 0, information: s.inherent.information ?? 0, power: s.inherent.power ?? 0, external: s.inherent.external ?? 0 },
    aggravating: { supervision: s.aggravating.supervision ?? 0, combined_duties: s.aggravating.combined_duties ?? 0, pressure: s.aggravating.pressure ?? 0, rotation: s.aggravating.rotation ?? 0 },
  });
  const scoreView = (s: repo.ScoreRow, matrix: Matrix): c.ScoreView => ({
    processId: s.process_id, ...factorsOf(s), likelihood: s.likelihood, impact: s.impact, comment: s.comment, derived: derive(s, matrix),
    revision: s.revision, updatedAt: repo.iso(s.updated_at)!,
  });
  const agreementView = (a: repo.AgreementRow, matrix: Matrix): c.AgreementView => ({
    processId: a.process_id, ...factorsOf(a), likelihood: a.likelihood, impact: a.impact, comment: a.comment, reason: a.reason,
    derived: { ...derive(a, matrix), band: a.band, vulnerability: a.vulnerability, riskScore: a.risk_score },
    decidedBy: person(a.decided_by, a.decided_by_name), updatedAt: repo.iso(a.updated_at)!, revision: a.revision,
  });
  const controlView = (x: repo.ControlRow): c.ControlView => ({ id: x.id, processId: x.process_id, description: x.description, type: x.type, effectiveness: x.effectiveness, revision: x.revision });
  const recommendationView = (r: repo.RecommendationRow): c.RecommendationView => ({
    id: r.id, processId: r.process_id, text: r.text, owner: owner(r.owner_person_id, r.owner_name), dueDate: r.due_date, status: r.status, late: r.late,
    planLink: r.plan_kind && r.plan_id ? {
      kind: r.plan_kind, planId: r.plan_id, objectiveId: r.plan_objective_id, actionId: r.plan_action_id,
      code: r.entry_code || null, title: r.entry_title, status: r.entry_status, progress: r.entry_progress, late: r.entry_status === 'late',
    } : null,
    createdAt: repo.iso(r.created_at)!, revision: r.revision,
  });

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
    // Settings ----------------------------------------------------------------------------------

    async settings(ctx: RiskCtx, orgId: string): Promise<c.SettingsView> {
      return withOrgTx(db, orgId, async (tx) => {
        const ra = P.riskActor(ctx.actor, orgId);
        // Participants see the matrix through their analysis (its snapshot); the settings are for the register's readers.
        if (!P.canReadRegister(ra)) throw notFound('risk_settings');
        return settingsView(tx, orgId, ra);
      });
    },

    /** The matrix: If-Match "0" while never saved, else its revision. New analyses take a copy; running ones keep theirs. */
    async putSettings(ctx: RiskCtx, orgId: string, body: c.SettingsBody, expected: number): Promise<c.SettingsView> {
      return withOrgTx(db, orgId, async (tx) => {
        const ra = P.riskActor(ctx.actor, orgId);
        if (!P.canReadRegister(ra)) throw notFound('risk_settings');
        if (!P.canEditSettings(ra)) throw forbidden();
        const matrix = body.matrix ?? defaultMatrix(body.likelihoodLevels, body.impactLevels);
        const problem = matrixProblem(body.likelihoodLevels, body.impactLevels, matrix);
        if (problem) throw invalid('risk_matrix_invalid', 'matrix', { problem });
        const v = { orgId, likelihood: body.likelihoodLevels, impact: body.impactLevels, matrix, userId: ctx.actor.userId };
        const current = async () => ((await repo.findSettings(tx, orgId)) ? settingsView(tx, orgId, ra) : undefined);
        if (expected === 0) {
          if (!(await repo.insertSettings(tx, v))) throw new EditConflict(await current());
        } else {
          await repo.updateSettings(tx, v, expected, current);
        }
        await audit(tx, ctx, orgId, 'risk_settings', orgId, 'settings_update', { likelihoodLevels: v.likelihood, impactLevels: v.impact, matrix });
        return settingsView(tx, orgId, ra);
      });
    },

    // Inventory ---------------------------------------------------------------------------------

    async catalogue(ctx: RiskCtx, orgId: string): Promise<c.CatalogueList> {
      return withOrgTx(db, orgId, async (tx) => {
        if (!P.canReadRegister(P.riskActor(ctx.actor, orgId))) throw notFound('risk_process');
        const have = await repo.catalogueCodesOf(tx, orgId);
        return { items: riskCatalogue.map((e) => ({ code: e.code, source: e.source, kind: e.kind, name: e.name, description: e.description, inInventory: have.has(e.code) })) };
      });
    },

    async ownerCandidates(ctx: RiskCtx, orgId: string): Promise<c.OwnerCandidateList> {
      return withOrgTx(db, orgId, async (tx) => {
        const ra = P.riskActor(ctx.actor, orgId);
        if (!P.canReadRegister(ra)) throw notFound('risk_process');
        if (!P.isOfficer(ra)) throw forbidden();
        const items = (await repo.ownerCandidates(tx, orgId)).map((x) => ({ personId: x.person_id, displayName: x.display_name }));
        await audit(tx, ctx, orgId, 'risk_process', undefined, 'owner_candidates_read', { count: items.length });
        return { items };
      });
    },

    async participantCandidates(ctx: RiskCtx, orgId: string): Promise<c.CandidateList> {
      return withOrgTx(db, orgId, async (tx) => {
        const ra = P.riskActor(ctx.actor, orgId);
        if (!P.canReadRegister(ra)) throw notFound(RECORD);
        if (!P.isOfficer(ra)) throw forbidden();
        const items = (await repo.participantCandidates(tx, orgId)).map((x) => ({ userId: x.user_id, displayName: x.display_name }));
        await auditAnalysis(tx, ctx, orgId, undefined, 'candidates_read', { count: items.length });
        return { items };
      });
    },

    async listProcesses(ctx: RiskCtx, orgId: string, withArchived: boolean): Promise<c.ProcessList> {
      return withOrgTx(db, orgId, async (tx) => {
        const ra = P.riskActor(ctx.actor, orgId);
        if (!P.canReadRegister(ra)) throw notFound('risk_process');
        const items = (await repo.listProcesses(tx, orgId, withArchived)).map(processView);
        await audit(tx, ctx, orgId, 'risk_process', undefined, 'inventory_read', { count: items.length });
        return { items, canManage: P.canManageInventory(ra) };
      });
    },

    async createProcess(ctx: RiskCtx, orgId: string, body: c.CreateProcessBody): Promise<c.ProcessView> {
      return withOrgTx(db, orgId, async (tx) => {
        const ra = P.riskActor(ctx.actor, orgId);
        if (!P.canReadRegister(ra)) throw notFound('risk_process');
        if (!P.canManageInventory(ra)) throw forbidden();
        await checkOwner(tx, orgId, body.ownerPersonId, 'ownerPersonId');
        const id = (await repo.insertProcess(tx, {
          orgId, kind: body.kind, name: body.name, description: body.description ?? '', catalogueCode: null,
          ownerPersonId: body.ownerPersonId ?? null, reviewDate: body.reviewDate ?? null, userId: ctx.actor.userId,
        }))!;
        await audit(tx, ctx, orgId, 'risk_process', id, 'process_create', { kind: body.kind, name: body.name });
        return processView((await repo.processesById(tx, orgId, [id]))[0]);
      });
    },

    /** Catalogue entries into the inventory, named in the organisation's first language; codes already there are skipped. */
    async addFromCatalogue(ctx: RiskCtx, orgId: string, body: c.FromCatalogueBody): Promise<c.ProcessList> {
      return withOrgTx(db, orgId, async (tx) => {
        const first = (await getOrganisation(tx, orgId))?.languages[0];
        const lang: keyof c.Localized = isLocale(first) ? first : DEFAULT_LOCALE;
        const ra = P.riskActor(ctx.actor, orgId);
        if (!P.canReadRegister(ra)) throw notFound('risk_process');
        if (!P.canManageInventory(ra)) throw forbidden();
        const codes = [...new Set(body.codes)];
        const entries = codes.map((code) => riskCatalogue.find((e) => e.code === code));
        if (entries.some((e) => !e)) throw invalid('risk_catalogue_unknown', 'codes');
        const ids: string[] = [];
        for (const e of entries) {
          const id = await repo.insertProcess(tx, {
            orgId, kind: e!.kind, name: e!.name[lang], description: e!.description[lang], catalogueCode: e!.code, ownerPersonId: null, reviewDate: null, userId: ctx.actor.userId,
          });
          if (id) ids.push(id);
        }
        await audit(tx, ctx, orgId, 'risk_process', undefined, 'process_from_catalogue', { codes, added: ids.length });
        return { items: (await repo.processesById(tx, orgId, ids)).map(processView), canManage: true };
      });
    },

    async updateProcess(ctx: RiskCtx, orgId: string, id: string, body: c.UpdateProcessBody, expected: number): Promise<c.ProcessView> {
      return withOrgTx(db, orgId, async (tx) => {
        const ra = P.riskActor(ctx.actor, orgId);
        if (!P.canReadRegister(ra)) throw notFound('risk_process');
        if (!P.canManageInventory(ra)) throw forbidden();
        await checkOwner(tx, orgId, body.ownerPersonId, 'ownerPersonId');
        const set: Record<string, unknown> = {};
        if (body.kind !== undefined) set.kind = body.kind;
        if (body.name !== undefined) set.name = body.name;
        if (body.description !== undefined) set.description = body.description;
        if (body.ownerPersonId !== undefined) set.ownerPersonId = body.ownerPersonId;
        if (body.reviewDate !== undefined) set.reviewDate = body.reviewDate;
        if (body.archived !== undefined) set.archived = body.archived;
        const current = async () => (await repo.processesById(tx, orgId, [id])).map(processView)[0];
        await repo.updateProcess(tx, orgId, id, set, expected, current);
        await audit(tx, ctx, orgId, 'risk_process', id, 'process_update', { fields: Object.keys(set) });
        return (await current())!;
      });
    },

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

    // Controls ----------------------------------------------------------------------------------

    async createControl(ctx: RiskCtx, orgId: string, id: string, processId: string, body: c.ControlBody): Promise<c.ControlView> {
      return withOrgTx(db, orgId, async (tx) => {
        const { m, ra } = await load(tx, ctx, orgId, id, { lock: 'share' });
        requireWrite(m, P.canEditControls(ra, m), P.isOfficer(ra));
        await requireInScope(tx, orgId, m, processId);
        const cid = await repo.insertControl(tx, { orgId, analysisId: id, processId, ...body });
        await audit(tx, ctx, orgId, 'risk_control', id, 'control_create', { processId, controlId: cid, type: body.type, effectiveness: body.effectiveness });
        return controlView(await findControl(tx, orgId, id, cid));
      });
    },

    async updateControl(ctx: RiskCtx, orgId: string, id: string, controlId: string, body: c.UpdateControlBody, expected: number): Promise<c.ControlView> {
      return withOrgTx(db, orgId, async (tx) => {
        const { m, ra } = await load(tx, ctx, orgId, id, { lock: 'share' });
        requireWrite(m, P.canEditControls(ra, m), P.isOfficer(ra));
        await findControl(tx, orgId, id, controlId);
        const current = async () => (await repo.controlsOf(tx, orgId, id)).filter((x) => x.id === controlId).map(controlView)[0];
        await repo.updateControl(tx, orgId, id, controlId, { ...body }, expected, current);
        await audit(tx, ctx, orgId, 'risk_control', id, 'control_update', { controlId, fields: Object.keys(body) });
        return (await current())!;
      });
    },

    async deleteControl(ctx: RiskCtx, orgId: string, id: string, controlId: string) {
      return withOrgTx(db, orgId, async (tx) => {
        const { m, ra } = await load(tx, ctx, orgId, id, { lock: 'share' });
        requireWrite(m, P.canEditControls(ra, m), P.isOfficer(ra));
        if (!(await repo.deleteControl(tx, orgId, id, controlId))) throw notFound('risk_control');
        await audit(tx, ctx, orgId, 'risk_control', id, 'control_delete', { controlId });
      });
    },

    // Recommendations ---------------------------------------------------------------------------

    async createRecommendation(ctx: RiskCtx, orgId: string, id: string, processId: string, body: c.RecommendationBody): Promise<c.RecommendationView> {
      return withOrgTx(db, orgId, async (tx) => {
        const { m, ra } = await load(tx, ctx, orgId, id, { lock: 'share' });
        requireWrite(m, P.canEditRecommendations(ra, m), P.isOfficer(ra));
        await requireInScope(tx, orgId, m, processId);
        await checkOwner(tx, orgId, body.ownerPersonId, 'ownerPersonId');
        const rid = await repo.insertRecommendation(tx, { orgId, analysisId: id, processId, text: body.text, ownerPersonId: body.ownerPersonId ?? null, dueDate: body.dueDate ?? null, userId: ctx.actor.userId });
        await audit(tx, ctx, orgId, 'risk_recommendation', id, 'recommendation_create', { processId, recommendationId: rid });
        return recommendationView(await findRec(tx, orgId, id, rid));
      });
    },

    /** Before completion everything; after it, the follow-up only (status, owner, due date). */
    async updateRecommendation(ctx: RiskCtx, orgId: string, id: string, recId: string, body: c.UpdateRecommendationBody, expected: number): Promise<c.RecommendationView> {
      return withOrgTx(db, orgId, async (tx) => {
        const { m, ra } = await load(tx, ctx, orgId, id, { lock: 'share' });
        const followUpOnly = body.text === undefined;
        requireWrite(m, followUpOnly ? P.canFollowUp(ra, m) : P.canEditRecommendations(ra, m), P.isOfficer(ra), followUpOnly);
        await findRec(tx, orgId, id, recId);
        await checkOwner(tx, orgId, body.ownerPersonId, 'ownerPersonId');
        const set: Record<string, unknown> = {};
        if (body.text !== undefined) set.text = body.text;
        if (body.ownerPersonId !== undefined) set.ownerPersonId = body.ownerPersonId;
        if (body.dueDate !== undefined) set.dueDate = body.dueDate;
        if (body.status !== undefined) set.status = body.status;
        const current = async () => {
          const r = await repo.findRecommendation(tx, orgId, id, recId);
          return r ? recommendationView(r) : undefined;
        };
        await repo.updateRecommendation(tx, orgId, id, recId, set, expected, current);
        await audit(tx, ctx, orgId, 'risk_recommendation', id, 'recommendation_update', { recommendationId: recId, fields: Object.keys(set), status: body.status });
        return (await current())!;
      });
    },

    async deleteRecommendation(ctx: RiskCtx, orgId: string, id: string, recId: string) {
      return withOrgTx(db, orgId, async (tx) => {
        const { m, ra } = await load(tx, ctx, orgId, id, { lock: 'share' });
        requireWrite(m, P.canEditRecommendations(ra, m), P.isOfficer(ra));
        const r = await findRec(tx, orgId, id, recId);
        if (r.plan_kind) throw conflict('risk_recommendation_linked');
        await repo.deleteRecommendation(tx, orgId, id, recId);
        await audit(tx, ctx, orgId, 'risk_recommendation', id, 'recommendation_delete', { recommendationId: recId });
      });
    },

    /**
     * A recommendation becomes an action (or objective) in a draft policy plan, in one step: the plan's
     * own service writes it (its rules, its audit) and, in the same transaction, the link is kept on the
     * recommendation. The checks run first, so a refused recommendation leaves the plan untouched; a
     * refused plan entry leaves the recommendation unlinked.
     */
    async createPlanEntry(ctx: RiskCtx, orgId: string, id: string, recId: string, body: c.PlanEntryBody): Promise<c.RecommendationView> {
      const rec = await withOrgTx(db, orgId, async (tx) => {
        const { m, ra } = await load(tx, ctx, orgId, id);
        if (!P.canLinkToPlan(ra, m)) {
          if (!P.isOfficer(ra)) throw forbidden();
          throw conflict('risk_wrong_status', { status: m.status });
        }
        const r = await findRec(tx, orgId, id, recId);
        if (r.plan_kind) throw conflict('risk_already_linked');
        return r;
      });
      const planCtx = { actor: ctx.actor, audit: ctx.audit };
      let out: c.RecommendationView | undefined;
      const keepLink = async (tx: Queryable, entry: { kind: 'action' | 'objective'; objectiveId: string | null; actionId: string | null }) => {
        // The recommendation may have been linked meanwhile: then the plan entry goes too (the whole transaction rolls back).
        if (!(await repo.linkRecommendation(tx, orgId, recId, { planId: body.planId, ...entry }))) throw conflict('risk_already_linked');
        await audit(tx, ctx, orgId, 'risk_recommendation', id, 'plan_link', { recommendationId: recId, planId: body.planId, kind: entry.kind, actionId: entry.actionId, objectiveId: entry.objectiveId });
        out = recommendationView((await repo.findRecommendation(tx, orgId, id, recId))!);
      };
      const title = body.title ?? rec.text.split('\n')[0].trim().slice(0, 1000);
      if (body.kind === 'action') {
        const parsed = createActionBody.safeParse({
          objectiveId: body.objectiveId, title, description: body.description ?? rec.text, dueDate: body.dueDate !== undefined ? body.dueDate : rec.due_date,
          ...(rec.owner_person_id ? { ownerPersonId: rec.owner_person_id } : {}),
        });
        if (!parsed.success) throw invalid('risk_plan_entry_invalid');
        await plan.createAction(planCtx, orgId, body.planId, parsed.data, (tx, action) => keepLink(tx, { kind: 'action', objectiveId: action.objectiveId, actionId: action.id }));
      } else {
        const parsed = createObjectiveBody.safeParse({ parentId: body.objectiveId ?? null, title, description: body.description ?? rec.text });
        if (!parsed.success) throw invalid('risk_plan_entry_invalid');
        await plan.createObjective(planCtx, orgId, body.planId, parsed.data, (tx, objective) => keepLink(tx, { kind: 'objective', objectiveId: objective.id, actionId: null }));
      }
      return out!;
    },

    // Register, heat map, comparison ------------------------------------------------------------

    async register(ctx: RiskCtx, orgId: string): Promise<c.RegisterView> {
      return withOrgTx(db, orgId, async (tx) => {
        if (!P.canReadRegister(P.riskActor(ctx.actor, orgId))) throw notFound('risk_process');
        const processes = await repo.listProcesses(tx, orgId, false);
        const latest = new Map((await repo.latestAgreements(tx, orgId)).map((a) => [a.process_id, a]));
        const analysisIds = (await repo.listAnalyses(tx, orgId, null)).map((a) => a.id);
        const recs = await repo.recommendationsOf(tx, orgId, analysisIds);
        const totals = { processes: processes.length, analysed: 0, byBand: { low: 0, medium: 0, high: 0, very_high: 0 }, reviewsOverdue: 0, highRiskWithoutAction: 0, lateRecommendations: 0, lateActions: 0 };
        const recsOf = new Map<string, repo.RecommendationRow[]>();
        for (const r of recs) {
          const list = recsOf.get(r.process_id);
          if (list) list.push(r); else recsOf.set(r.process_id, [r]);
        }
        const rows = processes.map((p) => {
          const a = latest.get(p.id);
          const mine = recsOf.get(p.id) ?? [];
          const active = mine.filter((r) => r.status === 'open' || r.status === 'in_progress');
          const lateRecs = active.filter((r) => r.late).length;
          const lateActions = mine.filter((r) => r.status !== 'dropped' && r.entry_status === 'late').length;
          const linked = a ? mine.some((r) => r.analysis_id === a.analysis_id && r.plan_kind !== null && r.status !== 'dropped') : false;
          const highWithout = !!a && HIGH.has(a.band) && !linked;
          if (a) { totals.analysed++; totals.byBand[a.band]++; }
          if (p.review_overdue) totals.reviewsOverdue++;
          if (highWithout) totals.highRiskWithoutAction++;
          totals.lateRecommendations += lateRecs;
          totals.lateActions += lateActions;
          return {
            process: processView(p),
            latest: a ? {
              analysisId: a.analysis_id, analysisTitle: a.analysis_title, completedAt: repo.iso(a.completed_at), likelihood: a.likelihood, impact: a.impact,
              riskScore: a.risk_score, band: a.band, vulnerability: a.vulnerability,
            } : null,
            openRecommendations: active.length, lateRecommendations: lateRecs, lateActions, highRiskWithoutAction: highWithout,
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
        const agreements = m ? await repo.agreementsOf(tx, orgId, [m.id]) : [];
        const procs = new Map((await repo.processesById(tx, orgId, agreements.map((a) => a.process_id))).map((p) => [p.id, p]));
        const inCell = new Map<string, c.ProcessRef[]>();
        for (const a of agreements) {
          const p = procs.get(a.process_id);
          if (!p) continue;
          const key = `${a.likelihood}:${a.impact}`;
          const list = inCell.get(key);
          if (list) list.push(processRef(p)); else inCell.set(key, [processRef(p)]);
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

export type RiskService = ReturnType<typeof makeRiskService>;
