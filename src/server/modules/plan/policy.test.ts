import { describe, expect, it } from 'vitest';
import type { Role } from '../../../shared/roles.js';
import type { PlanStatus } from './contract.js';
import { diffPlans } from './diff.js';
import * as P from './policy.js';
import { targetMet } from './service.js';

const actor = (roles: Role[], userId = 'u1', unitId: string | null = null): P.PlanActor => ({ userId, roles, unitIds: unitId ? [unitId] : [] });
const plan = (status: PlanStatus) => ({ status });
const STATUSES: PlanStatus[] = ['draft', 'submitted', 'approved', 'in_force', 'superseded'];

describe('plan policy', () => {
  it('officer and chief edit drafts only', () => {
    for (const r of ['integrity_officer', 'chief'] as Role[]) {
      expect(STATUSES.filter((s) => P.canEditPlan(actor([r]), plan(s)))).toEqual(['draft']);
    }
    for (const r of ['head_of_service', 'staff_member', 'dpo', 'auditor', 'administrator', 'oversight'] as Role[]) {
      expect(STATUSES.some((s) => P.canEditPlan(actor([r]), plan(s)))).toBe(false);
    }
  });

  it('only the officer submits, only the chief approves and puts in force', () => {
    expect(P.canSubmitPlan(actor(['integrity_officer']), plan('draft'))).toBe(true);
    expect(P.canSubmitPlan(actor(['chief']), plan('draft'))).toBe(false);
    expect(P.canApprovePlan(actor(['chief']), plan('submitted'))).toBe(true);
    expect(P.canApprovePlan(actor(['integrity_officer']), plan('submitted'))).toBe(false);
    expect(P.canApprovePlan(actor(['chief']), plan('draft'))).toBe(false);
    expect(P.canPutInForce(actor(['chief']), plan('approved'))).toBe(true);
    expect(P.canPutInForce(actor(['integrity_officer']), plan('approved'))).toBe(false);
    expect(P.canCreateVersion(actor(['integrity_officer']), plan('in_force'))).toBe(true);
    expect(P.canCreateVersion(actor(['integrity_officer']), plan('draft'))).toBe(false);
  });

  it('staff members read only the plan in force; heads of service and managers read all; dpo and auditor nothing', () => {
    expect(STATUSES.filter((s) => P.canReadPlan(actor(['staff_member']), plan(s)))).toEqual(['in_force']);
    expect(STATUSES.every((s) => P.canReadPlan(actor(['head_of_service']), plan(s)))).toBe(true);
    expect(STATUSES.every((s) => P.canReadPlan(actor(['integrity_officer']), plan(s)))).toBe(true);
    for (const r of ['dpo', 'auditor', 'confidential_counsellor', 'oversight'] as Role[]) {
      expect(STATUSES.some((s) => P.canReadPlan(actor([r]), plan(s)))).toBe(false);
      expect(P.readableStatuses(actor([r]))).toEqual([]);
    }
    expect(P.canSeePlanNotes(actor(['staff_member']))).toBe(false);
    expect(P.canSeePlanNotes(actor(['head_of_service']))).toBe(false);
    expect(P.canSeePlanNotes(actor(['chief']))).toBe(true);
  });

  it('owners update their own actions; heads of service those of their unit; on a running plan only', () => {
    const own = { ownerUserId: 'u1', ownerUnitId: null };
    const other = { ownerUserId: 'u2', ownerUnitId: 'unitA' };
    expect(P.canUpdateAction(actor(['staff_member']), plan('in_force'), own)).toBe(true);
    expect(P.canUpdateAction(actor(['staff_member']), plan('in_force'), other)).toBe(false);
    expect(P.canUpdateAction(actor(['staff_member']), plan('draft'), own)).toBe(false);
    expect(P.canUpdateAction(actor(['head_of_service'], 'u9', 'unitA'), plan('in_force'), other)).toBe(true);
    expect(P.canUpdateAction(actor(['head_of_service'], 'u9', 'unitB'), plan('in_force'), other)).toBe(false);
    // The head of a unit above answers for the units under it.
    expect(P.canUpdateAction({ userId: 'u9', roles: ['head_of_service'], unitIds: ['ops', 'unitA'] }, plan('in_force'), other)).toBe(true);
    expect(P.canUpdateAction(actor(['head_of_service'], 'u9', null), plan('in_force'), { ownerUserId: null, ownerUnitId: null })).toBe(false);
    expect(P.canUpdateAction(actor(['integrity_officer'], 'u9'), plan('approved'), other)).toBe(true);
    expect(P.canUpdateAction(actor(['dpo'], 'u9'), plan('in_force'), other)).toBe(false);
    expect(P.canSeeActionNotes(actor(['staff_member'], 'u3'), other)).toBe(false);
  });

  it('evaluations: managers write, the chief approves', () => {
    expect(P.canEvaluate(actor(['integrity_officer']), plan('in_force'))).toBe(true);
    expect(P.canEvaluate(actor(['integrity_officer']), plan('draft'))).toBe(false);
    expect(P.canApproveEvaluation(actor(['integrity_officer']))).toBe(false);
    expect(P.canApproveEvaluation(actor(['chief']))).toBe(true);
  });
});

