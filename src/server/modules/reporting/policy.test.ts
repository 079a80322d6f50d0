import { describe, expect, it } from 'vitest';
import type { OpenRecordKey } from '../../platform/vault/index.js';
import { checkAnswers, route } from './filing.js';
import { DEFAULT_QUESTIONS } from './defaults.js';
import { permissions } from './policy.js';
import { PortalSessions } from './portal.js';

describe('what a part in a report allows', () => {
  it('recipients take the steps the status allows; an investigator only writes; counsellors, advisers and chiefs only read or nothing', () => {
    expect(permissions(['recipient'], 'received')).toEqual({ acknowledge: true, admissibility: false, investigator: true, message: true, feedback: false, close: false });
    expect(permissions(['recipient'], 'in_progress')).toEqual({ acknowledge: false, admissibility: true, investigator: true, message: true, feedback: true, close: true });
    expect(Object.values(permissions(['recipient'], 'closed')).some(Boolean)).toBe(false);
    expect(permissions(['investigator'], 'in_progress')).toEqual({ acknowledge: false, admissibility: false, investigator: false, message: true, feedback: false, close: false });
    for (const kinds of [['counsellor'], ['adviser'], ['escalation'], []] as const) {
      expect(Object.values(permissions([...kinds], 'in_progress')).some(Boolean), kinds.join()).toBe(false);
    }
  });
});

describe('routing a report', () => {
  it('goes to the primaries not excluded, else the alternates not excluded, else nobody', () => {
    expect(route(['a', 'b'], ['c'], new Set())).toEqual({ to: ['a', 'b'], routedTo: 'primary' });
    expect(route(['a', 'b'], ['c'], new Set(['a']))).toEqual({ to: ['b'], routedTo: 'primary' });
    expect(route(['a', 'b'], ['c', 'd'], new Set(['a', 'b', 'd']))).toEqual({ to: ['c'], routedTo: 'alternate' });
    expect(route(['a'], ['c'], new Set(['a', 'c']))).toBeNull();
    expect(route([], [], new Set())).toBeNull();
  });
});

describe('answers against the questions', () => {
  const today = '2026-03-10';
  it('keeps the non-empty answers, trimmed', () => {
    expect(checkAnswers(DEFAULT_QUESTIONS, { what: '  feiten \n', where: '', reported_before: 'no' }, today)).toEqual({ what: 'feiten', reported_before: 'no' });
  });
  it('refuses a date that is no day or lies ahead', () => {
    const qs = [...DEFAULT_QUESTIONS, { id: 'since', kind: 'date' as const, label: { nl: 'Sinds?' }, required: false }];
    expect(checkAnswers(qs, { what: 'x', since: '2026-03-10' }, today)).toMatchObject({ since: '2026-03-10' });
    for (const d of ['2026-02-30', '10/03/2026', '2026-03-11']) expect(() => checkAnswers(qs, { what: 'x', since: d }, today), d).toThrow(/reporting_answer_invalid/);
  });
});

describe('portal sessions in memory', () => {
  const key = (recordId = 'r1'): OpenRecordKey => ({ organisationId: 'o1', recordType: 'report', recordId, keyId: 'k', key: Buffer.alloc(32, 7) });

  it('a token works for its organisation only, ends after 30 idle minutes, and its key is wiped', () => {
    let now = 0;
    const s = new PortalSessions({ now: () => now });
    const k = key();
    const token = s.open('o1', k);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(s.get(token, 'o2')).toBeNull();
    now += 29 * 60_000;
    expect(s.get(token, 'o1')?.key.recordId).toBe('r1');
    now += 29 * 60_000;
    expect(s.get(token, 'o1')).not.toBeNull();
    now += 31 * 60_000;
    expect(s.get(token, 'o1')).toBeNull();
    expect(k.key.equals(Buffer.alloc(32))).toBe(true);
    expect(s.size).toBe(0);
  });

  it('is bounded: the least recently used go first; a report\'s sessions can be ended together', () => {
    const s = new PortalSessions({ max: 3 });
    const tokens = ['a', 'b', 'c', 'd'].map((r) => s.open('o1', key(r)));
    expect(s.size).toBe(3);
    expect(s.get(tokens[0], 'o1')).toBeNull();
    expect(s.get(tokens[3], 'o1')).not.toBeNull();
    s.forgetReport('o1', 'c');
    expect(s.get(tokens[2], 'o1')).toBeNull();
    expect(s.get(undefined, 'o1')).toBeNull();
  });
});
