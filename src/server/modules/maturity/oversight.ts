/**
 * The cross-organisation view of maturity measurements (issue 20): the inspectorate's overview (who
 * measured, distribution per criterion, pillars, trend, peer groups), an organisation against its
 * peer group, and the organisation's consent to be named. Anonymity rules: oversight-contract.ts.
 * Oversight reads go through the platform's readOversight (role and organisation kind checked, system
 * scope, audited in the reader's trail); the comparison reads its peer group in system scope too, but
 * answers only the organisation's own officer or chief and is audited in the organisation's trail.
 */
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/service.js';
import { rolesIn } from '../../platform/authz/actor.js';
import type { Db, Tx } from '../../platform/db/pool.js';
import { EditConflict, updateAtRevision } from '../../platform/db/revision.js';
import { withOrgTx, withSystemTx } from '../../platform/db/tx.js';
import { forbidden, notFound } from '../../platform/errors.js';
import { readOversight, type OversightReader } from '../../platform/oversight/index.js';
import { ORGANISATION_KINDS, type Role } from '../../../shared/roles.js';
import { PILLARS } from './contract.js';
import type * as oc from './oversight-contract.js';
import { MIN_GROUP, PEER_GROUPS } from './oversight-contract.js';
import * as orepo from './oversight-repo.js';
import { maturityOversightConsent } from './oversight-schema.js';
import * as repo from './repo.js';
import { groupMean, groupQuantiles, groupShown, levelCounts, peerGroupOf } from './oversight-stats.js';
import { DEFAULT_FRAMEWORK_CODE, type MaturityCtx } from './service.js';

const CONSENT_ROLES: readonly Role[] = ['chief', 'administrator'];
const COMPARISON_ROLES: readonly Role[] = ['integrity_officer', 'chief'];
const thisYear = () => new Date().getUTCFullYear();
const round2 = (n: number) => Math.round(n * 100) / 100;

type Criterion = orepo.CriterionRef;
/** How a read is audited: the screen's read by default; an export names its own action and format (comparison-export.ts). */
export interface ReadAs { action?: string; details?: Record<string, unknown> }
const criterionRef = (c: Criterion) => ({ id: c.id, code: c.code, pillar: c.pillar, function: c.function, position: c.position, title: c.title });

type ByOrganisation = { levels: Map<string, Map<string, number>>; pillars: Map<string, Map<string, number>> };

/** Per organisation: criterion → level, and pillar → mean level (over the framework's criteria it has a level for). */
function byOrganisation(rows: readonly { organisation_id: string; criteria: readonly string[]; levels: readonly number[] }[], criteria: readonly Criterion[]): ByOrganisation {
  const pillarOf = new Map(criteria.map((c) => [c.id, c.pillar]));
  const levels = new Map<string, Map<string, number>>();
  for (const r of rows) {
    if (!levels.has(r.organisation_id)) levels.set(r.organisation_id, new Map());
    const m = levels.get(r.organisation_id)!;
    r.criteria.forEach((c, i) => m.set(c, r.levels[i]));
  }
  const pillars = new Map<string, Map<string, number>>();
  for (const [org, m] of levels) {
    const sums = new Map<string, { s: number; n: number }>();
    for (const [crit, l] of m) {
      const p = pillarOf.get(crit);
      if (!p) continue;
      const x = sums.get(p) ?? { s: 0, n: 0 };
      sums.set(p, { s: x.s + l, n: x.n + 1 });
    }
    pillars.set(org, new Map([...sums].map(([p, x]) => [p, x.s / x.n])));
  }
  return { levels, pillars };
}

/**
 * Levels and pillar means per year of a framework version's latest approved measurements, as of one
 * digest, and the answers computed from them (`memo`: by a key naming every other input; frozen, as
 * they are shared between requests; at most MEMO_SIZE, the oldest dropped first).
 */
type Approved = { digest: string; years: Map<number, ByOrganisation>; memo<T>(key: string, compute: () => T): T };
const MEMO_SIZE = 200;

function deepFreeze<T>(x: T): T {
  if (x && typeof x === 'object' && !Object.isFrozen(x)) {
    Object.freeze(x);
    for (const v of Object.values(x)) deepFreeze(v);
  }
  return x;
}

