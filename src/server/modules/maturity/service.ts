/**
 * The maturity measurement service (issue 20): measurements of an organisation (the frameworks'
 * administration is in framework-service.ts), independent scores, consolidation, approval (then locked), gaps to the policy plan,
 * and the read models of the web (detail, consolidation, matrix, trend). Rules in policy.ts,
 * queries in repo.ts; every read and write of a measurement is audited in its transaction.
 */
import type { Actor } from '../../platform/authz/actor.js';
import type { AuditContext } from '../../platform/audit/service.js';
import { recordAudit, recordAuditMany } from '../../platform/audit/service.js';
import type { Db, Queryable } from '../../platform/db/pool.js';
import { EditConflict } from '../../platform/db/revision.js';
import { withOrgTx } from '../../platform/db/tx.js';
import { conflict, forbidden, invalid, notFound } from '../../platform/errors.js';
import { recordExport } from '../../platform/export/index.js';
import { isLocale } from '../../platform/i18n/index.js';
import type { Mailer } from '../../platform/mail/index.js';
import { DEFAULT_LOCALE, type Locale } from '../../../shared/roles.js';
import { getOrganisation } from '../organisations/service.js';
import { createActionBody, createObjectiveBody } from '../plan/contract.js';
import { makePlanService, planEntriesOf, type PlanEntryRef } from '../plan/service.js';
import type * as c from './contract.js';
import { FUNCTIONS, PILLARS } from './contract.js';
import { evidenceForExport } from './evidence.js';
import { criterionView, makeFrameworkService } from './framework-service.js';
import * as P from './policy.js';
import * as repo from './repo.js';

export interface MaturityDeps {
  db: Db;
  mailer: Mailer;
  publicUrl: string;
  dataDir?: string;
}
export interface MaturityCtx {
  actor: Actor;
  audit: AuditContext;
}

/** The framework a new measurement uses when none is named: the newest published version of this code. */
export const DEFAULT_FRAMEWORK_CODE = 'imf';

const RECORD = 'maturity_measurement';
const round2 = (n: number | null) => (n === null ? null : Math.round(n * 100) / 100);
const average = (xs: number[]) => (xs.length === 0 ? null : round2(xs.reduce((a, b) => a + b, 0) / xs.length));

/** What the organisation's dashboard shows of maturity (MaturityService.dashboardFigures). */
export interface DashboardFigures {
  trend: c.TrendView;
  /** The latest approved measurement: agreed and target averages per pillar, and per function within the instruments pillar. */
  levels: null | {
    measurementId: string; year: number;
    pillars: { pillar: c.Pillar; average: number | null; targetAverage: number | null; groups: { function: c.ImfFunction; average: number | null; targetAverage: number | null }[] }[];
  };
}

/** The trend's points from the trend rows (grouping sets: a row without function is the pillar's average; with one, the function's). */
function trendOf(rows: readonly repo.TrendRow[]): c.TrendView {
  const points = new Map<string, c.TrendView['items'][number]>();
  for (const r of rows) {
    let p = points.get(r.id);
    if (!p) {
      p = {
        measurementId: r.id, kind: r.kind, year: r.year, status: r.status, frameworkVersion: r.framework_version, approvedAt: repo.iso(r.approved_at),
        pillars: { instruments: null, processes: null, structures: null }, functions: { define: null, guide: null, monitor: null, enforce: null },
      };
      points.set(r.id, p);
    }
    if (r.pillar === null || r.average === null) continue;
    if (r.function === null) {
      p.pillars[r.pillar] = round2(r.average);
    } else if (r.function) {
      p.functions[r.function] = round2(r.average);
    }
  }
  return { items: [...points.values()] };
}

