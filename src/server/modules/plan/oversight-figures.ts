import { sql } from 'drizzle-orm';
import type { OversightScope } from '../../platform/oversight/index.js';
import type { OversightFigure } from '../../platform/module.js';
import { effectiveStatus } from './repo.js';

/**
 * The plan's figures for oversight (`GET /api/oversight/figures`): per organisation, whether a plan
 * is in force and how its actions stand. Action counts describe the organisation's work, not
 * people, so they are shown as they are (docs/administration.md, "Oversight figures").
 */
export async function planOversightFigures({ tx }: OversightScope): Promise<OversightFigure[]> {
  const r = await tx.execute<{ organisation_id: string; total: number; late: number; done: number }>(sql`
    SELECT p.organisation_id, count(a.id)::int AS total,
           count(*) FILTER (WHERE ${effectiveStatus()} = 'late')::int AS late,
           count(*) FILTER (WHERE ${effectiveStatus()} = 'done')::int AS done
      FROM plan p LEFT JOIN plan_action a ON a.plan_id = p.id AND a.organisation_id = p.organisation_id
     WHERE p.status = 'in_force'
     GROUP BY p.organisation_id`);
  const shown = (value: number) => ({ value, suppressed: false });
  return r.rows.flatMap((x) => [
    { id: 'plan.in_force', organisationId: x.organisation_id, value: shown(1) },
    { id: 'plan.actions_total', organisationId: x.organisation_id, value: shown(x.total) },
    { id: 'plan.actions_late', organisationId: x.organisation_id, value: shown(x.late) },
    { id: 'plan.actions_done', organisationId: x.organisation_id, value: shown(x.done) },
  ]);
}
