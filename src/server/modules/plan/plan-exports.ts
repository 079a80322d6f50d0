/** Exports of a plan (docx, pdf, csv of actions) and of an evaluation (docx, pdf); their content is in export.ts. */
import { withOrgTx } from '../../platform/db/tx.js';
import { notFound } from '../../platform/errors.js';
import { CONTENT_TYPES, recordExport, renderDocument, type ExportDocument } from '../../platform/export/index.js';
import { translate } from '../../platform/i18n/index.js';
import type { Locale } from '../../../shared/roles.js';
import { documentLabels as D } from './export-messages.js';
import { actionsCsv, evaluationDocument, planDocument, planFileBase } from './export.js';
import { exportLabels as L } from './messages.js';
import * as P from './policy.js';
import * as repo from './repo.js';
import { evaluationView, type PlanContext, type PlanCtx } from './plan-context.js';

/** A rendered file as the routes send it; rendering happens after the audited read has committed, off the event loop. */
async function documentFile(base: string, format: 'docx' | 'pdf', doc: ExportDocument, compress?: boolean) {
  const body = await renderDocument(format, doc, { compress });
  return { filename: `${base}.${format}`, contentType: CONTENT_TYPES[format], body };
}

export function makePlanExports({ db, actorIn, loadPlan, tree, orgName, exportLocale }: PlanContext) {
  return {
    async exportPlan(ctx: PlanCtx, orgId: string, planId: string, format: 'docx' | 'pdf' | 'csv', lang?: Locale, opts: { compress?: boolean; today?: string } = {}) {
      const data = await withOrgTx(db, orgId, async (tx) => {
        const pa = await actorIn(tx, ctx.actor, orgId);
        const plan = await loadPlan(tx, orgId, planId, pa);
        const locale = await exportLocale(tx, orgId, lang);
        const t = await tree(tx, orgId, plan, pa);
        const signatories = format === 'csv' ? undefined : await repo.planSignatories(tx, orgId, planId);
        const evaluation = format === 'csv' ? undefined : await repo.latestApprovedEvaluation(tx, orgId, plan);
        await recordExport(tx, ctx.audit, { organisationId: orgId, action: 'plan.export', recordType: 'plan', recordId: planId, format, details: { locale } });
        return { tree: t, locale, org: await orgName(tx, orgId, locale), signatories, evaluation: evaluation ? evaluationView(evaluation) : null };
      });
      const p = data.tree.plan;
      const base = planFileBase(data.org, p);
      if (format === 'csv') {
        const name = `${base} - ${translate(data.locale, D.actionsFile)}.csv`;
        return { filename: name, contentType: CONTENT_TYPES.csv, body: Buffer.from(actionsCsv(data.tree, data.locale), 'utf8') };
      }
      const s = data.signatories;
      const doc = planDocument({
        tree: data.tree, orgName: data.org, locale: data.locale, evaluation: data.evaluation, today: opts.today,
        approval: s && {
          submittedBy: s.submitted_by_name, submittedAt: repo.iso(s.submitted_at), approvedBy: s.approved_by_name, approvedAt: repo.iso(s.approved_at),
        },
      });
      return documentFile(base, format, doc, opts.compress);
    },

    async exportEvaluation(ctx: PlanCtx, orgId: string, planId: string, year: number, format: 'docx' | 'pdf', lang?: Locale, opts: { compress?: boolean } = {}) {
      const data = await withOrgTx(db, orgId, async (tx) => {
        const pa = P.planActor(ctx.actor, orgId);
        const plan = await loadPlan(tx, orgId, planId, pa);
        const ev = await repo.findEvaluation(tx, orgId, planId, year);
        if (!ev) throw notFound('plan_evaluation');
        const locale = await exportLocale(tx, orgId, lang);
        await recordExport(tx, ctx.audit, { organisationId: orgId, action: 'plan.export', recordType: 'plan', recordId: planId, format, details: { locale, evaluationYear: year } });
        return { plan, ev: evaluationView(ev), locale, org: await orgName(tx, orgId, locale) };
      });
      const plan = { title: data.plan.title, periodFrom: data.plan.period_from, periodTo: data.plan.period_to, version: data.plan.version };
      const doc = evaluationDocument({ ev: data.ev, plan, orgName: data.org, locale: data.locale });
      const base = `${planFileBase(data.org, plan)} - ${translate(data.locale, L.evaluationTitle, { year })}`;
      return documentFile(base, format, doc, opts.compress);
    },
  };
}
