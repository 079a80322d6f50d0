import type { z } from 'zod';
import type { AuditContext } from '../../platform/audit/service.js';
import { recordAudit } from '../../platform/audit/service.js';
import type { Db, Queryable } from '../../platform/db/pool.js';
import { EditConflict } from '../../platform/db/revision.js';
import { withOrgTx, withSystemTx } from '../../platform/db/tx.js';
import { conflict, invalid, notFound } from '../../platform/errors.js';
import { readOversight, type OversightReader } from '../../platform/oversight/index.js';
import type { OrganisationKind } from '../../../shared/roles.js';
import { activeHeadcounts } from '../people/service.js';
import {
  parseSettings, type createOrganisationBody, type createUnitBody, type OrganisationSettings, type OrganisationView,
  type updateOrganisationBody, type updateUnitBody, type UnitView,
} from './contract.js';
import { pgError } from './messages.js';
import * as repo from './repo.js';

/** Settings with defaults, for every module that needs deadlines or thresholds. */
export async function getOrganisationSettings(q: Queryable, orgId: string): Promise<OrganisationSettings> {
  const org = await repo.findOrganisation(q, orgId);
  if (!org) throw notFound('organisation');
  return parseSettings(org.settings);
}

/** The organisation header (kind, names, languages), for other modules' rules. */
export async function getOrganisation(q: Queryable, orgId: string): Promise<OrganisationView | undefined> {
  const org = await repo.findOrganisation(q, orgId);
  return org && toView(org);
}

/** Units of an organisation, for other modules (people import maps unit codes through this). */
export const unitsOf = (q: Queryable, orgId: string) => repo.listUnits(q, orgId);
export const findUnit = (q: Queryable, orgId: string, unitId: string) => repo.findUnit(q, orgId, unitId);
/** The units a head of service answers for (their unit and all below it): the platform's one answer, re-exported for this module's callers. */
export { unitsHeadedBy } from '../../platform/tenancy/units.js';

