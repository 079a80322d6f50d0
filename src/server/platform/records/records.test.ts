import { describe, expect, it } from 'vitest';
import type { Actor } from '../authz/actor.js';
import type { Queryable } from '../db/pool.js';
import { isLinkableKind, LINKABLE_LIST_MAX, linkableKinds, listLinkableRecords, registerLinkableRecords, resolveRecordLinks, type LinkableRecordKind } from './index.js';

/** The registry of linkable record kinds: one resolver per kind, asked once per kind with the ids of that kind only. */

const tx = {} as Queryable;
const actor = { userId: 'u' } as unknown as Actor;

describe('linkable records', () => {
  it('routes each reference to its kind\'s resolver, once per kind, and leaves out what the resolver does not answer', async () => {
    const calls: { kind: string; ids: readonly string[] }[] = [];
    const make = (kind: string, visible: string[]): LinkableRecordKind => ({
      kind,
      resolve: async (_tx, orgId, ids) => {
        calls.push({ kind, ids });
        // A resolver that answers more than it was asked must not leak into the answer either.
        return new Map([...ids, 'extra'].filter((id) => visible.includes(id)).map((id) => [id, { title: `${kind} ${id} of ${orgId}`, url: `/x/${id}` }]));
      },
    });
    registerLinkableRecords(make('test.alpha', ['a1', 'extra']), make('test.beta', ['b1']));
    expect(isLinkableKind('test.alpha')).toBe(true);
    expect(isLinkableKind('test.gamma')).toBe(false);
    expect(linkableKinds()).toEqual(expect.arrayContaining(['test.alpha', 'test.beta']));

    const out = await resolveRecordLinks(tx, 'org', [
      { kind: 'test.alpha', id: 'a1' }, { kind: 'test.alpha', id: 'a2' }, { kind: 'test.alpha', id: 'a1' },
      { kind: 'test.beta', id: 'b1' }, { kind: 'test.gamma', id: 'g1' },
    ], actor);
    expect([...out.keys()].sort()).toEqual(['test.alpha:a1', 'test.beta:b1']);
    expect(out.get('test.alpha:a1')).toEqual({ title: 'test.alpha a1 of org', url: '/x/a1' });
    expect(calls).toEqual([{ kind: 'test.alpha', ids: ['a1', 'a2'] }, { kind: 'test.beta', ids: ['b1'] }]);
    expect((await resolveRecordLinks(tx, 'org', [], actor)).size).toBe(0);
  });

  it('refuses a kind not written module.what, and a second resolver for a kind', () => {
    expect(() => registerLinkableRecords({ kind: 'NoDot', resolve: async () => new Map() })).toThrow(/module/);
    const resolve = async () => new Map();
    registerLinkableRecords({ kind: 'test.once', resolve });
    registerLinkableRecords({ kind: 'test.once', resolve });
    expect(() => registerLinkableRecords({ kind: 'test.once', resolve: async () => new Map() })).toThrow(/twice/);
  });

  it('lists, per kind that offers a list, what the actor may pick; kinds without a list or with nothing to pick are left out', async () => {
    const many = Array.from({ length: LINKABLE_LIST_MAX + 5 }, (_, i) => ({ id: `l${i}`, title: `L ${i}`, url: `/l/${i}`, date: null }));
    const seen: string[] = [];
    registerLinkableRecords(
      { kind: 'test.listed', resolve: async () => new Map(), list: async (_tx, orgId, a) => { seen.push(`${orgId}/${a.userId}`); return many; } },
      { kind: 'test.empty', resolve: async () => new Map(), list: async () => [] },
    );
    const groups = await listLinkableRecords(tx, 'org', actor);
    expect(groups.map((g) => g.kind)).toContain('test.listed');
    expect(groups.map((g) => g.kind)).not.toContain('test.empty');
    expect(groups.map((g) => g.kind)).not.toContain('test.alpha');
    expect(groups.find((g) => g.kind === 'test.listed')!.items).toEqual(many.slice(0, LINKABLE_LIST_MAX));
    expect(seen).toEqual(['org/u']);
  });
});