describe('target met', () => {
  it('follows the direction from baseline to target', () => {
    expect(targetMet(100, 90, 85)).toBe(true); // a fall of complaints
    expect(targetMet(100, 90, 95)).toBe(false);
    expect(targetMet(0, 80, 85)).toBe(true);
    expect(targetMet(null, 80, 70)).toBe(false);
    expect(targetMet(0, null, 70)).toBe(null);
    expect(targetMet(0, 5, null)).toBe(null);
  });
});

describe('diff', () => {
  it('matches objectives by code then title, actions by source, code and title', () => {
    const sections = { ambition: 'a' };
    const from = {
      sections, plan: { title: 'P' },
      objectives: [{ id: 'o1', parentId: null, code: 'SD 1', title: 'Old' }, { id: 'o2', parentId: null, code: '', title: 'No code' }],
      actions: [
        { id: 'a1', sourceActionId: null, objectiveId: 'o1', code: null, title: 'Keep', progress: 0 },
        { id: 'a2', sourceActionId: null, objectiveId: 'o1', code: null, title: 'Drop' },
      ],
    };
    const to = {
      sections: { ambition: 'b' }, plan: { title: 'P' },
      objectives: [{ id: 'n1', parentId: null, code: 'SD 1', title: 'New' }, { id: 'n2', parentId: null, code: '', title: ' no  code ' }],
      actions: [
        { id: 'b1', sourceActionId: 'a1', objectiveId: 'n1', code: null, title: 'Kept, renamed', progress: 50 },
        { id: 'b3', sourceActionId: null, objectiveId: 'n2', code: null, title: 'Added' },
      ],
    };
    const d = diffPlans(from, to);
    // Matched by code (SD 1) and by normalised title (the second); the edited spelling still shows as a change.
    expect(d.objectives.changed).toEqual([
      expect.objectContaining({ code: 'SD 1', changes: [{ field: 'title', before: 'Old', after: 'New' }] }),
      expect.objectContaining({ title: ' no  code ', changes: [{ field: 'title', before: 'No code', after: ' no  code ' }] }),
    ]);
    expect(d.objectives.added).toEqual([]);
    expect(d.objectives.removed).toEqual([]);
    expect(d.actions.changed[0].changes.map((c) => c.field)).toEqual(['title', 'progress']);
    expect(d.actions.added.map((a) => a.title)).toEqual(['Added']);
    expect(d.actions.removed.map((a) => a.title)).toEqual(['Drop']);
    expect(d.sections).toEqual([{ section: 'ambition', before: 'a', after: 'b' }]);
  });
});
