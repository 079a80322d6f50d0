/**
 * Maturity frameworks (issue 20): global, versioned data. Everyone reads the published versions; the
 * inspectorate's administrator imports a draft, publishes it (the default for new measurements) or
 * deletes it; old measurements keep the version they used. Writes are audited without an organisation.
 */
import type { Actor } from '../../platform/authz/actor.js';
import { recordAudit } from '../../platform/audit/service.js';
import type { Db, Queryable } from '../../platform/db/pool.js';
import { withSystemTx } from '../../platform/db/tx.js';
import { conflict, notFound } from '../../platform/errors.js';
import type * as c from './contract.js';
import * as P from './policy.js';
import * as repo from './repo.js';
import type { MaturityCtx } from './service.js';

export const criterionView = (r: repo.CriterionRow): c.CriterionView => ({
  id: r.id, pillar: r.pillar, function: r.function, code: r.code, position: r.position, title: r.title, description: r.description, levels: r.levels,
});
const frameworkSummary = (f: repo.FrameworkRow) => ({
  id: f.id, code: f.code, version: f.version, status: f.status, title: f.title, publishedAt: repo.iso(f.published_at), createdAt: repo.iso(f.created_at)!,
  criterionCount: f.criterion_count, current: f.current, measurements: null as number | null,
});
const frameworkView = async (q: Queryable, f: repo.FrameworkRow): Promise<c.FrameworkView> =>
  ({ ...frameworkSummary(f), description: f.description, criteria: (await repo.criteriaOf(q, f.id)).map(criterionView) });

export function makeFrameworkService(db: Db) {
  return {
    /** Whether the actor administers an inspectorate (route policy of the framework writes). */
    async isInspectorateAdmin(actor: Actor) {
      return repo.administersInspectorate(db, P.adminGrantOrgs(actor));
    },

    async listFrameworks(ctx: MaturityCtx) {
      const admin = await repo.administersInspectorate(db, P.adminGrantOrgs(ctx.actor));
      return withSystemTx(db, async (tx) => {
        const rows = (await repo.listFrameworks(tx, admin)).map(frameworkSummary);
        if (!admin) return { items: rows };
        // The inspectorate's administrator sees how many measurements (of any organisation) use each version.
        const counts = await repo.measurementsPerFramework(tx);
        return { items: rows.map((f) => ({ ...f, measurements: counts.get(f.id) ?? 0 })) };
      });
    },

    async getFramework(ctx: MaturityCtx, id: string) {
      const admin = await repo.administersInspectorate(db, P.adminGrantOrgs(ctx.actor));
      return withSystemTx(db, async (tx) => {
        const f = await repo.findFramework(tx, id);
        if (!f || (f.status === 'draft' && !admin)) throw notFound('maturity_framework');
        return frameworkView(tx, f);
      });
    },

    /** An import is the next draft version of its code; publishing makes it the default for new measurements. */
    async importFramework(ctx: MaturityCtx, body: c.FrameworkImportBody) {
      return withSystemTx(db, async (tx) => {
        const id = await repo.insertFramework(tx, body, ctx.actor.userId);
        const f = (await repo.findFramework(tx, id))!;
        await recordAudit(tx, ctx.audit, { organisationId: null, action: 'maturity.framework_import', recordType: 'maturity_framework', recordId: id, details: { code: f.code, version: f.version, criteria: f.criterion_count } });
        return frameworkView(tx, f);
      });
    },

    async publishFramework(ctx: MaturityCtx, id: string) {
      return withSystemTx(db, async (tx) => {
        const f = await repo.findFramework(tx, id);
        if (!f) throw notFound('maturity_framework');
        if (!(await repo.publishFramework(tx, id, ctx.actor.userId))) throw conflict('maturity_framework_published');
        await recordAudit(tx, ctx.audit, { organisationId: null, action: 'maturity.framework_publish', recordType: 'maturity_framework', recordId: id, details: { code: f.code, version: f.version } });
        return frameworkView(tx, (await repo.findFramework(tx, id))!);
      });
    },

    async deleteFramework(ctx: MaturityCtx, id: string) {
      return withSystemTx(db, async (tx) => {
        const f = await repo.findFramework(tx, id);
        if (!f) throw notFound('maturity_framework');
        if (!(await repo.deleteDraftFramework(tx, id))) throw conflict('maturity_framework_published');
        await recordAudit(tx, ctx.audit, { organisationId: null, action: 'maturity.framework_delete', recordType: 'maturity_framework', recordId: id, details: { code: f.code, version: f.version } });
      });
    },
  };
}