function memoOf() {
  const answers = new Map<string, unknown>();
  return <T>(input: string, compute: () => T): T => {
    // Kept by a hash of the key: an overview's key names every organisation (about 30 kB).
    const key = createHash('sha256').update(input).digest('base64');
    if (answers.has(key)) return answers.get(key) as T;
    const v = deepFreeze(compute());
    if (answers.size >= MEMO_SIZE) answers.delete(answers.keys().next().value!);
    answers.set(key, v);
    return v;
  };
}

/**
 * The approved measurements' figures, kept per process and framework version while the digest of
 * its approved measurements (ids and approval times, read in the request's transaction) stays the
 * same: an approved measurement is locked and a published version's criteria never change, so the
 * cached figures are exactly what the tables hold; any approval (or removal) changes the digest and
 * the next request reads them again. Without this each overview read 6,300 levels and 6,750 pillar
 * means and turned them into quantiles (bench/dashboard, docs/operations.md).
 */
function approvedCache() {
  const byFramework = new Map<string, Promise<Approved>>();
  const criteriaOf = new Map<string, Promise<Criterion[]>>();
  const load = async (tx: Tx, fwId: string, criteria: readonly Criterion[]): Promise<Approved> => {
    const r = await orepo.approvedLevelsAllYears(tx, fwId);
    const rowsByYear = new Map<number, typeof r.measurements>();
    for (const m of r.measurements) {
      if (!rowsByYear.has(m.year)) rowsByYear.set(m.year, []);
      rowsByYear.get(m.year)!.push(m);
    }
    return { digest: r.digest, years: new Map([...rowsByYear].map(([y, rows]) => [y, byOrganisation(rows, criteria)])), memo: memoOf() };
  };
  /** Shared by concurrent requests; a failed read is forgotten. */
  const remember = <K, V>(map: Map<K, Promise<V>>, key: K, p: Promise<V>) => {
    map.set(key, p);
    p.catch(() => { if (map.get(key) === p) map.delete(key); });
    return p;
  };
  return {
    /** The criteria of a published version (immutable once published: only drafts are edited or deleted). */
    criteria(tx: Tx, fwId: string): Promise<Criterion[]> {
      return criteriaOf.get(fwId) ?? remember(criteriaOf, fwId, orepo.criterionRefs(tx, fwId));
    },
    /** `digest`: when the caller read it already in this transaction (with the framework or its own measurement). */
    async approved(tx: Tx, fwId: string, criteria: readonly Criterion[], digest?: string): Promise<Approved> {
      digest ??= await orepo.approvedDigest(tx, fwId);
      const cached = await byFramework.get(fwId)?.catch(() => undefined);
      if (cached?.digest === digest) return cached;
      // Read in this transaction; what it gets carries its own digest (this one, or a later one's).
      return remember(byFramework, fwId, load(tx, fwId, criteria));
    },
  };
}

/** Figures of one pillar over the given organisations' values: nothing below MIN_GROUP. */
const pillarFigure = (pillar: (typeof PILLARS)[number], values: number[]): oc.OversightOverview['pillars'][number] => ({
  pillar, organisations: values.length, tooSmall: !groupShown(values.length), average: groupMean(values), quantiles: groupQuantiles(values),
});
const pillarFigures = (pillars: Map<string, Map<string, number>>, orgs: Iterable<string>) => {
  const ids = [...orgs];
  return PILLARS.map((p) => pillarFigure(p, ids.flatMap((o) => { const v = pillars.get(o)?.get(p); return v === undefined ? [] : [v]; })));
};

