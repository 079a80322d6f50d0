import { describe, expect, it } from 'vitest';
import { compareCodes, sortByCode } from './natural-sort.js';

describe('natural order of codes', () => {
  it('compares digit runs as numbers', () => {
    expect(['SD 10', 'SD 2', 'SD 1'].sort(compareCodes)).toEqual(['SD 1', 'SD 2', 'SD 10']);
    expect(['O.D. 1.10', 'O.D. 1.2', 'O.D. 1.1'].sort(compareCodes)).toEqual(['O.D. 1.1', 'O.D. 1.2', 'O.D. 1.10']);
    expect(['3.1.10', '3.1.2', '3.10.1', '3.2.1'].sort(compareCodes)).toEqual(['3.1.2', '3.1.10', '3.2.1', '3.10.1']);
    expect(['A 3.2.10', 'A 3.2.9'].sort(compareCodes)).toEqual(['A 3.2.9', 'A 3.2.10']);
  });

  it('ignores case, puts empty codes last and keeps ties in order', () => {
    expect(compareCodes('sd 2', 'SD 2')).toBe(0);
    expect(['', 'SD 2', null, 'SD 1'].sort(compareCodes)).toEqual(['SD 1', 'SD 2', '', null]);
    const items = [{ c: 'B', n: 1 }, { c: 'A', n: 2 }, { c: 'B', n: 3 }, { c: '', n: 4 }, { c: 'A', n: 5 }];
    expect(sortByCode(items, (i) => i.c).map((i) => i.n)).toEqual([2, 5, 1, 3, 4]);
  });
});
