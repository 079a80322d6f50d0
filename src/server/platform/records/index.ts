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
