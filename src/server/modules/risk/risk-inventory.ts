/**
 * The organisation's matrix (settings) and its inventory of processes and functions: the catalogue, the
 * owner and participant candidates, the processes themselves.
 */
import { EditConflict } from '../../platform/db/revision.js';
import { withOrgTx } from '../../platform/db/tx.js';
import { forbidden, invalid, notFound } from '../../platform/errors.js';
import { isLocale } from '../../platform/i18n/index.js';
import { DEFAULT_LOCALE } from '../../../shared/roles.js';
import { getOrganisation } from '../organisations/service.js';
import { riskCatalogue } from './catalogue.js';
import type * as c from './contract.js';
import * as P from './policy.js';
import * as repo from './repo.js';
import { RECORD, type RiskContext, type RiskCtx } from './risk-context.js';
import { processView } from './risk-views.js';
import { defaultMatrix, matrixProblem } from './scoring.js';

export function makeRiskInventory({ db, audit, auditAnalysis, checkOwner, settingsView }: RiskContext) {
  return {
    // Settings ----------------------------------------------------------------------------------

    async settings(ctx: RiskCtx, orgId: string): Promise<c.SettingsView> {
      return withOrgTx(db, orgId, async (tx) => {
        const ra = P.riskActor(ctx.actor, orgId);
        // Participants see the matrix through their analysis (its snapshot); the settings are for the register's readers.
        if (!P.canReadRegister(ra)) throw notFound('risk_settings');
        return settingsView(tx, orgId, ra);
      });
    },

    /** The matrix: If-Match "0" while never saved, else its revision. New analyses take a copy; running ones keep theirs. */
    async putSettings(ctx: RiskCtx, orgId: string, body: c.SettingsBody, expected: number): Promise<c.SettingsView> {
      return withOrgTx(db, orgId, async (tx) => {
        const ra = P.riskActor(ctx.actor, orgId);
        if (!P.canReadRegister(ra)) throw notFound('risk_settings');
        if (!P.canEditSettings(ra)) throw forbidden();
        const matrix = body.matrix ?? defaultMatrix(body.likelihoodLevels, body.impactLevels);
        const problem = matrixProblem(body.likelihoodLevels, body.impactLevels, matrix);
        if (problem) throw invalid('risk_matrix_invalid', 'matrix', { problem });
        const v = { orgId, likelihood: body.likelihoodLevels, impact: body.impactLevels, matrix, userId: ctx.actor.userId };
        const current = async () => ((await repo.findSettings(tx, orgId)) ? settingsView(tx, orgId, ra) : undefined);
        if (expected === 0) {
          if (!(await repo.insertSettings(tx, v))) throw new EditConflict(await current());
        } else {
          await repo.updateSettings(tx, v, expected, current);
        }
        await audit(tx, ctx, orgId, 'risk_settings', orgId, 'settings_update', { likelihoodLevels: v.likelihood, impactLevels: v.impact, matrix });
        return settingsView(tx, orgId, ra);
      });
    },

    // Inventory ---------------------------------------------------------------------------------

    async catalogue(ctx: RiskCtx, orgId: string): Promise<c.CatalogueList> {
      return withOrgTx(db, orgId, async (tx) => {
        if (!P.canReadRegister(P.riskActor(ctx.actor, orgId))) throw notFound('risk_process');
        const have = await repo.catalogueCodesOf(tx, orgId);
        return { items: riskCatalogue.map((e) => ({ code: e.code, source: e.source, kind: e.kind, name: e.name, description: e.description, inInventory: have.has(e.code) })) };
      });
    },

    async ownerCandidates(ctx: RiskCtx, orgId: string): Promise<c.OwnerCandidateList> {
      return withOrgTx(db, orgId, async (tx) => {
        const ra = P.riskActor(ctx.actor, orgId);
        if (!P.canReadRegister(ra)) throw notFound('risk_process');
        if (!P.isOfficer(ra)) throw forbidden();
        const items = (await repo.ownerCandidates(tx, orgId)).map((x) => ({ personId: x.person_id, displayName: x.display_name }));
        await audit(tx, ctx, orgId, 'risk_process', undefined, 'owner_candidates_read', { count: items.length });
        return { items };
      });
    },

    async participantCandidates(ctx: RiskCtx, orgId: string): Promise<c.CandidateList> {
      return withOrgTx(db, orgId, async (tx) => {
        const ra = P.riskActor(ctx.actor, orgId);
        if (!P.canReadRegister(ra)) throw notFound(RECORD);
        if (!P.isOfficer(ra)) throw forbidden();
        const items = (await repo.participantCandidates(tx, orgId)).map((x) => ({ userId: x.user_id, displayName: x.display_name }));
        await auditAnalysis(tx, ctx, orgId, undefined, 'candidates_read', { count: items.length });
        return { items };
      });
    },

    async listProcesses(ctx: RiskCtx, orgId: string, withArchived: boolean): Promise<c.ProcessList> {
      return withOrgTx(db, orgId, async (tx) => {
        const ra = P.riskActor(ctx.actor, orgId);
        if (!P.canReadRegister(ra)) throw notFound('risk_process');
        const items = (await repo.listProcesses(tx, orgId, withArchived)).map(processView);
        await audit(tx, ctx, orgId, 'risk_process', undefined, 'inventory_read', { count: items.length });
        return { items, canManage: P.canManageInventory(ra) };
      });
    },

    async createProcess(ctx: RiskCtx, orgId: string, body: c.CreateProcessBody): Promise<c.ProcessView> {
      return withOrgTx(db, orgId, async (tx) => {
        const ra = P.riskActor(ctx.actor, orgId);
        if (!P.canReadRegister(ra)) throw notFound('risk_process');
        if (!P.canManageInventory(ra)) throw forbidden();
        await checkOwner(tx, orgId, body.ownerPersonId, 'ownerPersonId');
        const id = (await repo.insertProcess(tx, {
          orgId, kind: body.kind, name: body.name, description: body.description ?? '', catalogueCode: null,
          ownerPersonId: body.ownerPersonId ?? null, reviewDate: body.reviewDate ?? null, userId: ctx.actor.userId,
        }))!;
        await audit(tx, ctx, orgId, 'risk_process', id, 'process_create', { kind: body.kind, name: body.name });
        return processView((await repo.processesById(tx, orgId, [id]))[0]);
      });
    },

    /** Catalogue entries into the inventory, named in the organisation's first language; codes already there are skipped. */
    async addFromCatalogue(ctx: RiskCtx, orgId: string, body: c.FromCatalogueBody): Promise<c.ProcessList> {
      return withOrgTx(db, orgId, async (tx) => {
        const first = (await getOrganisation(tx, orgId))?.languages[0];
        const lang: keyof c.Localized = isLocale(first) ? first : DEFAULT_LOCALE;
        const ra = P.riskActor(ctx.actor, orgId);
        if (!P.canReadRegister(ra)) throw notFound('risk_process');
        if (!P.canManageInventory(ra)) throw forbidden();
        const codes = [...new Set(body.codes)];
        const entries = codes.map((code) => riskCatalogue.find((e) => e.code === code));
        if (entries.some((e) => !e)) throw invalid('risk_catalogue_unknown', 'codes');
        const ids: string[] = [];
        for (const e of entries) {
          const id = await repo.insertProcess(tx, {
            orgId, kind: e!.kind, name: e!.name[lang], description: e!.description[lang], catalogueCode: e!.code, ownerPersonId: null, reviewDate: null, userId: ctx.actor.userId,
          });
          if (id) ids.push(id);
        }
        await audit(tx, ctx, orgId, 'risk_process', undefined, 'process_from_catalogue', { codes, added: ids.length });
        return { items: (await repo.processesById(tx, orgId, ids)).map(processView), canManage: true };
      });
    },

    async updateProcess(ctx: RiskCtx, orgId: string, id: string, body: c.UpdateProcessBody, expected: number): Promise<c.ProcessView> {
      return withOrgTx(db, orgId, async (tx) => {
        const ra = P.riskActor(ctx.actor, orgId);
        if (!P.canReadRegister(ra)) throw notFound('risk_process');
        if (!P.canManageInventory(ra)) throw forbidden();
        await checkOwner(tx, orgId, body.ownerPersonId, 'ownerPersonId');
        const set: Record<string, unknown> = {};
        if (body.kind !== undefined) set.kind = body.kind;
        if (body.name !== undefined) set.name = body.name;
        if (body.description !== undefined) set.description = body.description;
        if (body.ownerPersonId !== undefined) set.ownerPersonId = body.ownerPersonId;
        if (body.reviewDate !== undefined) set.reviewDate = body.reviewDate;
        if (body.archived !== undefined) set.archived = body.archived;
        const current = async () => (await repo.processesById(tx, orgId, [id])).map(processView)[0];
        await repo.updateProcess(tx, orgId, id, set, expected, current);
        await audit(tx, ctx, orgId, 'risk_process', id, 'process_update', { fields: Object.keys(set) });
        return (await current())!;
      });
    },
  };
}
