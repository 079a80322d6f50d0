import type pg from 'pg';
import type { Actor } from '../../platform/authz/actor.js';
import { recordAudit, type AuditContext } from '../../platform/audit/service.js';
import type { Db, Queryable } from '../../platform/db/pool.js';
import { withOrgTx } from '../../platform/db/tx.js';
import { conflict, invalid, notFound } from '../../platform/errors.js';
import { recordExport } from '../../platform/export/index.js';
import type { Locale } from '../../../shared/roles.js';
import { findUnit, unitsHeadedBy, unitsOf } from '../organisations/service.js';
import { pgError } from '../organisations/messages.js';
import type { CreatePerson, ListPeopleQuery, PeopleFilter, PersonView, UpdatePerson } from './contract.js';
import { peopleToCsv } from './csv.js';
import { importPeople, type ImportBody } from './import.js';
import { readsAllPeople } from './policy.js';
import * as repo from './repo.js';

export { activeHeadcounts } from './repo.js';

export function toPersonView(r: repo.PersonRow): PersonView {
  return {
    id: r.id, personnelNumber: r.personnel_number, firstName: r.first_name, lastName: r.last_name, email: r.email,
    staffCategory: r.staff_category, grade: r.grade, unitId: r.unit_id, unitCode: r.unit_code, unitName: r.unit_name,
    functionTitle: r.function_title, startDate: r.start_date, endDate: r.end_date, userId: r.user_id, status: r.left ? 'left' : 'active',
  };
}

/** The unit given by id or by code, checked to belong to the organisation. */
async function resolveUnit(q: Queryable, orgId: string, b: { unitId?: string | null; unitCode?: string }): Promise<string | null | undefined> {
  if (b.unitCode !== undefined) {
    const unit = (await unitsOf(q, orgId)).find((u) => u.code.toUpperCase() === b.unitCode!.toUpperCase());
    if (!unit) throw invalid('unit_not_found', 'unitCode');
    return unit.id;
  }
  if (b.unitId) {
    if (!(await findUnit(q, orgId, b.unitId))) throw invalid('unit_not_found', 'unitId');
    return b.unitId;
  }
  return b.unitId; // null clears the unit, undefined leaves it
}

async function checkUser(q: Queryable, userId: string | null | undefined) {
  if (userId && !(await repo.userExists(q, userId))) throw invalid('user_not_found', 'userId');
}

/** Which staff records the actor sees: all, or (a head of service) those of the units they answer for. */
async function scopeOf(q: Queryable, actor: Actor, orgId: string): Promise<repo.PeopleScope> {
  return readsAllPeople(actor, orgId) ? { kind: 'all' } : { kind: 'units', unitIds: await unitsHeadedBy(q, orgId, actor.userId) };
}

/** The names of the filters a list, search or export used: never their values (a search text names a person). */
export function filterNames(f: Partial<PeopleFilter>): string[] {
  const used: string[] = [];
  if (f.q) used.push('q');
  if (f.unitId) used.push('unitId');
  if (f.category) used.push('category');
  if (f.status && f.status !== 'active') used.push('status');
  return used;
}

async function uniqueNumber<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (pgError(err).constraint === 'person_org_number_uq') throw conflict('person_number_taken', {}, 'personnelNumber');
    throw err;
  }
}