export function makeMaturityOversight(db: Db) {
  const cache = approvedCache();
  // A published version by id never changes (nor is it deleted); the newest version of the code may.
  // When it is read, the digest of its approved measurements comes along (one round trip less).
  const published = new Map<string, orepo.FrameworkRef>();
  async function framework(tx: Tx, id: string | undefined): Promise<{ fw: orepo.FrameworkRef; digest?: string }> {
    const known = id === undefined ? undefined : published.get(id);
    if (known) return { fw: known };
    const r = await orepo.publishedFramework(tx, id, DEFAULT_FRAMEWORK_CODE);
    if (!r) throw notFound('maturity_framework');
    const { digest, ...fw } = r;
    published.set(fw.id, fw);
    return { fw, digest };
  }

  return {
    /** The inspectorate's overview of a year on a framework version, optionally within one peer group. */
    async overview(reader: OversightReader, q: oc.OverviewQuery, as: ReadAs = {}): Promise<oc.OversightOverview> {
      const year = q.year ?? thisYear();
      return readOversight(db, reader, {
        action: as.action ?? 'maturity.oversight_read',
        recordType: 'maturity_measurement',
        run: async ({ tx }) => {
          const { fw, digest } = await framework(tx, q.frameworkId);
          const criteria = await cache.criteria(tx, fw.id);
          const orgs = await orepo.organisationFacts(tx);
          const approved = await cache.approved(tx, fw.id, criteria, digest);
          // The same approved measurements, year, group and organisations (staff, consent, names) give the same answer.
          return approved.memo(JSON.stringify([year, q.group ?? null, orgs]), () => {
            const groupOf = new Map(orgs.map((o) => [o.id, peerGroupOf(o.kind, o.staff)]));
            const { levels, pillars } = approved.years.get(year) ?? { levels: new Map<string, Map<string, number>>(), pillars: new Map<string, Map<string, number>>() };
            const inScope = (id: string) => q.group === undefined || groupOf.get(id) === q.group;
            const measured = [...levels.keys()].filter(inScope);

            const participation = ORGANISATION_KINDS.flatMap((kind) => {
              const all = orgs.filter((o) => o.kind === kind);
              if (all.length === 0) return [];
              const m = all.filter((o) => levels.has(o.id)).length;
              const shown = groupShown(all.length);
              return [{ kind, tooSmall: !shown, organisations: shown ? all.length : null, measured: shown ? m : null, share: shown ? round2(m / all.length) : null }];
            });

            const peerGroups = PEER_GROUPS.map((group) => {
              const members = orgs.filter((o) => groupOf.get(o.id) === group);
              const withLevels = members.filter((o) => levels.has(o.id)).map((o) => o.id);
              return { group, organisations: members.length, measured: withLevels.length, tooSmall: !groupShown(withLevels.length), pillars: pillarFigures(pillars, withLevels) };
            });

            const criteriaOut = criteria.map((c) => {
              const values = measured.flatMap((o) => { const l = levels.get(o)!.get(c.id); return l === undefined ? [] : [l]; });
              return { criterion: criterionRef(c), organisations: values.length, tooSmall: !groupShown(values.length), levels: levelCounts(values), quantiles: groupQuantiles(values) };
            });

            // Every year with a measurement in scope, each on its organisations' pillar means.
            const trend = [...approved.years].sort(([a], [b]) => a - b).flatMap(([y, x]) => {
              const orgsInScope = [...x.pillars.keys()].filter(inScope);
              return orgsInScope.length === 0 ? [] : [{ year: y, pillars: pillarFigures(x.pillars, orgsInScope) }];
            });

            return {
              year, framework: { id: fw.id, code: fw.code, version: fw.version, title: fw.title }, group: q.group ?? null, minGroup: MIN_GROUP,
              participation,
              namedOrganisations: orgs.filter((o) => o.consented && levels.has(o.id)).map((o) => ({ id: o.id, code: o.code, names: o.names, kind: o.kind as oc.OversightOverview['namedOrganisations'][number]['kind'] })),
              peerGroups, criteria: criteriaOut, pillars: pillarFigures(pillars, measured), trend,
            };
          });
        },
        details: (r) => ({ year: r.year, frameworkId: r.framework.id, group: r.group, organisations: r.pillars[0]?.organisations ?? 0, ...as.details }),
      });
    },

    /** The organisation's own levels against the quantiles of its peer group (this organisation included). */
    async comparison(ctx: MaturityCtx, orgId: string, q: oc.ComparisonQuery, as: ReadAs = {}): Promise<oc.PeerComparison> {
      if (!rolesIn(ctx.actor, orgId).some((r) => COMPARISON_ROLES.includes(r))) throw notFound('maturity_measurement');
      return withSystemTx(db, async (tx) => {
        const orgs = await orepo.organisationFacts(tx);
        const me = orgs.find((o) => o.id === orgId);
        if (!me) throw notFound('organisation');
        const group = peerGroupOf(me.kind, me.staff);
        const own = await orepo.latestApproved(tx, orgId, q.year, q.frameworkId);
        let result: oc.PeerComparison = { organisationId: orgId, group, staff: me.staff, minGroup: MIN_GROUP, measurement: null, groupOrganisations: 0, tooSmall: true, criteria: [], pillars: [] };
        if (own) {
          const { fw } = await framework(tx, own.framework_id);
          const criteria = await cache.criteria(tx, fw.id);
          // Only the peer group's levels enter this answer.
          const peers = group === null ? [orgId] : orgs.filter((o) => peerGroupOf(o.kind, o.staff) === group).map((o) => o.id);
          const approved = await cache.approved(tx, fw.id, criteria, own.digest);
          const year = approved.years.get(own.year);
          // The group's figures depend only on the year and who is in the group: shared by its members' requests.
          const figures = approved.memo(JSON.stringify(['peers', own.year, peers]), () => {
            const members = peers.filter((o) => year?.levels.has(o));
            return {
              members: members.length,
              criteria: criteria.map((c) => groupQuantiles(members.flatMap((o) => { const l = year!.levels.get(o)!.get(c.id); return l === undefined ? [] : [l]; }))),
              pillars: PILLARS.map((p) => groupQuantiles(members.flatMap((o) => { const x = year!.pillars.get(o)?.get(p); return x === undefined ? [] : [x]; }))),
            };
          });
          const mine = year?.levels.get(orgId);
          result = {
            ...result,
            measurement: { id: own.id, kind: own.kind, year: own.year, framework: { id: fw.id, code: fw.code, version: fw.version, title: fw.title } },
            groupOrganisations: figures.members, tooSmall: !groupShown(figures.members),
            criteria: criteria.map((c, i) => ({ criterion: criterionRef(c), own: mine?.get(c.id) ?? null, group: figures.criteria[i] })),
            pillars: PILLARS.map((p, i) => {
              const v = year?.pillars.get(orgId)?.get(p);
              return { pillar: p, own: v === undefined ? null : round2(v), group: figures.pillars[i] };
            }),
          };
        }
        await recordAudit(tx, ctx.audit, {
          organisationId: orgId, action: as.action ?? 'maturity.peer_comparison_read', recordType: 'maturity_measurement', recordId: own?.id,
          details: { group, groupOrganisations: result.groupOrganisations, tooSmall: result.tooSmall, ...as.details },
        });
        return result;
      });
    },

    async consent(ctx: MaturityCtx, orgId: string): Promise<oc.ConsentView> {
      if (!rolesIn(ctx.actor, orgId).some((r) => CONSENT_ROLES.includes(r))) throw forbidden();
      return withOrgTx(db, orgId, async (tx) => consentView(orgId, await orepo.consentOf(tx, orgId)));
    },

    async setConsent(ctx: MaturityCtx, orgId: string, body: oc.ConsentBody, expected: number): Promise<oc.ConsentView> {
      if (!rolesIn(ctx.actor, orgId).some((r) => CONSENT_ROLES.includes(r))) throw forbidden();
      return withOrgTx(db, orgId, async (tx) => {
        const before = await orepo.consentOf(tx, orgId);
        const current = async () => consentView(orgId, await orepo.consentOf(tx, orgId));
        if (expected === 0) {
          if (!(await orepo.insertConsent(tx, orgId, body.consented, ctx.actor.userId))) throw new EditConflict(await current());
        } else {
          await updateAtRevision(tx, maturityOversightConsent, eq(maturityOversightConsent.organisationId, orgId), expected,
            { consented: body.consented, updatedBy: ctx.actor.userId, updatedAt: new Date() }, async () => (before ? current() : undefined), 'maturity_oversight_consent');
        }
        await recordAudit(tx, ctx.audit, {
          organisationId: orgId, action: 'maturity.oversight_consent_set', recordType: 'maturity_oversight_consent', recordId: orgId,
          details: { consented: body.consented, previous: before?.consented ?? false },
        });
        return current();
      });
    },
  };
}

function consentView(orgId: string, r: orepo.ConsentRow | undefined): oc.ConsentView {
  if (!r) return { organisationId: orgId, consented: false, updatedAt: null, updatedBy: null, revision: 0 };
  return {
    organisationId: orgId, consented: r.consented, updatedAt: repo.iso(r.updated_at),
    updatedBy: r.updated_by ? { userId: r.updated_by, displayName: r.updated_by_name ?? '' } : null, revision: r.revision,
  };
}