export function makeMaturityService(deps: MaturityDeps) {
  const { db } = deps;
  const plan = makePlanService({ db, mailer: deps.mailer, publicUrl: deps.publicUrl, dataDir: deps.dataDir });

  const audit = (tx: Queryable, ctx: MaturityCtx, orgId: string, id: string | undefined, action: string, details: Record<string, unknown> = {}) =>
    recordAudit(tx, ctx.audit, { organisationId: orgId, action: `maturity.${action}`, recordType: RECORD, recordId: id, details });

  // Views -------------------------------------------------------------------------------------

  function summary(m: repo.MeasurementRow, assessors: repo.AssessorRow[], ma: P.MaturityActor): c.MeasurementSummary {
    const me = assessors.find((x) => x.user_id === ma.userId);
    return {
      id: m.id, kind: m.kind, year: m.year, status: m.status,
      framework: { id: m.framework_id, code: m.framework_code, version: m.framework_version, title: m.framework_title },
      criterionCount: m.criterion_count,
      assessors: assessors.map((x) => ({ userId: x.user_id, displayName: x.display_name, scored: x.scored })),
      myScored: me ? me.scored : null,
      agreedCount: m.agreed_count,
      createdBy: m.created_by ? { userId: m.created_by, displayName: m.created_by_name ?? '' } : null,
      createdAt: repo.iso(m.created_at)!, consolidationStartedAt: repo.iso(m.consolidation_started_at), submittedAt: repo.iso(m.submitted_at),
      approvedAt: repo.iso(m.approved_at), approvedBy: m.approved_by ? { userId: m.approved_by, displayName: m.approved_by_name ?? '' } : null,
      revision: m.revision,
      permissions: P.permissions(ma, m),
    };
  }

  const agreementView = (a: repo.AgreementRow): c.AgreementView => ({
    criterionId: a.criterion_id, agreedLevel: a.agreed_level, targetLevel: a.target_level, reason: a.reason, gap: a.agreed_level < a.target_level,
    decidedBy: a.decided_by ? { userId: a.decided_by, displayName: a.decided_by_name ?? '' } : null, updatedAt: repo.iso(a.updated_at)!, revision: a.revision,
  });

  /** Plan entries by id (entries made from gaps), read once per view. */
  async function planEntries(tx: Queryable, orgId: string, actionIds: string[], objectiveIds: string[]) {
    const list = await planEntriesOf(tx, orgId, { actionIds, objectiveIds });
    return new Map<string, PlanEntryRef>(list.map((e) => [`${e.kind}:${e.id}`, e]));
  }
  const linkView = (l: repo.LinkRow, entries: Map<string, PlanEntryRef>): c.PlanLinkView => {
    const e = l.kind === 'action' ? (l.action_id ? entries.get(`action:${l.action_id}`) : undefined) : (l.objective_id ? entries.get(`objective:${l.objective_id}`) : undefined);
    return {
      id: l.id, measurementId: l.measurement_id, measurementKind: l.measurement_kind, measurementYear: l.measurement_year, criterionCode: l.criterion_code,
      kind: l.kind, planId: l.plan_id, objectiveId: l.objective_id, actionId: l.action_id,
      title: e?.title ?? null, status: e?.status ?? null, progress: e?.progress ?? null, createdAt: repo.iso(l.created_at)!,
    };
  };
  const scoreView = (s: repo.ScoreRow): c.ScoreView => ({
    criterionId: s.criterion_id, level: s.level, evidence: s.evidence, revision: s.revision, updatedAt: repo.iso(s.updated_at)!,
  });

  // Loading and checks -------------------------------------------------------------------------

  /** The measurement as the actor may see it: 404 for anybody who is neither officer, chief nor one of its assessors. */
  async function load(tx: Queryable, ctx: MaturityCtx, orgId: string, id: string, opts: { lock?: 'update' | 'share' } = {}) {
    const m = await repo.findMeasurement(tx, orgId, id, opts);
    if (!m) throw notFound(RECORD);
    const assessors = (await repo.assessorsOf(tx, orgId, [id])).get(id) ?? [];
    const ma = P.maturityActor(ctx.actor, orgId, assessors.some((x) => x.user_id === ctx.actor.userId));
    if (!P.canRead(ma)) throw notFound(RECORD);
    return { m, assessors, ma };
  }

  /** A write: approved is locked whatever the step; otherwise the rule decides between 403 (not yours) and 409 (not now). */
  function requireWrite(ma: P.MaturityActor, m: repo.MeasurementRow, allowed: boolean, roleOk: boolean) {
    if (m.status === 'approved') throw conflict('maturity_locked');
    if (allowed) return;
    if (!roleOk) throw forbidden();
    throw conflict('maturity_wrong_status', { status: m.status });
  }

  async function requireCriterion(tx: Queryable, m: repo.MeasurementRow, criterionId: string) {
    const crit = (await repo.criteriaOf(tx, m.framework_id)).find((x) => x.id === criterionId);
    if (!crit) throw notFound('maturity_criterion');
    return crit;
  }

  async function checkAssessors(tx: Queryable, orgId: string, userIds: string[]) {
    const ok = new Set((await repo.candidates(tx, orgId)).map((x) => x.user_id));
    if (userIds.some((u) => !ok.has(u))) throw invalid('maturity_assessor_unknown', 'assessorUserIds');
    return [...new Set(userIds)];
  }

  /** The previous measurement's result per criterion code and the plan entries made from its gaps. */
  async function previousOf(tx: Queryable, orgId: string, m: repo.MeasurementRow) {
    const prev = await repo.previousMeasurement(tx, orgId, m);
    if (!prev) return null;
    return { prev, agreed: await repo.agreedByCode(tx, orgId, prev.id), links: await repo.linksOf(tx, orgId, [prev.id]) };
  }
  function previousResult(prevData: Awaited<ReturnType<typeof previousOf>>, code: string, agreedNow: number | null, entries: Map<string, PlanEntryRef>): c.MeasurementDetail['criteria'][number]['previous'] {
    if (!prevData) return null;
    const p = prevData.agreed.get(code);
    const links = prevData.links.filter((l) => l.criterion_code === code).map((l) => linkView(l, entries));
    if (!p && links.length === 0) return null;
    const moved = p && agreedNow !== null ? (agreedNow > p.agreed ? 'up' : agreedNow < p.agreed ? 'down' : 'same') : null;
    return { measurementId: prevData.prev.id, kind: prevData.prev.kind, year: prevData.prev.year, agreedLevel: p?.agreed ?? null, targetLevel: p?.target ?? null, moved, links };
  }

  /** Everything the detail and consolidation views share, read in one transaction. */
  async function gather(tx: Queryable, orgId: string, m: repo.MeasurementRow, ownScoresOf: string | null) {
    const criteria = await repo.criteriaOf(tx, m.framework_id);
    const scores = await repo.scoresOf(tx, orgId, m.id, ownScoresOf);
    const agreements = new Map((await repo.agreementsOf(tx, orgId, [m.id])).map((a) => [a.criterion_id, a]));
    const links = await repo.linksOf(tx, orgId, [m.id]);
    const prevData = await previousOf(tx, orgId, m);
    const allLinks = [...links, ...(prevData?.links ?? [])];
    const entries = await planEntries(tx, orgId,
      allLinks.flatMap((l) => (l.action_id ? [l.action_id] : [])),
      allLinks.flatMap((l) => (l.kind === 'objective' && l.objective_id ? [l.objective_id] : [])));
    return { criteria, scores, agreements, links, prevData, entries };
  }

  async function detail(tx: Queryable, orgId: string, m: repo.MeasurementRow, assessors: repo.AssessorRow[], ma: P.MaturityActor): Promise<c.MeasurementDetail> {
    // Independent scores: the detail only ever holds the caller's own scores (all scores: the consolidation view).
    const g = await gather(tx, orgId, m, ma.userId);
    return {
      ...summary(m, assessors, ma),
      criteria: g.criteria.map((cr) => {
        const own = g.scores.find((s) => s.criterion_id === cr.id);
        const a = g.agreements.get(cr.id);
        return {
          criterion: criterionView(cr),
          myScore: own ? scoreView(own) : null,
          agreed: a ? agreementView(a) : null,
          links: g.links.filter((l) => l.criterion_id === cr.id).map((l) => linkView(l, g.entries)),
          previous: previousResult(g.prevData, cr.code, a?.agreed_level ?? null, g.entries),
        };
      }),
    };
  }

  const reload = async (tx: Queryable, ctx: MaturityCtx, orgId: string, id: string) => {
    const { m, assessors, ma } = await load(tx, ctx, orgId, id);
    return detail(tx, orgId, m, assessors, ma);
  };

  return {
    ...makeFrameworkService(db),

    // Measurements ------------------------------------------------------------------------------

    async candidates(ctx: MaturityCtx, orgId: string) {
      return withOrgTx(db, orgId, async (tx) => {
        if (!P.isOfficer(P.maturityActor(ctx.actor, orgId))) throw forbidden();
        const items = (await repo.candidates(tx, orgId)).map((x) => ({ userId: x.user_id, displayName: x.display_name }));
        await audit(tx, ctx, orgId, undefined, 'candidates_read', { count: items.length });
        return { items };
      });
    },

    async list(ctx: MaturityCtx, orgId: string) {
      return withOrgTx(db, orgId, async (tx) => {
        const base = P.maturityActor(ctx.actor, orgId);
        const rows = await repo.listMeasurements(tx, orgId, P.isManager(base) ? null : ctx.actor.userId);
        const assessors = await repo.assessorsOf(tx, orgId, rows.map((r) => r.id));
        const items = rows.map((m) => {
          const list = assessors.get(m.id) ?? [];
          return summary(m, list, { ...base, assessor: list.some((x) => x.user_id === ctx.actor.userId) });
        });
        await audit(tx, ctx, orgId, undefined, 'list', { count: items.length });
        return { items };
      });
    },

    async create(ctx: MaturityCtx, orgId: string, body: c.CreateMeasurementBody) {
      return withOrgTx(db, orgId, async (tx) => {
        if (!P.canCreate(P.maturityActor(ctx.actor, orgId))) throw forbidden();
        const f = body.frameworkId ? await repo.findFramework(tx, body.frameworkId) : await repo.currentFramework(tx, DEFAULT_FRAMEWORK_CODE);
        if (body.frameworkId && (!f || f.status !== 'published')) throw invalid('maturity_framework_unknown', 'frameworkId');
        if (!f) throw conflict('maturity_framework_none');
        const assessorIds = await checkAssessors(tx, orgId, body.assessorUserIds);
        const id = await repo.insertMeasurement(tx, { orgId, frameworkId: f.id, kind: body.kind, year: body.year, createdBy: ctx.actor.userId });
        await repo.setAssessors(tx, orgId, id, assessorIds);
        await audit(tx, ctx, orgId, id, 'create', { kind: body.kind, year: body.year, frameworkId: f.id, frameworkVersion: f.version, assessorUserIds: assessorIds });
        return reload(tx, ctx, orgId, id);
      });
    },

    async get(ctx: MaturityCtx, orgId: string, id: string) {
      return withOrgTx(db, orgId, async (tx) => {
        const { m, assessors, ma } = await load(tx, ctx, orgId, id);
        await audit(tx, ctx, orgId, id, 'read');
        return detail(tx, orgId, m, assessors, ma);
      });
    },

    async updateAssessors(ctx: MaturityCtx, orgId: string, id: string, body: c.UpdateMeasurementBody, expected: number) {
      return withOrgTx(db, orgId, async (tx) => {
        const { m, ma } = await load(tx, ctx, orgId, id, { lock: 'update' });
        requireWrite(ma, m, P.canEditAssessors(ma, m), P.isOfficer(ma));
        const ids = await checkAssessors(tx, orgId, body.assessorUserIds);
        await repo.stepMeasurement(tx, orgId, id, expected, {}, () => reload(tx, ctx, orgId, id));
        await repo.setAssessors(tx, orgId, id, ids);
        await audit(tx, ctx, orgId, id, 'assessors_update', { assessorUserIds: ids });
        return reload(tx, ctx, orgId, id);
      });
    },

    async remove(ctx: MaturityCtx, orgId: string, id: string) {
      return withOrgTx(db, orgId, async (tx) => {
        const { m, ma } = await load(tx, ctx, orgId, id, { lock: 'update' });
        requireWrite(ma, m, P.canRemove(ma, m), P.isOfficer(ma));
        await repo.deleteMeasurement(tx, orgId, id);
        await audit(tx, ctx, orgId, id, 'delete', { kind: m.kind, year: m.year });
      });
    },

    /** An assessor's own score; If-Match "0" for a first score, else the score's revision. */
    async putScore(ctx: MaturityCtx, orgId: string, id: string, criterionId: string, body: c.ScoreBody, expected: number) {
      return withOrgTx(db, orgId, async (tx) => {
        // Shared lock: scores of several assessors go in side by side, but never past the start of consolidation.
        const { m, ma } = await load(tx, ctx, orgId, id, { lock: 'share' });
        requireWrite(ma, m, P.canScore(ma, m), ma.assessor);
        await requireCriterion(tx, m, criterionId);
        const v = { orgId, measurementId: id, criterionId, userId: ctx.actor.userId, level: body.level, evidence: body.evidence };
        const current = async () => {
          const s = (await repo.scoresOf(tx, orgId, id, ctx.actor.userId)).find((x) => x.criterion_id === criterionId);
          return s ? scoreView(s) : undefined;
        };
        if (expected === 0) {
          if (!(await repo.insertScore(tx, v))) throw new EditConflict(await current());
        } else {
          await repo.updateScore(tx, v, expected, current);
        }
        await audit(tx, ctx, orgId, id, 'score', { criterionId, level: body.level });
        return (await current())!;
      });
    },

    async consolidate(ctx: MaturityCtx, orgId: string, id: string, expected?: number) {
      return step(ctx, orgId, id, expected, 'consolidate', (ma, m) => [P.canConsolidate(ma, m), P.isOfficer(ma)], { status: 'consolidating', consolidationStartedAt: new Date() });
    },

    async submit(ctx: MaturityCtx, orgId: string, id: string, expected?: number) {
      return step(ctx, orgId, id, expected, 'submit', (ma, m) => [P.canSubmit(ma, m), P.isOfficer(ma)], { status: 'submitted', submittedAt: new Date(), submittedBy: ctx.actor.userId },
        async (m) => {
          const missing = m.criterion_count - m.agreed_count;
          if (missing > 0) throw conflict('maturity_not_complete', { missing });
        });
    },

    async returnToConsolidation(ctx: MaturityCtx, orgId: string, id: string, expected?: number) {
      return step(ctx, orgId, id, expected, 'return', (ma, m) => [P.canReturn(ma, m), P.isManager(ma)], { status: 'consolidating', submittedAt: null, submittedBy: null });
    },

    async approve(ctx: MaturityCtx, orgId: string, id: string, expected?: number) {
      return step(ctx, orgId, id, expected, 'approve', (ma, m) => [P.canApprove(ma, m), P.isChief(ma)], { status: 'approved', approvedAt: new Date(), approvedBy: ctx.actor.userId });
    },

    async consolidation(ctx: MaturityCtx, orgId: string, id: string): Promise<c.ConsolidationView> {
      return withOrgTx(db, orgId, async (tx) => {
        const { m, assessors, ma } = await load(tx, ctx, orgId, id);
        if (!P.canReadConsolidation(ma, m)) throw conflict('maturity_not_consolidating');
        const g = await gather(tx, orgId, m, null);
        const rows = g.criteria.map((cr) => {
          const scores = assessors.map((x) => {
            const s = g.scores.find((y) => y.criterion_id === cr.id && y.assessor_user_id === x.user_id);
            return { assessor: { userId: x.user_id, displayName: x.display_name }, level: s?.level ?? null, evidence: s?.evidence ?? null };
          });
          const levels = scores.flatMap((s) => (s.level === null ? [] : [s.level]));
          const a = g.agreements.get(cr.id);
          return {
            criterion: criterionView(cr), scores,
            disagreement: new Set(levels).size > 1,
            minLevel: levels.length ? Math.min(...levels) : null, maxLevel: levels.length ? Math.max(...levels) : null,
            agreed: a ? agreementView(a) : null,
            links: g.links.filter((l) => l.criterion_id === cr.id).map((l) => linkView(l, g.entries)),
            previous: previousResult(g.prevData, cr.code, a?.agreed_level ?? null, g.entries),
          };
        });
        await audit(tx, ctx, orgId, id, 'consolidation_read');
        return { measurement: summary(m, assessors, ma), rows, disagreements: rows.filter((r) => r.disagreement).length, complete: rows.every((r) => r.agreed !== null) };
      });
    },

    /** The officer's agreed level, target and reason; If-Match "0" for a first one, else its revision. */
    async putAgreement(ctx: MaturityCtx, orgId: string, id: string, criterionId: string, body: c.AgreementBody, expected: number) {
      return withOrgTx(db, orgId, async (tx) => {
        const { m, ma } = await load(tx, ctx, orgId, id, { lock: 'update' });
        requireWrite(ma, m, P.canAgree(ma, m), P.isOfficer(ma));
        await requireCriterion(tx, m, criterionId);
        const v = { orgId, measurementId: id, criterionId, agreedLevel: body.agreedLevel, targetLevel: body.targetLevel, reason: body.reason, userId: ctx.actor.userId };
        const current = async () => {
          const a = (await repo.agreementsOf(tx, orgId, [id])).find((x) => x.criterion_id === criterionId);
          return a ? agreementView(a) : undefined;
        };
        if (expected === 0) {
          if (!(await repo.insertAgreement(tx, v))) throw new EditConflict(await current());
        } else {
          await repo.updateAgreement(tx, v, expected, current);
        }
        await audit(tx, ctx, orgId, id, 'agree', { criterionId, agreedLevel: body.agreedLevel, targetLevel: body.targetLevel });
        return (await current())!;
      });
    },

    /**
     * A gap becomes an action (or objective) in a draft policy plan of the organisation, in one step:
     * the plan's own service writes it (its rules, its audit) and the link is kept here, in one
     * transaction. The checks run first, so a refused gap leaves the plan untouched.
     */
    async createPlanEntry(ctx: MaturityCtx, orgId: string, id: string, criterionId: string, body: c.PlanEntryBody): Promise<c.PlanLinkView> {
      const crit = await withOrgTx(db, orgId, async (tx) => {
        const { m, ma } = await load(tx, ctx, orgId, id);
        if (!P.canLinkToPlan(ma, m)) {
          if (!P.isOfficer(ma)) throw forbidden();
          throw conflict('maturity_wrong_status', { status: m.status });
        }
        const cr = await requireCriterion(tx, m, criterionId);
        const a = (await repo.agreementsOf(tx, orgId, [id])).find((x) => x.criterion_id === criterionId);
        if (!a || a.agreed_level >= a.target_level) throw conflict('maturity_no_gap');
        return cr;
      });
      const planCtx = { actor: ctx.actor, audit: ctx.audit };
      // The plan writes its entry (its rules, its audit) and, in the same transaction, the link is
      // kept here: an entry is never created without its link, nor a link without its entry.
      let link: c.PlanLinkView | undefined;
      const keepLink = async (tx: Queryable, entry: { kind: 'action' | 'objective'; objectiveId: string | null; actionId: string | null }) => {
        const linkId = await repo.insertLink(tx, { orgId, measurementId: id, criterionId, planId: body.planId, userId: ctx.actor.userId, ...entry });
        await audit(tx, ctx, orgId, id, 'plan_link', { criterionId, linkId, planId: body.planId, kind: entry.kind, actionId: entry.actionId, objectiveId: entry.objectiveId });
        const row = (await repo.linksOf(tx, orgId, [id])).find((l) => l.id === linkId)!;
        link = linkView(row, await planEntries(tx, orgId, row.action_id ? [row.action_id] : [], row.kind === 'objective' && row.objective_id ? [row.objective_id] : []));
      };
      if (body.kind === 'action') {
        const parsed = createActionBody.safeParse({
          objectiveId: body.objectiveId, title: body.title, description: body.description ?? null, dueDate: body.dueDate ?? null,
          ...(crit.function ? { imfFunction: crit.function } : {}),
        });
        if (!parsed.success) throw invalid('maturity_plan_entry_invalid');
        await plan.createAction(planCtx, orgId, body.planId, parsed.data,
          (tx, action) => keepLink(tx, { kind: 'action', objectiveId: action.objectiveId, actionId: action.id }));
      } else {
        const parsed = createObjectiveBody.safeParse({ parentId: body.objectiveId ?? null, title: body.title, description: body.description ?? null });
        if (!parsed.success) throw invalid('maturity_plan_entry_invalid');
        await plan.createObjective(planCtx, orgId, body.planId, parsed.data,
          (tx, objective) => keepLink(tx, { kind: 'objective', objectiveId: objective.id, actionId: null }));
      }
      return link!;
    },

    async matrix(ctx: MaturityCtx, orgId: string, id: string): Promise<c.MatrixView> {
      return withOrgTx(db, orgId, async (tx) => {
        const { m, assessors, ma } = await load(tx, ctx, orgId, id);
        const criteria = await repo.criteriaOf(tx, m.framework_id);
        // While scoring nothing is agreed yet: the matrix shows the framework with empty cells.
        const agreements = new Map((await repo.agreementsOf(tx, orgId, [id])).map((a) => [a.criterion_id, a]));
        const cell = (cr: repo.CriterionRow) => {
          const a = agreements.get(cr.id);
          return { criterionId: cr.id, code: cr.code, title: cr.title, agreedLevel: a?.agreed_level ?? null, targetLevel: a?.target_level ?? null };
        };
        const stats = (cells: ReturnType<typeof cell>[]) => ({
          average: average(cells.flatMap((x) => (x.agreedLevel === null ? [] : [x.agreedLevel]))),
          targetAverage: average(cells.flatMap((x) => (x.targetLevel === null ? [] : [x.targetLevel]))),
        });
        const pillars = PILLARS.map((pillar) => {
          const inPillar = criteria.filter((x) => x.pillar === pillar);
          const groups = pillar === 'instruments'
            ? FUNCTIONS.map((fn) => inPillar.filter((x) => x.function === fn)).filter((g) => g.length > 0).map((g) => ({ function: g[0].function, cells: g.map(cell) }))
            : inPillar.length ? [{ function: null, cells: inPillar.map(cell) }] : [];
          return { pillar, ...stats(inPillar.map(cell)), groups: groups.map((g) => ({ ...g, ...stats(g.cells) })) };
        }).filter((p) => p.groups.length > 0);
        await audit(tx, ctx, orgId, id, 'matrix_read');
        return { measurement: summary(m, assessors, ma), pillars };
      });
    },

    async trend(ctx: MaturityCtx, orgId: string): Promise<c.TrendView> {
      return withOrgTx(db, orgId, async (tx) => {
        if (!P.isManager(P.maturityActor(ctx.actor, orgId))) throw forbidden();
        const trend = trendOf(await repo.trendRows(tx, orgId));
        await audit(tx, ctx, orgId, undefined, 'trend_read', { count: trend.items.length });
        return trend;
      });
    },

    /**
     * The dashboard's figures (dashboard.ts) in one transaction and one query: the trend, and the
     * latest approved measurement's agreed and target averages per pillar and per function, the
     * figures its matrix shows. Audited as those two reads are (trend_read, matrix_read).
     */
    async dashboardFigures(ctx: MaturityCtx, orgId: string): Promise<DashboardFigures> {
      return withOrgTx(db, orgId, async (tx) => {
        if (!P.isManager(P.maturityActor(ctx.actor, orgId))) throw forbidden();
        const rows = await repo.trendRows(tx, orgId);
        const trend = trendOf(rows);
        const approved = trend.items.filter((p) => p.status === 'approved').at(-1);
        let levels: DashboardFigures['levels'] = null;
        if (approved) {
          const mine = rows.filter((r) => r.id === approved.measurementId && r.pillar !== null);
          const figure = (r: repo.TrendRow) => ({ average: round2(r.average), targetAverage: round2(r.target_average) });
          levels = {
            measurementId: approved.measurementId, year: approved.year,
            pillars: PILLARS.flatMap((pillar) => {
              const whole = mine.find((r) => r.pillar === pillar && r.function === null);
              if (!whole) return [];
              const groups = pillar === 'instruments'
                ? FUNCTIONS.flatMap((fn) => mine.filter((r) => r.pillar === pillar && r.function === fn).slice(0, 1).map((r) => ({ function: fn, ...figure(r) })))
                : [];
              return [{ pillar, ...figure(whole), groups }];
            }),
          };
        }
        await recordAuditMany(tx, ctx.audit, [
          { organisationId: orgId, action: 'maturity.trend_read', recordType: RECORD, details: { count: trend.items.length } },
          ...(approved ? [{ organisationId: orgId, action: 'maturity.matrix_read', recordType: RECORD, recordId: approved.measurementId, details: {} }] : []),
        ]);
        return { trend, levels };
      });
    },

    /** Data of the exports (export.ts renders them), read and audited in one transaction. */
    async exportData(ctx: MaturityCtx, orgId: string, id: string, format: 'csv' | 'docx' | 'pdf', lang?: Locale) {
      return withOrgTx(db, orgId, async (tx) => {
        const { m, assessors, ma } = await load(tx, ctx, orgId, id);
        if (!P.canExport(ma, m)) {
          if (!P.isManager(ma)) throw forbidden();
          throw conflict('maturity_not_consolidating');
        }
        const g = await gather(tx, orgId, m, null);
        const org = await getOrganisation(tx, orgId);
        const first = org?.languages[0];
        const locale: Locale = lang ?? (isLocale(first) ? first : DEFAULT_LOCALE);
        const orgName = org ? (org.names[locale] ?? org.names[org.languages[0]] ?? Object.values(org.names)[0] ?? '') : '';
        // The assessors' files and links per criterion, with the linked records as the exporter may see them.
        const evidence = await evidenceForExport(tx, orgId, id, ctx.actor, locale);
        await recordExport(tx, ctx.audit, { organisationId: orgId, action: 'maturity.export', recordType: RECORD, recordId: id, format, details: { locale } });
        return { m, assessors, locale, orgName, evidence, ...g };
      });
    },

    // Home ---------------------------------------------------------------------------------------

    async homeFigures(actor: Actor, orgId: string) {
      return withOrgTx(db, orgId, async (tx) => {
        const ma = P.maturityActor(actor, orgId);
        const out: { id: string; count: number }[] = [];
        const waiting = await repo.waitingScores(tx, orgId, actor.userId);
        if (waiting > 0 || P.isManager(ma)) out.push({ id: 'maturity.waiting_scores', count: waiting });
        if (P.isOfficer(ma)) out.push({ id: 'maturity.to_consolidate', count: await repo.countByStatus(tx, orgId, 'consolidating') });
        if (P.isChief(ma)) out.push({ id: 'maturity.to_approve', count: await repo.countByStatus(tx, orgId, 'submitted') });
        return out;
      });
    },
  };

  /** A lifecycle step: lock, check, move the status and the revision (409 when If-Match is stale), audit. */
  async function step(
    ctx: MaturityCtx, orgId: string, id: string, expected: number | undefined, action: string,
    rule: (ma: P.MaturityActor, m: repo.MeasurementRow) => [allowed: boolean, roleOk: boolean],
    set: Record<string, unknown>, extra?: (m: repo.MeasurementRow) => Promise<void>,
  ): Promise<c.MeasurementDetail> {
    return withOrgTx(db, orgId, async (tx) => {
      const { m, ma } = await load(tx, ctx, orgId, id, { lock: 'update' });
      if (expected !== undefined && expected !== m.revision) throw new EditConflict(await reload(tx, ctx, orgId, id));
      const [allowed, roleOk] = rule(ma, m);
      requireWrite(ma, m, allowed, roleOk);
      await extra?.(m);
      await repo.stepMeasurement(tx, orgId, id, m.revision, set, () => reload(tx, ctx, orgId, id));
      await audit(tx, ctx, orgId, id, action, { from: m.status, to: set.status });
      return reload(tx, ctx, orgId, id);
    });
  }
}

export type MaturityService = ReturnType<typeof makeMaturityService>;
