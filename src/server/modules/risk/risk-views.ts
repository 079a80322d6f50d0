/**
 * The views of stored risk rows as the contract names them (contract.ts): pure builders shared by the
 * sub-services of makeRiskService (inventory, workshop, measures, register).
 */
import type * as c from './contract.js';
import * as P from './policy.js';
import * as repo from './repo.js';
import { derive, type Matrix } from './scoring.js';

export const person = (id: string | null, name: string | null) => (id ? { userId: id, displayName: name ?? '' } : null);
export const owner = (id: string | null, name: string | null) => (id ? { personId: id, displayName: name ?? '' } : null);

export const processView = (p: repo.ProcessRow): c.ProcessView => ({
  id: p.id, kind: p.kind, name: p.name, description: p.description, catalogueCode: p.catalogue_code, owner: owner(p.owner_person_id, p.owner_name),
  reviewDate: p.review_date, reviewOverdue: p.review_overdue, archived: p.archived, createdAt: repo.iso(p.created_at)!, revision: p.revision,
});
export const processRef = (p: Pick<repo.ProcessRow, 'id' | 'kind' | 'name' | 'catalogue_code'>): c.ProcessRef => ({ id: p.id, kind: p.kind, name: p.name, catalogueCode: p.catalogue_code });
export const snapshot = (m: repo.AnalysisRow): c.MatrixSnapshot => ({ likelihoodLevels: m.likelihood_levels, impactLevels: m.impact_levels, matrix: m.matrix });

export function summary(m: repo.AnalysisRow, participants: repo.ParticipantRow[], ra: P.RiskActor): c.AnalysisSummary {
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
export const scoreView = (s: repo.ScoreRow, matrix: Matrix): c.ScoreView => ({
  processId: s.process_id, ...factorsOf(s), likelihood: s.likelihood, impact: s.impact, comment: s.comment, derived: derive(s, matrix),
  revision: s.revision, updatedAt: repo.iso(s.updated_at)!,
});
export const agreementView = (a: repo.AgreementRow, matrix: Matrix): c.AgreementView => ({
  processId: a.process_id, ...factorsOf(a), likelihood: a.likelihood, impact: a.impact, comment: a.comment, reason: a.reason,
  derived: { ...derive(a, matrix), band: a.band, vulnerability: a.vulnerability, riskScore: a.risk_score },
  decidedBy: person(a.decided_by, a.decided_by_name), updatedAt: repo.iso(a.updated_at)!, revision: a.revision,
});
export const controlView = (x: repo.ControlRow): c.ControlView => ({ id: x.id, processId: x.process_id, description: x.description, type: x.type, effectiveness: x.effectiveness, revision: x.revision });
export const recommendationView = (r: repo.RecommendationRow): c.RecommendationView => ({
  id: r.id, processId: r.process_id, text: r.text, owner: owner(r.owner_person_id, r.owner_name), dueDate: r.due_date, status: r.status, late: r.late,
  planLink: r.plan_kind && r.plan_id ? {
    kind: r.plan_kind, planId: r.plan_id, objectiveId: r.plan_objective_id, actionId: r.plan_action_id,
    code: r.entry_code || null, title: r.entry_title, status: r.entry_status, progress: r.entry_progress, late: r.entry_status === 'late',
  } : null,
  createdAt: repo.iso(r.created_at)!, revision: r.revision,
});