export function makePeopleService(deps: { db: Db; pool: pg.Pool }) {
  const { db } = deps;

  return {
    /** The staff list is personal data too: each page read, and each search, is in the audit log (counts and filter names). */
    async list(actor: Actor, ctx: AuditContext, orgId: string, query: ListPeopleQuery) {
      return withOrgTx(db, orgId, async (tx) => {
        const scope = await scopeOf(tx, actor, orgId);
        // One connection per transaction: the two queries run one after the other.
        const rows = await repo.listPeople(tx, orgId, scope, query, { page: query.page, pageSize: query.pageSize });
        const total = await repo.countPeople(tx, orgId, scope, query);
        await recordAudit(tx, ctx, {
          organisationId: orgId, action: query.q ? 'person.search' : 'person.list', recordType: 'person',
          details: { count: rows.length, total, page: query.page, filters: filterNames(query), sort: query.sort },
        });
        return { items: rows.map(toPersonView), total, page: query.page, pageSize: query.pageSize };
      });
    },

    /** A staff record is personal data: every read is in the audit log. */
    async get(actor: Actor, ctx: AuditContext, orgId: string, personId: string): Promise<PersonView> {
      return withOrgTx(db, orgId, async (tx) => {
        const row = await repo.findPerson(tx, orgId, await scopeOf(tx, actor, orgId), personId);
        if (!row) throw notFound('person');
        await recordAudit(tx, ctx, { organisationId: orgId, action: 'person.read', recordType: 'person', recordId: personId });
        return toPersonView(row);
      });
    },

    async create(ctx: AuditContext, orgId: string, body: CreatePerson): Promise<PersonView> {
      return withOrgTx(db, orgId, async (tx) => {
        const unitId = await resolveUnit(tx, orgId, body);
        await checkUser(tx, body.userId);
        const { unitCode: _code, ...values } = body;
        const id = await uniqueNumber(() => repo.insertPerson(tx, orgId, { ...values, unitId: unitId ?? null }));
        await recordAudit(tx, ctx, { organisationId: orgId, action: 'person.create', recordType: 'person', recordId: id });
        return toPersonView((await repo.findPerson(tx, orgId, { kind: 'all' }, id))!);
      });
    },

    /** Changes only what is given; an end date marks leaving (records are never deleted). */
    async update(ctx: AuditContext, orgId: string, personId: string, body: UpdatePerson): Promise<PersonView> {
      return withOrgTx(db, orgId, async (tx) => {
        const before = await repo.findPerson(tx, orgId, { kind: 'all' }, personId, { forUpdate: true });
        if (!before) throw notFound('person');
        const unitId = await resolveUnit(tx, orgId, body);
        await checkUser(tx, body.userId);
        const { unitCode: _code, ...given } = body;
        const next: repo.PersonValues = { ...given, unitId };
        const startDate = next.startDate ?? before.start_date;
        const endDate = next.endDate === undefined ? before.end_date : next.endDate;
        if (endDate && endDate < startDate) throw invalid('person_end_before_start', 'endDate');
        const current = toPersonView(before) as unknown as Record<string, unknown>;
        const changed = (Object.keys(repo.PERSON_COLUMNS) as repo.PersonField[]).filter((k) => next[k] !== undefined && next[k] !== current[k]);
        if (changed.length === 0) return toPersonView(before);
        await uniqueNumber(() => repo.updatePerson(tx, orgId, personId, Object.fromEntries(changed.map((k) => [k, next[k]]))));
        await recordAudit(tx, ctx, { organisationId: orgId, action: 'person.update', recordType: 'person', recordId: personId, details: { changed } });
        return toPersonView((await repo.findPerson(tx, orgId, { kind: 'all' }, personId))!);
      });
    },

    async exportCsv(actor: Actor, ctx: AuditContext, orgId: string, filter: PeopleFilter, locale: Locale): Promise<string> {
      return withOrgTx(db, orgId, async (tx) => {
        const rows = await repo.listPeople(tx, orgId, await scopeOf(tx, actor, orgId), filter);
        await recordExport(tx, ctx, {
          organisationId: orgId, action: 'person.export', recordType: 'person', format: 'csv', recordIds: rows.map((r) => r.id),
          details: { filter: { status: filter.status, category: filter.category ?? null, unitId: filter.unitId ?? null, search: Boolean(filter.q), sort: filter.sort } },
        });
        return peopleToCsv(rows.map(toPersonView), locale);
      });
    },

    importCsv: (ctx: AuditContext, orgId: string, body: ImportBody, locale: Locale) => importPeople(deps.pool, ctx, orgId, body, locale),
  };
}

export type PeopleService = ReturnType<typeof makePeopleService>;
