/**
 * Linkable records: a module lets other modules point at its records by a typed reference
 * (`<module>.<what>` and an id) without either knowing the other by name. The owning module
 * registers a resolver per kind once, when it loads (`registerLinkableRecords`); a module that keeps
 * links (the maturity measurement's evidence) asks `resolveRecordLinks` for what the reader may see
 * now: the record's current title and the web path of its page. A record the reader may not see,
 * of another organisation, or deleted since, is simply absent from the answer: the caller shows
 * "record not accessible" and never the record's title.
 */
import type { Actor } from '../authz/actor.js';
import type { Queryable } from '../db/pool.js';

/** What a reader sees of a linked record. `url`: the web app's path of the record's page. */
export interface LinkedRecord {
  title: string;
  url: string;
}

export interface LinkableRecordKind {
  /** `<module>.<what>`, e.g. `plan.action`. */
  kind: string;
  /**
   * The records among `ids` of organisation `orgId` that `actor` may see, by id. Runs in the caller's
   * organisation-scoped transaction; must filter by organisation and by the module's own read rule.
   */
  resolve: (tx: Queryable, orgId: string, ids: readonly string[], actor: Actor) => Promise<Map<string, LinkedRecord>>;
  /**
   * Optional: the records of this kind `actor` may link to now (for a picker), newest first, by the
   * same read rule as `resolve`. A kind without it can still be resolved; the module offers its own
   * picker (the plan: a plan's tree).
   */
  list?: (tx: Queryable, orgId: string, actor: Actor) => Promise<LinkableCandidate[]>;
}

/** A record a reader may pick to link to: its id, current title, page and the date that tells it apart (e.g. completed on). */
export interface LinkableCandidate extends LinkedRecord {
  id: string;
  /** ISO date (YYYY-MM-DD) or null. */
  date: string | null;
}

export const LINK_KIND_PATTERN = /^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$/;

const kinds = new Map<string, LinkableRecordKind>();

/** Registers the kinds a module offers; once per kind (a second registration of a kind is a programming error unless it is the same resolver). */
export function registerLinkableRecords(...list: LinkableRecordKind[]): void {
  for (const k of list) {
    if (!LINK_KIND_PATTERN.test(k.kind)) throw new Error(`linkable record kind "${k.kind}" is not <module>.<what>`);
    const had = kinds.get(k.kind);
    if (had && had.resolve !== k.resolve) throw new Error(`linkable record kind "${k.kind}" is registered twice`);
    kinds.set(k.kind, k);
  }
}

/** Whether some module offers this kind. */
export const isLinkableKind = (kind: string): boolean => kinds.has(kind);

/** The kinds offered, sorted (for a picker or a contract check). */
export const linkableKinds = (): string[] => [...kinds.keys()].sort();

/** How many candidates a picker gets per kind at most (newest first). */
export const LINKABLE_LIST_MAX = 200;

/** Per kind that offers a list, the records `actor` may pick, in the order of `linkableKinds()`; a kind with nothing to pick is left out. */
export async function listLinkableRecords(tx: Queryable, orgId: string, actor: Actor): Promise<{ kind: string; items: LinkableCandidate[] }[]> {
  const out: { kind: string; items: LinkableCandidate[] }[] = [];
  for (const kind of linkableKinds()) {
    const list = kinds.get(kind)!.list;
    if (!list) continue;
    const items = (await list(tx, orgId, actor)).slice(0, LINKABLE_LIST_MAX);
    if (items.length > 0) out.push({ kind, items });
  }
  return out;
}

export interface RecordRef {
  kind: string;
  id: string;
}

const key = (r: RecordRef) => `${r.kind}:${r.id}`;

/**
 * What `actor` may see of each reference, one query per kind. The answer is keyed `<kind>:<id>`;
 * a reference of an unknown kind, or one the kind's resolver leaves out, is not in it.
 */
export async function resolveRecordLinks(tx: Queryable, orgId: string, refs: readonly RecordRef[], actor: Actor): Promise<Map<string, LinkedRecord>> {
  const byKind = new Map<string, Set<string>>();
  for (const r of refs) {
    if (!kinds.has(r.kind)) continue;
    const set = byKind.get(r.kind) ?? new Set<string>();
    set.add(r.id);
    byKind.set(r.kind, set);
  }
  const out = new Map<string, LinkedRecord>();
  for (const [kind, ids] of byKind) {
    const found = await kinds.get(kind)!.resolve(tx, orgId, [...ids], actor);
    for (const [id, rec] of found) if (ids.has(id)) out.set(key({ kind, id }), rec);
  }
  return out;
}

export const recordRefKey = key;
