import { describe, expect, it } from 'vitest';
import { parseCode, renumberCodes, suggestCode, type CodeObjective } from './plan-codes.js';

const od = (id: string, code: string | null, actions: (string | null)[] = []): CodeObjective =>
  ({ id, code, actions: actions.map((c, i) => ({ id: `${id}-a${i}`, code: c })), children: [] });
const sd = (id: string, code: string | null, children: CodeObjective[] = [], actions: (string | null)[] = []): CodeObjective =>
  ({ id, code, children, actions: actions.map((c, i) => ({ id: `${id}-a${i}`, code: c })) });

describe('parseCode', () => {
  it('splits the prefix from the numbers of the styles the templates use', () => {
    expect(parseCode('SD 3')).toEqual({ prefix: 'SD ', path: [3] });
    expect(parseCode('O.D. 1.10')).toEqual({ prefix: 'O.D. ', path: [1, 10] });
    expect(parseCode('3.1.2.4')).toEqual({ prefix: '', path: [3, 1, 2, 4] });
    expect(parseCode('A 3.2.1.')).toEqual({ prefix: 'A ', path: [3, 2, 1] });
    expect(parseCode('Thema')).toBeNull();
    expect(parseCode('')).toBeNull();
    expect(parseCode(null)).toBeNull();
  });
});

describe('suggestCode', () => {
  const plan = [
    sd('s1', 'SD 1', [od('o11', 'OD 1.1', ['A 1.1.1', 'A 1.1.2']), od('o12', 'OD 1.2')]),
    sd('s2', 'SD 2', [od('o21', 'OD 2.1')]),
  ];

  it('continues the plan: SD 3, OD 1.3, A 1.1.3, A 1.2.1', () => {
    expect(suggestCode(plan, 'nl', { level: 'sd' })).toBe('SD 3');
    expect(suggestCode(plan, 'nl', { level: 'od', parentId: 's1' })).toBe('OD 1.3');
    expect(suggestCode(plan, 'nl', { level: 'action', objectiveId: 'o11' })).toBe('A 1.1.3');
    expect(suggestCode(plan, 'nl', { level: 'action', objectiveId: 'o12' })).toBe('A 1.2.1');
    expect(suggestCode(plan, 'nl', { level: 'od', parentId: 's2' })).toBe('OD 2.2');
  });

  it('counts naturally (after 1.9 comes 1.10) and past gaps', () => {
    const nine = [sd('s', 'SD 1', Array.from({ length: 9 }, (_x, i) => od(`o${i}`, `OD 1.${i + 1}`)))];
    expect(suggestCode(nine, 'nl', { level: 'od', parentId: 's' })).toBe('OD 1.10');
    expect(suggestCode([sd('a', 'SD 1'), sd('b', 'SD 7')], 'nl', { level: 'sd' })).toBe('SD 8');
  });

  it('follows the style of the plan: Elsene S.D./O.D., Schoten bare numbers under chapter 3.1', () => {
    const elsene = [sd('s1', 'S.D. 1', [od('o', 'O.D. 1.1')]), sd('s2', 'S.D. 2')];
    expect(suggestCode(elsene, 'nl', { level: 'sd' })).toBe('S.D. 3');
    expect(suggestCode(elsene, 'nl', { level: 'od', parentId: 's2' })).toBe('O.D. 2.1');
    const schoten = [sd('s1', '3.1.1', [od('o1', '3.1.1.1'), od('o2', '3.1.1.2')]), sd('s2', '3.1.2')];
    expect(suggestCode(schoten, 'nl', { level: 'sd' })).toBe('3.1.3');
    expect(suggestCode(schoten, 'nl', { level: 'od', parentId: 's1' })).toBe('3.1.1.3');
    expect(suggestCode(schoten, 'nl', { level: 'action', objectiveId: 'o2' })).toBe('A 3.1.1.2.1');
  });

  it('gives an empty plan the codes of its language', () => {
    expect(suggestCode([], 'nl', { level: 'sd' })).toBe('SD 1');
    expect(suggestCode([], 'fr', { level: 'sd' })).toBe('OS 1');
    expect(suggestCode([sd('s', 'OS 1')], 'fr', { level: 'od', parentId: 's' })).toBe('OO 1.1');
    expect(suggestCode([sd('s', 'SZ 1', [od('o', 'OZ 1.1')])], 'de', { level: 'action', objectiveId: 'o' })).toBe('M 1.1.1');
  });

  it('numbers by place in the tree where codes are missing, and knows no unknown parent', () => {
    const bare = [sd('s1', null), sd('s2', '', [od('o', null)])];
    expect(suggestCode(bare, 'nl', { level: 'sd' })).toBe('SD 3');
    expect(suggestCode(bare, 'nl', { level: 'od', parentId: 's2' })).toBe('OD 2.2');
    expect(suggestCode(bare, 'nl', { level: 'action', objectiveId: 'o' })).toBe('A 2.1.1');
    expect(suggestCode(bare, 'nl', { level: 'od', parentId: 'nope' })).toBe('');
  });
});

describe('renumberCodes', () => {
  it('numbers every objective and action in tree order and returns only what changes', () => {
    const plan = [
      sd('s1', 'SD 1', [od('o1', 'OD 1.1', ['A 1.1.1', null, 'A 1.1.7']), od('o2', 'OD 1.5')]),
      sd('s2', 'SD 4', [od('o3', 'OD 4.1', ['x'])], ['A 9']),
    ];
    expect(renumberCodes(plan, 'nl')).toEqual({
      objectives: [{ id: 'o2', code: 'OD 1.2' }, { id: 's2', code: 'SD 2' }, { id: 'o3', code: 'OD 2.1' }],
      actions: [{ id: 'o1-a1', code: 'A 1.1.2' }, { id: 'o1-a2', code: 'A 1.1.3' }, { id: 's2-a0', code: 'A 2.1' }, { id: 'o3-a0', code: 'A 2.1.1' }],
    });
  });

  it('keeps the plan style, the chapter base of Schoten included, and is stable when run twice', () => {
    const schoten = [sd('s1', '3.1.1', [od('o1', '3.1.1.1'), od('o2', '3.1.1.4')]), sd('s2', '3.1.3')];
    const once = renumberCodes(schoten, 'nl');
    expect(once.objectives).toEqual([{ id: 'o2', code: '3.1.1.2' }, { id: 's2', code: '3.1.2' }]);
    const applied = [sd('s1', '3.1.1', [od('o1', '3.1.1.1'), od('o2', '3.1.1.2')]), sd('s2', '3.1.2')];
    expect(renumberCodes(applied, 'nl')).toEqual({ objectives: [], actions: [] });
  });
});
