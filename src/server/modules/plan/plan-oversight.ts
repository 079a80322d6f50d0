/** The oversight view across organisations, through the platform's oversight helper (system scope, audited). */
import { sql } from 'drizzle-orm';
import { readOversight } from '../../platform/oversight/index.js';
import type { StatusCounts } from './contract.js';
import * as repo from './repo.js';
import { emptyCounts, iso, readSections, type PlanContext, type PlanCtx } from './plan-context.js';

export function makePlanOversight({ db }: PlanContext) {
  return {
    /**
     * Per organisation: plan in force, period and progress figures; content only when shared. Never notes.
     * The action counts describe the organisation's work, not people, so they are not suppressed
     * (docs/administration.md, "Oversight figures"); the helper still refuses non-oversight
     * readers and audits the read in the reader's oversight organisation.
     */
    async oversight(ctx: PlanCtx) {
      return readOversight(db, ctx, {
        action: 'plan.oversight_read',
        recordType: 'plan',
        run: async ({ tx }) => {
          const orgs = await tx.execute<{ id: string; code: string; kind: string; names: Record<string, string> }>(sql`
            SELECT id, code, kind, names FROM organisation WHERE kind IN ('local_police_zone', 'federal_directorate', 'federal_unit') ORDER BY code`);
          const plans = await tx.execute<repo.PlanRow>(sql`
            SELECT DISTINCT ON (organisation_id) id, organisation_id, version, title, period_from, period_to, in_force_at, sections, shared_with_oversight
              FROM plan WHERE status = 'in_force' ORDER BY organisation_id, in_force_at DESC NULLS LAST, version DESC`);
          const byOrg = new Map(plans.rows.map((p) => [p.organisation_id, p]));
          const ids = plans.rows.map((p) => p.id);
          const counts = ids.length === 0 ? [] : (await tx.execute<{ plan_id: string; status: string; n: number }>(sql`
            SELECT a.plan_id, ${repo.effectiveStatus()} AS status, count(*)::int AS n FROM plan_action a
             WHERE a.plan_id = ANY(${repo.pgArray(ids)}::uuid[]) GROUP BY 1, 2`)).rows;
          const shared = plans.rows.filter((p) => p.shared_with_oversight).map((p) => p.id);
          const objectives = shared.length === 0 ? [] : (await tx.execute<{ id: string; plan_id: string; parent_id: string | null; code: string; title: string }>(sql`
            SELECT id, plan_id, parent_id, code, title FROM plan_objective WHERE plan_id = ANY(${repo.pgArray(shared)}::uuid[]) ORDER BY position, code`)).rows;
          return {
            items: orgs.rows.map((o) => {
              const p = byOrg.get(o.id);
              if (!p) return { organisation: o, planInForce: false, plan: null, actions: null, content: null };
              const byStatus = emptyCounts();
              for (const c of counts.filter((c) => c.plan_id === p.id)) byStatus[c.status as keyof StatusCounts] += Number(c.n);
              const total = Object.values(byStatus).reduce((s, n) => s + n, 0);
              const mine = objectives.filter((x) => x.plan_id === p.id);
              return {
                organisation: o,
                planInForce: true,
                plan: { id: p.id, title: p.title, version: p.version, periodFrom: p.period_from, periodTo: p.period_to, inForceAt: iso(p.in_force_at) },
                actions: { total, byStatus, percentDone: total === 0 ? null : Math.round((byStatus.done / total) * 1000) / 10 },
                content: p.shared_with_oversight ? {
                  sections: readSections(p.sections),
                  objectives: mine.filter((x) => !x.parent_id).map((sd) => ({ code: sd.code, title: sd.title, children: mine.filter((x) => x.parent_id === sd.id).map((od) => ({ code: od.code, title: od.title })) })),
                } : null,
              };
            }),
          };
        },
        details: (r) => ({ organisations: r.items.length }),
      });
    },
  };
}