function toView(o: repo.OrganisationRow): OrganisationView {
  return { id: o.id, code: o.code, kind: o.kind as OrganisationKind, names: o.names, languages: o.languages as OrganisationView['languages'], parentId: o.parent_id, settings: parseSettings(o.settings), revision: o.revision };
}
const unitView = (u: repo.UnitRow): UnitView => ({ id: u.id, code: u.code, name: u.name, parentId: u.parent_id, revision: u.revision });
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function makeOrganisationService(deps: { db: Db }) {
  const { db } = deps;

  return {
    async get(orgId: string): Promise<OrganisationView> {
      const org = await withOrgTx(db, orgId, (tx) => repo.findOrganisation(tx, orgId));
      if (!org) throw notFound('organisation');
      return toView(org);
    },

    /** Names and languages are replaced; settings are merged key by key. Audits changed field names only. */
    async update(ctx: AuditContext, orgId: string, body: z.infer<typeof updateOrganisationBody>, expected: number): Promise<OrganisationView> {
      return withOrgTx(db, orgId, async (tx) => {
        const org = await repo.findOrganisationForUpdate(tx, orgId);
        if (!org) throw notFound('organisation');
        const before = parseSettings(org.settings);
        const names = body.names ?? org.names;
        const languages = body.languages ?? org.languages;
        const settings: OrganisationSettings = { ...before, ...(body.settings ?? {}) } as OrganisationSettings;
        const changed: string[] = [];
        if (!same(names, org.names)) changed.push('names');
        if (!same(languages, org.languages)) changed.push('languages');
        for (const k of Object.keys(settings) as (keyof OrganisationSettings)[]) {
          if (!same(settings[k], before[k])) changed.push(`settings.${k}`);
        }
        // Stale even when nothing changes: the screen must learn it shows an old version (the row is locked above).
        if (org.revision !== expected) throw new EditConflict(toView(org));
        let revision = org.revision;
        if (changed.length > 0) {
          revision = await repo.updateOrganisation(tx, orgId, expected, { names, languages, settings }, async () => toView((await repo.findOrganisation(tx, orgId))!));
          await recordAudit(tx, ctx, { organisationId: orgId, action: 'organisation.update', recordType: 'organisation', recordId: orgId, details: { changed } });
        }
        return toView({ ...org, names, languages, settings, revision });
      });
    },

    async tree() {
      const rows = await withSystemTx(db, (tx) => repo.organisationTree(tx));
      return { items: rows.map((o) => ({ id: o.id, code: o.code, kind: o.kind as OrganisationKind, names: o.names, languages: o.languages as OrganisationView['languages'], parentId: o.parent_id, depth: o.depth })) };
    },

    async create(ctx: AuditContext, body: z.infer<typeof createOrganisationBody>): Promise<OrganisationView> {
      return withSystemTx(db, async (tx) => {
        const parentId = body.parentId ?? null;
        if (parentId) {
          const parent = await repo.findOrganisation(tx, parentId);
          if (!parent) throw invalid('org_parent_not_found', 'parentId');
          if (body.kind === 'federal_unit' && !['federal_directorate', 'federal_unit'].includes(parent.kind)) throw invalid('org_parent_kind', 'parentId');
        } else if (body.kind === 'federal_unit') {
          throw invalid('org_parent_kind', 'parentId');
        }
        let id: string;
        try {
          id = await repo.insertOrganisation(tx, { code: body.code, kind: body.kind, names: body.names, languages: body.languages, parentId });
        } catch (err) {
          if (pgError(err).code === '23505') throw conflict('org_code_taken', {}, 'code');
          throw err;
        }
        await recordAudit(tx, ctx, { organisationId: id, action: 'organisation.create', recordType: 'organisation', recordId: id, details: { kind: body.kind, parentId } });
        return toView((await repo.findOrganisation(tx, id))!);
      });
    },

    async listUnits(orgId: string) {
      const rows = await withOrgTx(db, orgId, (tx) => repo.listUnits(tx, orgId));
      return { items: rows.map(unitView) };
    },

    async createUnit(ctx: AuditContext, orgId: string, body: z.infer<typeof createUnitBody>): Promise<UnitView> {
      return withOrgTx(db, orgId, async (tx) => {
        await repo.lockUnitTree(tx, orgId);
        const parentId = body.parentId ?? null;
        if (parentId && !(await repo.findUnit(tx, orgId, parentId))) throw invalid('unit_parent_not_found', 'parentId');
        const unit = await uniqueCode(() => repo.insertUnit(tx, orgId, { code: body.code, name: body.name, parentId }));
        await recordAudit(tx, ctx, { organisationId: orgId, action: 'unit.create', recordType: 'org_unit', recordId: unit.id, details: { parentId } });
        return unitView(unit);
      });
    },

    async updateUnit(ctx: AuditContext, orgId: string, unitId: string, body: z.infer<typeof updateUnitBody>, expected: number): Promise<UnitView> {
      return withOrgTx(db, orgId, async (tx) => {
        await repo.lockUnitTree(tx, orgId);
        const unit = await repo.findUnit(tx, orgId, unitId);
        if (!unit) throw notFound('unit');
        const parentId = body.parentId === undefined ? unit.parent_id : body.parentId;
        if (parentId && parentId !== unit.parent_id) {
          if (!(await repo.findUnit(tx, orgId, parentId))) throw invalid('unit_parent_not_found', 'parentId');
          if (await repo.isAncestorOrSelf(tx, orgId, unitId, parentId)) throw invalid('unit_cycle', 'parentId');
        }
        const next = { code: body.code ?? unit.code, name: body.name ?? unit.name, parentId };
        const changed = (['code', 'name'] as const).filter((k) => next[k] !== unit[k]);
        if (parentId !== unit.parent_id) changed.push('parentId' as never);
        // Serialised by the unit-tree lock above, so comparing here is final; a stale no-op is a conflict too.
        if (unit.revision !== expected) throw new EditConflict(unitView(unit));
        if (changed.length === 0) return unitView(unit);
        const updated = await uniqueCode(() => repo.updateUnit(tx, orgId, unitId, expected, next, async () => unitView((await repo.findUnit(tx, orgId, unitId))!)));
        await recordAudit(tx, ctx, { organisationId: orgId, action: 'unit.update', recordType: 'org_unit', recordId: unitId, details: { changed } });
        return unitView(updated);
      });
    },

    /**
     * Every organisation with its active headcount, through the platform's oversight helper:
     * a count below the organisation's own threshold is hidden, and the read is audited in the
     * reader's oversight organisation. No total is published, so no complementary suppression.
     */
    async oversightOverview(reader: OversightReader) {
      return readOversight(db, reader, {
        action: 'organisation.oversight_read',
        recordType: 'organisation',
        run: async ({ tx, count, below }) => {
          const orgs = await repo.organisationTree(tx);
          const counts = await activeHeadcounts(tx);
          return {
            items: orgs.map((o) => {
              const c = count(o.id, counts.get(o.id) ?? 0);
              return { id: o.id, code: o.code, kind: o.kind as OrganisationKind, names: o.names, parentId: o.parent_id, headcount: c.value, suppressed: c.suppressed };
            }),
            suppressBelow: Object.fromEntries(orgs.map((o) => [o.id, below(o.id)])),
          };
        },
        details: (r) => ({ organisations: r.items.length }),
      });
    },
  };
}

async function uniqueCode<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (pgError(err).code === '23505') throw conflict('unit_code_taken', {}, 'code');
    throw err;
  }
}

export type OrganisationService = ReturnType<typeof makeOrganisationService>;
