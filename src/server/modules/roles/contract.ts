import { z } from 'zod';
import { ROLES } from '../../../shared/roles.js';
import { orgParamsWith } from '../../platform/http/params.js';
import { isoDate } from '../people/contract.js';

export const role = z.enum(ROLES);
export const assignmentStatus = z.enum(['current', 'future', 'past', 'withdrawn']);

export const assignmentParams = orgParamsWith({ assignmentId: z.uuid() });

export const listRolesQuery = z.strictObject({
  role: role.optional(),
  userId: z.uuid().optional(),
  status: z.enum(['current', 'future', 'past', 'all']).default('current'),
});
export type ListRolesQuery = z.infer<typeof listRolesQuery>;

export const assignRoleBody = z
  .strictObject({ userId: z.uuid(), role, validFrom: isoDate, validTo: isoDate.nullable().optional() })
  .refine((b) => !b.validTo || b.validTo >= b.validFrom, { message: 'roles.valid_to_before_from', path: ['validTo'] });
export type AssignRole = z.infer<typeof assignRoleBody>;

/** Withdrawal takes no input; an empty object keeps the endpoint strict against stray fields. */
export const withdrawBody = z.strictObject({}).optional();

export const assignmentView = z.object({
  id: z.uuid(),
  userId: z.uuid(),
  userDisplayName: z.string(),
  userEmail: z.string(),
  role,
  validFrom: z.string(),
  validTo: z.string().nullable(),
  assignedBy: z.uuid().nullable(),
  withdrawnAt: z.string().nullable(),
  withdrawnBy: z.uuid().nullable(),
  /** Past = ended by its end date; withdrawn = ended early (also matched by status=past). */
  status: assignmentStatus,
});
export type AssignmentView = z.infer<typeof assignmentView>;
export const assignmentList = z.object({ items: z.array(assignmentView) });
