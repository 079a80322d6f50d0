import { recordAudit, type AuditContext } from '../../platform/audit/service.js';
import type { Db } from '../../platform/db/pool.js';
import { withOrgTx } from '../../platform/db/tx.js';
import { conflict, invalid, notFound } from '../../platform/errors.js';
import { getOrganisation } from '../organisations/service.js';
import { OVERSIGHT_KINDS } from '../organisations/policy.js';
import type { AssignmentView, AssignRole, ListRolesQuery } from './contract.js';
import * as repo from './repo.js';

const view = (r: repo.AssignmentRow): AssignmentView => ({
  id: r.id, userId: r.user_id, userDisplayName: r.user_display_name, userEmail: r.user_email, role: r.role as AssignmentView['role'],
  validFrom: r.valid_from, validTo: r.valid_to, assignedBy: r.assigned_by, withdrawnAt: r.withdrawn_at, withdrawnBy: r.withdrawn_by, status: r.status,
});

export function makeRoleService(deps: { db: Db }) {
  const { db } = deps;

  return {
    async list(orgId: string, query: ListRolesQuery) {
      return withOrgTx(db, orgId, async (tx) => {
        if (!(await getOrganisation(tx, orgId))) throw notFound('organisation');
        return { items: (await repo.listAssignments(tx, orgId, query)).map(view) };
      });
    },

    async assign(ctx: AuditContext, orgId: string, body: AssignRole): Promise<AssignmentView> {
      return withOrgTx(db, orgId, async (tx) => {
        const org = await getOrganisation(tx, orgId);
        if (!org) throw notFound('organisation');
        if (body.role === 'oversight' && !OVERSIGHT_KINDS.includes(org.kind)) throw invalid('role_oversight_kind', 'role');
        if (!(await repo.memberMayHoldRole(tx, orgId, body.userId))) throw invalid('role_user_not_found', 'userId');
        await repo.lockRoles(tx, orgId);
        const validTo = body.validTo ?? null;
        if (await repo.overlaps(tx, orgId, body.userId, body.role, body.validFrom, validTo)) throw conflict('role_overlap', {}, 'validFrom');
        const id = await repo.insertAssignment(tx, { orgId, userId: body.userId, role: body.role, validFrom: body.validFrom, validTo, assignedBy: ctx.actorUserId });
        await recordAudit(tx, ctx, {
          organisationId: orgId, action: 'role.assign', recordType: 'role_assignment', recordId: id,
          details: { role: body.role, userId: body.userId, validFrom: body.validFrom, validTo },
        });
        return view((await repo.findAssignment(tx, orgId, id))!);
      });
    },

    /** Ends a current or future assignment now; the row stays for the audit trail. */
    async withdraw(ctx: AuditContext, orgId: string, assignmentId: string): Promise<AssignmentView> {
      return withOrgTx(db, orgId, async (tx) => {
        await repo.lockRoles(tx, orgId);
        const a = await repo.findAssignment(tx, orgId, assignmentId);
        if (!a) throw notFound('role_assignment');
        if (a.status === 'withdrawn') throw conflict('role_already_withdrawn');
        if (a.status === 'past') throw conflict('role_already_ended');
        if (a.role === 'administrator' && a.status === 'current' && (await repo.otherCurrentAdministrators(tx, orgId, a.id)) === 0) {
          throw conflict('role_last_administrator');
        }
        await repo.withdraw(tx, orgId, assignmentId, ctx.actorUserId);
        await recordAudit(tx, ctx, { organisationId: orgId, action: 'role.withdraw', recordType: 'role_assignment', recordId: assignmentId, details: { role: a.role, userId: a.user_id } });
        return view((await repo.findAssignment(tx, orgId, assignmentId))!);
      });
    },
  };
}

export type RoleService = ReturnType<typeof makeRoleService>;
