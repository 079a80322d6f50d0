/** Exports of a plan (docx, pdf, csv of actions) and of an evaluation (docx, pdf); rendering is in export.ts. */
import { withOrgTx } from '../../platform/db/tx.js';
import { notFound } from '../../platform/errors.js';
import type { Locale } from '../../../shared/roles.js';
import { actionsCsv, evaluationBlocks, planBlocks, renderDocx, renderPdf } from './export.js';
import * as P from './policy.js';
import * as repo from './repo.js';
import { evaluationView, type PlanContext, type PlanCtx } from './plan-context.js';

export function makePlanExports({ db, actorIn, loadPlan, audit, tree, orgName, exportLocale }: PlanContext) {
  return {
    async exportPlan(ctx: PlanCtx, orgId: string, planId: string, format: 'docx' | 'pdf' | 'csv', lang?: Locale, opts: { compress?: boolean } = {}) {
      const data = await withOrgTx(db, orgId, async (tx) => {
        const pa = await actorIn(tx, ctx.actor, orgId);
        const plan = await loadPlan(tx, orgId, planId, pa);
        const locale = await exportLocale(tx, orgId, lang);
        const t = await tree(tx, orgId, plan, pa);
        await audit(tx, ctx, orgId, planId, 'plan.export', { format, locale });
        return { tree: t, locale, org: await orgName(tx, orgId, locale) };
      });
      const base = `plan-${data.tree.plan.periodFrom}-${data.tree.plan.periodTo}-v${data.tree.plan.version}`;
      if (format === 'csv') return { filename: `${base}-actions.csv`, contentType: 'text/csv; charset=utf-8', body: Buffer.from(actionsCsv(data.tree, data.locale), 'utf8') };
      const blocks = planBlocks(data.tree, data.org, data.locale);
      if (format === 'docx') return { filename: `${base}.docx`, contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', body: await renderDocx(blocks, { title: data.tree.plan.title, locale: data.locale }) };
      return { filename: `${base}.pdf`, contentType: 'application/pdf', body: await renderPdf(blocks, { title: data.tree.plan.title, locale: data.locale, compress: opts.compress }) };
    },

    async exportEvaluation(ctx: PlanCtx, orgId: string, planId: string, year: number, format: 'docx' | 'pdf', lang?: Locale, opts: { compress?: boolean } = {}) {
      const data = await withOrgTx(db, orgId, async (tx) => {
        const pa = P.planActor(ctx.actor, orgId);
        const plan = await loadPlan(tx, orgId, planId, pa);
        const ev = await repo.findEvaluation(tx, orgId, planId, year);
        if (!ev) throw notFound('plan_evaluation');
        const locale = await exportLocale(tx, orgId, lang);
        await audit(tx, ctx, orgId, planId, 'plan.export', { format, locale, evaluationYear: year });
        return { plan, ev: evaluationView(ev), locale, org: await orgName(tx, orgId, locale) };
      });
      const blocks = evaluationBlocks(data.ev, { title: data.plan.title, periodFrom: data.plan.period_from, periodTo: data.plan.period_to }, data.org, data.locale);
      const title = `${data.plan.title} — ${year}`;
      const base = `plan-evaluation-${year}`;
      if (format === 'docx') return { filename: `${base}.docx`, contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', body: await renderDocx(blocks, { title, locale: data.locale }) };
      return { filename: `${base}.pdf`, contentType: 'application/pdf', body: await renderPdf(blocks, { title, locale: data.locale, compress: opts.compress }) };
    },
  };
}
